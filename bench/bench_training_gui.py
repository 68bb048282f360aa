"""Training lab: GUI-driven training speed against core's headless loop, and GUI latency.

Run by hand (it opens a window; use a real display or Xvfb):

    .venv/bin/python bench/bench_training_gui.py [--seconds 8] [--size 1280x800]
    .venv/bin/python bench/bench_training_gui.py --memory 50000


In one process it measures, for depth 10, width 16, batch 128, sigmoid:
  1. core's headless loop: ``Trainer.train_step()`` in a plain loop, and
     ``Trainer.run(steps, record_every=10)`` (what the GUI does: record every 10th step);
  2. the Training lab tab training the same config with histograms animating, with a
     QTimer probe firing every 5 ms that records how late each firing is (event-loop
     latency as a user would feel it);
  3. the headless loop again (the machine's load drifts; the two headless runs bracket).
Targets: GUI steps/s >= 0.8 x headless, probe lateness p99 < 30 ms. The GUI thread's CPU
time per frame is printed too: it is steadier than the ratios on a shared machine, and it
is what the worker loses (the two threads share the GIL).

``--memory STEPS`` instead trains the same net in the tab for STEPS steps at full speed,
recording as often as the tab does (asked for every step), and prints the process's
resident memory every 10,000 steps, from step 100 on (the worker up and drawing): it
should level off once the timeline's history and its decision boundaries are full
(target: < 50 MB of growth over 50,000 steps).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # before Qt, as main.py does

from core.training import Trainer, TrainingConfig

CONFIG = TrainingConfig(activation="sigmoid", depth=10, width=16, batch=128)
RECORD_EVERY = 10


def headless(seconds: float) -> tuple[float, float]:
    """(plain train_step steps/s, Trainer.run(record_every=10) steps/s)."""
    torch.set_num_threads(1)  # what the worker thread uses
    t = Trainer(CONFIG)
    for _ in range(50):
        t.train_step()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds / 2:
        t.train_step()
        n += 1
    plain = n / (time.perf_counter() - t0)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds / 2:
        t.run(100, RECORD_EVERY)
        n += 100
    recorded = n / (time.perf_counter() - t0)
    return plain, recorded


def open_tab(width: int, height: int, record_every: int):
    """(the QApplication, a shown Training lab tab with CONFIG set)."""
    from PySide6.QtWidgets import QApplication

    from gui.training.training_tab import TrainingTab

    app = QApplication.instance() or QApplication([])
    tab = TrainingTab()
    tab.resize(width, height)
    tab.show()
    tab.controller.set_config(CONFIG)
    tab.view.run_controls.record_every_spin.setValue(record_every)
    return app, tab


def gui(seconds: float, width: int, height: int) -> dict[str, float]:
    from PySide6.QtCore import QTimer

    app, tab = open_tab(width, height, RECORD_EVERY)
    c = tab.controller
    state: dict = {"phase": "warmup", "late": [], "last": None}
    result: dict[str, float] = {}
    t_start = time.perf_counter()

    def trainer_step() -> int:
        thread = c.training_thread
        trainers = thread.worker._trainers if thread else []
        return trainers[0].step if trainers else 0

    def probe() -> None:
        now = time.perf_counter()
        if state["last"] is not None:
            state["late"].append(now - state["last"] - 0.005)
        state["last"] = now
        phase = state["phase"]
        if phase == "warmup" and c.latest_step() == 0 and now - t_start > 1.0:
            c.start()
            state.update(phase="running", t_run=now)
        elif phase == "running" and now - state["t_run"] > 4.0:  # past the record burst
            state.update(
                phase="measure",
                t0=now,
                s0=trainer_step(),
                f0=c.frames_drawn,
                cpu0=time.thread_time(),  # the GUI thread's own CPU time
                late=[],
            )
        elif phase == "measure" and now - state["t0"] >= seconds:
            dt = now - state["t0"]
            late = sorted(state["late"])
            frames = max(c.frames_drawn - state["f0"], 1)
            result.update(
                gui_cpu_ms_per_frame=1000 * (time.thread_time() - state["cpu0"]) / frames,
                gui_cpu_share=(time.thread_time() - state["cpu0"]) / dt,
                steps_per_s=(trainer_step() - state["s0"]) / dt,
                fps=(c.frames_drawn - state["f0"]) / dt,
                late_p50_ms=1000 * statistics.median(late),
                late_p99_ms=1000 * late[int(0.99 * (len(late) - 1))],
                late_max_ms=1000 * late[-1],
            )
            state["phase"] = "done"
            tab.close()  # joins the worker
            app.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    timer.start()
    app.exec()
    timer.stop()
    return result


def resident_mb() -> float:
    """Resident memory of this process (Linux /proc; elsewhere psutil if installed)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20
    except OSError:
        import psutil  # not a dependency of the app

        return psutil.Process().memory_info().rss / 2**20


def memory(steps: int, width: int, height: int) -> None:
    app, tab = open_tab(width, height, record_every=1)
    c = tab.controller
    tab.view.run_controls.stop_after_spin.setValue(min(steps + 10_000, 1_000_000))

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()

    spin(1.0)
    c.start()
    t0 = time.monotonic()
    while c.latest_step() < 100:  # the worker is up and its first records are drawn
        spin(0.1)
    base = resident_mb()
    print(f"step {c.latest_step():7d}: {base:.1f} MB resident")
    for mark in range(10_000, steps + 1, 10_000):
        while c.latest_step() < mark:
            spin(0.2)
        mb = resident_mb()
        print(
            f"step {c.latest_step():7d}  {time.monotonic() - t0:6.0f} s  {mb:7.1f} MB"
            f"  (+{mb - base:.1f})  records kept {len(c.histories[0])}"
            f", boundaries kept {len(c.boundaries)}",
            flush=True,
        )
    tab.close()  # joins the worker


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1920x1080")
    parser.add_argument("--memory", type=int, metavar="STEPS", help="memory growth run")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    if args.memory:
        memory(args.memory, w, h)
        return 0
    plain1, rec1 = headless(args.seconds)
    g = gui(args.seconds, w, h)
    plain2, rec2 = headless(args.seconds)
    plain, rec = (plain1 + plain2) / 2, (rec1 + rec2) / 2
    print(
        f"config: {CONFIG.activation}, depth {CONFIG.depth}, width {CONFIG.width}, "
        f"batch {CONFIG.batch}; window {w}x{h}"
    )
    print(f"headless train_step loop:          {plain:8.0f} steps/s ({plain1:.0f}, {plain2:.0f})")
    label = f"headless run(record_every={RECORD_EVERY}):"
    print(f"{label:35s}{rec:8.0f} steps/s ({rec1:.0f}, {rec2:.0f})")
    print(
        f"GUI (histograms animating):        {g['steps_per_s']:8.0f} steps/s, "
        f"{g['fps']:.1f} frames/s"
    )
    print(
        f"GUI thread CPU:                    {g['gui_cpu_ms_per_frame']:8.1f} ms per frame "
        f"({100 * g['gui_cpu_share']:.0f}% of one core; the worker waits for the GIL meanwhile)"
    )
    print(f"  ratio vs plain loop:             {g['steps_per_s'] / plain:8.2f}  (target >= 0.8)")
    print(f"  ratio vs run(record_every={RECORD_EVERY}):   {g['steps_per_s'] / rec:8.2f}")
    print(
        f"event-loop lateness (5 ms probe):  p50 {g['late_p50_ms']:.1f} ms, "
        f"p99 {g['late_p99_ms']:.1f} ms (target < 30), max {g['late_max_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

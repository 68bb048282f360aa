"""Explorer drag latency: parameter change → new plot data → finished repaint.

In-process, offscreen Qt. Four overlaid functions with parameters (ELU, Leaky ReLU,
Swish, Softplus) and their derivatives at 2001 points. Each function in turn is made
current and its first parameter's slider is moved programmatically, drag-like (a random
walk of a few ticks per event) or, with --jumps, anywhere in its range; after each change
the plot widget is repainted synchronously (``repaint()`` paints the whole plot area, and
whatever else in the window is dirty, before returning). Reports p50/p95/max over the
changes, in wall-clock time and in CPU time of the GUI thread (which other processes on
a shared machine disturb much less). ``--runs N`` repeats the measurement and reports the
median of the p95s, with the load average: on a shared machine p95 is mostly other
processes.

    .venv/bin/python bench/bench_explorer.py [--changes 400] [--size 1280x800] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch  # noqa: F401  (torch before Qt, as main.py does)
from PySide6.QtWidgets import QApplication

FUNCTIONS = ("elu", "leaky_relu", "swish", "softplus")  # each has a parameter to drag
TARGET_P95_MS = 5.0


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def run(changes: int, width: int, height: int, jumps: bool) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    from gui.explorer.explorer_tab import ExplorerTab

    tab = ExplorerTab(auto_measure_cost=False)
    tab.resize(width, height)
    tab.show()
    view, ctrl = tab.view, tab.controller
    for aid in ("sigmoid", "relu"):
        view.function_list.set_checked(aid, False)
    for aid in FUNCTIONS:
        view.function_list.set_checked(aid, True)
    rng = np.random.default_rng(1)
    app.processEvents()
    graphics = view.plots.graphics
    times_data: list[float] = []
    times_total: list[float] = []
    cpu_total: list[float] = []
    per_function = changes // len(FUNCTIONS)
    for aid in FUNCTIONS:
        # Select the function (rebuilds the parameter panel), then drag its slider.
        view.function_list.set_current(aid)
        app.processEvents()
        slider = next(iter(view.parameters.sliders.values())).slider
        lo, hi = slider.minimum(), slider.maximum()
        tick = slider.value()
        for i in range(per_function + 5):
            if jumps:
                tick = int(rng.integers(lo, hi + 1))
            else:  # a drag: the mouse moves a few ticks per event, back and forth
                tick = int(np.clip(tick + rng.integers(-hi // 50 - 1, hi // 50 + 2), lo, hi))
            c0 = time.thread_time()
            t0 = time.perf_counter()
            slider.setValue(tick)  # as a drag does: valueChanged → controller → setData
            t1 = time.perf_counter()
            graphics.viewport().repaint()  # synchronous paint of the f/f′ plots
            t2 = time.perf_counter()
            c2 = time.thread_time()
            app.processEvents()  # the coalesced facts/depth refresh runs now and then
            if i >= 5:  # warm-up after each selection
                times_data.append((t1 - t0) * 1e3)
                times_total.append((t2 - t0) * 1e3)
                cpu_total.append((c2 - c0) * 1e3)
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return {
        "data_p50": _percentile(times_data, 50),
        "data_p95": _percentile(times_data, 95),
        "p50": _percentile(times_total, 50),
        "p95": _percentile(times_total, 95),
        "max": max(times_total),
        "cpu_p50": _percentile(cpu_total, 50),
        "cpu_p95": _percentile(cpu_total, 95),
        "secondary_ms": _time_secondary(ctrl),
    }


def _time_secondary(ctrl) -> float:
    t0 = time.perf_counter()
    for _ in range(20):
        ctrl.refresh_secondary()
    return (time.perf_counter() - t0) / 20 * 1e3


def _load() -> str:
    if hasattr(os, "getloadavg"):
        return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=400)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--runs", type=int, default=1, help="repeat; report the median p95")
    parser.add_argument(
        "--jumps", action="store_true", help="random jumps over the whole range (worst case)"
    )
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    kind = "random jumps" if args.jumps else "drag-like random walk"
    print(f"{args.changes} parameter changes ({kind}), 4 functions + f′ at 2001 points, {w}x{h}")
    p95s: list[float] = []
    for n in range(1, args.runs + 1):
        r = run(args.changes, w, h, jumps=args.jumps)
        p95s.append(r["p95"])
        if args.runs > 1:
            print(f" run {n}/{args.runs}")
        print(
            f"  change → plot data:        p50 {r['data_p50']:.2f} ms   p95 {r['data_p95']:.2f} ms"
        )
        print(
            f"  change → data + repaint:   p50 {r['p50']:.2f} ms   p95 {r['p95']:.2f} ms   "
            f"max {r['max']:.2f} ms   (target p95 < {TARGET_P95_MS:g} ms)"
        )
        print(
            f"  same, CPU time of the GUI thread: p50 {r['cpu_p50']:.2f} ms   "
            f"p95 {r['cpu_p95']:.2f} ms"
        )
        print(f"  coalesced facts/depth refresh (not per change): {r['secondary_ms']:.2f} ms")
        print(f"  load average: {_load()}")
    median_p95 = statistics.median(p95s)
    if args.runs > 1:
        print(
            f"median p95 of {args.runs} runs: {median_p95:.2f} ms "
            f"(runs: {', '.join(f'{p:.2f}' for p in p95s)})   load average: {_load()}"
        )
    return 0 if median_p95 < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())

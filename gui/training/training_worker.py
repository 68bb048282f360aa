"""The training worker: loops core's Trainer(s) in a QThread and posts plain snapshots.

The worker never touches a widget. The GUI talks to it through thread-safe commands (a
deque under a condition variable, read between two steps) and reads what it produced from a
``TrainingMailbox`` on its own ~30 Hz timer: latest snapshot wins, no signal flood.
Everything posted is numpy arrays and floats (core's StepRecord), never tensors.

Lifetime follows superqt's ``_qthreading``: a parentless worker moved to a QThread;
``finished`` quits the thread and deletes the worker; the thread deletes itself when done.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from core.training import StepRecord, Trainer, TrainingConfig, torch_threads

BOUNDARY_GRID = 72  # decision-boundary resolution (cells per side)
# The record budget (a token bucket): a run records at the rate it asks for (record_every)
# while it has tokens; at full speed it settles to RECORD_RATE records a second, the frame
# rate (training_controller.py), since a recorded step costs several plain ones. The burst
# lets a short lecture preset (100-300 steps) keep every record it asks for.
RECORD_RATE = 20.0
RECORD_BURST = 150.0
PARK_TIMEOUT = 0.05  # the longest the worker waits for the GUI to finish a frame
# Besides the ones the GUI asks for, a recorded step gets its own decision boundary (for
# the timeline) when the worker has trained this many times as long as the last boundary
# took since it computed one: boundaries cost at most ~1/(1 + BOUNDARY_SHARE) of its time.
# A boundary's cost is the worker thread's own CPU time (the wall clock also counted time
# the thread was preempted or waited for the GIL while the GUI drew a frame: up to 2x, e.g.
# 3.9 ms wall for 1.8 ms CPU, which weighs most on a run's first boundary, the only cost
# known until the next), and "as long as the last boundary took" is the least of the last
# BOUNDARY_COSTS ones, for what the CPU clock still counts (a cold cache; on Windows,
# whose thread clock advances in 15.6 ms ticks, the wall clock is used).
BOUNDARY_SHARE = 19.0
BOUNDARY_COSTS = 8
_cost_clock = time.perf_counter if sys.platform == "win32" else time.thread_time


@dataclass(frozen=True)
class RunStarted:
    """A (re)built run: its configs and the data every run shares (same seed and data)."""

    generation: int
    configs: tuple[TrainingConfig, ...]
    x: np.ndarray
    y: np.ndarray
    input_dim: int


@dataclass(frozen=True)
class Frame:
    """One recorded step of every run, trained in lockstep."""

    generation: int
    step: int
    records: tuple[StepRecord, ...]


@dataclass(frozen=True)
class Boundary:
    """P(y = 1) on a grid over the 2-D data, one grid per run."""

    generation: int
    step: int
    extent: tuple[float, float, float, float]  # x0, x1, y0, y1
    probabilities: tuple[np.ndarray, ...]  # (grid, grid), row = y


@dataclass(frozen=True)
class RunEvent:
    """A change of state: running, paused, diverged, finished (stop-after reached), error."""

    generation: int
    kind: str
    step: int
    message: str = ""


class TrainingMailbox:
    """What the worker produced and the GUI has not read yet (thread-safe, bounded)."""

    def __init__(self, capacity: int = 4000) -> None:
        self._lock = threading.Lock()
        self._items: deque[object] = deque(maxlen=capacity)
        self._on_post: Callable[[], None] | None = None

    def post(self, item: object) -> None:
        with self._lock:
            self._items.append(item)
            callback, self._on_post = self._on_post, None
        if callback is not None:
            callback()

    def call_on_next_post(self, callback: Callable[[], None]) -> bool:
        """Have the next ``post`` call ``callback`` (once, in the posting thread); False,
        and nothing registered, if items are already waiting."""
        with self._lock:
            if self._items:
                return False
            self._on_post = callback
            return True

    def take_all(self) -> list[object]:
        with self._lock:
            items = list(self._items)
            self._items.clear()
        return items


class TrainingWorker(QObject):
    """Owns the Trainer(s); ``run`` loops until ``abort``. Public methods are thread-safe."""

    finished = Signal()

    def __init__(self, mailbox: TrainingMailbox) -> None:
        super().__init__()
        self.mailbox = mailbox
        self._cond = threading.Condition()
        self._commands: deque[tuple[str, object]] = deque()
        self._abort = False
        # Cleared while the GUI draws a frame: the worker parks between two steps so the
        # GUI thread holds the GIL uncontested (see hold_for_gui).
        self._gui_free = threading.Event()
        self._gui_free.set()
        # Worker-thread state (only touched inside run()).
        self._trainers: list[Trainer] = []
        self._generation = 0
        self._running = False
        self._pending_steps = 0
        self._steps_per_second: float | None = None
        self._stop_after: int | None = None
        self._record_every = 1
        self._boundary_wanted = False
        self._grid: np.ndarray | None = None
        self._extent = (0.0, 1.0, 0.0, 1.0)
        self._tokens = RECORD_BURST
        self._token_time = time.perf_counter()
        self._last_recorded_step = -1
        self._boundary_costs: deque[float] = deque(maxlen=BOUNDARY_COSTS)  # seconds of CPU each
        self._boundary_done = 0.0  # perf_counter() when the last was done

    # -- commands (any thread) ------------------------------------------------------------
    def _send(self, name: str, value: object = None) -> None:
        with self._cond:
            self._commands.append((name, value))
            self._cond.notify()

    def reset(self, configs: Sequence[TrainingConfig], generation: int) -> None:
        """Build fresh trainers (validated configs) and record step 0; stays paused."""
        self._send("reset", (tuple(configs), generation))

    def resume(self) -> None:
        self._send("resume")

    def pause(self) -> None:
        self._send("pause")

    def step_once(self) -> None:
        self._send("step")

    def set_learning_rate(self, lr: float) -> None:
        self._send("lr", float(lr))

    def set_speed(self, steps_per_second: float | None) -> None:
        """A target rate, or None for as fast as the CPU allows."""
        self._send("speed", steps_per_second)

    def set_stop_after(self, steps: int | None) -> None:
        self._send("stop_after", steps)

    def set_record_every(self, steps: int) -> None:
        self._send("record_every", max(1, int(steps)))

    def request_boundary(self) -> None:
        self._send("boundary")

    def hold_for_gui(self) -> None:
        """Park the worker at its next step boundary until ``release_for_gui``.

        Python threads share one GIL: a GUI frame is many short Python calls, and each
        one would otherwise wait a whole switch interval behind a busy training loop.
        Parking for the few milliseconds a frame takes costs training less than that
        contention costs the frame. The worker never waits longer than PARK_TIMEOUT.
        """
        self._gui_free.clear()

    def release_for_gui(self) -> None:
        self._gui_free.set()

    def abort(self) -> None:
        """Stop the loop within one step; safe to call more than once."""
        with self._cond:
            self._abort = True
            self._cond.notify()
        self._gui_free.set()

    # -- the loop (worker thread) ---------------------------------------------------------
    @Slot()
    def run(self) -> None:
        import torch

        torch.set_num_threads(torch_threads())  # leaves a core for the GUI
        try:
            while not self._loop():
                pass
        finally:
            self.finished.emit()

    def _loop(self) -> bool:
        """Run until aborted (True) or until an error, which is reported and leaves the
        worker paused and alive for the next command (False)."""
        try:
            self._loop_until_abort()
        except Exception as exc:  # a bug or a numerical failure in core: tell the GUI
            self._running = False
            self._pending_steps = 0
            self.mailbox.post(RunEvent(self._generation, "error", self._step(), repr(exc)))
            return False
        return True

    def _loop_until_abort(self) -> None:
        next_due = time.perf_counter()
        while True:
            with self._cond:
                while not (
                    self._abort or self._commands or self._boundary_wanted or self._wants_step()
                ):
                    self._cond.wait()
                if self._abort:
                    return
                commands = list(self._commands)
                self._commands.clear()
            for name, value in commands:
                self._apply(name, value)
            if self._boundary_wanted and self._trainers:
                self._post_boundary()
            if not self._wants_step():
                continue
            if self._steps_per_second and self._pending_steps == 0:
                now = time.perf_counter()
                if now < next_due:
                    with self._cond:
                        if not self._abort and not self._commands:
                            self._cond.wait(next_due - now)
                    continue
                next_due = max(next_due + 1.0 / self._steps_per_second, now - 0.25)
            if not self._gui_free.is_set():
                self._gui_free.wait(PARK_TIMEOUT)
            self._train_one_step()

    def _wants_step(self) -> bool:
        return bool(self._trainers) and (self._running or self._pending_steps > 0)

    def _step(self) -> int:
        return max((t.step for t in self._trainers), default=0)

    def _apply(self, name: str, value: object) -> None:
        if name == "reset":
            configs, generation = value  # type: ignore[misc]
            self._build(configs, generation)
        elif name == "resume" and self._trainers:
            if not self._any_live():
                self._report_diverged()  # nothing left to run: stay paused, say why
            elif not self._at_stop_after():
                self._set_running(True)
        elif name == "pause":
            self._pending_steps = 0
            if self._running:
                self._set_running(False)
                self._record_now()
        elif name == "step":
            if self._running:
                self._set_running(False)
            if self._trainers and not self._any_live():
                self._report_diverged()
            else:
                self._pending_steps += 1
        elif name == "lr":
            for trainer in self._trainers:
                trainer.set_learning_rate(value)  # type: ignore[arg-type]
        elif name == "speed":
            self._steps_per_second = value  # type: ignore[assignment]
        elif name == "stop_after":
            self._stop_after = value  # type: ignore[assignment]
        elif name == "record_every":
            self._record_every = value  # type: ignore[assignment]
        elif name == "boundary":
            self._boundary_wanted = True

    def _set_running(self, running: bool) -> None:
        self._running = running
        kind = "running" if running else "paused"
        self.mailbox.post(RunEvent(self._generation, kind, self._step()))

    def _any_live(self) -> bool:
        return any(t.diverged_at is None for t in self._trainers)

    def _report_diverged(self) -> None:
        self.mailbox.post(RunEvent(self._generation, "diverged", self._step()))

    def _at_stop_after(self) -> bool:
        return self._stop_after is not None and self._step() >= self._stop_after

    def _build(self, configs: tuple[TrainingConfig, ...], generation: int) -> None:
        self._generation = generation
        self._running = False
        self._pending_steps = 0
        self._trainers = [Trainer(c) for c in configs]
        self._boundary_costs.clear()  # another net, another cost
        data = self._trainers[0].dataset
        x = np.array(data.x, dtype=np.float32, copy=True)
        y = np.array(data.y, dtype=np.float32, copy=True)
        self.mailbox.post(RunStarted(generation, tuple(configs), x, y, int(data.input_dim)))
        self._grid = None
        if data.input_dim == 2:
            lo = x.min(axis=0)
            hi = x.max(axis=0)
            pad = 0.1 * np.maximum(hi - lo, 1e-6)
            x0, y0 = (lo - pad).tolist()
            x1, y1 = (hi + pad).tolist()
            gx = np.linspace(x0, x1, BOUNDARY_GRID, dtype=np.float32)
            gy = np.linspace(y0, y1, BOUNDARY_GRID, dtype=np.float32)
            xx, yy = np.meshgrid(gx, gy)
            self._grid = np.column_stack([xx.ravel(), yy.ravel()])
            self._extent = (x0, x1, y0, y1)
        self._last_recorded_step = -1
        self._tokens = RECORD_BURST
        self._record_now()
        self._boundary_wanted = True

    def _train_one_step(self) -> None:
        """One update of every run; the recorded steps use the update's own instrumented
        forward/backward (``train_step(record=True)``), so recording costs no extra pass."""
        live = [t.diverged_at is None for t in self._trainers]
        if not any(live):
            self._running = False
            self._pending_steps = 0
            self._report_diverged()
            return
        step_before = self._step()
        record = (
            step_before != self._last_recorded_step
            and step_before % self._record_every == 0
            and self._record_due()
        )
        if record and self._grid is not None:
            elapsed = time.perf_counter() - self._boundary_done
            cost = min(self._boundary_costs, default=0.0)
            if elapsed >= BOUNDARY_SHARE * cost:
                self._post_boundary()  # of the state this step records, before its update
        # A run that diverged earlier hands back its record of that step and stays there;
        # the others train on (Start after one run of a comparison diverged).
        results = [t.train_step(record=record) for t in self._trainers]
        diverged = any(
            r is not None and r.diverged and was_live
            for r, was_live in zip(results, live, strict=True)
        )
        if record or diverged:
            # A diverged trainer returns the record of the step that failed (not applied).
            frame = tuple(
                r if r is not None else t.record()
                for r, t in zip(results, self._trainers, strict=True)
            )
            self._post_frame(step_before, frame)
        if self._pending_steps > 0:
            self._pending_steps -= 1
        step = self._step()
        manual = not self._running
        if diverged:
            self._running = False
            self._pending_steps = 0
            self._report_diverged()
            self._boundary_wanted = True
            return
        if self._at_stop_after():
            self._running = False
            self._pending_steps = 0
            self._record_now()
            self.mailbox.post(RunEvent(self._generation, "finished", step))
            self._boundary_wanted = True
        elif manual and self._pending_steps == 0:
            self._record_now()
            self._boundary_wanted = True

    def _record_due(self) -> bool:
        if self._steps_per_second is not None and self._steps_per_second <= 60:
            return True  # slow motion: every step is a frame
        now = time.perf_counter()
        self._tokens = min(RECORD_BURST, self._tokens + (now - self._token_time) * RECORD_RATE)
        self._token_time = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True

    def _record_now(self) -> None:
        """Record the current state (no update), unless this step is already recorded."""
        step = self._step()
        if step == self._last_recorded_step or not self._trainers:
            return
        self._post_frame(step, tuple(t.record() for t in self._trainers))

    def _post_frame(self, step: int, records: tuple[StepRecord, ...]) -> None:
        self._last_recorded_step = step
        self.mailbox.post(Frame(self._generation, step, records))

    def _post_boundary(self) -> None:
        self._boundary_wanted = False
        if self._grid is None:
            return
        start = _cost_clock()
        n = BOUNDARY_GRID
        probs = []
        for trainer in self._trainers:
            p = np.asarray(trainer.predict_proba(self._grid), dtype=np.float32).reshape(n, n)
            probs.append(np.nan_to_num(p, nan=0.5).copy())
        self.mailbox.post(Boundary(self._generation, self._step(), self._extent, tuple(probs)))
        self._boundary_costs.append(_cost_clock() - start)
        self._boundary_done = time.perf_counter()


class TrainingThread:
    """A QThread running one TrainingWorker, with a shutdown that always joins.

    The QThread is parented to the application so a thread left running is visible to
    ``QCoreApplication.findChildren(QThread)`` (tests/gui/conftest.py checks that).
    """

    def __init__(self, mailbox: TrainingMailbox) -> None:
        self.worker = TrainingWorker(mailbox)
        self.thread: QThread | None = QThread(QCoreApplication.instance())
        self.thread.setObjectName("TrainingThread")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)
        self.worker.finished.connect(self.worker.deleteLater)
        self.thread.finished.connect(self.thread.deleteLater)
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Abort the worker and join the thread; True when it has ended."""
        thread = self.thread
        if thread is None:
            return True
        self.worker.abort()
        thread.quit()
        done = thread.wait(timeout_ms)
        if done:
            self.thread = None
        return bool(done)

"""``--self-check``: open the main window offscreen, walk each tab's main path, exit.

Used to prove a built bundle works (packaging/build_bundle.py runs it) and handy on a
classroom machine before a lecture. Exit status 0 means every step passed; otherwise the
failing step and its reason are printed and the status is 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

CheckStep = tuple[str, Callable[[], Callable[[], bool] | None]]
POLL_MS = 20


def run_self_check(timeout_s: float = 60.0) -> int:
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from gui.app import create_application
    from gui.main_window import MainWindow

    app = create_application([])
    window = MainWindow(remember_settings=False)
    window.show()
    # The session and PNG the check writes go here, and are removed afterwards.
    with tempfile.TemporaryDirectory(prefix="activation-lab-check-") as tmp:
        return _run_steps(app, window, window.self_check_steps(Path(tmp)), timeout_s)


def _run_steps(app: QApplication, window: QWidget, steps: list[CheckStep], timeout_s: float) -> int:
    result = {"status": 0}
    deadline = time.monotonic() + timeout_s
    state = {"index": 0, "wait": None, "started": time.monotonic()}

    def fail(name: str, reason: str) -> None:
        print(f"self-check FAILED at '{name}': {reason}", file=sys.stderr, flush=True)
        result["status"] = 1
        finish()

    def finish() -> None:
        timer.stop()
        window.close()
        app.quit()

    def tick() -> None:
        i = state["index"]
        if i >= len(steps):
            print(f"self-check passed ({len(steps)} steps)", flush=True)
            finish()
            return
        name, action = steps[i]
        if time.monotonic() > deadline:
            fail(name, f"timed out after {timeout_s:.0f} s")
            return
        try:
            if state["wait"] is None:
                state["started"] = time.monotonic()
                state["wait"] = action() or (lambda: True)
            if state["wait"]():
                print(f"  ok  {name} ({time.monotonic() - state['started']:.2f} s)", flush=True)
                state["index"] += 1
                state["wait"] = None
        except Exception as exc:  # report any failure as the check's result
            traceback.print_exc()
            fail(name, f"{type(exc).__name__}: {exc}")

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(tick)
    timer.start()
    app.exec()
    return result["status"]

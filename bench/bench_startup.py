"""Time from process start to the first paint of the main window, against a floor.

The floor is a bare script that imports torch, PySide6 and pyqtgraph and shows one plot:
nothing the app does can start faster than that. Both run as fresh processes, interleaved,
in the same run (the machine is noisy), and the ratio of medians is the figure that counts.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PAINT_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.perf_counter():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            obj.removeEventFilter(self)
        return False
"""

FLOOR = (
    _PAINT_PROBE
    + """
import torch  # noqa
import pyqtgraph as pg
app = QApplication(sys.argv)
w = pg.PlotWidget()
w.plot([0, 1, 2], [0, 1, 0])
probe = FirstPaint()
w.viewport().installEventFilter(probe)
w.resize(1280, 800)
w.show()
app.exec()
"""
)

APP = (
    _PAINT_PROBE
    + """
import torch  # noqa  (main.py imports torch before Qt)
from gui.app import create_application
from gui.main_window import MainWindow
app = create_application([])
window = MainWindow()
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
)


def time_script(code: str, platform: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED"):
            # perf_counter is system-wide monotonic on Linux: child and parent share it.
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint seen (exit {out.returncode}): {out.stderr[-800:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    time_script(FLOOR, args.platform)  # warm the file cache once
    floor, app = [], []
    for _ in range(args.runs):
        floor.append(time_script(FLOOR, args.platform))
        app.append(time_script(APP, args.platform))
    f, a = statistics.median(floor), statistics.median(app)
    print(f"floor (torch + PySide6 + pyqtgraph, one plot): median {f * 1000:.0f} ms")
    print(f"Activation Lab main window:                  median {a * 1000:.0f} ms")
    print(f"ratio app / floor: {a / f:.3f}  (target <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

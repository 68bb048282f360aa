"""Nothing heavy runs before the first paint: no cost timing, no Training lab, no thread."""

from __future__ import annotations

from PySide6.QtCore import QThread

from gui.explorer.explorer_controller import COST_DELAY_MS
from gui.main_window import MainWindow


def test_start_up_defers_timing_and_the_training_lab(qtbot, qapp):
    w = MainWindow(remember_settings=False)
    qtbot.addWidget(w)
    try:
        w.show()
        qtbot.waitExposed(w)
        qapp.processEvents()
        c = w.explorer.controller
        assert c.costs == {}
        assert not c.cost_pending()
        assert w._training is None
        assert not [t for t in qapp.findChildren(QThread) if t.isRunning()]
        # ... and the facts panel's timing does come, well after the first paint.
        qtbot.waitUntil(
            lambda: "relu" in c.costs and len(c.costs) >= 2, timeout=COST_DELAY_MS + 15_000
        )
    finally:
        w.close()

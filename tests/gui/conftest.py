"""GUI test setup: Qt warnings fail tests, and no QThread outlives a test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog):
    yield
    bad = [
        r.message
        for r in qtlog.records
        if r.type.name in ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")
        and "propagateSizeHints" not in r.message  # offscreen platform noise
    ]
    assert not bad, f"Qt warnings during the test: {bad}"


@pytest.fixture(autouse=True)
def _no_running_qthreads(qapp):
    from PySide6.QtCore import QThread

    yield
    running = [t for t in qapp.findChildren(QThread) if t.isRunning()]
    assert not running, f"QThreads still running after the test: {running}"

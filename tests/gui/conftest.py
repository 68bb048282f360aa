"""GUI test setup: Qt warnings fail tests, and no QThread outlives a test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(scope="session", autouse=True)
def _settings_in_a_temporary_folder(tmp_path_factory):
    """The app's QSettings go to a throw-away INI file, never the user's real config."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog):
    yield
    bad = [
        r.message
        for r in qtlog.records
        if r.type.name in ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")
        # what the offscreen platform cannot do (propagateSizeHints, raise, ...)
        and not r.message.startswith("This plugin does not support")
    ]
    assert not bad, f"Qt warnings during the test: {bad}"


@pytest.fixture(autouse=True)
def _no_running_qthreads(qapp):
    from PySide6.QtCore import QThread

    yield
    running = [t for t in qapp.findChildren(QThread) if t.isRunning()]
    assert not running, f"QThreads still running after the test: {running}"


@pytest.fixture(params=["en", "zh_CN"])
def projector(request, qtbot):
    """The real main window at 1280x800 in presenter mode, in English and in Chinese;
    afterwards back to English, normal mode and the light theme, and closed."""
    from gui import theme
    from gui.main_window import MainWindow

    window = MainWindow(remember_settings=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.set_language(request.param)
    window.set_presenter(True)
    yield window
    window.set_presenter(False)
    window.set_language("en")
    theme.set_theme(presenter=False, dark=False)
    window.close()


@pytest.fixture
def training_tab(qtbot):
    """A Training lab tab on its own, with the small network built (step 0 recorded);
    its worker thread is joined afterwards."""
    from gui.training.training_tab import TrainingTab
    from tests.gui.gui_helpers import SMALL

    tab = TrainingTab()
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    c = tab.controller
    c.set_config(SMALL)
    qtbot.waitUntil(lambda: c.latest_step() == 0, timeout=10_000)
    yield tab
    tab.shutdown()
    assert c.training_thread is None

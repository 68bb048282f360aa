"""The main window: menus, presenter mode, shortcuts, sessions, export, status bar."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle

from core.session import SESSION_SUFFIX, load_session
from core.training import TrainingConfig
from gui import theme
from gui.app import close_on_signals
from gui.main_window import (
    BORDER,
    PREFERRED_SIZE,
    TITLE_BAR,
    MainWindow,
    first_start_geometry,
)
from gui.settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]
SMALL = TrainingConfig(depth=2, width=6, n_samples=128, batch=32, activation="tanh")


@pytest.fixture
def settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    theme.set_theme(dark=False, presenter=False)
    theme.apply_palette(QApplication.instance(), False)


@pytest.fixture
def warnings_shown(monkeypatch):
    """QMessageBox.warning/information record their text instead of blocking."""
    shown: list[str] = []

    def fake(_parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    monkeypatch.setattr(QMessageBox, "information", fake)
    return shown


def training_ready(qtbot, window, config=SMALL):
    window.tabs.setCurrentWidget(window.training)
    c = window.training.controller
    c.set_config(config)
    qtbot.waitUntil(lambda: c.latest_step() == 0 and c.worker_state == "ready", timeout=20_000)
    return c


def step_by_step(qtbot, c, n):
    """n single steps, each recorded (as when a teacher presses S n times)."""
    for expected in range(c.latest_step() + 1, c.latest_step() + n + 1):
        c.step()
        qtbot.waitUntil(lambda e=expected: c.latest_step() == e, timeout=20_000)


def test_title_tabs_and_menus(window):
    assert window.windowTitle().startswith("Activation Lab")
    assert window.tabs.count() == 2
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Training", "&Help"]


def test_lecture_shortcuts_are_bound(window):
    a = window.window_actions
    bound = {
        a.presenter: ["F5"],
        a.full_screen: ["F11"],
        a.start_pause: ["Space"],
        a.step: ["S", "Right"],
        a.reset: ["R"],
        a.previous_preset: ["PgUp"],
        a.next_preset: ["PgDown"],
    }
    for action, keys in bound.items():
        assert [s.toString() for s in action.shortcuts()] == keys


def test_training_shortcuts_only_act_on_the_training_tab(window):
    a = window.window_actions
    window.tabs.setCurrentWidget(window.explorer)
    assert not a.start_pause.isEnabled()
    assert not a.step.isEnabled()
    window.tabs.setCurrentWidget(window.training)
    assert a.start_pause.isEnabled()
    assert a.step.isEnabled()
    assert a.reset.isEnabled()


def test_f5_toggles_presenter_mode_with_large_fonts(qtbot, window, settings):
    app = QApplication.instance()
    normal = theme.Theme(presenter=False).base_point_size
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert theme.current().presenter
    assert window.window_actions.presenter.isChecked()
    assert app.font().pointSizeF() == theme.current().base_point_size > normal
    pen = window.explorer.view.plots.items["sigmoid"].f_curve.opts["pen"]
    assert pen.widthF() == theme.current().thin_pen_width
    assert settings.presenter() is True
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not theme.current().presenter
    assert app.font().pointSizeF() == normal
    assert settings.presenter() is False


def test_dark_theme_darkens_widgets_and_plots(window, settings):
    app = QApplication.instance()
    light_style = app.style().name()
    window.window_actions.dark_theme.trigger()
    assert isinstance(app.style(), QProxyStyle)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    bg = window.explorer.view.plots.graphics.backgroundBrush().color()
    assert bg.lightness() < 80
    assert settings.dark() is True
    window.window_actions.dark_theme.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150
    assert app.style().name() == light_style


def test_switching_the_theme_never_deletes_a_widget_style(qtbot, window):
    """Qt deleted the style it replaced while the plots' layouts still pointed to it: the
    first switch to the dark theme after a language switch and presenter mode crashed the
    app in a histogram view's resize (found by random interaction, seed 313). Every style
    the app has used stays alive, and the theme goes back and forth on the two it made."""
    import shiboken6

    app = QApplication.instance()
    window.tabs.setCurrentIndex(1)
    window.set_language("zh_CN")
    window.set_presenter(True)
    used = [app.style()]
    for dark in (True, False, True, False, False, True):
        window.set_dark(dark)
        qtbot.wait(20)
        used.append(app.style())
        assert all(shiboken6.isValid(s) for s in used)
        assert isinstance(app.style(), QProxyStyle) == dark
    assert len({id(s) for s in used}) == 2  # made once each, then reused
    window.set_presenter(False)
    window.set_language("en")


def test_space_starts_and_pauses_training(qtbot, window):
    c = training_ready(qtbot, window)
    window.window_actions.start_pause.trigger()
    qtbot.waitUntil(lambda: c.latest_step() > 20, timeout=20_000)
    assert c.running
    window.window_actions.start_pause.trigger()
    qtbot.waitUntil(lambda: c.worker_state == "paused", timeout=5000)
    assert not c.running


def test_status_bar_shows_rates_while_training(qtbot, window):
    c = training_ready(qtbot, window)
    c.start()
    qtbot.waitUntil(lambda: "steps/s" in window.rate_label.text(), timeout=20_000)
    qtbot.waitUntil(lambda: window.steps_per_second > 0 and window.frames_per_second > 0)
    c.pause()
    qtbot.waitUntil(lambda: window.rate_label.text() == "", timeout=5000)


def test_page_down_walks_the_presets_in_lecture_order(window):
    c = window.training.controller
    order = c.preset_order
    window.tabs.setCurrentWidget(window.training)
    for expected in (*order, order[0]):
        window.window_actions.next_preset.trigger()
        assert c.view.config_panel.preset_combo.currentData() == expected
        assert c.config == c.presets[expected].config.validate()
    window.window_actions.previous_preset.trigger()
    assert c.view.config_panel.preset_combo.currentData() == order[-1]


def test_session_round_trip_restores_both_tabs(qtbot, window, settings, tmp_path):
    ec = window.explorer.controller
    fl = ec.view.function_list
    fl.set_checked("elu", True)
    fl.set_current("elu")
    ec.view.parameters.sliders["alpha"].setValue(0.4)
    fl.set_checked("relu", False)
    ec.view.panel("softmax").temperature.setValue(2.5)
    training_ready(qtbot, window, SMALL.with_changes(depth=4, seed=7))
    path = tmp_path / f"lecture{SESSION_SUFFIX}"
    assert window._save_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["tab"] == "training"
    assert saved["training"]["config"]["depth"] == 4
    assert {f["id"] for f in saved["explorer"]["shown"]} == {"sigmoid", "elu"}
    assert settings.recent_files()[0] == str(path.resolve())

    other = MainWindow(remember_settings=False)
    qtbot.addWidget(other)
    try:
        assert other.open_session(path)
        oc = other.explorer.controller
        assert list(oc.shown) == ["sigmoid", "elu"]
        assert oc.params["elu"]["alpha"] == pytest.approx(0.4)
        assert oc.current == "elu"
        assert oc.view.parameters.sliders["alpha"].value() == pytest.approx(0.4)
        assert oc.view.panel("softmax").temperature.value() == pytest.approx(2.5)
        assert other.training.controller.config.depth == 4
        assert other.training.controller.config.seed == 7
        assert other.tabs.currentWidget() is other.training
        assert other.current_session() == load_session(path)
    finally:
        other.close()


def test_the_guide_opens_on_the_current_preset_and_opens_another(window):
    c = window.training.controller
    order = c.preset_order
    window.open_preset(order[2])
    window.tabs.setCurrentWidget(window.explorer)
    window.window_actions.guide.trigger()
    guide = window._guide
    assert guide.isVisible()
    assert guide.current_id() == order[2]
    assert guide.select(order[0])
    guide.open_current()
    assert window.tabs.currentWidget() is window.training
    assert c.view.config_panel.preset_combo.currentData() == order[0]
    assert c.config == c.presets[order[0]].config.validate()


def test_a_preset_comparison_survives_a_session(qtbot, window, tmp_path):
    c = window.training.controller
    with_compare = next(p for p in c.presets.values() if p.compare is not None)
    window.open_preset(with_compare.id)
    path = tmp_path / f"cmp{SESSION_SUFFIX}"
    assert window._save_to(path)
    c.set_config(SMALL)
    assert len(c.configs) == 1
    assert window.open_session(path)
    assert c.view.config_panel.preset_combo.currentData() == with_compare.id
    assert len(c.configs) == 2
    assert c.configs[1] == with_compare.compare.validate()


def test_a_session_keeps_the_histogram_view_and_the_run_controls(qtbot, window, tmp_path):
    c = window.training.controller
    window.open_preset("selu_self_normalizing")  # opens on activations
    v, rc = c.view, c.view.run_controls
    v.axis_combo.setCurrentIndex(v.axis_combo.findData("percentile"))
    rc.record_every_spin.setValue(7)
    rc.stop_after_spin.setValue(1234)
    path = tmp_path / f"view{SESSION_SUFFIX}"
    assert window._save_to(path)
    window.open_preset("vanishing_sigmoid")  # a different view and run length
    assert v.quantity_combo.currentData() == "log_grad"
    assert window.open_session(path)
    assert c.view.config_panel.preset_combo.currentData() == "selu_self_normalizing"
    assert v.quantity_combo.currentData() == "act"
    assert v.axis_combo.currentData() == "percentile"
    assert v.histograms.axis_mode == "percentile"
    assert rc.record_every_spin.value() == 7
    assert rc.stop_after_spin.value() == 1234


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("truncated", '{"format": "activation-lab-session", "version": 1, "expl', "not valid JSON"),
        ("newer", '{"format": "activation-lab-session", "version": 99}', "newer"),
        ("not-ours", '{"hello": "world"}', "not an Activation Lab session"),
        (
            "wrong-type",
            '{"format": "activation-lab-session", "version": 1, "explorer": {"depth": "ten"}}',
            "whole number",
        ),
        (
            "huge-number",
            '{"format": "activation-lab-session", "version": 1, "explorer": {"x_range": 1e308}}',
            "outside",
        ),
        ("binary", b"\x80\x81\x82\x00\xff", "not a text file"),
    ],
)
def test_a_bad_session_file_says_why_and_changes_nothing(
    window, warnings_shown, tmp_path, name, content, reason
):
    before = window.current_session()
    path = _write(tmp_path / f"{name}{SESSION_SUFFIX}", content)
    assert not window.open_session(path)
    assert len(warnings_shown) == 1
    assert reason in warnings_shown[0]
    assert path.name in warnings_shown[0]
    assert window.current_session() == before
    assert window.session_path is None


def test_a_100_mb_session_file_is_refused_without_reading_it(window, warnings_shown, tmp_path):
    path = tmp_path / f"huge{SESSION_SUFFIX}"
    with path.open("wb") as f:
        f.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on disk
    assert not window.open_session(path)
    assert "100.0 MB" in warnings_shown[0]


def test_a_missing_recent_file_is_reported_and_dropped(window, settings, warnings_shown, tmp_path):
    gone = tmp_path / f"gone{SESSION_SUFFIX}"
    _write(gone, "{}")
    settings.add_recent_file(str(gone))
    gone.unlink()
    window._fill_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if a.text().endswith(gone.name))
    entry.trigger()
    assert warnings_shown
    assert gone.name in warnings_shown[0]
    assert str(gone.resolve()) not in settings.recent_files()


def test_training_records_export_to_csv_and_json_for_both_runs(qtbot, window, tmp_path):
    c = training_ready(qtbot, window)
    c.set_config(SMALL, {"activation": "relu"})
    qtbot.waitUntil(lambda: c.latest_step() == 0 and len(c.histories) == 2, timeout=20_000)
    step_by_step(qtbot, c, 3)
    written = window.write_records(tmp_path / "run.json", "json")
    assert [p.name for p in written] == ["run.json", "run-B.json"]
    a = json.loads(written[0].read_text())
    b = json.loads(written[1].read_text())
    assert a["config"]["activation"] == "tanh"
    assert b["config"]["activation"] == "relu"
    assert [r["step"] for r in a["records"]] == [0, 1, 2, 3]
    assert len(a["records"][0]["layers"]) == SMALL.depth + 1
    csv_paths = window.write_records(tmp_path / "run.csv", "csv")
    lines = csv_paths[0].read_text().splitlines()
    assert lines[0].startswith("step,loss,accuracy,layer")
    assert len(lines) == 1 + 4 * (SMALL.depth + 1)


def test_an_export_to_a_missing_folder_says_which_file_and_why(
    qtbot, window, tmp_path, warnings_shown, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    c = training_ready(qtbot, window)
    target = tmp_path / "gone" / "run.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.export_records_dialog("csv")
    assert warnings_shown == [f"Export failed: Could not write {target}: no such file or folder"]
    assert c.worker_state != "running"  # paused for the dialog, nothing lost


def test_histogram_timeline_exports_as_an_animated_gif(qtbot, window, tmp_path):
    from gui.timeline_export import export_timeline_gif

    c = training_ready(qtbot, window)
    step_by_step(qtbot, c, 4)
    shown_before = c.view.histograms.plotted(0, 0)
    n = export_timeline_gif(c, tmp_path / "t.gif")
    assert n == 5
    with Image.open(tmp_path / "t.gif") as gif:
        assert gif.n_frames == 5
        assert gif.size[0] > 100
    # The view shows the live step again afterwards.
    after = c.view.histograms.plotted(0, 0)
    assert all((x == y).all() for x, y in zip(shown_before, after, strict=True))


def test_closing_mid_run_stops_and_joins_the_thread(qtbot, window):
    c = training_ready(qtbot, window)
    c.start()
    qtbot.waitUntil(lambda: c.latest_step() > 5, timeout=20_000)
    thread = c.training_thread.thread
    window.close()
    assert c.training_thread is None
    assert thread is None or not thread.isRunning()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_closes_the_window_and_joins_the_thread(qtbot, window, settings, signum):
    c = training_ready(qtbot, window)
    c.start()
    qtbot.waitUntil(lambda: c.latest_step() > 5, timeout=20_000)
    thread = c.training_thread.thread
    previous = signal.getsignal(signum)
    quit_calls: list[int] = []
    restore = close_on_signals(window, lambda: quit_calls.append(1))
    try:
        # Without the handler the signal would stop pytest (SIGINT) or kill it (SIGTERM).
        assert signal.getsignal(signum) is not previous
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    finally:
        restore()
    assert signal.getsignal(signum) is previous
    assert quit_calls == [1]
    assert c.training_thread is None
    assert thread is None or not shiboken6.isValid(thread) or not thread.isRunning()
    assert settings.geometry() is not None  # closed as by its close button


@pytest.mark.slow
def test_ctrl_c_ends_the_app_cleanly_in_a_fresh_process(tmp_path):
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to see when the app has set up its handlers")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        status = Path(f"/proc/{proc.pid}/status")
        deadline = time.monotonic() + 60
        caught = 0
        while time.monotonic() < deadline and proc.poll() is None:
            line = next(x for x in status.read_text().splitlines() if x.startswith("SigCgt"))
            caught = int(line.split()[1], 16)
            # Python catches SIGINT from its start; SIGTERM only once the app's handlers,
            # set up together, are in place.
            if caught >> (signal.SIGTERM - 1) & 1:
                break
            time.sleep(0.1)
        assert caught >> (signal.SIGTERM - 1) & 1, "the app never set up its handlers"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "QThread" not in err, err
    assert "Traceback" not in err, err
    assert list(tmp_path.rglob("*.conf")), "the settings were not saved on the way out"


def test_geometry_is_remembered(qtbot, settings):
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(w.minimumSizeHint().width(), 520)  # the offscreen screen is 800 x 600
    w.show()
    size = (w.width(), w.height())
    w.close()
    assert settings.geometry() is not None
    w2 = MainWindow(settings=settings)
    qtbot.addWidget(w2)
    # Only the height is free here: the width is clamped to the 800 px offscreen screen.
    assert w2.height() == size[1] == 520
    w2.close()


@pytest.mark.parametrize(
    ("available", "maximize"),
    [
        (QRect(0, 0, 1920, 1040), False),  # 1920 x 1080 with a task bar
        (QRect(0, 0, 1440, 860), False),
        (QRect(0, 0, 1366, 728), True),  # the common cheap laptop
        (QRect(0, 0, 1280, 680), True),  # 1920 x 1080 at 150% scaling
        (QRect(0, 0, 1536, 824), True),  # 1920 x 1080 at 125%
        (QRect(0, 0, 1024, 768), True),  # an old projector
        (QRect(1920, 30, 1600, 1170), False),  # a second screen, under a top bar
        (QRect(1920, 0, 1280, 1024), True),  # as wide as the window: no room for its borders
        (QRect(0, 0, 300, 200), True),
    ],
)
def test_the_first_window_fits_the_screen(available, maximize):
    rect, maximized = first_start_geometry(available)
    assert maximized == maximize
    # The frame (title bar above, borders around) stays on the screen's free area too.
    framed = rect.adjusted(-BORDER, -TITLE_BAR, BORDER, BORDER)
    assert available.contains(framed), (available, rect)
    if not maximize:
        assert rect.size() == PREFERRED_SIZE
        # centred
        assert abs(framed.center().x() - available.center().x()) <= 1
        assert abs(framed.center().y() - available.center().y()) <= 1


def test_first_start_placement_only_without_a_saved_geometry(qtbot, settings):
    # The offscreen screen is 800 x 800: too small for the preferred size.
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    assert not w.geometry_restored
    w.place_on_first_start()
    available = w.screen().availableGeometry()
    assert w.windowState() & Qt.WindowState.WindowMaximized
    assert available.contains(w.geometry())
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(640, 480)
    w.show()
    w.close()  # saves the geometry
    w2 = MainWindow(settings=settings)
    qtbot.addWidget(w2)
    assert w2.geometry_restored
    w2.place_on_first_start()
    assert w2.size() == QSize(640, 480)
    assert not w2.windowState() & Qt.WindowState.WindowMaximized
    w2.close()


def test_quit_is_the_standard_shortcut(window):
    assert window.window_actions.quit.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)


@pytest.mark.slow
def test_self_check_passes_in_a_fresh_process(tmp_path):
    # TMPDIR: the check's own files must be gone afterwards (it once left a directory
    # behind on every run).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-check"],
        capture_output=True,
        text=True,
        timeout=110,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "self-check passed" in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_switching_to_chinese_without_a_cjk_font_says_so(window, monkeypatch):
    from gui import i18n

    monkeypatch.setattr(i18n, "cjk_family", lambda: None)
    try:
        window.set_language("zh_CN")
        assert window.statusBar().currentMessage()
    finally:
        window.set_language("en")


def test_building_the_training_lab_shows_a_busy_cursor(qtbot, monkeypatch):
    from gui.training import training_tab

    seen: list[object] = []
    original = training_tab.TrainingTab.__init__

    def init(self, *args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append(None if cursor is None else cursor.shape())
        original(self, *args, **kwargs)

    monkeypatch.setattr(training_tab.TrainingTab, "__init__", init)
    w = MainWindow(remember_settings=False)
    qtbot.addWidget(w)
    try:
        w.current_session()  # a session save from the explorer builds the tab
        assert seen == [Qt.CursorShape.WaitCursor]
        assert QApplication.overrideCursor() is None
    finally:
        w.close()


def test_the_training_lab_is_built_when_first_shown_in_the_current_language(qtbot):
    from gui.training.training_tab import TrainingTab

    w = MainWindow(remember_settings=False)
    qtbot.addWidget(w)
    try:
        w.show()
        assert w._training is None  # start-up pays only for the explorer
        assert w.tabs.count() == 2
        w.set_language("zh_CN")
        w.tabs.setCurrentIndex(1)
        assert isinstance(w.tabs.currentWidget(), TrainingTab)
        assert w.tabs.currentWidget() is w.training
        assert w.training.view.config_panel.language == "zh_CN"
        assert w.tabs.tabText(1) != "Training lab"
        assert w.window_actions.step.isEnabled()
    finally:
        w.set_language("en")
        w.close()

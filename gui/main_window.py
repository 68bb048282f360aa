"""The main window: the two labs as tabs, with the menus, toolbar and status bar that
make them usable in a lecture (presenter mode, languages, sessions, export, help).

Every window-level command is a QAction in ``WindowActions``; this class lays the menus
out and connects each action to the tab that does the work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QToolBar,
    QWidget,
)

from core.activations import ACTIVATIONS
from core.records_export import write_records_csv, write_records_json
from core.resources import resource_path
from core.session import SESSION_SUFFIX, SessionError, load_session, save_session
from gui import i18n
from gui import theme as theme_mod
from gui.errors import export_error_text, session_error_text, write_error_text
from gui.explorer.explorer_tab import ExplorerTab
from gui.session_state import TAB_NAMES
from gui.settings import AppSettings
from gui.window_actions import WindowActions

if TYPE_CHECKING:
    from core.session import Session
    from gui.training.training_tab import TrainingTab

APP_TITLE = "Activation Lab"
TRAINING_INDEX = TAB_NAMES.index("training")
RATE_INTERVAL_MS = 500  # how often the status bar's steps/s and frames/s are updated
PREFERRED_SIZE = QSize(1280, 800)
# The window frame, which a screen's available area (without task bars) does not subtract.
TITLE_BAR, BORDER = 32, 8


def first_start_geometry(available: QRect) -> tuple[QRect, bool]:
    """Where the window opens when no geometry was saved, on a screen whose free area is
    ``available``: PREFERRED_SIZE, centred; or, where that does not fit with its frame (a
    1366 x 768 laptop, 1920 x 1080 at 150% scaling, a 1024 x 768 projector), maximized,
    with a normal size that fits to return to. Returns the normal geometry and whether
    to maximize."""
    room = QSize(available.width() - 2 * BORDER, available.height() - TITLE_BAR - BORDER)
    fits = room.width() >= PREFERRED_SIZE.width() and room.height() >= PREFERRED_SIZE.height()
    size = PREFERRED_SIZE.boundedTo(room).expandedTo(QSize(1, 1))
    x = available.left() + BORDER + (room.width() - size.width()) // 2
    y = available.top() + TITLE_BAR + (room.height() - size.height()) // 2
    return QRect(x, y, size.width(), size.height()), not fits


SelfCheckStep = tuple[str, Callable[[], Callable[[], bool] | None]]


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        try:
            icon.addFile(
                str(resource_path("icons", f"activation-lab-{size}.png")), QSize(size, size)
            )
        except FileNotFoundError:
            continue
    return icon


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        remember_settings: bool = True,
        language: str = "en",
        settings: AppSettings | None = None,
    ) -> None:
        """``remember_settings=False`` (the self-check) reads and writes no preferences;
        ``settings`` lets a caller choose where they live (tests)."""
        super().__init__()
        if settings is None and remember_settings:
            settings = AppSettings()
        self.settings = settings if remember_settings else None
        self.language = i18n.normalize_language(language)
        self.session_path: Path | None = None
        self._guide = None  # built on first use
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.resize(PREFERRED_SIZE)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.explorer = ExplorerTab(language=self.language)
        # The Training lab is built the first time it is needed (shown, a shortcut, a
        # session): start-up only pays for the tab the window opens on.
        self._training: TrainingTab | None = None
        self._training_placeholder: QWidget | None = QWidget()
        self.tabs.addTab(self.explorer, "")
        self.tabs.addTab(self._training_placeholder, "")

        self.window_actions = WindowActions(self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self.retranslate()
        self._sync_look_actions()
        self._tab_changed(self.tabs.currentIndex())
        self.geometry_restored = False
        if self.settings is not None:
            geometry = self.settings.geometry()
            if geometry is not None:
                self.geometry_restored = self.restoreGeometry(geometry)

    def place_on_first_start(self) -> None:
        """Fit the window to the primary screen unless a saved geometry was restored (Qt
        keeps that one on a screen itself); call before show()."""
        if self.geometry_restored:
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        rect, maximize = first_start_geometry(screen.availableGeometry())
        self.setGeometry(rect)
        if maximize:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    @property
    def training(self) -> TrainingTab:
        """The Training lab tab, built on first use in place of its placeholder page."""
        if self._training is None:
            # The first build imports torch's side of the app and makes the tab's widgets
            # (a few tenths of a second): a busy cursor says so, whichever path asked.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                from gui.training.training_tab import TrainingTab

                tab = TrainingTab()
                tab.set_language(self.language)
            finally:
                QApplication.restoreOverrideCursor()
            placeholder = self._training_placeholder
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            try:
                index = self.tabs.indexOf(placeholder)
                title = self.tabs.tabText(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, tab, title)
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
            self._training_placeholder = None
            self._training = tab
        return self._training

    def training_shown(self) -> bool:
        return self.tabs.currentIndex() == TRAINING_INDEX

    # -- layout ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.window_actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(self)
        self.export_menu = QMenu(self)
        self.file_menu.addAction(a.open_session)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(a.save_session)
        self.file_menu.addAction(a.save_session_as)
        self.file_menu.addSeparator()
        self.file_menu.addMenu(self.export_menu)
        for act in (a.export_plot, a.export_records_csv, a.export_records_json):
            self.export_menu.addAction(act)
        self.export_menu.addAction(a.export_timeline_gif)
        self.file_menu.addSeparator()
        self.file_menu.addAction(a.quit)

        self.view_menu = bar.addMenu("")
        for act in (a.presenter, a.full_screen, a.dark_theme):
            self.view_menu.addAction(act)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for act in a.languages.values():
            self.language_menu.addAction(act)

        self.training_menu = bar.addMenu("")
        for act in a.training_actions:
            self.training_menu.addAction(act)

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a.guide)
        self.help_menu.addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.window_actions
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (a.presenter, a.full_screen, a.dark_theme):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(a.guide)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_status_bar(self) -> None:
        self.rate_label = QLabel()
        self.statusBar().addPermanentWidget(self.rate_label)
        self._rate_timer = QTimer(self)
        self._rate_timer.setInterval(RATE_INTERVAL_MS)
        self._rate_timer.timeout.connect(self._update_rates)
        self._rate_timer.start()
        self._rate_last: tuple[float, int, int] | None = None
        self.steps_per_second = 0.0
        self.frames_per_second = 0.0

    def _connect(self) -> None:
        a = self.window_actions
        a.open_session.triggered.connect(self.open_session_dialog)
        a.save_session.triggered.connect(self.save_session)
        a.save_session_as.triggered.connect(self.save_session_as)
        a.export_plot.triggered.connect(self.export_plot_dialog)
        a.export_records_csv.triggered.connect(lambda: self.export_records_dialog("csv"))
        a.export_records_json.triggered.connect(lambda: self.export_records_dialog("json"))
        a.export_timeline_gif.triggered.connect(self.export_timeline_dialog)
        a.quit.triggered.connect(self.close)
        a.presenter.toggled.connect(self.set_presenter)
        a.full_screen.toggled.connect(self.set_full_screen)
        a.dark_theme.toggled.connect(self.set_dark)
        a.language_group.triggered.connect(lambda act: self.set_language(act.data()))
        a.start_pause.triggered.connect(lambda: self.training.controller.toggle_running())
        a.step.triggered.connect(lambda: self.training.controller.step())
        a.reset.triggered.connect(lambda: self.training.controller.reset())
        a.previous_preset.triggered.connect(lambda: self.step_preset(-1))
        a.next_preset.triggered.connect(lambda: self.step_preset(+1))
        a.guide.triggered.connect(self.show_guide)
        a.about.triggered.connect(self.show_about)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.tabs.currentChanged.connect(self._tab_changed)

    def retranslate(self) -> None:
        self.window_actions.retranslate()
        self.tabs.setTabText(0, self.tr("Explorer"))
        self.tabs.setTabText(1, self.tr("Training lab"))
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.training_menu.setTitle(self.tr("&Training"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self._update_rates()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- look: presenter, full screen, dark, language ---------------------------------------
    def _sync_look_actions(self) -> None:
        a = self.window_actions
        t = theme_mod.current()
        for act, on in (
            (a.presenter, t.presenter),
            (a.dark_theme, t.dark),
            (a.full_screen, self.isFullScreen()),
        ):
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
        for code, act in a.languages.items():
            act.setChecked(code == self.language)

    def set_presenter(self, on: bool) -> None:
        """Large fonts and thick lines for the back of the room (F5)."""
        th = theme_mod.set_theme(presenter=bool(on))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.apply_language_font(app, self.language, th.base_point_size)
        if self.settings is not None:
            self.settings.set_presenter(bool(on))
        self._sync_look_actions()

    def set_dark(self, on: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme_mod.apply_palette(app, bool(on))
        theme_mod.set_theme(dark=bool(on))
        if self.settings is not None:
            self.settings.set_dark(bool(on))
        self._sync_look_actions()

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self._sync_look_actions()

    def set_language(self, language: str) -> None:
        """Switch every text to ``language`` ("en" or "zh_CN") and remember it."""
        language = i18n.normalize_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if not i18n.install_language(app, language):
                QMessageBox.warning(
                    self,
                    self.tr("Language"),
                    self.tr("The translation could not be loaded; the interface stays in English."),
                )
                language = "en"
                i18n.install_language(app, language)
            i18n.apply_language_font(app, language, theme_mod.current().base_point_size)
        self.language = language
        self.explorer.set_language(language)
        if self._training is not None:
            self._training.set_language(language)
        if self._guide is not None:
            self._guide.set_language(language)
        if self.settings is not None:
            self.settings.set_language(language)
        self.retranslate()
        self._sync_look_actions()
        if language == "zh_CN" and i18n.cjk_family() is None:
            self.statusBar().showMessage(
                self.tr(
                    "No font with Chinese characters was found on this computer, so some "
                    "text may show as boxes. Install one (e.g. Noto Sans CJK SC) and restart."
                ),
                15000,
            )

    # -- tabs and training shortcuts --------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        on_training = index == TRAINING_INDEX
        if on_training:
            _ = self.training  # build it on first showing
        for act in self.window_actions.training_actions:
            act.setEnabled(on_training)
        self.window_actions.export_records_csv.setEnabled(on_training)
        self.window_actions.export_records_json.setEnabled(on_training)
        self.window_actions.export_timeline_gif.setEnabled(on_training)

    def step_preset(self, delta: int) -> None:
        """Open the previous (-1) or next (+1) lecture preset (Page Up / Page Down)."""
        c = self.training.controller
        order = c.preset_order
        if not order:
            return
        current = c.view.config_panel.preset_combo.currentData() or ""
        if current in order:
            i = (order.index(current) + delta) % len(order)
        else:
            i = 0 if delta > 0 else len(order) - 1
        c.load_preset(order[i])
        self.statusBar().showMessage(
            self.tr("Preset: {title}").format(title=c.presets[order[i]].title(self.language)),
            4000,
        )

    def open_preset(self, preset_id: str) -> None:
        self.tabs.setCurrentWidget(self.training)
        self.training.controller.load_preset(preset_id)

    def _update_rates(self) -> None:
        if self._training is None:
            self.rate_label.setText("")
            return
        c = self._training.controller
        now = time.monotonic()
        step, frames = c.latest_step(), c.frames_drawn
        last = self._rate_last
        self._rate_last = (now, step, frames)
        if not c.running:
            self.steps_per_second = self.frames_per_second = 0.0
            self.rate_label.setText("")
            return
        if last is None or now <= last[0]:
            return
        dt = now - last[0]
        # Smoothed over about two updates: the recorded steps arrive in bursts.
        sps = max(0.0, (step - last[1]) / dt)
        fps = max(0.0, (frames - last[2]) / dt)
        self.steps_per_second = (
            sps if self.steps_per_second == 0 else 0.5 * (self.steps_per_second + sps)
        )
        self.frames_per_second = (
            fps if self.frames_per_second == 0 else 0.5 * (self.frames_per_second + fps)
        )
        self.rate_label.setText(
            # No step number: sampled twice a second it lagged the timeline's, which is live.
            self.tr("Training: {sps} steps/s · {fps} frames/s").format(
                sps=f"{self.steps_per_second:.0f}",
                fps=f"{self.frames_per_second:.0f}",
            )
        )

    # -- sessions ---------------------------------------------------------------------------
    def _folder(self) -> str:
        if self.session_path is not None:
            return str(self.session_path.parent)
        folder = self.settings.last_folder() if self.settings is not None else ""
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.set_last_folder(str(path.parent))

    def _session_filter(self) -> str:
        return self.tr("Activation Lab session (*{suffix})").format(suffix=SESSION_SUFFIX)

    def open_session_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open session"),
            self._folder(),
            self._session_filter() + ";;" + self.tr("All files (*)"),
        )
        if path:
            self.open_session(path)

    def open_session(self, path: str | Path) -> bool:
        """Load a session file; on any problem say what is wrong and keep the current state."""
        target = Path(path)
        try:
            session = load_session(target)
        except SessionError as exc:
            QMessageBox.warning(
                self,
                self.tr("Cannot open session"),
                self.tr("{name} could not be opened:\n{reason}\n\nNothing was changed.").format(
                    name=target.name, reason=session_error_text(exc)
                ),
            )
            if self.settings is not None and not target.exists():
                self.settings.remove_recent_file(str(target))
            return False
        try:
            self.apply_session(session)
        except ValueError as exc:  # validated by core.session; kept as a last safety net
            QMessageBox.warning(self, self.tr("Cannot open session"), str(exc))
            return False
        self.session_path = target
        self._remember_folder(target)
        if self.settings is not None:
            self.settings.add_recent_file(str(target))
        self.setWindowTitle(f"{APP_TITLE} — {target.name}")
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=target.name), 5000)
        return True

    def apply_session(self, session: Session) -> None:
        from gui.session_state import apply_explorer, apply_training

        apply_explorer(self.explorer.controller, session.explorer)
        apply_training(self.training.controller, session.training)
        self.tabs.setCurrentIndex(TAB_NAMES.index(session.tab))

    def current_session(self) -> Session:
        from gui.session_state import capture_session

        return capture_session(
            self.explorer.controller, self.training.controller, self.tabs.currentIndex()
        )

    def save_session(self) -> bool:
        if self.session_path is None:
            return self.save_session_as()
        return self._save_to(self.session_path)

    def save_session_as(self) -> bool:
        start = str(Path(self._folder()) / f"lecture{SESSION_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save session"), start, self._session_filter()
        )
        if not path:
            return False
        if not path.endswith(SESSION_SUFFIX):
            path = str(Path(path).with_suffix("")) + SESSION_SUFFIX
        return self._save_to(Path(path))

    def _save_to(self, target: Path) -> bool:
        try:
            save_session(target, self.current_session())
        except SessionError as exc:
            QMessageBox.warning(self, self.tr("Cannot save session"), session_error_text(exc))
            return False
        self.session_path = target
        self._remember_folder(target)
        if self.settings is not None:
            self.settings.add_recent_file(str(target))
        self.setWindowTitle(f"{APP_TITLE} — {target.name}")
        self.statusBar().showMessage(self.tr("Saved {name}").format(name=target.name), 5000)
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files() if self.settings is not None else []
        if not files:
            empty = menu.addAction(self.tr("(no recent sessions)"))
            empty.setEnabled(False)
            return
        for i, f in enumerate(files, start=1):
            act = menu.addAction(f"&{i} {Path(f).name}")
            act.setToolTip(f)
            act.setStatusTip(f)
            act.triggered.connect(lambda _=False, p=f: self.open_session(p))
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear the list"))
        clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        if self.settings is not None:
            for f in self.settings.recent_files():
                self.settings.remove_recent_file(f)

    # -- export -----------------------------------------------------------------------------
    def exportable_plots(self) -> dict[str, object]:
        """The current tab's plots by title, for the export dialog (only built panels)."""
        if self.training_shown():
            v = self.training.view
            return {
                self.tr("Per-layer histograms"): v.histograms.ci,
                self.tr("Loss, accuracy and gradient norms"): v.curves.ci,
                self.tr("Decision boundary"): v.boundary.ci,
            }
        v = self.explorer.view
        plots: dict[str, object] = {
            self.tr("f(x) and f′(x)"): v.plots.graphics.ci,
            self.tr("f(x)"): v.plots.f_plot,
            self.tr("f′(x)"): v.plots.df_plot,
        }
        if v.depth is not None:
            plots[self.tr("Gradient through depth")] = v.depth.plot
        if v.softmax is not None:
            plots[self.tr("Softmax")] = v.softmax.graphics.ci
        if v.loss is not None:
            plots[self.tr("Losses")] = v.loss.graphics.ci
        if v.maxout is not None:
            plots[self.tr("Maxout")] = v.maxout.graphics.ci
        return plots

    def export_plot_dialog(self) -> None:
        from gui.plot_export import PlotExportDialog

        dialog = PlotExportDialog(self.exportable_plots(), self._folder(), self)
        if dialog.exec() and dialog.written is not None:
            self._remember_folder(dialog.written)
            self.statusBar().showMessage(
                self.tr("Exported {name}").format(name=dialog.written.name), 5000
            )

    def export_records_dialog(self, kind: str) -> None:
        """The kept records of the run (and of run B when comparing) as CSV or JSON."""
        c = self.training.controller
        if not c.histories or len(c.histories[0]) == 0:
            QMessageBox.information(
                self, self.tr("Export"), self.tr("There are no training records yet.")
            )
            return
        c.pause()
        suffix = f".{kind}"
        pattern = (
            self.tr("CSV table (*.csv)") if kind == "csv" else self.tr("JSON records (*.json)")
        )
        start = str(Path(self._folder()) / f"training-records{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export training records"), start, pattern
        )
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            written = self.write_records(Path(path), kind)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), write_error_text(exc, path))
            return
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self._remember_folder(Path(path))
        self.statusBar().showMessage(
            self.tr("Exported {names}").format(names=", ".join(p.name for p in written)), 6000
        )

    def write_records(self, target: Path, kind: str) -> list[Path]:
        """Write run A to ``target`` and, when comparing, run B beside it as ``…-B``."""
        c = self.training.controller
        written = []
        for i, (config, history) in enumerate(zip(c.configs, c.histories, strict=False)):
            path = target if i == 0 else target.with_name(f"{target.stem}-B{target.suffix}")
            records = list(history)
            diverged = next((r.step for r in records if r.diverged), None)
            if kind == "csv":
                write_records_csv(path, records)
            else:
                write_records_json(path, config.to_dict(), records, diverged)
            written.append(path)
        return written

    def export_timeline_dialog(self) -> None:
        from gui.timeline_export import export_timeline_gif, frame_indices

        c = self.training.controller
        if not c.histories or len(c.histories[0]) == 0:
            QMessageBox.information(
                self, self.tr("Export"), self.tr("There are no training records yet.")
            )
            return
        c.pause()
        start = str(Path(self._folder()) / "histogram-timeline.gif")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export histogram timeline"), start, self.tr("Animated GIF (*.gif)")
        )
        if not path:
            return
        if not path.lower().endswith(".gif"):
            path += ".gif"
        total = len(frame_indices(len(c.timeline_history())))
        progress = QProgressDialog(
            self.tr("Rendering the histogram timeline…"), self.tr("Cancel"), 0, total, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done: int, n: int) -> bool:
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            n = export_timeline_gif(c, path, progress=report)
        except (OSError, ValueError) as exc:
            progress.close()
            QMessageBox.warning(self, self.tr("Export failed"), export_error_text(exc, path))
            return
        progress.close()
        self._remember_folder(Path(path))
        self.statusBar().showMessage(
            self.tr("Exported {name} ({n} frames)").format(name=Path(path).name, n=n), 6000
        )

    # -- help -------------------------------------------------------------------------------
    def show_guide(self) -> None:
        from gui.guide_dialog import GuideDialog

        if self._guide is None:
            presets = [
                self.training.controller.presets[p] for p in self.training.controller.preset_order
            ]
            self._guide = GuideDialog(presets, self.language, self)
            self._guide.presetRequested.connect(self.open_preset)
        current = self.training.controller.view.config_panel.preset_combo.currentData()
        if current:
            self._guide.select(current)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    def show_about(self) -> None:
        from gui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    # -- closing ----------------------------------------------------------------------------
    def shut_down_workers(self) -> None:
        """Stop and join the training thread (safe to call more than once)."""
        self._rate_timer.stop()
        if self._training is not None:
            self._training.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        # Stop and join the training thread before the widgets it reports to go away.
        self.shut_down_workers()
        if self._guide is not None:
            self._guide.close()
        if self.settings is not None:
            self.settings.set_geometry(self.saveGeometry())
            self.settings.sync()
        super().closeEvent(event)

    # -- self-check -------------------------------------------------------------------------
    def self_check_steps(self, tmp: Path) -> list[SelfCheckStep]:
        """Each tab's main path, for ``main.py --self-check`` (see gui/self_check.py);
        files it writes go into the directory ``tmp``."""
        ec = self.explorer.controller
        tc = self.training.controller

        def explorer_parameter() -> Callable[[], bool]:
            self.tabs.setCurrentWidget(self.explorer)
            ec.view.function_list.set_checked("elu", True)
            ec.view.function_list.set_current("elu")
            ec.view.parameters.sliders["alpha"].setValue(0.5)
            x, y = ec.view.plots.items["elu"].f_curve.getData()
            expected = ACTIVATIONS["elu"].forward(np.asarray(x, dtype=np.float64), alpha=0.5)
            if not np.allclose(y, expected, rtol=1e-12, atol=1e-12):
                raise AssertionError("the ELU curve does not match the registry at alpha = 0.5")
            return lambda: True

        def training_steps() -> Callable[[], bool]:
            self.tabs.setCurrentWidget(self.training)  # starts the training thread
            for _ in range(3):
                tc.step()
            return lambda: tc.latest_step() >= 3 and tc.worker_state not in ("error",)

        def language_switch() -> Callable[[], bool]:
            english = self.tabs.tabText(1)
            self.set_language("zh_CN")
            chinese = self.tabs.tabText(1)
            if chinese == english or not any("\u4e00" <= ch <= "\u9fff" for ch in chinese):
                raise AssertionError(f"switching to Chinese left the tab title as {chinese!r}")
            self.set_language("en")
            if self.tabs.tabText(1) != english:
                raise AssertionError("switching back to English did not restore the tab title")
            return lambda: True

        def session_round_trip() -> Callable[[], bool]:
            path = tmp / f"check{SESSION_SUFFIX}"
            before = self.current_session()
            save_session(path, before)
            self.apply_session(load_session(path))
            after = self.current_session()
            if after.explorer != before.explorer:
                raise AssertionError("the explorer state changed in a save/load round trip")
            return lambda: True

        def export_png() -> Callable[[], bool]:
            from gui.plot_export import export_item

            target = export_item(self.explorer.view.plots.f_plot, tmp / "f.png", png_width=800)
            if target.stat().st_size < 1000:
                raise AssertionError("the exported PNG is empty")
            return lambda: True

        return [
            ("explorer: parameter change plots the registry's numbers", explorer_parameter),
            ("training: three steps in the worker thread", training_steps),
            ("language: switch to Chinese and back", language_switch),
            ("session: save and reload", session_round_trip),
            ("export: a plot to PNG", export_png),
        ]

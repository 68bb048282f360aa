"""Every window-level command as a QAction: menus, the toolbar and shortcuts share them.

The main window lays these out; what each does is wired in MainWindow's controller code.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from gui.i18n import LANGUAGES


class WindowActions(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        # File
        self.open_session = self._action(QKeySequence.StandardKey.Open)
        self.save_session = self._action(QKeySequence.StandardKey.Save)
        self.save_session_as = self._action(QKeySequence.StandardKey.SaveAs)
        self.export_plot = self._action("Ctrl+E")
        self.export_records_csv = self._action()
        self.export_records_json = self._action()
        self.export_timeline_gif = self._action()
        self.quit = self._action(QKeySequence.StandardKey.Quit)
        # View
        self.presenter = self._action("F5", checkable=True)
        self.full_screen = self._action("F11", checkable=True)
        self.dark_theme = self._action(checkable=True)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for code, native_name in LANGUAGES.items():
            act = QAction(native_name, self)  # a language's own name needs no translation
            act.setCheckable(True)
            act.setData(code)
            self.language_group.addAction(act)
            self.languages[code] = act
        # Training shortcuts (enabled while the training tab is shown)
        self.start_pause = self._action("Space")
        self.step = self._action("S")
        self.step.setShortcuts([QKeySequence("S"), QKeySequence("Right")])
        self.reset = self._action("R")
        self.previous_preset = self._action("PgUp")
        self.next_preset = self._action("PgDown")
        # Help
        self.guide = self._action(QKeySequence.StandardKey.HelpContents)
        self.about = self._action()
        self.retranslate()

    def _action(self, shortcut: object = None, *, checkable: bool = False) -> QAction:
        act = QAction(self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        return act

    @property
    def training_actions(self) -> tuple[QAction, ...]:
        return (self.start_pause, self.step, self.reset, self.previous_preset, self.next_preset)

    def retranslate(self) -> None:
        texts = {
            self.open_session: self.tr("&Open session…"),
            self.save_session: self.tr("&Save session"),
            self.save_session_as: self.tr("Save session &as…"),
            self.export_plot: self.tr("Export current plot as PNG or SVG…"),
            self.export_records_csv: self.tr("Export training records as CSV…"),
            self.export_records_json: self.tr("Export training records as JSON…"),
            self.export_timeline_gif: self.tr("Export histogram timeline as animated GIF…"),
            self.quit: self.tr("&Quit"),
            self.presenter: self.tr("&Presenter mode"),
            self.full_screen: self.tr("&Full screen"),
            self.dark_theme: self.tr("&Dark theme"),
            self.start_pause: self.tr("Start / pause training"),
            self.step: self.tr("One training step"),
            self.reset: self.tr("Reset the run"),
            self.previous_preset: self.tr("Previous preset"),
            self.next_preset: self.tr("Next preset"),
            self.guide: self.tr("Lecture &guide to the presets"),
            self.about: self.tr("&About Activation Lab"),
        }
        for act, text in texts.items():
            act.setText(text)
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{text.replace('&', '')} ({shortcut})" if shortcut else text)

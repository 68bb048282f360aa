"""The Training lab tab as the main window sees it: view + controller, started lazily.

Language: after ``gui.i18n.install_language`` Qt sends every widget a LanguageChange; each
part of the view re-sets its own texts (``retranslate``), and the tab has the controller
render its status, titles and notes again. Texts that core holds in both languages (preset
titles and explanations, parameter help) follow ``set_language``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from core.presets import load_presets
from gui import theme as theme_mod
from gui.i18n import current_language
from gui.training.training_controller import TrainingController
from gui.training.training_view import TrainingView


class TrainingTab(QWidget):
    """Holds the view and its controller; the training thread starts when first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        presets = load_presets()
        self.view = TrainingView(presets)
        self.controller = TrainingController(self.view, presets, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.apply_theme(theme_mod.current())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.controller.ensure_worker()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # then Qt sends it on to the view's parts

    def retranslate(self) -> None:
        self.set_language(current_language())
        self.controller.retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        self.shutdown()  # when the tab itself is a top-level window (tests, detached)
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and join the training thread; safe to call more than once."""
        self.controller.shutdown()

    def set_language(self, lang: str) -> None:
        """Core's bilingual texts (presets, parameter help) in ``lang`` ("en", "zh_CN")."""
        self.view.set_language(lang)

    def apply_theme(self, th: theme_mod.Theme) -> None:
        self.view.apply_theme(th)

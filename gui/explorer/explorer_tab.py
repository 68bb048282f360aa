"""The explorer tab as the main window sees it: the view plus its controller.

Language: after ``gui.i18n.install_language`` Qt sends every widget a LanguageChange; each
part of the view re-sets its own texts (``retranslate``), and the tab has the controller
render what it shows from its state again (readout, facts, depth readout, softmax check,
loss annotations, cost status). Texts that core holds in both languages (notes, group
names, parameter descriptions) follow ``set_language``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.explorer_controller import ExplorerController
from gui.explorer.explorer_view import ExplorerView
from gui.i18n import current_language


class ExplorerTab(QWidget):
    """Activation explorer: function list, parameters, plots and teaching panels."""

    def __init__(
        self, language: str = "en", *, auto_measure_cost: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = ExplorerView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.controller = ExplorerController(
            self.view, language=language, auto_measure_cost=auto_measure_cost
        )

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # then Qt sends it on to the view's parts

    def retranslate(self) -> None:
        self.controller.retranslate(current_language())

    def set_language(self, language: str) -> None:
        """ "en" or "zh_CN": re-picks the notes, group names and parameter descriptions."""
        self.controller.set_language(language)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.controller.apply_theme(t)

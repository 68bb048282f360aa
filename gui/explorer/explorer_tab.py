"""The explorer tab as the main window sees it: the view plus its controller."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.explorer_controller import ExplorerController
from gui.explorer.explorer_view import ExplorerView


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

    def set_language(self, language: str) -> None:
        """ "en" or "zh_CN": re-picks the notes, group names and parameter descriptions."""
        self.controller.set_language(language)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.controller.apply_theme(t)

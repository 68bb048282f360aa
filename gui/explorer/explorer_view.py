"""The explorer tab's layout: function list and parameters on the left, the large
f/f′ plots in the middle, and the teaching panels in tabs underneath.

The panels behind the other tabs (depth, softmax, losses, maxout) are built the first
time their tab is opened: ten pyqtgraph plots cost about half a second to create, which
start-up should not pay for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.depth_panel import DepthPanel
from gui.explorer.facts_panel import FactsPanel
from gui.explorer.function_list import FunctionList
from gui.explorer.function_plots import FunctionPlots
from gui.explorer.loss_panel import LossPanel
from gui.explorer.maxout_panel import MaxoutPanel
from gui.explorer.parameter_panel import ParameterPanel
from gui.explorer.softmax_panel import SoftmaxPanel

_LAZY_PANELS = {
    "depth": DepthPanel,
    "softmax": SoftmaxPanel,
    "loss": LossPanel,
    "maxout": MaxoutPanel,
}


class ExplorerView(QWidget):
    """Lays out the explorer's widgets and exposes them; no logic."""

    panelBuilt = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.function_list = FunctionList()
        self.parameters = ParameterPanel()
        self.plots = FunctionPlots()
        self.facts = FactsPanel()
        self.depth: DepthPanel | None = None
        self.softmax: SoftmaxPanel | None = None
        self.loss: LossPanel | None = None
        self.maxout: MaxoutPanel | None = None

        self.panels = QTabWidget()
        self.panels.setDocumentMode(True)
        self.panels.addTab(self.facts, self.tr("Facts"))
        self._pages: dict[str, QWidget] = {}
        self._tab_names = ["facts"]
        for name, title in (
            ("depth", self.tr("Gradient through depth")),
            ("softmax", self.tr("Softmax")),
            ("loss", self.tr("Losses")),
            ("maxout", self.tr("Maxout")),
        ):
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self._tab_names.append(name)
            self.panels.addTab(page, title)
        self.panels.currentChanged.connect(self._build_current_panel)

        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.function_list)
        self.left.addWidget(self.parameters)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.left.setChildrenCollapsible(False)

        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.addWidget(self.plots)
        self.centre.addWidget(self.panels)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 2)
        self.centre.setChildrenCollapsible(False)

        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.addWidget(self.left)
        self.main.addWidget(self.centre)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        self.main.setChildrenCollapsible(False)
        self.main.setSizes([270, 1000])
        self.centre.setSizes([510, 270])

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.main)

    def panel(self, name: str) -> QWidget:
        """The panel ``name`` ("depth", "softmax", "loss", "maxout"), built on first use."""
        widget = getattr(self, name)
        if widget is None:
            widget = _LAZY_PANELS[name]()
            setattr(self, name, widget)
            self._pages[name].layout().addWidget(widget)
            self.panelBuilt.emit(name)
        return widget

    def show_panel(self, name: str) -> QWidget:
        self.panels.setCurrentIndex(self._tab_names.index(name))
        return self.panel(name)

    def _build_current_panel(self, index: int) -> None:
        name = self._tab_names[index]
        if name in _LAZY_PANELS:
            self.panel(name)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        """Restyle every plot and panel (presenter mode, dark theme)."""
        for view in (self.plots, self.facts, self.depth, self.softmax, self.loss, self.maxout):
            if view is not None:
                view.apply_theme(t)

"""The explorer tab's layout: function list and parameters on the left, the large
f/f′ plots in the middle, and the teaching panels in tabs underneath.

The panels behind the other tabs (depth, softmax, losses, maxout) are built the first
time their tab is opened: ten pyqtgraph plots cost about half a second to create, which
start-up should not pay for.

What gives way when presenter fonts meet a small window (1280x800 on a projector): the left
column takes at most a share of the width (long names in the list are elided, the
parameter heading wraps), the plots' controls wrap onto a second line, and the panels'
side columns and facts cards are as wide as their fonts need, never a fixed number of
pixels. Every part sets its texts in ``retranslate()`` on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
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
TAB_NAMES = ("facts", "depth", "softmax", "loss", "maxout")

# The left column's share of the width at most (it is narrower when the list needs less),
# and the plots' share of the centre's height; keyed by presenter mode.
LEFT_SHARE = {False: 0.24, True: 0.22}
PLOTS_SHARE = {False: 0.65, True: 0.66}


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
        self.panels.addTab(self.facts, "")  # tab titles in retranslate()
        self._pages: dict[str, QWidget] = {}
        self._tab_names = list(TAB_NAMES)
        for name in TAB_NAMES[1:]:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.panels.addTab(page, "")
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
        self._theme = theme_mod.current()
        self._user_split = False  # the user dragged a handle: keep their sizes
        self.main.splitterMoved.connect(self._split_by_user)
        self.centre.splitterMoved.connect(self._split_by_user)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.main)
        self.retranslate()

    # -- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panels' tab titles; each part retranslates itself, the controller the rest."""
        titles = {
            "facts": self.tr("Facts"),
            "depth": self.tr("Gradient through depth"),
            "softmax": self.tr("Softmax"),
            "loss": self.tr("Losses"),
            "maxout": self.tr("Maxout"),
        }
        for i, name in enumerate(self._tab_names):
            self.panels.setTabText(i, titles[name])

    # -- lazy panels ----------------------------------------------------------------------
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

    def built_panels(self) -> list[QWidget]:
        return [p for p in (self.depth, self.softmax, self.loss, self.maxout) if p is not None]

    def _build_current_panel(self, index: int) -> None:
        name = self._tab_names[index]
        if name in _LAZY_PANELS:
            self.panel(name)

    # -- sharing the space ----------------------------------------------------------------
    def _split_by_user(self, *_args: object) -> None:
        self._user_split = True

    def left_widths(self) -> tuple[int, int]:
        """The left column's (minimum, preferred) width in the current fonts."""
        minimum = self.left.minimumSizeHint().width()
        preferred = max(self.function_list.sizeHint().width(), self.parameters.sizeHint().width())
        return minimum, max(minimum, preferred)

    def _balance(self) -> None:
        """Share the space out between the columns and between plots and panels (unless
        the user has dragged a handle)."""
        if self._user_split or not self.isVisible():
            return
        presenter = self._theme.presenter
        total = sum(self.main.sizes())
        if total > 0:
            minimum, preferred = self.left_widths()
            left = min(preferred, max(minimum, round(total * LEFT_SHARE[presenter])))
            self.main.setSizes([left, total - left])
        height = sum(self.centre.sizes())
        if height > 0:
            plots = round(height * PLOTS_SHARE[presenter])
            self.centre.setSizes([plots, height - plots])

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self._balance)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        if event.oldSize() != event.size():
            self._balance()

    def apply_theme(self, t: theme_mod.Theme) -> None:
        """Restyle every plot and panel (presenter mode, dark theme)."""
        self._theme = t
        self._user_split = False  # a new look: share the space out afresh
        for view in (self.plots, self.facts, *self.built_panels()):
            view.apply_theme(t)
        QTimer.singleShot(0, self, self._balance)  # once the new fonts are measured

"""Gradient through depth: how a factor f′ per layer compounds over L layers.

Log y-axis. Values are drawn as log10 by us (not by pyqtgraph's log mode) so that zeros
and floor-clipped values are handled explicitly and the axes stay sane.

The side column (sliders, explanation, readout) is as wide as its fonts need and scrolls
vertically; the axes label decades only, as many as the plot's height allows.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.function_plots import function_pen, grid_colour
from gui.explorer.light_grid import LightGrid
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.plot_style import fitted_axes, style_axis
from gui.widgets.side_column import SideColumn

MIN_DEPTH = 1
MAX_DEPTH = 50
DEFAULT_DEPTH = 10
FLOOR = 1e-30  # below this a factor is drawn at the floor and said to be clipped
CEILING = 1e30
SIDE_SHARE = 0.4  # the side column's preferred width at most, of the panel's
SIDE_EMS = 34  # the side column's preferred width at most, in "M" widths


class DepthPanel(QWidget):
    """Depth slider L, operating point x0, the log plot and a numeric readout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.depth = LabeledSlider(MIN_DEPTH, MAX_DEPTH, DEFAULT_DEPTH, step=1, decimals=0)
        self.x0 = LabeledSlider(-5.0, 5.0, 0.0, step=0.01, decimals=2)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.readout = QLabel()  # the controller's
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.plot_widget = pg.PlotWidget(axisItems=fitted_axes("left", "bottom"))
        self.plot: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.enableAutoRange(False)
        self.plot.setLogMode(x=False, y=True)
        self.plot.setXRange(MIN_DEPTH, MAX_DEPTH, padding=0.02)
        self.depth_line = pg.InfiniteLine(pos=10, angle=90, movable=False)
        self.one_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False)  # log10(1) = 0
        self.plot.addItem(self.depth_line, ignoreBounds=True)
        self.plot.addItem(self.one_line, ignoreBounds=True)
        self.best: dict[str, pg.PlotCurveItem] = {}
        self.at_x0: dict[str, pg.PlotCurveItem] = {}
        self._colours: dict[str, int] = {}

        sliders = QVBoxLayout()
        sliders.addWidget(self.depth)
        sliders.addWidget(self.x0)
        sliders.addWidget(self.explanation)
        sliders.addWidget(self.readout, 1)
        side = QWidget()
        side.setLayout(sliders)
        self.side = SideColumn(
            side, max_ems=SIDE_EMS, max_share=SIDE_SHARE
        )  # the readout grows with the functions
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.side)
        layout.addWidget(self.plot_widget, 1)
        self.grids = [LightGrid(p) for p in (self.plot,)]
        self.retranslate()
        self.apply_theme(theme_mod.current())

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Labels, explanation and axis titles (the readout is the controller's)."""
        self.depth.setLabel(self.tr("Depth L"))
        self.x0.setLabel(self.tr("Operating point x₀"))
        self.x0.setToolTip(self.tr("Also draggable as the x₀ line on the f′ plot"))
        self.explanation.setText(
            self.tr(
                "Backpropagation multiplies one factor f′ per layer. Solid: the best case "
                "max|f′|<sup>L</sup>; dashed: |f′(x₀)|<sup>L</sup> at x₀."
            )
        )
        self.plot.setLabel("bottom", self.tr("depth L"))
        self.plot.setLabel("left", self.tr("gradient factor"))

    def ensure_curves(self, activation_id: str, colour_index: int) -> None:
        if activation_id not in self.best:
            self.best[activation_id] = pg.PlotCurveItem()
            self.at_x0[activation_id] = pg.PlotCurveItem()
            self.plot.addItem(self.best[activation_id])
            self.plot.addItem(self.at_x0[activation_id])
        self._colours[activation_id] = colour_index
        self._style(activation_id, theme_mod.current())

    def set_visible_functions(self, ids: list[str]) -> None:
        for aid in self.best:
            self.best[aid].setVisible(aid in ids)
            self.at_x0[aid].setVisible(aid in ids)

    def set_factors(
        self, activation_id: str, depths: np.ndarray, best: np.ndarray, at_x0: np.ndarray
    ) -> None:
        """Plot factor^L; zeros (dead) are not drawn, tiny values clip at FLOOR."""
        self.best[activation_id].setData(depths, _log10_clipped(best))
        logs = _log10_clipped(at_x0)
        if np.all(at_x0 == 0):
            self.at_x0[activation_id].setData([], [])
        else:
            self.at_x0[activation_id].setData(depths, logs)

    def set_y_span(self, low: float, high: float) -> None:
        """Y range in decades (log10)."""
        self.plot.setYRange(low, high, padding=0.03)

    def set_depth_marker(self, depth: float) -> None:
        self.depth_line.setValue(depth)

    def _style(self, aid: str, t: theme_mod.Theme) -> None:
        i = self._colours[aid]
        self.best[aid].setPen(function_pen(t, i, bold=True))
        dashed = function_pen(t, i, bold=True)
        dashed.setStyle(Qt.PenStyle.DashLine)
        self.at_x0[aid].setPen(dashed)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.plot_widget.setBackground(t.background)
        for name in ("left", "bottom"):
            style_axis(self.plot.getAxis(name), t)
        for grid in self.grids:
            grid.set_colour(grid_colour(t))
        self.depth_line.setPen(pg.mkPen(t.foreground, width=1, style=Qt.PenStyle.DotLine))
        self.one_line.setPen(pg.mkPen(t.foreground, width=1))
        for aid in self.best:
            self._style(aid, t)


def _log10_clipped(values: np.ndarray) -> np.ndarray:
    v = np.clip(np.asarray(values, dtype=np.float64), FLOOR, CEILING)
    return np.log10(v)

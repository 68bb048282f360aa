"""Maxout: k affine pieces with sliders; the max in bold, the pieces thin, f′ below.

The side column is as wide as its sliders need in the theme's font (no fixed pixels); axes
label as many ticks as their height allows. Texts are set in ``retranslate()``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.maxout import COEFFICIENT_LIMIT, MAX_PIECES, MIN_PIECES
from gui import theme as theme_mod
from gui.explorer.function_plots import function_pen, grid_colour
from gui.explorer.light_grid import LightGrid
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.plot_style import fitted_axes, left_axis_width, style_axis
from gui.widgets.range_spin_box import RangeIntSpinBox
from gui.widgets.side_column import SideColumn

X_LIMIT = 5.0
DEFAULT_SLOPES = (-0.5, 1.0, 2.0, 0.0, -2.0)
DEFAULT_INTERCEPTS = (0.0, 0.0, -2.0, 1.0, -3.0)
SIDE_SHARE = 0.5  # the side column's preferred width at most, of the panel's
SLIDER_DIGITS = 5  # the slope and intercept sliders are at least this many digits long


class MaxoutPanel(QWidget):
    """Piece count, slope/intercept sliders, and the two plots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = RangeIntSpinBox()
        self.count.setRange(MIN_PIECES, MAX_PIECES)
        self.count.setValue(3)
        self.slopes: list[LabeledSlider] = []
        self.intercepts: list[LabeledSlider] = []
        self.piece_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.slope_header = QLabel()
        self.intercept_header = QLabel()
        grid.addWidget(self.slope_header, 0, 1)
        grid.addWidget(self.intercept_header, 0, 2)
        lim = COEFFICIENT_LIMIT
        for i in range(MAX_PIECES):
            label = QLabel()
            w = LabeledSlider(-lim, lim, DEFAULT_SLOPES[i], step=0.05, decimals=2)
            b = LabeledSlider(-lim, lim, DEFAULT_INTERCEPTS[i], step=0.05, decimals=2)
            w.slider_digits = b.slider_digits = SLIDER_DIGITS
            grid.addWidget(label, i + 1, 0)
            grid.addWidget(w, i + 1, 1)
            grid.addWidget(b, i + 1, 2)
            self.piece_labels.append(label)
            self.slopes.append(w)
            self.intercepts.append(b)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.count, 0, Qt.AlignmentFlag.AlignLeft)
        side.addLayout(grid)
        side.addWidget(self.explanation)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        self.side = SideColumn(side_widget, max_share=SIDE_SHARE)

        self.graphics = pg.GraphicsLayoutWidget()
        self.f_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, axisItems=fitted_axes("left", "bottom")
        )
        self.df_plot: pg.PlotItem = self.graphics.addPlot(
            row=1, col=0, axisItems=fitted_axes("left", "bottom")
        )
        self.df_plot.setXLink(self.f_plot)
        self.f_plot.setLabel("left", "f(x)")
        self.df_plot.setLabel("left", "f′(x)")
        self.df_plot.setLabel("bottom", "x")
        self.piece_curves = [pg.PlotCurveItem() for _ in range(MAX_PIECES)]
        for c in self.piece_curves:
            self.f_plot.addItem(c)
        self.max_curve = pg.PlotCurveItem()
        self.max_curve.setZValue(10)
        self.f_plot.addItem(self.max_curve)
        self.derivative_curve = pg.PlotCurveItem()
        self.df_plot.addItem(self.derivative_curve)
        for plot in (self.f_plot, self.df_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.enableAutoRange(False)
        self.f_plot.setXRange(-X_LIMIT, X_LIMIT, padding=0.0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.side)
        layout.addWidget(self.graphics, 1)
        self.grids = [LightGrid(p) for p in (self.f_plot, self.df_plot)]
        self.retranslate()
        self.apply_theme(theme_mod.current())

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.count.setPrefix(self.tr("pieces k = "))
        self.count.setToolTip(self.tr("How many affine pieces the maximum is taken over"))
        self.slope_header.setText(self.tr("slope w"))
        self.intercept_header.setText(self.tr("intercept b"))
        for i, label in enumerate(self.piece_labels):
            label.setText(self.tr("piece {0}").format(i + 1))
        self.explanation.setText(
            self.tr(
                "f(x) = max<sub>i</sub>(w<sub>i</sub>x + b<sub>i</sub>): a learned, "
                "convex, piecewise-linear activation. f′ is the winning piece's slope."
            )
        )

    def set_count(self, k: int) -> None:
        for i in range(MAX_PIECES):
            on = i < k
            for w in (self.slopes[i], self.intercepts[i], self.piece_labels[i]):
                w.setVisible(on)
            self.piece_curves[i].setVisible(on)

    def set_data(
        self, x: np.ndarray, pieces: np.ndarray, fx: np.ndarray, dfx: np.ndarray, y_span, d_span
    ) -> None:
        for i, c in enumerate(self.piece_curves):
            if i < len(pieces):
                c.setData(x, pieces[i])
        self.max_curve.setData(x, fx)
        self.derivative_curve.setData(x, dfx)
        self.f_plot.setYRange(*y_span, padding=0.0)
        self.df_plot.setYRange(*d_span, padding=0.0)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.graphics.setBackground(t.background)
        for plot in (self.f_plot, self.df_plot):
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), t)
        # One width for both y axes, so the linked x axes line up.
        width = max(
            left_axis_width(p.getAxis("left"), ("-10", "-2.5")) for p in (self.f_plot, self.df_plot)
        )
        for plot in (self.f_plot, self.df_plot):
            plot.getAxis("left").setWidth(width)
            plot.getAxis("bottom").set_overflow(width)
        for grid in self.grids:
            grid.set_colour(grid_colour(t))
        for i, c in enumerate(self.piece_curves):
            c.setPen(function_pen(t, i))
        # The max as a wide translucent stroke under the pieces: bold, yet the piece that
        # is the max at each x shows through it in its own colour.
        colour = QColor(t.foreground)
        colour.setAlphaF(0.45)
        bold = pg.mkPen(colour, width=t.pen_width * 2.2)
        bold.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.max_curve.setPen(bold)
        self.max_curve.setZValue(-1)
        self.derivative_curve.setPen(pg.mkPen(t.foreground, width=t.pen_width))
        for i, label in enumerate(self.piece_labels):
            label.setStyleSheet(f"color: {t.colour(i)}; font-weight: bold;")

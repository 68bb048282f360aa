"""Maxout: k affine pieces with sliders; the max in bold, the pieces thin, f′ below."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from core.maxout import COEFFICIENT_LIMIT, MAX_PIECES, MIN_PIECES
from gui import theme as theme_mod
from gui.explorer.function_plots import function_pen, grid_colour
from gui.explorer.light_grid import LightGrid
from gui.widgets.labeled_slider import LabeledSlider

X_LIMIT = 5.0
DEFAULT_SLOPES = (-0.5, 1.0, 2.0, 0.0, -2.0)
DEFAULT_INTERCEPTS = (0.0, 0.0, -2.0, 1.0, -3.0)


class MaxoutPanel(QWidget):
    """Piece count, slope/intercept sliders, and the two plots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = QSpinBox()
        self.count.setRange(MIN_PIECES, MAX_PIECES)
        self.count.setValue(3)
        self.count.setPrefix(self.tr("pieces k = "))
        self.slopes: list[LabeledSlider] = []
        self.intercepts: list[LabeledSlider] = []
        self.piece_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("slope w")), 0, 1)
        grid.addWidget(QLabel(self.tr("intercept b")), 0, 2)
        lim = COEFFICIENT_LIMIT
        for i in range(MAX_PIECES):
            label = QLabel(self.tr("piece {0}").format(i + 1))
            w = LabeledSlider(-lim, lim, DEFAULT_SLOPES[i], step=0.05, decimals=2)
            b = LabeledSlider(-lim, lim, DEFAULT_INTERCEPTS[i], step=0.05, decimals=2)
            grid.addWidget(label, i + 1, 0)
            grid.addWidget(w, i + 1, 1)
            grid.addWidget(b, i + 1, 2)
            self.piece_labels.append(label)
            self.slopes.append(w)
            self.intercepts.append(b)
        self.explanation = QLabel(
            self.tr(
                "f(x) = max<sub>i</sub>(w<sub>i</sub>x + b<sub>i</sub>): a learned, "
                "convex, piecewise-linear activation. f′ is the winning piece's slope."
            )
        )
        self.explanation.setWordWrap(True)
        side = QVBoxLayout()
        self.count.setMaximumWidth(160)
        side.addWidget(self.count)
        side.addLayout(grid)
        side.addWidget(self.explanation)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(420)

        self.graphics = pg.GraphicsLayoutWidget()
        self.f_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.df_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=0)
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
        layout.addWidget(side_widget)
        layout.addWidget(self.graphics, 1)
        self.grids = [LightGrid(p) for p in (self.f_plot, self.df_plot)]
        self.apply_theme(theme_mod.current())

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
        font = QFont()
        font.setPointSizeF(t.base_point_size * 0.9)
        for plot in (self.f_plot, self.df_plot):
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(pg.mkPen(t.foreground))
                ax.setTextPen(t.foreground)
                ax.setTickFont(font)
                ax.label.setFont(font)
        for grid in self.grids:
            grid.set_colour(grid_colour(t))
        for i, c in enumerate(self.piece_curves):
            c.setPen(function_pen(t, i))
        bold = pg.mkPen(t.foreground, width=t.pen_width * 2.2)
        bold.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.max_curve.setPen(bold)
        self.derivative_curve.setPen(pg.mkPen(t.foreground, width=t.pen_width))
        for i, label in enumerate(self.piece_labels):
            label.setStyleSheet(f"color: {t.colour(i)}; font-weight: bold;")

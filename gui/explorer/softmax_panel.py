"""Softmax: logits and temperature in, probabilities and the Jacobian out.

Sizes come from the theme's fonts: the side column is as wide as its sliders need, plot
titles shrink only when wider than their plot, value labels scale with the ticks.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.softmax import MAX_TEMPERATURE, MIN_TEMPERATURE
from gui import theme as theme_mod
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.plot_style import (
    MIN_TITLE_POINTS,
    axis_column_width,
    fit_titles,
    fitted_axes,
    plot_fonts,
    relayout_soon,
    style_axis,
)
from gui.widgets.range_spin_box import RangeIntSpinBox
from gui.widgets.side_column import SideColumn

MIN_LOGITS = 3
MAX_LOGITS = 10
LOGIT_LIMIT = 6.0
LABELLED_CELLS = 6  # beyond 6×6 the value labels would crowd; the colour bar remains
CELL_TEXT = "#202020"  # on the diverging map's light middle (any theme)
CELL_TEXT_ON_DARK = "#ffffff"  # on its saturated ends
SIDE_SHARE = 0.45  # the side column's preferred width at most, of the panel's
SIDE_EMS = 32  # the side column's preferred width at most, in "M" widths
DEFAULT_LOGITS = (2.0, 1.0, 0.1, -1.0, 0.5, -0.5, 1.5, -2.0, 0.0, 3.0)


class SoftmaxPanel(QWidget):
    """Logit sliders, temperature, probability bars, Jacobian heat map, 2-class check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = RangeIntSpinBox()
        self.count.setRange(MIN_LOGITS, MAX_LOGITS)
        self.count.setValue(4)
        self.temperature = LabeledSlider(
            MIN_TEMPERATURE, MAX_TEMPERATURE, 1.0, log_scale=True, decimals=2, label="T"
        )
        self.logit_sliders: list[LabeledSlider] = []
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for i in range(MAX_LOGITS):
            s = LabeledSlider(
                -LOGIT_LIMIT,
                LOGIT_LIMIT,
                DEFAULT_LOGITS[i],
                step=0.05,
                decimals=2,
                label=f"z{_sub(i + 1)}",
            )
            self.logit_sliders.append(s)
            grid.addWidget(s, i % 5, i // 5)
        self.check = QLabel()
        self.check.setTextFormat(Qt.TextFormat.RichText)
        self.check.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addWidget(self.temperature, 1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addLayout(grid)
        left.addWidget(self.check)
        left.addStretch(1)
        side = QWidget()
        side.setLayout(left)
        self.side = SideColumn(side, max_ems=SIDE_EMS, max_share=SIDE_SHARE)

        self.graphics = pg.GraphicsLayoutWidget()
        self.bars_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, axisItems=fitted_axes("left")
        )
        self.bars_plot.setYRange(0.0, 1.0, padding=0.02)
        self.bars = pg.BarGraphItem(x=np.arange(4), height=np.zeros(4), width=0.7)
        self.bars_plot.addItem(self.bars)
        self.bar_labels: list[pg.TextItem] = []
        for _ in range(MAX_LOGITS):
            t = pg.TextItem(anchor=(0.5, 1.0))
            self.bars_plot.addItem(t)
            self.bar_labels.append(t)
        self.jac_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=1)
        self.jac_plot.setAspectLocked(True)
        self.jac_plot.invertY(True)
        self.jacobian_image = pg.ImageItem(axisOrder="row-major")
        self.jac_plot.addItem(self.jacobian_image)
        self.colour_map = pg.colormap.get("CET-D1")
        self.colour_bar = pg.ColorBarItem(
            values=(-0.25, 0.25), colorMap=self.colour_map, interactive=False, width=12
        )
        self.colour_bar.setImageItem(self.jacobian_image, insert_in=self.jac_plot)
        self.cell_labels: list[pg.TextItem] = []
        self._cell_colours = [CELL_TEXT] * (LABELLED_CELLS * LABELLED_CELLS)
        for _ in range(LABELLED_CELLS * LABELLED_CELLS):
            t = pg.TextItem(anchor=(0.5, 0.5))
            t.hide()
            self.jac_plot.addItem(t)
            self.cell_labels.append(t)
        for plot in (self.bars_plot, self.jac_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.side)
        layout.addWidget(self.graphics, 1)
        self._theme = theme_mod.current()
        self._titles = ("", "")
        self._cells = 0  # the Jacobian's size the cell labels were fitted to
        self.jac_plot.getViewBox().sigResized.connect(self._fit_cell_labels)
        self.retranslate()
        self.apply_theme(self._theme)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Prefix, tooltip and plot titles (the 2-class check is the controller's)."""
        self.count.setPrefix(self.tr("logits: "))
        self.count.setToolTip(self.tr("How many classes (logits)"))
        self.temperature.setToolTip(self.tr("Temperature: p = softmax(z / T)"))
        self._titles = (
            self.tr("probabilities p"),
            self.tr("Jacobian ∂p<sub>i</sub>/∂z<sub>j</sub>"),
        )
        self._fit_titles()

    def _fit_titles(self) -> None:
        """Titles in the theme's size, smaller only when one is wider than its plot (both
        in the same size, side by side)."""
        points = plot_fonts(self._theme).title_pt
        share = self.graphics.width() / 2
        plots = (self.bars_plot, self.jac_plot)
        titled = []
        for plot, title in zip(plots, self._titles, strict=True):
            room = share - axis_column_width(plot) - 8
            if plot is self.jac_plot:
                room -= self.colour_bar.boundingRect().width()
            titled.append((plot, title, room))
        fit_titles(titled, points)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_titles()
        relayout_soon(self.graphics)

    def set_count(self, n: int) -> None:
        for i, s in enumerate(self.logit_sliders):
            s.setVisible(i < n)

    def set_probabilities(self, p: np.ndarray) -> None:
        n = len(p)
        x = np.arange(1, n + 1)
        self.bars.setOpts(x=x, height=p, width=0.7)
        self.bars_plot.setXRange(0.4, n + 0.6, padding=0.0)
        ticks = [[(i + 1, f"p{_sub(i + 1)}") for i in range(n)]]
        self.bars_plot.getAxis("bottom").setTicks(ticks)
        for i, label in enumerate(self.bar_labels):
            if i < n:
                label.setText(f"{p[i]:.3f}")
                label.setPos(i + 1, p[i])
                label.show()
            else:
                label.hide()

    def _dark_cells(self, scaled: np.ndarray) -> np.ndarray:
        """Where a cell of the diverging map (``scaled`` in [-1, 1]) is dark enough that
        white text reads better than black: relative luminance below 0.179, where the
        two contrast ratios are equal (the saturated ends, |value| above ~0.8 of the
        scale; black on them was 3.3:1)."""
        rgb = self.colour_map.map(0.5 + 0.5 * np.clip(scaled, -1.0, 1.0), mode="float")[..., :3]
        linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        return linear @ np.array([0.2126, 0.7152, 0.0722]) < 0.179

    def set_jacobian(self, jac: np.ndarray) -> None:
        n = jac.shape[0]
        limit = max(float(np.max(np.abs(jac))), 1e-12)
        self.jacobian_image.setImage(jac, levels=(-limit, limit))
        self.jacobian_image.setRect(0.5, 0.5, n, n)
        self.colour_bar.setLevels((-limit, limit))
        self.jac_plot.setRange(xRange=(0.5, n + 0.5), yRange=(0.5, n + 0.5), padding=0.02)
        if n != self._cells:
            self._cells = n
            self._fit_cell_labels()
        show = n <= LABELLED_CELLS
        dark = self._dark_cells(jac / limit) if show else None
        for k, label in enumerate(self.cell_labels):
            i, j = divmod(k, LABELLED_CELLS)
            if show and i < n and j < n:
                label.setText(f"{jac[i, j]:.2f}")
                label.setPos(j + 1, i + 1)
                colour = CELL_TEXT_ON_DARK if dark[i, j] else CELL_TEXT
                if self._cell_colours[k] != colour:
                    self._cell_colours[k] = colour
                    label.setColor(colour)
                label.show()
            else:
                label.hide()
        ticks = [[(i + 1, str(i + 1)) for i in range(n)]]
        self.jac_plot.getAxis("bottom").setTicks(ticks)
        self.jac_plot.getAxis("left").setTicks(ticks)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self._theme = t
        self.graphics.setBackground(t.background)
        self.bars.setOpts(brush=t.colour(0), pen=pg.mkPen(t.foreground, width=1))
        fonts = plot_fonts(t)
        for plot in (self.bars_plot, self.jac_plot):
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), t)
            plot.titleLabel.setAttr("color", t.foreground)
        self._fit_titles()
        for label in self.bar_labels:
            label.setColor(t.foreground)
            label.setFont(fonts.tick)
        for k, label in enumerate(self.cell_labels):
            label.setColor(self._cell_colours[k])
        self._fit_cell_labels()
        relayout_soon(self.graphics)

    def _fit_cell_labels(self, *_args: object) -> None:
        """Cell values in the tick size, smaller when "-0.25" would not fit in a cell."""
        font = QFont(plot_fonts(self._theme).tick)
        n = max(self._cells, MIN_LOGITS)
        box = self.jac_plot.getViewBox()
        cell = min(box.width(), box.height()) / n
        natural = QFontMetricsF(font).horizontalAdvance("-0.25")
        if cell > 0 and natural > 0.85 * cell:
            font.setPointSizeF(max(MIN_TITLE_POINTS, font.pointSizeF() * 0.85 * cell / natural))
        for label in self.cell_labels:
            label.setFont(font)


def _sub(i: int) -> str:
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))

"""f(x) above f'(x) on linked x-axes, with shading, bounds, a crosshair and x0.

The view owns the plot items (created once per activation, then only ``setData``);
the controller computes every number from the registry and pushes it here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui import theme as theme_mod
from gui.explorer.light_grid import LightGrid
from gui.explorer.region_bands import RegionBands, combined_bands, mask_intervals
from gui.widgets.labeled_slider import LabeledSlider

X_RANGE_MIN = 3.0
X_RANGE_MAX = 20.0
X_RANGE_DEFAULT = 5.0


def dash_style(index: int) -> Qt.PenStyle:
    """Past the palette's eight colours, curves are told apart by dashes."""
    styles = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
    return styles[(index // len(theme_mod.OKABE_ITO)) % len(styles)]


def function_pen(t: theme_mod.Theme, index: int, *, bold: bool = False) -> pg.QtGui.QPen:
    """1 px by default (wider pens cost ~5x the paint time); presenter mode thickens."""
    pen = pg.mkPen(t.colour(index), width=t.pen_width if bold else t.thin_pen_width)
    pen.setStyle(dash_style(index))
    pen.setCosmetic(True)
    return pen


def grid_colour(t: theme_mod.Theme) -> str:
    """An opaque grid colour: the foreground faded into the background."""
    fg, bg = QColor(t.foreground), QColor(t.background)
    a = 0.13
    mix = [
        round(a * f + (1 - a) * b) for f, b in zip(fg.getRgb()[:3], bg.getRgb()[:3], strict=True)
    ]
    return QColor(*mix).name()


def style_legend(legend: pg.LegendItem, t: theme_mod.Theme) -> None:
    """Legend text in the theme's colour and size, on a faint background."""
    size = f"{t.base_point_size:g}pt"
    legend.setLabelTextColor(t.foreground)
    legend.setLabelTextSize(size)
    legend.setBrush(translucent(t.background, 210))
    legend.setPen(pg.mkPen(grid_colour(t)))
    for _sample, label in legend.items:
        label.setText(label.text, color=t.foreground, size=size)


def tint(colour: str, background: str, strength: float = 0.2) -> QColor:
    """``colour`` faded into ``background``, opaque (cheap to fill)."""
    c, b = QColor(colour), QColor(background)
    mix = [
        round(strength * x + (1 - strength) * y)
        for x, y in zip(c.getRgb()[:3], b.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


def translucent(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


@dataclass
class FunctionItems:
    """Every plot item that belongs to one activation."""

    f_curve: pg.PlotCurveItem
    df_curve: pg.PlotCurveItem
    bounds: tuple[pg.InfiniteLine, pg.InfiniteLine]
    dead: RegionBands  # hatched, on the f′ plot
    band_low: pg.PlotCurveItem
    band_high: pg.PlotCurveItem
    band_fill: pg.FillBetweenItem
    colour_index: int = 0
    name: str = ""


class FunctionPlots(QWidget):
    """Controls row, live readout, and the two linked plots."""

    crosshairMoved = Signal(float)
    crosshairLeft = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = theme_mod.current()
        # -- controls ---------------------------------------------------------------
        self.x_range = LabeledSlider(
            X_RANGE_MIN,
            X_RANGE_MAX,
            X_RANGE_DEFAULT,
            step=0.5,
            decimals=1,
            label=self.tr("x range ±"),
        )
        self.x_range.setMaximumWidth(280)
        self.saturated_check = QCheckBox(self.tr("Saturated: |f′| <"))
        self.saturated_check.setChecked(True)
        self.saturation_fraction = QDoubleSpinBox()
        self.saturation_fraction.setRange(0.1, 50.0)
        self.saturation_fraction.setDecimals(1)
        self.saturation_fraction.setSingleStep(1.0)
        self.saturation_fraction.setValue(5.0)
        self.saturation_fraction.setSuffix(self.tr(" % of max"))
        self.saturation_fraction.setKeyboardTracking(False)
        self.dead_check = QCheckBox(self.tr("Dead: f′ = 0"))
        self.dead_check.setChecked(True)
        self.band_check = QCheckBox(self.tr("RReLU random band"))
        self.band_check.setChecked(True)
        self.band_check.setToolTip(
            self.tr("For x < 0 RReLU multiplies by a random slope between lower and upper.")
        )
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.x_range)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Shade:")))
        controls.addWidget(self.saturated_check)
        controls.addWidget(self.saturation_fraction)
        controls.addWidget(self.dead_check)
        controls.addWidget(self.band_check)
        controls.addStretch(1)

        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setMinimumHeight(self.readout.fontMetrics().height() * 2 + 4)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        # -- plots ------------------------------------------------------------------
        self.graphics = pg.GraphicsLayoutWidget()
        self.f_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.df_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=0)
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self.df_plot.setXLink(self.f_plot)
        for plot in (self.f_plot, self.df_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.enableAutoRange(False)
            plot.getAxis("left").setWidth(48)
            for name in ("left", "bottom"):  # blit the tick labels unless the range changed
                plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.grids = [LightGrid(self.f_plot), LightGrid(self.df_plot)]
        self.f_plot.setLabel("left", "f(x)")
        self.df_plot.setLabel("left", "f′(x)")
        self.df_plot.setLabel("bottom", "x")
        self.legend = self.f_plot.addLegend(offset=(8, 8))
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self.zero_lines: list[pg.InfiniteLine] = []
        for plot in (self.f_plot, self.df_plot):
            for angle in (0, 90):
                line = pg.InfiniteLine(pos=0.0, angle=angle, movable=False)
                line.setZValue(-5)
                plot.addItem(line, ignoreBounds=True)
                self.zero_lines.append(line)
        self.crosshair = [pg.InfiniteLine(angle=90, movable=False) for _ in range(2)]
        for plot, line in zip((self.f_plot, self.df_plot), self.crosshair, strict=True):
            line.setZValue(20)
            line.hide()
            plot.addItem(line, ignoreBounds=True)
        self.x0_line = pg.InfiniteLine(
            pos=0.0,
            angle=90,
            movable=True,
            label="x₀",
            labelOpts={"position": 0.9, "movable": False},
        )
        self.x0_line.setZValue(15)
        self.x0_line.setToolTip(self.tr("Operating point x₀ for the depth panel: drag it"))
        self.df_plot.addItem(self.x0_line, ignoreBounds=True)

        self.saturated = RegionBands()
        self.saturated.setZValue(-60)  # under the grid: the bands are opaque
        self.df_plot.addItem(self.saturated, ignoreBounds=True)
        self.items: dict[str, FunctionItems] = {}
        self._visible: list[str] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(controls)
        layout.addWidget(self.readout)
        layout.addWidget(self.graphics, 1)

        self.graphics.scene().sigMouseMoved.connect(self.on_mouse_moved)
        self.apply_theme(t)
        self.set_x_range(X_RANGE_DEFAULT)

    # -- items per function -------------------------------------------------------------
    def ensure_items(self, activation_id: str, name: str, colour_index: int) -> FunctionItems:
        """Create the items for an activation once; later calls only restyle them."""
        items = self.items.get(activation_id)
        if items is None:
            f_curve = pg.PlotCurveItem(name=name, skipFiniteCheck=True)
            df_curve = pg.PlotCurveItem(skipFiniteCheck=True)
            f_curve.setZValue(10)
            df_curve.setZValue(10)
            bounds = (pg.InfiniteLine(angle=0), pg.InfiniteLine(angle=0))
            dead = RegionBands()
            band_low = pg.PlotCurveItem(skipFiniteCheck=True)
            band_high = pg.PlotCurveItem(skipFiniteCheck=True)
            band_fill = pg.FillBetweenItem(band_low, band_high)
            items = FunctionItems(f_curve, df_curve, bounds, dead, band_low, band_high, band_fill)
            self.f_plot.addItem(f_curve)
            self.df_plot.addItem(df_curve)
            for line in bounds:
                line.setZValue(-4)
                self.f_plot.addItem(line, ignoreBounds=True)
            dead.setZValue(-9)
            self.df_plot.addItem(dead, ignoreBounds=True)
            for it in (band_low, band_high, band_fill):
                it.setZValue(-3)
                self.f_plot.addItem(it, ignoreBounds=True)
            self.items[activation_id] = items
        items.colour_index = colour_index
        items.name = name
        self._style_items(items, theme_mod.current())
        return items

    def set_visible_functions(self, ids: list[str]) -> None:
        """Show these activations (in this legend order) and hide the others."""
        for aid, items in self.items.items():
            on = aid in ids
            for it in (items.f_curve, items.df_curve):
                it.setVisible(on)
            if not on:
                for it in (*items.bounds, items.dead):
                    it.setVisible(False)
                for it in (items.band_low, items.band_high, items.band_fill):
                    it.setVisible(False)
        if ids != self._visible:
            self.legend.clear()
            for aid in ids:
                self.legend.addItem(self.items[aid].f_curve, self.items[aid].name)
            self._style_legend(theme_mod.current())
            self._visible = list(ids)

    def set_curves(self, activation_id: str, x: np.ndarray, f: np.ndarray, df: np.ndarray) -> None:
        items = self.items[activation_id]
        items.f_curve.setData(x, f)
        items.df_curve.setData(x, df)

    def set_bounds(self, activation_id: str, low: float | None, high: float | None) -> None:
        for line, value in zip(self.items[activation_id].bounds, (low, high), strict=True):
            if value is None:
                line.setVisible(False)
            else:
                line.setValue(value)
                line.setVisible(True)

    def set_dead_shading(
        self, activation_id: str, x: np.ndarray, dead: np.ndarray | None, span: tuple[float, float]
    ) -> None:
        """Hatch the f′ plot, full height, where f′ = 0 exactly."""
        item = self.items[activation_id].dead
        intervals = mask_intervals(x, dead) if dead is not None else []
        item.set_bands(intervals, *span)
        item.setVisible(bool(intervals))

    def set_saturated_shading(
        self, x: np.ndarray, masks: dict[str, np.ndarray], span: tuple[float, float]
    ) -> None:
        """Tint the f′ plot where each function is saturated (mixed where they overlap)."""
        t = theme_mod.current()
        colours = [tint(t.colour(self.items[aid].colour_index), t.background) for aid in masks]
        intervals, brushes = combined_bands(x, list(masks.values()), colours)
        self.saturated.set_bands(intervals, *span, brushes=brushes)
        self.saturated.setVisible(bool(intervals))

    def set_band(
        self, activation_id: str, x: np.ndarray | None, low: np.ndarray | None, high=None
    ) -> None:
        items = self.items[activation_id]
        on = x is not None
        if on:
            items.band_low.setData(x, low)
            items.band_high.setData(x, high)
        for it in (items.band_low, items.band_high, items.band_fill):
            it.setVisible(on)

    # -- axes -----------------------------------------------------------------------------
    def set_x_range(self, half_width: float) -> None:
        self.f_plot.setXRange(-half_width, half_width, padding=0.0)

    def set_y_ranges(self, f_span: tuple[float, float], df_span: tuple[float, float]) -> None:
        """Fixed y-ranges; unchanged ranges are not re-set (that would redraw the axes)."""
        for plot, span in ((self.f_plot, f_span), (self.df_plot, df_span)):
            if tuple(plot.getViewBox().viewRange()[1]) != tuple(span):
                plot.setYRange(*span, padding=0.0)

    # -- crosshair ----------------------------------------------------------------------
    def on_mouse_moved(self, scene_pos: QPointF) -> None:
        """Scene position → x; emits ``crosshairMoved`` when over either plot."""
        for plot in (self.f_plot, self.df_plot):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(scene_pos):
                x = float(vb.mapSceneToView(scene_pos).x())
                for line in self.crosshair:
                    line.setValue(x)
                    line.show()
                self.crosshairMoved.emit(x)
                return
        for line in self.crosshair:
            line.hide()
        self.crosshairLeft.emit()

    def set_readout(self, html: str) -> None:
        self.readout.setText(html)

    # -- theme --------------------------------------------------------------------------
    def _style_items(self, items: FunctionItems, t: theme_mod.Theme) -> None:
        colour = t.colour(items.colour_index)
        items.f_curve.setPen(function_pen(t, items.colour_index))
        items.df_curve.setPen(function_pen(t, items.colour_index))
        bound_pen = pg.mkPen(colour, width=t.thin_pen_width, style=Qt.PenStyle.DashLine)
        for line in items.bounds:
            line.setPen(bound_pen)
        items.dead.set_brush(QBrush(translucent(colour, 110), Qt.BrushStyle.BDiagPattern))
        band_pen = pg.mkPen(translucent(colour, 160), width=t.thin_pen_width)
        items.band_low.setPen(band_pen)
        items.band_high.setPen(band_pen)
        items.band_fill.setBrush(QBrush(translucent(colour, 70)))

    def _style_legend(self, t: theme_mod.Theme) -> None:
        style_legend(self.legend, t)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.graphics.setBackground(t.background)
        font = QFont()
        font.setPointSizeF(t.base_point_size * 0.9)
        axis_pen = pg.mkPen(t.foreground, width=1)
        for plot in (self.f_plot, self.df_plot):
            plot.getAxis("left").setWidth(round(48 * t.scale))
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(axis_pen)
                ax.setTextPen(t.foreground)
                ax.setTickFont(font)
                ax.label.setFont(font)
        for grid in self.grids:
            grid.set_colour(grid_colour(t))
        ref = pg.mkPen(t.foreground, width=1)
        ref.setColor(translucent(t.foreground, 110))
        for line in self.zero_lines:
            line.setPen(ref)
        cross = pg.mkPen(t.foreground, width=1, style=Qt.PenStyle.DotLine)
        for line in self.crosshair:
            line.setPen(cross)
        x0_pen = pg.mkPen(t.foreground, width=t.thin_pen_width, style=Qt.PenStyle.DashDotLine)
        self.x0_line.setPen(x0_pen)
        self.x0_line.setHoverPen(pg.mkPen(t.foreground, width=t.pen_width * 2))
        self.x0_line.label.setColor(QColor(t.foreground))
        self.x0_line.label.setFont(font)
        for items in self.items.values():
            self._style_items(items, t)
        self._style_legend(t)

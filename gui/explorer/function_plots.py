"""f(x) above f'(x) on linked x-axes, with shading, bounds, a crosshair and x0.

The view owns the plot items (created once per activation, then only ``setData``);
the controller computes every number from the registry and pushes it here.

Speed (bench/bench_explorer.py): a parameter change repaints the plots once. The curves
of each plot are stroked by one ``CurveLayer`` through the few samples that keep them
within a quarter pixel of all 2001; text, legend and static lines are blitted from
caches; bound lines move without recomputing their geometry.

Legibility (presenter mode on a 1280x800 projector): the controls row wraps onto a second
line instead of widening the window (``FlowLayout``), the axes label only as many ticks as
their length and font allow (``FittedAxis``), and every size comes from the theme's fonts.
Texts are set in ``retranslate()``, again on every ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPolygonF, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui import theme as theme_mod
from gui.explorer.light_grid import LightGrid
from gui.explorer.region_bands import RegionBands, combined_bands, mask_intervals
from gui.widgets.fit import FlowLayout
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.plot_style import fitted_axes, left_axis_width, plot_fonts, style_axis
from gui.widgets.range_spin_box import RangeSpinBox

X_RANGE_MIN = 3.0
X_RANGE_MAX = 20.0
X_RANGE_DEFAULT = 5.0
X_RANGE_SLIDER_DIGITS = 12  # the x-range slider is at least this many digit widths long
Y_TICK_SAMPLES = ("-0.25", "-100")  # the widest y tick labels the left axes make room for
X_TICKS = 11  # the x axes label at most this many ticks: whole steps on ±5, not halves


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


BLIT = QGraphicsItem.CacheMode.DeviceCoordinateCache


def blit_unless_changed(*items: QGraphicsItem) -> None:
    """Paint these items once into a pixmap and blit it on later frames, until they
    change. For text (laid out and shaped again on every paint otherwise) and for small
    pyqtgraph items whose paint() is Python. Not for large translucent areas (blending
    them costs more than drawing them) nor for rotated items such as vertical
    InfiniteLines (Qt renders their cache again on every paint, slower than no cache)."""
    for item in items:
        item.setCacheMode(BLIT)


def style_legend(legend: pg.LegendItem, t: theme_mod.Theme) -> None:
    """Legend text in the theme's colour and size, on a faint background; the entries
    are cached as pixmaps (the legend item caches only its own frame)."""
    size = f"{plot_fonts(t).tick.pointSizeF():g}pt"
    legend.setLabelTextColor(t.foreground)
    legend.setLabelTextSize(size)
    legend.setBrush(translucent(t.background, 210))
    legend.setPen(pg.mkPen(grid_colour(t)))
    for sample, label in legend.items:
        label.setText(label.text, color=t.foreground, size=size)
        blit_unless_changed(sample, label.item)
        sample.update()  # the pen may have changed: repaint the cached sample


def rename_legend_entry(legend: pg.LegendItem, item: pg.GraphicsObject, text: str) -> None:
    """Give ``item``'s legend entry a new text (keeping its size and colour): a legend
    label is drawn from the text it was given, so a language change sets it again."""
    for sample, label in legend.items:
        if sample.item is item and label.text != text:
            label.setText(text)
    if isinstance(getattr(item, "opts", None), dict):
        item.opts["name"] = text


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


# Coarse to fine: runs of samples tried as one straight stroke (2000 segments = 50 x 40).
_CHORD_RUNS = (40, 8, 2)
_RUN_FRACTIONS = {run: np.arange(run) / run for run in _CHORD_RUNS}


def polyline_vertices(y_px: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices of the samples to stroke so that the polyline through them stays within
    ``tolerance`` (in the units of ``y_px``: device pixels) of the polyline through all.

    The samples are evenly spaced in x. Runs of 40, then 8, then 2 segments are drawn as
    their chord where every sample of the run lies within the tolerance of it, measured
    vertically (more than the distance to a sloped chord, so it is safe); in runs that
    bend more, every sample is kept. Straight and gently curved stretches collapse to a
    few vertices, kinks and steps keep the samples around them.
    """
    n = y_px.size
    if n < 3:
        return np.arange(n)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    uncovered = np.ones(n - 1, dtype=bool)  # segments no accepted chord stands for yet
    for run in _CHORD_RUNS:
        m = (n - 1) // run * run
        if m == 0:
            continue
        ys = y_px[:m].reshape(-1, run)
        ya = ys[:, :1]
        off_chord = ys - ya
        off_chord -= (y_px[run : m + 1 : run, None] - ya) * _RUN_FRACTIONS[run]
        np.abs(off_chord, out=off_chord)
        runs = uncovered[:m].reshape(-1, run)
        accepted = off_chord.max(axis=1) <= tolerance
        if run != _CHORD_RUNS[0]:  # (at the first, every run is uncovered)
            accepted &= runs.all(axis=1)
        starts = np.flatnonzero(accepted) * run
        keep[starts] = True
        keep[starts + run] = True
        runs[accepted] = False
        if not uncovered.any():
            break
    rest = np.flatnonzero(uncovered)
    keep[rest] = True
    keep[rest + 1] = True
    return np.flatnonzero(keep)


def _evenly_spaced(x: np.ndarray) -> bool:
    """True for increasing, evenly spaced samples (as ``np.linspace`` makes them)."""
    if x.size < 2:
        return False
    step = np.diff(x)
    first = step[0]
    return bool(first > 0 and np.abs(step - first).max() <= 1e-9 * first)


class FunctionCurve(pg.PlotCurveItem):
    """A curve item that, on screen, strokes only the vertices the screen can show.

    2001 samples across ~900 px put two vertices in every pixel column, and Qt's
    stroker pays per vertex (about 9x more for the presenter's wider pens). On screen the
    curve is drawn through the fewest samples that keep it within ``TOLERANCE_PX`` of
    the polyline through all of them (sub-pixel: the pixels come out the same).
    ``getData``, bounds, exports and any curve that is not a plain polyline with one pen
    use every sample. Inside a ``CurveLayer`` the layer paints it.
    """

    TOLERANCE_PX = 0.25

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._layer: CurveLayer | None = None
        super().__init__(*args, **kwargs)
        self._polygon: QPolygonF | None = None
        self._polygon_key: tuple | None = None
        self._extent: tuple[float, ...] | None = None  # (x min, x max, y min, y max)
        self._thin_ok: bool | None = None  # a plain polyline with a visible pen
        self._padding: float | None = None  # the pen's reach beyond the data, in pixels
        self._x_checked: tuple | None = None  # the x buffer last found evenly spaced

    def updateData(self, *args: object, **kwargs: object) -> None:
        super().updateData(*args, **kwargs)
        self._polygon_key = None
        self._extent = None
        self._thin_ok = None

    def invalidateBounds(self) -> None:
        """Data, pen or view changed: so may the layer's bounds and pixels."""
        super().invalidateBounds()
        self._thin_ok = None
        self._padding = None
        if getattr(self, "_layer", None) is not None:
            self._layer.curves_changed()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if (
            change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged
            and getattr(self, "_layer", None) is not None
        ):
            self._layer.curves_changed()
        return super().itemChange(change, value)

    def pixelPadding(self) -> float:
        if getattr(self, "_padding", None) is None:
            self._padding = super().pixelPadding()
        return self._padding

    def _evenly_spaced_x(self) -> bool:
        """``_evenly_spaced(xData)``, checked once per x buffer: the controller passes
        the same grid with every change."""
        x = self.xData
        key = (x.__array_interface__["data"][0], x.size, x.strides, float(x[0]), float(x[-1]))
        if key != self._x_checked:
            if not _evenly_spaced(x):
                return False
            self._x_checked = key
        return True

    def boundingRect(self) -> QRectF:
        """In a layer the curve paints nothing itself: its data bounds will do, and the
        layer adds the pen's margin (pyqtgraph's rectangle needs a device-transform
        lookup after every setData). Outside a layer, pyqtgraph's."""
        if getattr(self, "_layer", None) is None:
            return super().boundingRect()
        if self._boundingRect is None:  # pyqtgraph's cache, reset by invalidateBounds()
            (x0, x1), (y0, y1) = self.dataBounds(0), self.dataBounds(1)
            if None in (x0, x1, y0, y1):
                return QRectF()
            self._boundingRect = QRectF(x0, y0, x1 - x0, y1 - y0)
        return self._boundingRect

    def dataBounds(
        self, ax: int, frac: float = 1.0, orthoRange: tuple[float, float] | None = None
    ) -> tuple[float | None, float | None]:
        """The bounding rectangle's (min, max) with one pass over finite data (pyqtgraph's
        nan-aware version costs several; it is recomputed after every setData)."""
        if frac >= 1.0 and orthoRange is None and self.xData is not None and self.xData.size:
            if getattr(self, "_extent", None) is None:
                x, y = self.xData, self.yData
                bounds = (float(x.min()), float(x.max()), float(y.min()), float(y.max()))
                self._extent = bounds if np.isfinite(bounds).all() else ()
            if self._extent:
                return self._extent[2 * ax], self._extent[2 * ax + 1]
        return super().dataBounds(ax, frac, orthoRange)

    def _thin_allowed(self) -> bool:
        if self._thin_ok is None:
            o = self.opts
            pen, shadow = o["pen"], o["shadowPen"]
            self._thin_ok = bool(
                self.xData is not None
                and pen is not None
                and pen.style() != Qt.PenStyle.NoPen
                and not o["stepMode"]
                and o["fillLevel"] is None
                and isinstance(o["connect"], str)
                and o["connect"] == "all"
                and o["compositionMode"] is None
                and (shadow is None or shadow.style() == Qt.PenStyle.NoPen)
            )
        return self._thin_ok

    def screen_polygon(self, y_scale: float) -> QPolygonF | None:
        """The vertices to stroke at ``y_scale`` device pixels per y unit (cached), or
        None when the samples cannot be thinned (not finite, or x not evenly spaced)."""
        key = (abs(y_scale), self.TOLERANCE_PX)
        if key != self._polygon_key:
            self._polygon_key = key
            self._polygon = None
            x, y = self.xData, self.yData
            if x is not None and x.size >= 2 and self._evenly_spaced_x() and np.isfinite(y).all():
                idx = polyline_vertices(y * abs(y_scale), self.TOLERANCE_PX)
                polygon = pg.functions.create_qpolygonf(idx.size)
                xy = pg.functions.ndarray_from_qpolygonf(polygon)
                xy[:, 0] = x[idx]
                xy[:, 1] = y[idx]
                self._polygon = polygon
        return self._polygon

    def stroke(self, p: QPainter, widget: QWidget | None, y_scale: float | None) -> None:
        """Draw the curve: thinned when ``y_scale`` (device px per y unit) is given and
        the curve allows it, else every sample, as pyqtgraph does."""
        polygon = None
        if y_scale is not None and self._exportOpts is False and self._thin_allowed():
            polygon = self.screen_polygon(y_scale)
        if polygon is None:
            p.save()
            super().paint(p, None, widget)
            p.restore()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(self.opts["antialias"]))
        p.setPen(self.opts["pen"])
        p.drawPolyline(polygon)

    @pg.debug.warnOnException  # an exception escaping paint() can crash Qt
    def paint(self, p: QPainter, opt: object, widget: QWidget | None) -> None:
        self.stroke(p, widget, _screen_y_scale(p, widget))


def _screen_y_scale(p: QPainter, widget: QWidget | None) -> float | None:
    """Device pixels per y unit when painting a plain (scaled, unrotated) view to the
    screen; None for exports (``widget`` is None) and other transforms."""
    tr = p.transform()
    if widget is None or tr.type().value > QTransform.TransformationType.TxScale.value:
        return None
    return tr.m22()


class CurveLayer(pg.GraphicsObject):
    """Paints all the FunctionCurves of one plot in one item.

    Each item in a QGraphicsScene costs several Python calls per frame (paint, bounding
    rects) and a geometry update whenever its data changes; with eight curves that was
    more than their drawing. The curves keep their data, pens, visibility and legend
    entries, but have no contents of their own: this layer strokes the visible ones, in
    the order they were added, at the curves' z-value.
    """

    def __init__(self) -> None:
        super().__init__()
        self._curves: list[FunctionCurve] = []
        self._rect: QRectF | None = None  # union of the visible curves' bounds
        self._pixel: tuple[float, float] | None = None  # one device pixel in x and y

    def add_curve(self, curve: FunctionCurve) -> None:
        curve.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        curve._layer = self
        self._curves.append(curve)
        self.curves_changed()

    def curves_changed(self) -> None:
        """Some curve's data, pen, bounds or visibility changed: repaint (only then)."""
        self.prepareGeometryChange()
        self._rect = None
        self.update()

    def viewTransformChanged(self) -> None:
        self._pixel = None
        self.curves_changed()

    def _pixel_size(self) -> tuple[float, float]:
        if self._pixel is None:
            px, py = self.pixelVectors()
            try:
                self._pixel = (
                    0.0 if px is None else px.length(),
                    0.0 if py is None else py.length(),
                )
            except OverflowError:
                self._pixel = (0.0, 0.0)
        return self._pixel

    def boundingRect(self) -> QRectF:
        if self._rect is None:
            rect = QRectF()
            margin = 0.0  # the widest pen's reach beyond the data, in pixels
            for curve in self._curves:
                if curve.isVisible() and curve.xData is not None:
                    rect = rect.united(curve.boundingRect())
                    margin = max(margin, curve.pixelPadding())
            if margin and not rect.isNull():
                px, py = self._pixel_size()
                rect.adjust(-margin * px, -margin * py, margin * px, margin * py)
            self._rect = rect
        return self._rect

    @pg.debug.warnOnException  # an exception escaping paint() can crash Qt
    def paint(self, p: QPainter, opt: object, widget: QWidget | None) -> None:
        y_scale = _screen_y_scale(p, widget)
        for curve in self._curves:
            if curve.isVisible() and curve.xData is not None:
                curve.stroke(p, widget, y_scale)


class LevelLine(pg.InfiniteLine):
    """A horizontal reference line (a function's bound) that moves cheaply.

    pyqtgraph works out an InfiniteLine's bounding rectangle from the view again after
    every move (about 0.1 ms). For a horizontal line moved up or down it comes out the
    same (the view's width, a few pixels either side of the line), so while the view
    stays put a move only changes the position; a new view range recomputes it as usual.
    """

    def __init__(self) -> None:
        super().__init__(angle=0, movable=False)

    def setPos(self, pos: object) -> None:
        if (
            isinstance(pos, (int, float))
            and not isinstance(pos, bool)
            and self._boundingRect is not None  # reset by pyqtgraph when the view changes
            and self.maxRange == [None, None]
        ):
            y = float(pos)
            if self.p[1] != y:
                self.p = [0, y]
                pg.GraphicsObject.setPos(self, QPointF(0.0, y))
                self.sigPositionChanged.emit(self)
            return
        super().setPos(pos)


@dataclass
class FunctionItems:
    """Every plot item that belongs to one activation."""

    f_curve: FunctionCurve
    df_curve: FunctionCurve
    bounds: tuple[LevelLine, LevelLine]
    dead: RegionBands  # hatched, on the f′ plot
    band_low: pg.PlotCurveItem
    band_high: pg.PlotCurveItem
    band_fill: pg.FillBetweenItem
    colour_index: int = 0
    name: str = ""


def _apply_range_now(plot: pg.PlotItem) -> None:
    """Move the plot's items to its new range now, not in the next paint: pyqtgraph defers
    this to the start of painting, where the items' reaction to it (new bounds, new
    thinned curves) asks for a second paint of the same frame."""
    box = plot.getViewBox()
    if box.width() > 0 and box.height() > 0:  # laid out (else the first paint does it)
        box.updateMatrix()


class FunctionPlots(QWidget):
    """Controls row, live readout, and the two linked plots."""

    crosshairMoved = Signal(float)
    crosshairLeft = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = theme_mod.current()
        # -- controls (texts in retranslate()) --------------------------------------
        self.x_range = LabeledSlider(
            X_RANGE_MIN, X_RANGE_MAX, X_RANGE_DEFAULT, step=0.5, decimals=1
        )
        self.x_range.slider_digits = X_RANGE_SLIDER_DIGITS
        self.shade_label = QLabel()
        self.saturated_check = QCheckBox()
        self.saturated_check.setChecked(True)
        self.saturation_fraction = RangeSpinBox()
        self.saturation_fraction.setRange(0.1, 50.0)
        self.saturation_fraction.setDecimals(1)
        self.saturation_fraction.setSingleStep(1.0)
        self.saturation_fraction.setValue(5.0)
        self.dead_check = QCheckBox()
        self.dead_check.setChecked(True)
        self.band_check = QCheckBox()
        self.band_check.setChecked(True)
        # "Shade: [x] Saturated: |f'| < [5 % of max]" stays on one line; the row wraps
        # between the groups when the plots are narrower than the whole row.
        shade = QWidget()
        shade_row = QHBoxLayout(shade)
        shade_row.setContentsMargins(0, 0, 0, 0)
        shade_row.addWidget(self.shade_label)
        shade_row.addWidget(self.saturated_check)
        shade_row.addWidget(self.saturation_fraction)
        self.controls = FlowLayout(spacing=12)
        for widget in (self.x_range, shade, self.dead_check, self.band_check):
            self.controls.addWidget(widget)

        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit_readout()

        # -- plots ------------------------------------------------------------------
        self.graphics = pg.GraphicsLayoutWidget()
        # The view paints its whole (opaque) background itself: no cached background
        # pixmap to copy and no widget background fill underneath, one pass per frame.
        self.graphics.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.f_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, axisItems=fitted_axes("left", "bottom")
        )
        self.df_plot: pg.PlotItem = self.graphics.addPlot(
            row=1, col=0, axisItems=fitted_axes("left", "bottom")
        )
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self.df_plot.setXLink(self.f_plot)
        for plot in (self.f_plot, self.df_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.enableAutoRange(False)
            for name in ("left", "bottom"):  # tick labels and titles: blitted while dragging
                axis = plot.getAxis(name)
                blit_unless_changed(axis, axis.label)
            plot.getAxis("bottom").max_ticks = X_TICKS
        self.grids = [LightGrid(self.f_plot), LightGrid(self.df_plot)]
        self.f_plot.setLabel("left", "f(x)")
        self.df_plot.setLabel("left", "f′(x)")
        self.df_plot.setLabel("bottom", "x")
        self.legend = self.f_plot.addLegend(offset=(8, 8))
        blit_unless_changed(self.legend)
        self.f_plot.getViewBox().sigResized.connect(self._fit_legend)

        self.zero_lines: list[pg.InfiniteLine] = []
        for plot in (self.f_plot, self.df_plot):
            for angle in (0, 90):
                line = pg.InfiniteLine(pos=0.0, angle=angle, movable=False)
                line.setZValue(-5)
                if angle == 0:  # a rotated item's cache is rendered again on every paint
                    blit_unless_changed(line)
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
        blit_unless_changed(self.x0_line.label.textItem)
        self.df_plot.addItem(self.x0_line, ignoreBounds=True)

        # Every function's f and f' curves are stroked by one item per plot.
        self.f_layer, self.df_layer = CurveLayer(), CurveLayer()
        for plot, layer in ((self.f_plot, self.f_layer), (self.df_plot, self.df_layer)):
            layer.setZValue(10)
            plot.addItem(layer, ignoreBounds=True)

        self.saturated = RegionBands()
        self.saturated.setZValue(-60)  # under the grid: the bands are opaque
        self.df_plot.addItem(self.saturated, ignoreBounds=True)
        self.items: dict[str, FunctionItems] = {}
        self._visible: list[str] = []
        self._tints: dict[tuple[str, str], QColor] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.controls)
        layout.addWidget(self.readout)
        layout.addWidget(self.graphics, 1)

        self.graphics.scene().sigMouseMoved.connect(self.on_mouse_moved)
        self.retranslate()
        self.apply_theme(t)
        self.set_x_range(X_RANGE_DEFAULT)

    # -- language and fonts -------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.FontChange:
            self._fit_readout()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The controls' texts (the readout is the controller's)."""
        self.x_range.setLabel(self.tr("x range ±"))
        self.shade_label.setText(self.tr("Shade:"))
        self.saturated_check.setText(self.tr("Saturated: |f′| <"))
        self.saturation_fraction.setSuffix(self.tr(" % of max"))
        self.saturation_fraction.setToolTip(
            self.tr("Shade where |f′| is below this share of the function's largest |f′|")
        )
        self.dead_check.setText(self.tr("Dead: f′ = 0"))
        self.dead_check.setToolTip(self.tr("Hatch where the derivative is exactly zero"))
        self.band_check.setText(self.tr("RReLU random band"))
        self.band_check.setToolTip(
            self.tr("For x < 0 RReLU multiplies by a random slope between lower and upper.")
        )
        self.x_range.setToolTip(self.tr("Half-width of the x axis of both plots"))
        self.x0_line.setToolTip(self.tr("Operating point x₀ for the depth panel: drag it"))

    def _fit_readout(self) -> None:
        """Two lines of the current font: the hint and most readouts fit without the
        plots jumping as the mouse moves."""
        self.readout.setMinimumHeight(self.readout.fontMetrics().lineSpacing() * 2 + 4)

    def plots(self) -> tuple[pg.PlotItem, pg.PlotItem]:
        return (self.f_plot, self.df_plot)

    # -- items per function -------------------------------------------------------------
    def ensure_items(self, activation_id: str, name: str, colour_index: int) -> FunctionItems:
        """Create the items for an activation once; later calls only restyle them."""
        items = self.items.get(activation_id)
        if items is None:
            f_curve = FunctionCurve(name=name, skipFiniteCheck=True)
            df_curve = FunctionCurve(skipFiniteCheck=True)
            f_curve.setZValue(10)
            df_curve.setZValue(10)
            bounds = (LevelLine(), LevelLine())
            dead = RegionBands()
            band_low = pg.PlotCurveItem(skipFiniteCheck=True)
            band_high = pg.PlotCurveItem(skipFiniteCheck=True)
            band_fill = pg.FillBetweenItem(band_low, band_high)
            items = FunctionItems(f_curve, df_curve, bounds, dead, band_low, band_high, band_fill)
            self.f_plot.addItem(f_curve)
            self.df_plot.addItem(df_curve)
            self.f_layer.add_curve(f_curve)
            self.df_layer.add_curve(df_curve)
            for line in bounds:
                line.setZValue(-4)
                blit_unless_changed(line)
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
            self._fit_legend()

    def set_names(self, names: dict[str, str]) -> None:
        """The legend's names of the functions (by id), e.g. in a new language."""
        changed = False
        for aid, items in self.items.items():
            name = names.get(aid, items.name)
            changed |= name != items.name
            items.name = name
        if changed and self._visible:
            shown, self._visible = self._visible, []
            self.set_visible_functions(shown)

    def set_curves(self, activation_id: str, x: np.ndarray, f: np.ndarray, df: np.ndarray) -> None:
        items = self.items[activation_id]
        items.f_curve.setData(x, f)
        items.df_curve.setData(x, df)

    def set_bounds(self, activation_id: str, low: float | None, high: float | None) -> None:
        for line, value in zip(self.items[activation_id].bounds, (low, high), strict=True):
            if value is None:
                line.setVisible(False)
            else:
                if line.value() != value:  # moving a full-width line repaints the plot
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
        colours = [self._tint(t, self.items[aid].colour_index) for aid in masks]
        intervals, brushes = combined_bands(x, list(masks.values()), colours)
        self.saturated.set_bands(intervals, *span, brushes=brushes)
        self.saturated.setVisible(bool(intervals))

    def _tint(self, t: theme_mod.Theme, colour_index: int) -> QColor:
        key = (t.colour(colour_index), t.background)
        colour = self._tints.get(key)
        if colour is None:
            colour = self._tints[key] = tint(*key)
        return colour

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
        for plot in (self.f_plot, self.df_plot):  # x-linked
            _apply_range_now(plot)

    def set_y_ranges(self, f_span: tuple[float, float], df_span: tuple[float, float]) -> None:
        """Fixed y-ranges; unchanged ranges are not re-set (that would redraw the axes)."""
        for plot, span in ((self.f_plot, f_span), (self.df_plot, df_span)):
            if tuple(plot.getViewBox().viewRange()[1]) != tuple(span):
                plot.setYRange(*span, padding=0.0)
                _apply_range_now(plot)

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
        self._fit_legend()

    def _fit_legend(self, *_args: object) -> None:
        """As many legend columns as it takes to keep the legend within about two thirds
        of the f plot's height (one column while it fits), as long as the columns fit its
        width: in a short presenter-mode plot a long legend would hang below the plot and
        hide its own last entries."""
        n = len(self.legend.items)
        box = self.f_plot.getViewBox()
        if n == 0 or box.height() <= 0:
            return
        rects = [label.item.boundingRect() for _sample, label in self.legend.items]
        row = max(r.height() for r in rects)
        widths = sorted((r.width() + 2.5 * row for r in rects), reverse=True)  # + sample
        rows = max(1, int(box.height() * 0.67 // max(row, 1.0)))
        columns = min(n, -(-n // rows))
        while columns > 1 and sum(widths[:columns]) > box.width() * 0.9:
            columns -= 1  # (about: each column is as wide as its widest entry)
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.graphics.setBackground(t.background)
        fonts = plot_fonts(t)
        for plot in (self.f_plot, self.df_plot):
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), t)
        # One width for both y axes (from the tick font), so the linked x axes line up.
        width = max(left_axis_width(p.getAxis("left"), Y_TICK_SAMPLES) for p in self.plots())
        for plot in self.plots():
            plot.getAxis("left").setWidth(width)
            plot.getAxis("bottom").set_overflow(width)  # end labels may use the free corner
        # With presenter fonts the f plot leaves its x labels to the f′ plot right below
        # (same x axis, linked): a line of text more for the curves.
        self.f_plot.getAxis("bottom").setStyle(showValues=not t.presenter)
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
        self.x0_line.label.setFont(fonts.tick)
        for items in self.items.values():
            self._style_items(items, t)
        self._style_legend(t)

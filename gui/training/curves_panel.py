"""Loss, accuracy and per-layer gradient norm over the steps kept in the run history.

One curve per shown layer, coloured along a gradient from the input layer (blue) to the
output layer (orange); in a comparison run B is dashed. A vertical line marks the step
the histograms show, so scrubbing the timeline moves it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from core.training import StepRecord
from gui import theme as theme_mod
from gui.widgets.plot_style import (
    TICK_SCALE,
    axis_column_width,
    fit_title,
    fitted_axes,
    left_axis_width,
    relayout,
    relayout_soon,
    style_axis,
)

_FLOOR = 1e-30  # log axes: a zero gradient norm is drawn at the floor, never log(0)
# The widest tick labels the y axes show (loss, accuracy, log norm): their common width.
_TICK_SAMPLES = ("0.25", "100", "10⁻¹⁰")


DOT_SIZE = 3.5  # a lone record's dots, in pen widths


def layer_colour(position: float, th: theme_mod.Theme) -> pg.QtGui.QColor:
    """Input (0) → output (1) along blue, bluish green, orange (Okabe–Ito)."""
    cmap = pg.ColorMap([0.0, 0.5, 1.0], [th.colour(0), th.colour(2), th.colour(1)])
    return cmap.map(float(position), mode="qcolor")


def record_row(record: StepRecord, layer_indices: Sequence[int]) -> np.ndarray:
    """[step, loss, accuracy, grad_norm of each shown layer] of one record."""
    layers = record.layers
    norms = [layers[i].grad_norm if i < len(layers) else np.nan for i in layer_indices]
    return np.array([record.step, record.loss, record.accuracy, *norms], dtype=np.float64)


def series(
    records: Sequence[StepRecord],
    layer_indices: Sequence[int],
    cache: dict[int, tuple[StepRecord, np.ndarray]] | None = None,
) -> dict[str, np.ndarray]:
    """Arrays over the kept records: steps, loss, accuracy and norms (n_layers_shown, n).

    ``cache`` (keyed by record identity) saves re-reading records already seen; it keeps
    only the records given, so that it never holds on to one the history has dropped.
    """
    rows = []
    for r in records:
        hit = cache.get(id(r)) if cache is not None else None
        if hit is None or hit[0] is not r:
            hit = (r, record_row(r, layer_indices))
            if cache is not None:
                cache[id(r)] = hit
        rows.append(hit[1])
    if cache is not None and len(cache) > len(records):
        keep = {id(r) for r in records}
        for key in [k for k in cache if k not in keep]:
            del cache[key]
    m = np.array(rows).reshape(len(rows), 3 + len(layer_indices)).T
    return {"steps": m[0], "loss": m[1], "accuracy": m[2], "norms": m[3:]}


def _path(x: np.ndarray, y: np.ndarray) -> QPainterPath:
    """A polyline through the finite points (gaps at NaN)."""
    if len(x) < 2:
        return QPainterPath()
    with np.errstate(invalid="ignore"):
        return pg.arrayToQPath(x, y, connect="finite")


def _positive(values: np.ndarray) -> np.ndarray:
    """For a log axis: non-finite and zero (a dead layer) become NaN, i.e. a gap."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(values) & (values > _FLOOR), values, np.nan)


class TrainingCurvesView(pg.GraphicsLayoutWidget):
    """Three stacked plots sharing the step axis: loss, accuracy, gradient norm per layer."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self._theme = theme_mod.current()
        # Fitted axes: as many labelled ticks as the height and the font allow.
        self.loss_plot = self.addPlot(row=0, col=0, axisItems=fitted_axes("left", "bottom"))
        self.acc_plot = self.addPlot(row=1, col=0, axisItems=fitted_axes("left", "bottom"))
        self.norm_plot = self.addPlot(row=2, col=0, axisItems=fitted_axes("left", "bottom"))
        self.ci.layout.setRowStretchFactor(0, 2)
        self.ci.layout.setRowStretchFactor(1, 2)
        self.ci.layout.setRowStretchFactor(2, 3)
        self.norm_plot.setLogMode(y=True)
        self.acc_plot.setYRange(0.0, 1.0, padding=0.02)
        self.acc_plot.getViewBox().setMouseEnabled(y=False)
        for plot in (self.loss_plot, self.acc_plot, self.norm_plot):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setMouseEnabled(x=False, y=False)
            plot.showGrid(x=False, y=False)  # alpha-blended grid lines: the costliest paint
            plot.getAxis("left").enableAutoSIPrefix(False)
        # The step axis is shared: only the bottom plot draws it (axes are costly to paint).
        self.loss_plot.hideAxis("bottom")
        self.acc_plot.hideAxis("bottom")
        self.acc_plot.setXLink(self.loss_plot)
        self.norm_plot.setXLink(self.loss_plot)
        self.markers = [pg.InfiniteLine(angle=90, movable=False) for _ in range(3)]
        for plot, marker in zip(
            (self.loss_plot, self.acc_plot, self.norm_plot), self.markers, strict=True
        ):
            plot.addItem(marker, ignoreBounds=True)
        # Plain QGraphicsPathItems (painted in C++): with a trainer sharing the GIL, a
        # dozen pyqtgraph curves repainting in Python cost the trainer a third of its speed.
        self.loss_curves: list[QGraphicsPathItem] = []
        self.acc_curves: list[QGraphicsPathItem] = []
        self.norm_curves: list[list[QGraphicsPathItem]] = []  # [run][shown layer]
        # A run with a single record (step 0 after a build or a reset) has no line to
        # draw: its values are shown as dots instead, until the second record arrives.
        self.dots: list[tuple[pg.ScatterPlotItem, ...]] = []  # [run] (loss, acc, norms)
        self._dot_brushes: list[tuple[QBrush, list[QBrush]]] = []  # [run] (run's, layers')
        for plot in (self.loss_plot, self.norm_plot):
            plot.getViewBox().disableAutoRange()
        self._x_top = 0.0
        self._y_ranges: dict[str, tuple[float, float]] = {}
        self.layer_indices: list[int] = []
        self.n_layers = 0
        self.n_runs = 0
        self._caches: list[dict] = []
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        # Not once closed: pyqtgraph's close() deleted the plots' items.
        if event.type() == QEvent.Type.LanguageChange and not self.closed:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.acc_plot.setLabel("left", self.tr("accuracy"))
        self.norm_plot.setLabel("left", self.tr("‖∇W‖ per layer"))
        self._set_norm_title()
        self.norm_plot.setLabel("bottom", self.tr("step"))

    def _set_norm_title(self) -> None:
        """The colour key above the norm plot, shrunk only if wider than the plot."""
        th = self._theme
        html = self.tr(
            '<span style="color:{a}">input layer</span> → '
            '<span style="color:{b}">output layer</span>'
        ).format(a=th.colour(0), b=th.colour(1))
        left, _top, right, _bottom = self.ci.layout.getContentsMargins()
        width = self.width() - left - right - axis_column_width(self.norm_plot) - 8
        fit_title(self.norm_plot, html, th.base_point_size * TICK_SCALE, width)

    def resizeEvent(self, event) -> None:  # Qt override
        if self.closed:  # pyqtgraph's close() cleared the scene, then resizes the viewport
            return
        if hasattr(self, "norm_plot"):
            self._set_norm_title()  # before pyqtgraph lays the plots out at the new size
        super().resizeEvent(event)
        if hasattr(self, "norm_plot"):
            relayout_soon(self)

    def set_layout(self, layer_indices: Sequence[int], n_layers: int, n_runs: int) -> bool:
        """Create the curves for these layers and runs (only when they change)."""
        if list(layer_indices) == self.layer_indices and n_runs == self.n_runs:
            return False
        old = [*self.loss_curves, *self.acc_curves, *(c for run in self.norm_curves for c in run)]
        old += [dot for run in self.dots for dot in run]
        for item in old:
            for plot in (self.loss_plot, self.acc_plot, self.norm_plot):
                if item in plot.items:
                    plot.removeItem(item)
        self._x_top = 0.0
        self._y_ranges = {}
        self.layer_indices = list(layer_indices)
        self.n_layers = n_layers
        self.n_runs = n_runs
        self.loss_curves, self.acc_curves, self.norm_curves = [], [], []
        self.dots = []
        self._caches: list[dict] = [{} for _ in range(n_runs)]
        for _run in range(n_runs):
            self.loss_curves.append(self._path_item(self.loss_plot))
            self.acc_curves.append(self._path_item(self.acc_plot))
            self.norm_curves.append([self._path_item(self.norm_plot) for _ in self.layer_indices])
            self.dots.append(
                tuple(self._dot_item(p) for p in (self.loss_plot, self.acc_plot, self.norm_plot))
            )
        self.apply_theme(self._theme)
        return True

    @staticmethod
    def _path_item(plot: pg.PlotItem) -> QGraphicsPathItem:
        item = QGraphicsPathItem()
        plot.addItem(item, ignoreBounds=True)
        return item

    @staticmethod
    def _dot_item(plot: pg.PlotItem) -> pg.ScatterPlotItem:
        item = pg.ScatterPlotItem(pxMode=True)
        item.setVisible(False)
        plot.addItem(item, ignoreBounds=True)
        return item

    def _show_dots(self, run: int, step: float, values: Sequence[np.ndarray]) -> None:
        """The values of a run's only record as dots: loss and accuracy in the run's
        colour, each layer's gradient norm in the layer's."""
        run_brush, layer_brushes = self._dot_brushes[run]
        for dot, y, brushes in zip(
            self.dots[run], values, ([run_brush], [run_brush], layer_brushes), strict=True
        ):
            keep = np.isfinite(y)
            dot.setData(
                x=np.full(int(keep.sum()), step),
                y=y[keep],
                brush=[b for b, k in zip(brushes, keep, strict=True) if k],
            )
            dot.setVisible(True)

    def show_history(self, runs: Sequence[Sequence[StepRecord]]) -> None:
        """Redraw every curve from the kept records of each run."""
        x_top = 1.0
        loss_top = 0.0
        log_lo, log_hi = np.inf, -np.inf
        for run, records in enumerate(runs[: self.n_runs]):
            if not len(records):
                continue
            s = series(records, self.layer_indices, self._caches[run])
            steps = s["steps"]
            x_top = max(x_top, float(steps[-1]))
            loss = np.where(np.isfinite(s["loss"]), s["loss"], np.nan)
            if np.isfinite(loss).any():
                loss_top = max(loss_top, float(np.nanmax(loss)))
            self.loss_curves[run].setPath(_path(steps, loss))
            self.acc_curves[run].setPath(_path(steps, s["accuracy"]))
            # The norm plot is in log mode: its coordinates are log10 of the values.
            logs = np.log10(_positive(s["norms"]))
            if np.isfinite(logs).any():
                log_lo = min(log_lo, float(np.nanmin(logs)))
                log_hi = max(log_hi, float(np.nanmax(logs)))
            for k, curve in enumerate(self.norm_curves[run]):
                curve.setPath(_path(steps, logs[k]))
            if len(steps) == 1:
                self._show_dots(run, float(steps[0]), (loss, s["accuracy"], logs[:, 0]))
            elif self.dots[run][0].isVisible():
                for dot in self.dots[run]:
                    dot.setVisible(False)
        # Axes are re-ticked only when a range really moves (ticks are costly to paint).
        if x_top > self._x_top or x_top < 0.5 * self._x_top:
            self._x_top = x_top * 1.1 if x_top > 20 else x_top
            self.loss_plot.setXRange(0.0, self._x_top, padding=0.02)
        self._set_y("loss", self.loss_plot, 0.0, loss_top * 1.05 if loss_top > 0 else 1.0)
        if np.isfinite(log_lo):
            hi = np.ceil(log_hi)
            # At least four decades: a log axis over less labels every minor tick.
            self._set_y("norm", self.norm_plot, min(np.floor(log_lo), hi - 4.0), hi)

    def clear_history(self) -> None:
        """No curves and no dots (the run is being rebuilt); the axes stay as they were
        until the new run's first record sets them."""
        empty = QPainterPath()
        for item in (*self.loss_curves, *self.acc_curves):
            item.setPath(empty)
        for run in self.norm_curves:
            for item in run:
                item.setPath(empty)
        for run in self.dots:
            for dot in run:
                dot.setVisible(False)
        for cache in self._caches:
            cache.clear()

    def _set_y(self, key: str, plot: pg.PlotItem, lo: float, hi: float) -> None:
        old = self._y_ranges.get(key)
        if old is not None:
            span = max(old[1] - old[0], 1e-12)
            if abs(old[0] - lo) < 0.05 * span and abs(old[1] - hi) < 0.05 * span:
                return
        self._y_ranges[key] = (lo, hi)
        plot.setYRange(lo, hi if hi > lo else lo + 1.0, padding=0.02)

    def set_marker(self, step: float | None) -> None:
        """Mark the shown step; None (live, the newest step) hides the marker."""
        for m in self.markers:
            m.setVisible(step is not None)
            if step is not None:
                m.setValue(step)

    def apply_theme(self, th: theme_mod.Theme) -> None:
        self._theme = th
        self.setBackground(th.background)
        w = th.pen_width
        for run in range(self.n_runs):
            style = Qt.PenStyle.SolidLine if run == 0 else Qt.PenStyle.DashLine
            self.loss_curves[run].setPen(pg.mkPen(th.colour(run * 5), width=w, style=style))
            self.acc_curves[run].setPen(pg.mkPen(th.colour(run * 5), width=w, style=style))
            n = max(len(self.layer_indices) - 1, 1)
            for k, curve in enumerate(self.norm_curves[run]):
                colour = layer_colour(k / n, th)
                curve.setPen(pg.mkPen(colour, width=th.thin_pen_width, style=style))
        # The dots: the run's colour for loss and accuracy, each layer's for the norms.
        shown = len(self.layer_indices)
        layer_brushes = [pg.mkBrush(layer_colour(k / max(shown - 1, 1), th)) for k in range(shown)]
        self._dot_brushes = [
            (pg.mkBrush(th.colour(run * 5)), layer_brushes) for run in range(self.n_runs)
        ]
        for run_dots in self.dots:
            for dot in run_dots:
                dot.setSize(DOT_SIZE * th.pen_width)
                dot.setPen(pg.mkPen(None))
        for m in self.markers:
            m.setPen(pg.mkPen(th.foreground, width=1, style=Qt.PenStyle.DotLine))
        plots = (self.loss_plot, self.acc_plot, self.norm_plot)
        for plot in plots:
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), th)
        # Large fonts take a fixed share (titles, the step axis): the norm plot, which also
        # carries the colour key and the step axis, gets more of the height.
        self.ci.layout.setRowStretchFactor(2, 4 if th.presenter else 3)
        # Half a line between the plots: the end labels of two stacked axes must not touch.
        self.ci.layout.setVerticalSpacing(round(self.loss_plot.getAxis("left").line_height() / 2))
        # One width for the three y axes (from the theme's font), so the plots line up.
        width = max(left_axis_width(p.getAxis("left"), _TICK_SAMPLES) for p in plots)
        for plot in plots:
            plot.getAxis("left").setWidth(width)
        # The step axis's first label ("0") may stick out into the free corner below the y axis.
        self.norm_plot.getAxis("bottom").set_overflow(width)
        self._set_norm_title()  # its colours name the layers' colours; beside the new axes
        relayout(self)

    def y_axes(self) -> list:
        """The three y axes (loss, accuracy, gradient norm)."""
        return [p.getAxis("left") for p in (self.loss_plot, self.acc_plot, self.norm_plot)]

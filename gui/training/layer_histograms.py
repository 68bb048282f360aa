"""Per-layer histograms, animated, as a ridgeline: output layer on top, input at the bottom.

Reading down follows backpropagation from the loss to the first layer, so a vanishing
gradient shows as curves that narrow (fixed axis) or whose printed range shrinks (per-layer
axes) row after row. Each run is one plot with one row per shown layer; in a comparison the
runs stand side by side and every row uses the same x-range in both.

One plot per run (not one per layer) keeps a frame cheap enough to animate beside training:
in the fixed mode the shared x-axis is real; in the per-layer modes each row is drawn on its
own [lo, hi] mapped to the plot's width and the range is printed on the row.
Items are created once per layout and updated with ``setData``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainterPath
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QToolTip,
)

from core.training import LayerStats, StepRecord
from gui import theme as theme_mod
from gui.training.histogram_axes import (
    MAX_SHOWN_LAYERS,
    fractions,
    histogram_of,
    layer_ranges,
    outside_fraction,
    point_bins,
    shown_layers,
)
from gui.training.saturation_band import saturated_intervals, saturated_outputs
from gui.widgets.plot_style import (
    equal_columns,
    fit_titles,
    fitted_axes,
    plot_fonts,
    relayout_soon,
    style_axis,
)

ROW_BASE = 0.06  # a row's baseline above its lower edge (in row units)
ROW_HEIGHT = 0.62  # the tallest bin of a row reaches this far above the baseline
# … except a spike left out of the row's scale (zero gradients on the log axis, ReLU's
# zeros among the activations): it is cut at this many times ROW_HEIGHT.
SPIKE_CAP = 1.25
ROW_MIN_LINES = 2.0  # a row is at least this many row-label lines high …
MIN_SHOWN_LAYERS = 4  # … unless that would leave fewer rows than this
MIN_CHARS_PER_RUN = 18  # the view's minimum width, in row-label characters per run
SEPARATOR = "  ·  "  # between the parts of a row label …
COMPACT_SEPARATOR = " · "  # … and when the label is too wide for its plot
LABEL_MARGIN = 4  # pixels kept free right of a row label


def _fmt(v: float) -> str:
    return f"{v:.3g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.2e}"


def _over(colour: QColor, alpha: float, background: str) -> QColor:
    """``colour`` at ``alpha`` over the background, as an opaque colour: the same look,
    but opaque fills are several times cheaper to paint than blended ones."""
    bg = QColor(background)
    c = QColor(colour)
    mix = [
        alpha * a + (1.0 - alpha) * b
        for a, b in zip(c.getRgbF()[:3], bg.getRgbF()[:3], strict=True)
    ]
    return QColor.fromRgbF(*mix)


def _outline_path(xs: list[np.ndarray], ys: list[np.ndarray]) -> QPainterPath:
    """One path of separate sub-paths (one per row), built in a single numpy pass."""
    if not xs:
        return QPainterPath()
    connect = np.concatenate([np.r_[np.ones(len(x) - 1, dtype=np.int32), 0] for x in xs])
    return pg.arrayToQPath(np.concatenate(xs), np.concatenate(ys), connect=connect)


@dataclass
class _Row:
    layer: int  # index into record.layers
    label: QGraphicsSimpleTextItem
    edges: np.ndarray = field(default_factory=lambda: np.zeros(0))
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    heights: np.ndarray = field(default_factory=lambda: np.zeros(0))  # of ROW_HEIGHT
    x_range: tuple[float, float] = (0.0, 1.0)
    text: str = ""  # the whole label; the row may show it shortened (_fit_column_labels)
    fitted: tuple[str, float] = ("", -1.0)  # the (text, width) last fitted


@dataclass
class _Column:
    plot: pg.PlotItem
    rows: list[_Row]  # rows[0] is the bottom row (first hidden layer)
    band: QGraphicsPathItem
    # Every row's step curve in one path: one C++ item to paint, one path built per frame.
    curves: QGraphicsPathItem


def _shortened(text: str, metrics: QFontMetricsF, width: float) -> str:
    """A row label made to fit ``width``: with tighter separators; else with its last
    parts dropped for "…" ("L2 · dead 0% · saturated 90% · …"), never a part cut short
    ("saturated 0…" read like a number, "<1% o…" like nothing); else, when not even the
    layer's name with "…" fits, cut with "…" anywhere."""
    parts = text.split(SEPARATOR)
    compact = COMPACT_SEPARATOR.join(parts)
    if metrics.horizontalAdvance(compact) <= width:
        return compact
    for keep in range(len(parts) - 1, 0, -1):
        cut = COMPACT_SEPARATOR.join([*parts[:keep], "…"])
        if metrics.horizontalAdvance(cut) <= width:
            return cut
    return metrics.elidedText(compact, Qt.TextElideMode.ElideRight, width)


class LayerHistogramView(pg.GraphicsLayoutWidget):
    """One ridgeline plot per run; ``show_records`` draws one step of every run."""

    # The rows shown changed (the height or the font allows more or fewer): redraw them.
    rowsChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.ci.setContentsMargins(2, 2, 2, 2)
        self._rows_check = QTimer(self)
        self._rows_check.setSingleShot(True)
        self._rows_check.timeout.connect(self._fit_row_count)
        self.quantity = "log_grad"
        self.axis_mode = "fixed"
        self.layer_indices: list[int] = []
        self.n_layers = 0
        self.n_runs = 0
        self.titles: tuple[str, ...] = ()
        self.columns: list[_Column] = []
        self._bands: tuple[tuple[str, dict], ...] = ()
        self._theme = theme_mod.current()
        self._ranges: list[tuple[float, float]] = []

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        # Not once closed: pyqtgraph's close() deleted the plots' items.
        if event.type() == QEvent.Type.LanguageChange and not self.closed:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The axis label; run titles and row labels are redrawn by the controller."""
        self._label_axes()

    def _fit_titles(self) -> None:
        """Run titles in the theme's title size, all smaller if one is wider than its column."""
        if not self.columns:
            return
        left, _top, right, _bottom = self.ci.layout.getContentsMargins()
        share = (self.width() - left - right) / len(self.columns) - 8
        points = plot_fonts(self._theme).title_pt
        titled = zip((col.plot for col in self.columns), self.titles, strict=False)
        fit_titles([(plot, title, share) for plot, title in titled], points)

    def resizeEvent(self, event) -> None:  # Qt override
        if self.closed:  # pyqtgraph's close() cleared the scene, then resizes the viewport
            return
        columns = getattr(self, "columns", None)
        if columns:
            # Before pyqtgraph lays the plots out at the new size.
            equal_columns(self, len(columns))
            self._fit_titles()
        super().resizeEvent(event)
        if columns:
            relayout_soon(self)

    # -- layout ---------------------------------------------------------------------------
    def set_titles(self, titles: Sequence[str]) -> None:
        titles = tuple(titles)
        if titles != self.titles and len(titles) == len(self.columns):
            self.titles = titles
            self._fit_titles()

    def row_limit(self) -> int:
        """How many rows fit: each at least ROW_MIN_LINES label lines high, so that a
        row's label leaves its histogram visible (presenter fonts, a short window)."""
        line = QFontMetricsF(plot_fonts(self._theme).row_label).height()
        box = self.columns[0].plot.getViewBox() if self.columns else None
        # Not laid out yet: the widget less its title and axis, about 5 lines.
        height = box.height() if box is not None and box.height() > 0 else self.height() - 5 * line
        fit = int(height // (ROW_MIN_LINES * line))
        return max(MIN_SHOWN_LAYERS, min(MAX_SHOWN_LAYERS, fit))

    def _fit_row_count(self) -> None:
        if not self.columns or self.closed:
            return
        if shown_layers(self.n_layers, self.row_limit()) != self.layer_indices:
            self.set_layout(self.n_layers, self.titles, rebuild=True)
            self.rowsChanged.emit()

    def set_layout(self, n_layers: int, titles: Sequence[str], rebuild: bool = False) -> bool:
        """Rebuild when the number of layers or runs changes (or ``rebuild``); True if
        rebuilt. As many layers are shown as ``row_limit`` allows."""
        titles = tuple(titles)
        if not rebuild and n_layers == self.n_layers and len(titles) == self.n_runs:
            self.set_titles(titles)
            return False
        # Measured before the plots go: with them gone row_limit can only estimate the
        # height, and a rebuild that disagreed with _fit_row_count's measure made the
        # next check rebuild again, every 50 ms, blanking the rows between frames.
        limit = self.row_limit()
        self.clear()
        self.columns = []
        self.n_layers = n_layers
        self.n_runs = len(titles)
        self.titles = titles
        self.layer_indices = shown_layers(n_layers, limit)
        for run in range(len(titles)):
            plot = self.addPlot(row=0, col=run, axisItems=fitted_axes("bottom"))
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.hideAxis("left")
            plot.setDefaultPadding(0.0)
            vb = plot.getViewBox()
            vb.sigResized.connect(self._rows_check.start)
            vb.sigResized.connect(self._fit_labels)
            vb.disableAutoRange()
            # Long row labels (presenter fonts, a comparison) stop at the plot's edge.
            vb.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
            vb.setYRange(0.0, len(self.layer_indices), padding=0.0)
            band = QGraphicsPathItem()
            band.setZValue(-10)
            plot.addItem(band, ignoreBounds=True)
            curves = QGraphicsPathItem()
            plot.addItem(curves, ignoreBounds=True)
            rows = []
            for r, layer in enumerate(self.layer_indices):
                label = QGraphicsSimpleTextItem()
                label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                label.setZValue(10)
                plot.addItem(label, ignoreBounds=True)
                label.setPos(0.0, float(r) + 1.0)
                rows.append(_Row(layer, label))
            self.columns.append(_Column(plot, rows, band, curves))
        equal_columns(self, len(self.columns))
        self._label_axes()
        self.apply_theme(self._theme)
        return True

    # -- options --------------------------------------------------------------------------
    def set_quantity(self, quantity: str) -> None:
        self.quantity = quantity
        self._label_axes()

    def _label_axes(self) -> None:
        text = {
            "grad": self.tr("∂L/∂W"),
            "log_grad": self.tr("log₁₀ |∂L/∂W|"),
            "preact": self.tr("pre-activation z"),
            "act": self.tr("activation f(z)"),
        }[self.quantity]
        for col in self.columns:
            col.plot.setLabel("bottom", text)

    def set_axis_mode(self, mode: str) -> None:
        self.axis_mode = mode
        for col in self.columns:
            col.plot.showAxis("bottom", mode == "fixed")

    def set_activations(self, activations: Sequence[tuple[str, dict]]) -> None:
        """The activation (id, params) of each run, for the saturated band."""
        self._bands = tuple((a, dict(p)) for a, p in activations)

    def _point_outputs(self, run: int) -> tuple[float, ...]:
        """Single output values of a run's activation over a saturated interval, when the
        activations are shown (ReLU: 0; hardtanh: -1 and 1)."""
        if self.quantity != "act":
            return ()
        return tuple(a for a, b in self.band_intervals(run) if a == b)

    def band_intervals(self, run: int) -> tuple[tuple[float, float], ...]:
        """The saturated band of a run in the current quantity's units (() if none)."""
        if run >= len(self._bands) or self.quantity not in ("preact", "act"):
            return ()
        act_id, params = self._bands[run]
        if self.quantity == "preact":
            return saturated_intervals(act_id, params)
        return saturated_outputs(act_id, params)

    # -- drawing --------------------------------------------------------------------------
    def show_records(
        self, records: Sequence[StepRecord], references: Sequence[StepRecord] = ()
    ) -> None:
        """Draw one step of every run. ``references`` (step 0) set the fixed axis."""
        if not self.columns or not records:
            return
        ranges = layer_ranges(
            records, self.layer_indices, self.quantity, self.axis_mode, references
        )
        self._ranges = ranges
        fixed = self.axis_mode == "fixed"
        points = [self._point_outputs(run) for run in range(len(records))]
        tops = []
        for layer in self.layer_indices:
            top = spike = 0.0
            for run, rec in enumerate(records):
                if layer < len(rec.layers):
                    stats = rec.layers[layer]
                    hist = histogram_of(stats, self.quantity)
                    f = fractions(hist)
                    if self.quantity == "log_grad":
                        f = f[1:]  # the underflow bin (zero gradients) must not set the scale
                    elif points[run] and not stats.is_output:
                        # Nor a spike at a saturated output (ReLU's 0): it would flatten
                        # the rest of the row; its share is the label's "saturated".
                        at = point_bins(hist.edges, points[run])
                        if at.any():
                            spike = max(spike, float(f[at].max()))
                            f = f[~at]
                    if f.size:
                        top = max(top, float(f.max()))
            tops.append(top if top > 0 else spike if spike > 0 else 1.0)
        for run, col in enumerate(self.columns):
            rec = records[run] if run < len(records) else None
            if fixed:
                col.plot.getViewBox().setXRange(*ranges[0], padding=0.0)
            else:
                col.plot.getViewBox().setXRange(0.0, 1.0, padding=0.0)
            xs: list[np.ndarray] = []
            ys: list[np.ndarray] = []
            for r, row in enumerate(col.rows):
                if rec is None or row.layer >= len(rec.layers):
                    continue
                stats = rec.layers[row.layer]
                hist = histogram_of(stats, self.quantity)
                edges = np.asarray(hist.edges, dtype=np.float64)
                values = fractions(hist)
                lo, hi = ranges[r]
                row.edges, row.values, row.x_range = edges, values, (lo, hi)
                x = edges if fixed else (edges - lo) / (hi - lo)
                base = r + ROW_BASE
                row.heights = np.minimum(values / tops[r], SPIKE_CAP)
                # A closed step outline: up from the baseline, across every bin, back down.
                xs.append(np.repeat(x, 2))
                ys.append(
                    np.concatenate(
                        (
                            [base],
                            np.repeat(base + ROW_HEIGHT * row.heights, 2),
                            [base],
                        )
                    )
                )
                row.label.setPos(ranges[0][0] if fixed else 0.0, float(r) + 1.0)
                underflow = float(values[0]) if self.quantity == "log_grad" and values.size else 0.0
                off = outside_fraction(edges, values, lo, hi) if fixed else 0.0
                row.text = self._label_text(stats, hist.nonfinite, lo, hi, underflow, off)
            self._fit_column_labels(col)
            col.curves.setPath(_outline_path(xs, ys))
            self._draw_band(run, col, ranges)

    def clear_records(self) -> None:
        """Empty every row, keeping only its layer's name: the run is being rebuilt, and
        the last run's histograms must not stand under the new run's title."""
        for col in self.columns:
            col.curves.setPath(QPainterPath())
            col.band.setPath(QPainterPath())
            for row in col.rows:
                row.edges = row.values = row.heights = np.zeros(0)
                row.x_range = (0.0, 1.0)
                row.text = self._layer_name(row.layer)
            self._fit_column_labels(col)
        self._ranges = []

    def _layer_name(self, layer: int) -> str:
        if layer == self.n_layers - 1:
            return self.tr("output")
        return self.tr("L{n}").format(n=layer + 1)

    def _draw_band(self, run: int, col: _Column, ranges: list[tuple[float, float]]) -> None:
        path = QPainterPath()
        intervals = self.band_intervals(run)
        fixed = self.axis_mode == "fixed"
        for r, row in enumerate(col.rows):
            if row.layer == self.n_layers - 1:
                continue  # the output layer has no hidden activation
            lo, hi = ranges[r]
            for a, b in intervals:
                a = max(a, lo) if math.isfinite(a) else lo
                b = min(b, hi) if math.isfinite(b) else hi
                if b <= a and not (a == b and lo <= a <= hi):
                    continue
                if not fixed:
                    a, b = (a - lo) / (hi - lo), (b - lo) / (hi - lo)
                width = max(b - a, (1.0 if not fixed else hi - lo) * 0.004)
                path.addRect(QRectF(a, r + 0.02, width, 0.96))
        col.band.setPath(path)

    def _label_text(
        self,
        stats: LayerStats,
        nonfinite: int,
        lo: float,
        hi: float,
        underflow: float = 0.0,
        off_axis: float = 0.0,
    ) -> str:
        parts = [self._layer_name(stats.index - 1)]
        if not stats.is_output:
            parts.append(self.tr("dead {p:.0%}").format(p=stats.dead_fraction))
            if self.quantity in ("preact", "act"):
                parts.append(self.tr("saturated {p:.0%}").format(p=stats.saturated_fraction))
        if underflow > 0.0:
            # The first log bin also holds exact zeros (a dead unit's weights).
            parts.append(self.tr("|g| ≈ 0: {p:.0%}").format(p=underflow))
        if self.axis_mode != "fixed":
            parts.append(f"[{_fmt(lo)}, {_fmt(hi)}]")
        elif off_axis > 0.0:
            # The fixed axis stays as step 0 set it: say how much has moved beyond it.
            share = "<1%" if off_axis < 0.01 else f"{off_axis:.0%}"
            parts.append(self.tr("{p} off the axis").format(p=share))
        if nonfinite:
            parts.append(self.tr("⚠ {n} non-finite").format(n=nonfinite))
        return SEPARATOR.join(parts)

    def _fit_labels(self) -> None:
        for col in self.columns:
            self._fit_column_labels(col)

    def _fit_column_labels(self, col: _Column) -> None:
        """Show each row's label whole if it fits the plot's width; else shortened (see
        ``_shortened``; the whole label is then the row's tooltip, see ``viewportEvent``).
        The view clips anything wider, which cut words in half (a comparison's two
        columns, presenter fonts)."""
        width = col.plot.getViewBox().width() - LABEL_MARGIN
        if not col.rows or width <= 0:
            return
        metrics: QFontMetricsF | None = None
        for row in col.rows:
            if row.fitted == (row.text, width):
                continue  # measured already: most frames change few labels
            row.fitted = (row.text, width)
            if metrics is None:
                metrics = QFontMetricsF(col.rows[0].label.font())
            text = row.text
            if metrics.horizontalAdvance(text) > width:
                text = _shortened(text, metrics, width)
            if row.label.text() != text:
                row.label.setText(text)

    def row_tooltip(self, pos: QPoint) -> str:
        """The whole label of a shortened row under ``pos`` (view coordinates), else "".
        (Qt finds no item under the mouse among labels that ignore the view's scaling, so
        the row is found from the plot's coordinates instead.)"""
        scene_pos = self.mapToScene(pos)
        for col in self.columns:
            vb = col.plot.getViewBox()
            if not vb.sceneBoundingRect().contains(scene_pos):
                continue
            r = math.floor(vb.mapSceneToView(scene_pos).y())
            if 0 <= r < len(col.rows):
                row = col.rows[r]
                if row.label.text() != row.text:
                    return row.text
        return ""

    def viewportEvent(self, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.row_tooltip(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- what is on screen (for tests and export) -----------------------------------------
    def _row(self, run: int, layer: int) -> _Row:
        for row in self.columns[run].rows:
            if row.layer == layer:
                return row
        raise ValueError(f"layer {layer} is not shown (shown: {self.layer_indices})")

    def plotted(self, run: int, layer: int) -> tuple[np.ndarray, np.ndarray]:
        """The (edges, fractions) drawn for ``layer`` (index into record.layers) of a run."""
        row = self._row(run, layer)
        return row.edges, row.values

    def bar_heights(self, run: int, layer: int) -> np.ndarray:
        """Each bin's drawn height in units of ROW_HEIGHT (1 = the row's scale)."""
        return self._row(run, layer).heights

    def x_range(self, run: int, layer: int) -> tuple[float, float]:
        """The data range the row of ``layer`` spans across the plot's width."""
        return self._row(run, layer).x_range

    def label_text(self, run: int, layer: int) -> str:
        """A row's whole label (``shown_label_text``: as it fits on screen)."""
        return self._row(run, layer).text

    def shown_label_text(self, run: int, layer: int) -> str:
        return self._row(run, layer).label.text()

    # -- style ----------------------------------------------------------------------------
    def apply_theme(self, th: theme_mod.Theme) -> None:
        self._theme = th
        self.setBackground(th.background)
        # Narrowest useful width: some characters of a row label per run, in its font.
        font = QFont(plot_fonts(th).row_label)
        chars = MIN_CHARS_PER_RUN * max(self.n_runs, 1)
        self.setMinimumWidth(round(chars * QFontMetricsF(font).horizontalAdvance("0")))
        for run, col in enumerate(self.columns):
            colour = QColor(th.colour(run * 5))
            fill = _over(colour, 0.43, th.background)
            pen = pg.mkPen(colour, width=th.thin_pen_width)
            pen.setCosmetic(True)
            col.curves.setPen(pen)
            col.curves.setBrush(fill)
            for row in col.rows:
                row.label.setBrush(pg.mkBrush(th.foreground))
                row.label.setFont(font)
                row.fitted = ("", -1.0)  # measured again in the new font
            shade = pg.mkColor(th.shade_saturated)  # #RRGGBBAA
            col.band.setBrush(_over(shade, shade.alphaF(), th.background))
            col.band.setPen(pg.mkPen(None))
            style_axis(col.plot.getAxis("bottom"), th)
            col.plot.titleLabel.setAttr("color", th.foreground)
            col.plot.showAxis("bottom", self.axis_mode == "fixed")
        self._fit_titles()
        self._fit_labels()
        self._rows_check.start()  # a new font size may fit more or fewer rows

"""Axes that stay legible at every font size, and the theme's fonts for the plots.

pyqtgraph chooses tick spacing from an axis's length alone, and on a log axis it labels the
minor ticks 2…9 when a decade is tall enough; with presenter fonts the labels then pile up.
``FittedAxis`` labels only as many ticks as fit (one text line plus a gap each, or one
label's width plus a gap on a horizontal axis), never labels minor ticks, and shrinks its
title's font (down to a floor) when the title is longer than the axis. Ticks are computed
only when pyqtgraph re-renders the axis (its range or size changed), never per frame.

Every plot of both labs takes its fonts from ``plot_fonts(theme)``, so ticks, axis titles,
plot titles and row labels scale together.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QFont, QFontMetricsF

from gui import theme as theme_mod
from gui.i18n import number_families

TICK_SCALE = 0.9  # tick labels and axis titles, relative to the theme's base point size
TITLE_SCALE = 1.1  # plot titles
ROW_LABEL_SCALE = 0.9  # the histograms' row labels
LINE_GAP = 1.0  # free space between two tick labels, in text lines (vertical axes)
WIDTH_GAP = 2.0  # … in digit widths (horizontal axes)
MIN_LINE_PITCH = 1.15  # … and never closer than this many lines apart, however short
MANTISSAS = (1.0, 2.0, 2.5, 5.0)  # tick steps are these × 10ⁿ
MIN_TITLE_POINTS = 7.0  # an axis title longer than its axis shrinks down to this

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class PlotFonts:
    tick: QFont
    axis_title: QFont
    title_pt: float  # for PlotItem.setTitle(size=…)
    row_label: QFont


def _font(points: float, families: list[str] | None = None) -> QFont:
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(points)
    return font


def plot_fonts(th: theme_mod.Theme) -> PlotFonts:
    base = th.base_point_size
    return PlotFonts(
        tick=_font(base * TICK_SCALE, number_families()),
        axis_title=_font(base * TICK_SCALE),
        title_pt=base * TITLE_SCALE,
        row_label=_font(base * ROW_LABEL_SCALE),
    )


def linear_ticks(lo: float, hi: float, step: float) -> list[float]:
    """The multiples of ``step`` in [lo, hi]."""
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [k * step for k in range(first, last + 1)]


def nice_step(lo: float, hi: float, max_count: int) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10ⁿ that puts at most ``max_count`` ticks
    (multiples of the step) on [lo, hi]."""
    span = hi - lo
    if span <= 0 or not math.isfinite(span):
        return 1.0
    max_count = max(int(max_count), 1)
    exponent = math.floor(math.log10(span / max(max_count, 2))) - 1
    for _ in range(8):
        for mantissa in MANTISSAS:
            step = mantissa * 10.0**exponent
            if len(linear_ticks(lo, hi, step)) <= max_count:
                return step
        exponent += 1
    return 10.0**exponent


def format_tick(value: float, step: float) -> str:
    """``value`` with as many decimals as ``step`` needs: 0, 0.5, 1 (not 0.0, 0.5, 1.0)."""
    if abs(value) < step * 1e-6:
        value = 0.0
    if abs(value) >= 1e5 or (value != 0 and abs(value) < 1e-3):
        return f"{value:.3g}"
    places = next(p for p in range(12) if abs(round(step, p) - step) <= step * 1e-6 or p == 11)
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def decade_text(exponent: float) -> str:
    """A log axis label: 1, 10, 10², 10⁻³ …"""
    n = round(exponent)
    if n == 0:
        return "1"
    if n == 1:
        return "10"
    return "10" + str(n).translate(_SUPERSCRIPT)


def _decades(lo: float, hi: float) -> list[int]:
    """The whole powers of ten on a log axis's [lo, hi] (in log10 units)."""
    return list(range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1))


def _decade_stride(lo: float, hi: float, n: int) -> int:
    """Label every k-th decade: the smallest k that leaves at most ``n`` labels."""
    decades = _decades(lo, hi)
    for k in (1, 2, 3, 5, 10, 20, 50, 100):
        if len([d for d in decades if d % k == 0]) <= n:
            return k
    return 100


class FittedAxis(pg.AxisItem):
    """An AxisItem whose labelled ticks never overlap, whatever the font and the length."""

    def __init__(self, orientation: str, **kwargs) -> None:
        self._title_font = QFont()  # before pyqtgraph's __init__, which sets the label
        # Pixels a horizontal axis's end labels may stick out (left, right): room the plot
        # leaves free there (below a y axis); pyqtgraph hides labels that stick out further.
        self.overflow = (0.0, 0.0)
        self.max_ticks: int | None = None  # label at most this many ticks (None: as fit)
        super().__init__(orientation, **kwargs)
        self.setStyle(maxTextLevel=0)  # minor ticks, if any, are never labelled

    # -- fonts ----------------------------------------------------------------------------
    def set_fonts(self, tick: QFont, title: QFont) -> None:
        self.setTickFont(tick)
        self._title_font = QFont(title)
        em = QFontMetricsF(tick).height()
        # Text offsets and tick marks grow with the font, so large labels do not touch.
        self.setStyle(tickTextOffset=max(3, round(em * 0.25)), tickLength=-max(5, round(em * 0.3)))
        self._fit_title()

    def tick_font(self) -> QFont:
        return self.style["tickFont"] or QFont()

    def line_height(self) -> float:
        return QFontMetricsF(self.tick_font()).height()

    def _fit_title(self) -> None:
        """The title in the theme's font, smaller only when it would overrun the axis."""
        if getattr(self, "label", None) is None:
            return
        font = QFont(self._title_font)
        length = self.size().height() if self.orientation in ("left", "right") else self.width()
        text = self.labelText
        if text and length > 0:
            natural = QFontMetricsF(font).horizontalAdvance(text) + 4
            if natural > length:
                points = max(MIN_TITLE_POINTS, font.pointSizeF() * length / natural)
                font.setPointSizeF(points)
        if font != self.label.font():
            self.label.setFont(font)
            self._adjustSize()

    def resizeEvent(self, ev=None) -> None:  # pyqtgraph override
        self._fit_title()
        super().resizeEvent(ev)

    def setLabel(self, text=None, units=None, unitPrefix=None, **kwargs) -> None:
        super().setLabel(text, units, unitPrefix, **kwargs)
        self._fit_title()

    # -- ticks ----------------------------------------------------------------------------
    def max_labels(self, lo: float, hi: float, size: float) -> int:
        """How many labelled ticks fit comfortably on ``size`` pixels of this axis."""
        if self.orientation in ("left", "right"):
            pitch = self.line_height() * (1.0 + LINE_GAP)
        else:
            fm = QFontMetricsF(self.tick_font())
            texts = [decade_text(lo), decade_text(hi)] if self.logMode else ["0"]
            pitch = max(fm.horizontalAdvance(t) for t in texts) + self._gap()
        return max(int(size // max(pitch, 1.0)), 1)

    def _gap(self) -> float:
        return QFontMetricsF(self.tick_font()).horizontalAdvance("0") * WIDTH_GAP

    def tickValues(self, minVal, maxVal, size):
        lo, hi = sorted((float(minVal), float(maxVal)))
        if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo or size <= 0:
            return []
        n = self.max_labels(lo, hi, size)
        if self.max_ticks is not None:
            n = min(n, self.max_ticks)
        if self.orientation in ("top", "bottom") and not self.logMode:
            return self._horizontal_ticks(lo, hi, size, n)
        # A short axis still tries two labels (one alone, "0", says nothing about the
        # scale), kept only if they really stand a line apart.
        for count in range(max(n, 2), 0, -1):
            levels = self._log_ticks(lo, hi, size, count) if self.logMode else None
            if levels is None:
                step = nice_step(lo, hi, count)
                levels = [(step, linear_ticks(lo, hi, step))]
            ys = [(v - lo) / (hi - lo) * size for v in levels[0][1]]
            if all(b - a >= self.line_height() * MIN_LINE_PITCH for a, b in itertools.pairwise(ys)):
                return levels
        return levels

    def _horizontal_ticks(self, lo: float, hi: float, size: float, n_max: int) -> list:
        """The finest step whose labels keep a gap between them and stay on the axis (plus
        ``overflow``: pyqtgraph hides a label that would stick out). Ticks whose label would
        stick out are still drawn, unlabelled."""
        fm = QFontMetricsF(self.tick_font())
        gap = self._gap()
        left, right = self.overflow
        tried: set[float] = set()
        for n in range(min(n_max, 60), 0, -1):
            step = nice_step(lo, hi, n)
            if step in tried:
                continue
            tried.add(step)
            values = linear_ticks(lo, hi, step)
            spans = []  # (left edge, right edge) of each label that stays on the axis
            kept, dropped = [], []
            for v in values:
                x = (v - lo) / (hi - lo) * size
                half = fm.horizontalAdvance(format_tick(v, step)) / 2
                if x - half >= -left and x + half <= size + right:
                    kept.append(v)
                    spans.append((x - half, x + half))
                else:
                    dropped.append(v)
            if kept and all(b[0] - a[1] >= gap for a, b in itertools.pairwise(spans)):
                return [(step, kept), (None, dropped)]
        return []

    def _log_ticks(self, lo: float, hi: float, size: float, n: int) -> list:
        """Decades (every k-th when they crowd) labelled; unlabelled minor ticks between."""
        decades = _decades(lo, hi)
        k = _decade_stride(lo, hi, n)
        major = [float(d) for d in decades if d % k == 0]
        per_decade = size / (hi - lo)
        if k == 1 and per_decade >= 4 * self.line_height():
            minor = [
                d + float(np.log10(m))
                for d in range(math.floor(lo), math.ceil(hi))
                for m in range(2, 10)
                if lo <= d + np.log10(m) <= hi
            ]
        else:
            minor = [float(d) for d in decades if d % k != 0]
        return [(float(k), major), (None, minor)]

    def boundingRect(self):  # pyqtgraph override: end labels may use ``overflow``
        rect = super().boundingRect()
        if self.orientation in ("top", "bottom") and self.overflow != (0.0, 0.0):
            rect = rect.adjusted(-self.overflow[0], 0, self.overflow[1], 0)
        return rect

    def set_overflow(self, left: float, right: float = 0.0) -> None:
        if (left, right) != self.overflow:
            self.prepareGeometryChange()
            self.overflow = (float(left), float(right))
            self.picture = None
            self.update()

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return [decade_text(v) for v in values]
        step = spacing if spacing else 1.0
        return [format_tick(v * scale, step * scale) for v in values]

    def labelled_ticks(self) -> list[float]:
        """The tick values this axis labels at its current range and size (for tests)."""
        if self.linkedView() is None:
            return []
        lo, hi = self.range
        size = self.size().height() if self.orientation in ("left", "right") else self.width()
        levels = self.tickValues(lo, hi, size)
        return list(levels[0][1]) if levels else []

    def widest_tick_text(self, candidates: tuple[str, ...]) -> float:
        fm = QFontMetricsF(self.tick_font())
        return max(fm.horizontalAdvance(s) for s in candidates)


def style_axis(axis: pg.AxisItem, th: theme_mod.Theme) -> None:
    """Theme colours and fonts for one axis (FittedAxis or pyqtgraph's own)."""
    fonts = plot_fonts(th)
    axis.setPen(pg.mkPen(th.foreground))
    axis.setTextPen(pg.mkPen(th.foreground))
    if isinstance(axis, FittedAxis):
        axis.set_fonts(fonts.tick, fonts.axis_title)
    else:
        axis.setTickFont(fonts.tick)
        axis.label.setFont(fonts.axis_title)


def fitted_axes(*names: str) -> dict[str, FittedAxis]:
    """``axisItems=`` for ``addPlot``: a FittedAxis for each named side."""
    return {name: FittedAxis(name) for name in names}


def left_axis_width(axis: FittedAxis, samples: tuple[str, ...]) -> int:
    """Width for a left axis whose tick labels are at most as wide as ``samples``, plus
    its rotated title: the same for every stacked plot, so their x axes line up."""
    em = axis.line_height()
    ticks = axis.widest_tick_text(samples)
    title = QFontMetricsF(axis._title_font).height() if axis.label.isVisible() else 0.0
    offset = axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"])
    return math.ceil(ticks + offset + title + em * 0.5)


def fit_title(plot: pg.PlotItem, html: str, points: float, width: float) -> float:
    """Set a plot's title at ``points``, or smaller when it would be wider than ``width``
    pixels (a title's width is a minimum of pyqtgraph's layout: too wide, and the whole
    plot would be cut at the view's edge). Returns the point size used."""
    size = max(round(points), 1)
    while True:
        plot.setTitle(html, size=f"{size}pt")
        if not html or width <= 0 or size <= MIN_TITLE_POINTS:
            return size
        natural = plot.titleLabel.itemRect().width()
        if natural <= width:
            return size
        size = max(int(MIN_TITLE_POINTS), min(size - 1, math.floor(size * width / natural)))


def fit_titles(titled: Sequence[tuple[pg.PlotItem, str, float]], points: float) -> float:
    """``fit_title`` for plots side by side, given as (plot, title, width): all in one size,
    the largest that fits every one of them (a smaller title beside a bigger one looked
    like a mistake). Returns that size."""
    sizes = [fit_title(plot, title, points, width) for plot, title, width in titled]
    if not sizes:
        return points
    size = min(sizes)
    for (plot, title, _width), own in zip(titled, sizes, strict=True):
        if own != size:
            plot.setTitle(title, size=f"{size}pt")
    return size


_UNLIMITED = float((1 << 24) - 1)  # Qt's QWIDGETSIZE_MAX (PySide6 does not export it)


def equal_columns(view: pg.GraphicsLayoutWidget, n: int) -> None:
    """Give the first ``n`` columns of a view's layout equal shares of its width, and free
    any columns after them. (Left to itself the grid sized the columns by their contents:
    two runs compared on one shared x-axis came out 420 and 565 pixels wide.) Call before
    the layout runs: from resizeEvent and after the plots are (re)built."""
    lay = view.ci.layout
    left, _top, right, _bottom = lay.getContentsMargins()
    gaps = max(lay.horizontalSpacing(), 0.0) * (n - 1)
    share = max((view.width() - left - right - gaps) / max(n, 1), 0.0)
    for col in range(lay.columnCount()):
        if col < n:
            lay.setColumnFixedWidth(col, share)
        else:
            lay.setColumnMinimumWidth(col, 0.0)
            lay.setColumnMaximumWidth(col, _UNLIMITED)


def relayout(view: pg.GraphicsLayoutWidget) -> None:
    """Fit the plots to the view again after a minimum size inside shrank: pyqtgraph
    sizes its layout only on a resize, so a layout once widened would stay too wide.
    Nothing once the view is closed (pyqtgraph's close() deleted the layout)."""
    if view.closed:
        return
    rect = QRectF(0, 0, view.width(), view.height())
    if view.ci.geometry() != rect:
        view.ci.setGeometry(rect)


def relayout_soon(view: pg.GraphicsLayoutWidget) -> None:
    """``relayout`` once the layout has taken in its items' new minimum sizes."""
    QTimer.singleShot(0, view, lambda: relayout(view))


def axis_column_width(plot: pg.PlotItem) -> float:
    """Width of a plot's left axis (0 when hidden): what a title has beside it."""
    axis = plot.getAxis("left")
    if not axis.isVisible():
        return 0.0
    return float(axis.fixedWidth if axis.fixedWidth is not None else axis.width())

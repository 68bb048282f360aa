"""The decision boundary for 2-D data: P(y = 1) as a heat map under the labelled points.

The probabilities come from the worker (``Trainer.predict_proba`` on a grid, computed in
the training thread at a lower rate than the histograms); this view only draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Signal

from gui import theme as theme_mod
from gui.widgets.plot_style import (
    axis_column_width,
    equal_columns,
    fit_titles,
    fitted_axes,
    left_axis_width,
    plot_fonts,
    relayout,
    relayout_soon,
    style_axis,
)

_TICK_SAMPLES = ("-2.5", "-10")  # the widest y tick labels of the standardized data
# A plot keeps its axes while its column is at least this many times as wide as its y
# axis; narrower (two runs in presenter mode at 1280x800), the axes took half the column
# and their only tick read "0", so they go and the map gets the room.
AXES_MIN_COLUMN = 4.0
POINT_SIZE = 5.0  # data points, in pixels at the normal theme (grows half as fast as fonts)
_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


def point_size(th: theme_mod.Theme) -> float:
    return POINT_SIZE * (1.0 + (th.scale - 1.0) / 2.0)


def probability_lut(th: theme_mod.Theme) -> np.ndarray:
    """Class 0 blue → 0.5 background → class 1 orange (Okabe–Ito), as a 256-entry LUT."""
    # Lightened towards the background so that the data points stay visible on top.
    ends = [_towards(th.colour(i), th.background, 0.45) for i in (0, 1)]
    cmap = pg.ColorMap([0.0, 0.5, 1.0], [ends[0], th.background, ends[1]])
    return cmap.getLookupTable(0.0, 1.0, 256, alpha=False)


def _towards(colour: str, background: str, amount: float) -> str:
    a, b = pg.mkColor(colour), pg.mkColor(background)
    mix = [round(x + amount * (y - x)) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


class DecisionBoundaryView(pg.GraphicsLayoutWidget):
    """One square plot per run: heat map of P(y = 1), the 0.5 contour, and the data.

    For data that is not 2-D there is no plane to draw: the view shows only a note saying
    so and is no taller than the note (the layout gives the room to its neighbours).
    """

    # The view's maximum height changed: the data became 2-D or not, or the note rewrapped.
    heightLimitChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self._theme = theme_mod.current()
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        self.contours: list[pg.IsocurveItem] = []
        self.scatters: list[pg.ScatterPlotItem] = []
        self.message = pg.LabelItem("")
        self._titles: tuple[str, ...] = ()
        self._boundary_step: tuple[int, int] | None = None  # (its step, the shown step)
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None
        self._axis_width = 0.0  # the y axis's width in the theme's font (apply_theme)
        self.set_runs(1)

    def has_plane(self) -> bool:
        """Whether the plots are shown: no data yet, or 2-D data."""
        return self._x is None or self._x.shape[1] == 2

    def _fit_height(self) -> None:
        """Without a plane, no taller than the note (wrapped to the current width)."""
        limit = _NO_LIMIT
        if not self.has_plane():
            _left, top, _right, bottom = self.ci.layout.getContentsMargins()
            text = self.message.item.boundingRect().height()
            frame = 2 * self.frameWidth()
            limit = max(math.ceil(text + top + bottom + frame) + 12, 24)
        if limit != self.maximumHeight():
            self.setMaximumHeight(limit)
            self.heightLimitChanged.emit()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        # Not once closed: pyqtgraph's close() deleted the plots' items.
        if event.type() == QEvent.Type.LanguageChange and not self.closed:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The note about data sets that are not 2-D (run titles come from the controller)."""
        self._show_message()

    def set_titles(self, titles: Sequence[str]) -> None:
        self._titles = tuple(titles)
        self._fit_titles()

    def _fit_titles(self) -> None:
        """Run titles in the theme's title size, all smaller if one is wider than its plot."""
        if not self.plots:
            return
        left, _top, right, _bottom = self.ci.layout.getContentsMargins()
        share = (self.width() - left - right) / len(self.plots)
        points = plot_fonts(self._theme).title_pt
        titled = [
            (plot, title, share - axis_column_width(plot) - 8)
            for plot, title in zip(self.plots, self._titles, strict=False)
        ]
        fit_titles(titled, points)

    def set_runs(self, n: int, titles: Sequence[str] = ()) -> None:
        """One plot per run (rebuilt only when the count changes)."""
        if n == len(self.plots):
            self.set_titles(titles)
            return
        self.clear()
        self.plots, self.images, self.contours, self.scatters = [], [], [], []
        for i in range(n):
            plot = self.addPlot(row=0, col=i, axisItems=fitted_axes("left", "bottom"))
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setAspectLocked(True)
            plot.setMouseEnabled(x=False, y=False)
            image = pg.ImageItem(axisOrder="row-major")
            image.setLevels((0.0, 1.0))
            contour = pg.IsocurveItem(level=0.5)
            contour.setParentItem(image)
            scatter = pg.ScatterPlotItem(size=point_size(self._theme), pxMode=True)
            plot.addItem(image)
            plot.addItem(scatter)
            image.setZValue(-10)
            self.plots.append(plot)
            self.images.append(image)
            self.contours.append(contour)
            self.scatters.append(scatter)
        self.addItem(self.message, row=1, col=0, colspan=max(n, 1))
        equal_columns(self, max(n, 1))
        self._titles = tuple(titles)
        self.apply_theme(self._theme)
        if self._x is not None and self._y is not None:
            self.set_data(self._x, self._y)

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        """The training points (standardized coordinates) coloured by label."""
        self._x, self._y = x, y
        two_d = x.shape[1] == 2
        for plot in self.plots:  # no empty axes for data that has no plane to draw
            plot.setVisible(two_d)
        if not two_d:
            for scatter, image in zip(self.scatters, self.images, strict=True):
                scatter.clear()
                image.clear()
            for contour in self.contours:
                contour.setData(None)
            self._show_message()
            return
        self._show_message()
        th = self._theme
        # One brush object per class: pyqtgraph's symbol atlas tells styles apart by the
        # brush object, so a brush per point rendered every point's symbol on its own
        # (0.3 s for 1,000 points, 20 s for 100,000, on the GUI thread).
        by_class = np.array([pg.mkBrush(th.colour(0)), pg.mkBrush(th.colour(1))], dtype=object)
        brushes = by_class[(np.asarray(y) > 0.5).astype(np.intp)]
        pen = pg.mkPen(th.foreground, width=0.6)
        size = point_size(th)
        for scatter in self.scatters:
            scatter.setData(x[:, 0], x[:, 1], brush=brushes, pen=pen, size=size)

    def show_boundary_step(self, boundary_step: int | None, step: int) -> bool:
        """Below the plots, the step the boundary was computed at while an earlier step is
        shown (the worker computes one every few frames, so a scrubbed step may have none
        of its own); ``None``: no note (live). True if the note changed."""
        note = None if boundary_step is None else (boundary_step, step)
        if note == self._boundary_step:
            return False
        self._boundary_step = note
        self._show_message()
        return True

    def _show_message(self) -> None:
        dims = None if self._x is None else self._x.shape[1]
        if (dims is None or dims == 2) and self._boundary_step is not None:
            shown, step = self._boundary_step
            if shown == step:
                self.message.setText(self.tr("Decision boundary at step {step}").format(step=step))
            else:
                self.message.setText(
                    self.tr(
                        "Decision boundary at step {shown} (none was computed at step {step})"
                    ).format(shown=shown, step=step)
                )
        elif dims is None or dims == 2:
            self.message.setText("")
        else:
            self.message.setText(
                self.tr(
                    "The decision boundary is drawn for 2-D data sets only (this one has {d})."
                ).format(d=dims)
            )
        self._wrap_message()

    def _wrap_message(self) -> None:
        """The note wraps to the view's width: a long line would widen the layout and be cut."""
        item = self.message.item
        left, _top, right, _bottom = self.ci.layout.getContentsMargins()
        width = max(round(self.viewport().width() - left - right - 8), 40)
        if not self.message.text:
            item.setTextWidth(-1)
        elif item.textWidth() != width:
            item.setTextWidth(width)
        else:
            return
        self.message.updateMin()
        self.message.resizeEvent(None)  # re-centre the wrapped text
        relayout(self)
        self._fit_height()

    def resizeEvent(self, event) -> None:  # Qt override
        if self.closed:  # pyqtgraph's close() cleared the scene, then resizes the viewport
            return
        # Titles and the note first: pyqtgraph then lays the plots out at the new size.
        if getattr(self, "message", None) is not None:
            equal_columns(self, max(len(self.plots), 1))
            self._fit_axes()
            self._fit_titles()
            if self.message.text:
                self._wrap_message()
        super().resizeEvent(event)
        if getattr(self, "message", None) is not None:
            relayout_soon(self)

    def axes_shown(self) -> bool:
        return bool(self.plots) and self.plots[0].getAxis("left").isVisible()

    def _fit_axes(self) -> None:
        if not self.plots:
            return
        column = self.width() / len(self.plots)
        show = column >= AXES_MIN_COLUMN * self._axis_width  # a hidden axis has no width
        if show != self.axes_shown():
            for plot in self.plots:
                plot.showAxis("left", show)
                plot.showAxis("bottom", show)

    def clear_boundary(self) -> None:
        for image in self.images:
            image.clear()
        for contour in self.contours:
            contour.setData(None)

    def set_boundary(
        self,
        extent: tuple[float, float, float, float],
        probabilities: Sequence[np.ndarray],
        contour: bool = True,
    ) -> None:
        """Draw P(y = 1) grids (row = y) over ``extent`` (x0, x1, y0, y1).

        The 0.5 contour is traced in Python; while training runs the caller may skip it.
        """
        x0, x1, y0, y1 = extent
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        for image, iso, p in zip(self.images, self.contours, probabilities, strict=False):
            image.setImage(p, autoLevels=False, levels=(0.0, 1.0))
            image.setRect(rect)
            # IsocurveItem reads [x, y]; the grid is [row = y, x].
            # A nearly flat field (an untrained net) has no boundary worth tracing.
            spans = float(p.min()) < 0.45 and float(p.max()) > 0.55
            iso.setData(p.T if contour and spans else None)

    def apply_theme(self, th: theme_mod.Theme) -> None:
        self._theme = th
        self.setBackground(th.background)
        lut = probability_lut(th)
        for image in self.images:
            image.setLookupTable(lut)
        for contour in self.contours:
            contour.setPen(pg.mkPen(th.foreground, width=th.pen_width))
        for plot in self.plots:
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), th)
            left = plot.getAxis("left")
            width = left_axis_width(left, _TICK_SAMPLES)
            self._axis_width = width
            left.setWidth(width)
            plot.getAxis("bottom").set_overflow(width)  # the corner below the y axis is free
            plot.titleLabel.setAttr("color", th.foreground)
        self._fit_axes()
        self._fit_titles()
        self.message.setAttr("color", th.foreground)
        self.message.setAttr("size", f"{plot_fonts(th).tick.pointSizeF():.0f}pt")
        self.message.setText(self.message.text)
        self._wrap_message()
        relayout(self)
        if self._x is not None and self._y is not None and self._x.shape[1] == 2:
            self.set_data(self._x, self._y)

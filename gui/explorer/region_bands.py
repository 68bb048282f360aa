"""Full-height vertical bands over x-intervals, painted as plain rectangles.

Shading a region with a filled curve makes Qt rasterize a 2001-vertex polygon on every
frame (~2 ms each). Rectangles in device pixels are cheap, and opaque ones (the tint
pre-blended with the background) are ~40x cheaper again than translucent ones.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter


def mask_intervals(x: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The x-intervals where ``mask`` holds; edges half-way between samples."""
    if mask.size == 0 or not mask.any():
        return []
    m = mask.astype(np.int8)
    d = np.diff(np.concatenate(([0], m, [0])))
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1) - 1
    half = 0.5 * (x[1] - x[0]) if x.size > 1 else 0.0
    return [(float(x[s]) - half, float(x[e]) + half) for s, e in zip(starts, ends, strict=True)]


class RegionBands(pg.GraphicsObject):
    """Vertical bands between y = low and y = high (set to the view's y-range)."""

    def __init__(self) -> None:
        super().__init__()
        self._intervals: list[tuple[float, float]] = []
        self._low, self._high = -1.0, 1.0
        self._brush = QBrush()
        self._rect = QRectF()
        self._brushes: list[QBrush] | None = None

    def set_brush(self, brush: QBrush) -> None:
        self._brush = QBrush(brush)
        self.update()

    def set_bands(
        self,
        intervals: list[tuple[float, float]],
        low: float,
        high: float,
        brushes: list[QBrush] | None = None,
    ) -> None:
        """Bands over ``intervals``; ``brushes`` gives one per interval (else the item's)."""
        if (intervals, low, high, brushes or None) == (
            self._intervals,
            self._low,
            self._high,
            self._brushes or None,
        ):
            return  # nothing to repaint
        self._brushes = brushes
        self._intervals = list(intervals)
        self._low, self._high = low, high
        if intervals:
            a = min(i[0] for i in intervals)
            b = max(i[1] for i in intervals)
            rect = QRectF(a, low, b - a, high - low)
        else:
            rect = QRectF()
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def intervals(self) -> list[tuple[float, float]]:
        return list(self._intervals)

    def brushes(self) -> list[QBrush]:
        """One per interval (empty when every band uses the item's brush)."""
        return list(self._brushes or [])

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p: QPainter, *_args: object) -> None:
        # Fill in device pixels: a transformed drawRect goes through the path rasterizer,
        # and a hatch pattern would be stretched by the view's scaling.
        to_device = p.transform()
        p.save()
        p.resetTransform()
        for i, (a, b) in enumerate(self._intervals):
            rect = to_device.mapRect(QRectF(a, self._low, b - a, self._high - self._low))
            p.fillRect(rect.toAlignedRect(), self._brushes[i] if self._brushes else self._brush)
        p.restore()


def combined_bands(
    x: np.ndarray, masks: list[np.ndarray], colours: list[QColor]
) -> tuple[list[tuple[float, float]], list[QBrush]]:
    """Opaque bands where any mask holds; where several overlap, their colours are mixed."""
    if not masks or x.size == 0:
        return [], []
    key = np.zeros(x.size, dtype=np.int64)
    for i, m in enumerate(masks):
        key += m * (1 << i)
    change = np.flatnonzero(key[1:] != key[:-1]) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [x.size])) - 1
    keys = key[starts]
    on = keys != 0
    starts, ends, keys = starts[on], ends[on], keys[on]
    half = 0.5 * (x[1] - x[0]) if x.size > 1 else 0.0
    intervals = list(zip((x[starts] - half).tolist(), (x[ends] + half).tolist(), strict=True))
    rgbs = [c.rgb() for c in colours]
    brushes = [
        _mixed_brush(tuple(rgbs[i] for i in range(len(masks)) if k >> i & 1)) for k in keys.tolist()
    ]
    return intervals, brushes


@lru_cache(maxsize=512)
def _mixed_brush(rgbs: tuple[int, ...]) -> QBrush:
    """One opaque brush, the mean of these colours (cached: the same few recur)."""
    chosen = [QColor(c) for c in rgbs]
    r = sum(c.red() for c in chosen) / len(chosen)
    g = sum(c.green() for c in chosen) / len(chosen)
    b = sum(c.blue() for c in chosen) / len(chosen)
    return QBrush(QColor(round(r), round(g), round(b)))

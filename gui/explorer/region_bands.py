"""Full-height vertical bands over x-intervals, painted as plain rectangles.

Shading a region with a filled curve makes Qt rasterize a 2001-vertex polygon on every
frame (~2 ms each). Rectangles in device pixels are cheap, and opaque ones (the tint
pre-blended with the background) are ~40x cheaper again than translucent ones.
"""

from __future__ import annotations

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
        colours = [b.color().rgba() for b in brushes] if brushes else None
        old_colours = [b.color().rgba() for b in self._brushes] if self._brushes else None
        if (intervals, low, high, colours) == (self._intervals, self._low, self._high, old_colours):
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
        key |= m.astype(np.int64) << i
    change = np.flatnonzero(np.diff(key)) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [x.size])) - 1
    half = 0.5 * (x[1] - x[0]) if x.size > 1 else 0.0
    intervals, brushes = [], []
    cache: dict[int, QBrush] = {}
    for s, e in zip(starts, ends, strict=True):
        k = int(key[s])
        if k == 0:
            continue
        if k not in cache:
            chosen = [colours[i] for i in range(len(masks)) if k >> i & 1]
            r = sum(c.red() for c in chosen) / len(chosen)
            g = sum(c.green() for c in chosen) / len(chosen)
            b = sum(c.blue() for c in chosen) / len(chosen)
            cache[k] = QBrush(QColor(round(r), round(g), round(b)))
        intervals.append((float(x[s]) - half, float(x[e]) + half))
        brushes.append(cache[k])
    return intervals, brushes

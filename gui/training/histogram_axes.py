"""Which histogram to show per layer, which layers, and the x-range of each plot.

Pure functions on core's records so the choice of axes (the thing that hides or shows a
vanishing gradient) is tested without a window.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from core.presets import HISTOGRAM_AXES, HISTOGRAM_QUANTITIES
from core.training import Histogram, LayerStats, StepRecord

QUANTITIES: tuple[str, ...] = HISTOGRAM_QUANTITIES
AXIS_MODES: tuple[str, ...] = HISTOGRAM_AXES
MAX_SHOWN_LAYERS = 14

Range = tuple[float, float]


def histogram_of(layer: LayerStats, quantity: str) -> Histogram:
    """The histogram of ``quantity`` ("grad", "log_grad", "preact", "act") for one layer."""
    if quantity == "grad":
        return layer.grad_hist
    if quantity == "log_grad":
        return layer.log_grad_hist
    if quantity == "preact":
        return layer.preact_hist
    if quantity == "act":
        return layer.act_hist
    raise ValueError(f"unknown histogram quantity {quantity!r}; known: {QUANTITIES}")


def shown_layers(n_layers: int, limit: int = MAX_SHOWN_LAYERS) -> list[int]:
    """Indices into ``record.layers`` to plot: all of them, or ``limit`` evenly spread.

    The first hidden layer and the output layer are always among them.
    """
    if n_layers <= limit:
        return list(range(n_layers))
    picks = np.unique(np.round(np.linspace(0, n_layers - 1, limit)).astype(int))
    return [int(i) for i in picks]


def occupied_range(hist: Histogram) -> Range | None:
    """From the left edge of the first non-empty bin to the right edge of the last."""
    counts = np.asarray(hist.counts)
    edges = np.asarray(hist.edges, dtype=np.float64)
    nz = np.flatnonzero(counts > 0)
    if nz.size == 0 or edges.size < 2:
        return None
    lo, hi = float(edges[nz[0]]), float(edges[nz[-1] + 1])
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return lo, hi


def percentile_range(hist: Histogram) -> Range | None:
    lo, hi = float(hist.p01), float(hist.p99)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return lo, hi


def union(ranges: Sequence[Range | None]) -> Range | None:
    good = [r for r in ranges if r is not None]
    if not good:
        return None
    return min(r[0] for r in good), max(r[1] for r in good)


def padded(r: Range | None, fraction: float = 0.04) -> Range:
    """A drawable range: widened a little, never empty."""
    if r is None:
        return -1.0, 1.0
    lo, hi = r
    width = hi - lo
    if width <= 0.0:
        half = max(abs(lo) * 0.05, 1e-12)
        return lo - half, hi + half
    return lo - fraction * width, hi + fraction * width


def fixed_range(references: Sequence[StepRecord], quantity: str) -> Range:
    """One x-range for every layer of every run: the widest layer of the reference records.

    For log10|gradient| the histogram edges are fixed by core, so the range is the span of
    occupied bins; for the others it is the widest layer at the reference step (step 0).
    """
    ranges = [
        occupied_range(histogram_of(layer, quantity)) for rec in references for layer in rec.layers
    ]
    return padded(union(ranges))


def layer_ranges(
    records: Sequence[StepRecord],
    indices: Sequence[int],
    quantity: str,
    mode: str,
    references: Sequence[StepRecord] = (),
) -> list[Range]:
    """The x-range per shown layer; in a comparison runs share a layer's range."""
    if mode == "fixed":
        r = fixed_range(references or records, quantity)
        return [r] * len(indices)
    pick = occupied_range if mode == "auto" else percentile_range
    if mode not in AXIS_MODES:
        raise ValueError(f"unknown axis mode {mode!r}; known: {AXIS_MODES}")
    out: list[Range] = []
    for i in indices:
        per_run = [
            pick(histogram_of(rec.layers[i], quantity)) for rec in records if i < len(rec.layers)
        ]
        out.append(padded(union(per_run)))
    return out


def outside_fraction(edges: np.ndarray, values: np.ndarray, lo: float, hi: float) -> float:
    """The share of a histogram that lies outside the axis [lo, hi] (values spread evenly
    within each bin): on a fixed axis, what the plot cannot show."""
    edges = np.asarray(edges, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    if edges.size != values.size + 1 or values.size == 0 or not hi > lo:
        return 0.0
    if lo <= edges[0] and edges[-1] <= hi:
        return 0.0  # all inside: the usual case, checked per row on every frame
    a, b = edges[:-1], edges[1:]
    width = b - a
    inside = np.clip(np.minimum(b, hi) - np.maximum(a, lo), 0.0, None)
    # A zero-width bin (a constant layer) is inside or outside as a whole.
    shown = np.where(width > 0, inside / np.where(width > 0, width, 1.0), (a >= lo) & (a <= hi))
    return float(np.clip(np.sum(values * (1.0 - shown)), 0.0, 1.0))


def fractions(hist: Histogram) -> np.ndarray:
    """Counts as a fraction of the layer's finite values, so layers of any size compare."""
    counts = np.asarray(hist.counts, dtype=np.float64)
    total = counts.sum()
    return counts / total if total > 0 else counts


def point_bins(edges: np.ndarray, points: Sequence[float]) -> np.ndarray:
    """Which bins hold one of ``points`` (bool, one per bin): where an activation's output
    is a single value over a whole saturated interval (ReLU's 0, hardtanh's ±1), a layer's
    histogram has a spike that would flatten the rest of its row."""
    edges = np.asarray(edges, dtype=np.float64)
    mask = np.zeros(max(edges.size - 1, 0), dtype=bool)
    if mask.size == 0:
        return mask
    for p in points:
        if edges[0] <= p <= edges[-1]:
            mask[min(int(np.searchsorted(edges, p, side="right")) - 1, mask.size - 1)] = True
    return mask

"""Where an activation is saturated: pre-activations z with |f'(z)| < 5 % of max |f'|.

Computed from the registry's derivative on a grid, never from a re-typed formula, so every
activation (and its parameters) gets its band. Unbounded ends are reported as ±inf.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from core.activations import ACTIVATIONS
from core.training import SATURATION_LEVEL

# A grid of 0.005 steps: a band edge within a pixel of the exact float32 one that the
# records count with (core.saturation finds those by bisection, 45-140 ms per function:
# too slow for the GUI thread as a parameter changes).
GRID_LIMIT = 60.0
GRID_POINTS = 24_001
THRESHOLD = SATURATION_LEVEL  # the level the records' saturated shares count with

Interval = tuple[float, float]


def saturated_intervals(
    activation_id: str, params: Mapping[str, float] | None = None
) -> tuple[Interval, ...]:
    """Pre-activation intervals where the activation passes < 5 % of its steepest slope."""
    key = tuple(sorted((params or {}).items()))
    return _intervals(activation_id, key)


def saturated_outputs(
    activation_id: str, params: Mapping[str, float] | None = None
) -> tuple[Interval, ...]:
    """The same band seen in activation space: f's values over each saturated interval."""
    key = tuple(sorted((params or {}).items()))
    return _outputs(activation_id, key)


@lru_cache(maxsize=256)
def _intervals(activation_id: str, key: tuple[tuple[str, float], ...]) -> tuple[Interval, ...]:
    act = ACTIVATIONS[activation_id]
    params = dict(key)
    z = np.linspace(-GRID_LIMIT, GRID_LIMIT, GRID_POINTS)
    d = np.abs(act.derivative(z, **params))
    peak = float(np.nanmax(d)) if d.size else 0.0
    if not math.isfinite(peak) or peak <= 0.0:
        return ()
    flat = d < THRESHOLD * peak
    out: list[Interval] = []
    i = 0
    n = len(z)
    while i < n:
        if not flat[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and flat[j + 1]:
            j += 1
        lo = -math.inf if i == 0 else float(z[i])
        hi = math.inf if j == n - 1 else float(z[j])
        if hi > lo or math.isinf(lo) or math.isinf(hi):
            out.append((lo, hi))
        i = j + 1
    return tuple(out)


@lru_cache(maxsize=256)
def _outputs(activation_id: str, key: tuple[tuple[str, float], ...]) -> tuple[Interval, ...]:
    act = ACTIVATIONS[activation_id]
    params = dict(key)
    out: list[Interval] = []
    for lo, hi in _intervals(activation_id, key):
        a = -1.0e6 if math.isinf(lo) else lo
        b = 1.0e6 if math.isinf(hi) else hi
        f = act.forward(np.linspace(a, b, 2001), **params)
        f = f[np.isfinite(f)]
        if f.size:
            out.append((float(f.min()), float(f.max())))
    return tuple(out)

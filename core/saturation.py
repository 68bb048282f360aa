"""Where an activation's derivative is small or zero, as intervals of float32 values.

Every record of the training lab reports, per hidden layer, the share of unit-samples whose
|f'(z)| is below ``level`` times max|f'| ("saturated") and the share of units whose f'(z)
is 0 for every sample of the batch ("dead"), with f' the registry's float64 derivative.
Evaluating that derivative on every pre-activation of every record was a fifth of what a
record cost. Both sets depend only on the activation and its parameters, so they are found
here once, from the registry itself, as a few closed intervals of float32 values, and a
record only compares its pre-activations (float32) with their bounds.

How the intervals are found: the registry classifies a grid of float32 values spread
evenly over the whole float32 line in *bit order* (one value in every 2**12, so ~1,000 per
binade: as fine near 1e-30 as near 1e30), plus the activation's kinks and discontinuities
and their float32 neighbours, 0 and +-inf. Between two neighbouring grid values that are
classified differently, bisection in bit order, evaluating the registry on single float32
values, finds the exact pair of adjacent float32 values where the class changes. So every
boundary the grid sees is exact, including the registry's convention at a kink (ReLU's
f'(0) = 0). A set whose class changes twice between two neighbouring grid values (a
feature narrower than 1/1000 of its magnitude that is neither a kink nor a discontinuity)
would be missed; no registry function has one, and ``find_regions`` checks its result on
a sample of values and gives up (returns None, the caller then uses the registry on every
value) when it disagrees with the registry anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.activations import get_activation

# Grid spacing in float32 bit order, and the most intervals a class may have before the
# comparisons cost more than evaluating the registry.
_GRID_STEP = 1 << 12
MAX_INTERVALS = 4

_LOW, _ZERO = 1, 2  # class bits: |f'| < threshold, f' == 0

# keys -> their classes (an int8 array of _LOW/_ZERO bits), by the registry
Classifier = Callable[[np.ndarray], np.ndarray]


def _keys(x: np.ndarray) -> np.ndarray:
    """float32 values -> int64 keys in the same order (-0.0 and +0.0 both map to 0)."""
    bits = np.ascontiguousarray(x, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF), bits)


def _floats(k: np.ndarray) -> np.ndarray:
    """The inverse of ``_keys`` (key 0 gives +0.0)."""
    k = np.asarray(k, dtype=np.int64)
    bits = np.where(k < 0, (-k) | 0x80000000, k).astype(np.uint32)
    return bits.view(np.float32)


_KEY_NEG_INF = int(_keys(np.array([-np.inf]))[0])
_KEY_POS_INF = int(_keys(np.array([np.inf]))[0])


@dataclass(frozen=True)
class Regions:
    """Closed float32 intervals (lo, hi), lo <= hi, possibly infinite, where |f'(z)| <
    threshold (``low``) and where f'(z) == 0 (``zero``), for one activation and its
    parameters; ``threshold`` is level * max|f'|."""

    low: tuple[tuple[float, float], ...]
    zero: tuple[tuple[float, float], ...]
    threshold: float

    def low_mask(self, z: np.ndarray) -> np.ndarray:
        return _mask(z, self.low)

    def zero_mask(self, z: np.ndarray) -> np.ndarray:
        return _mask(z, self.zero)


def _mask(z: np.ndarray, intervals: tuple[tuple[float, float], ...]) -> np.ndarray:
    """z (float32) in the union of the intervals (NaN never is), as a bool array. The
    bounds are float32 values, so comparing in float32 or float64 gives the same answer.
    (numpy, not torch: torch's comparisons took ~7x longer here.)"""
    out: np.ndarray | None = None
    for lo, hi in intervals:
        if lo == -np.inf and hi == np.inf:
            m = ~np.isnan(z)
        elif lo == -np.inf:
            m = z <= hi
        elif hi == np.inf:
            m = z >= lo
        else:
            m = z >= lo
            m &= z <= hi
        if out is None:
            out = m
        else:
            out |= m
    return np.zeros(z.shape, dtype=bool) if out is None else out


def _classify(activation_id: str, params: tuple, threshold: float, keys: np.ndarray) -> np.ndarray:
    act = get_activation(activation_id)
    d = act.derivative(_floats(keys).astype(np.float64), **dict(params))
    size = np.abs(d)
    return (size < threshold).astype(np.int8) * _LOW + (d == 0).astype(np.int8) * _ZERO


def _boundaries(cls: Classifier, lo: int, hi: int, c_lo: int, c_hi: int, out: list[int]) -> None:
    """Keys k in (lo, hi] where the class changes between k - 1 and k (c_lo != c_hi)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        c_mid = int(cls(np.array([mid]))[0])
        if c_mid != c_lo and c_mid != c_hi:  # a third class in between: both halves
            _boundaries(cls, lo, mid, c_lo, c_mid, out)
            lo, c_lo = mid, c_mid
            continue
        if c_mid == c_lo:
            lo = mid
        else:
            hi = mid
    out.append(hi)


def _intervals(starts: np.ndarray, classes: np.ndarray, bit: int) -> list[tuple[float, float]]:
    """Closed float intervals of the runs whose class has ``bit`` set (runs are given by
    their first keys, in order; a run ends where the next begins)."""
    first = _floats(starts).astype(np.float64).tolist()
    last = _floats(np.append(starts[1:] - 1, _KEY_POS_INF)).astype(np.float64).tolist()
    out: list[tuple[float, float]] = []
    previous = False
    for a, b, c in zip(first, last, classes.tolist(), strict=True):
        inside = bool(c & bit)
        if inside and previous:
            out[-1] = (out[-1][0], b)  # runs of different classes that both have the bit
        elif inside:
            out.append((a, b))
        previous = inside
    return out


@lru_cache(maxsize=32)
def find_regions(activation_id: str, params: tuple, level: float) -> Regions | None:
    """The low and zero sets of ``activation_id`` with ``params`` (a sorted tuple of
    (name, value) pairs), or None when they have too many pieces or fail the check."""
    act = get_activation(activation_id)
    p = dict(params)
    threshold = level * act.max_abs_derivative(**p)

    def cls(keys: np.ndarray) -> np.ndarray:
        return _classify(activation_id, params, threshold, keys)

    facts = act.facts(**p)
    special = np.array([*facts.kinks, *facts.discontinuities, 0.0], dtype=np.float32)
    sk = _keys(special)
    grid = np.arange(_KEY_NEG_INF, _KEY_POS_INF + 1, _GRID_STEP, dtype=np.int64)  # both infs
    extra = np.unique(np.concatenate([[_KEY_POS_INF], sk - 1, sk, sk + 1]))
    extra = extra[(extra > _KEY_NEG_INF) & (extra <= _KEY_POS_INF)]
    extra = extra[(extra - _KEY_NEG_INF) % _GRID_STEP != 0]  # not on the grid already
    keys = np.insert(grid, np.searchsorted(grid, extra), extra)
    c = cls(keys)
    changes = np.flatnonzero(c[1:] != c[:-1])
    starts = [_KEY_NEG_INF]
    for i in changes.tolist():
        _boundaries(cls, int(keys[i]), int(keys[i + 1]), int(c[i]), int(c[i + 1]), starts)
    starts_a = np.array(starts, dtype=np.int64)
    classes = cls(starts_a)  # each run's class is its first value's
    low = _intervals(starts_a, classes, _LOW)
    zero = _intervals(starts_a, classes, _ZERO)
    if len(low) > MAX_INTERVALS or len(zero) > MAX_INTERVALS:
        return None
    regions = Regions(tuple(low), tuple(zero), float(threshold))
    return regions if _agrees(regions, cls, keys, c, starts_a) else None


def _agrees(
    regions: Regions,
    cls: Classifier,
    grid: np.ndarray,
    grid_classes: np.ndarray,
    starts: np.ndarray,
) -> bool:
    """The intervals classify, as the registry does, every grid value (already classified),
    both sides of every boundary, and values drawn at random (in bit order and on the usual
    scale of z)."""
    rng = np.random.default_rng(0)
    sample = [
        np.array([_KEY_NEG_INF, _KEY_NEG_INF + 1, -1, 0, 1, _KEY_POS_INF - 1, _KEY_POS_INF]),
        starts,
        starts - 1,
        rng.integers(_KEY_NEG_INF, _KEY_POS_INF + 1, 20_000),
        _keys(rng.normal(0.0, 10.0, 20_000).astype(np.float32)),
    ]
    keys = np.concatenate(sample)
    keys = keys[(keys >= _KEY_NEG_INF) & (keys <= _KEY_POS_INF)]
    expected = np.concatenate([grid_classes, cls(keys)])
    z = _floats(np.concatenate([grid, keys]))
    got = regions.low_mask(z).astype(np.int8) * _LOW
    got += regions.zero_mask(z).astype(np.int8) * _ZERO
    return bool(np.array_equal(got, expected))

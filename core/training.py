"""The training lab's engine: a config, a trainer that records what happens inside the net,
and a bounded history of those records for the GUI's timeline.

Recording is what the lab is for, but it must not slow training down: an ordinary step is a
plain torch step (``MLP.forward``, backward, optimizer), and only a recorded step runs the
instrumented forward that keeps pre-activations and their gradients. Statistics are then
computed for all layers at once in numpy, and every snapshot is a small copied numpy array
or a float, never a tensor, so a record can be handed to another thread.

Non-finite numbers are part of the lesson (exploding gradients), so they are counted and
left out of histograms and statistics, never allowed to crash anything.
"""

from __future__ import annotations

import bisect
import math
import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import torch
import torch.nn.functional as F

from core.activations import get_activation
from core.datasets import (
    DATASET_IDS,
    INPUT_DIM_LIMITS,
    N_SAMPLES_LIMITS,
    NOISE_LIMITS,
    SEED_LIMITS,
    TWO_D_DATASETS,
    Dataset,
    make_dataset,
)
from core.model import DEPTH_LIMITS, INIT_IDS, MLP, WIDTH_LIMITS, build_model
from core.optimizers import OPTIMIZER_IDS, FusedOptimizer
from core.saturation import Regions, find_regions
from core.validation import FieldError, check_choice, check_float, check_int


def _bce_loss(logit: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logit, y)


def _mse_loss(logit: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.mse_loss(torch.sigmoid(logit), y)


# The loss of a logit and 0/1 targets, by TrainingConfig.loss.
LOSS_FUNCTIONS = {"bce": _bce_loss, "mse": _mse_loss}
LOSS_IDS: tuple[str, ...] = tuple(LOSS_FUNCTIONS)

LR_LIMITS = (1e-4, 10.0)
INIT_STD_LIMITS = (1e-4, 10.0)
BIAS_LIMITS = (-10.0, 10.0)
BATCH_LIMITS = (1, 4096)

HIST_BINS = 42
# log10|weight gradient| is histogrammed on these edges for every layer and step, so that
# a vanishing gradient shows up as a shift along one common axis (3 bins per decade).
LOG_GRAD_RANGE = (-12.0, 2.0)
LOG_GRAD_EDGES = np.linspace(LOG_GRAD_RANGE[0], LOG_GRAD_RANGE[1], HIST_BINS + 1)
LOG_GRAD_EDGES.setflags(write=False)
# A unit-sample counts as saturated where |f'(z)| < SATURATION_LEVEL * max|f'|.
SATURATION_LEVEL = 0.05


def _empty_params() -> Mapping[str, float]:
    return MappingProxyType({})


# ---------------------------------------------------------------------------------------
# Config
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingConfig:
    """Everything that defines a run; the same config and seed give the same records.

    Construction does not check anything; ``validate()`` does and returns the normalized
    copy the trainer uses (activation parameters filled in with their defaults).
    """

    activation: str = "relu"
    params: Mapping[str, float] = field(default_factory=_empty_params, hash=False)
    depth: int = 3
    width: int = 16
    init: str = "default"
    init_std: float = 0.1
    bias: float = 0.0
    optimizer: str = "sgd"
    lr: float = 0.1
    batch: int = 64
    loss: str = "bce"
    dataset: str = "circle"
    input_dim: int = 2
    noise: float = 0.1
    n_samples: int = 512
    seed: int = 0

    def __post_init__(self) -> None:
        # Read-only, so a config shared between threads cannot change under a trainer.
        if isinstance(self.params, Mapping) and not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def validate(self) -> TrainingConfig:
        """A checked, normalized copy; a bad field raises ValueError naming it."""
        try:
            act = get_activation(self.activation)
        except FieldError as exc:
            raise exc.within("activation", f"activation: {exc}") from None
        if not isinstance(self.params, Mapping) or not all(isinstance(k, str) for k in self.params):
            raise FieldError(
                f"params must map parameter names to numbers, got {self.params!r}",
                "params",
                "not_object",
                value=self.params,
            )
        try:
            params = act.resolve_params(self.params)
        except FieldError as exc:
            raise exc.within("params", f"params: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"params: {exc}") from None
        dataset = check_choice("dataset", self.dataset, DATASET_IDS)
        input_dim = check_int("input_dim", self.input_dim, INPUT_DIM_LIMITS)
        if dataset in TWO_D_DATASETS and input_dim != 2:
            raise ValueError(
                f"input_dim must be 2 for the 2-D data set {dataset!r} (got {input_dim}); "
                "only 'highdim' takes another input dimension"
            )
        n_samples = check_int("n_samples", self.n_samples, N_SAMPLES_LIMITS)
        batch = check_int("batch", self.batch, BATCH_LIMITS)
        if batch > n_samples:
            raise ValueError(f"batch = {batch} must not exceed n_samples = {n_samples}")
        return replace(
            self,
            activation=act.id,
            params=MappingProxyType(params),
            depth=check_int("depth", self.depth, DEPTH_LIMITS),
            width=check_int("width", self.width, WIDTH_LIMITS),
            init=check_choice("init", self.init, INIT_IDS),
            init_std=check_float("init_std", self.init_std, INIT_STD_LIMITS),
            bias=check_float("bias", self.bias, BIAS_LIMITS),
            optimizer=check_choice("optimizer", self.optimizer, OPTIMIZER_IDS),
            lr=check_float("lr", self.lr, LR_LIMITS),
            batch=batch,
            loss=check_choice("loss", self.loss, LOSS_IDS),
            dataset=dataset,
            input_dim=input_dim,
            noise=check_float("noise", self.noise, NOISE_LIMITS),
            n_samples=n_samples,
            seed=check_int("seed", self.seed, SEED_LIMITS),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (params as a dict)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["params"] = dict(self.params)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainingConfig:
        """Read a config a user or a file gave; missing keys take their defaults, unknown
        keys and wrong types raise ValueError. The result is validated."""
        if not isinstance(data, Mapping):
            raise FieldError(
                f"a training config must be a JSON object, got {type(data).__name__}",
                "",
                "not_object",
                value=data,
            )
        names = [f.name for f in fields(cls)]
        unknown = sorted(str(k) for k in data if k not in names)
        if unknown:
            raise FieldError(
                f"unknown config key(s) {', '.join(unknown)}; allowed: {', '.join(names)}",
                "",
                "unknown_fields",
                names=unknown,
            )
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise FieldError(
                f"params must be an object of name: number, got {params!r}",
                "params",
                "not_object",
                value=params,
            )
        kw = dict(data)
        kw["params"] = dict(params)
        return cls(**kw).validate()

    def with_changes(self, **changes: Any) -> TrainingConfig:
        """A validated copy with some fields changed.

        Parameters belong to an activation, so switching ``activation`` without giving
        ``params`` starts from the new activation's defaults; likewise switching to a 2-D
        data set without giving ``input_dim`` sets it to 2.
        """
        names = {f.name for f in fields(self)}
        unknown = sorted(k for k in changes if k not in names)
        if unknown:
            raise ValueError(f"unknown config field(s) {', '.join(unknown)}")
        if (
            "activation" in changes
            and changes["activation"] != self.activation
            and "params" not in changes
        ):
            changes["params"] = {}
        if (
            changes.get("dataset") in TWO_D_DATASETS
            and "input_dim" not in changes
            and self.input_dim != 2
        ):
            changes["input_dim"] = 2
        if "params" in changes and isinstance(changes["params"], Mapping):
            changes["params"] = MappingProxyType(dict(changes["params"]))
        return replace(self, **changes).validate()


# ---------------------------------------------------------------------------------------
# Snapshots
# ---------------------------------------------------------------------------------------
def _json_float(v: float) -> float | None:
    return v if math.isfinite(v) else None


class Histogram(NamedTuple):
    """Counts of the finite values on ``edges``; NaN/inf are counted in ``nonfinite``.

    (A named tuple rather than a frozen dataclass: a record builds dozens of these, and a
    tuple is made in half the time. It holds arrays, so it compares and hashes by
    identity, as the dataclass did.)"""

    edges: np.ndarray
    counts: np.ndarray
    nonfinite: int
    p01: float
    p99: float

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def to_json(self) -> dict[str, Any]:
        return {
            "edges": np.asarray(self.edges, dtype=np.float64).tolist(),
            "counts": np.asarray(self.counts, dtype=np.int64).tolist(),
            "nonfinite": int(self.nonfinite),
            "p01": _json_float(self.p01),
            "p99": _json_float(self.p99),
        }


class LayerStats(NamedTuple):
    """One linear layer (and its activation) at one recorded step.

    Index 1 is the first hidden layer; the last index is the output unit, whose
    "activation" is the predicted probability sigmoid(logit). (A named tuple compared and
    hashed by identity, like Histogram: a record builds one per layer.)
    """

    index: int
    is_output: bool
    grad_norm: float
    grad_std: float
    delta_std: float
    preact_mean: float
    preact_std: float
    act_mean: float
    act_std: float
    dead_fraction: float
    saturated_fraction: float
    grad_hist: Histogram
    log_grad_hist: Histogram
    preact_hist: Histogram
    act_hist: Histogram
    nonfinite: int

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "is_output": self.is_output,
            "grad_norm": _json_float(self.grad_norm),
            "grad_std": _json_float(self.grad_std),
            "delta_std": _json_float(self.delta_std),
            "preact_mean": _json_float(self.preact_mean),
            "preact_std": _json_float(self.preact_std),
            "act_mean": _json_float(self.act_mean),
            "act_std": _json_float(self.act_std),
            "dead_fraction": _json_float(self.dead_fraction),
            "saturated_fraction": _json_float(self.saturated_fraction),
            "grad_hist": self.grad_hist.to_json(),
            "log_grad_hist": self.log_grad_hist.to_json(),
            "preact_hist": self.preact_hist.to_json(),
            "act_hist": self.act_hist.to_json(),
            "nonfinite": int(self.nonfinite),
        }


@dataclass(frozen=True, eq=False)
class StepRecord:
    """The net after ``step`` updates, measured on one minibatch (loss and accuracy are
    that minibatch's; the gradients are the ones the next update uses)."""

    step: int
    loss: float
    accuracy: float
    layers: tuple[LayerStats, ...]
    diverged: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "loss": _json_float(self.loss),
            "accuracy": _json_float(self.accuracy),
            "diverged": self.diverged,
            "layers": [layer.to_json() for layer in self.layers],
        }


# Histograms are counted on _FINE sub-bins per display bin; the percentiles are read off
# the fine counts (to within 1/_FINE of a display bin), which is far cheaper than sorting.
_FINE = 8
_NF = HIST_BINS * _FINE
_UNIT_EDGES = np.linspace(0.0, 1.0, HIST_BINS + 1)
_QUANTILES = np.array([0.01, 0.99])


def _frozen(cls: type, **values: Any) -> Any:
    """An instance of one of this module's frozen dataclasses built without its generated
    ``__init__`` (one dict update instead of a call per field: a record builds dozens)."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


@dataclass(frozen=True, eq=False)
class _SegmentStats:
    hists: list[Histogram]
    mean: list[float]
    std: list[float]
    norm: list[float]
    nonfinite: list[int]


class _Layout:
    """Everything that depends only on the segment lengths and on which histograms have
    fixed edges (cached: a trainer's never change). The histogrammed segments come
    first; each has at least one value."""

    def __init__(self, lengths: tuple[int, ...], fixed: tuple[bool, ...]) -> None:
        if not lengths or min(lengths) <= 0 or len(fixed) > len(lengths):
            raise ValueError("every segment must hold at least one value")
        n = np.asarray(lengths, dtype=np.intp)
        n_hist = len(fixed)
        self.n_seg = len(lengths)
        self.n_hist = n_hist
        self.starts = np.concatenate([[0], np.cumsum(n)[:-1]]).astype(np.intp)
        self.bounds = [(a, a + k) for a, k in zip(self.starts.tolist(), lengths, strict=True)]
        self.size = n.astype(np.float64)
        self.lengths = n
        self.zeros = [0] * len(lengths)
        self.h_size = int(n[:n_hist].sum())
        self.h_starts = self.starts[:n_hist]
        self.h_lengths = n[:n_hist]
        self.fixed = np.array(fixed, dtype=bool)
        # The fixed-edge histograms are usually the last ones: then a slice of rows.
        first = fixed.index(True) if True in fixed else n_hist
        self.fixed_rows = slice(first, n_hist) if all(fixed[first:]) else self.fixed
        self.any_fixed = first < n_hist
        self.offset = torch.from_numpy(
            np.repeat((np.arange(n_hist) * _NF).astype(np.int32), n[:n_hist])
        )
        self.ranks = _Ranks(self.size[:n_hist])


@lru_cache(maxsize=8)
def _segment_layout(lengths: tuple[int, ...], fixed: tuple[bool, ...]) -> _Layout:
    return _Layout(lengths, fixed)


def _segment_stats(
    v: np.ndarray,
    lengths: tuple[int, ...],
    fixed: tuple[bool, ...] | np.ndarray,
    scratch: np.ndarray | None = None,
) -> _SegmentStats:
    """Statistics of many arrays at once, given concatenated in ``v`` (float32;
    ``scratch`` may give a float64 array of the same size to work in).

    Every segment gets the mean, standard deviation and L2 norm of its finite values and
    a count of its NaN/inf. The first ``len(fixed)`` segments also get a histogram of the
    finite values: HIST_BINS equal bins from the minimum to the maximum, or
    LOG_GRAD_EDGES where ``fixed`` is true (values outside counted in the end bins), and
    the 1st/99th percentiles.
    """
    if not isinstance(fixed, tuple):
        fixed = tuple(bool(f) for f in fixed)
    return _layout_stats(v, _segment_layout(tuple(lengths), fixed), scratch)


def _layout_stats(v: np.ndarray, lay: _Layout, scratch: np.ndarray | None = None) -> _SegmentStats:
    """``_segment_stats`` for a layout. Each step is one numpy call over all segments at
    once, and a record without NaN/inf (the usual case) skips everything that masks them
    and reuses what its layout alone determines."""
    starts = lay.starts
    w = np.empty(v.size) if scratch is None else scratch
    w_t, v_t = torch.from_numpy(w), torch.from_numpy(v)
    # torch widens float32 to float64 in a vectorised loop, numpy's cast takes ~2x longer.
    # The sums, then the squares in place: no second array of the float64 size.
    w_t.copy_(v_t)
    with np.errstate(invalid="ignore"):  # inf - inf: a non-finite record, redone below
        total = np.add.reduceat(w, starts)
    np.multiply(w, w, out=w)
    # A NaN or inf anywhere makes its segment's sum of squares non-finite; squares of
    # float32 values cannot overflow float64, so a finite total means all values are.
    sumsq = np.add.reduceat(w, starts)
    finite: np.ndarray | None = None
    if math.isfinite(sumsq.sum()):
        count = lay.size
        bad = list(lay.zeros)
    else:
        finite = np.isfinite(v)
        w_t.copy_(v_t)
        w[~finite] = 0.0
        total = np.add.reduceat(w, starts)
        np.multiply(w, w, out=w)
        sumsq = np.add.reduceat(w, starts)
        count = np.add.reduceat(finite, starts, dtype=np.int64).astype(np.float64)
        bad = (lay.size - count).astype(np.int64).tolist()
    safe = count if finite is None else np.maximum(count, 1.0)
    mean = total / safe
    var = sumsq / safe - mean * mean
    # E[x^2] - E[x]^2 loses the variance of a nearly constant segment far from 0 (e.g.
    # sigmoid(logit) = 0.5 +- 1e-8): such segments (rare) get the two-pass formula.
    shaky = mean * mean > 1e8 * var
    if np.count_nonzero(shaky):
        for i in shaky.nonzero()[0].tolist():
            a, b = lay.bounds[i]
            x = v[a:b] if finite is None else v[a:b][finite[a:b]]
            n = x.size
            if n > 1:
                x = x.astype(np.float64)
                mean[i] = m = np.add.reduce(x) / n
                x = x - m
                var[i] = np.dot(x, x) / n
    std = np.sqrt(np.maximum(var, 0.0))
    norm = np.sqrt(sumsq)
    if finite is not None:
        empty = count == 0
        for a in (mean, std, norm):
            a[empty] = math.nan
    if lay.n_hist == 0:
        return _SegmentStats([], mean.tolist(), std.tolist(), norm.tolist(), bad)

    n_hist = lay.n_hist
    hv = v[: lay.h_size]
    if finite is None:
        lo = np.minimum.reduceat(hv, lay.h_starts).astype(np.float64)
        hi = np.maximum.reduceat(hv, lay.h_starts).astype(np.float64)
    else:
        hfinite = finite[: lay.h_size]
        lo = np.minimum.reduceat(np.where(hfinite, hv, np.inf), lay.h_starts).astype(np.float64)
        hi = np.maximum.reduceat(np.where(hfinite, hv, -np.inf), lay.h_starts).astype(np.float64)
        h_empty = count[:n_hist] == 0
        lo[h_empty] = -0.5
        hi[h_empty] = 0.5
    if lay.any_fixed:
        lo[lay.fixed_rows] = LOG_GRAD_EDGES[0]
        hi[lay.fixed_rows] = LOG_GRAD_EDGES[-1]
    span = hi - lo
    if not span.all():
        # A constant segment gets a bin range around its value, wide enough to exist at
        # any magnitude (1e30 - 0.5 == 1e30 in float64). Whole-array arithmetic with a
        # zero pad elsewhere: boolean indexing cost twice as much (a deep sigmoid net's
        # output is often constant in float32, so this runs on most of its records).
        pad = np.abs(lo)
        pad *= 1e-6
        np.maximum(pad, 0.5, out=pad)
        pad *= span == 0
        lo -= pad
        hi += pad
        span = hi - lo
    scale = _NF / span
    if finite is None and lo.min() > -1e30 and hi.max() < 1e30 and scale.max() < 1e30:
        # float32 halves the memory traffic of the biggest step of a record.
        u = np.repeat(lo.astype(np.float32), lay.h_lengths)
        np.subtract(hv, u, out=u)
        u *= np.repeat(scale.astype(np.float32), lay.h_lengths)
    else:
        # float64: float32 could overflow (huge values, or a tiny span's huge scale).
        u = hv.astype(np.float64)
        if finite is not None:
            u[~hfinite] = 0.0
        u -= np.repeat(lo, lay.h_lengths)
        u *= np.repeat(scale, lay.h_lengths)
    # The fine bin of each value, offset by its histogram's row, counted in one call. In
    # torch: its clamp and integer conversion are vectorised (numpy's clip and astype are
    # ~3x the instructions), and it counts int32 indices without first widening them to
    # int64 as numpy does.
    idx = torch.from_numpy(u).clamp_(0.0, _NF - 1).to(torch.int32)
    idx += lay.offset
    if finite is not None:
        idx = idx[torch.from_numpy(hfinite)]
    fine_t = torch.bincount(idx, minlength=n_hist * _NF)
    fine = fine_t.numpy()
    # One running count through all histograms, row after row: a display bin's count is
    # the difference of two of its entries, across row ends too (a row starts where the
    # previous one's total ends). torch's cumsum: numpy's took 4x as long on this size.
    cdf = torch.cumsum(fine_t, 0).numpy()
    ends = cdf[_FINE - 1 :: _FINE]
    counts = np.empty_like(ends)
    counts[0] = ends[0]
    np.subtract(ends[1:], ends[:-1], out=counts[1:])
    counts = counts.reshape(n_hist, HIST_BINS)
    ranks = lay.ranks if finite is None else _Ranks(count[:n_hist])
    pct = _percentiles(ranks, fine, cdf, lo, hi, span)
    if finite is not None:
        pct[count[:n_hist] == 0] = math.nan
    p01, p99 = pct.T.tolist()
    edges = np.multiply.outer(span, _UNIT_EDGES)
    edges += lo[:, None]
    edges[:, -1] = hi
    if lay.any_fixed:
        edges[lay.fixed_rows] = LOG_GRAD_EDGES
    make = tuple.__new__  # Histogram(*values) without its Python-level __new__
    hists = [make(Histogram, h) for h in zip(edges, counts, bad, p01, p99, strict=False)]
    return _SegmentStats(hists, mean.tolist(), std.tolist(), norm.tolist(), bad)


class _Ranks:
    """Where the 1st and 99th percentiles of histograms of ``count`` finite values are
    found, by numpy's "linear" definition: between the order statistics of ranks
    floor(q * (count - 1)) and the next.

    A record's fine counts are accumulated through all histograms in one running count, so
    histogram r's ranks are shifted by the number of values in the histograms before it;
    one searchsorted then finds the fine bin of every rank in every histogram. Everything
    here depends on the counts only (cached with the layout for the usual, all-finite
    record).
    """

    def __init__(self, count: np.ndarray) -> None:
        n_hist = len(count)
        last = np.maximum(count - 1.0, 0.0)[:, None]
        rank = last * _QUANTILES
        r0 = np.floor(rank)
        self.weight = rank - r0  # of the second order statistic
        # Per histogram: ranks r0 for q = 1% and 99%, then the next order statistic of each.
        r = np.concatenate([r0, np.minimum(r0 + 1.0, last)], axis=1).astype(np.int64)
        rows = np.arange(n_hist, dtype=np.int64)[:, None]
        n = count.astype(np.int64)
        shift = (np.cumsum(n) - n)[:, None]  # values in the histograms before each
        self.targets = (r + shift).ravel()
        # rank + 1/2, in the coordinates of the running count
        self.mid = (r + 0.5 + shift).ravel()
        first_bin = np.broadcast_to(rows * _NF, r.shape).ravel()
        self.last_bin = first_bin + (_NF - 1)
        self.row_start = first_bin - 1
        self.shape = r.shape
        self.filled = bool((count >= 1).all())


def _percentiles(
    ranks: _Ranks,
    fine: np.ndarray,
    cdf: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    span: np.ndarray,
) -> np.ndarray:
    """The 1st and 99th percentile of every histogram (columns), from its fine counts
    (``fine``, all histograms one after the other) and their running count ``cdf``: each
    order statistic is placed inside its fine bin by its rank."""
    at = np.searchsorted(cdf, ranks.targets, side="right")
    if ranks.filled:
        # Every histogram holds a value: each rank's fine bin is in its own histogram and
        # holds it, so 0 < (mid - before) / in_bin < 1 and nothing needs clipping.
        pos = ranks.mid - cdf.take(at)  # (mid - before) - in_bin
        pos /= fine.take(at)
    else:
        np.minimum(at, ranks.last_bin, out=at)  # an empty histogram's ranks point past it
        pos = ranks.mid - cdf.take(at)
        pos /= np.maximum(fine.take(at), 1)
        np.clip(pos, -1.0, 0.0, out=pos)
    # Plus the bin's place in its histogram, and 1 (from the first line); the integers
    # first, so that the result does not depend on the histograms before.
    pos += at - ranks.row_start
    lo_col = lo[:, None]
    v = pos.reshape(ranks.shape) * (span / _NF)[:, None]
    v += lo_col
    p = v[:, 2:] - v[:, :2]
    p *= ranks.weight
    p += v[:, :2]
    np.maximum(p, lo_col, out=p)
    return np.minimum(p, hi[:, None], out=p)


# Above this many values a record's statistics are computed a group of whole segments
# at a time, so that the temporary arrays stay small next to the net itself.
_CHUNK = 1 << 21


def _segment_stats_chunked(
    v: np.ndarray,
    lengths: tuple[int, ...],
    fixed: tuple[bool, ...] | np.ndarray,
) -> _SegmentStats:
    """``_segment_stats`` over groups of consecutive segments of at most ``_CHUNK`` values
    (a bigger segment forms a group of its own); the results are the same."""
    if v.size <= _CHUNK:
        return _segment_stats(v, lengths, fixed)
    hists: list[Histogram] = []
    mean: list[float] = []
    std: list[float] = []
    norm: list[float] = []
    bad: list[int] = []
    n_hist = len(fixed)
    i = start = 0
    while i < len(lengths):
        j, size = i, 0
        while j < len(lengths) and (j == i or size + lengths[j] <= _CHUNK):
            # Keep histogrammed and plain segments in separate groups.
            if j > i and (j < n_hist) != (i < n_hist):
                break
            size += lengths[j]
            j += 1
        part = _segment_stats(
            v[start : start + size],
            lengths[i:j],
            fixed[i:j] if i < n_hist else fixed[:0],
        )
        hists += part.hists
        mean += part.mean
        std += part.std
        norm += part.norm
        bad += part.nonfinite
        i, start = j, start + size
    return _SegmentStats(hists, mean, std, norm, bad)


# ---------------------------------------------------------------------------------------
# Trainer
# ---------------------------------------------------------------------------------------
def torch_threads() -> int:
    """Intra-op threads for training: all cores but one, at most two. A core is left free
    because a second thread competing with a busy core made every step 2-3x slower here
    (tiny and large nets alike); one thread is also the fastest for the small nets."""
    return max(1, min(2, (os.cpu_count() or 2) - 1))


class Trainer:
    """Trains one MLP on one data set, reproducibly from ``config.seed``.

    Three independent random streams come from the seed: the data set, the weights and
    the minibatch order, so changing e.g. the init does not change the data or the batches.
    (``rrelu`` draws its random slopes from torch's global generator, so it alone is not
    bit-reproducible.)
    """

    def __init__(self, config: TrainingConfig) -> None:
        self.config = config.validate()
        c = self.config
        self.dataset: Dataset = make_dataset(
            c.dataset, n_samples=c.n_samples, noise=c.noise, seed=c.seed, input_dim=c.input_dim
        )
        self.model: MLP = build_model(c)
        self.model.train()
        self._activation = get_activation(c.activation)
        self._loss = LOSS_FUNCTIONS[c.loss]
        # The data set's arrays are read-only and may be shared (the runs of a comparison
        # train on the same one): torch warns about tensors over read-only memory, but
        # nothing writes to these; each epoch gathers its own shuffled copy. (A copy of
        # the largest data set was 314 MB per run.)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
            self._x = torch.from_numpy(self.dataset.x)
            self._y = torch.from_numpy(self.dataset.y)
        self._batch_rng = np.random.default_rng([c.seed, 2])
        self._epoch_x = self._x
        self._epoch_y = self._y
        self._pos = len(self.dataset)  # forces a shuffle before the first batch
        params = list(self.model.parameters())
        # torch's fused CPU kernels update every parameter in one call: the same updates
        # to float rounding, and on this net size 1.8x (SGD), 3.4x (momentum) and 5x
        # (Adam, which otherwise costs more than a whole forward and backward) faster than
        # the default per-parameter loop (see core.optimizers).
        self._optimizer = FusedOptimizer(c.optimizer, params, c.lr)
        self._all_params = params
        weights = {id(lin.weight) for lin in self.model.linears}
        self._other_params = [p for p in params if id(p) not in weights]
        self._params = dict(c.params)
        self._peak = self._activation.max_abs_derivative(**self._params)
        self._record_plan: _RecordPlan | None = None
        self._saturation_regions: Regions | None = None
        self._regions_found = False
        self._step = 0
        self._diverged: StepRecord | None = None

    # -- state ----------------------------------------------------------------------------
    @property
    def step(self) -> int:
        """Optimizer steps taken so far."""
        return self._step

    @property
    def diverged_at(self) -> int | None:
        """The step at which the loss or a gradient became non-finite (training stops)."""
        return None if self._diverged is None else self._diverged.step

    @property
    def learning_rate(self) -> float:
        return self._optimizer.lr

    def set_learning_rate(self, lr: float) -> None:
        """Change the step size from the next update on (the config keeps the initial one)."""
        value = check_float("lr", lr, LR_LIMITS)
        self._optimizer.lr = value

    # -- data -----------------------------------------------------------------------------
    def _peek(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The next minibatch, without consuming it (a new epoch is shuffled if needed)."""
        b = self.config.batch
        if self._pos + b > len(self.dataset):
            order = torch.from_numpy(self._batch_rng.permutation(len(self.dataset)))
            self._epoch_x = self._x[order]
            self._epoch_y = self._y[order]
            self._pos = 0
        return self._epoch_x[self._pos : self._pos + b], self._epoch_y[self._pos : self._pos + b]

    def _set_grads(self, grads: list[torch.Tensor]) -> None:
        """Leave gradients in the parameters' ``.grad`` (for a caller of ``record()``; a
        training step hands them to the optimizer directly)."""
        for p, g in zip(self._all_params, grads, strict=True):
            p.grad = g

    # -- training -------------------------------------------------------------------------
    def train_step(self, record: bool = False) -> StepRecord | None:
        """One minibatch update; returns None, or a record when one was taken.

        With ``record=True`` the update's own forward and backward are instrumented and
        the record of the state before the update is returned (what ``record()`` would
        have given), so recording costs no extra pass. If the loss or a gradient is
        non-finite the update is skipped, training stops and that step's record is
        returned (also by every later call). An unrecorded step checks only the loss: a
        non-finite gradient there shows up as a non-finite loss one step later.
        """
        if self._diverged is not None:
            return self._diverged
        xb, yb = self._peek()
        if record:
            rec, grads = self._instrumented(xb, yb)
            if rec.diverged:
                self._diverged = rec
                return rec
        else:
            bp = self.model.backprop(xb, yb, self._loss)
            if not math.isfinite(bp.loss.item()):
                self._diverged = self._instrumented(xb, yb)[0]
                return self._diverged
            grads, rec = bp.grads, None
        self._optimizer.step(grads)
        self._pos += self.config.batch
        self._step += 1
        return rec

    def record(self) -> StepRecord:
        """Measure the current net on the next minibatch (forward and backward, no update;
        the gradients are left in the parameters' ``.grad``)."""
        xb, yb = self._peek()
        rec, grads = self._instrumented(xb, yb)
        self._set_grads(grads)
        return rec

    def run(self, steps: int, record_every: int) -> list[StepRecord]:
        """Train ``steps`` updates headless, recording every ``record_every`` steps (counted
        from 0) and the final state; stops early, with that record, on divergence."""
        return list(self.iter_run(steps, record_every))

    def iter_run(self, steps: int, record_every: int) -> Iterator[StepRecord]:
        """``run``, handing out each record as it is taken (a long run need not keep them
        all). The arguments are checked at once, before the first record."""
        steps = check_int("steps", steps, (0, 10_000_000))
        every = check_int("record_every", record_every, (1, 10_000_000))
        return self._records(steps, every)

    def _records(self, steps: int, every: int) -> Iterator[StepRecord]:
        if self._diverged is not None:
            yield self._diverged
            return
        end = self._step + steps
        last: StepRecord | None = None
        while self._step < end:
            rec = self.train_step(record=self._step % every == 0)
            if rec is not None:
                last = rec
                yield rec
            if self._diverged is not None:
                return
        if last is None or last.step != self._step:
            yield self.record()

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """P(y = 1) for inputs in the data set's standardized coordinates, shape (m,)."""
        a = np.asarray(x, dtype=np.float32)
        if a.ndim != 2 or a.shape[1] != self.dataset.input_dim:
            raise ValueError(
                f"x must have shape (m, {self.dataset.input_dim}), got {tuple(np.shape(x))}"
            )
        if not (a.flags.writeable and a.flags.c_contiguous):
            # torch shares memory only with a writable array (else it warns); a data set's
            # arrays are read-only.
            a = np.array(a, order="C")
        stochastic = self._activation.random_in_training
        if stochastic:
            self.model.eval()  # rrelu: use the mean slope, not a random one
        try:
            with torch.no_grad():
                p = torch.sigmoid(self.model(torch.from_numpy(a)))
        finally:
            if stochastic:
                self.model.train()
        return p.numpy().astype(np.float64)

    # -- instrumentation ----------------------------------------------------------------
    def _derivatives(self, z: np.ndarray, first: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """f'(z) for stacked hidden pre-activations (layers, batch, width), the first being
        hidden layer ``first``, and max|f'| of each layer, from the registry (PReLU with
        each layer's learned slope)."""
        act = self._activation
        slopes = self.model.prelu_slopes()
        if slopes is None:
            d = act.derivative(z, **self._params)
            return d, np.full(z.shape[0], self._peak)
        slopes = slopes[first : first + z.shape[0]]
        d = np.empty(z.shape)
        peak = np.empty(z.shape[0])
        lo, hi = act.param("init").minimum, act.param("init").maximum
        for i, a in enumerate(slopes):
            if lo <= a <= hi:
                d[i] = act.derivative(z[i], init=a)
                peak[i] = act.max_abs_derivative(init=a)
            else:
                # A learned slope may leave the range the registry allows; f' is linear in
                # the slope, so interpolate between the registry's slopes 0 and 1.
                d0 = act.derivative(z[i], init=lo)
                d[i] = d0 + a * (act.derivative(z[i], init=hi) - d0)
                ends = act.derivative(np.array([-1.0, 1.0]), init=lo)
                ends = ends + a * (act.derivative(np.array([-1.0, 1.0]), init=hi) - ends)
                peak[i] = float(np.abs(ends).max())
        return d, peak

    def _regions(self) -> Regions | None:
        """Where f' is small or zero, as float32 intervals (None: evaluate the registry on
        every value; so for PReLU, whose slope changes as it learns). Found on the first
        record: they depend on the activation and its parameters only."""
        if not self._regions_found:
            if self._activation.id != "prelu":
                key = tuple(sorted(self._params.items()))
                self._saturation_regions = find_regions(self._activation.id, key, SATURATION_LEVEL)
            self._regions_found = True
        return self._saturation_regions

    def _low_and_zero(
        self, part: np.ndarray, first: int, regions: Regions | None
    ) -> tuple[np.ndarray, Callable[[np.ndarray], np.ndarray], np.ndarray]:
        """For stacked layers ``part`` (the first being hidden layer ``first``): where
        |f'(z)| < SATURATION_LEVEL * max|f'| (bool, part's shape), a function giving where
        f'(z) == 0 on the layers picked by a bool row mask, and which layers' threshold
        is 0 (nothing counts as saturated there, so the dead check cannot be skipped).

        From the float32 intervals when there are any (a few comparisons per value),
        else from the registry's f' on every value (PReLU's learned slopes)."""
        if regions is not None:
            low = regions.low_mask(part)
            zero_at = regions.threshold <= 0.0
            return (
                low,
                lambda rows: regions.zero_mask(part[rows]),
                np.full(part.shape[0], zero_at),
            )
        fprime, peak = self._derivatives(part, first)
        size = np.abs(fprime, out=None if np.may_share_memory(fprime, part) else fprime)
        threshold = SATURATION_LEVEL * peak
        # One threshold for all layers unless PReLU slopes differ (a scalar compare is a
        # plain vectorised loop, a broadcast one is not).
        low = size < (
            threshold[0] if (threshold == threshold[0]).all() else threshold[:, None, None]
        )
        return low, lambda rows: size[rows] == 0, threshold <= 0.0

    def _dead_and_saturated(self, z: np.ndarray) -> tuple[list[float], list[float]]:
        """Per hidden layer: the share of units with f'(z) = 0 on the whole batch, and of
        unit-samples with |f'(z)| < SATURATION_LEVEL * max|f'| (a few layers at a time
        when the net is big, to bound the temporary arrays)."""
        dead: list[float] = []
        saturated: list[float] = []
        n_layers, batch = z.shape[0], z.shape[1]
        per_layer = max(1, z[0].size)
        group = max(1, _CHUNK // per_layer)
        regions = self._regions()
        for first in range(0, n_layers, group):
            part = z[first : first + group]
            low, zero, no_threshold = self._low_and_zero(part, first, regions)
            # Booleans summed as bytes per layer: one call, and no widening to int64.
            n_low = low.view(np.uint8).reshape(len(low), -1).sum(axis=1, dtype=np.int64)
            saturated += (n_low / per_layer).tolist()
            # A dead unit (f' = 0 on every sample) has a whole batch of saturated
            # unit-samples, so only layers with that many can have one.
            maybe = (n_low >= batch) | no_threshold
            frac = np.zeros(part.shape[0])
            if maybe.any():
                frac[maybe] = zero(maybe).all(axis=1).mean(axis=1)
            dead += frac.tolist()
        return dead, saturated

    def _plan(self, pre: list[torch.Tensor], post: list[torch.Tensor]) -> _RecordPlan:
        """The record layout of this trainer's net (built on the first record)."""
        if self._record_plan is None:
            self._record_plan = _RecordPlan(self.model, pre, post, self._other_params)
        return self._record_plan

    def _instrumented(
        self, xb: torch.Tensor, yb: torch.Tensor
    ) -> tuple[StepRecord, list[torch.Tensor]]:
        """Forward and backward with every layer captured: the record and the gradient of
        every parameter (in ``parameters()`` order)."""
        bp = self.model.backprop(xb, yb, self._loss, keep=True)
        pre, post = bp.pre, bp.post
        plan = self._plan(pre, post)
        loss = bp.loss.item()
        with torch.no_grad():
            v = plan.capture(pre, post, bp.deltas, bp.grads)
        depth = plan.depth
        logits = v[plan.logit_slice]
        accuracy = int(np.count_nonzero((logits > 0) == (yb.numpy() > 0.5))) / logits.size
        if plan.layout is not None:
            s = _layout_stats(v, plan.layout, plan.scratch())
        else:
            s = _segment_stats_chunked(v, plan.lengths, plan.fixed)

        z = v[: plan.hidden_size].reshape(depth, *plan.hidden_shape)
        dead, saturated = self._dead_and_saturated(z)
        if self.config.loss == "mse":
            # With MSE on sigmoid(logit) the output's own sigmoid can saturate too;
            # BCE-with-logits cancels that derivative, so there it is 0 by construction.
            sig = get_activation("sigmoid")
            d_sig = sig.derivative(logits)
            saturated.append(float(np.mean(d_sig < SATURATION_LEVEL * sig.max_abs_derivative())))
        else:
            saturated.append(0.0)
        dead.append(0.0)

        mean, std, norm, bad, hists = s.mean, s.std, s.norm, s.nonfinite, s.hists
        make = tuple.__new__  # LayerStats(*values) without its Python-level __new__
        layers = [
            make(
                LayerStats,
                (
                    i + 1,  # index
                    i == depth,  # is_output
                    norm[g_i],  # grad_norm
                    std[g_i],  # grad_std
                    std[d_i],  # delta_std
                    mean[z_i],  # preact_mean
                    std[z_i],  # preact_std
                    mean[a_i],  # act_mean
                    std[a_i],  # act_std
                    dead[i],  # dead_fraction
                    saturated[i],  # saturated_fraction
                    hists[g_i],  # grad_hist
                    hists[lg_i],  # log_grad_hist
                    hists[z_i],  # preact_hist
                    hists[a_i],  # act_hist
                    bad[z_i] + bad[a_i] + bad[g_i] + bad[d_i],  # nonfinite
                ),
            )
            for i, (z_i, a_i, g_i, lg_i, d_i) in enumerate(plan.segments)
        ]
        # Every gradient (weights, dL/dz, biases, PReLU slopes) must be finite.
        grads_finite = not any(bad[plan.first_grad :])
        record = _frozen(
            StepRecord,
            step=self._step,
            loss=loss,
            accuracy=accuracy,
            layers=tuple(layers),
            diverged=not (math.isfinite(loss) and grads_finite),
        )
        return record, bp.grads


class _RecordPlan:
    """Where each captured tensor goes in a record's value buffer, for one trainer's net.

    The buffer holds, in this order (the histogrammed segments first): the hidden layers'
    pre-activations then activations, the output logit and sigmoid(logit), the weight
    gradients, log10|weight gradients|, dL/dz of every layer, and the gradients of the
    other parameters (biases, PReLU slopes: only checked for NaN/inf). Torch writes
    straight into it. A small net keeps one buffer (and a float64 scratch array) for all
    its records: no record refers to them, every statistic is a new array or a float.
    Like the trainer itself, a plan is used by one thread at a time.
    """

    def __init__(
        self,
        model: MLP,
        pre: list[torch.Tensor],
        post: list[torch.Tensor],
        others: list[torch.nn.Parameter],
    ) -> None:
        depth = len(post)
        L = depth + 1
        self.depth = depth
        self.hidden_shape = tuple(pre[0].shape)
        hidden = [t.numel() for t in pre[:depth]]
        batch = pre[-1].numel()
        grads = [lin.weight.numel() for lin in model.linears]
        other = [p.numel() for p in others]
        lengths = hidden + hidden + [batch, batch] + grads + grads + hidden + [batch] + other
        self.lengths = tuple(lengths)
        self.fixed = (False,) * (2 * depth + 2 + L) + (True,) * L
        self.hidden_size = sum(hidden)
        g0 = 2 * depth + 2  # first weight-gradient segment
        # Segment indices of each layer's pre-activation, activation, weight gradient,
        # log-gradient and dL/dz.
        self.segments = tuple(
            (
                i if i < depth else 2 * depth,
                depth + i if i < depth else 2 * depth + 1,
                g0 + i,
                g0 + L + i,
                g0 + 2 * L + i,
            )
            for i in range(L)
        )
        self.first_grad = g0
        bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()

        def span(first: int, last: int) -> slice:  # segments first..last-1
            return slice(bounds[first], bounds[last])

        self.logit_slice = span(2 * depth, 2 * depth + 1)
        self.size = bounds[-1]
        # Where the captured tensors go. The hidden layers' pre-activations, activations
        # and dL/dz are each one run of equal segments, filled by one torch.cat of the
        # layers stacked on the batch axis; every other tensor is copied to its own place
        # (one torch call for all of them); the log-gradients are computed afterwards
        # from the gradients' run.
        rows = (depth * self.hidden_shape[0], *self.hidden_shape[1:])
        d0 = g0 + 2 * L  # first dL/dz segment
        runs = [span(0, depth), span(depth, 2 * depth), span(d0, d0 + depth)]
        self._places = [(r.start, r.stop, rows) for r in runs]
        shapes = [pre[-1].shape, pre[-1].shape]
        shapes += [lin.weight.shape for lin in model.linears]
        shapes += [pre[-1].shape] + [p.shape for p in others]
        copied = [*range(2 * depth, g0 + L), *range(d0 + depth, len(lengths))]
        self._places += [(bounds[i], bounds[i + 1], s) for i, s in zip(copied, shapes, strict=True)]
        grad, log = span(g0, g0 + L), span(g0 + L, g0 + 2 * L)
        self._places += [(grad.start, grad.stop, (grad.stop - grad.start,))]
        self._places += [(log.start, log.stop, (log.stop - log.start,))]
        # Where each linear layer's weight sits among the trainer's parameters.
        position = {id(p): i for i, p in enumerate(model.parameters())}
        self._weight_at = [position[id(lin.weight)] for lin in model.linears]
        self._other_at = [position[id(p)] for p in others]
        # A big net gets a fresh buffer per record, no float64 copy, and its statistics
        # are computed a few segments at a time.
        self._keep = self.size <= _CHUNK
        self.layout = _Layout(self.lengths, self.fixed) if self._keep else None
        self._v: np.ndarray | None = None
        self._views: list[torch.Tensor] = []
        self._v64: np.ndarray | None = None

    def _target(self) -> tuple[np.ndarray, list[torch.Tensor]]:
        if self._v is not None:
            return self._v, self._views
        v = np.empty(self.size, dtype=np.float32)
        t = torch.from_numpy(v)
        views = [t[a:b].view(shape) for a, b, shape in self._places]
        if self._keep:
            self._v, self._views = v, views
        return v, views

    def scratch(self) -> np.ndarray:
        """A float64 array of the buffer's size for the statistics to work in (kept by a
        small net's plan)."""
        if self._v64 is None:
            self._v64 = np.empty(self.size, dtype=np.float64)
        return self._v64

    def capture(
        self,
        pre: list[torch.Tensor],
        post: list[torch.Tensor],
        deltas: Sequence[torch.Tensor],
        grads: Sequence[torch.Tensor],
    ) -> np.ndarray:
        """Copy this step's tensors into the buffer, add the log-gradients and return it:
        ``deltas`` holds dL/dz of each of ``pre``, ``grads`` the gradient of each of the
        model's parameters (in ``model.parameters()`` order). Call under
        ``torch.no_grad()``."""
        v, views = self._target()
        depth = self.depth
        if depth:
            torch.cat(pre[:depth], out=views[0])
            torch.cat(post, out=views[1])
            torch.cat(deltas[:depth], out=views[2])
        logit = pre[-1]
        sources = [logit, torch.sigmoid(logit)]
        sources += [grads[i] for i in self._weight_at]
        sources.append(deltas[-1])
        sources += [grads[i] for i in self._other_at]
        torch._foreach_copy_(views[3:-2], sources)
        # log10|g|, with 0 (and anything below 1e-30) mapped to -30, below the fixed axis;
        # NaN/inf stay non-finite. (torch's log10 is vectorized, numpy's float32 one not.)
        grad, log = views[-2:]
        torch.abs(grad, out=log)
        log.clamp_(min=1e-30).log10_()
        return v


# ---------------------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------------------
class RunHistory:
    """Records of one run in bounded memory, for the GUI's timeline.

    When full, the record dropped is the one whose removal leaves the smallest gap
    relative to its age (how many steps ago it was). Spacing thus grows in proportion to
    age: the recent past stays dense, the whole run stays covered (with ``capacity``
    records, gaps are a few percent of the age), and step 0 and the latest are always kept.
    """

    def __init__(self, capacity: int = 500) -> None:
        self.capacity = check_int("capacity", capacity, (4, 1_000_000))
        self._records: list[StepRecord] = []
        self._steps: list[int] = []

    def append(self, record: StepRecord) -> None:
        if self._steps and record.step <= self._steps[-1]:
            raise ValueError(
                f"records must come in increasing step order: {record.step} after {self._steps[-1]}"
            )
        self._records.append(record)
        self._steps.append(int(record.step))
        if len(self._records) > self.capacity:
            s = np.asarray(self._steps, dtype=np.float64)
            merged = s[2:] - s[:-2]  # the gap left by removing each interior record
            age = s[-1] - s[1:-1] + 1.0
            i = int(np.argmin(merged / age)) + 1
            del self._records[i]
            del self._steps[i]

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, i: int) -> StepRecord:
        return self._records[i]

    def __iter__(self):
        return iter(list(self._records))

    @property
    def steps(self) -> list[int]:
        return list(self._steps)

    @property
    def latest(self) -> StepRecord | None:
        return self._records[-1] if self._records else None

    def nearest(self, step: int) -> StepRecord:
        """The kept record whose step is closest to ``step`` (the earlier one on a tie)."""
        if not self._records:
            raise ValueError("the history is empty")
        steps = self._steps
        j = bisect.bisect_left(steps, step)
        if j == 0:
            return self._records[0]
        if j >= len(steps):
            return self._records[-1]
        if step - steps[j - 1] <= steps[j] - step:
            return self._records[j - 1]
        return self._records[j]

    def clear(self) -> None:
        self._records.clear()
        self._steps.clear()

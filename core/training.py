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
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

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

LOSS_IDS: tuple[str, ...] = ("bce", "mse")
OPTIMIZER_IDS: tuple[str, ...] = ("sgd", "momentum", "adam")
MOMENTUM = 0.9

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
def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _check_int(name: str, value: object, limits: tuple[int, int]) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer in [{limits[0]}, {limits[1]}], got {value!r}")
    v = int(value)
    if not limits[0] <= v <= limits[1]:
        raise ValueError(f"{name} = {v} is outside the allowed range [{limits[0]}, {limits[1]}]")
    return v


def _check_float(name: str, value: object, limits: tuple[float, float]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(
            f"{name} must be a number in [{limits[0]:g}, {limits[1]:g}], got {value!r}"
        )
    v = float(value)
    if not limits[0] <= v <= limits[1]:  # also false for NaN
        raise ValueError(
            f"{name} = {v:g} is outside the allowed range [{limits[0]:g}, {limits[1]:g}]"
        )
    return v


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
        except ValueError as exc:
            raise ValueError(f"activation: {exc}") from None
        if not isinstance(self.params, Mapping) or not all(isinstance(k, str) for k in self.params):
            raise ValueError(f"params must map parameter names to numbers, got {self.params!r}")
        try:
            params = act.resolve_params(self.params)
        except ValueError as exc:
            raise ValueError(f"params: {exc}") from None
        dataset = _check_choice("dataset", self.dataset, DATASET_IDS)
        input_dim = _check_int("input_dim", self.input_dim, INPUT_DIM_LIMITS)
        if dataset in TWO_D_DATASETS and input_dim != 2:
            raise ValueError(
                f"input_dim must be 2 for the 2-D data set {dataset!r} (got {input_dim}); "
                "only 'highdim' takes another input dimension"
            )
        n_samples = _check_int("n_samples", self.n_samples, N_SAMPLES_LIMITS)
        batch = _check_int("batch", self.batch, BATCH_LIMITS)
        if batch > n_samples:
            raise ValueError(f"batch = {batch} must not exceed n_samples = {n_samples}")
        return replace(
            self,
            activation=act.id,
            params=MappingProxyType(params),
            depth=_check_int("depth", self.depth, DEPTH_LIMITS),
            width=_check_int("width", self.width, WIDTH_LIMITS),
            init=_check_choice("init", self.init, INIT_IDS),
            init_std=_check_float("init_std", self.init_std, INIT_STD_LIMITS),
            bias=_check_float("bias", self.bias, BIAS_LIMITS),
            optimizer=_check_choice("optimizer", self.optimizer, OPTIMIZER_IDS),
            lr=_check_float("lr", self.lr, LR_LIMITS),
            batch=batch,
            loss=_check_choice("loss", self.loss, LOSS_IDS),
            dataset=dataset,
            input_dim=input_dim,
            noise=_check_float("noise", self.noise, NOISE_LIMITS),
            n_samples=n_samples,
            seed=_check_int("seed", self.seed, SEED_LIMITS),
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
            raise ValueError(f"a training config must be a JSON object, got {type(data).__name__}")
        names = [f.name for f in fields(cls)]
        unknown = sorted(str(k) for k in data if k not in names)
        if unknown:
            raise ValueError(
                f"unknown config key(s) {', '.join(unknown)}; allowed: {', '.join(names)}"
            )
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise ValueError(f"params must be an object of name: number, got {params!r}")
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


@dataclass(frozen=True, eq=False)
class Histogram:
    """Counts of the finite values on ``edges``; NaN/inf are counted in ``nonfinite``."""

    edges: np.ndarray
    counts: np.ndarray
    nonfinite: int
    p01: float
    p99: float

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def to_json(self) -> dict[str, Any]:
        return {
            "edges": [float(e) for e in self.edges],
            "counts": [int(c) for c in self.counts],
            "nonfinite": int(self.nonfinite),
            "p01": _json_float(self.p01),
            "p99": _json_float(self.p99),
        }


@dataclass(frozen=True, eq=False)
class LayerStats:
    """One linear layer (and its activation) at one recorded step.

    Index 1 is the first hidden layer; the last index is the output unit, whose
    "activation" is the predicted probability sigmoid(logit).
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
_UNIT_EDGES = np.linspace(0.0, 1.0, HIST_BINS + 1)


@dataclass(frozen=True, eq=False)
class _SegmentStats:
    hists: list[Histogram]
    mean: list[float]
    std: list[float]
    norm: list[float]
    nonfinite: list[int]


@lru_cache(maxsize=16)
def _segment_layout(lengths: tuple[int, ...], n_hist: int) -> tuple[np.ndarray, np.ndarray]:
    """Start of each segment, and each histogrammed element's fine-bin offset (cached: a
    trainer's segment lengths never change)."""
    n = np.asarray(lengths, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    offset = np.repeat(np.arange(n_hist, dtype=np.int64) * (HIST_BINS * _FINE), n[:n_hist])
    return starts, offset


def _segment_stats(v: np.ndarray, lengths: tuple[int, ...], fixed: np.ndarray) -> _SegmentStats:
    """Statistics of many arrays at once, given concatenated in ``v`` (float32).

    Every segment gets the mean, standard deviation and L2 norm of its finite values and
    a count of its NaN/inf. The first ``len(fixed)`` segments also get a histogram of the
    finite values: HIST_BINS equal bins from the minimum to the maximum, or
    LOG_GRAD_EDGES where ``fixed`` is true (values outside counted in the end bins), and
    the 1st/99th percentiles. One pass of numpy over all layers keeps recording cheap.
    """
    n_hist = len(fixed)
    starts, offset = _segment_layout(lengths, n_hist)
    h_lengths = lengths[:n_hist]
    n_seg = len(lengths)
    size = np.asarray(lengths, dtype=np.float64)
    finite = np.isfinite(v)
    all_finite = bool(finite.all())
    w = v if all_finite else np.where(finite, v, np.float32(0.0))
    if all_finite:
        count = size
    else:
        count = np.add.reduceat(finite, starts, dtype=np.int64).astype(np.float64)
    nonfinite = (size - count).astype(np.int64)
    empty = count == 0
    safe = np.maximum(count, 1.0)
    w64 = w.astype(np.float64)
    total = np.add.reduceat(w64, starts)
    sumsq = np.add.reduceat(w64 * w64, starts)
    mean = total / safe
    std = np.sqrt(np.maximum(sumsq / safe - mean * mean, 0.0))
    norm = np.sqrt(sumsq)
    for a in (mean, std, norm):
        a[empty] = math.nan
    if n_hist == 0:
        return _SegmentStats([], mean.tolist(), std.tolist(), norm.tolist(), nonfinite.tolist())

    h_starts = starts[:n_hist]
    hv = v[: int(starts[n_hist])] if n_hist < n_seg else v
    hfinite = finite[: hv.size]
    if all_finite:
        lo = np.minimum.reduceat(hv, h_starts).astype(np.float64)
        hi = np.maximum.reduceat(hv, h_starts).astype(np.float64)
    else:
        lo = np.minimum.reduceat(np.where(hfinite, hv, np.inf), h_starts).astype(np.float64)
        hi = np.maximum.reduceat(np.where(hfinite, hv, -np.inf), h_starts).astype(np.float64)
    h_empty = empty[:n_hist]
    lo[h_empty] = -0.5
    hi[h_empty] = 0.5
    # A constant segment gets a bin range around its value, wide enough to exist at any
    # magnitude (1e30 - 0.5 == 1e30 in float64).
    flat = hi == lo
    pad = np.maximum(0.5, np.abs(lo[flat]) * 1e-6)
    lo[flat] -= pad
    hi[flat] += pad
    lo[fixed] = LOG_GRAD_EDGES[0]
    hi[fixed] = LOG_GRAD_EDGES[-1]
    span = hi - lo
    nf = HIST_BINS * _FINE
    if all_finite and max(-lo.min(), hi.max()) < 1e30:
        # float32 halves the memory traffic of the biggest step of a record.
        u = hv - np.repeat(lo.astype(np.float32), h_lengths)
        u *= np.repeat((nf / span).astype(np.float32), h_lengths)
    else:
        # float64: a float32 span between huge values could overflow.
        u = w64[: hv.size] - np.repeat(lo, h_lengths)
        u *= np.repeat(nf / span, h_lengths)
    np.clip(u, 0.0, nf - 1, out=u)
    idx = u.astype(np.int32)
    idx += offset
    if not all_finite:
        idx = idx[hfinite]
    fine = np.bincount(idx, minlength=n_hist * nf).reshape(n_hist, nf)
    counts = fine.reshape(n_hist, HIST_BINS, _FINE).sum(axis=2)
    # Percentile q, numpy's "linear" definition: between the order statistics of ranks
    # floor(q * (count - 1)) and the next, each placed inside its fine bin by its rank.
    # Rows of the cumulative counts, shifted so that the whole matrix is one increasing
    # sequence: one searchsorted then finds the bin of a given rank in every row.
    cdf = np.cumsum(fine, axis=1)
    rows = np.arange(n_hist)
    shift = (rows * (int(cdf[:, -1].max()) + 1))[:, None]
    flat_cdf = (cdf + shift).ravel()
    last = np.maximum(count[:n_hist] - 1.0, 0.0)
    fine_width = span / nf

    def order_statistic(r: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(flat_cdf, r + shift[:, 0], side="right")
        k = np.minimum(pos - rows * nf, nf - 1)
        in_bin = fine[rows, k]
        frac = (r - (cdf[rows, k] - in_bin) + 0.5) / np.maximum(in_bin, 1)
        return lo + (k + np.clip(frac, 0.0, 1.0)) * fine_width

    pct = []
    for q in (0.01, 0.99):
        rank = q * last
        r0 = np.floor(rank)
        v0 = order_statistic(r0)
        p = v0 + (rank - r0) * (order_statistic(np.minimum(r0 + 1.0, last)) - v0)
        p = np.clip(p, lo, hi)
        p[h_empty] = math.nan
        pct.append(p.tolist())
    edges = lo[:, None] + span[:, None] * _UNIT_EDGES[None, :]
    edges[:, -1] = hi
    edges[fixed] = LOG_GRAD_EDGES
    bad = nonfinite.tolist()
    hists = [Histogram(edges[i], counts[i], bad[i], pct[0][i], pct[1][i]) for i in range(n_hist)]
    return _SegmentStats(hists, mean.tolist(), std.tolist(), norm.tolist(), bad)


# Above this many values a record's statistics are computed a group of whole segments
# at a time, so that the temporary arrays stay small next to the net itself.
_CHUNK = 1 << 21


def _segment_stats_chunked(
    v: np.ndarray, lengths: tuple[int, ...], fixed: np.ndarray
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
            v[start : start + size], lengths[i:j], fixed[i:j] if i < n_hist else fixed[:0]
        )
        hists += part.hists
        mean += part.mean
        std += part.std
        norm += part.norm
        bad += part.nonfinite
        i, start = j, start + size
    return _SegmentStats(hists, mean, std, norm, bad)


def _log10_abs(g: np.ndarray) -> np.ndarray:
    """log10|g|, with 0 mapped below the fixed axis and NaN/inf left non-finite."""
    a = np.abs(g)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log10(np.where(a > 0, a, np.float32(1e-30)))
    out[~np.isfinite(g)] = np.nan
    return out


# ---------------------------------------------------------------------------------------
# Trainer
# ---------------------------------------------------------------------------------------
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
        self._x = torch.from_numpy(self.dataset.x.copy())
        self._y = torch.from_numpy(self.dataset.y.copy())
        self._batch_rng = np.random.default_rng([c.seed, 2])
        self._epoch_x = self._x
        self._epoch_y = self._y
        self._pos = len(self.dataset)  # forces a shuffle before the first batch
        params = list(self.model.parameters())
        if c.optimizer == "adam":
            self._optimizer: torch.optim.Optimizer = torch.optim.Adam(params, lr=c.lr)
        else:
            momentum = MOMENTUM if c.optimizer == "momentum" else 0.0
            self._optimizer = torch.optim.SGD(params, lr=c.lr, momentum=momentum)
        weights = {id(lin.weight) for lin in self.model.linears}
        self._other_params = [p for p in params if id(p) not in weights]
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
        return float(self._optimizer.param_groups[0]["lr"])

    def set_learning_rate(self, lr: float) -> None:
        """Change the step size from the next update on (the config keeps the initial one)."""
        value = _check_float("lr", lr, LR_LIMITS)
        for group in self._optimizer.param_groups:
            group["lr"] = value

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

    def _loss(self, logit: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if self.config.loss == "bce":
            return F.binary_cross_entropy_with_logits(logit, y)
        return F.mse_loss(torch.sigmoid(logit), y)

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
            rec = self._instrumented(xb, yb)
            if rec.diverged:
                self._diverged = rec
                return rec
        else:
            self._optimizer.zero_grad(set_to_none=True)
            loss = self._loss(self.model(xb), yb)
            if not math.isfinite(loss.item()):
                self._diverged = self._instrumented(xb, yb)
                return self._diverged
            loss.backward()
            rec = None
        self._optimizer.step()
        self._pos += self.config.batch
        self._step += 1
        return rec

    def record(self) -> StepRecord:
        """Measure the current net on the next minibatch (forward and backward, no update)."""
        xb, yb = self._peek()
        return self._instrumented(xb, yb)

    def run(self, steps: int, record_every: int) -> list[StepRecord]:
        """Train ``steps`` updates headless, recording every ``record_every`` steps (counted
        from 0) and the final state; stops early, with that record, on divergence."""
        steps = _check_int("steps", steps, (0, 10_000_000))
        every = _check_int("record_every", record_every, (1, 10_000_000))
        records: list[StepRecord] = []
        if self._diverged is not None:
            return [self._diverged]
        end = self._step + steps
        while self._step < end:
            rec = self.train_step(record=self._step % every == 0)
            if rec is not None:
                records.append(rec)
            if self._diverged is not None:
                return records
        if not records or records[-1].step != self._step:
            records.append(self.record())
        return records

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """P(y = 1) for inputs in the data set's standardized coordinates, shape (m,)."""
        a = np.asarray(x, dtype=np.float32)
        if a.ndim != 2 or a.shape[1] != self.dataset.input_dim:
            raise ValueError(
                f"x must have shape (m, {self.dataset.input_dim}), got {tuple(np.shape(x))}"
            )
        stochastic = self._activation.random_in_training
        if stochastic:
            self.model.eval()  # rrelu: use the mean slope, not a random one
        try:
            with torch.no_grad():
                p = torch.sigmoid(self.model(torch.from_numpy(np.ascontiguousarray(a))))
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
        if slopes is not None:
            slopes = slopes[first : first + z.shape[0]]
        if slopes is None:
            p = self.config.params
            d = act.derivative(z, **p)
            return d, np.full(z.shape[0], act.max_abs_derivative(**p))
        d = np.empty_like(z)
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

    def _dead_and_saturated(self, z: np.ndarray) -> tuple[list[float], list[float]]:
        """Per hidden layer: the share of units with f'(z) = 0 on the whole batch, and of
        unit-samples with |f'(z)| < SATURATION_LEVEL * max|f'| (a few layers at a time
        when the net is big, to bound the temporary arrays)."""
        dead: list[float] = []
        saturated: list[float] = []
        per_layer = max(1, z[0].size)
        group = max(1, _CHUNK // per_layer)
        for first in range(0, z.shape[0], group):
            fprime, peak = self._derivatives(z[first : first + group], first)
            dead += (fprime == 0).all(axis=1).mean(axis=1).tolist()
            low = np.abs(fprime) < SATURATION_LEVEL * peak[:, None, None]
            saturated += low.mean(axis=(1, 2)).tolist()
        return dead, saturated

    def _instrumented(self, xb: torch.Tensor, yb: torch.Tensor) -> StepRecord:
        """Forward and backward with every layer captured; leaves gradients in place."""
        self._optimizer.zero_grad(set_to_none=True)
        logit, pre, post = self.model.forward_instrumented(xb)
        loss_t = self._loss(logit, yb)
        loss_t.backward()
        depth = self.model.depth
        L = depth + 1  # layers; the segments come in blocks of L: pre, act, grad, log, delta
        with torch.no_grad():
            loss = float(loss_t)
            weight_grads = [lin.weight.grad for lin in self.model.linears]
            pieces = [*pre, *post, torch.sigmoid(pre[-1]), *weight_grads]
            deltas = [t.grad for t in pre]
            lengths = [t.numel() for t in pieces]
            grad_lengths = lengths[2 * L :]
            lengths += grad_lengths + [t.numel() for t in deltas]
            # One float32 buffer; torch writes the segments straight into it.
            values = np.empty(sum(lengths), dtype=np.float32)
            grad_end = sum(lengths[: 3 * L])
            grad_start = grad_end - sum(grad_lengths)
            log_end = grad_end + sum(grad_lengths)
            torch.cat(
                [t.detach().view(-1) for t in pieces], out=torch.from_numpy(values[:grad_end])
            )
            torch.cat([t.view(-1) for t in deltas], out=torch.from_numpy(values[log_end:]))
            # PReLU slopes and biases have gradients too; theirs are checked here (the
            # weights' and dL/dz's non-finite values are counted below).
            others = [p.grad.view(-1) for p in self._other_params if p.grad is not None]
            others_finite = not others or bool(torch.isfinite(torch.cat(others)).all())
        logit_start = lengths[0] * depth
        logits = values[logit_start : logit_start + lengths[depth]]
        accuracy = float(np.mean((logits > 0) == (yb.numpy() > 0.5)))
        values[grad_end:log_end] = _log10_abs(values[grad_start:grad_end])
        fixed = np.zeros(4 * L, dtype=bool)
        fixed[3 * L :] = True
        s = _segment_stats_chunked(values, tuple(lengths), fixed)

        z = values[: lengths[0] * depth].reshape(depth, *pre[0].shape)
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

        layers = tuple(
            LayerStats(
                index=i + 1,
                is_output=i == depth,
                grad_norm=s.norm[2 * L + i],
                grad_std=s.std[2 * L + i],
                delta_std=s.std[4 * L + i],
                preact_mean=s.mean[i],
                preact_std=s.std[i],
                act_mean=s.mean[L + i],
                act_std=s.std[L + i],
                dead_fraction=dead[i],
                saturated_fraction=saturated[i],
                grad_hist=s.hists[2 * L + i],
                log_grad_hist=s.hists[3 * L + i],
                preact_hist=s.hists[i],
                act_hist=s.hists[L + i],
                nonfinite=s.nonfinite[i]
                + s.nonfinite[L + i]
                + s.nonfinite[2 * L + i]
                + s.nonfinite[4 * L + i],
            )
            for i in range(L)
        )
        grads_finite = others_finite and not any(s.nonfinite[2 * L : 3 * L])
        grads_finite = grads_finite and not any(s.nonfinite[4 * L :])
        return StepRecord(
            step=self._step,
            loss=loss,
            accuracy=accuracy,
            layers=layers,
            diverged=not (math.isfinite(loss) and grads_finite),
        )


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
        self.capacity = _check_int("capacity", capacity, (4, 1_000_000))
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

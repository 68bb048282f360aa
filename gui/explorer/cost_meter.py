"""Evaluation cost of an activation relative to ReLU: numpy formula and torch module on
10⁵ points.

Plain Python (no Qt) so the controller can run one short measurement per timer tick.
The function's runs alternate with ReLU's within that tick and each keeps its best time,
so a moment when the machine is busy slows both and the ratio the facts panel shows
stays honest. Measured on this 2-core machine with the other core busy:

- timed separately, one slow ReLU baseline made every other function look up to ten
  times cheaper than ReLU;
- torch on its default two threads gave sigmoid 0.8x to 3x ReLU from one run to the
  next (a parallel loop waits for a thread that has no core); on one thread, 2.7x-4.2x;
- on 10⁶ points (8 MB per array) page faults and memory traffic, not the formula, set
  ReLU's time; 10⁵ points stay in the cache and allow more runs per tick (sigmoid's
  torch ratio 4.1-4.3 over four runs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import torch

from core.activations import ACTIVATIONS, Activation

POINTS = 100_000
PAIRS = 30  # best of, within BUDGET_S: the first runs also warm caches and allocators
BUDGET_S = 0.08  # one measurement (one timer tick) keeps the window responsive
BACKENDS = ("numpy", "torch")


@lru_cache(maxsize=1)
def _inputs() -> tuple[np.ndarray, torch.Tensor]:
    x = np.random.default_rng(0).normal(0.0, 3.0, POINTS)
    xt = torch.from_numpy(x.astype(np.float32))
    with torch.no_grad():  # torch's first calls start its thread pool: not the function's cost
        for _ in range(3):
            torch.relu(xt)
    return x, xt


def _runner(activation: Activation, params: dict[str, float], backend: str) -> Callable[[], object]:
    """One evaluation on the points: the registry's numpy forward (float64), or the torch
    module (float32, eval mode, no grad)."""
    x, xt = _inputs()
    if backend == "numpy":
        return lambda: activation.forward(x, **params)
    if backend != "torch":
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    module = activation.module(**params).eval()

    def run() -> object:
        with torch.no_grad():
            return module(xt)

    return run


def paired_seconds(
    activation: Activation, params: dict[str, float], backend: str
) -> tuple[float, float]:
    """Best wall times (s) of ``activation`` and of ReLU on POINTS points with
    ``backend``, their runs alternating (at most PAIRS of each, within about BUDGET_S);
    torch runs on one intra-op thread, as numpy does."""
    run = _runner(activation, params, backend)
    baseline = _runner(ACTIVATIONS["relu"], {}, backend)
    best, best_relu = float("inf"), float("inf")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        start = time.perf_counter()
        for _ in range(PAIRS):
            t0 = time.perf_counter()
            baseline()
            t1 = time.perf_counter()
            run()
            t2 = time.perf_counter()
            best_relu = min(best_relu, t1 - t0)
            best = min(best, t2 - t1)
            if t2 - start + (t2 - t0) > BUDGET_S:  # the next pair would overrun
                break
    finally:
        torch.set_num_threads(threads)
    return best, best_relu

"""Evaluation cost of an activation: numpy formula and torch module on 10⁶ points.

Plain Python (no Qt) so the controller can run one short measurement per timer tick.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import torch

from core.activations import Activation

POINTS = 1_000_000
REPEATS = 7  # best of, within BUDGET_S: the first runs also warm caches and allocators
BUDGET_S = 0.06  # one measurement (one timer tick) keeps the window responsive


@lru_cache(maxsize=1)
def _inputs() -> tuple[np.ndarray, torch.Tensor]:
    x = np.random.default_rng(0).normal(0.0, 3.0, POINTS)
    xt = torch.from_numpy(x.astype(np.float32))
    with torch.no_grad():  # torch's first calls start its thread pool: not the function's cost
        for _ in range(3):
            torch.relu(xt)
    return x, xt


def _best_time(fn: Callable[[], object]) -> float:
    best = float("inf")
    start = time.perf_counter()
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        run = time.perf_counter() - t0
        best = min(best, run)
        if time.perf_counter() - start + run > BUDGET_S:  # the next run would overrun
            break
    return best


def numpy_seconds(activation: Activation, params: dict[str, float]) -> float:
    """Best wall time of the registry's numpy forward (float64) on 10⁶ points."""
    x, _ = _inputs()
    return _best_time(lambda: activation.forward(x, **params))


def torch_seconds(activation: Activation, params: dict[str, float]) -> float:
    """Best wall time of the torch module (float32, eval mode, no grad) on 10⁶ points."""
    _, xt = _inputs()
    module = activation.module(**params).eval()
    with torch.no_grad():
        return _best_time(lambda: module(xt))

"""Losses with their gradients, to show why sigmoid + MSE learns slowly from confident
mistakes while sigmoid + cross-entropy does not.

Conventions: everything is per sample (no reduction), vectorized over the prediction.
"Prediction" is a probability p = sigmoid(z); "logit" is z. Binary cross-entropy on
probabilities follows torch's ``binary_cross_entropy``: each log is clamped at -100, so
a prediction of exactly 0 or 1 gives a finite loss of 100, and the gradient's denominator
p(1 - p) is kept above 1e-12.
"""

from __future__ import annotations

import numpy as np

from core.activations import ACTIVATIONS
from core.softmax import log_softmax, softmax

_LOG_FLOOR = -100.0  # torch.nn.functional.binary_cross_entropy clamps log() here
_GRAD_EPS = 1e-12  # ... and its backward keeps p(1 - p) above this
_sigmoid = ACTIVATIONS["sigmoid"]


def _as_prob(pred: object, name: str = "prediction") -> np.ndarray:
    p = np.asarray(pred, dtype=np.float64)
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must be a probability in [0, 1]")
    return p


def _as_target(target: object) -> np.ndarray:
    y = np.asarray(target, dtype=np.float64)
    if np.any((y < 0) | (y > 1)):
        raise ValueError("binary target must lie in [0, 1]")
    return y


# -- mean squared error on a sigmoid output ---------------------------------------------
def mse(pred: object, target: object) -> np.ndarray:
    p = np.asarray(pred, dtype=np.float64)
    return (p - np.asarray(target, dtype=np.float64)) ** 2


def mse_grad_pred(pred: object, target: object) -> np.ndarray:
    p = np.asarray(pred, dtype=np.float64)
    return 2.0 * (p - np.asarray(target, dtype=np.float64))


def mse_grad_logit(logit: object, target: object) -> np.ndarray:
    """d/dz (sigmoid(z) - y)^2 = 2 (p - y) p (1 - p): vanishes when p saturates."""
    z = np.asarray(logit, dtype=np.float64)
    return mse_grad_pred(_sigmoid.forward(z), target) * _sigmoid.derivative(z)


# -- binary cross-entropy on probabilities ----------------------------------------------
def bce(pred: object, target: object) -> np.ndarray:
    p = _as_prob(pred)
    y = _as_target(target)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), _LOG_FLOOR)
        log_1mp = np.maximum(np.log1p(-p), _LOG_FLOOR)
    return -(y * log_p + (1.0 - y) * log_1mp)


def bce_grad_pred(pred: object, target: object) -> np.ndarray:
    p = _as_prob(pred)
    y = _as_target(target)
    return (p - y) / np.maximum(p * (1.0 - p), _GRAD_EPS)


def bce_grad_logit(logit: object, target: object) -> np.ndarray:
    """d/dz BCE(sigmoid(z), y) = p - y: it stays large when the prediction is wrong."""
    z = np.asarray(logit, dtype=np.float64)
    return _sigmoid.forward(z) - _as_target(target)


# -- binary cross-entropy on logits -----------------------------------------------------
def bce_with_logits(logit: object, target: object) -> np.ndarray:
    """softplus(z) - y z, computed without overflow for any finite z."""
    z = np.asarray(logit, dtype=np.float64)
    y = _as_target(target)
    return np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z)))


def bce_with_logits_grad_logit(logit: object, target: object) -> np.ndarray:
    return bce_grad_logit(logit, target)


# -- softmax cross-entropy --------------------------------------------------------------
def _one_hot(target: object, n: int) -> np.ndarray:
    t = np.asarray(target)
    if t.ndim == 0 and np.issubdtype(t.dtype, np.integer):
        if not (0 <= int(t) < n):
            raise ValueError(f"target class {int(t)} is outside [0, {n - 1}]")
        out = np.zeros(n)
        out[int(t)] = 1.0
        return out
    q = np.asarray(target, dtype=np.float64)
    if q.shape != (n,) or np.any(q < 0) or not np.isclose(q.sum(), 1.0):
        raise ValueError("target must be a class index or a probability vector over the classes")
    return q


def softmax_cross_entropy(logits: object, target: object, temperature: float = 1.0) -> float:
    """-sum_i y_i log softmax(z / T)_i for one vector of logits."""
    z = np.asarray(logits, dtype=np.float64)
    y = _one_hot(target, z.shape[-1])
    log_p = log_softmax(z, temperature)
    # A class with y_i = 0 adds nothing, even where log p_i = -inf (0 * -inf would be NaN).
    return float(-np.sum(np.multiply(y, log_p, out=np.zeros_like(log_p), where=y != 0)))


def softmax_cross_entropy_grad_logits(
    logits: object, target: object, temperature: float = 1.0
) -> np.ndarray:
    """(softmax(z / T) - y) / T: the famous 'prediction minus target'."""
    z = np.asarray(logits, dtype=np.float64)
    y = _one_hot(target, z.shape[-1])
    return (softmax(z, temperature) - y) / float(temperature)


def softmax_cross_entropy_grad_probs(
    logits: object, target: object, temperature: float = 1.0
) -> np.ndarray:
    """d/dp of -sum y log p, evaluated at p = softmax(z / T): -y / p."""
    z = np.asarray(logits, dtype=np.float64)
    y = _one_hot(target, z.shape[-1])
    p = softmax(z, temperature)
    # 0 where y_i = 0 (the term is absent), -inf where p_i underflowed to 0 and y_i > 0.
    with np.errstate(divide="ignore"):
        return np.divide(-y, p, out=np.zeros_like(p), where=y != 0)

"""Softmax with a temperature, and its Jacobian.

Softmax is not element-wise (a vector in, a probability distribution out), so it lives
beside the registry rather than in it.
"""

from __future__ import annotations

import numpy as np

MIN_TEMPERATURE = 0.05
MAX_TEMPERATURE = 20.0


def _check(z: object, temperature: float) -> np.ndarray:
    za = np.asarray(z, dtype=np.float64)
    if za.ndim == 0 or za.shape[-1] < 1:
        raise ValueError(f"softmax needs a vector of logits, got shape {za.shape}")
    t = float(temperature)
    if not (MIN_TEMPERATURE <= t <= MAX_TEMPERATURE):
        raise ValueError(
            f"softmax: temperature = {t:g} is outside its allowed range "
            f"[{MIN_TEMPERATURE:g}, {MAX_TEMPERATURE:g}]"
        )
    return za


def _shifted(z: object, temperature: float) -> np.ndarray:
    """(z - max z) / T: shifting before dividing keeps z / T from overflowing for T < 1."""
    za = _check(z, temperature)
    # A gap beyond the float range (z = [1.7e308, -1.7e308]) becomes -inf, whose exp is 0.
    with np.errstate(over="ignore"):
        return (za - np.max(za, axis=-1, keepdims=True)) / float(temperature)


def softmax(z: object, temperature: float = 1.0) -> np.ndarray:
    """p_i = exp(z_i / T) / sum_j exp(z_j / T) along the last axis, without overflow."""
    shifted = _shifted(z, temperature)
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(z: object, temperature: float = 1.0) -> np.ndarray:
    shifted = _shifted(z, temperature)
    with np.errstate(under="ignore"):
        return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def softmax_jacobian(z: object, temperature: float = 1.0) -> np.ndarray:
    """J[i, j] = d p_i / d z_j = p_i (delta_ij - p_j) / T, for a single vector z."""
    za = _check(z, temperature)
    if za.ndim != 1:
        raise ValueError(f"softmax_jacobian takes one vector, got shape {za.shape}")
    p = softmax(za, temperature)
    return (np.diag(p) - np.outer(p, p)) / float(temperature)

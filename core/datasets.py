"""Toy binary-classification data sets for the training lab, generated from a seed.

Everything is computed in numpy from ``seed``: no downloads, and the same arguments always
give the same array. Inputs are standardized per column (zero mean, unit standard
deviation) so that the initialization schemes see the input scale their derivations assume.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.validation import check_choice, check_float, check_int

DATASET_IDS: tuple[str, ...] = ("circle", "xor", "gaussian", "spiral", "moons", "highdim")
TWO_D_DATASETS: tuple[str, ...] = ("circle", "xor", "gaussian", "spiral", "moons")

N_SAMPLES_LIMITS = (16, 100_000)
NOISE_LIMITS = (0.0, 2.0)
INPUT_DIM_LIMITS = (2, 784)
SEED_LIMITS = (0, 2**32 - 1)


@dataclass(frozen=True, eq=False)
class Dataset:
    """Inputs ``x`` (n, d) float32, standardized, and labels ``y`` (n,) float32 in {0, 1}."""

    id: str
    x: np.ndarray
    y: np.ndarray

    @property
    def input_dim(self) -> int:
        return int(self.x.shape[1])

    def __len__(self) -> int:
        return int(self.x.shape[0])


def _split(n: int) -> tuple[int, int]:
    """Sizes of the two classes: as equal as possible."""
    return n // 2, n - n // 2


def _circle(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # An inner disc (label 1) inside a ring (label 0): not linearly separable.
    n_in, n_out = _split(n)
    r = np.concatenate([rng.uniform(0.0, 0.5, n_in), rng.uniform(0.7, 1.0, n_out)])
    t = rng.uniform(0.0, 2.0 * np.pi, n)
    x = np.stack([r * np.cos(t), r * np.sin(t)], axis=1)
    y = np.concatenate([np.ones(n_in), np.zeros(n_out)])
    return x + noise * rng.normal(size=x.shape), y


def _xor(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # Label 1 in the first and third quadrants; a margin keeps the clean task learnable.
    x = rng.uniform(0.05, 1.0, size=(n, 2)) * rng.choice([-1.0, 1.0], size=(n, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(np.float64)
    return x + noise * rng.normal(size=x.shape), y


def _gaussian(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # Two blobs: the easy, nearly linear baseline.
    n0, n1 = _split(n)
    spread = 0.5 + noise
    x = np.concatenate(
        [rng.normal(-1.0, spread, size=(n0, 2)), rng.normal(1.0, spread, size=(n1, 2))]
    )
    y = np.concatenate([np.zeros(n0), np.ones(n1)])
    return x, y


def _spiral(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # Two interleaved arms of 1.5 turns each: needs a deep or wide net.
    n0, n1 = _split(n)
    parts = []
    for k, m in ((0, n0), (1, n1)):
        t = np.sqrt(rng.uniform(0.0, 1.0, m)) * 3.0 * np.pi + 0.3
        r = t / (3.0 * np.pi)
        angle = t + k * np.pi
        parts.append(np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1))
    x = np.concatenate(parts)
    y = np.concatenate([np.zeros(n0), np.ones(n1)])
    return x + noise * rng.normal(size=x.shape), y


def _moons(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    # Two interlocking half circles (the shape scikit-learn made popular).
    n0, n1 = _split(n)
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    upper = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    lower = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1)
    x = np.concatenate([upper, lower])
    y = np.concatenate([np.zeros(n0), np.ones(n1)])
    return x + noise * rng.normal(size=x.shape), y


def _highdim(
    rng: np.random.Generator, n: int, noise: float, dim: int
) -> tuple[np.ndarray, np.ndarray]:
    # Standard normal inputs labelled by a random hyperplane through the origin; noise is
    # added to the projection, so it blurs labels near the plane only.
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim)
    w /= np.linalg.norm(w)
    score = x @ w + noise * rng.normal(size=n)
    y = (score > 0).astype(np.float64)
    return x, y


def _standardize(x: np.ndarray) -> np.ndarray:
    """Each column to mean 0 and standard deviation 1, in place (a 100,000 x 784 float64
    set is 627 MB: a temporary per operation more than doubled the peak)."""
    std = x.std(axis=0)
    std[std == 0] = 1.0
    x -= x.mean(axis=0)
    x /= std
    return x


def make_dataset(
    dataset_id: str,
    *,
    n_samples: int = 512,
    noise: float = 0.1,
    seed: int = 0,
    input_dim: int = 2,
) -> Dataset:
    """Generate a data set; bad arguments raise ValueError naming the field."""
    check_choice("dataset", dataset_id, DATASET_IDS)
    n = check_int("n_samples", n_samples, N_SAMPLES_LIMITS)
    nz = check_float("noise", noise, NOISE_LIMITS)
    s = check_int("seed", seed, SEED_LIMITS)
    dim = check_int("input_dim", input_dim, INPUT_DIM_LIMITS)
    if dataset_id != "highdim" and dim != 2:
        raise ValueError(
            f"input_dim must be 2 for the 2-D data set {dataset_id!r} (got {dim}); "
            "only 'highdim' takes another input dimension"
        )
    return _generate(dataset_id, n, nz, s, dim)


# The last data set made is handed out again for the same arguments (its arrays are
# read-only): the two runs of a comparison share theirs, which at 100,000 x 784 is 314 MB
# and 3 s to build.
@lru_cache(maxsize=1)
def _generate(dataset_id: str, n: int, nz: float, s: int, dim: int) -> Dataset:
    rng = np.random.default_rng(s)
    if dataset_id == "highdim":
        x, y = _highdim(rng, n, nz, dim)
    else:
        x, y = {
            "circle": _circle,
            "xor": _xor,
            "gaussian": _gaussian,
            "spiral": _spiral,
            "moons": _moons,
        }[dataset_id](rng, n, nz)
    order = rng.permutation(n)
    x = x[order]  # the unshuffled copy goes at once
    x = _standardize(x).astype(np.float32)
    y = y[order].astype(np.float32)
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(dataset_id, x, y)

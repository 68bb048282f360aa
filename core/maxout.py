"""Maxout: the maximum of k affine pieces, f(x) = max_i (w_i x + b_i).

Not element-wise in the registry's sense (it has k sets of weights), so it has its own API.
Its derivative is the slope of the piece that wins; at a tie the first winning piece counts,
as ``torch.max`` picks the first index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_PIECES = 2
MAX_PIECES = 5
COEFFICIENT_LIMIT = 10.0


@dataclass(frozen=True)
class Maxout:
    slopes: tuple[float, ...]
    intercepts: tuple[float, ...]

    def __post_init__(self) -> None:
        k = len(self.slopes)
        if len(self.intercepts) != k:
            raise ValueError(
                f"maxout: {k} slopes but {len(self.intercepts)} intercepts; give one of each "
                "per piece"
            )
        if not (MIN_PIECES <= k <= MAX_PIECES):
            raise ValueError(f"maxout: k = {k} pieces is outside [{MIN_PIECES}, {MAX_PIECES}]")
        for name, values in (("slope", self.slopes), ("intercept", self.intercepts)):
            for v in values:
                if not (-COEFFICIENT_LIMIT <= float(v) <= COEFFICIENT_LIMIT):
                    raise ValueError(
                        f"maxout: {name} {v!r} is outside "
                        f"[{-COEFFICIENT_LIMIT:g}, {COEFFICIENT_LIMIT:g}]"
                    )

    @property
    def k(self) -> int:
        return len(self.slopes)

    def pieces(self, x: object) -> np.ndarray:
        """Each piece's value, shape (k, *x.shape)."""
        xa = np.asarray(x, dtype=np.float64)
        w = np.asarray(self.slopes, dtype=np.float64).reshape((-1,) + (1,) * xa.ndim)
        b = np.asarray(self.intercepts, dtype=np.float64).reshape((-1,) + (1,) * xa.ndim)
        with np.errstate(over="ignore", invalid="ignore"):
            # 0 * inf is NaN; a zero-slope piece is its intercept for every x.
            wx = np.where(w == 0.0, 0.0, w * xa)
        return wx + b

    def winner(self, x: object) -> np.ndarray:
        """Index of the winning piece (first on ties); NaN inputs give piece 0."""
        p = self.pieces(x)
        return np.argmax(np.where(np.isnan(p), -np.inf, p), axis=0)

    def forward(self, x: object) -> np.ndarray:
        xa = np.asarray(x, dtype=np.float64)
        y = np.max(self.pieces(xa), axis=0)
        return np.where(np.isnan(xa), np.nan, y)

    def derivative(self, x: object) -> np.ndarray:
        xa = np.asarray(x, dtype=np.float64)
        d = np.asarray(self.slopes, dtype=np.float64)[self.winner(xa)]
        return np.where(np.isnan(xa), np.nan, d)

"""core.saturation: the float32 intervals where f' is small or zero classify every value as
the registry's own derivative does."""

from __future__ import annotations

import numpy as np
import pytest

from core.activations import ACTIVATIONS, get_activation
from core.saturation import Regions, find_regions
from core.training import SATURATION_LEVEL, Trainer, TrainingConfig


def _registry_classes(act_id: str, params: dict, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    act = get_activation(act_id)
    d = act.derivative(z.astype(np.float64), **params)
    threshold = SATURATION_LEVEL * act.max_abs_derivative(**params)
    return np.abs(d) < threshold, d == 0


def _probe_values(act_id: str, params: dict, rng: np.random.Generator) -> np.ndarray:
    """Values where a mistake would hide: kinks and discontinuities and their float32
    neighbours, the boundaries found, zeros, infinities, NaN, extremes, and a spread."""
    facts = get_activation(act_id).facts(**params)
    special = np.array([*facts.kinks, *facts.discontinuities, 0.0, -0.0], dtype=np.float32)
    big = np.finfo(np.float32).max
    tiny = np.finfo(np.float32).smallest_subnormal
    extremes = np.array([np.inf, -np.inf, np.nan, big, -big, tiny, -tiny], dtype=np.float32)
    spread = np.concatenate(
        [rng.normal(0.0, s, 4000).astype(np.float32) for s in (0.1, 1.0, 5.0, 50.0, 1000.0, 1e30)]
    )
    return np.concatenate(
        [
            special,
            np.nextafter(special, np.float32(np.inf)),
            np.nextafter(special, np.float32(-np.inf)),
            extremes,
            spread,
        ]
    )


def _with_boundaries(regions: Regions, values: np.ndarray) -> np.ndarray:
    ends = [e for lo_hi in (*regions.low, *regions.zero) for e in lo_hi if np.isfinite(e)]
    ends = np.array(ends, dtype=np.float32)
    return np.concatenate(
        [
            values,
            ends,
            np.nextafter(ends, np.float32(np.inf)),
            np.nextafter(ends, np.float32(-np.inf)),
        ]
    )


def _random_params(act_id: str, rng: np.random.Generator) -> dict:
    act = get_activation(act_id)
    for _ in range(100):
        p = {q.name: float(rng.uniform(q.minimum, q.maximum)) for q in act.params}
        try:
            return act.resolve_params(p)
        except ValueError:  # a constraint between parameters (e.g. min_val < max_val)
            continue
    return act.defaults()


@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
@pytest.mark.parametrize("draw", [0, 1, 2])
def test_intervals_classify_like_the_registry(act_id, draw):
    rng = np.random.default_rng([draw, len(act_id)])
    act = get_activation(act_id)
    params = act.defaults() if draw == 0 else _random_params(act_id, rng)
    regions = find_regions(act_id, tuple(sorted(params.items())), SATURATION_LEVEL)
    assert regions is not None, f"{act_id} {params}: no intervals"
    z = _with_boundaries(regions, _probe_values(act_id, params, rng))
    low, zero = _registry_classes(act_id, params, z)
    np.testing.assert_array_equal(regions.low_mask(z), low, err_msg=f"{params}")
    np.testing.assert_array_equal(regions.zero_mask(z), zero, err_msg=f"{params}")


def test_known_intervals():
    sigmoid = find_regions("sigmoid", (), SATURATION_LEVEL)
    assert sigmoid is not None
    # sigmoid'(z) < 0.05 * 1/4 for |z| beyond ~4.36, both sides; 0 only where it underflows
    (a, b), (c, d) = sigmoid.low
    assert (a, d) == (-np.inf, np.inf)
    assert b == pytest.approx(-4.3565, abs=1e-3)
    assert c == pytest.approx(4.3565, abs=1e-3)
    relu = find_regions("relu", (), SATURATION_LEVEL)
    assert relu is not None
    # torch's convention: relu'(0) = 0, so 0 is dead and the smallest positive z is not
    assert relu.low == relu.zero == ((-np.inf, 0.0),)
    # hardswish: f' = 2z/3 + 1/2 is exactly 0 at the single point z = -1.5
    hs = find_regions("hardswish", (), SATURATION_LEVEL)
    assert hs is not None
    assert (-1.5, -1.5) in hs.zero


def test_nan_is_neither_low_nor_zero():
    regions = find_regions("relu", (), SATURATION_LEVEL)
    assert regions is not None
    z = np.array([np.nan, -1.0, 1.0], dtype=np.float32)
    assert regions.low_mask(z).tolist() == [False, True, False]
    assert regions.zero_mask(z).tolist() == [False, True, False]


@pytest.mark.parametrize("act_id", ["relu", "sigmoid", "hardtanh", "gelu", "softshrink"])
def test_trainer_fast_path_matches_the_registry_path(act_id, monkeypatch):
    """Dead and saturated shares from the intervals equal those from evaluating the
    registry on every pre-activation, on nets that put values exactly on the kinks."""
    config = TrainingConfig(activation=act_id, depth=4, width=8, batch=32, n_samples=64, seed=3)
    t = Trainer(config)
    rng = np.random.default_rng(1)
    z = rng.normal(0.0, 3.0, (4, 32, 8)).astype(np.float32)
    z[0] = 0.0  # a layer exactly at relu's kink
    z[1, :, :4] = -5.0  # dead units (relu, hardtanh) or saturated ones (sigmoid)
    z[2, ::2] = 1.0  # hardtanh's kink
    z[3, 0, 0] = np.nan
    assert t._regions() is not None
    fast = t._dead_and_saturated(z)
    monkeypatch.setattr(Trainer, "_regions", lambda self: None)
    slow = t._dead_and_saturated(z)
    assert fast == slow


def test_prelu_keeps_the_registry_path():
    config = TrainingConfig(activation="prelu", depth=2, width=4, batch=8, n_samples=16)
    assert Trainer(config)._regions() is None


def test_wrong_intervals_fail_the_check(monkeypatch):
    """The check against the registry rejects intervals that misclassify (here: none at
    all for sigmoid, which saturates), and the caller then evaluates the registry."""
    import core.saturation as saturation

    find_regions.cache_clear()
    monkeypatch.setattr(saturation, "_intervals", lambda starts, classes, bit: [])
    try:
        assert find_regions("sigmoid", (), SATURATION_LEVEL) is None
        assert find_regions("identity", (), SATURATION_LEVEL) is not None  # never low
    finally:
        find_regions.cache_clear()


def test_too_many_pieces_give_up(monkeypatch):
    import core.saturation as saturation

    find_regions.cache_clear()
    monkeypatch.setattr(saturation, "MAX_INTERVALS", 1)
    try:
        assert find_regions("sigmoid", (), SATURATION_LEVEL) is None  # two tails
        assert find_regions("relu", (), SATURATION_LEVEL) is not None
    finally:
        find_regions.cache_clear()

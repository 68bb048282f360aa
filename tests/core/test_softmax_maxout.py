"""Softmax with temperature and maxout, against torch."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from core.activations import get_activation
from core.maxout import COEFFICIENT_LIMIT, MAX_PIECES, MIN_PIECES, Maxout
from core.softmax import (
    MAX_TEMPERATURE,
    MIN_TEMPERATURE,
    log_softmax,
    softmax,
    softmax_jacobian,
)

temperatures = st.floats(MIN_TEMPERATURE, MAX_TEMPERATURE)
# Moderate logits: |z / T| <= 600 keeps the rounding of z / T (and so of p) below 1e-12.
logits = st.lists(st.floats(-30.0, 30.0), min_size=1, max_size=8).map(np.array)


def _t(a) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def _no_warnings(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


# -- softmax ------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(z=logits, temperature=temperatures)
def test_softmax_equals_torch_softmax_of_z_over_t_and_sums_to_1(z, temperature):
    p = softmax(z, temperature)
    ref = torch.softmax(_t(z) / temperature, dim=-1).numpy()
    np.testing.assert_allclose(p, ref, rtol=1e-12, atol=1e-15)
    assert p.sum() == pytest.approx(1.0, abs=1e-14)
    assert np.all(p >= 0.0)
    log_ref = torch.log_softmax(_t(z) / temperature, dim=-1).numpy()
    np.testing.assert_allclose(log_softmax(z, temperature), log_ref, rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(z=logits, temperature=st.floats(0.5, MAX_TEMPERATURE), c=st.floats(-1e3, 1e3))
def test_softmax_is_invariant_to_adding_a_constant(z, temperature, c):
    # Adding c rounds z + c to ~1e-13 absolute; through exp that is a 1e-12 relative change.
    np.testing.assert_allclose(softmax(z + c, temperature), softmax(z, temperature), rtol=1e-9)


def test_softmax_of_a_batch_works_along_the_last_axis():
    z = np.array([[1.0, 2.0, 3.0], [-5.0, 0.0, 5.0]])
    ref = torch.softmax(_t(z) / 2.0, dim=-1).numpy()
    np.testing.assert_allclose(softmax(z, 2.0), ref, rtol=1e-13)


@pytest.mark.parametrize("temperature", [0.05, 0.5, 1.0, 3.0, 20.0])
def test_temperature_sets_the_ratio_of_probabilities(temperature):
    z = np.array([2.0, -1.0, 0.5, 1.0])
    p = softmax(z, temperature)
    # p_max / p_min = exp((z_max - z_min) / T)
    assert p[0] / p[1] == pytest.approx(math.exp(3.0 / temperature), rel=1e-12)


def test_large_temperature_tends_to_uniform_and_small_to_one_hot():
    z = np.array([0.3, -1.0, 1.0, 0.0, 0.4])  # gap 0.6 at the top: 12 at T = 0.05
    hot = softmax(z, MIN_TEMPERATURE)
    assert hot[2] > 1.0 - 1e-3
    assert np.argmax(hot) == 2
    flat = softmax(z, MAX_TEMPERATURE)
    assert np.abs(flat - 1.0 / z.size).max() < 0.025
    entropies = [-(p * np.log(p)).sum() for p in (softmax(z, t) for t in (0.05, 0.5, 2, 20))]
    assert entropies == sorted(entropies)  # hotter is flatter
    assert entropies[-1] < math.log(z.size)


@settings(max_examples=25, deadline=None)
@given(z=st.lists(st.floats(-20.0, 20.0), min_size=1, max_size=6).map(np.array), t=temperatures)
def test_softmax_jacobian_equals_torch_autograd(z, t):
    ref = torch.autograd.functional.jacobian(lambda v: torch.softmax(v / t, dim=-1), _t(z))
    jac = softmax_jacobian(z, t)
    np.testing.assert_allclose(jac, ref.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(jac.sum(axis=0), 0.0, atol=1e-12 / t)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-50.0, 50.0), b=st.floats(-50.0, 50.0), t=temperatures)
def test_two_class_softmax_is_sigmoid_of_the_logit_difference(a, b, t):
    sig = get_activation("sigmoid")
    p = softmax([a, b], t)
    assert p[0] == pytest.approx(float(sig.forward((a - b) / t)), rel=1e-12, abs=1e-300)
    assert p[1] == pytest.approx(float(sig.forward((b - a) / t)), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("temperature", [MIN_TEMPERATURE, 1.0, MAX_TEMPERATURE])
@pytest.mark.parametrize(
    "z",
    [
        [1e300, 0.0, -1e300],
        [-1e300, -1e300, 0.0],
        [1e4, -1e4, 3.0],
        [1.7e308, -1.7e308, 0.0],
        [1.7e308, 1.7e308],
    ],
)
def test_huge_logits_give_no_warning_and_a_distribution(z, temperature):
    p = _no_warnings(softmax, z, temperature)
    assert not np.isnan(p).any()
    assert p.sum() == pytest.approx(1.0, abs=1e-15)
    winners = np.flatnonzero(np.asarray(z) == max(z))
    np.testing.assert_allclose(p[winners], 1.0 / winners.size)
    lp = _no_warnings(log_softmax, z, temperature)
    assert not np.isnan(lp).any()
    assert np.all(lp <= 0.0)
    jac = _no_warnings(softmax_jacobian, z, temperature)
    assert np.isfinite(jac).all()


def test_huge_logits_match_torch_where_torch_does_not_overflow():
    z = [1e300, 0.0, -1e300]
    np.testing.assert_array_equal(softmax(z), torch.softmax(_t(z), dim=-1).numpy())


@pytest.mark.parametrize("bad", [0.0, -1.0, 0.049, 20.01, math.nan, math.inf])
def test_bad_temperature_is_a_value_error_naming_the_range(bad):
    for fn in (softmax, log_softmax, softmax_jacobian):
        with pytest.raises(ValueError, match=r"temperature .*\[0\.05, 20\]"):
            fn([1.0, 2.0], bad)


@pytest.mark.parametrize("bad", [3.0, [], np.zeros((2, 0))])
def test_softmax_needs_a_vector(bad):
    with pytest.raises(ValueError, match="vector of logits"):
        softmax(bad)


def test_softmax_jacobian_takes_one_vector():
    with pytest.raises(ValueError, match="one vector"):
        softmax_jacobian(np.zeros((2, 3)))


# -- maxout -------------------------------------------------------------------------------
coefficient = st.floats(-COEFFICIENT_LIMIT, COEFFICIENT_LIMIT)


@st.composite
def maxouts(draw) -> Maxout:
    k = draw(st.integers(MIN_PIECES, MAX_PIECES))
    slopes = draw(st.lists(coefficient, min_size=k, max_size=k))
    intercepts = draw(st.lists(coefficient, min_size=k, max_size=k))
    return Maxout(tuple(slopes), tuple(intercepts))


def torch_maxout(m: Maxout, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """max over the stacked pieces (torch.max picks the first maximal index) + autograd."""
    xt = _t(x).requires_grad_(True)
    pieces = torch.stack([w * xt + b for w, b in zip(m.slopes, m.intercepts, strict=True)])
    y = torch.max(pieces, dim=0).values
    (g,) = torch.autograd.grad(y.sum(), xt)
    return y.detach().numpy(), g.numpy()


@settings(max_examples=40, deadline=None)
@given(m=maxouts())
def test_maxout_forward_and_derivative_match_torch(m):
    x = np.concatenate([np.linspace(-20.0, 20.0, 801), [-1e4, 1e4, -1e300, 1e300]])
    f = _no_warnings(m.forward, x)
    d = _no_warnings(m.derivative, x)
    rf, rd = torch_maxout(m, x)
    np.testing.assert_allclose(f, rf, rtol=1e-15, atol=0.0)
    np.testing.assert_array_equal(d, rd)


@pytest.mark.parametrize(
    ("slopes", "intercepts", "x", "expected"),
    [
        ((1.0, -1.0), (0.0, 0.0), 0.0, 1.0),  # |x| at its corner: the first piece
        ((-1.0, 1.0), (0.0, 0.0), 0.0, -1.0),
        ((0.0, 2.0, 2.0), (1.0, 1.0, 1.0), 0.0, 0.0),
        ((3.0, 3.0), (1.0, 1.0), 5.0, 3.0),
        ((0.5, 2.0, -1.0), (0.0, -1.0, 0.0), 2.0 / 3.0, 0.5),
    ],
)
def test_maxout_tie_goes_to_the_first_piece_as_in_torch(slopes, intercepts, x, expected):
    m = Maxout(slopes, intercepts)
    pieces = m.pieces(x)
    winner = int(m.winner(x))
    assert pieces[winner] == pieces.max()
    assert winner == int(np.flatnonzero(pieces == pieces.max())[0])
    assert float(m.derivative(x)) == expected
    _, rd = torch_maxout(m, np.array([x]))
    assert rd[0] == expected


def test_maxout_at_infinity_and_nan():
    m = Maxout((0.0, 1.0, -2.0), (5.0, 0.0, 1.0))
    x = np.array([-math.inf, math.inf, math.nan])
    f = _no_warnings(m.forward, x)
    d = _no_warnings(m.derivative, x)
    assert f[:2].tolist() == [math.inf, math.inf]
    assert d[:2].tolist() == [-2.0, 1.0]
    assert np.isnan(f[2])
    assert np.isnan(d[2])
    flat = Maxout((0.0, 0.0), (1.0, -1.0))  # a zero slope is its intercept, even at inf
    assert _no_warnings(flat.forward, x[:2]).tolist() == [1.0, 1.0]


def test_maxout_pieces_shape_and_k():
    m = Maxout((1.0, 2.0, 3.0), (0.0, 0.0, 0.0))
    assert m.k == 3
    assert m.pieces(np.zeros((4, 5))).shape == (3, 4, 5)
    assert m.forward(np.zeros((4, 5))).shape == (4, 5)


@pytest.mark.parametrize(
    ("slopes", "intercepts", "match"),
    [
        ((1.0,), (0.0,), r"k = 1 pieces is outside \[2, 5\]"),
        ((1.0,) * 6, (0.0,) * 6, r"k = 6 pieces is outside \[2, 5\]"),
        ((), (), r"k = 0"),
        ((1.0, 2.0), (0.0,), "2 slopes but 1 intercepts"),
        ((1.0, 2.0, 3.0), (0.0, 0.0, 0.0, 0.0), "3 slopes but 4 intercepts"),
        ((10.5, 0.0), (0.0, 0.0), r"slope 10\.5 is outside \[-10, 10\]"),
        ((0.0, 1.0), (0.0, -10.001), r"intercept -10\.001 is outside \[-10, 10\]"),
        ((math.nan, 1.0), (0.0, 0.0), "slope nan is outside"),
        ((1.0, 1.0), (math.inf, 0.0), "intercept inf is outside"),
    ],
)
def test_bad_maxout_is_a_value_error(slopes, intercepts, match):
    with pytest.raises(ValueError, match=match):
        Maxout(slopes, intercepts)


def test_maxout_accepts_the_limits_themselves():
    m = Maxout((-10.0, 10.0), (10.0, -10.0))
    assert float(m.forward(0.0)) == 10.0

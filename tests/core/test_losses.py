"""Losses and their gradients against torch's functional losses and autograd."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from core import losses
from core.softmax import MAX_TEMPERATURE, MIN_TEMPERATURE

EXTREME_Z = np.array([-1e300, -1e4, 1e4, 1e300])
MODERATE_Z = np.linspace(-30.0, 30.0, 601)
TARGETS = [0.0, 0.25, 0.5, 1.0]


def _t(a, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def _grad(loss_fn, x, *args) -> tuple[np.ndarray, np.ndarray]:
    """Per-element loss and its gradient by torch autograd."""
    xt = _t(x, grad=True)
    loss = loss_fn(xt, *args)
    (g,) = torch.autograd.grad(loss.sum(), xt)
    return loss.detach().numpy(), g.numpy()


def _no_warnings(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


def _probabilities() -> np.ndarray:
    inner = np.linspace(0.0, 1.0, 1001)
    tiny = np.array([1e-300, 1e-50, 1e-13, 1e-12, 1e-11, 1.0 - 1e-12, 1.0 - 1e-15])
    return np.concatenate([inner, tiny])


# -- MSE on a sigmoid output ------------------------------------------------------------
@pytest.mark.parametrize("y", TARGETS)
def test_mse_and_its_gradients_match_torch(y):
    p = _probabilities()
    yt = _t(np.full_like(p, y))
    ref, ref_g = _grad(lambda pt: F.mse_loss(pt, yt, reduction="none"), p)
    np.testing.assert_allclose(losses.mse(p, y), ref, rtol=1e-15, atol=0.0)
    np.testing.assert_allclose(losses.mse_grad_pred(p, y), ref_g, rtol=1e-15, atol=0.0)


@pytest.mark.parametrize("y", TARGETS)
def test_mse_gradient_through_the_sigmoid_matches_torch_autograd(y):
    z = np.concatenate([MODERATE_Z, EXTREME_Z])
    yt = _t(np.full_like(z, y))
    _, ref_g = _grad(lambda zt: F.mse_loss(torch.sigmoid(zt), yt, reduction="none"), z)
    g = _no_warnings(losses.mse_grad_logit, z, y)
    assert np.isfinite(g).all()
    np.testing.assert_allclose(g, ref_g, rtol=1e-12, atol=1e-300)


# -- BCE on probabilities ---------------------------------------------------------------
@pytest.mark.parametrize("y", TARGETS)
def test_bce_matches_torch_including_its_log_clamp_at_minus_100(y):
    p = _probabilities()
    yt = _t(np.full_like(p, y))
    ref, ref_g = _grad(lambda pt: F.binary_cross_entropy(pt, yt, reduction="none"), p)
    value = _no_warnings(losses.bce, p, y)
    grad = _no_warnings(losses.bce_grad_pred, p, y)
    np.testing.assert_allclose(value, ref, rtol=1e-13, atol=0.0)
    # torch's backward clamps p(1 - p) at float(1e-12) = 9.9999999600e-13 (a float32
    # constant); the registry uses 1e-12 itself: a 4e-9 relative difference at the clamp.
    clamped = p * (1 - p) < 1e-12
    np.testing.assert_allclose(grad[~clamped], ref_g[~clamped], rtol=1e-13, atol=0.0)
    np.testing.assert_allclose(grad[clamped], ref_g[clamped], rtol=5e-9, atol=0.0)
    assert clamped.sum() >= 6  # the clamp is exercised
    assert np.isfinite(value).all()
    assert np.isfinite(grad).all()


def test_bce_of_a_certain_wrong_prediction_is_100():
    assert losses.bce(np.array([0.0, 1.0]), np.array([1.0, 0.0])).tolist() == [100.0, 100.0]
    assert losses.bce(0.0, 0.0) == 0.0


@pytest.mark.parametrize("y", TARGETS)
def test_bce_gradient_in_the_logit_matches_torch_autograd_through_the_sigmoid(y):
    # Only |z| <= 25: beyond |z| ~ 27.6, p(1 - p) < 1e-12 and torch's clamp of that
    # denominator changes its gradient; p - y is the exact derivative.
    z = np.linspace(-25.0, 25.0, 501)
    yt = _t(np.full_like(z, y))
    _, ref_g = _grad(lambda zt: F.binary_cross_entropy(torch.sigmoid(zt), yt, reduction="none"), z)
    np.testing.assert_allclose(losses.bce_grad_logit(z, y), ref_g, rtol=1e-8, atol=1e-12)


# -- BCE on logits ----------------------------------------------------------------------
@pytest.mark.parametrize("y", TARGETS)
def test_bce_with_logits_matches_torch_on_moderate_and_extreme_logits(y):
    z = np.concatenate([MODERATE_Z, EXTREME_Z])
    yt = _t(np.full_like(z, y))
    ref, ref_g = _grad(lambda zt: F.binary_cross_entropy_with_logits(zt, yt, reduction="none"), z)
    value = _no_warnings(losses.bce_with_logits, z, y)
    grad = _no_warnings(losses.bce_with_logits_grad_logit, z, y)
    assert np.isfinite(value).all()
    assert np.isfinite(grad).all()
    # atol: for y = 0 and z << 0 torch computes the tiny loss log1p(e^z) as a difference of
    # O(|z|) terms, losing ~|z| * 2e-16 absolutely; the registry's log1p(exp(-|z|)) does not.
    np.testing.assert_allclose(value, ref, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(grad, ref_g, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(_no_warnings(losses.bce_grad_logit, z, y), ref_g, rtol=1e-13)


def test_bce_with_logits_is_bce_of_the_sigmoid_where_that_is_representable():
    # |z| <= 15: rounding p = sigmoid(z) near 1 costs bce(p) ~ 1e-16 / e^-|z| relatively.
    z = np.linspace(-15.0, 15.0, 61)
    p = torch.sigmoid(_t(z)).numpy()
    for y in TARGETS:
        np.testing.assert_allclose(losses.bce_with_logits(z, y), losses.bce(p, y), rtol=1e-9)


# -- the teaching fact ------------------------------------------------------------------
def test_confidently_wrong_prediction_stalls_mse_but_not_cross_entropy():
    mse_g = float(losses.mse_grad_logit(-10.0, 1.0))
    bce_g = float(losses.bce_grad_logit(-10.0, 1.0))
    assert abs(mse_g) < 1e-3
    assert abs(bce_g) == pytest.approx(1.0, abs=1e-4)
    assert mse_g < 0  # both push z up
    assert bce_g < 0
    assert abs(bce_g) > 1000 * abs(mse_g)


# -- softmax cross-entropy --------------------------------------------------------------
temperatures = st.floats(MIN_TEMPERATURE, MAX_TEMPERATURE)
logit_vectors = st.lists(st.floats(-30.0, 30.0), min_size=2, max_size=6).map(np.array)


def _torch_ce(z: np.ndarray, target, t: float) -> tuple[float, np.ndarray]:
    zt = _t(z, grad=True)
    tgt = (
        torch.tensor([target])
        if isinstance(target, int)
        else _t(target).unsqueeze(0)  # probability targets
    )
    loss = F.cross_entropy((zt / t).unsqueeze(0), tgt)
    (g,) = torch.autograd.grad(loss, zt)
    return float(loss.detach()), g.numpy()


@settings(max_examples=50, deadline=None)
@given(z=logit_vectors, t=temperatures, data=st.data())
def test_cross_entropy_with_a_class_index_matches_torch(z, t, data):
    c = data.draw(st.integers(0, z.size - 1))
    ref, ref_g = _torch_ce(z, c, t)
    assert losses.softmax_cross_entropy(z, c, t) == pytest.approx(ref, rel=1e-12, abs=1e-13)
    np.testing.assert_allclose(
        losses.softmax_cross_entropy_grad_logits(z, c, t), ref_g, rtol=1e-10, atol=1e-13
    )


@settings(max_examples=50, deadline=None)
@given(z=logit_vectors, t=temperatures, data=st.data())
def test_cross_entropy_with_probability_targets_matches_torch(z, t, data):
    w = np.array(data.draw(st.lists(st.floats(0.0, 1.0), min_size=z.size, max_size=z.size)))
    w[data.draw(st.integers(0, z.size - 1))] += 0.1  # not all zero
    q = w / w.sum()
    ref, ref_g = _torch_ce(z, q, t)
    assert losses.softmax_cross_entropy(z, q, t) == pytest.approx(ref, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(
        losses.softmax_cross_entropy_grad_logits(z, q, t), ref_g, rtol=1e-10, atol=1e-13
    )


@settings(max_examples=30, deadline=None)
@given(z=st.lists(st.floats(-10.0, 10.0), min_size=2, max_size=6).map(np.array), t=temperatures)
def test_cross_entropy_gradient_in_the_probabilities_matches_torch_autograd(z, t):
    p = torch.softmax(_t(z) / t, dim=-1).detach().numpy()
    target = 1
    y = np.zeros(z.size)
    y[target] = 1.0
    pt = _t(p, grad=True)
    (ref_g,) = torch.autograd.grad(-(_t(y) * torch.log(pt)).sum(), pt)
    g = losses.softmax_cross_entropy_grad_probs(z, target, t)
    np.testing.assert_allclose(g, ref_g.numpy(), rtol=1e-11)


@pytest.mark.parametrize("t", [MIN_TEMPERATURE, 1.0, MAX_TEMPERATURE])
@pytest.mark.parametrize(
    "z",
    [[1e4, 0.0, -1e4], [1e300, -1e300, 0.0], [-1e300, -1e4, 1e4], [1.7e308, -1.7e308, 0.0]],
)
@pytest.mark.parametrize("target", [0, 1, 2])
def test_cross_entropy_on_extreme_logits_gives_no_warning_and_finite_values(z, t, target):
    z = np.array(z)
    value = _no_warnings(losses.softmax_cross_entropy, z, target, t)
    grad = _no_warnings(losses.softmax_cross_entropy_grad_logits, z, target, t)
    assert not np.isnan(value)
    assert value >= 0.0
    assert np.isfinite(grad).all()
    if np.all(np.abs(z) <= 1e300):  # beyond, a gap of 3.4e308 / T makes the loss inf
        assert np.isfinite(value)
        ref, ref_g = _torch_ce(z, target, t)
        assert value == pytest.approx(ref, rel=1e-12)
        np.testing.assert_allclose(grad, ref_g, rtol=1e-12, atol=1e-300)
    # d/dp = -y / p: 0 for the other classes (torch gives 0 * inf = NaN there), and -inf
    # when the target's probability underflowed to 0.
    gp = _no_warnings(losses.softmax_cross_entropy_grad_probs, z, target, t)
    assert not np.isnan(gp).any()
    others = np.arange(z.size) != target
    assert np.all(gp[others] == 0.0)
    assert gp[target] <= -1.0


def test_cross_entropy_temperature_divides_the_gradient():
    z = np.array([2.0, -1.0, 0.5])
    g1 = losses.softmax_cross_entropy_grad_logits(z * 4.0, 0, 4.0)
    g4 = losses.softmax_cross_entropy_grad_logits(z, 0, 1.0)
    np.testing.assert_allclose(g1, g4 / 4.0, rtol=1e-12)
    np.testing.assert_allclose(g4.sum(), 0.0, atol=1e-15)


# -- bad input --------------------------------------------------------------------------
@pytest.mark.parametrize("p", [-0.1, 1.1, [0.5, 2.0]])
def test_bce_rejects_a_prediction_outside_0_1(p):
    with pytest.raises(ValueError, match=r"prediction must be a probability in \[0, 1\]"):
        losses.bce(p, 1.0)
    with pytest.raises(ValueError, match="probability"):
        losses.bce_grad_pred(p, 1.0)


@pytest.mark.parametrize("y", [-0.5, 1.5])
def test_binary_losses_reject_a_target_outside_0_1(y):
    for fn, x in (
        (losses.bce, 0.5),
        (losses.bce_grad_pred, 0.5),
        (losses.bce_grad_logit, 0.0),
        (losses.bce_with_logits, 0.0),
    ):
        with pytest.raises(ValueError, match=r"target must lie in \[0, 1\]"):
            fn(x, y)


@pytest.mark.parametrize(
    ("target", "match"),
    [
        (3, r"target class 3 is outside \[0, 2\]"),
        (-1, r"target class -1 is outside \[0, 2\]"),
        ([0.5, 0.5], "class index or a probability vector"),
        ([0.5, 0.6, -0.1], "class index or a probability vector"),
        ([0.2, 0.2, 0.2], "class index or a probability vector"),
    ],
)
def test_cross_entropy_rejects_a_bad_target(target, match):
    for fn in (
        losses.softmax_cross_entropy,
        losses.softmax_cross_entropy_grad_logits,
        losses.softmax_cross_entropy_grad_probs,
    ):
        with pytest.raises(ValueError, match=match):
            fn([1.0, 2.0, 3.0], target)


def test_cross_entropy_rejects_a_bad_temperature():
    with pytest.raises(ValueError, match="temperature"):
        losses.softmax_cross_entropy([1.0, 2.0], 0, 0.0)

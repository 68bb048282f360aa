"""The activation registry against torch itself: forward and derivative, numerics, bad input.

Every reference value here comes from torch (``torch.nn.functional`` in float64 and its
autograd) or from a limit worked out by hand; nothing compares the registry with itself.
"""

from __future__ import annotations

import inspect
import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch import nn

from core.activations import (
    ACTIVATIONS,
    GROUPS,
    SELU_ALPHA,
    SELU_SCALE,
    Activation,
    get_activation,
)

# fmt: off
ISSUE_IDS = [
    "identity", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "relu6", "elu",
    "selu", "celu", "gelu", "gelu_tanh", "silu", "swish", "hardswish", "hardsigmoid", "mish",
    "softplus", "softsign", "hardtanh", "tanhshrink", "softshrink", "hardshrink", "logsigmoid",
]
# fmt: on

# torch's own functions, called independently of the registry's module().
TORCH_REF = {
    "identity": lambda x: x * 1.0,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda x, negative_slope: F.leaky_relu(x, negative_slope),
    "prelu": lambda x, init: F.prelu(x, torch.tensor([init], dtype=torch.float64)),
    "rrelu": lambda x, lower, upper: F.rrelu(x, lower, upper, training=False),
    "relu6": F.relu6,
    "elu": lambda x, alpha: F.elu(x, alpha),
    "selu": F.selu,
    "celu": lambda x, alpha: F.celu(x, alpha),
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    # torch has no swish(beta); x * sigmoid(beta x) = silu(beta x) / beta.
    "swish": lambda x, beta: F.silu(beta * x) / beta,
    "hardswish": F.hardswish,
    "hardsigmoid": F.hardsigmoid,
    "mish": F.mish,
    "softplus": lambda x, beta, threshold: F.softplus(x, beta, threshold),
    "softsign": F.softsign,
    "hardtanh": lambda x, min_val, max_val: F.hardtanh(x, min_val, max_val),
    "tanhshrink": F.tanhshrink,
    "softshrink": lambda x, lambd: F.softshrink(x, lambd),
    "hardshrink": lambda x, lambd: F.hardshrink(x, lambd),
    "logsigmoid": F.logsigmoid,
}

EXTREMES = np.array([-1.7e308, -1e300, -1e4, 1e4, 1e300, 1.7e308])
GRID = np.linspace(-12.0, 12.0, 2401)  # step 0.01: hits 0, ±0.5, ±3, 6 ... exactly

RTOL = 1e-12
ATOL = 1e-12
# torch's hardsigmoid backward multiplies by the float32 constant 1/6 = 0.1666666716...,
# 3e-8 relative from the float64 value the registry (correctly) uses.
# torch's celu backward uses 1.0 / alpha.toFloat() (derivatives.yaml): a float32 1/alpha,
# whose relative error 6e-8 is multiplied by |x / alpha| (< 28 where f' > atol) in exp(x/alpha).
LOOSE_DERIVATIVE = {"hardsigmoid": 1e-7, "celu": 2e-6}


def torch_reference(act_id: str, x: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """torch's value and autograd derivative at x, in float64."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch may warn where it gives NaN; we check that
        y = TORCH_REF[act_id](xt, **params)
        (g,) = torch.autograd.grad(y.sum(), xt)
    return y.detach().numpy().copy(), g.numpy().copy()


KINKED_AT_0 = {"relu", "leaky_relu", "prelu", "rrelu", "relu6", "elu", "selu"}


def kink_points(act_id: str, params: dict) -> list[float]:
    """Where the derivative may jump, for the given parameter values."""
    pts = [0.0, -0.0] if act_id in KINKED_AT_0 else []
    if act_id == "relu6":
        pts += [6.0]
    if act_id in ("hardswish", "hardsigmoid"):
        pts += [-3.0, 3.0]
    if act_id == "hardtanh":
        pts += [params["min_val"], params["max_val"]]
    if act_id in ("softshrink", "hardshrink"):
        pts += [-params["lambd"], params["lambd"]]
    return pts


def branch_points(act_id: str, params: dict) -> list[float]:
    """kink_points, plus softplus's switch to x at beta x = threshold (torch's shortcut)."""
    pts = kink_points(act_id, params)
    if act_id == "softplus":
        pts += [params["threshold"] / params["beta"]]
    return pts


def sample_points(act_id: str, params: dict) -> np.ndarray:
    """The dense grid, the kinks and points 1e-9 and 1e-6 either side, and the extremes."""
    pts = np.array(branch_points(act_id, params))
    near = np.concatenate([pts + d for d in (-1e-9, -1e-6, 1e-6, 1e-9)])
    return np.concatenate([GRID, pts, near, EXTREMES])


# Where torch itself fails at a finite extreme, the registry must give the limit instead.
def torch_failure_override(act_id: str, x: np.ndarray, f: np.ndarray, d: np.ndarray) -> None:
    big = np.abs(x) >= 1e300
    if act_id == "gelu_tanh":
        # torch: 0.5 * x * (1 - tanh²) * (1 + 3c x²) = inf * 0 = NaN for |x| >= 1e300.
        d[big] = np.where(x[big] > 0, 1.0, 0.0)
    if act_id == "hardswish":
        # torch computes x * (x + 3) / 6 and overflows to inf at 1.7e308; f(x) = x there.
        f[big & (x > 0)] = x[big & (x > 0)]
    if act_id == "swish":
        # Not torch's failure but our reference's: beta * x overflows to ±inf for |x| >= 1e300
        # and beta > 1. There f(x) = x sigmoid(beta x) is x (x > 0) or -0 (x < 0).
        f[big] = np.where(x[big] > 0, x[big], -0.0)
        d[big] = np.where(x[big] > 0, 1.0, 0.0)


@st.composite
def param_values(draw, act: Activation) -> dict:
    """Parameter values inside each ActivationParam's range, meeting the cross-constraints."""
    vals = {
        p.name: draw(st.floats(p.minimum, p.maximum, allow_nan=False, allow_infinity=False))
        for p in act.params
    }
    if act.id == "rrelu":
        vals["lower"], vals["upper"] = sorted((vals["lower"], vals["upper"]))
    if act.id == "hardtanh":
        vals["min_val"], vals["max_val"] = sorted((vals["min_val"], vals["max_val"]))
        assume(vals["min_val"] < vals["max_val"])
    return vals


def assert_matches_torch(act_id: str, params: dict) -> None:
    act = get_activation(act_id)
    x = sample_points(act_id, params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = act.forward(x, **params)
        d = act.derivative(x, **params)
    rf, rd = torch_reference(act_id, x, params)
    torch_failure_override(act_id, x, rf, rd)
    np.testing.assert_allclose(f, rf, rtol=RTOL, atol=ATOL, err_msg=f"{act_id} forward {params}")
    rtol_d = LOOSE_DERIVATIVE.get(act_id, RTOL)
    np.testing.assert_allclose(d, rd, rtol=rtol_d, atol=ATOL, err_msg=f"{act_id} f' {params}")
    # At every kink the derivative follows torch's autograd convention exactly.
    k = np.array(kink_points(act_id, params))
    _, rdk = torch_reference(act_id, k, params)
    np.testing.assert_array_equal(
        act.derivative(k, **params), rdk, err_msg=f"{act_id} f' at kinks {params}"
    )


PARAMETRIZED = [a for a in ACTIVATIONS if ACTIVATIONS[a].params]


# -- 5. the registry holds the issue's ids, with torch's names and defaults --------------
def test_every_issue_id_is_in_the_registry():
    missing = [a for a in ISSUE_IDS if a not in ACTIVATIONS]
    assert not missing, f"missing activations: {missing}"


def test_every_activation_has_a_torch_reference_in_these_tests():
    assert set(ACTIVATIONS) == set(TORCH_REF)


def test_every_activation_belongs_to_a_known_group():
    groups = {g for g, _, _ in GROUPS}
    assert all(a.group in groups for a in ACTIVATIONS.values())


TORCH_CLASSES = {
    "leaky_relu": nn.LeakyReLU,
    "prelu": nn.PReLU,
    "rrelu": nn.RReLU,
    "elu": nn.ELU,
    "celu": nn.CELU,
    "softplus": nn.Softplus,
    "hardtanh": nn.Hardtanh,
    "softshrink": nn.Softshrink,
    "hardshrink": nn.Hardshrink,
}


@pytest.mark.parametrize("act_id", sorted(TORCH_CLASSES))
def test_parameter_names_and_defaults_are_torchs(act_id):
    sig = inspect.signature(TORCH_CLASSES[act_id].__init__).parameters
    for p in get_activation(act_id).params:
        assert p.name in sig, f"{act_id}: torch has no parameter {p.name!r}"
        assert p.default == sig[p.name].default, f"{act_id}.{p.name}"
        assert p.minimum <= p.default <= p.maximum


@pytest.mark.parametrize(
    ("act_id", "expected"),
    [
        ("leaky_relu", {"negative_slope": 0.01}),
        ("elu", {"alpha": 1.0}),
        ("softplus", {"beta": 1.0, "threshold": 20.0}),
        ("hardtanh", {"min_val": -1.0, "max_val": 1.0}),
        ("softshrink", {"lambd": 0.5}),
        ("hardshrink", {"lambd": 0.5}),
        ("rrelu", {"lower": 1.0 / 8.0, "upper": 1.0 / 3.0}),
        ("prelu", {"init": 0.25}),
        ("celu", {"alpha": 1.0}),
        ("swish", {"beta": 1.0}),
    ],
)
def test_defaults_are_the_documented_values(act_id, expected):
    assert get_activation(act_id).defaults() == expected


@pytest.mark.parametrize("x", [-1.0, -5.0, -0.3, 0.7, 2.0])
def test_selu_constants_equal_torchs(x):
    ref = float(nn.SELU()(torch.tensor(x, dtype=torch.float64)))
    assert float(get_activation("selu").forward(x)) == pytest.approx(ref, rel=1e-15)
    assert float(F.selu(torch.tensor(1.0, dtype=torch.float64))) == pytest.approx(SELU_SCALE)
    # For x << 0, selu(x) = -scale * alpha.
    sat = -float(F.selu(torch.tensor(-1000.0, dtype=torch.float64)))
    assert sat == pytest.approx(SELU_SCALE * SELU_ALPHA, rel=1e-15)


def test_swish_at_beta_1_is_silu():
    x = sample_points("swish", {"beta": 1.0})
    swish = get_activation("swish")
    silu = get_activation("silu")
    np.testing.assert_array_equal(swish.forward(x, beta=1.0), silu.forward(x))
    np.testing.assert_array_equal(swish.derivative(x, beta=1.0), silu.derivative(x))
    rf, _ = torch_reference("silu", x, {})
    np.testing.assert_allclose(swish.forward(x, beta=1.0), rf, rtol=RTOL, atol=ATOL)


# nn.PReLU stores its slope as a float32 parameter: init is rounded to float32 (rel. 6e-8).
MODULE_RTOL = {"prelu": 6e-8}


def _module_output(act: Activation, x: np.ndarray, params: dict) -> np.ndarray:
    m = act.module(**params).double()
    m.eval()  # rrelu's curve is its evaluation-mode mean slope
    with torch.no_grad():
        return m(torch.tensor(x, dtype=torch.float64)).numpy()


@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
def test_module_is_a_torch_module_matching_forward_at_defaults(act_id):
    act = get_activation(act_id)
    m = act.module()
    assert isinstance(m, nn.Module)
    if act_id in TORCH_CLASSES:
        assert isinstance(m, TORCH_CLASSES[act_id])
    x = np.linspace(-8.0, 8.0, 801)
    rtol = MODULE_RTOL.get(act_id, RTOL)
    np.testing.assert_allclose(_module_output(act, x, {}), act.forward(x), rtol=rtol, atol=ATOL)


@pytest.mark.parametrize("act_id", PARAMETRIZED)
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_module_matches_forward_at_drawn_parameters(act_id, data):
    act = get_activation(act_id)
    params = data.draw(param_values(act))
    x = np.linspace(-8.0, 8.0, 401)
    rtol = MODULE_RTOL.get(act_id, RTOL)
    np.testing.assert_allclose(
        _module_output(act, x, params), act.forward(x, **params), rtol=rtol, atol=ATOL
    )


def test_module_is_a_fresh_instance_and_only_prelu_learns():
    for act_id, act in ACTIVATIONS.items():
        assert act.module() is not act.module()
        learns = any(p.requires_grad for p in act.module().parameters())
        assert learns == act.learnable == (act_id == "prelu")
        assert act.random_in_training == (act_id == "rrelu")


def test_prelu_module_weight_is_the_init_parameter():
    m = get_activation("prelu").module(init=0.37)
    assert m.weight.numel() == 1
    assert float(m.weight.detach()) == pytest.approx(0.37, rel=1e-7)  # a float32 parameter
    assert m.weight.requires_grad


def test_rrelu_module_draws_slopes_inside_the_band_in_training():
    m = get_activation("rrelu").module(lower=0.1, upper=0.3)
    m.train()
    x = -torch.ones(20000, dtype=torch.float64)
    slopes = -m(x)
    assert float(slopes.min()) >= 0.1
    assert float(slopes.max()) <= 0.3
    assert float(slopes.std()) > 0.03  # random, not fixed at the mean


# -- 1. forward and derivative against torch --------------------------------------------
@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
def test_forward_and_derivative_match_torch_at_defaults(act_id):
    assert_matches_torch(act_id, get_activation(act_id).defaults())


@pytest.mark.parametrize("act_id", PARAMETRIZED)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_forward_and_derivative_match_torch_at_drawn_parameters(act_id, data):
    assert_matches_torch(act_id, data.draw(param_values(get_activation(act_id))))


@pytest.mark.parametrize(
    ("act_id", "params"),
    [
        ("leaky_relu", {"negative_slope": 0.0}),
        ("leaky_relu", {"negative_slope": 1.0}),
        ("prelu", {"init": 0.0}),
        ("rrelu", {"lower": 0.2, "upper": 0.2}),
        ("rrelu", {"lower": 0.0, "upper": 1.0}),
        ("elu", {"alpha": 0.0}),
        ("elu", {"alpha": 5.0}),
        ("celu", {"alpha": 0.05}),
        ("swish", {"beta": 0.1}),
        ("swish", {"beta": 10.0}),
        ("softplus", {"beta": 10.0, "threshold": 10.0}),
        ("softplus", {"beta": 0.1, "threshold": 50.0}),
        ("hardtanh", {"min_val": -5.0, "max_val": 5.0}),
        ("hardtanh", {"min_val": 0.5, "max_val": 0.51}),
        ("softshrink", {"lambd": 0.0}),
        ("softshrink", {"lambd": 5.0}),
        ("hardshrink", {"lambd": 0.0}),
        ("hardshrink", {"lambd": 5.0}),
    ],
)
def test_forward_and_derivative_match_torch_at_parameter_edges(act_id, params):
    assert_matches_torch(act_id, params)


def test_derivative_matches_a_finite_difference_of_torch_forward():
    """Guards the autograd reference itself: it is the slope of torch's own curve."""
    x = np.linspace(-6.0, 6.0, 97) + 0.013  # away from every kink
    h = 1e-6
    for act_id, act in ACTIVATIONS.items():
        p = act.defaults()
        up, _ = torch_reference(act_id, x + h, p)
        down, _ = torch_reference(act_id, x - h, p)
        np.testing.assert_allclose(act.derivative(x), (up - down) / (2 * h), atol=1e-6)


# -- 2. numerics --------------------------------------------------------------------------
def _limits(act_id: str, p: dict) -> tuple[float, float, float, float]:
    """(f(-inf), f(inf), f'(-inf), f'(inf)), worked out by hand."""
    inf = math.inf
    slope = {"leaky_relu": "negative_slope", "prelu": "init"}
    if act_id in slope or act_id == "rrelu":
        a = p[slope[act_id]] if act_id in slope else (p["lower"] + p["upper"]) / 2
        return (-inf if a > 0 else 0.0), inf, a, 1.0
    table = {
        "identity": (-inf, inf, 1.0, 1.0),
        "sigmoid": (0.0, 1.0, 0.0, 0.0),
        "tanh": (-1.0, 1.0, 0.0, 0.0),
        "relu": (0.0, inf, 0.0, 1.0),
        "relu6": (0.0, 6.0, 0.0, 0.0),
        "elu": (-p.get("alpha", 0), inf, 0.0, 1.0),
        "selu": (-SELU_SCALE * SELU_ALPHA, inf, 0.0, SELU_SCALE),
        "celu": (-p.get("alpha", 0), inf, 0.0, 1.0),
        "gelu": (0.0, inf, 0.0, 1.0),
        "gelu_tanh": (0.0, inf, 0.0, 1.0),
        "silu": (0.0, inf, 0.0, 1.0),
        "swish": (0.0, inf, 0.0, 1.0),
        "hardswish": (0.0, inf, 0.0, 1.0),
        "hardsigmoid": (0.0, 1.0, 0.0, 0.0),
        "mish": (0.0, inf, 0.0, 1.0),
        "softplus": (0.0, inf, 0.0, 1.0),
        "softsign": (-1.0, 1.0, 0.0, 0.0),
        "hardtanh": (p.get("min_val", 0), p.get("max_val", 0), 0.0, 0.0),
        "tanhshrink": (-inf, inf, 1.0, 1.0),
        "softshrink": (-inf, inf, 1.0, 1.0),
        "hardshrink": (-inf, inf, 1.0, 1.0),
        "logsigmoid": (-inf, 0.0, 1.0, 0.0),
    }
    return table[act_id]


INF_CASES = [(a, ACTIVATIONS[a].defaults()) for a in sorted(ACTIVATIONS)] + [
    ("leaky_relu", {"negative_slope": 0.0}),
    ("elu", {"alpha": 3.0}),
    ("celu", {"alpha": 0.05}),
    ("rrelu", {"lower": 0.0, "upper": 0.0}),
    ("swish", {"beta": 10.0}),
    ("hardtanh", {"min_val": -4.0, "max_val": 2.5}),
    ("softplus", {"beta": 0.1, "threshold": 10.0}),
]


@pytest.mark.parametrize(("act_id", "params"), INF_CASES)
def test_infinities_give_the_mathematical_limits(act_id, params):
    # torch gives NaN here for gelu(-inf), gelu'(±inf), silu/swish/mish/softsign at ±inf,
    # so the reference is the limit, not torch.
    act = get_activation(act_id)
    x = np.array([-math.inf, math.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = act.forward(x, **params)
        d = act.derivative(x, **params)
    lo, hi, dlo, dhi = _limits(act_id, params)
    assert f.tolist() == [lo, hi]
    assert d.tolist() == [dlo, dhi]


@pytest.mark.parametrize("act_id", PARAMETRIZED)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_infinities_and_nan_at_drawn_parameters(act_id, data):
    act = get_activation(act_id)
    params = data.draw(param_values(act))
    x = np.array([-math.inf, math.inf, math.nan])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = act.forward(x, **params)
        d = act.derivative(x, **params)
    lo, hi, dlo, dhi = _limits(act_id, params)
    assert f[:2].tolist() == [lo, hi]
    assert d[:2].tolist() == [dlo, dhi]
    assert np.isnan(f[2])
    assert np.isnan(d[2])


@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
def test_extremes_and_dense_grid_give_no_warning_and_no_nan(act_id):
    act = get_activation(act_id)
    x = np.concatenate([EXTREMES, np.linspace(-50.0, 50.0, 10001)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = act.forward(x)
        d = act.derivative(x)
    assert not np.isnan(f).any()
    assert not np.isnan(d).any()
    assert np.isfinite(d).all()
    # Far out, the values sit at their limits: the derivative has reached f'(±inf).
    _, _, dlo, dhi = _limits(act_id, act.defaults())
    assert d[:2].tolist() == [dlo, dlo]
    assert d[4:6].tolist() == [dhi, dhi]


@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
def test_nan_propagates_through_forward_and_derivative(act_id):
    act = get_activation(act_id)
    x = np.array([np.nan, 0.5, np.nan, -2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = act.forward(x)
        d = act.derivative(x)
    assert np.isnan(f).tolist() == [True, False, True, False]
    assert np.isnan(d).tolist() == [True, False, True, False]
    assert np.isnan(act.forward(np.nan))
    assert np.isnan(act.derivative(np.nan))


def test_scalars_give_0d_arrays_and_shapes_are_kept():
    act = get_activation("elu")
    assert act.forward(1.5).shape == ()
    x = np.zeros((3, 4))
    assert act.forward(x).shape == (3, 4)
    assert get_activation("identity").derivative(x).shape == (3, 4)


# -- 4. bad input -------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["nope", "ReLU", "", None, 3, ("relu",)])
def test_unknown_activation_id_is_a_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="unknown activation") as info:
        get_activation(bad)
    assert repr(bad) in str(info.value)
    assert "relu" in str(info.value)  # lists the known ids


def test_unhashable_activation_id_is_a_value_error():
    with pytest.raises(ValueError, match="unknown activation"):
        get_activation(["relu"])


def test_unknown_parameter_is_rejected_with_the_allowed_ones():
    with pytest.raises(ValueError, match="unknown parameter") as info:
        get_activation("elu").forward(1.0, alfa=1.0)
    msg = str(info.value)
    assert "elu" in msg
    assert "'alfa'" in msg
    assert "alpha in [0, 5]" in msg
    with pytest.raises(ValueError, match=r"relu: unknown parameter 'alpha'; it takes no"):
        get_activation("relu").resolve_params({"alpha": 1.0})


@pytest.mark.parametrize("act_id", PARAMETRIZED)
def test_out_of_range_values_are_rejected_not_clamped(act_id):
    act = get_activation(act_id)
    for p in act.params:
        rng = f"[{p.minimum:g}, {p.maximum:g}]"
        for bad in (
            np.nextafter(p.maximum, math.inf),
            np.nextafter(p.minimum, -math.inf),
            p.maximum + 1.0,
            math.inf,
            -math.inf,
        ):
            with pytest.raises(ValueError, match="outside its allowed range") as info:
                act.resolve_params({p.name: float(bad)})
            msg = str(info.value)
            assert act_id in msg
            assert repr(p.name) in msg
            assert rng in msg
            with pytest.raises(ValueError, match=act_id):
                act.forward(0.0, **{p.name: float(bad)})
            with pytest.raises(ValueError, match=act_id):
                act.module(**{p.name: float(bad)})


def test_elu_alpha_just_above_the_maximum_raises():
    with pytest.raises(ValueError, match=r"elu: parameter 'alpha' = 5\.0001 .*\[0, 5\]"):
        get_activation("elu").derivative(-1.0, alpha=5.0001)


@pytest.mark.parametrize("bad", [math.nan, True, False, "0.5", None, [0.5], 1j])
def test_non_numeric_or_nan_parameter_values_are_rejected(bad):
    with pytest.raises(ValueError, match="lambd") as info:
        get_activation("softshrink").resolve_params({"lambd": bad})
    msg = str(info.value)
    assert "softshrink" in msg
    assert "'lambd'" in msg
    assert "[0, 5]" in msg


def test_numpy_numbers_are_accepted_as_parameters():
    out = get_activation("leaky_relu").resolve_params({"negative_slope": np.float32(0.5)})
    assert out == {"negative_slope": 0.5}
    assert get_activation("softshrink").resolve_params({"lambd": np.int64(2)}) == {"lambd": 2.0}


def test_a_missing_parameter_is_an_error_when_complete_is_required():
    act = get_activation("softplus")
    assert act.resolve_params({"beta": 2.0}) == {"beta": 2.0, "threshold": 20.0}
    with pytest.raises(ValueError, match="missing parameter") as info:
        act.resolve_params({"beta": 2.0}, complete=True)
    msg = str(info.value)
    assert "softplus" in msg
    assert "'threshold'" in msg
    assert "[10, 50]" in msg
    assert act.resolve_params({"beta": 2.0, "threshold": 15}, complete=True)["threshold"] == 15.0


def test_rrelu_lower_above_upper_is_rejected():
    act = get_activation("rrelu")
    with pytest.raises(ValueError, match=r"rrelu: lower \(0\.4\) must not exceed upper \(0\.3\)"):
        act.resolve_params({"lower": 0.4, "upper": 0.3})
    with pytest.raises(ValueError, match="rrelu"):
        act.forward(-1.0, lower=0.5)  # default upper is 1/3
    assert act.resolve_params({"lower": 0.3, "upper": 0.3}) == {"lower": 0.3, "upper": 0.3}


@pytest.mark.parametrize(("lo", "hi"), [(1.0, 1.0), (2.0, -2.0), (0.0, -1e-9)])
def test_hardtanh_min_val_must_be_below_max_val(lo, hi):
    with pytest.raises(ValueError, match=r"hardtanh: min_val .* must be less than max_val"):
        get_activation("hardtanh").resolve_params({"min_val": lo, "max_val": hi})
    with pytest.raises(ValueError, match="hardtanh"):
        get_activation("hardtanh").facts(min_val=lo, max_val=hi)

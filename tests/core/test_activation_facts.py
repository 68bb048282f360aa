"""Teaching facts checked by computation, not restated.

Each fact the registry states (ranges, slopes, monotonicity, zero-centring, kinks) and each
number the notes in core/activation_notes.py quote is measured here on dense grids, by
quadrature, or against torch.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.activation_notes import NOTES
from core.activations import ACTIVATIONS, SELU_ALPHA, SELU_SCALE, get_activation
from tests.core.test_activations import LOOSE_DERIVATIVE, param_values, torch_reference

# Defaults for every activation, plus parameter values where the facts change.
FACT_CASES = [(a, {}) for a in sorted(ACTIVATIONS)] + [
    ("leaky_relu", {"negative_slope": 0.0}),
    ("leaky_relu", {"negative_slope": 0.3}),
    ("leaky_relu", {"negative_slope": 1.0}),
    ("prelu", {"init": 0.6}),
    ("prelu", {"init": 1.0}),
    ("rrelu", {"lower": 0.0, "upper": 0.0}),
    ("rrelu", {"lower": 0.2, "upper": 0.9}),
    ("rrelu", {"lower": 1.0, "upper": 1.0}),
    ("elu", {"alpha": 0.0}),
    ("elu", {"alpha": 0.5}),
    ("elu", {"alpha": 3.0}),
    ("celu", {"alpha": 0.2}),
    ("celu", {"alpha": 2.0}),
    ("swish", {"beta": 0.3}),
    ("swish", {"beta": 10.0}),
    ("softplus", {"beta": 4.0, "threshold": 50.0}),
    ("hardtanh", {"min_val": -2.0, "max_val": 2.0}),
    ("hardtanh", {"min_val": -1.0, "max_val": 3.0}),
    ("hardtanh", {"min_val": 0.5, "max_val": 4.0}),
    ("softshrink", {"lambd": 0.0}),
    ("softshrink", {"lambd": 2.0}),
    ("hardshrink", {"lambd": 0.0}),
    ("hardshrink", {"lambd": 2.0}),
]
CASE_IDS = [
    f"{a}-{'-'.join(f'{k}={v:g}' for k, v in p.items()) or 'defaults'}" for a, p in FACT_CASES
]
cases = pytest.mark.parametrize(("act_id", "params"), FACT_CASES, ids=CASE_IDS)


def _declared_points(act_id: str, params: dict) -> list[float]:
    facts = get_activation(act_id).facts(**params)
    return sorted(set(facts.kinks) | set(facts.discontinuities))


def _sup_grid(act_id: str, params: dict) -> np.ndarray:
    """A dense grid over [-60, 60], approaching every kink from both sides."""
    pts = _declared_points(act_id, params)
    eps = 10.0 ** -np.arange(3, 13)
    near = [p + s * e for p in pts for s in (-1, 1) for e in eps]
    mids = [(a + b) / 2 for a, b in itertools.pairwise(pts)]  # inside a 1e-30 hardtanh band
    grid = np.linspace(-60.0, 60.0, 240001)
    return np.sort(np.concatenate([grid, near, mids, [-1e6, 1e6]]))


def _refine(fn, x: np.ndarray, values: np.ndarray, *, largest: bool) -> tuple[float, float]:
    """Polish the grid extremum of ``values`` on a grid 1e4 times finer around it."""
    i = int(np.argmax(values) if largest else np.argmin(values))
    fine = np.linspace(x[i] - 1e-3, x[i] + 1e-3, 20001)
    v = fn(fine)
    j = int(np.argmax(v) if largest else np.argmin(v))
    if (v[j] > values[i]) if largest else (v[j] < values[i]):
        return float(v[j]), float(fine[j])
    return float(values[i]), float(x[i])


# -- max |f'| -------------------------------------------------------------------------------
def check_max_abs_derivative(act_id: str, params: dict) -> None:
    act = get_activation(act_id)
    x = _sup_grid(act_id, params)
    d = np.abs(act.derivative(x, **params))
    found, _ = _refine(lambda t: np.abs(act.derivative(t, **params)), x, d, largest=True)
    claimed = act.max_abs_derivative(**params)
    assert claimed == act.facts(**params).max_abs_derivative
    # Never exceeded ...
    assert found <= claimed * (1 + 1e-12), f"|f'| reaches {found} > {claimed}"
    # ... and attained or approached (softplus as x -> inf, hardswish at 3 from the left).
    assert found == pytest.approx(claimed, rel=1e-9, abs=1e-12)


@cases
def test_max_abs_derivative_is_the_supremum_found_numerically(act_id, params):
    check_max_abs_derivative(act_id, params)


def test_sigmoid_max_derivative_is_one_quarter_at_zero():
    x = np.linspace(-20.0, 20.0, 400001)
    d = get_activation("sigmoid").derivative(x)
    assert d.max() == 0.25
    assert x[np.argmax(d)] == 0.0
    assert get_activation("sigmoid").max_abs_derivative() == 0.25


def test_hardswish_slope_approaches_1_5_only_from_the_left_of_3():
    hs = get_activation("hardswish")
    left = hs.derivative(3.0 - 10.0 ** -np.arange(1, 13))
    assert np.all(left < 1.5)
    assert left[-1] == pytest.approx(1.5, abs=1e-11)
    assert hs.derivative(3.0) == 1.0  # torch's convention at the kink: the right-hand slope


# -- output range ---------------------------------------------------------------------------
def check_output_range(act_id: str, params: dict) -> None:
    act = get_activation(act_id)
    rng = act.output_range(**params)
    grid = _sup_grid(act_id, params)
    moderate = grid[np.abs(grid) <= 60.0]
    x = np.concatenate([grid, [-1e300, 1e300, -1.7e308, 1.7e308]])
    f = act.forward(x, **params)
    f_inf = act.forward(np.array([-math.inf, math.inf]), **params)
    tol = 1e-13
    assert f.min() >= rng.low - tol
    assert f.max() <= rng.high + tol
    for end, closed, sign in ((rng.low, rng.low_closed, 1.0), (rng.high, rng.high_closed, -1.0)):
        if math.isinf(end):
            assert not closed
            # Unbounded: the function really goes there.
            assert end in f_inf.tolist()
            continue

        def lowest(t, s=sign):
            return s * act.forward(t, **params)

        if closed:
            # A closed end is attained at a moderate x ...
            reached, _ = _refine(lowest, moderate, lowest(moderate), largest=False)
        else:
            # ... an open one approached far out (softsign only as x -> ±1e300) ...
            reached, _ = _refine(lowest, x, sign * f, largest=False)
            # ... and not attained anywhere its value is distinguishable in float64 (on
            # [-1, 1] all are: celu at alpha = 0.05 already rounds to -alpha at x = -2).
            inner = lowest(np.linspace(-1.0, 1.0, 2001))
            if end == 0.0 or abs(end) >= np.finfo(np.float64).tiny:  # not subnormal (elu at
                # alpha = 5e-324 rounds to -alpha: no float lies between)
                assert np.all(inner > sign * end), f"{act_id}: open end {end} attained"
        # Constants such as gelu's minimum are stated to float64 precision: 1e-14 (closed);
        # an open end is only approached, to 1e-12 within the grid.
        tol_end = 1e-14 if closed else 1e-12
        assert sign * reached == pytest.approx(end, abs=tol_end), f"{act_id}: end {end}"


@cases
def test_output_range_matches_sampled_values(act_id, params):
    check_output_range(act_id, params)


PARAMETRIZED = sorted(a for a in ACTIVATIONS if ACTIVATIONS[a].params)


@pytest.mark.parametrize("act_id", PARAMETRIZED)
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_max_abs_derivative_and_range_hold_at_drawn_parameters(act_id, data):
    params = data.draw(param_values(get_activation(act_id)))
    check_max_abs_derivative(act_id, params)
    check_output_range(act_id, params)


@pytest.mark.parametrize(
    ("act_id", "params", "text"),
    [
        ("sigmoid", {}, "(0, 1)"),
        ("relu", {}, "[0, ∞)"),
        ("relu6", {}, "[0, 6]"),
        ("tanhshrink", {}, "(-∞, ∞)"),
        ("hardtanh", {"min_val": -2.0, "max_val": 0.5}, "[-2, 0.5]"),
        ("hardshrink", {"lambd": 0.5}, "(−∞, −0.5) ∪ {0} ∪ (0.5, ∞)"),
    ],
)
def test_output_range_text(act_id, params, text):
    assert str(get_activation(act_id).output_range(**params)) == text


def test_hardshrink_output_has_a_gap_between_zero_and_lambda():
    f = get_activation("hardshrink").forward(np.linspace(-5.0, 5.0, 100001), lambd=0.5)
    nonzero = np.abs(f[f != 0.0])
    assert nonzero.min() > 0.5


# -- monotonicity, zero-centring ------------------------------------------------------------
@cases
def test_monotonic_matches_the_sign_of_the_sampled_derivative(act_id, params):
    act = get_activation(act_id)
    x = np.linspace(-30.0, 30.0, 600001)
    d = act.derivative(x, **params)
    steps = np.diff(act.forward(x, **params))
    if act.facts(**params).monotonic:
        assert d.min() >= 0.0
        assert steps.min() >= 0.0
    else:
        assert d.min() < -1e-3
        assert steps.min() < 0.0


# The mean of f(Z) for Z ~ N(0, 1), by the trapezoid rule on [-40, 40] with step 1e-4.
_ZX = np.linspace(-40.0, 40.0, 800001)
_PHI = np.exp(-0.5 * _ZX * _ZX) / math.sqrt(2.0 * math.pi)


def normal_moments(act_id: str, params: dict) -> tuple[float, float]:
    f = get_activation(act_id).forward(_ZX, **params)
    mean = float(np.trapezoid(f * _PHI, _ZX))
    second = float(np.trapezoid(f * f * _PHI, _ZX))
    return mean, second - mean * mean


def test_quadrature_is_accurate_on_known_moments():
    """Guards the quadrature: E[relu(Z)] = 1/√(2π), E[sigmoid(Z)] = 1/2, Var[Z] = 1."""
    assert normal_moments("relu", {})[0] == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-9)
    assert normal_moments("sigmoid", {})[0] == pytest.approx(0.5, abs=1e-9)
    assert normal_moments("identity", {})[1] == pytest.approx(1.0, abs=1e-9)


@cases
def test_zero_centred_means_zero_mean_output_for_standard_normal_input(act_id, params):
    mean, _ = normal_moments(act_id, params)
    if get_activation(act_id).facts(**params).zero_centred:
        assert abs(mean) < 1e-3
    else:
        assert abs(mean) > 0.05


# -- kinks and discontinuities --------------------------------------------------------------
_H = 5e-5
# Offset so that no sample sits exactly on a kink: the one-point convention there (e.g.
# softshrink's f'(0) = 0 at lambd = 0) is not a jump of the derivative.
_KX = -10.0 + _H * (np.arange(400001) + 0.3721)


def _jump_points(values: np.ndarray, threshold: float) -> list[float]:
    """Midpoints of the grid intervals where ``values`` jumps by more than threshold."""
    idx = np.nonzero(np.abs(np.diff(values)) > threshold)[0]
    groups = np.split(idx, np.nonzero(np.diff(idx) > 1)[0] + 1) if idx.size else []
    return [float(_KX[g].mean() + _H / 2) for g in groups]


def _assert_same_points(found: list[float], declared: list[float], what: str) -> None:
    assert len(found) == len(declared), f"{what}: found {found}, declared {declared}"
    for f, d in zip(found, sorted(declared), strict=True):
        assert abs(f - d) <= _H, f"{what}: found {f}, declared {d}"


@cases
def test_kinks_and_discontinuities_are_where_the_curve_breaks(act_id, params):
    act = get_activation(act_id)
    facts = act.facts(**params)
    f = act.forward(_KX, **params)
    d = act.derivative(_KX, **params)
    # A smooth derivative moves by at most max|f''| * h < 5e-4 between samples here.
    _assert_same_points(
        _jump_points(d, 1e-3), list(facts.kinks) + list(facts.discontinuities), "f' jumps"
    )
    # A continuous f moves by at most max|f'| * h between samples.
    f_step = 10.0 * facts.max_abs_derivative * _H
    _assert_same_points(_jump_points(f, f_step), list(facts.discontinuities), "f jumps")
    assert facts.smooth == (not facts.kinks and not facts.discontinuities)


def test_softplus_threshold_shortcut_jump_is_negligible_at_the_default_threshold():
    """torch returns x once beta*x > threshold: at threshold 20 the jump is 2e-9, which the
    facts (smooth, monotonic) ignore; a small threshold makes it visible (see the report)."""
    sp = get_activation("softplus")
    below = float(sp.forward(20.0))  # beta*x = threshold: still the log formula
    above = float(sp.forward(np.nextafter(20.0, 30.0)))
    assert 0 < below - above < 1e-8


@pytest.mark.parametrize(
    ("act_id", "params", "text"),
    [
        ("gelu", {}, "smooth"),
        ("relu", {}, "kinks at x = 0"),
        ("relu6", {}, "kinks at x = 0, 6"),
        ("hardshrink", {"lambd": 0.5}, "jumps at x = -0.5, 0.5"),
        ("elu", {"alpha": 1.0}, "smooth"),
        ("elu", {"alpha": 2.0}, "kinks at x = 0"),
    ],
)
def test_smoothness_text(act_id, params, text):
    assert get_activation(act_id).facts(**params).smoothness_text == text


# -- values at 0, band, notes ---------------------------------------------------------------
@cases
def test_values_at_zero_are_torchs(act_id, params):
    act = get_activation(act_id)
    facts = act.facts(**params)
    full = act.resolve_params(params)
    f0, d0 = torch_reference(act_id, np.array([0.0]), full)
    assert facts.f_at_0 == float(act.forward(0.0, **params)) == f0[0]
    assert facts.derivative_at_0 == float(act.derivative(0.0, **params))
    # hardsigmoid/celu: torch's float32 constants, see test_activations.LOOSE_DERIVATIVE.
    rtol = LOOSE_DERIVATIVE.get(act_id, 0.0)
    assert facts.derivative_at_0 == pytest.approx(d0[0], rel=rtol, abs=0.0)


def test_only_rrelu_has_a_random_slope_band():
    for act_id, act in ACTIVATIONS.items():
        band = act.facts().random_slope_band
        assert (band is not None) == (act_id == "rrelu")
    assert get_activation("rrelu").facts(lower=0.1, upper=0.4).random_slope_band == (0.1, 0.4)


_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("act_id", sorted(ACTIVATIONS))
def test_every_activation_has_notes_in_both_languages_and_formulas(act_id):
    act = get_activation(act_id)
    facts = act.facts()
    assert len(facts.note_en.strip()) > 40
    assert _CJK.search(facts.note_zh), "the Chinese note has no Chinese characters"
    assert not _CJK.search(facts.note_en), "the English note has Chinese characters"
    assert facts.formula_latex.strip()
    assert facts.formula_text.strip()
    assert act.name.strip()


# ASCII , ; : ( ) touching a Chinese character: Chinese prose takes the full-width marks
# (，；：（）), as the UI's translations and the preset texts do; formulas such as
# "(0, 1)" or "f'(0) = 1" keep ASCII.
_ASCII_MARK_IN_PROSE = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")


def _chinese_texts() -> list[tuple[str, str]]:
    texts = [(f"note of {aid}", zh) for aid, (_en, zh) in NOTES.items()]
    for act in ACTIVATIONS.values():
        texts += [(f"{act.id}.{p.name}", p.description_zh) for p in act.params]
        texts.append((f"name of {act.id}", act.display_name("zh_CN")))
    return texts


def test_chinese_texts_use_full_width_punctuation():
    bad = [
        (where, m.group())
        for where, text in _chinese_texts()
        for m in _ASCII_MARK_IN_PROSE.finditer(text)
    ]
    assert not bad, bad


def test_names_with_an_english_gloss_have_a_chinese_name():
    """ "RReLU (randomized leaky)" is translated; a plain name (ReLU, Softplus) is not."""
    for act in ACTIVATIONS.values():
        shown = act.display_name("zh_CN")
        assert (shown != act.name) == ("(" in act.name), act.id
        assert act.display_name("en") == act.name
    assert get_activation("gelu_tanh").display_name("zh_CN") == "GELU（tanh 近似）"
    assert get_activation("relu").display_name("zh_CN") == "ReLU"


def test_notes_cover_exactly_the_registry():
    assert set(NOTES) == set(ACTIVATIONS)


# -- numbers quoted in the notes ------------------------------------------------------------
_X = np.linspace(-30.0, 30.0, 600001)  # step 1e-4


def _min_of(act_id: str, **params) -> tuple[float, float]:
    act = get_activation(act_id)
    return _refine(lambda t: act.forward(t, **params), _X, act.forward(_X, **params), largest=False)


def _peak_slope(act_id: str, **params) -> float:
    act = get_activation(act_id)
    d = act.derivative(_X, **params)
    return _refine(lambda t: act.derivative(t, **params), _X, d, largest=True)[0]


def test_ten_sigmoid_layers_shrink_the_gradient_to_about_1e_minus_6():
    peak = _peak_slope("sigmoid")
    assert peak == 0.25
    assert 5e-7 < peak**10 < 2e-6  # "0.25^10 ≈ 1e-6"


def test_sigmoid_saturates_beyond_5():
    d = get_activation("sigmoid").derivative(_X[np.abs(_X) >= 5.0])
    assert d.max() < 0.007  # "|x| > 5 (f' < 0.007)"
    assert d.max() > 0.006  # and the bound is tight, not vacuous


def test_tanh_saturates_beyond_3_and_is_a_rescaled_sigmoid():
    tanh = get_activation("tanh")
    assert tanh.derivative(_X[np.abs(_X) >= 3.0]).max() < 0.01
    assert float(tanh.derivative(0.0)) == 1.0
    sig = get_activation("sigmoid")
    np.testing.assert_allclose(tanh.forward(_X), 2 * sig.forward(2 * _X) - 1, atol=4e-16)


def test_gelu_dips_to_minus_0_17_near_minus_0_75_with_peak_slope_1_13():
    low, at = _min_of("gelu")
    assert round(low, 2) == -0.17
    assert abs(at + 0.75) < 0.01
    assert round(_peak_slope("gelu"), 2) == 1.13


def test_gelu_tanh_is_within_0_0005_of_gelu_everywhere():
    x = np.linspace(-60.0, 60.0, 240001)
    diff = np.abs(get_activation("gelu_tanh").forward(x) - get_activation("gelu").forward(x))
    assert diff.max() < 0.0005
    assert diff.max() > 1e-5  # it is an approximation, not the same function


def test_silu_minimum_is_minus_0_278_at_minus_1_28_with_peak_slope_1_10():
    low, at = _min_of("silu")
    assert round(low, 3) == -0.278
    assert round(at, 2) == -1.28
    assert round(_peak_slope("silu"), 2) == 1.10


@pytest.mark.parametrize("beta", [0.1, 0.5, 2.0, 10.0])
def test_swish_peak_slope_is_independent_of_beta_and_dip_scales_as_1_over_beta(beta):
    silu_low, _ = _min_of("silu")
    low, _ = _min_of("swish", beta=beta)
    assert low == pytest.approx(silu_low / beta, rel=1e-9)
    assert _peak_slope("swish", beta=beta) == pytest.approx(_peak_slope("silu"), rel=1e-9)
    assert float(get_activation("swish").derivative(0.0, beta=beta)) == 0.5


def test_swish_tends_to_relu_for_large_beta_and_to_x_over_2_for_small_beta():
    x = np.linspace(-3.0, 3.0, 601)
    sw = get_activation("swish")
    assert np.abs(sw.forward(x, beta=10.0) - np.maximum(x, 0)).max() < 0.03
    # |x (σ(βx) − 1/2)| <= β x² / 4 = 0.225 on [-3, 3] for β = 0.1
    assert np.abs(sw.forward(x, beta=0.1) - x / 2).max() < 0.1 * 9 / 4


def test_mish_dips_to_minus_0_309_with_peak_slope_1_09():
    low, _ = _min_of("mish")
    assert round(low, 3) == -0.309
    assert round(_peak_slope("mish"), 2) == 1.09


def test_selu_maps_standard_normal_to_mean_0_variance_1():
    mean, var = normal_moments("selu", {})
    assert abs(mean) < 1e-6
    assert var == pytest.approx(1.0, abs=1e-6)
    assert round(SELU_SCALE, 4) == 1.0507
    assert round(SELU_ALPHA, 4) == 1.6733


@settings(max_examples=30, deadline=None)
@given(alpha=st.floats(0.05, 5.0))
def test_celu_derivative_is_continuous_at_0_for_every_alpha(alpha):
    celu = get_activation("celu")
    # Left slope e^(x/alpha) at x = -1e-12 is within 2e-11 of 1: no jump at 0.
    left = float(celu.derivative(-1e-12, alpha=alpha))
    right = float(celu.derivative(1e-12, alpha=alpha))
    assert left == pytest.approx(right, abs=1e-10)
    assert celu.derivative(_X[::10], alpha=alpha).max() <= 1.0  # "never exceeds 1"


@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0, 2.0, 5.0])
def test_elu_derivative_is_continuous_at_0_only_when_alpha_is_1(alpha):
    elu = get_activation("elu")
    jump = float(elu.derivative(1e-12, alpha=alpha) - elu.derivative(-1e-12, alpha=alpha))
    assert (abs(jump) < 1e-9) == (alpha == 1.0)


def test_hardswish_pieces_and_slope_from_minus_0_5_to_1_5():
    hs = get_activation("hardswish")
    below = np.linspace(-50.0, -3.0, 1001)
    assert np.all(hs.forward(below[:-1]) == 0.0)
    assert np.all(hs.derivative(below) == 0.0)  # "exactly 0 for x < −3"
    above = np.linspace(3.0, 50.0, 1001)
    np.testing.assert_array_equal(hs.forward(above), above)
    inside = np.linspace(-3.0, 3.0, 60001)[1:-1]
    d = hs.derivative(inside)
    assert d.min() == pytest.approx(-0.5, abs=1e-4)
    assert d.max() == pytest.approx(1.5, abs=1e-4)
    assert hs.output_range().low == float(hs.forward(-1.5)) == -0.375


def test_hardsigmoid_slope_is_one_sixth_inside_and_zero_outside():
    hs = get_activation("hardsigmoid")
    inside = np.linspace(-3.0, 3.0, 6001)[1:-1]
    assert np.all(hs.derivative(inside) == 1.0 / 6.0)
    outside = np.concatenate([np.linspace(-50.0, -3.0, 101), np.linspace(3.0, 50.0, 101)])
    assert np.all(hs.derivative(outside) == 0.0)
    assert _peak_slope("sigmoid") > 1.0 / 6.0


def test_softplus_slope_is_positive_and_below_one_half_for_negative_input():
    d = get_activation("softplus").derivative(np.linspace(-30.0, 0.0, 30001)[:-1])
    assert d.max() < 0.5
    assert d.min() > 0.0


def test_softsign_tail_decays_polynomially_slower_than_tanh():
    ss = get_activation("softsign")
    assert float(ss.derivative(0.0)) == 1.0
    x = np.array([5.0, 10.0, 100.0])
    np.testing.assert_allclose(ss.derivative(x), 1 / (1 + x) ** 2, rtol=1e-15)
    assert np.all(ss.derivative(x) > 100 * get_activation("tanh").derivative(x))


def test_tanhshrink_grows_like_x_cubed_over_3_near_0_and_like_x_minus_sign_far_out():
    ts = get_activation("tanhshrink")
    assert float(ts.derivative(0.0)) == 0.0
    assert float(ts.forward(1e-2)) / 1e-6 == pytest.approx(1 / 3, rel=1e-3)
    assert float(ts.forward(25.0)) == pytest.approx(24.0, abs=1e-15)
    assert float(ts.forward(-25.0)) == pytest.approx(-24.0, abs=1e-15)


@pytest.mark.parametrize("lambd", [0.5, 2.0])
def test_shrink_functions_zero_the_band_and_get_no_gradient_there(lambd):
    band = np.linspace(-lambd, lambd, 101)
    outside = np.array([lambd + 1.0, -lambd - 2.5])
    for act_id in ("softshrink", "hardshrink"):
        act = get_activation(act_id)
        assert np.all(act.forward(band, lambd=lambd) == 0.0)
        assert np.all(act.derivative(band, lambd=lambd) == 0.0)
        assert np.all(act.derivative(outside, lambd=lambd) == 1.0)
    soft = get_activation("softshrink").forward(outside, lambd=lambd)
    np.testing.assert_array_equal(soft, outside - np.sign(outside) * lambd)
    hard = get_activation("hardshrink")
    assert float(hard.forward(np.nextafter(lambd, 10.0), lambd=lambd)) > lambd  # a jump


def test_logsigmoid_is_minus_softplus_of_minus_x_with_slope_from_1_to_0():
    ls = get_activation("logsigmoid")
    sp = get_activation("softplus")
    x = np.linspace(-15.0, 15.0, 3001)  # |x| < threshold: softplus is the exact formula
    np.testing.assert_allclose(ls.forward(x), -sp.forward(-x), rtol=1e-15, atol=1e-300)
    assert float(ls.derivative(-40.0)) == 1.0
    assert float(ls.derivative(40.0)) < 1e-17
    assert np.all(ls.forward(x) < 0.0)


def test_relu6_and_hardtanh_have_zero_gradient_when_clipped():
    assert np.all(get_activation("relu6").derivative(np.linspace(6.0, 100.0, 50)) == 0.0)
    ht = get_activation("hardtanh")
    d = ht.derivative(np.array([-3.0, -2.0, -1.9, 0.4, 0.5, 9.0]), min_val=-2.0, max_val=0.5)
    assert d.tolist() == [0.0, 0.0, 1.0, 1.0, 0.0, 0.0]


def test_leaky_relu_negative_gradient_is_the_slope_never_zero():
    d = get_activation("leaky_relu").derivative(np.linspace(-50.0, -0.01, 100))
    assert np.all(d == 0.01)


def test_elu_is_zero_centred_only_near_selus_alpha():
    """E[elu(Z)] by quadrature: zero at alpha = 1.6733 (why SELU uses it), not at 1."""
    elu = ACTIVATIONS["elu"]
    z = np.linspace(-12.0, 12.0, 240_001)
    weights = np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi) * (z[1] - z[0])
    for alpha, expected in ((1.0, False), (1.6732632423543772, True), (3.0, False)):
        mean = float(np.sum(elu.forward(z, alpha=alpha) * weights))
        assert (abs(mean) < 0.01) == expected, (alpha, mean)
        assert elu.facts(alpha=alpha).zero_centred is expected

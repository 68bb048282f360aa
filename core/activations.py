"""The activation registry: one entry per element-wise activation function.

Every panel, preset, CLI command and test reads formulas from here; nothing re-types one.
Each entry gives the forward function and its analytic derivative on float64 numpy arrays,
the equivalent ``torch.nn.Module`` and teaching facts.

Numerics: any finite input, however large, gives a finite or infinite result without a
floating-point warning; NaN propagates; ``±inf`` give the limits of the function. Where a
function has no derivative (relu at 0, the ends of hardtanh) the derivative follows the
convention of torch's autograd so that the explorer and the training lab agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import torch
from torch import nn

from core.activation_notes import NOTES
from core.validation import FieldError

Array = np.ndarray
Params = Mapping[str, float]

# SELU's constants, to the digits torch uses (Klambauer et al. 2017).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

_SQRT_2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_TANH_C = 0.044715

# Beyond these magnitudes a term has reached its float64 limit (e.g. x * sigmoid(x) for
# x < -1e3 is exactly -0.0), so clipping the input there changes no result but keeps
# ``inf * 0`` from producing NaN.
_SATURATED = 1.0e3
_HUGE = 1.0e300

GROUPS: tuple[tuple[str, str, str], ...] = (
    ("sigmoid_like", "Sigmoid-like", "S 形"),
    ("relu_family", "ReLU family", "ReLU 家族"),
    ("smooth_relu", "Smooth ReLU-like", "平滑类 ReLU"),
    ("hard", "Hard and piecewise", "硬/分段函数"),
    ("shrink", "Shrink", "收缩函数"),
    ("linear", "Linear", "线性"),
)


@dataclass(frozen=True)
class ActivationParam:
    """A numeric parameter of an activation, with the range the app allows."""

    name: str
    default: float
    minimum: float
    maximum: float
    description_en: str
    description_zh: str
    symbol: str = ""
    step: float = 0.01
    log_scale: bool = False

    def check(self, owner: str, value: object) -> float:
        """Return ``value`` as a float, or raise ValueError naming the allowed range."""
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
            raise FieldError(
                f"{owner}: parameter {self.name!r} must be a number in "
                f"[{self.minimum:g}, {self.maximum:g}], got {value!r}",
                self.name,
                "not_number",
                value=value,
            )
        v = float(value)
        if not (self.minimum <= v <= self.maximum):  # also false for NaN
            raise FieldError(
                f"{owner}: parameter {self.name!r} = {v:g} is outside its allowed range "
                f"[{self.minimum:g}, {self.maximum:g}]",
                self.name,
                "out_of_range",
                value=v,
                low=self.minimum,
                high=self.maximum,
            )
        return v


@dataclass(frozen=True)
class OutputRange:
    """The closure of f's image: ``low``/``high`` may be ±inf; ``*_closed`` says if attained."""

    low: float
    high: float
    low_closed: bool = False
    high_closed: bool = False
    text: str = ""

    def __str__(self) -> str:
        if self.text:
            return self.text
        lo = "-∞" if self.low == -math.inf else f"{self.low:.4g}"
        hi = "∞" if self.high == math.inf else f"{self.high:.4g}"
        return f"{'[' if self.low_closed else '('}{lo}, {hi}{']' if self.high_closed else ')'}"


@dataclass(frozen=True)
class ActivationFacts:
    """Teaching facts for one activation at one set of parameter values."""

    formula_latex: str
    formula_text: str
    output_range: OutputRange
    zero_centred: bool
    monotonic: bool
    kinks: tuple[float, ...]
    discontinuities: tuple[float, ...]
    max_abs_derivative: float
    f_at_0: float
    derivative_at_0: float
    note_en: str
    note_zh: str
    random_slope_band: tuple[float, float] | None = None

    @property
    def smooth(self) -> bool:
        return not self.kinks and not self.discontinuities

    @property
    def smoothness_text(self) -> str:
        if self.discontinuities:
            pts = ", ".join(f"{p:g}" for p in self.discontinuities)
            return f"jumps at x = {pts}"
        if self.kinks:
            pts = ", ".join(f"{p:g}" for p in self.kinks)
            return f"kinks at x = {pts}"
        return "smooth"


@dataclass(frozen=True, eq=False)
class Activation:
    """One element-wise activation: formulas, torch module and facts."""

    id: str
    name: str
    group: str
    params: tuple[ActivationParam, ...]
    formula_latex: str
    formula_text: str
    _forward: Callable[..., Array] = field(repr=False)
    _derivative: Callable[..., Array] = field(repr=False)
    _module: Callable[..., nn.Module] = field(repr=False)
    _range: Callable[..., OutputRange] = field(repr=False)
    _max_abs_derivative: Callable[..., float] = field(repr=False)
    _zero_centred: Callable[..., bool] = field(default=lambda **_: False, repr=False)
    _monotonic: Callable[..., bool] = field(default=lambda **_: True, repr=False)
    _kinks: Callable[..., tuple[float, ...]] = field(default=lambda **_: (), repr=False)
    _discontinuities: Callable[..., tuple[float, ...]] = field(default=lambda **_: (), repr=False)
    _constraint: Callable[..., str | None] = field(default=lambda **_: None, repr=False)
    learnable: bool = False
    random_in_training: bool = False
    # The name in Simplified Chinese where it differs (an English word in it); most names
    # are the same in both languages (ReLU, GELU, Softplus ...).
    name_zh: str = ""

    def display_name(self, language: str) -> str:
        """The name to show in ``language`` ("en" or "zh_CN")."""
        return self.name_zh if self.name_zh and language.startswith("zh") else self.name

    # -- parameters -------------------------------------------------------------------
    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def param(self, name: str) -> ActivationParam:
        for p in self.params:
            if p.name == name:
                return p
        raise ValueError(self._unknown_param_message(name))

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def resolve_params(self, params: Params | None = None, *, complete: bool = False) -> dict:
        """Validate ``params`` and fill the omitted ones with defaults.

        With ``complete=True`` a missing parameter is an error too (used for files a user
        wrote, where a silent default would hide a typo).
        """
        given = dict(params or {})
        for name in given:
            if name not in self.param_names:
                raise FieldError(
                    self._unknown_param_message(name), "", "unknown_fields", names=[str(name)]
                )
        out: dict[str, float] = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.check(self.id, given[p.name])
            elif complete:
                raise ValueError(
                    f"{self.id}: missing parameter {p.name!r} "
                    f"(allowed range [{p.minimum:g}, {p.maximum:g}], default {p.default:g})"
                )
            else:
                out[p.name] = p.default
        problem = self._constraint(**out)
        if problem:
            raise ValueError(f"{self.id}: {problem}")
        return out

    def _unknown_param_message(self, name: str) -> str:
        if self.params:
            allowed = ", ".join(f"{p.name} in [{p.minimum:g}, {p.maximum:g}]" for p in self.params)
            return f"{self.id}: unknown parameter {name!r}; it takes {allowed}"
        return f"{self.id}: unknown parameter {name!r}; it takes no parameters"

    # -- numerics ---------------------------------------------------------------------
    def forward(self, x: object, **params: float) -> Array:
        """f(x) element-wise on a float64 array (scalars give 0-d arrays)."""
        return self._evaluate(self._forward, x, params)

    def derivative(self, x: object, **params: float) -> Array:
        """f'(x) element-wise, analytic, with torch's convention at kinks."""
        return self._evaluate(self._derivative, x, params)

    def _evaluate(self, fn: Callable[..., Array], x: object, params: Params) -> Array:
        p = self.resolve_params(params)
        xa = np.asarray(x, dtype=np.float64)
        # Overflow to inf inside a formula is the right limit (e.g. exp(1e300) in a
        # denominator); invalid operations are avoided by construction, not silenced.
        with np.errstate(over="ignore", under="ignore"):
            y = np.asarray(fn(xa, **p), dtype=np.float64)
        if y.shape != xa.shape:
            y = np.broadcast_to(y, xa.shape).copy()
        nan = np.isnan(xa)
        if nan.any():
            y = np.where(nan, np.nan, y)
        return y

    def module(self, **params: float) -> nn.Module:
        """The equivalent torch module (a fresh instance; PReLU's slope is learnable)."""
        return self._module(**self.resolve_params(params))

    # -- facts ------------------------------------------------------------------------
    def output_range(self, **params: float) -> OutputRange:
        return self._range(**self.resolve_params(params))

    def max_abs_derivative(self, **params: float) -> float:
        """sup |f'(x)| over the real line (attained or approached)."""
        return float(self._max_abs_derivative(**self.resolve_params(params)))

    def facts(self, **params: float) -> ActivationFacts:
        p = self.resolve_params(params)
        en, zh = NOTES[self.id]
        band = (p["lower"], p["upper"]) if self.random_in_training else None
        return ActivationFacts(
            formula_latex=self.formula_latex,
            formula_text=self.formula_text,
            output_range=self._range(**p),
            zero_centred=bool(self._zero_centred(**p)),
            monotonic=self._monotonic(**p),
            kinks=tuple(self._kinks(**p)),
            discontinuities=tuple(self._discontinuities(**p)),
            max_abs_derivative=float(self._max_abs_derivative(**p)),
            f_at_0=float(self.forward(0.0, **p)),
            derivative_at_0=float(self.derivative(0.0, **p)),
            note_en=en,
            note_zh=zh,
            random_slope_band=band,
        )


class Swish(nn.Module):
    """x * sigmoid(beta * x); torch has SiLU (beta = 1) but no beta."""

    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = float(beta)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(self.beta * x)

    def extra_repr(self) -> str:
        return f"beta={self.beta}"


# ---------------------------------------------------------------------------------------
# Numerically safe building blocks
# ---------------------------------------------------------------------------------------
def _sigmoid(x: Array) -> Array:
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softplus(u: Array) -> Array:
    """log(1 + e^u) without overflow."""
    return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))


def _phi_cdf(x: Array) -> Array:
    """Standard normal CDF, via erfc so that the far left tail keeps its precision."""
    # np.array, not np.ascontiguousarray: the latter turns a 0-d input into shape (1,).
    t = torch.from_numpy(np.array(-x / _SQRT_2, dtype=np.float64))
    return 0.5 * torch.special.erfc(t).numpy()


def _step(x: Array, value_right: float, value_left: float) -> Array:
    """Derivative of a kink at 0 with torch's convention (the left value at 0)."""
    return np.where(x > 0, value_right, value_left)


# ---------------------------------------------------------------------------------------
# The functions
# ---------------------------------------------------------------------------------------
def _identity(x: Array) -> Array:
    return x.copy()


def _ones(x: Array) -> Array:
    return np.ones_like(x)


def _sigmoid_d(x: Array) -> Array:
    s = _sigmoid(x)
    return s * (1.0 - s)


def _tanh_d(x: Array) -> Array:
    t = np.tanh(x)
    return 1.0 - t * t


def _relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


def _relu_d(x: Array) -> Array:
    return _step(x, 1.0, 0.0)


def _leaky(x: Array, slope: float) -> Array:
    if slope == 0.0:
        return _relu(x)  # 0 * -inf would be NaN; the limit is 0
    return np.where(x > 0, x, slope * x)


def _relu6_d(x: Array) -> Array:
    return ((x > 0) & (x < 6)).astype(np.float64)


def _elu(x: Array, alpha: float, scale: float = 1.0, input_scale: float = 1.0) -> Array:
    neg = alpha * np.expm1(np.minimum(x, 0.0) * input_scale)
    return scale * np.where(x > 0, x, neg)


def _elu_d(x: Array, alpha: float, scale: float = 1.0, input_scale: float = 1.0) -> Array:
    neg = alpha * input_scale * np.exp(np.minimum(x, 0.0) * input_scale)
    return scale * np.where(x > 0, 1.0, neg)


def _gelu(x: Array) -> Array:
    xl = np.maximum(x, -40.0)  # x * Phi(x) is -0.0 below -40; keeps -inf * 0 away
    return xl * _phi_cdf(xl)


def _gelu_d(x: Array) -> Array:
    xc = np.clip(x, -40.0, 40.0)
    return _phi_cdf(x) + xc * np.exp(-0.5 * xc * xc) * _INV_SQRT_2PI


def _gelu_tanh(x: Array) -> Array:
    xl = np.maximum(x, -_SATURATED)
    inner = _SQRT_2_OVER_PI * (xl + _GELU_TANH_C * xl**3)
    return 0.5 * xl * (1.0 + np.tanh(inner))


def _gelu_tanh_d(x: Array) -> Array:
    xc = np.clip(x, -_SATURATED, _SATURATED)
    inner = _SQRT_2_OVER_PI * (xc + _GELU_TANH_C * xc**3)
    t = np.tanh(inner)
    d_inner = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_C * xc * xc)
    return 0.5 * (1.0 + t) + 0.5 * xc * (1.0 - t * t) * d_inner


def _swish(x: Array, beta: float) -> Array:
    xl = np.maximum(x, -_SATURATED / beta)
    return xl * _sigmoid(beta * xl)


def _swish_d(x: Array, beta: float) -> Array:
    xc = np.clip(x, -_SATURATED / beta, _SATURATED / beta)
    s = _sigmoid(beta * xc)
    return s * (1.0 + beta * xc * (1.0 - s))


def _hardswish(x: Array) -> Array:
    xm = np.clip(x, -3.0, 3.0)
    return np.where(x >= 3.0, x, xm * (xm + 3.0) / 6.0)


def _hardswish_d(x: Array) -> Array:
    # torch's convention at the kinks: 0 at x = -3 and 1 at x = 3 (x/3 + 1/2 strictly inside).
    mid = np.clip(x, -3.0, 3.0) / 3.0 + 0.5
    return np.where(x <= -3.0, 0.0, np.where(x < 3.0, mid, 1.0))


def _hardsigmoid(x: Array) -> Array:
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def _hardsigmoid_d(x: Array) -> Array:
    return np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0)


def _mish(x: Array) -> Array:
    xl = np.maximum(x, -_SATURATED)
    return xl * np.tanh(_softplus(xl))


def _mish_d(x: Array) -> Array:
    xc = np.clip(x, -_SATURATED, _SATURATED)
    t = np.tanh(_softplus(xc))
    return t + xc * _sigmoid(xc) * (1.0 - t * t)


def _softplus_f(x: Array, beta: float, threshold: float) -> Array:
    bx = beta * x
    return np.where(bx > threshold, x, _softplus(bx) / beta)


def _softplus_d(x: Array, beta: float, threshold: float) -> Array:
    bx = beta * x
    return np.where(bx > threshold, 1.0, _sigmoid(bx))


def _softsign(x: Array) -> Array:
    xc = np.clip(x, -_HUGE, _HUGE)  # inf / inf would be NaN; 1e300 / (1 + 1e300) == 1
    return xc / (1.0 + np.abs(xc))


def _softsign_d(x: Array) -> Array:
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


def _hardtanh_d(x: Array, min_val: float, max_val: float) -> Array:
    return ((x > min_val) & (x < max_val)).astype(np.float64)


def _tanhshrink(x: Array) -> Array:
    return x - np.tanh(x)


def _tanhshrink_d(x: Array) -> Array:
    t = np.tanh(x)
    return t * t


def _softshrink(x: Array, lambd: float) -> Array:
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


def _shrink_d(x: Array, lambd: float) -> Array:
    return np.where((x >= -lambd) & (x <= lambd), 0.0, 1.0)


def _hardshrink(x: Array, lambd: float) -> Array:
    return np.where((x >= -lambd) & (x <= lambd), 0.0, x)


def _logsigmoid(x: Array) -> Array:
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


def _logsigmoid_d(x: Array) -> Array:
    return _sigmoid(-x)


def _elu_mean_under_standard_normal(alpha: float) -> float:
    """E[elu(Z)] for Z ~ N(0, 1): 1/sqrt(2 pi) + alpha (sqrt(e) Phi(-1) - 1/2), in closed form."""
    phi_minus_1 = 0.5 * math.erfc(1.0 / _SQRT_2)
    return _INV_SQRT_2PI + alpha * (math.sqrt(math.e) * phi_minus_1 - 0.5)


def _rrelu_mean(lower: float, upper: float) -> float:
    return 0.5 * (lower + upper)


def _leaky_range(slope: float) -> OutputRange:
    if slope > 0:
        return OutputRange(-math.inf, math.inf)
    return OutputRange(0.0, math.inf, low_closed=True)


def _const(value):
    return lambda **_: value


# Found to 40 digits with mpmath (root of f' or f''), checked by
# tests/core/test_activation_facts.py.
_GELU_MIN = -0.16997120747990366
_GELU_TANH_MIN = -0.17004075057125405
_SILU_MIN = -0.2784645427610738  # attained at x = -1.27846...
_MISH_MIN = -0.30884341301725041
_GELU_MAX_D = 1.1289041451851548
_GELU_TANH_MAX_D = 1.1289930686587718
_SILU_MAX_D = 1.0998393201288669  # the same for every swish beta: f'(x) = g(beta x)
_MISH_MAX_D = 1.0884981612517279


def _p(name, default, lo, hi, en, zh, symbol="", step=0.01, log=False) -> ActivationParam:
    return ActivationParam(name, default, lo, hi, en, zh, symbol, step, log)


_ALPHA_ELU = _p(
    "alpha",
    1.0,
    0.0,
    5.0,
    "Value the negative side saturates to is -alpha",
    "负半轴饱和到 -alpha",
    "α",
)

_ENTRIES: tuple[Activation, ...] = (
    Activation(
        "identity",
        "Identity (linear)",
        "linear",
        (),
        r"f(x) = x",
        "f(x) = x",
        lambda x: _identity(x),
        lambda x: _ones(x),
        lambda: nn.Identity(),
        _const(OutputRange(-math.inf, math.inf)),
        _const(1.0),
        _zero_centred=_const(True),
        name_zh="恒等（线性）",
    ),
    Activation(
        "sigmoid",
        "Sigmoid",
        "sigmoid_like",
        (),
        r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        "σ(x) = 1 / (1 + e^(−x))",
        _sigmoid,
        _sigmoid_d,
        lambda: nn.Sigmoid(),
        _const(OutputRange(0.0, 1.0)),
        _const(0.25),
    ),
    Activation(
        "tanh",
        "Tanh",
        "sigmoid_like",
        (),
        r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        "tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))",
        np.tanh,
        _tanh_d,
        lambda: nn.Tanh(),
        _const(OutputRange(-1.0, 1.0)),
        _const(1.0),
        _zero_centred=_const(True),
    ),
    Activation(
        "relu",
        "ReLU",
        "relu_family",
        (),
        r"f(x) = \max(0, x)",
        "f(x) = max(0, x)",
        _relu,
        _relu_d,
        lambda: nn.ReLU(),
        _const(OutputRange(0.0, math.inf, low_closed=True)),
        _const(1.0),
        _kinks=_const((0.0,)),
    ),
    Activation(
        "leaky_relu",
        "Leaky ReLU",
        "relu_family",
        (
            _p(
                "negative_slope",
                0.01,
                0.0,
                1.0,
                "Slope for x < 0",
                "x < 0 时的斜率",
                "a",
                step=0.001,
            ),
        ),
        r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
        "f(x) = x if x > 0, a·x otherwise",
        lambda x, negative_slope: _leaky(x, negative_slope),
        lambda x, negative_slope: _step(x, 1.0, negative_slope),
        lambda negative_slope: nn.LeakyReLU(negative_slope),
        lambda negative_slope: _leaky_range(negative_slope),
        lambda negative_slope: max(1.0, abs(negative_slope)),
        _zero_centred=lambda negative_slope: negative_slope == 1.0,  # the identity
        _kinks=lambda negative_slope: () if negative_slope == 1.0 else (0.0,),
    ),
    Activation(
        "prelu",
        "PReLU",
        "relu_family",
        (
            _p(
                "init",
                0.25,
                0.0,
                1.0,
                "Initial slope for x < 0 (learned in training)",
                "x < 0 时的初始斜率（训练中可学习）",
                "a",
                step=0.001,
            ),
        ),
        r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},\ a\ \text{learned}",
        "f(x) = x if x > 0, a·x otherwise (a is learned)",
        lambda x, init: _leaky(x, init),
        lambda x, init: _step(x, 1.0, init),
        lambda init: nn.PReLU(num_parameters=1, init=init),
        lambda init: _leaky_range(init),
        lambda init: max(1.0, abs(init)),
        _zero_centred=lambda init: init == 1.0,  # the identity
        _kinks=lambda init: () if init == 1.0 else (0.0,),
        learnable=True,
    ),
    Activation(
        "rrelu",
        "RReLU (randomized leaky)",
        "relu_family",
        (
            _p(
                "lower",
                1.0 / 8.0,
                0.0,
                1.0,
                "Lower bound of the random slope",
                "随机斜率的下界",
                "l",
                step=0.001,
            ),
            _p(
                "upper",
                1.0 / 3.0,
                0.0,
                1.0,
                "Upper bound of the random slope",
                "随机斜率的上界",
                "u",
                step=0.001,
            ),
        ),
        r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},"
        r"\ a \sim U(l, u)\ \text{(train)},\ a = \tfrac{l + u}{2}\ \text{(eval)}",
        "f(x) = x if x > 0, a·x otherwise; a ~ U(l, u) in training, (l + u)/2 in eval",
        lambda x, lower, upper: _leaky(x, _rrelu_mean(lower, upper)),
        lambda x, lower, upper: _step(x, 1.0, _rrelu_mean(lower, upper)),
        lambda lower, upper: nn.RReLU(lower, upper),
        lambda lower, upper: _leaky_range(_rrelu_mean(lower, upper)),
        lambda lower, upper: max(1.0, _rrelu_mean(lower, upper)),
        _zero_centred=lambda lower, upper: _rrelu_mean(lower, upper) == 1.0,  # the identity
        _kinks=lambda lower, upper: () if _rrelu_mean(lower, upper) == 1.0 else (0.0,),
        _constraint=lambda lower, upper: (
            f"lower ({lower:g}) must not exceed upper ({upper:g})" if lower > upper else None
        ),
        random_in_training=True,
        name_zh="RReLU（随机泄漏）",
    ),
    Activation(
        "relu6",
        "ReLU6",
        "relu_family",
        (),
        r"f(x) = \min(\max(0, x), 6)",
        "f(x) = min(max(0, x), 6)",
        lambda x: np.clip(x, 0.0, 6.0),
        _relu6_d,
        lambda: nn.ReLU6(),
        _const(OutputRange(0.0, 6.0, True, True)),
        _const(1.0),
        _kinks=_const((0.0, 6.0)),
    ),
    Activation(
        "elu",
        "ELU",
        "smooth_relu",
        (_ALPHA_ELU,),
        r"f(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        "f(x) = x if x > 0, α·(e^x − 1) otherwise",
        lambda x, alpha: _elu(x, alpha),
        lambda x, alpha: _elu_d(x, alpha),
        lambda alpha: nn.ELU(alpha),
        lambda alpha: OutputRange(-alpha, math.inf, low_closed=alpha == 0.0),
        lambda alpha: max(1.0, alpha),
        # Zero mean output for standard-normal input only near alpha = 1.6733 (SELU's alpha).
        _zero_centred=lambda alpha: abs(_elu_mean_under_standard_normal(alpha)) < 0.01,
        _kinks=lambda alpha: () if alpha == 1.0 else (0.0,),
    ),
    Activation(
        "selu",
        "SELU",
        "smooth_relu",
        (),
        r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases},"
        r"\ \lambda \approx 1.0507,\ \alpha \approx 1.6733",
        "f(x) = λ·x if x > 0, λ·α·(e^x − 1) otherwise; λ ≈ 1.0507, α ≈ 1.6733",
        lambda x: _elu(x, SELU_ALPHA, SELU_SCALE),
        lambda x: _elu_d(x, SELU_ALPHA, SELU_SCALE),
        lambda: nn.SELU(),
        _const(OutputRange(-SELU_SCALE * SELU_ALPHA, math.inf)),
        _const(SELU_SCALE * SELU_ALPHA),
        _zero_centred=_const(True),
        _kinks=_const((0.0,)),
    ),
    Activation(
        "celu",
        "CELU",
        "smooth_relu",
        (
            _p(
                "alpha",
                1.0,
                0.05,
                5.0,
                "Negative side saturates to -alpha; f' is continuous",
                "负半轴饱和到 -alpha，导数连续",
                "α",
            ),
        ),
        r"f(x) = \max(0, x) + \min\!\left(0, \alpha (e^{x/\alpha} - 1)\right)",
        "f(x) = max(0, x) + min(0, α·(e^(x/α) − 1))",
        lambda x, alpha: _elu(x, alpha, 1.0, 1.0 / alpha),
        lambda x, alpha: _elu_d(x, alpha, 1.0, 1.0 / alpha),
        lambda alpha: nn.CELU(alpha),
        lambda alpha: OutputRange(-alpha, math.inf),
        _const(1.0),
    ),
    Activation(
        "gelu",
        "GELU",
        "smooth_relu",
        (),
        r"f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)",
        "f(x) = x·Φ(x) = x/2 · (1 + erf(x/√2))",
        _gelu,
        _gelu_d,
        lambda: nn.GELU(),
        _const(OutputRange(_GELU_MIN, math.inf, low_closed=True)),
        _const(_GELU_MAX_D),
        _monotonic=_const(False),
    ),
    Activation(
        "gelu_tanh",
        "GELU (tanh approx.)",
        "smooth_relu",
        (),
        r"f(x) = \frac{x}{2}\left(1 + \tanh\!\left[\sqrt{2/\pi}\,"
        r"(x + 0.044715 x^{3})\right]\right)",
        "f(x) = x/2 · (1 + tanh(√(2/π)·(x + 0.044715·x³)))",
        _gelu_tanh,
        _gelu_tanh_d,
        lambda: nn.GELU(approximate="tanh"),
        _const(OutputRange(_GELU_TANH_MIN, math.inf, low_closed=True)),
        _const(_GELU_TANH_MAX_D),
        _monotonic=_const(False),
        name_zh="GELU（tanh 近似）",
    ),
    Activation(
        "silu",
        "SiLU",
        "smooth_relu",
        (),
        r"f(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
        "f(x) = x·σ(x)",
        lambda x: _swish(x, 1.0),
        lambda x: _swish_d(x, 1.0),
        lambda: nn.SiLU(),
        _const(OutputRange(_SILU_MIN, math.inf, low_closed=True)),
        _const(_SILU_MAX_D),
        _monotonic=_const(False),
    ),
    Activation(
        "swish",
        "Swish",
        "smooth_relu",
        (
            _p(
                "beta",
                1.0,
                0.1,
                10.0,
                "Sharpness: beta = 1 is SiLU, large beta tends to ReLU",
                "陡峭程度：beta = 1 即 SiLU，beta 越大越接近 ReLU",
                "β",
                log=True,
            ),
        ),
        r"f(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
        "f(x) = x·σ(β·x)",
        _swish,
        _swish_d,
        lambda beta: Swish(beta),
        lambda beta: OutputRange(_SILU_MIN / beta, math.inf, low_closed=True),
        _const(_SILU_MAX_D),
        _monotonic=_const(False),
    ),
    Activation(
        "hardswish",
        "Hardswish",
        "hard",
        (),
        r"f(x) = x \cdot \frac{\min(\max(x + 3, 0), 6)}{6}",
        "f(x) = x · min(max(x + 3, 0), 6) / 6",
        _hardswish,
        _hardswish_d,
        lambda: nn.Hardswish(),
        _const(OutputRange(-0.375, math.inf, low_closed=True)),
        _const(1.5),
        _monotonic=_const(False),
        _kinks=_const((-3.0, 3.0)),
    ),
    Activation(
        "hardsigmoid",
        "Hardsigmoid",
        "hard",
        (),
        r"f(x) = \frac{\min(\max(x + 3, 0), 6)}{6}",
        "f(x) = min(max(x + 3, 0), 6) / 6",
        _hardsigmoid,
        _hardsigmoid_d,
        lambda: nn.Hardsigmoid(),
        _const(OutputRange(0.0, 1.0, True, True)),
        _const(1.0 / 6.0),
        _kinks=_const((-3.0, 3.0)),
    ),
    Activation(
        "mish",
        "Mish",
        "smooth_relu",
        (),
        r"f(x) = x \tanh\!\left(\ln(1 + e^{x})\right)",
        "f(x) = x · tanh(ln(1 + e^x))",
        _mish,
        _mish_d,
        lambda: nn.Mish(),
        _const(OutputRange(_MISH_MIN, math.inf, low_closed=True)),
        _const(_MISH_MAX_D),
        _monotonic=_const(False),
    ),
    Activation(
        "softplus",
        "Softplus",
        "smooth_relu",
        (
            _p(
                "beta",
                1.0,
                0.1,
                10.0,
                "Sharpness: large beta tends to ReLU",
                "陡峭程度：beta 越大越接近 ReLU",
                "β",
                log=True,
            ),
            _p(
                "threshold",
                20.0,
                # torch's shortcut jumps by ln(1 + e^-t)/beta at x = t/beta; from t = 10 that
                # is below 5e-4/beta, so the curve stays smooth and monotonic to the eye.
                10.0,
                50.0,
                "Once beta*x > threshold torch returns x itself (a shortcut; jump < 5e-4/beta)",
                "当 beta*x 超过阈值时 torch 直接返回 x（数值捷径，跳变小于 5e-4/beta）",
                "t",
                step=0.5,
            ),
        ),
        r"f(x) = \frac{1}{\beta} \ln\!\left(1 + e^{\beta x}\right)",
        "f(x) = ln(1 + e^(β·x)) / β  (x itself once β·x > threshold)",
        _softplus_f,
        _softplus_d,
        lambda beta, threshold: nn.Softplus(beta, threshold),
        _const(OutputRange(0.0, math.inf)),
        _const(1.0),
    ),
    Activation(
        "softsign",
        "Softsign",
        "sigmoid_like",
        (),
        r"f(x) = \frac{x}{1 + |x|}",
        "f(x) = x / (1 + |x|)",
        _softsign,
        _softsign_d,
        lambda: nn.Softsign(),
        _const(OutputRange(-1.0, 1.0)),
        _const(1.0),
        _zero_centred=_const(True),
    ),
    Activation(
        "hardtanh",
        "Hardtanh",
        "hard",
        (
            _p("min_val", -1.0, -5.0, 5.0, "Lower clipping value", "下截断值", "a"),
            _p("max_val", 1.0, -5.0, 5.0, "Upper clipping value", "上截断值", "b"),
        ),
        r"f(x) = \min(\max(x, a), b)",
        "f(x) = min(max(x, a), b)",
        lambda x, min_val, max_val: np.clip(x, min_val, max_val),
        _hardtanh_d,
        lambda min_val, max_val: nn.Hardtanh(min_val, max_val),
        lambda min_val, max_val: OutputRange(min_val, max_val, True, True),
        _const(1.0),
        _zero_centred=lambda min_val, max_val: min_val == -max_val,
        _kinks=lambda min_val, max_val: (min_val, max_val),
        _constraint=lambda min_val, max_val: (
            f"min_val ({min_val:g}) must be less than max_val ({max_val:g})"
            if min_val >= max_val
            else None
        ),
    ),
    Activation(
        "tanhshrink",
        "Tanhshrink",
        "shrink",
        (),
        r"f(x) = x - \tanh(x)",
        "f(x) = x − tanh(x)",
        _tanhshrink,
        _tanhshrink_d,
        lambda: nn.Tanhshrink(),
        _const(OutputRange(-math.inf, math.inf)),
        _const(1.0),
        _zero_centred=_const(True),
    ),
    Activation(
        "softshrink",
        "Softshrink",
        "shrink",
        (_p("lambd", 0.5, 0.0, 5.0, "Half-width of the zero band", "零区间的半宽", "λ"),),
        r"f(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda"
        r" \\ 0 & \text{otherwise} \end{cases}",
        "f(x) = x − λ if x > λ, x + λ if x < −λ, 0 otherwise",
        _softshrink,
        _shrink_d,
        lambda lambd: nn.Softshrink(lambd),
        _const(OutputRange(-math.inf, math.inf)),
        _const(1.0),
        _zero_centred=_const(True),
        _kinks=lambda lambd: (-lambd, lambd) if lambd > 0 else (),
    ),
    Activation(
        "hardshrink",
        "Hardshrink",
        "shrink",
        (_p("lambd", 0.5, 0.0, 5.0, "Half-width of the zero band", "零区间的半宽", "λ"),),
        r"f(x) = \begin{cases} x & |x| > \lambda \\ 0 & \text{otherwise} \end{cases}",
        "f(x) = x if |x| > λ, 0 otherwise",
        _hardshrink,
        _shrink_d,
        lambda lambd: nn.Hardshrink(lambd),
        lambda lambd: OutputRange(
            -math.inf,
            math.inf,
            text="(−∞, ∞)" if lambd == 0 else f"(−∞, −{lambd:g}) ∪ {{0}} ∪ ({lambd:g}, ∞)",
        ),
        _const(1.0),
        _zero_centred=_const(True),
        _discontinuities=lambda lambd: (-lambd, lambd) if lambd > 0 else (),
    ),
    Activation(
        "logsigmoid",
        "LogSigmoid",
        "sigmoid_like",
        (),
        r"f(x) = \ln \sigma(x) = -\ln(1 + e^{-x})",
        "f(x) = ln σ(x) = −ln(1 + e^(−x))",
        _logsigmoid,
        _logsigmoid_d,
        lambda: nn.LogSigmoid(),
        _const(OutputRange(-math.inf, 0.0)),
        _const(1.0),
    ),
)

ACTIVATIONS: Mapping[str, Activation] = MappingProxyType({a.id: a for a in _ENTRIES})


def get_activation(activation_id: object) -> Activation:
    """The registry entry for ``activation_id``, or a ValueError listing the known ids."""
    try:
        return ACTIVATIONS[activation_id]  # type: ignore[index]
    except (KeyError, TypeError):
        known = ", ".join(ACTIVATIONS)
        raise FieldError(
            f"unknown activation {activation_id!r}; known ids: {known}",
            "",
            "unknown_activation",
            value=activation_id,
        ) from None


def activations_in_group(group: str) -> Iterator[Activation]:
    return (a for a in _ENTRIES if a.group == group)

"""The explorer tab's wiring: every signal is connected here, every number comes from core.

Speed: a parameter change recomputes only the function that changed (2001 points) and
pushes it with ``setData``; the facts, depth plot and readouts follow on a short
coalescing timer, so dragging never waits for them.

Language: the sentences this controller shows (readout hint, facts values, depth readout,
softmax check, loss annotations, cost status) are kept as state (what to say, not the
sentence) and rendered again by ``retranslate()`` in a new language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, QTimer

from core.activations import ACTIVATIONS, GROUPS, Activation
from core.losses import bce, bce_grad_logit, mse, mse_grad_logit
from core.maxout import Maxout
from core.softmax import softmax, softmax_jacobian
from gui import theme as theme_mod
from gui.explorer import cost_meter
from gui.explorer.depth_panel import CEILING, DEFAULT_DEPTH, FLOOR, MAX_DEPTH, MIN_DEPTH
from gui.explorer.explorer_view import ExplorerView
from gui.explorer.function_plots import X_RANGE_DEFAULT
from gui.explorer.loss_panel import Z_LIMIT

POINTS = 2001
DRAW_LIMIT = 1.0e6  # values beyond are drawn clipped; the axes never follow them
SECONDARY_DELAY_MS = 40  # facts, depth and readouts: coalesced, latest wins
SETTLE_DELAY_MS = 300  # after the last drag step, the y-ranges shrink to fit
COST_DELAY_MS = 1500  # first automatic cost measurement, well after the first paint
# Colour preference: yellow (hard to see on white) and grey come last.
COLOUR_ORDER = (0, 5, 2, 3, 1, 4, 7, 6)


@dataclass
class _Shown:
    """One checked activation: its colour, its latest curves and what the drawing needs
    from them, kept so that moving one function's slider recomputes only that function."""

    colour_index: int
    f: np.ndarray = field(default_factory=lambda: np.empty(0))
    df: np.ndarray = field(default_factory=lambda: np.empty(0))
    f_range: tuple[float, float] | None = None  # finite min and max of f
    df_range: tuple[float, float] | None = None
    bounds: tuple[float, float] = (-math.inf, math.inf)  # the registry's output range
    max_abs_derivative: float = 0.0  # from the registry, for the saturation threshold
    saturated: tuple[tuple[float, bool], np.ndarray] | None = None  # (settings, mask)


def _finite_range(a: np.ndarray) -> tuple[float, float] | None:
    """(min, max) of the finite values of ``a``, None if it has none."""
    if a.size == 0:
        return None
    lo, hi = float(a.min()), float(a.max())
    if math.isfinite(lo) and math.isfinite(hi):
        return lo, hi  # the usual case: no mask needed
    finite = a[np.isfinite(a)]
    if not finite.size:
        return None
    return float(finite.min()), float(finite.max())


def _finite_span(arrays: list[np.ndarray], *, include_zero: bool = True) -> tuple[float, float]:
    """A padded (low, high) from the finite values, never wider than ±DRAW_LIMIT."""
    return _span_of([_finite_range(a) for a in arrays], include_zero=include_zero)


def _span_of(
    ranges: list[tuple[float, float] | None], *, include_zero: bool = True
) -> tuple[float, float]:
    """``_finite_span`` from (min, max) pairs already taken."""
    lo, hi = (0.0, 0.0) if include_zero else (math.inf, -math.inf)
    for r in ranges:
        if r is not None:
            lo = min(lo, r[0])
            hi = max(hi, r[1])
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = -1.0, 1.0
    lo, hi = max(lo, -DRAW_LIMIT), min(hi, DRAW_LIMIT)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    pad = 0.06 * (hi - lo)
    return _snap(lo - pad, hi + pad)


def _snap(lo: float, hi: float) -> tuple[float, float]:
    """Round a span outwards to a nice step, so that small parameter changes leave the
    axes (and their cached tick labels) alone while dragging."""
    step = 10.0 ** math.floor(math.log10(hi - lo)) / 4.0
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def _clipped(a: np.ndarray) -> np.ndarray:
    """Finite values pass unchanged; ±inf and huge values are drawn at ±DRAW_LIMIT."""
    if np.all(np.abs(a) <= DRAW_LIMIT):
        return a
    return np.clip(
        np.nan_to_num(a, nan=0.0, posinf=DRAW_LIMIT, neginf=-DRAW_LIMIT), -DRAW_LIMIT, DRAW_LIMIT
    )


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return "∞" if v > 0 else ("−∞" if v < 0 else "NaN")
    return f"{v:.4g}".replace("-", "−")


class ExplorerController(QObject):
    """Connects the explorer view to the registry, softmax, losses and maxout."""

    def __init__(
        self,
        view: ExplorerView,
        *,
        language: str = "en",
        auto_measure_cost: bool = True,
        initial: tuple[str, ...] = ("sigmoid", "relu"),
    ) -> None:
        super().__init__(view)
        self.view = view
        self.language = language
        self.auto_measure_cost = auto_measure_cost
        # Automatic cost measurements wait until well after the first paint (_auto_measure).
        self._cost_delay_over = False
        self.params: dict[str, dict[str, float]] = {
            a: ACTIVATIONS[a].defaults() for a in ACTIVATIONS
        }
        self.shown: dict[str, _Shown] = {}
        self.current = ""
        self.half_width = X_RANGE_DEFAULT
        self.x = np.linspace(-self.half_width, self.half_width, POINTS)
        self.x0 = 0.0
        self.depth = DEFAULT_DEPTH
        self.crosshair_x: float | None = None
        self.costs: dict[str, dict[str, float]] = {}  # id -> {"numpy": s, "torch": s}
        # id -> {backend: time / ReLU's time, both measured in the same tick}
        self.cost_ratios: dict[str, dict[str, float]] = {}
        self._cost_queue: list[tuple[str, str]] = []
        self._f_span = (-1.0, 1.0)
        self._df_span = (-1.0, 1.0)
        # What the texts say, rendered by the _render_* methods (again on a language change).
        self._cost_status: tuple[str, int] = ("", 0)  # ("" | "measuring" | "measured", left)
        self._depth_rows: list[tuple[int, str, float, float]] = []  # colour, id, factors
        self.softmax_check: tuple[float, float] | None = None  # 2-class softmax, sigmoid
        self._softmax_sum = 1.0
        self._loss_state: tuple[float, float, float, float, float] | None = None

        self._secondary = QTimer(self)
        self._secondary.setSingleShot(True)
        self._secondary.setInterval(SECONDARY_DELAY_MS)
        self._secondary.timeout.connect(self.refresh_secondary)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_DELAY_MS)
        self._settle.timeout.connect(self._update_spans)
        self._cost_timer = QTimer(self)
        self._cost_timer.setSingleShot(True)
        self._cost_timer.setInterval(0)
        self._cost_timer.timeout.connect(self._measure_next)

        self._connect()
        self._remove_theme_listener = theme_mod.on_theme_changed(self.apply_theme)
        view.destroyed.connect(lambda *_: self._remove_theme_listener())

        for aid in initial:
            view.function_list.set_checked(aid, True)
        if initial:
            view.function_list.set_current(initial[0])
        self.set_language(language)
        self.refresh_secondary()
        if auto_measure_cost:
            QTimer.singleShot(COST_DELAY_MS, self, self._auto_measure)

    # -- wiring (the only place signals are connected) ----------------------------------
    def _connect(self) -> None:
        v = self.view
        v.function_list.checkedChanged.connect(self.on_checked)
        v.function_list.currentChanged.connect(self.on_current)
        v.parameters.parameterChanged.connect(self.on_parameter)
        v.parameters.reset_button.clicked.connect(self.reset_parameters)
        p = v.plots
        p.x_range.valueChanged.connect(self.on_x_range)
        p.saturated_check.toggled.connect(self._redo_shading)
        p.dead_check.toggled.connect(self._redo_shading)
        p.band_check.toggled.connect(self._redo_shading)
        p.saturation_fraction.valueChanged.connect(self._redo_shading)
        p.crosshairMoved.connect(self.on_crosshair)
        p.crosshairLeft.connect(self.on_crosshair_left)
        p.x0_line.sigPositionChanged.connect(lambda line: self.set_x0(float(line.value())))
        v.facts.measure_button.clicked.connect(self.measure_costs)
        v.panelBuilt.connect(self.on_panel_built)

    def on_panel_built(self, name: str) -> None:
        """Wire a panel the view has just built (on its tab's first opening)."""
        v = self.view
        if name == "depth" and v.depth is not None:
            d = v.depth
            d.depth.setValue(self.depth)
            d.x0.setRange(-self.half_width, self.half_width)
            d.x0.setValue(self.x0)
            d.depth.valueChanged.connect(self.on_depth)
            d.x0.valueChanged.connect(self.set_x0)
            for aid, s in self.shown.items():
                d.ensure_curves(aid, s.colour_index)
            d.set_visible_functions(list(self.shown))
            self.update_depth()
        elif name == "softmax" and v.softmax is not None:
            s = v.softmax
            s.count.valueChanged.connect(self.update_softmax)
            s.temperature.valueChanged.connect(self.update_softmax)
            for slider in s.logit_sliders:
                slider.valueChanged.connect(self.update_softmax)
            self.update_softmax()
        elif name == "loss" and v.loss is not None:
            v.loss.target_group.idToggled.connect(lambda _id, on: on and self.update_losses())
            self.update_losses()
        elif name == "maxout" and v.maxout is not None:
            m = v.maxout
            m.count.valueChanged.connect(self.update_maxout)
            for slider in (*m.slopes, *m.intercepts):
                slider.valueChanged.connect(self.update_maxout)
            self.update_maxout()

    # -- function list ------------------------------------------------------------------
    def on_checked(self, activation_id: str, checked: bool) -> None:
        if activation_id == self.current:
            self.view.parameters.set_plotted(checked)
        if checked and activation_id not in self.shown:
            used = {s.colour_index for s in self.shown.values()}
            colour = next((c for c in COLOUR_ORDER if c not in used), None)
            if colour is None:  # past eight functions: reuse colours, dashed
                n = len(self.shown)
                colour = COLOUR_ORDER[n % len(COLOUR_ORDER)] + len(COLOUR_ORDER) * (
                    n // len(COLOUR_ORDER)
                )
            act = ACTIVATIONS[activation_id]
            self.shown[activation_id] = _Shown(colour)
            self.view.plots.ensure_items(activation_id, act.display_name(self.language), colour)
            if self.view.depth is not None:
                self.view.depth.ensure_curves(activation_id, colour)
            card = self.view.facts.card(activation_id)
            card.set_colour(theme_mod.current().colour(colour))
            self.view.function_list.set_colour(activation_id, theme_mod.current().colour(colour))
            self._compute(activation_id)
            if self.auto_measure_cost and self._cost_delay_over and activation_id not in self.costs:
                self._queue_cost(activation_id)
        elif not checked and activation_id in self.shown:
            del self.shown[activation_id]
            self.view.function_list.set_colour(activation_id, None)
        else:
            return
        ids = list(self.shown)
        self.view.plots.set_visible_functions(ids)
        if self.view.depth is not None:
            self.view.depth.set_visible_functions(ids)
        self.view.facts.set_order(ids)
        self._update_spans()
        self._schedule_secondary()

    def on_current(self, activation_id: str) -> None:
        self.current = activation_id
        act = ACTIVATIONS.get(activation_id) if activation_id else None
        values = self.params[activation_id] if act else {}
        self.view.parameters.show_activation(act, values, self.language)
        self.view.parameters.set_plotted(activation_id in self.shown)

    def on_parameter(self, name: str, value: float) -> None:
        aid = self.current
        if not aid:
            return
        act = ACTIVATIONS[aid]
        candidate = {**self.params[aid], name: value}
        try:
            act.resolve_params(candidate)
        except ValueError as err:
            # e.g. rrelu's lower above upper: refuse, show why, put the slider back.
            self.view.parameters.show_refusal(str(err))
            self.view.parameters.set_values(self.params[aid])
            return
        self.view.parameters.clear_refusal()
        self.params[aid] = candidate
        if aid in self.shown:
            self._compute(aid)
            self._update_spans(dragging=True)
            self._schedule_secondary()
        else:  # a slider that moved nothing would look broken: show the function
            self.view.function_list.set_checked(aid, True)

    def reset_parameters(self) -> None:
        aid = self.current
        if not aid:
            return
        self.params[aid] = ACTIVATIONS[aid].defaults()
        self.view.parameters.set_values(self.params[aid])
        self.view.parameters.clear_refusal()
        if aid in self.shown:
            self._compute(aid)
            self._update_spans()
            self._schedule_secondary()
        else:
            self.view.function_list.set_checked(aid, True)

    # -- main plots ---------------------------------------------------------------------
    def _compute(self, activation_id: str) -> None:
        """Evaluate one activation on the grid and push its curves (only this one)."""
        act = ACTIVATIONS[activation_id]
        p = self.params[activation_id]
        s = self.shown[activation_id]
        s.f = _clipped(act.forward(self.x, **p))
        s.df = _clipped(act.derivative(self.x, **p))
        s.f_range, s.df_range = _finite_range(s.f), _finite_range(s.df)
        rng = act.output_range(**p)
        s.bounds = (rng.low, rng.high)
        s.max_abs_derivative = act.max_abs_derivative(**p)
        s.saturated = None
        plots = self.view.plots
        plots.set_curves(activation_id, self.x, s.f, s.df)
        plots.set_bounds(
            activation_id,
            rng.low if math.isfinite(rng.low) else None,
            rng.high if math.isfinite(rng.high) else None,
        )
        self._shade(activation_id)

    def _shade(self, activation_id: str) -> None:
        """Dead hatching and the RReLU band for one function (saturation: all at once)."""
        act = ACTIVATIONS[activation_id]
        p = self.params[activation_id]
        s = self.shown[activation_id]
        plots = self.view.plots
        dead = s.df == 0.0 if plots.dead_check.isChecked() else None
        plots.set_dead_shading(activation_id, self.x, dead, self._df_span)
        facts_band = (p["lower"], p["upper"]) if act.random_in_training else None
        if facts_band is not None and plots.band_check.isChecked():
            # Two straight lines through the origin: their ends are the exact band (a
            # triangle to fill, not a 2000-vertex polygon).
            xn = np.array([self.x[0], 0.0])
            plots.set_band(activation_id, xn, facts_band[0] * xn, facts_band[1] * xn)
        else:
            plots.set_band(activation_id, None, None)

    def _update_spans(self, *, dragging: bool = False) -> None:
        """Fixed y-ranges from the finite data; shading follows when they change.

        While a slider is dragged the ranges only grow (no curve leaves the view) and
        shrink to fit once the drag has paused: a new range redraws both axes and the
        grid, which costs more than the curves themselves.
        """
        if dragging:
            self._settle.start()
        f_span = _span_of([s.f_range for s in self.shown.values()])
        df_span = _span_of([s.df_range for s in self.shown.values()])
        # Always show the bounds of bounded functions.
        for s in self.shown.values():
            for b in s.bounds:
                if math.isfinite(b):
                    pad = 0.06 * (f_span[1] - f_span[0])
                    f_span = (min(f_span[0], b - pad), max(f_span[1], b + pad))
        if dragging:
            f_span = (min(f_span[0], self._f_span[0]), max(f_span[1], self._f_span[1]))
            df_span = (min(df_span[0], self._df_span[0]), max(df_span[1], self._df_span[1]))
        changed = (f_span, df_span) != (self._f_span, self._df_span)
        self._f_span, self._df_span = f_span, df_span
        self.view.plots.set_y_ranges(f_span, df_span)
        if changed:
            for aid in self.shown:
                self._shade(aid)
        self._shade_saturation()

    def _shade_saturation(self) -> None:
        """Where |f′| < fraction · max|f′|, per shown function (dead parts are hatched)."""
        plots = self.view.plots
        masks: dict[str, np.ndarray] = {}
        if plots.saturated_check.isChecked():
            settings = (plots.saturation_fraction.value() / 100.0, plots.dead_check.isChecked())
            for aid, s in self.shown.items():
                if s.saturated is None or s.saturated[0] != settings:  # else: unchanged
                    mask = np.abs(s.df) < settings[0] * s.max_abs_derivative
                    if settings[1]:
                        mask &= s.df != 0.0
                    s.saturated = (settings, mask)
                masks[aid] = s.saturated[1]
        plots.set_saturated_shading(self.x, masks, self._df_span)

    def _redo_shading(self, *_args: object) -> None:
        for aid in self.shown:
            self._shade(aid)
        self._shade_saturation()

    def on_x_range(self, half_width: float) -> None:
        self.half_width = half_width
        self.x = np.linspace(-half_width, half_width, POINTS)
        self.view.plots.set_x_range(half_width)
        if self.view.depth is not None:
            x0 = self.view.depth.x0
            x0.blockSignals(True)
            x0.setRange(-half_width, half_width)
            x0.blockSignals(False)
        self.view.plots.x0_line.setBounds((-half_width, half_width))
        for aid in self.shown:
            self._compute(aid)
        self._update_spans()
        if abs(self.x0) > half_width:
            self.set_x0(max(-half_width, min(half_width, self.x0)))
        self._schedule_secondary()

    def on_crosshair(self, x: float) -> None:
        self.crosshair_x = x
        self.view.plots.set_readout(self.readout_html(x))

    def on_crosshair_left(self) -> None:
        self.crosshair_x = None
        self.view.plots.set_readout(self._readout_hint())

    def _render_readout(self) -> None:
        """The values under the mouse, or the hint when it is not over the plots."""
        if self.crosshair_x is not None:
            self.view.plots.set_readout(self.readout_html(self.crosshair_x))
        else:
            self.view.plots.set_readout(self._readout_hint())

    def readout_html(self, x: float) -> str:
        """x, f(x) and f'(x) from the registry for every shown function."""
        t = theme_mod.current()
        parts = [f"<b>x = {_fmt(x)}</b>"]
        for aid, s in self.shown.items():
            act = ACTIVATIONS[aid]
            p = self.params[aid]
            f = float(act.forward(x, **p))
            df = float(act.derivative(x, **p))
            name = act.display_name(self.language)
            parts.append(
                f"<span style='color:{t.colour(s.colour_index)}'>■</span> {name}: "
                f"f = {_fmt(f)}, f′ = {_fmt(df)}"
            )
        return " &nbsp;│&nbsp; ".join(parts)

    def _readout_hint(self) -> str:
        return self.tr("Move the mouse over the plots to read x, f(x) and f′(x).")

    # -- secondary panels ---------------------------------------------------------------
    def _schedule_secondary(self) -> None:
        if not self._secondary.isActive():
            self._secondary.start()

    def refresh_secondary(self) -> None:
        """Facts, depth plot and readout: cheap, but not needed at drag rate."""
        self._secondary.stop()
        self.update_facts()
        self.update_depth()
        self._render_readout()

    def _title(self, act: Activation) -> str:
        p = self.params[act.id]
        name = act.display_name(self.language)
        if not act.params:
            return name
        vals = ", ".join(f"{q.symbol or q.name} = {p[q.name]:g}" for q in act.params)
        return f"{name} ({vals})"

    def update_facts(self) -> None:
        yes, no = self.tr("yes"), self.tr("no")
        for aid, s in self.shown.items():
            act = ACTIVATIONS[aid]
            facts = act.facts(**self.params[aid])
            card = self.view.facts.card(aid)
            card.title.setText(self._title(act))
            card.formula.set_latex(facts.formula_latex, facts.formula_text)
            v = card.values
            v["range"].setText(str(facts.output_range))
            v["zero_centred"].setText(yes if facts.zero_centred else no)
            v["monotonic"].setText(yes if facts.monotonic else no)
            v["smooth"].setText(yes if facts.smooth else self._smoothness_text(facts))
            v["max_d"].setText(_fmt(facts.max_abs_derivative))
            v["d0"].setText(_fmt(facts.derivative_at_0))
            v["cost"].setText(self._cost_text(aid))
            v["cost"].setToolTip(self._cost_tooltip(aid))
            card.note.setText(facts.note_zh if self.language == "zh_CN" else facts.note_en)
            card.set_colour(theme_mod.current().colour(s.colour_index))

    def _smoothness_text(self, facts) -> str:
        """Where f is not smooth, from core's kinks and jumps, in the current language."""
        if facts.discontinuities:
            points = ", ".join(f"{p:g}" for p in facts.discontinuities)
            return self.tr("jumps at x = {0}").format(points)
        points = ", ".join(f"{p:g}" for p in facts.kinks)
        return self.tr("kinks at x = {0}").format(points)

    def update_depth(self) -> None:
        if self.view.depth is None:
            return
        depths = np.arange(MIN_DEPTH, MAX_DEPTH + 1, dtype=np.float64)
        logs: list[float] = [0.0]
        rows = []
        for aid, s in self.shown.items():
            act = ACTIVATIONS[aid]
            p = self.params[aid]
            best_factor = act.max_abs_derivative(**p)
            x0_factor = abs(float(act.derivative(self.x0, **p)))
            with np.errstate(over="ignore", under="ignore"):
                best = best_factor**depths
                at_x0 = x0_factor**depths
            self.view.depth.set_factors(aid, depths, best, at_x0)
            for arr in (best, at_x0):
                pos = arr[(arr > 0) & np.isfinite(arr)]
                if pos.size:
                    logs += [math.log10(max(FLOOR, min(CEILING, pos.min())))]
                    logs += [math.log10(max(FLOOR, min(CEILING, pos.max())))]
            rows.append((s.colour_index, aid, best_factor, x0_factor))
        self._depth_rows = rows
        self.view.depth.set_y_span(max(min(logs), -30.0), min(max(logs), 30.0))
        self.view.depth.set_depth_marker(self.depth)
        self._render_depth_readout()

    def _render_depth_readout(self) -> None:
        """The depth readout from the factors last computed, in the current language."""
        if self.view.depth is None:
            return
        t = theme_mod.current()
        L = self.depth
        lines = []
        notes = []
        with np.errstate(over="ignore", under="ignore"):
            for colour_index, aid, best_factor, x0_factor in self._depth_rows:
                name = ACTIVATIONS[aid].display_name(self.language)
                swatch = f"<span style='color:{t.colour(colour_index)}'>■</span>"
                lines.append(
                    f"{swatch} {name}: {_fmt(best_factor)}<sup>{L}</sup> = "
                    f"<b>{_fmt(best_factor**L)}</b> · "
                    + self.tr("at x₀:")
                    + f" {_fmt(x0_factor)}<sup>{L}</sup> = <b>{_fmt(x0_factor**L)}</b>"
                )
                if x0_factor == 0.0:
                    notes.append(
                        self.tr(
                            "{0}: f′(x₀) = 0, the gradient is exactly 0 at any depth (not drawn)"
                        ).format(name)
                    )
                elif x0_factor**MAX_DEPTH < FLOOR or best_factor**MAX_DEPTH < FLOOR:
                    notes.append(self.tr("{0}: values below 1e−30 are drawn at 1e−30").format(name))
        head = self.tr("At depth L = {0} (x₀ = {1}):").format(L, _fmt(self.x0))
        text = "<br>".join([f"<b>{head}</b>", *lines])
        if notes:
            text += "<br><i>" + "<br>".join(notes) + "</i>"
        self.view.depth.readout.setText(text)

    def on_depth(self, value: float) -> None:
        self.depth = round(value)
        self.update_depth()

    def set_x0(self, x0: float) -> None:
        """From the depth slider or the draggable x0 line: keep both in step."""
        x0 = max(-self.half_width, min(self.half_width, float(x0)))
        if x0 == self.x0:
            return
        self.x0 = x0
        if self.view.depth is not None:
            slider = self.view.depth.x0
            slider.blockSignals(True)
            slider.setValue(x0)
            slider.blockSignals(False)
        line = self.view.plots.x0_line
        if abs(line.value() - x0) > 1e-12:
            line.blockSignals(True)
            line.setValue(x0)
            line.blockSignals(False)
        self._schedule_secondary()

    # -- cost ---------------------------------------------------------------------------
    def _queue_cost(self, activation_id: str) -> None:
        for backend in cost_meter.BACKENDS:
            job = (activation_id, backend)
            if job not in self._cost_queue and backend not in self.costs.get(activation_id, {}):
                self._cost_queue.append(job)
        if not self._cost_timer.isActive():
            self._cost_timer.start()

    def _auto_measure(self) -> None:
        self._cost_delay_over = True
        for aid in self.shown:
            if aid not in self.costs or len(self.costs[aid]) < 2:
                self._queue_cost(aid)

    def measure_costs(self) -> None:
        """Measure every shown function afresh, one (function, backend) per timer tick."""
        for aid in list(self.shown):
            self.costs.pop(aid, None)
            self.cost_ratios.pop(aid, None)
        self._cost_queue.clear()
        for aid in self.shown:
            self._queue_cost(aid)
        self.update_facts()

    def cost_pending(self) -> bool:
        return bool(self._cost_queue)

    def _measure_next(self) -> None:
        if not self._cost_queue:
            self._set_cost_status("")
            return
        aid, backend = self._cost_queue.pop(0)
        seconds, relu = cost_meter.paired_seconds(ACTIVATIONS[aid], self.params[aid], backend)
        if aid == "relu":  # timed against itself: the best of both runs, by definition 1x
            seconds = relu = min(seconds, relu)
        self.costs.setdefault(aid, {})[backend] = seconds
        self.cost_ratios.setdefault(aid, {})[backend] = seconds / relu if relu > 0 else math.nan
        left = len(self._cost_queue)
        self._set_cost_status("measuring" if left else "measured", left)
        self.update_facts()
        if self._cost_queue:
            self._cost_timer.start()

    def _set_cost_status(self, kind: str, left: int = 0) -> None:
        self._cost_status = (kind, left)
        self._render_cost_status()

    def _render_cost_status(self) -> None:
        kind, left = self._cost_status
        if kind == "measuring":
            text = self.tr("measuring… {0} left").format(left)
        elif kind == "measured":
            text = self.tr("cost measured")
        else:
            text = ""
        self.view.facts.cost_status.setText(text)

    def _cost_text(self, activation_id: str) -> str:
        ratios = self.cost_ratios.get(activation_id, {})
        parts = []
        for backend in cost_meter.BACKENDS:
            if math.isfinite(ratios.get(backend, math.nan)):
                parts.append(f"{backend} ×{ratios[backend]:.1f}")
        if not parts:
            return self.tr("not measured")
        return ", ".join(parts)

    def _cost_tooltip(self, activation_id: str) -> str:
        mine = self.costs.get(activation_id, {})
        if not mine:
            return self.tr("Press Measure cost to time it on 10⁵ points.")
        return self.tr(
            "On 10⁵ points: numpy forward (float64) {0:.2f} ms; torch module (float32, one "
            "thread) {1:.2f} ms. Each was timed alternately with ReLU, best of several runs."
        ).format(mine.get("numpy", float("nan")) * 1e3, mine.get("torch", float("nan")) * 1e3)

    # -- softmax, losses, maxout --------------------------------------------------------
    def update_softmax(self, *_args: object) -> None:
        s = self.view.softmax
        if s is None:
            return
        n = s.count.value()
        s.set_count(n)
        z = np.array([sl.value() for sl in s.logit_sliders[:n]])
        temperature = s.temperature.value()
        p = softmax(z, temperature)
        s.set_probabilities(p)
        s.set_jacobian(softmax_jacobian(z, temperature))
        two = float(softmax(z[:2], temperature)[0])
        sig = float(ACTIVATIONS["sigmoid"].forward((z[0] - z[1]) / temperature))
        self.softmax_check = (two, sig)
        self._softmax_sum = float(p.sum())
        self._render_softmax_check()

    def _render_softmax_check(self) -> None:
        s = self.view.softmax
        if s is None or self.softmax_check is None:
            return
        two, sig = self.softmax_check
        ok = "✓" if math.isclose(two, sig, rel_tol=1e-12, abs_tol=1e-15) else "✗"
        s.check.setText(
            self.tr(
                "Two classes: softmax([z₁, z₂] / T)₁ = <b>{0}</b> and "
                "σ((z₁ − z₂) / T) = <b>{1}</b> {2}<br>A 2-class softmax is a sigmoid of the "
                "logit difference. Sum of p = {3}"
            ).format(f"{two:.10f}", f"{sig:.10f}", ok, f"{self._softmax_sum:.6f}")
        )

    def update_losses(self) -> None:
        panel = self.view.loss
        if panel is None:
            return
        y = float(panel.target())
        p = np.linspace(0.001, 0.999, 999)
        panel.set_losses(p, mse(p, y), bce(p, y))
        z = np.linspace(-Z_LIMIT, Z_LIMIT, 801)
        panel.set_gradients(z, mse_grad_logit(z, y), bce_grad_logit(z, y))
        z_wrong = -6.0 if y == 1.0 else 6.0
        g_mse = float(mse_grad_logit(z_wrong, y))
        g_bce = float(bce_grad_logit(z_wrong, y))
        p_wrong = float(ACTIVATIONS["sigmoid"].forward(z_wrong))
        self._loss_state = (z_wrong, p_wrong, y, g_mse, g_bce)
        self._render_loss_texts()

    def _render_loss_texts(self) -> None:
        panel = self.view.loss
        if panel is None or self._loss_state is None:
            return
        z_wrong, p_wrong, y, g_mse, g_bce = self._loss_state
        # The same three significant digits in the plot's note and in the text beside it.
        p, mse_g, bce_g = (f"{v:.3g}" for v in (p_wrong, g_mse, g_bce))
        panel.annotate(
            z_wrong,
            g_mse,
            g_bce,
            self.tr(
                "confidently wrong (p = {0}):\nMSE gradient {1} (flat)\ncross-entropy gradient {2}"
            ).format(p, mse_g, bce_g),
        )
        panel.readout.setText(
            self.tr(
                "At z = {0:g} (p = {1}, y = {2:g}): sigmoid + MSE gives ∂L/∂z = "
                "<b>{3}</b>, sigmoid + cross-entropy gives <b>{4}</b>."
            ).format(z_wrong, p, y, mse_g, bce_g)
        )

    def update_maxout(self, *_args: object) -> None:
        m = self.view.maxout
        if m is None:
            return
        k = m.count.value()
        m.set_count(k)
        model = Maxout(
            tuple(s.value() for s in m.slopes[:k]), tuple(s.value() for s in m.intercepts[:k])
        )
        x = np.linspace(-5.0, 5.0, 1001)
        pieces = model.pieces(x)
        fx = model.forward(x)
        dfx = model.derivative(x)
        self.maxout_model = model
        m.set_data(x, pieces, fx, dfx, _finite_span([fx]), _finite_span([dfx]))

    # -- language and theme -------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Re-pick the texts core gives in two languages (group names, notes, params)."""
        self.language = language
        zh = language == "zh_CN"
        self.view.function_list.set_group_names({g: (c if zh else e) for g, e, c in GROUPS})
        names = {aid: act.display_name(language) for aid, act in ACTIVATIONS.items()}
        self.view.function_list.set_activation_names(names)
        self.view.plots.set_names(names)
        self.view.parameters.set_language(language)
        self.update_facts()

    def retranslate(self, language: str | None = None) -> None:
        """Render every text this controller shows again, from its state, in the language
        just installed (``language``: core's texts too, as ``set_language``)."""
        if language is not None:
            self.set_language(language)  # also renders the facts
        else:
            self.update_facts()
        self._render_readout()
        self._render_cost_status()
        self._render_depth_readout()
        self._render_softmax_check()
        self._render_loss_texts()

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.view.apply_theme(t)
        self._redo_shading()  # the tints are pre-blended with the background
        for aid, s in self.shown.items():
            self.view.function_list.set_colour(aid, t.colour(s.colour_index))
        self.refresh_secondary()

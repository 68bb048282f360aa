"""Explorer panels: facts and formulas, depth, softmax, losses, maxout, language, theme."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from core.activations import ACTIVATIONS, GROUPS
from core.losses import bce, bce_grad_logit, mse, mse_grad_logit
from core.maxout import Maxout
from core.softmax import softmax, softmax_jacobian
from gui import theme
from gui.explorer.depth_panel import FLOOR
from gui.explorer.explorer_tab import ExplorerTab
from gui.explorer.formula_view import FormulaView, parse_latex, unknown_commands
from gui.explorer.loss_panel import LOSS_CEILING


@pytest.fixture
def tab(qtbot):
    t = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(t)
    t.resize(1280, 800)
    t.show()
    qtbot.waitExposed(t)
    return t


# -- formulas ---------------------------------------------------------------------------
@pytest.mark.parametrize("aid", list(ACTIVATIONS))
def test_every_registry_formula_typesets_with_no_latex_left(aid, qtbot):
    box = parse_latex(ACTIVATIONS[aid].formula_latex)
    assert unknown_commands(box) == []
    text = "".join(box.texts())
    for leftover in ("\\", "{", "}", "^", "_", "&"):
        assert leftover not in text, (aid, text)
    view = FormulaView(ACTIVATIONS[aid].formula_latex, 12)
    qtbot.addWidget(view)
    size = view.sizeHint()
    assert size.width() > 40
    assert size.height() > 10
    view.resize(size)
    image = view.grab().toImage()
    dark = sum(
        1
        for x in range(0, size.width(), 2)
        for y in range(0, size.height(), 2)
        if QColor(image.pixel(x, y)).lightness() < 128
    )
    assert dark > 10  # something was drawn


def test_fractions_and_cases_become_boxes_not_text():
    from gui.explorer.formula_view import Cases, Frac

    sig = parse_latex(ACTIVATIONS["sigmoid"].formula_latex)
    assert any(isinstance(b, Frac) for b in sig.items)
    leaky = parse_latex(ACTIVATIONS["leaky_relu"].formula_latex)
    cases = [b for b in leaky.items if isinstance(b, Cases)]
    assert len(cases) == 1
    assert len(cases[0].rows) == 2


# -- facts ------------------------------------------------------------------------------
def test_facts_cards_show_the_registry_facts(tab):
    tab.view.function_list.set_checked("hardtanh", True)
    tab.controller.refresh_secondary()
    for aid in ("sigmoid", "relu", "hardtanh"):
        facts = ACTIVATIONS[aid].facts(**tab.controller.params[aid])
        card = tab.view.facts.cards[aid]
        assert card.isVisible()
        v = card.values
        assert v["range"].text() == str(facts.output_range)
        assert v["max_d"].text() == f"{facts.max_abs_derivative:.4g}"
        assert card.note.text() == facts.note_en
        assert card.formula.latex() == facts.formula_latex
    assert tab.view.facts.cards["relu"].values["smooth"].text() == "kinks at x = 0"
    assert tab.view.facts.cards["sigmoid"].values["smooth"].text() == "yes"
    assert tab.view.facts.cards["sigmoid"].values["zero_centred"].text() == "no"


def test_cost_is_measured_on_demand_one_step_at_a_time(tab, qtbot):
    ctrl = tab.controller
    assert ctrl.costs == {}  # never at start-up
    tab.view.facts.measure_button.click()
    assert ctrl.cost_pending()
    assert ctrl.costs == {}  # nothing measured inside the click itself
    qtbot.waitUntil(lambda: not ctrl.cost_pending(), timeout=30000)
    assert set(ctrl.costs["sigmoid"]) == {"numpy", "torch"}
    text = tab.view.facts.cards["sigmoid"].values["cost"].text()
    assert "numpy ×" in text
    assert "torch ×" in text
    assert tab.view.facts.cards["relu"].values["cost"].text().startswith("numpy ×1.0")


def test_cost_ratios_use_the_relu_time_of_the_same_tick(tab, qtbot, monkeypatch):
    """Each ratio divides by the ReLU time measured alongside it, never by an older one."""
    from gui.explorer import cost_meter

    ctrl = tab.controller
    times = {"sigmoid": 3e-3, "relu": 1e-3}
    baselines = iter([1e-3, 2e-3, 1e-3, 2e-3, 4e-3, 4e-3])  # a machine getting busier

    def fake(activation, params, backend):
        base = next(baselines)
        return times[activation.id] * base / 1e-3, base

    monkeypatch.setattr(cost_meter, "paired_seconds", fake)
    tab.view.facts.measure_button.click()
    qtbot.waitUntil(lambda: not ctrl.cost_pending(), timeout=10_000)
    for aid, ratio in (("sigmoid", 3.0), ("relu", 1.0)):
        assert ctrl.cost_ratios[aid] == pytest.approx({"numpy": ratio, "torch": ratio})
    text = tab.view.facts.cards["sigmoid"].values["cost"].text()
    assert text == "numpy ×3.0, torch ×3.0"
    assert "10⁵ points" in tab.view.facts.cards["sigmoid"].values["cost"].toolTip()
    # Without ReLU ticked its baselines are not kept as its own cost: ticked later, it
    # is measured and gets its own ratio.
    ctrl.costs.clear()
    ctrl.cost_ratios.clear()
    tab.view.function_list.set_checked("relu", False)
    baselines = itertools.repeat(1e-3)
    ctrl.measure_costs()
    qtbot.waitUntil(lambda: not ctrl.cost_pending(), timeout=10_000)
    assert set(ctrl.costs) == set(ctrl.cost_ratios) == {"sigmoid"}
    tab.view.function_list.set_checked("relu", True)
    ctrl.measure_costs()
    qtbot.waitUntil(lambda: not ctrl.cost_pending(), timeout=10_000)
    assert tab.view.facts.cards["relu"].values["cost"].text() == "numpy ×1.0, torch ×1.0"


def test_cost_meter_alternates_with_relu_on_one_torch_thread(monkeypatch):
    from core.activations import ACTIVATIONS
    from gui.explorer import cost_meter

    calls: list[tuple[str, int]] = []

    def runner(activation, params, backend):
        return lambda: calls.append((activation.id, torch.get_num_threads()))

    monkeypatch.setattr(cost_meter, "_runner", runner)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        f, relu = cost_meter.paired_seconds(ACTIVATIONS["gelu"], {}, "torch")
        assert torch.get_num_threads() == 2  # put back
    finally:
        torch.set_num_threads(before)
    assert 0 < f < 0.01
    assert 0 < relu < 0.01
    assert calls == [("relu", 1), ("gelu", 1)] * cost_meter.PAIRS
    # A slow function gets fewer runs: one tick stays within about the budget.
    calls.clear()
    monkeypatch.setattr(
        cost_meter,
        "_runner",
        lambda act, params, backend: lambda: calls.append(act.id) or time.sleep(0.03),
    )
    cost_meter.paired_seconds(ACTIVATIONS["gelu"], {}, "numpy")
    assert calls == ["relu", "gelu"]


def test_language_switch_repicks_notes_groups_and_descriptions(tab):
    tab.view.function_list.set_current("elu")
    tab.set_language("zh_CN")
    assert tab.view.facts.cards["sigmoid"].note.text() == ACTIVATIONS["sigmoid"].facts().note_zh
    for gid, _en, zh in GROUPS:
        assert tab.view.function_list.group_items[gid].text(0) == zh
    desc = tab.view.parameters.descriptions["alpha"].text()
    assert ACTIVATIONS["elu"].param("alpha").description_zh in desc
    tab.set_language("en")
    assert tab.view.facts.cards["sigmoid"].note.text() == ACTIVATIONS["sigmoid"].facts().note_en


# -- depth ------------------------------------------------------------------------------
def test_depth_panel_plots_max_derivative_to_the_power_l(tab):
    tab.view.function_list.set_checked("leaky_relu", True)
    depth = tab.view.show_panel("depth")
    for aid in ("sigmoid", "relu", "leaky_relu"):
        m = ACTIVATIONS[aid].max_abs_derivative(**tab.controller.params[aid])
        L, logs = depth.best[aid].getData()
        np.testing.assert_array_equal(L, np.arange(1, 51))
        expected = np.maximum(m**L, FLOOR)
        np.testing.assert_allclose(10.0**logs, expected, rtol=1e-12)
    # sigmoid's 0.25^10 ≈ 9.5e-7 is in the readout beside ReLU's 1^10
    depth.depth.setValue(10)
    text = depth.readout.text()
    assert "9.537e−07" in text
    assert "ReLU: 1<sup>10</sup> = <b>1</b>" in text


def test_depth_operating_point_follows_the_draggable_line(tab):
    depth = tab.view.show_panel("depth")
    line = tab.view.plots.x0_line
    line.setValue(-1.5)  # what a drag does
    assert tab.controller.x0 == -1.5
    assert depth.x0.value() == -1.5
    tab.controller.refresh_secondary()
    L, logs = depth.at_x0["sigmoid"].getData()
    d = float(ACTIVATIONS["sigmoid"].derivative(-1.5))
    np.testing.assert_allclose(10.0**logs, np.maximum(d**L, FLOOR), rtol=1e-12)
    # relu is dead at x0 < 0: nothing drawn, and the readout says so
    xs = depth.at_x0["relu"].getData()[0]
    assert xs is None or len(xs) == 0
    assert "exactly 0" in depth.readout.text()
    depth.x0.setValue(2.0)  # and the slider moves the line
    assert line.value() == 2.0
    _, (lo, hi) = depth.plot.getViewBox().viewRange()
    assert lo >= -31
    assert hi <= 31


# -- softmax ----------------------------------------------------------------------------
def test_softmax_bars_sum_to_one_and_match_core(tab):
    panel = tab.view.show_panel("softmax")
    rng = np.random.default_rng(7)
    for n in (3, 7, 10):
        panel.count.setValue(n)
        for s in panel.logit_sliders[:n]:
            s.setValue(float(rng.uniform(-5, 5)))
        panel.temperature.setValue(float(rng.uniform(0.1, 5)))
        z = np.array([s.value() for s in panel.logit_sliders[:n]])
        t = panel.temperature.value()
        heights = np.asarray(panel.bars.opts["height"])
        assert heights.shape == (n,)
        assert heights.sum() == pytest.approx(1.0, abs=1e-12)
        np.testing.assert_allclose(heights, softmax(z, t), rtol=1e-12)
        np.testing.assert_allclose(panel.jacobian_image.image, softmax_jacobian(z, t), rtol=1e-12)


def test_jacobian_cell_values_stay_readable_on_dark_cells(tab):
    """Black text on the map's saturated ends was 3.3:1; there it is white (>= 4.5:1)."""
    from gui.explorer.softmax_panel import CELL_TEXT, CELL_TEXT_ON_DARK, LABELLED_CELLS

    panel = tab.view.show_panel("softmax")
    panel.count.setValue(4)
    for s, z in zip(panel.logit_sliders, (2.0, 1.0, 0.1, -1.0), strict=False):
        s.setValue(z)
    jac = panel.jacobian_image.image
    limit = np.abs(jac).max()

    def colour(i, j):
        return panel.cell_labels[i * LABELLED_CELLS + j].color.name()

    i, j = np.unravel_index(np.argmax(np.abs(jac)), jac.shape)
    assert colour(i, j) == CELL_TEXT_ON_DARK  # the strongest cell
    i, j = np.unravel_index(np.argmin(np.abs(jac)), jac.shape)
    assert colour(i, j) == CELL_TEXT  # a pale one
    for i in range(4):
        for j in range(4):
            expected = CELL_TEXT_ON_DARK if abs(jac[i, j]) > 0.9 * limit else None
            if expected or abs(jac[i, j]) < 0.7 * limit:
                assert colour(i, j) == (expected or CELL_TEXT), (i, j)


def test_two_class_softmax_equals_sigmoid_of_the_difference(tab):
    panel = tab.view.show_panel("softmax")
    panel.logit_sliders[0].setValue(1.7)
    panel.logit_sliders[1].setValue(-0.4)
    panel.temperature.setValue(2.0)
    two, sig = tab.controller.softmax_check
    assert two == pytest.approx(float(softmax([1.7, -0.4], 2.0)[0]), rel=1e-12)
    assert sig == pytest.approx(float(ACTIVATIONS["sigmoid"].forward((1.7 + 0.4) / 2.0)))
    assert two == pytest.approx(sig, rel=1e-12)
    text = panel.check.text()
    assert f"{two:.10f}" in text
    assert f"{sig:.10f}" in text
    assert "✓" in text


# -- losses -----------------------------------------------------------------------------
@pytest.mark.parametrize("target", [0, 1])
def test_loss_panel_data_equals_core_losses(tab, target):
    panel = tab.view.show_panel("loss")
    (panel.target0 if target == 0 else panel.target1).setChecked(True)
    p, m = panel.mse_loss.getData()
    _, b = panel.bce_loss.getData()
    np.testing.assert_array_equal(m, mse(p, target))
    np.testing.assert_array_equal(b, np.minimum(bce(p, target), LOSS_CEILING * 1.05))
    z, gm = panel.mse_grad.getData()
    _, gb = panel.bce_grad.getData()
    np.testing.assert_array_equal(gm, mse_grad_logit(z, target))
    np.testing.assert_array_equal(gb, bce_grad_logit(z, target))
    # the annotated, confidently wrong point: MSE's gradient is flat, cross-entropy's is not
    z_wrong = -6.0 if target == 1 else 6.0
    assert abs(float(mse_grad_logit(z_wrong, target))) < 0.01
    assert abs(float(bce_grad_logit(z_wrong, target))) > 0.99
    assert "flat" in panel.annotation.toPlainText()
    # the plot's note and the side readout give p and both gradients with the same digits
    values = (
        float(ACTIVATIONS["sigmoid"].forward(z_wrong)),
        float(mse_grad_logit(z_wrong, target)),
        float(bce_grad_logit(z_wrong, target)),
    )
    p_text, mse_text, bce_text = (f"{v:.3g}" for v in values)
    assert mse_text == ("-0.00492" if target == 1 else "0.00492")
    for text in (panel.annotation.toPlainText(), panel.readout.text()):
        assert f"p = {p_text}" in text
        assert mse_text in text
        assert bce_text in text


def test_loss_legend_sits_in_the_corner_where_the_losses_are_low(tab):
    panel = tab.view.show_panel("loss")
    for target, right in ((1, True), (0, False), (1, True)):
        (panel.target0 if target == 0 else panel.target1).setChecked(True)
        tab.view.loss.graphics.repaint()
        legend = panel.loss_legend.sceneBoundingRect()
        box = panel.loss_plot.getViewBox().sceneBoundingRect()
        middle = box.center().x()
        assert (legend.center().x() > middle) is right, target


def test_loss_annotation_hides_when_too_short_to_read_and_returns(tab, qtbot):
    panel = tab.view.show_panel("loss")
    box = panel.grad_plot.getViewBox()
    tab.resize(1280, 800)
    qtbot.waitUntil(lambda: box.height() > 150)
    assert panel.annotation.isVisible()
    panel.graphics.setFixedHeight(90)  # a plot far too short for three lines of text
    qtbot.waitUntil(lambda: not panel.annotation.isVisible())
    # the numbers are still said, beside the plot
    assert f"{float(mse_grad_logit(-6.0, 1)):.5f}" in panel.readout.text()
    panel.graphics.setMaximumHeight(16777215)
    panel.graphics.setMinimumHeight(0)
    qtbot.waitUntil(lambda: panel.annotation.isVisible())


# -- maxout -----------------------------------------------------------------------------
def test_maxout_panel_matches_core_maxout(tab):
    panel = tab.view.show_panel("maxout")
    rng = np.random.default_rng(3)
    for k in (2, 5, 4):
        panel.count.setValue(k)
        for s in (*panel.slopes[:k], *panel.intercepts[:k]):
            s.setValue(float(rng.uniform(-3, 3)))
        model = Maxout(
            tuple(s.value() for s in panel.slopes[:k]),
            tuple(s.value() for s in panel.intercepts[:k]),
        )
        x, f = panel.max_curve.getData()
        _, d = panel.derivative_curve.getData()
        np.testing.assert_array_equal(f, model.forward(x))
        np.testing.assert_array_equal(d, model.derivative(x))
        for i in range(k):
            np.testing.assert_array_equal(panel.piece_curves[i].getData()[1], model.pieces(x)[i])
        assert all(c.isVisible() for c in panel.piece_curves[:k])
        assert not any(c.isVisible() for c in panel.piece_curves[k:])
        assert panel.max_curve.opts["pen"].widthF() > panel.piece_curves[0].opts["pen"].widthF()


# -- theme ------------------------------------------------------------------------------
def test_theme_change_restyles_the_plots(tab):
    for name in ("depth", "softmax", "loss", "maxout"):
        tab.view.panel(name)
    try:
        theme.set_theme(dark=True, presenter=True)
        t = theme.current()
        assert (
            tab.view.plots.graphics.backgroundBrush().color().name() == QColor(t.background).name()
        )
        pen = tab.view.plots.items["sigmoid"].f_curve.opts["pen"]
        assert pen.widthF() == t.thin_pen_width
    finally:
        theme.set_theme(dark=False, presenter=False)
    pen = tab.view.plots.items["sigmoid"].f_curve.opts["pen"]
    assert pen.widthF() == theme.current().thin_pen_width


def test_crosshair_handler_ignores_points_outside_the_plots(tab):
    tab.view.plots.on_mouse_moved(QPointF(-5000, -5000))
    assert tab.controller.crosshair_x is None

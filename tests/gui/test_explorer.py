"""Explorer tab: function list, parameters, main plots, crosshair, robustness."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from core.activations import ACTIVATIONS, GROUPS
from gui import theme
from gui.explorer.explorer_controller import POINTS, _clipped, _finite_span
from gui.explorer.explorer_tab import ExplorerTab
from gui.main_window import MainWindow

WITH_PARAMS = [a.id for a in ACTIVATIONS.values() if a.params]


@pytest.fixture
def tab(qtbot):
    t = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(t)
    t.resize(1280, 800)
    t.show()
    qtbot.waitExposed(t)
    return t


def _assert_plotted_matches_registry(tab: ExplorerTab, aid: str) -> None:
    act = ACTIVATIONS[aid]
    params = tab.controller.params[aid]
    items = tab.view.plots.items[aid]
    x, f = items.f_curve.getData()
    x2, df = items.df_curve.getData()
    half = tab.controller.half_width
    np.testing.assert_array_equal(x, np.linspace(-half, half, POINTS))
    np.testing.assert_array_equal(x2, x)
    np.testing.assert_array_equal(f, act.forward(x, **params))
    np.testing.assert_array_equal(df, act.derivative(x, **params))


def test_main_window_shows_the_explorer_tab(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert isinstance(window.tabs.widget(0), ExplorerTab)
    assert window.tabs.count() >= 2


def test_list_holds_every_registry_entry_grouped(tab):
    fl = tab.view.function_list
    assert set(fl.items) == set(ACTIVATIONS)
    for gid, en, _zh in GROUPS:
        group = fl.group_items[gid]
        assert group.text(0) == en
        ids = {group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(group.childCount())}
        assert ids == {a.id for a in ACTIVATIONS.values() if a.group == gid}


def test_filter_box_hides_non_matching_functions(tab):
    fl = tab.view.function_list
    fl.filter_edit.setText("relu")
    assert not fl.items["relu"].isHidden()
    assert not fl.items["leaky_relu"].isHidden()
    assert fl.items["sigmoid"].isHidden()
    assert fl.group_items["shrink"].isHidden()
    fl.filter_edit.clear()
    assert not any(it.isHidden() for it in fl.items.values())


def test_overlay_gives_each_function_its_own_colour_and_legend_entry(tab):
    fl = tab.view.function_list
    for aid in ("tanh", "elu", "gelu"):
        fl.set_checked(aid, True)
    shown = tab.controller.shown
    assert list(shown) == ["sigmoid", "relu", "tanh", "elu", "gelu"]
    colours = {s.colour_index for s in shown.values()}
    assert len(colours) == 5
    legend = [label.text for _sample, label in tab.view.plots.legend.items]
    assert legend == [ACTIVATIONS[a].name for a in shown]
    for aid, s in shown.items():
        pen = tab.view.plots.items[aid].f_curve.opts["pen"]
        assert pen.color().name().lower() == theme.current().colour(s.colour_index).lower()
        _assert_plotted_matches_registry(tab, aid)
    fl.set_checked("relu", False)
    assert not tab.view.plots.items["relu"].f_curve.isVisible()
    legend = [label.text for _sample, label in tab.view.plots.legend.items]
    assert "ReLU" not in legend
    assert len(legend) == 4


@pytest.mark.parametrize("aid", WITH_PARAMS)
def test_moving_each_parameter_plots_the_registry_numbers(tab, aid):
    fl = tab.view.function_list
    fl.set_checked(aid, True)
    fl.set_current(aid)
    panel = tab.view.parameters
    assert set(panel.sliders) == set(ACTIVATIONS[aid].param_names)
    for name, slider in panel.sliders.items():
        ticks = slider.slider.maximum()
        for frac in (0.15, 0.8, 1.0, 0.0, 0.45):
            before = dict(tab.controller.params[aid])
            slider.slider.setValue(round(frac * ticks))  # as a drag does
            params = tab.controller.params[aid]
            try:
                ACTIVATIONS[aid].resolve_params({**before, name: slider.value()})
                accepted = True
            except ValueError:
                accepted = False
            if accepted:
                assert params[name] == slider.value()
            else:  # e.g. rrelu lower above upper: refused, slider put back
                assert params == before
                assert slider.value() == before[name]
                assert panel.message.isVisible()
            _assert_plotted_matches_registry(tab, aid)


def test_each_checked_function_keeps_its_own_parameters(tab):
    fl = tab.view.function_list
    fl.set_checked("elu", True)
    fl.set_checked("celu", True)
    fl.set_current("elu")
    tab.view.parameters.sliders["alpha"].setValue(2.5)
    fl.set_current("celu")
    assert tab.view.parameters.sliders["alpha"].value() == 1.0
    tab.view.parameters.sliders["alpha"].setValue(0.5)
    fl.set_current("elu")
    assert tab.view.parameters.sliders["alpha"].value() == 2.5
    assert tab.controller.params["celu"]["alpha"] == 0.5
    _assert_plotted_matches_registry(tab, "elu")
    _assert_plotted_matches_registry(tab, "celu")


def test_reset_button_restores_defaults(tab):
    fl = tab.view.function_list
    fl.set_checked("softplus", True)
    fl.set_current("softplus")
    tab.view.parameters.sliders["beta"].setValue(7.0)
    tab.view.parameters.reset_button.click()
    assert tab.controller.params["softplus"] == ACTIVATIONS["softplus"].defaults()
    assert tab.view.parameters.sliders["beta"].value() == 1.0
    _assert_plotted_matches_registry(tab, "softplus")


def test_log_scale_parameters_get_log_sliders(tab):
    tab.view.function_list.set_current("swish")
    assert tab.view.parameters.sliders["beta"].isLogScale()
    tab.view.function_list.set_current("elu")
    assert not tab.view.parameters.sliders["alpha"].isLogScale()


def test_typed_value_outside_the_range_is_refused_visibly(tab):
    fl = tab.view.function_list
    fl.set_checked("elu", True)
    fl.set_current("elu")
    slider = tab.view.parameters.sliders["alpha"]
    edit = slider.spin_box.lineEdit()
    slider.spin_box.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "99")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert slider.value() == 5.0
    assert edit.text() == "5.00"
    assert slider.is_showing_refusal()
    assert tab.controller.params["elu"]["alpha"] == 5.0
    _assert_plotted_matches_registry(tab, "elu")


def test_x_range_slider_changes_the_grid_and_the_axes(tab):
    tab.view.plots.x_range.setValue(20.0)
    assert tab.controller.half_width == 20.0
    (x0, x1), _ = tab.view.plots.f_plot.getViewBox().viewRange()
    assert (x0, x1) == pytest.approx((-20.0, 20.0))
    _assert_plotted_matches_registry(tab, "sigmoid")
    tab.view.plots.x_range.setValue(1.0)  # clamps to the minimum ±3
    assert tab.controller.half_width == 3.0


def test_y_ranges_are_fixed_from_finite_data_and_show_the_bounds(tab):
    _, (lo, hi) = tab.view.plots.f_plot.getViewBox().viewRange()
    assert lo < 0.0
    assert hi >= 5.0
    bounds = tab.view.plots.items["sigmoid"].bounds
    assert [b.value() for b in bounds] == [0.0, 1.0]
    assert not tab.view.plots.items["relu"].bounds[1].isVisible()  # relu has no upper bound


def test_infinite_values_are_clipped_and_spans_stay_finite():
    a = np.array([0.0, 1.0, np.inf, -np.inf, 1e300])
    c = _clipped(a)
    assert np.all(np.isfinite(c))
    assert c[0] == 0.0
    assert c[1] == 1.0
    lo, hi = _finite_span([a])
    assert math.isfinite(lo)
    assert math.isfinite(hi)
    assert hi <= 2e6


def test_crosshair_readout_shows_the_registry_values(tab, qtbot):
    tab.view.function_list.set_checked("elu", True)
    plots = tab.view.plots
    vb = plots.f_plot.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(-1.3, 0.4))
    with qtbot.waitSignal(plots.crosshairMoved) as blocker:
        plots.on_mouse_moved(scene_pos)
    x = blocker.args[0]
    assert x == pytest.approx(-1.3, abs=0.05)
    text = plots.readout.text()
    assert "x = " in text
    for aid in ("sigmoid", "relu", "elu"):
        act = ACTIVATIONS[aid]
        p = tab.controller.params[aid]
        f = float(act.forward(x, **p))
        df = float(act.derivative(x, **p))
        assert act.name in text
        assert f"f = {f:.4g}".replace("-", "−") in text or (f == 0 and "f = 0" in text)
        assert f"f′ = {df:.4g}".replace("-", "−") in text or (df == 0 and "f′ = 0" in text)
    assert all(line.isVisible() for line in plots.crosshair)
    plots.on_mouse_moved(QPointF(-1000, -1000))  # outside: crosshair hides
    assert not any(line.isVisible() for line in plots.crosshair)


def test_real_mouse_move_drives_the_crosshair(tab, qtbot):
    plots = tab.view.plots
    vb = plots.df_plot.getViewBox()
    view_point = plots.graphics.mapFromScene(vb.mapViewToScene(QPointF(2.0, 0.1)))
    with qtbot.waitSignal(plots.crosshairMoved, timeout=2000) as blocker:
        QTest.mouseMove(plots.graphics.viewport(), view_point)
    assert blocker.args[0] == pytest.approx(2.0, abs=0.05)


def test_saturated_and_dead_shading(tab):
    plots = tab.view.plots
    ctrl = tab.controller
    # sigmoid is saturated for |x| > ~4.36 (f' < 5% of 0.25); relu is dead for x <= 0.
    sat = plots.saturated.intervals()
    assert any(b > 4.9 and 4.2 < a < 4.5 for a, b in sat)
    dead = plots.items["relu"].dead.intervals()
    assert len(dead) == 1
    assert dead[0][0] < -4.9
    assert abs(dead[0][1]) < 0.01
    plots.saturation_fraction.setValue(20.0)
    wider = plots.saturated.intervals()
    assert min(a for a, b in wider if a > 0) < min(a for a, b in sat if a > 0)
    plots.saturated_check.setChecked(False)
    assert not plots.saturated.isVisible()
    plots.dead_check.setChecked(False)
    assert not plots.items["relu"].dead.isVisible()
    assert ctrl.shown  # nothing else changed


def test_rrelu_band_fills_between_lower_and_upper_slopes(tab):
    fl = tab.view.function_list
    fl.set_checked("rrelu", True)
    items = tab.view.plots.items["rrelu"]
    assert items.band_fill.isVisible()
    x, lo = items.band_low.getData()
    _, hi = items.band_high.getData()
    assert np.all(x <= 0)
    np.testing.assert_allclose(lo, 0.125 * x)
    np.testing.assert_allclose(hi, (1 / 3) * x)
    tab.view.plots.band_check.setChecked(False)
    assert not items.band_fill.isVisible()


def test_random_slider_moves_and_toggles_raise_nothing(tab):
    rng = np.random.default_rng(1234)
    fl = tab.view.function_list
    ids = list(ACTIVATIONS)
    plots = tab.view.plots
    for _ in range(300):
        action = rng.integers(0, 6)
        if action == 0:
            aid = ids[rng.integers(len(ids))]
            fl.set_checked(aid, aid not in tab.controller.shown)
        elif action == 1:
            fl.set_current(ids[rng.integers(len(ids))])
        elif action in (2, 3) and tab.view.parameters.sliders:
            sliders = list(tab.view.parameters.sliders.values())
            s = sliders[rng.integers(len(sliders))]
            s.slider.setValue(int(rng.integers(0, s.slider.maximum() + 1)))
        elif action == 4:
            plots.x_range.setValue(float(rng.uniform(3, 20)))
        else:
            box = (plots.saturated_check, plots.dead_check, plots.band_check)[rng.integers(3)]
            box.toggle()
        tab.controller.refresh_secondary()
    for aid in tab.controller.shown:
        _assert_plotted_matches_registry(tab, aid)

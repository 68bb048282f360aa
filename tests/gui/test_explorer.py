"""Explorer tab: function list, parameters, main plots, crosshair, robustness."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.activations import ACTIVATIONS, GROUPS
from gui import theme
from gui.explorer.explorer_controller import POINTS, _clipped, _finite_span
from gui.explorer.explorer_tab import ExplorerTab
from gui.explorer.function_plots import FunctionCurve, polyline_vertices
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


def test_moving_a_slider_of_an_unplotted_function_plots_it(tab):
    """Selecting a name does not tick it; its sliders must not then move nothing."""
    fl = tab.view.function_list
    panel = tab.view.parameters
    fl.set_current("elu")
    assert "elu" not in fl.checked_ids()
    assert panel.message.isVisible()
    assert "ELU" in panel.message.text()  # says it is not on the plots, and how to plot it
    panel.sliders["alpha"].setValue(2.0)
    assert "elu" in fl.checked_ids()
    assert "elu" in tab.controller.shown
    assert not panel.message.isVisible()
    _assert_plotted_matches_registry(tab, "elu")
    fl.set_checked("elu", False)  # unticked again: the panel says so again
    assert panel.message.isVisible()
    panel.reset_button.click()  # a reset is a change the user wants to see, too
    assert "elu" in fl.checked_ids()
    assert tab.controller.params["elu"] == ACTIVATIONS["elu"].defaults()
    _assert_plotted_matches_registry(tab, "elu")
    fl.set_current("gelu")  # no parameters: that is all the panel says
    assert panel.message.text() == "GELU has no parameters."


@pytest.mark.parametrize(
    ("aid", "name", "setup", "position"),
    [
        ("elu", "alpha", None, 0.5),  # plots the function: the note goes
        ("rrelu", "upper", ("lower", 0.3), 0.0),  # upper below lower: refused, a note comes
    ],
)
def test_a_note_that_comes_or_goes_mid_drag_leaves_the_slider_in_place(
    tab, qtbot, aid, name, setup, position
):
    fl = tab.view.function_list
    panel = tab.view.parameters
    fl.set_current(aid)
    if setup is not None:
        fl.set_checked(aid, True)
        panel.sliders[setup[0]].setValue(setup[1])
    qtbot.wait(50)  # the new rows laid out
    shown = panel.message.isVisible()
    slider = panel.sliders[name].slider
    y = slider.mapTo(panel, slider.rect().center()).y()
    slider.setSliderDown(True)  # as a mouse press on the handle does
    slider.setSliderPosition(round(position * slider.maximum()))
    qtbot.wait(50)
    assert panel.message.isVisible() != shown  # the note came or went …
    assert aid in tab.controller.shown
    assert slider.mapTo(panel, slider.rect().center()).y() == y  # … the slider stayed put
    slider.setSliderDown(False)


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


# -- drawing fast without drawing differently ---------------------------------------------
def _drawn_within(y_px: np.ndarray, kept: np.ndarray) -> float:
    """Largest vertical distance (px) between every sample and the polyline through the
    kept samples (the samples are evenly spaced, so index is x)."""
    between = np.interp(np.arange(y_px.size), kept, y_px[kept])
    return float(np.abs(between - y_px).max())


@pytest.mark.parametrize("aid", list(ACTIVATIONS))
def test_thinned_curves_stay_within_a_quarter_pixel_of_every_registry_sample(aid):
    act = ACTIVATIONS[aid]
    params = act.defaults()
    for half in (3.0, 5.0, 20.0):
        x = np.linspace(-half, half, POINTS)
        for values in (_clipped(act.forward(x, **params)), _clipped(act.derivative(x, **params))):
            for px_per_unit in (10.0, 60.0, 400.0):
                y_px = values * px_per_unit
                kept = polyline_vertices(y_px, FunctionCurve.TOLERANCE_PX)
                assert kept[0] == 0
                assert kept[-1] == POINTS - 1
                assert np.all(np.diff(kept) > 0)
                assert _drawn_within(y_px, kept) <= 0.25 + 1e-9  # a quarter pixel: unseen


def test_thinning_keeps_steps_and_noise_and_drops_straight_runs():
    x = np.arange(POINTS, dtype=float)
    line = polyline_vertices(0.3 * x, 0.25)
    assert line.size <= POINTS // 40 + 1  # a straight line: one vertex per 40-sample run
    step = np.where(x < 1000.5, 0.0, 50.0)
    kept = polyline_vertices(step, 0.25)
    assert {1000, 1001} <= set(kept.tolist())
    assert _drawn_within(step, kept) == 0.0
    noise = np.random.default_rng(7).normal(0.0, 5.0, POINTS)
    kept = polyline_vertices(noise, 0.25)
    assert kept.size > 0.9 * POINTS
    assert _drawn_within(noise, kept) <= 0.25


def _viewport_image(tab: ExplorerTab) -> np.ndarray:
    view = tab.view.plots.graphics.viewport()
    view.repaint()
    img = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(img.constBits(), np.uint8).reshape(
        img.height(), img.bytesPerLine() // 4, 4
    )
    return rows[:, : img.width(), 2::-1].astype(int)  # RGB


def _pen_colour_near(image: np.ndarray, plot, x: float, y: float, rgb, reach: int = 2) -> bool:
    graphics = plot.getViewBox().scene().views()[0]
    pos = graphics.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y)))
    c, r = pos.x(), pos.y()
    patch = image[max(r - reach, 0) : r + reach + 1, max(c - reach, 0) : c + reach + 1]
    return bool((np.abs(patch - np.asarray(rgb)).max(axis=2) == 0).any())


def test_the_picture_shows_the_registry_curves_as_a_parameter_moves(tab):
    fl = tab.view.function_list
    for aid in ("sigmoid", "relu"):
        fl.set_checked(aid, False)
    fl.set_checked("elu", True)
    fl.set_current("elu")
    plots = tab.view.plots
    s = tab.controller.shown["elu"]
    rgb = QColor(theme.current().colour(s.colour_index)).getRgb()[:3]
    act = ACTIVATIONS["elu"]
    slider = tab.view.parameters.sliders["alpha"]
    for alpha in (2.0, 0.5, 3.5):
        slider.setValue(alpha)
        image = _viewport_image(tab)
        for x in np.linspace(-4.5, 4.5, 25):
            f = float(act.forward(x, alpha=alpha))
            df = float(act.derivative(x, alpha=alpha))
            assert _pen_colour_near(image, plots.f_plot, x, f, rgb), (alpha, x, f)
            assert _pen_colour_near(image, plots.df_plot, x, df, rgb), (alpha, x, df)
        low = act.output_range(alpha=alpha).low  # the dashed bound moves with alpha
        assert plots.items["elu"].bounds[0].value() == low
        for x in (2.0, 3.0, 4.0):
            assert _pen_colour_near(image, plots.f_plot, x, low, rgb, reach=6), (alpha, x)
    fl.set_checked("elu", False)  # hidden functions leave the picture
    image = _viewport_image(tab)
    assert not any(
        _pen_colour_near(image, plots.f_plot, x, float(act.forward(x, alpha=3.5)), rgb)
        for x in np.linspace(0.5, 4.5, 9)
    )


def test_exports_stroke_every_sample_and_the_screen_a_thinned_polyline(tab, monkeypatch):
    full_paths: list[str] = []
    full_paint = pg.PlotCurveItem.paint

    def counting_paint(item, *args):
        if isinstance(item, FunctionCurve):
            full_paths.append(item.name() or "f′")
        return full_paint(item, *args)

    monkeypatch.setattr(pg.PlotCurveItem, "paint", counting_paint)
    graphics = tab.view.plots.graphics
    graphics.viewport().repaint()
    assert full_paths == []  # the screen: thinned polylines
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    graphics.scene().render(painter)  # as plot export renders: no widget
    painter.end()
    assert len(full_paths) == 2 * len(tab.controller.shown)


def test_a_parameter_change_paints_the_plots_once(tab, qtbot):
    fl = tab.view.function_list
    fl.set_checked("elu", True)
    fl.set_current("elu")
    viewport = tab.view.plots.graphics.viewport()
    qtbot.wait(50)
    paints: list[int] = []

    class CountPaints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    counter = CountPaints()
    viewport.installEventFilter(counter)
    slider = tab.view.parameters.sliders["alpha"].slider
    for step in (5, -3, 8):
        paints.clear()
        slider.setValue(slider.value() + step)
        for _ in range(3):
            QApplication.processEvents()
        assert len(paints) == 1
    viewport.removeEventFilter(counter)


def _saturated_by_registry(tab: ExplorerTab) -> dict[str, np.ndarray]:
    """Per shown function, where it is saturated but not dead, from the registry."""
    ctrl = tab.controller
    fraction = tab.view.plots.saturation_fraction.value() / 100.0
    masks = {}
    for aid in ctrl.shown:
        act, p = ACTIVATIONS[aid], ctrl.params[aid]
        df = act.derivative(ctrl.x, **p)
        masks[aid] = (np.abs(df) < fraction * act.max_abs_derivative(**p)) & (df != 0.0)
    return masks


def test_saturation_shading_follows_every_parameter_change(tab):
    fl = tab.view.function_list
    for aid in ("elu", "softplus", "swish"):
        fl.set_checked(aid, True)
    plots = tab.view.plots
    x = tab.controller.x
    rng = np.random.default_rng(3)
    for step in range(12):
        aid = ("elu", "softplus", "swish")[step % 3]
        fl.set_current(aid)
        slider = next(iter(tab.view.parameters.sliders.values())).slider
        slider.setValue(int(rng.integers(0, slider.maximum() + 1)))
        if step == 6:
            plots.saturation_fraction.setValue(12.0)
        masks = _saturated_by_registry(tab)
        covered = np.zeros(POINTS, dtype=bool)
        for (a, b), brush in zip(
            plots.saturated.intervals(), plots.saturated.brushes(), strict=True
        ):
            inside = (x > a) & (x < b)
            covered |= inside
            # one band per run of the same functions, in the mean of their tints
            here = [f for f, m in masks.items() if m[inside].all()]
            assert here
            assert all(not masks[f][inside].any() for f in masks if f not in here)
            tints = [
                plots._tint(theme.current(), tab.controller.shown[f].colour_index) for f in here
            ]
            mean = [round(sum(c.getRgb()[k] for c in tints) / len(tints)) for k in range(3)]
            assert list(brush.color().getRgb()[:3]) == mean
        np.testing.assert_array_equal(covered, np.any(list(masks.values()), axis=0))


def test_spans_ignore_non_finite_values():
    assert _finite_span([np.array([np.nan, np.inf, -np.inf])]) == _finite_span([np.zeros(0)])
    lo, hi = _finite_span([np.array([np.nan, 1.0, -3.0, np.inf])], include_zero=False)
    assert lo < -3.0 < 1.0 < hi
    assert (lo, hi) == _finite_span([np.array([1.0, -3.0])], include_zero=False)

"""The Training lab's pieces without a running tab: axes, bands, causes, the worker."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.training import Trainer, TrainingConfig
from gui.training.divergence_banner import likely_cause
from gui.training.histogram_axes import (
    fixed_range,
    layer_ranges,
    occupied_range,
    padded,
    percentile_range,
    point_bins,
    shown_layers,
)
from gui.training.saturation_band import saturated_intervals, saturated_outputs
from gui.training.training_worker import Frame, RunEvent, TrainingMailbox, TrainingThread

SMALL = TrainingConfig(depth=3, width=8, n_samples=128, batch=32, activation="sigmoid")


def _shown(qtbot, view, width: int, height: int = 500):
    """``view`` shown at ``width`` x ``height``, closed after the test."""
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture(scope="module")
def records():
    t = Trainer(SMALL)
    return [t.train_step(record=True) for _ in range(3)]


def test_all_layers_are_shown_up_to_fourteen():
    assert shown_layers(4) == [0, 1, 2, 3]
    assert shown_layers(14) == list(range(14))


def test_a_deep_net_shows_an_even_selection_with_first_and_last():
    picks = shown_layers(51)
    assert len(picks) <= 14
    assert picks[0] == 0
    assert picks[-1] == 50
    assert picks == sorted(set(picks))
    assert max(np.diff(picks)) - min(np.diff(picks)) <= 1  # evenly spread


def test_fixed_axis_is_one_range_covering_every_layer_at_the_reference(records):
    ref = records[0]
    lo, hi = fixed_range([ref], "grad")
    for layer in ref.layers:
        r = occupied_range(layer.grad_hist)
        assert lo <= r[0]
        assert hi >= r[1]
    ranges = layer_ranges(records[-1:], [0, 1, 2, 3], "grad", "fixed", [ref])
    assert len(set(ranges)) == 1


def test_percentile_axis_is_each_layers_p01_to_p99(records):
    rec = records[-1]
    ranges = layer_ranges([rec], [0, 3], "grad", "percentile")
    for r, i in zip(ranges, [0, 3], strict=True):
        h = rec.layers[i].grad_hist
        assert r == pytest.approx(padded(percentile_range(h)))


def test_per_layer_auto_axis_follows_each_layer(records):
    rec = records[-1]
    ranges = layer_ranges([rec], [0, 3], "grad", "auto")
    assert ranges[0] != ranges[1]  # the sigmoid net's first layer is far narrower


def test_shared_layer_ranges_in_a_comparison_cover_both_runs(records):
    other = Trainer(SMALL.with_changes(activation="relu")).record()
    both = layer_ranges([records[0], other], [0], "grad", "auto")[0]
    for rec in (records[0], other):
        lo, hi = occupied_range(rec.layers[0].grad_hist)
        assert both[0] <= lo
        assert both[1] >= hi


def test_saturated_band_of_sigmoid_is_both_tails():
    (a, b), (c, d) = saturated_intervals("sigmoid")
    assert a == -math.inf
    assert d == math.inf
    assert b == pytest.approx(-c, abs=0.01)
    assert 4.0 < c < 5.0  # sigma'(z) = 0.05 * 0.25 near |z| = 4.4
    low, high = saturated_outputs("sigmoid")
    assert low[0] == pytest.approx(0.0, abs=1e-6)
    assert high[1] == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(
    ("activation", "params"),
    [("sigmoid", {}), ("tanh", {}), ("gelu", {}), ("elu", {"alpha": 0.5}), ("relu", {})],
)
def test_saturated_band_is_where_the_records_count_saturation(activation, params):
    """The shaded band and the records' saturated share use one level: the band's edges
    are the exact float32 ones core counts with, to the band's grid step."""
    from core.saturation import find_regions
    from core.training import SATURATION_LEVEL
    from gui.training.saturation_band import GRID_LIMIT, GRID_POINTS

    step = 2 * GRID_LIMIT / (GRID_POINTS - 1)
    exact = find_regions(activation, tuple(sorted(params.items())), SATURATION_LEVEL)
    band = saturated_intervals(activation, params)
    assert len(band) == len(exact.low)
    for (lo, hi), (elo, ehi) in zip(band, exact.low, strict=True):
        for edge, exact_edge in ((lo, elo), (hi, ehi)):
            if math.isinf(exact_edge):
                assert edge == exact_edge
            else:
                assert edge == pytest.approx(exact_edge, abs=step)


def test_saturated_band_follows_activation_parameters():
    assert saturated_intervals("relu") == ((-math.inf, 0.0),)
    assert saturated_intervals("identity") == ()
    narrow = saturated_intervals("hardtanh", {"min_val": -0.5, "max_val": 0.5})
    assert narrow[0][1] == pytest.approx(-0.5, abs=0.01)


@pytest.mark.parametrize(
    ("changes", "cause"),
    [
        ({"lr": 5.0}, "lr"),
        ({"init": "normal", "init_std": 3.0, "lr": 0.1}, "init"),
        ({"init": "normal", "init_std": 3.0, "lr": 10.0}, "both"),
    ],
)
def test_the_banner_names_the_likely_cause(changes, cause):
    assert likely_cause(SMALL.with_changes(**changes)) == cause


def test_the_worker_pauses_steps_and_stops_when_asked(qtbot):
    mailbox = TrainingMailbox()
    training = TrainingThread(mailbox)
    try:
        worker = training.worker
        seen: list[object] = []

        def drained(kind=None, step=None) -> bool:
            seen.extend(mailbox.take_all())
            frames = [x for x in seen if isinstance(x, Frame)]
            events = [x for x in seen if isinstance(x, RunEvent)]
            if step is not None:
                return bool(frames) and frames[-1].step == step
            return any(e.kind == kind for e in events)

        worker.reset([SMALL], generation=1)
        qtbot.waitUntil(lambda: drained(step=0), timeout=10_000)
        worker.step_once()
        qtbot.waitUntil(lambda: drained(step=1), timeout=5000)
        worker.set_learning_rate(0.05)
        worker.resume()
        qtbot.waitUntil(lambda: drained(kind="running"), timeout=5000)
        worker.pause()
        qtbot.waitUntil(lambda: drained(kind="paused"), timeout=5000)
        assert all(f.records[0].step == f.step for f in seen if isinstance(f, Frame))
        assert all(not hasattr(f, "tensor") for f in seen)
    finally:
        assert training.shutdown()
    assert not training.is_running()


# -- legible at every size: tick choice, eliding combos, wrapping rows ---------------------


def test_nice_steps_put_at_most_the_allowed_ticks_on_a_range():
    from gui.widgets.plot_style import format_tick, linear_ticks, nice_step

    for lo, hi in ((0.0, 0.63), (-0.02, 1.02), (-2.7, 2.7), (0.0, 1700.0), (-12.3, -1.2)):
        for n in (1, 2, 3, 5, 8):
            step = nice_step(lo, hi, n)
            ticks = linear_ticks(lo, hi, step)
            assert 1 <= len(ticks) <= n or (n == 1 and len(ticks) <= 1)
            mantissa = step / 10 ** math.floor(math.log10(step))
            assert round(mantissa, 6) in (1.0, 2.0, 2.5, 5.0)
    step = nice_step(0.0, 0.63, 3)
    assert [format_tick(v, step) for v in linear_ticks(0.0, 0.63, step)] == ["0", "0.25", "0.5"]


def test_log_axes_label_decades_only_and_fewer_when_short(qapp):
    import pyqtgraph as pg

    from gui.widgets.plot_style import FittedAxis, decade_text

    assert [decade_text(e) for e in (-12, -3, 0, 1, 2)] == ["10⁻¹²", "10⁻³", "1", "10", "10²"]
    axis = FittedAxis("left")
    axis.setLogMode(False, True)
    tall = axis.tickValues(-8.0, 1.0, 600.0)
    short = axis.tickValues(-8.0, 1.0, 90.0)
    for levels in (tall, short):
        labelled = levels[0][1]
        assert all(float(v).is_integer() for v in labelled)  # no 2…9 minor labels
        assert axis.style["maxTextLevel"] == 0  # the minor level is never labelled
    assert len(short[0][1]) < len(tall[0][1])
    assert len(short[0][1]) * axis.line_height() <= 90.0
    assert isinstance(axis, pg.AxisItem)


def test_a_fit_combo_elides_only_below_its_full_width(qtbot):
    from gui.widgets.fit import FitComboBox

    box = FitComboBox(min_chars=6)
    qtbot.addWidget(box)
    box.addItems(["short", "a rather long item text that needs room"])
    box.setCurrentIndex(1)
    full = box.sizeHint().width()
    assert box.minimumSizeHint().width() < full
    box.resize(full, box.sizeHint().height())
    box.show()
    assert not box.is_elided()
    box.resize(box.minimumSizeHint().width(), box.sizeHint().height())
    assert box.is_elided()
    plain = FitComboBox()
    qtbot.addWidget(plain)
    plain.addItems(["short", "a rather long item text that needs room"])
    assert plain.minimumSizeHint().width() == plain.sizeHint().width()
    font = plain.font()
    before = plain.minimumSizeHint().width()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    plain.setFont(font)
    assert plain.minimumSizeHint().width() > before  # measured in the current font


def test_a_flow_layout_wraps_instead_of_widening(qtbot):
    from PySide6.QtWidgets import QPushButton, QWidget

    from gui.widgets.fit import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    buttons = [QPushButton(f"option number {i}") for i in range(3)]
    for b in buttons:
        flow.addWidget(b)
    one_line = flow.sizeHint().width()
    assert flow.line_count(one_line) == 1
    assert flow.line_count(one_line // 2) >= 2
    assert flow.minimumSize().width() <= max(b.sizeHint().width() for b in buttons)
    assert flow.heightForWidth(one_line // 2) > flow.heightForWidth(one_line)


def test_run_controls_go_to_two_columns_with_presenter_fonts(qtbot):
    from gui import theme
    from gui.training.run_controls import RunControls

    rc = RunControls()
    qtbot.addWidget(rc)
    rc.apply_theme(theme.Theme(presenter=False))
    wide = rc.grid.getItemPosition(rc.grid.indexOf(rc.reset_button))
    rc.apply_theme(theme.Theme(presenter=True))
    assert rc.compact
    compact = rc.grid.getItemPosition(rc.grid.indexOf(rc.reset_button))
    assert wide[:2] == (0, 3)
    assert compact[:2] == (1, 1)
    rc.apply_theme(theme.Theme(presenter=False))
    assert not rc.compact


def test_the_curves_cache_keeps_only_the_records_it_was_last_given():
    # The history drops old records; a cache entry holds its record (for the identity
    # check), so entries of dropped records kept up to 1,500 records alive (the GUI grew
    # by 79 MB over 50,000 steps; 12 MB now).
    from gui.training.curves_panel import series

    records = Trainer(TrainingConfig(depth=2, width=4, n_samples=64, batch=16)).run(12, 1)
    cache: dict = {}
    series(records[:8], [0, 1], cache)
    assert set(cache) == {id(r) for r in records[:8]}
    s = series(records[4:], [0, 1], cache)
    assert set(cache) == {id(r) for r in records[4:]}
    np.testing.assert_array_equal(s["steps"], [r.step for r in records[4:]])
    np.testing.assert_array_equal(s["norms"][1], [r.layers[1].grad_norm for r in records[4:]])


# -- decision boundary ------------------------------------------------------------------
@pytest.fixture
def boundary(qtbot):
    from gui.training.decision_boundary import DecisionBoundaryView

    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.set_runs(2, ("A", "B"))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_boundary_points_share_one_symbol_per_class(boundary):
    # pyqtgraph renders one symbol per distinct brush object: a brush per point once
    # rendered every point on its own (0.3 s per 1,000 points on the GUI thread).
    import pyqtgraph as pg

    from gui import theme

    rng = np.random.default_rng(1)
    x = rng.normal(size=(3000, 2))
    y = (rng.random(3000) > 0.5).astype(float)
    boundary.set_data(x, y)
    th = theme.current()
    for scatter in boundary.scatters:
        assert len(scatter.fragmentAtlas) == 2
        brushes = scatter.data["brush"]
        assert {b.color().name() for b, label in zip(brushes, y, strict=True) if label} == {
            pg.mkColor(th.colour(1)).name()
        }
        assert {b.color().name() for b, label in zip(brushes, y, strict=True) if not label} == {
            pg.mkColor(th.colour(0)).name()
        }


def test_boundary_draws_points_heat_map_and_contour_for_2d_data(boundary):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, 0] > 0).astype(float)
    boundary.set_data(x, y)
    assert all(p.isVisible() for p in boundary.plots)
    assert boundary.message.text == ""
    for scatter in boundary.scatters:
        xs, ys = scatter.getData()
        np.testing.assert_array_equal(xs, x[:, 0])
        np.testing.assert_array_equal(ys, x[:, 1])
    grid = np.linspace(-2, 2, 21)
    p_a = 1 / (1 + np.exp(-4 * grid))[None, :].repeat(21, axis=0)  # a boundary at x = 0
    p_b = np.full((21, 21), 0.5)  # an untrained net: nothing to trace
    boundary.set_boundary((-2, 2, -2, 2), [p_a, p_b])
    np.testing.assert_array_equal(boundary.images[0].image, p_a)
    assert boundary.images[0].mapRectToParent(boundary.images[0].boundingRect()).left() == -2
    assert boundary.contours[0].data is not None
    assert boundary.contours[1].data is None


def test_boundary_hides_its_plots_and_says_why_for_data_that_is_not_2d(boundary):
    boundary.set_data(np.zeros((10, 64)), np.zeros(10))
    assert not any(p.isVisible() for p in boundary.plots)
    assert "64" in boundary.message.text
    for scatter in boundary.scatters:
        assert len(scatter.getData()[0]) == 0
    boundary.set_data(np.zeros((10, 2)), np.zeros(10))  # back to a plane: plots return
    assert all(p.isVisible() for p in boundary.plots)
    assert boundary.message.text == ""


def test_boundary_without_a_plane_is_only_as_tall_as_its_note(boundary, qtbot):
    assert boundary.has_plane()
    changes: list[int] = []
    boundary.heightLimitChanged.connect(lambda: changes.append(boundary.maximumHeight()))
    boundary.set_data(np.zeros((10, 64)), np.zeros(10))
    note = boundary.message.item.boundingRect().height()
    assert note < boundary.maximumHeight() < note + 60  # the note fits, no more
    assert changes == [boundary.maximumHeight()]
    boundary.set_data(np.zeros((10, 8)), np.zeros(10))  # a note of the same height
    assert len(changes) == 1
    boundary.resize(200, 300)  # narrower: the note wraps to more lines, the limit follows
    qtbot.waitUntil(lambda: len(changes) == 2)
    assert note < boundary.message.item.boundingRect().height() < changes[1]
    boundary.set_data(np.zeros((10, 2)), np.zeros(10))
    assert boundary.maximumHeight() > 10_000
    assert len(changes) == 3


# -- what a fixed axis cannot show -------------------------------------------------------
def test_outside_fraction_spreads_each_bin_evenly():
    from gui.training.histogram_axes import outside_fraction

    edges = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    values = np.array([0.1, 0.2, 0.3, 0.4])
    assert outside_fraction(edges, values, 0.0, 4.0) == 0.0
    assert outside_fraction(edges, values, 1.0, 3.0) == pytest.approx(0.5)
    assert outside_fraction(edges, values, 0.5, 3.5) == pytest.approx(0.25)  # halves
    assert outside_fraction(edges, values, 10.0, 11.0) == pytest.approx(1.0)
    constant = np.array([2.0, 2.0])  # a zero-width bin is in or out as a whole
    assert outside_fraction(constant, np.array([1.0]), 0.0, 3.0) == 0.0
    assert outside_fraction(constant, np.array([1.0]), 2.5, 3.0) == 1.0
    assert outside_fraction(edges, values[:2], 0.0, 1.0) == 0.0  # mismatched: nothing said


def test_the_fixed_axis_says_how_much_has_moved_beyond_it(qtbot, records):
    import dataclasses

    from gui.training.layer_histograms import LayerHistogramView

    view = LayerHistogramView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    first = records[0]
    view.set_layout(len(first.layers), ("A",))
    view.set_quantity("preact")
    view.set_axis_mode("fixed")
    # Later, every layer's pre-activations spread to three times the width of step 0.
    wider = dataclasses.replace(
        first,
        layers=[
            layer._replace(
                preact_hist=layer.preact_hist._replace(
                    edges=np.asarray(layer.preact_hist.edges) * 3.0
                ),
            )
            for layer in first.layers
        ],
    )
    view.show_records([first], references=[first])
    assert "off the axis" not in view.label_text(0, 0)
    view.show_records([wider], references=[first])
    edges, values = view.plotted(0, 0)
    lo, hi = view.x_range(0, 0)
    share = float(np.sum(values[(edges[1:] <= lo) | (edges[:-1] >= hi)]))
    assert share > 0.01  # some bins lie wholly outside the step-0 axis …
    assert "off the axis" in view.label_text(0, 0)  # … and the label says so
    view.set_axis_mode("auto")  # an axis that follows the data shows everything
    view.show_records([wider], references=[first])
    assert "off the axis" not in view.label_text(0, 0)


def test_a_row_label_too_wide_for_its_plot_is_shortened_never_cut_mid_word(qtbot, records):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontMetricsF

    from gui.training.layer_histograms import COMPACT_SEPARATOR, SEPARATOR, LayerHistogramView

    view = _shown(qtbot, LayerHistogramView(), 900)
    first = records[0]
    view.set_layout(len(first.layers), ("A", "B"))
    view.set_quantity("preact")
    view.set_axis_mode("percentile")  # long labels: dead, saturated and the range

    def check(draw: bool = True) -> list[str]:
        if draw:
            view.show_records([first, first], references=[first, first])
        shown = []
        for run, col in enumerate(view.columns):
            width = col.plot.getViewBox().width()
            for r, row in enumerate(col.rows):
                whole = view.label_text(run, row.layer)
                text = view.shown_label_text(run, row.layer)
                label = row.label
                assert QFontMetricsF(label.font()).horizontalAdvance(text) <= width
                # Hovering the row's middle gives the whole label if it was shortened.
                vb = col.plot.getViewBox()
                middle = vb.mapViewToScene(QPointF(0.5 * sum(vb.viewRange()[0]), r + 0.5))
                tip = view.row_tooltip(view.mapFromScene(middle))
                if text == whole:
                    assert tip == ""
                else:  # shortened: tighter separators, then whole parts dropped for "…"
                    assert tip == whole
                    compact = whole.replace(SEPARATOR, COMPACT_SEPARATOR)
                    if text != compact:
                        assert text.endswith(COMPACT_SEPARATOR + "…"), text
                        assert compact.startswith(text[:-1])
                shown.append(text)
        return shown

    wide = check()
    assert any(SEPARATOR in t for t in wide)  # room enough: whole labels
    # Narrower (a paused run: no new frame), two runs in ~330 px: each plot ~160 px.
    view.resize(330, 500)
    qtbot.waitUntil(lambda: view.columns[0].plot.getViewBox().width() < 200)
    assert any(t.endswith("…") for t in check(draw=False))
    view.resize(900, 500)  # and whole again once there is room
    qtbot.waitUntil(lambda: view.columns[0].plot.getViewBox().width() > 300)
    assert check(draw=False) == wide


def test_the_row_fit_settles_at_any_height(qtbot):
    """After the rows are fitted to the height, fitting again changes nothing. A rebuild
    used to estimate the height without its plots (the widget less five lines) while the
    check measured the plot, so at heights where the two disagreed every check rebuilt
    the rows again, every 50 ms, and the histograms blinked empty between frames."""
    from gui import theme
    from gui.training.layer_histograms import LayerHistogramView

    view = LayerHistogramView()
    qtbot.addWidget(view)
    view.show()
    view.apply_theme(theme.Theme(presenter=True))  # big fonts: the estimates differ most
    view.set_layout(31, ("A", "B"))
    rebuilds: list[int] = []
    view.rowsChanged.connect(lambda: rebuilds.append(view.height()))
    unsettled = []
    for height in range(260, 900, 9):
        view.resize(600, height)
        qtbot.wait(80)  # the resize, the plots' new size, the first re-fit
        rebuilds.clear()
        view._fit_row_count()
        view._fit_row_count()
        if rebuilds:
            unsettled.append(height)
    assert not unsettled, f"the rows never settle at heights {unsettled}"


def test_titles_side_by_side_share_one_size_the_largest_that_fits_them_all(qtbot):
    import pyqtgraph as pg

    from gui.widgets.plot_style import MIN_TITLE_POINTS, fit_titles

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    a, b = view.addPlot(row=0, col=0), view.addPlot(row=0, col=1)

    def size(plot) -> float:
        return float(plot.titleLabel.opts["size"].removesuffix("pt"))

    assert fit_titles([(a, "A: ReLU", 500.0), (b, "B: Sigmoid", 500.0)], 14) == 14
    assert size(a) == size(b) == 14
    # B's title needs a smaller size in its room: A's follows it down.
    used = fit_titles([(a, "A: ReLU", 500.0), (b, "B: a much longer title", 90.0)], 14)
    assert MIN_TITLE_POINTS <= used < 14
    assert size(a) == size(b) == used
    assert b.titleLabel.itemRect().width() <= 90.0 or used == MIN_TITLE_POINTS


def test_the_decision_boundary_titles_of_a_comparison_are_one_size(qtbot):
    from gui.training.decision_boundary import DecisionBoundaryView

    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.resize(260, 200)
    view.show()
    qtbot.waitExposed(view)
    view.set_runs(2, ("A: ReLU", "B: Leaky ReLU (a long name)"))
    sizes = {p.titleLabel.opts["size"] for p in view.plots}
    assert len(sizes) == 1


@pytest.mark.parametrize("name", ["histograms", "curves", "boundary"])
def test_a_closed_plot_view_ignores_a_language_change(qtbot, name, records):
    """pyqtgraph's close() deletes a view's items; a closed view that is still referenced
    (as in a test run, until the garbage collector) got the next language change and
    raised on every one of its deleted axis labels."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from gui.training.curves_panel import TrainingCurvesView
    from gui.training.decision_boundary import DecisionBoundaryView
    from gui.training.layer_histograms import LayerHistogramView

    view = {
        "histograms": LayerHistogramView,
        "curves": TrainingCurvesView,
        "boundary": DecisionBoundaryView,
    }[name]()
    qtbot.addWidget(view)
    if name == "histograms":
        view.set_layout(len(records[0].layers), ("A",))
    view.show()
    view.close()
    with qtbot.captureExceptions() as raised:
        QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert raised == []


def test_compared_runs_get_columns_of_equal_width(qtbot, records):
    """Runs compared on one shared x-axis must be drawn at one scale: the grid had sized
    the columns by their titles (a 10-layer comparison came out 420 and 565 px wide)."""
    from gui.training.decision_boundary import DecisionBoundaryView
    from gui.training.layer_histograms import LayerHistogramView

    hist = _shown(qtbot, LayerHistogramView(), 1000)
    boundary = _shown(qtbot, DecisionBoundaryView(), 1000)
    first = records[0]
    hist.set_layout(len(first.layers), ("A: Sigmoid (a long title)", "B: ReLU"))
    hist.show_records([first, first], references=[first, first])
    boundary.set_runs(2, ("A: Sigmoid (a long title)", "B: ReLU"))

    def widths(view) -> list[float]:
        plots = [c.plot for c in view.columns] if view is hist else view.plots
        return [p.getViewBox().width() for p in plots]

    for size in (1000, 640):
        for view in (hist, boundary):
            view.resize(size, 500)
            qtbot.waitUntil(lambda v=view, s=size: abs(v.width() - s) < 1)
            qtbot.waitUntil(lambda v=view: abs(widths(v)[0] - widths(v)[1]) <= 1.0)
            assert sum(widths(view)) > 0.8 * size
    # Back to one run: it has the whole width (the second column's share is released).
    hist.set_layout(len(first.layers), ("A",))
    boundary.set_runs(1, ("A",))
    qtbot.waitUntil(lambda: widths(hist)[0] > 0.9 * 640 and widths(boundary)[0] > 0.8 * 640)


def test_point_bins_finds_the_bin_of_each_value():
    edges = np.array([-1.0, 0.0, 1.0, 2.0])
    assert point_bins(edges, [0.0]).tolist() == [False, True, False]  # a bin holds its left edge
    assert point_bins(edges, [2.0]).tolist() == [False, False, True]  # … the last one both
    assert point_bins(edges, [-1.0, 0.5]).tolist() == [True, True, False]
    assert not point_bins(edges, [3.0, -2.0]).any()  # outside: no bin
    assert point_bins(np.array([0.0]), [0.0]).size == 0


def test_a_relu_rows_zeros_do_not_flatten_its_activations(qtbot):
    """ReLU outputs exactly 0 for about half of the values: scaled to that spike, the rest
    of every activation row was a line along the baseline (the He-init preset's B run).
    The spike is left out of the row's scale and cut, as the log view's zero gradients
    are; a run without such a value (sigmoid) is drawn as before."""
    from gui.training.layer_histograms import SPIKE_CAP, LayerHistogramView

    view = _shown(qtbot, LayerHistogramView(), 600)
    relu = Trainer(SMALL.with_changes(activation="relu", init="he_normal")).record()
    sigmoid = Trainer(SMALL).record()
    view.set_layout(len(relu.layers), ("A: ReLU", "B: Sigmoid"))
    view.set_activations([("relu", {}), ("sigmoid", {})])
    view.set_quantity("act")
    view.set_axis_mode("auto")
    view.show_records([relu, sigmoid], references=[relu, sigmoid])
    for layer in range(SMALL.depth):
        edges, values = view.plotted(0, layer)
        heights = view.bar_heights(0, layer)
        zero = point_bins(edges, [0.0])
        assert values[zero].max() > 3 * values[~zero].max()  # the spike …
        assert heights[zero].max() == SPIKE_CAP  # … is cut
        top = max(values[~zero].max(), view.plotted(1, layer)[1].max())
        # Everything else is drawn to scale, the row's tallest other bin at full height.
        np.testing.assert_allclose(heights[~zero], values[~zero] / top)
        np.testing.assert_allclose(view.bar_heights(1, layer), view.plotted(1, layer)[1] / top)
        assert max(heights[~zero].max(), view.bar_heights(1, layer).max()) == 1.0
    # The output layer has no ReLU, and other quantities have no such spike.
    out = len(relu.layers) - 1
    assert view.bar_heights(0, out).max() <= 1.0
    view.set_quantity("preact")
    view.show_records([relu, sigmoid], references=[relu, sigmoid])
    for layer in range(len(relu.layers)):
        assert max(view.bar_heights(r, layer).max() for r in (0, 1)) == 1.0


def test_boundary_plots_too_narrow_for_their_axes_drop_them(qtbot, boundary):
    """Two runs in presenter mode at 1280x800 left each map a column of about 140 px, half
    of it axes whose only tick read "0": below four y-axis widths the axes go."""
    from gui.training.decision_boundary import AXES_MIN_COLUMN

    rng = np.random.default_rng(0)
    boundary.set_data(rng.normal(size=(50, 2)).astype(np.float32), rng.integers(0, 2, 50))
    axis = boundary.plots[0].getAxis("left").width()

    def side() -> float:
        return boundary.plots[0].getViewBox().width()

    boundary.resize(round(2 * AXES_MIN_COLUMN * axis) + 40, 300)
    qtbot.waitUntil(lambda: boundary.axes_shown())
    boundary.resize(round(2 * AXES_MIN_COLUMN * axis) - 40, 300)
    qtbot.waitUntil(lambda: not boundary.axes_shown())
    assert not any(p.getAxis(a).isVisible() for p in boundary.plots for a in ("left", "bottom"))
    qtbot.waitUntil(lambda: side() > boundary.width() / 2 - axis / 2)  # the map has the room
    # Still narrow: they stay hidden (a hidden axis measured 0 wide, which brought them
    # back at the next resize, and so on at every other one).
    for narrower in (30, 60):
        boundary.resize(round(2 * AXES_MIN_COLUMN * axis) - narrower, 300)
        qtbot.wait(50)
        assert not boundary.axes_shown()
    boundary.resize(round(2 * AXES_MIN_COLUMN * axis) + 40, 300)
    qtbot.waitUntil(lambda: boundary.axes_shown())
    assert all(p.getAxis(a).isVisible() for p in boundary.plots for a in ("left", "bottom"))

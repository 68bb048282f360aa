"""The Training lab tab end to end: a real worker thread training small nets."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from core.presets import load_presets
from core.training import LOG_GRAD_EDGES
from gui.i18n import install_language
from gui.training.histogram_axes import fractions, padded
from tests.gui.gui_helpers import SMALL, settle


@pytest.fixture
def tab(training_tab):
    return training_tab


def ticks(qtbot, tab, n=5):
    """Let the GUI draw ``n`` frames (event-driven, no sleeping)."""
    for _ in range(n):
        with qtbot.waitSignal(tab.controller.timer.timeout, timeout=2000):
            pass


def test_start_trains_and_pause_stops_the_step_count(qtbot, tab):
    c = tab.controller
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.latest_step() >= 30, timeout=20_000)
    tab.view.run_controls.pause_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "paused", timeout=5000)
    ticks(qtbot, tab)
    frozen = c.latest_step()
    ticks(qtbot, tab, 6)
    assert c.latest_step() == frozen
    assert c.histories[0].latest.step == frozen


def test_step_advances_exactly_one(qtbot, tab):
    c = tab.controller
    for expected in (1, 2, 3):
        tab.view.run_controls.step_button.click()
        qtbot.waitUntil(lambda e=expected: c.latest_step() == e, timeout=5000)
    ticks(qtbot, tab, 3)
    assert c.latest_step() == 3
    assert [r.step for r in c.histories[0]][-3:] == [1, 2, 3]


def test_a_lone_first_record_shows_as_dots_until_there_is_a_line(qtbot, tab):
    """Step 0 alone has no line to draw: its loss, accuracy and norms show as dots."""
    import math

    c, curves = tab.controller, tab.view.curves
    ticks(qtbot, tab, 2)
    first = c.histories[0][0]
    loss_dot, acc_dot, norm_dots = curves.dots[0]
    qtbot.waitUntil(loss_dot.isVisible)
    assert curves.loss_curves[0].path().isEmpty()  # no line through one point
    x, y = loss_dot.getData()
    assert list(x) == [0.0]
    assert y[0] == pytest.approx(first.loss)
    assert list(acc_dot.getData()[1]) == pytest.approx([first.accuracy])
    shown = [first.layers[i].grad_norm for i in curves.layer_indices]
    assert list(norm_dots.getData()[1]) == pytest.approx([math.log10(v) for v in shown])
    tab.view.run_controls.step_button.click()  # a second record: a line, no dots
    qtbot.waitUntil(lambda: not loss_dot.isVisible(), timeout=5000)
    assert not curves.loss_curves[0].path().isEmpty()
    assert not acc_dot.isVisible()
    assert not norm_dots.isVisible()
    tab.view.run_controls.reset_button.click()  # back to a lone step 0: dots again
    qtbot.waitUntil(lambda: loss_dot.isVisible() and c.latest_step() == 0, timeout=5000)


def test_frames_are_spaced_by_what_they_cost_while_training(qtbot, tab):
    from gui.training.training_controller import FRAME_MS, GUI_SHARE, MAX_FRAME_MS

    c = tab.controller
    c._pace(0.009)  # a 9 ms frame: drawing may take GUI_SHARE of the time
    assert c.timer.interval() == pytest.approx(9 / GUI_SHARE, abs=2)
    for _ in range(30):  # a cheap machine's frames: as fast as FRAME_MS allows
        c._pace(0.001)
    assert c.timer.interval() == FRAME_MS
    for _ in range(30):  # a very slow frame: never fewer than 10 frames a second
        c._pace(0.5)
    assert c.timer.interval() == MAX_FRAME_MS
    c._pace(None)  # not training: the shortest interval, for scrubbing and stepping
    assert c.timer.interval() == FRAME_MS
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c._frame_cost is not None, timeout=20_000)
    assert FRAME_MS <= c.timer.interval() <= MAX_FRAME_MS
    tab.view.run_controls.pause_button.click()
    qtbot.waitUntil(lambda: c.timer.interval() == FRAME_MS, timeout=5000)


def test_reset_goes_back_to_the_step_zero_record(qtbot, tab):
    c = tab.controller
    first = c.histories[0][0]
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.latest_step() >= 20, timeout=20_000)
    tab.view.run_controls.pause_button.click()
    tab.view.run_controls.reset_button.click()
    qtbot.waitUntil(lambda: len(c.histories[0]) == 1 and c.latest_step() == 0, timeout=5000)
    again = c.histories[0][0]
    assert again.step == 0
    assert again.loss == pytest.approx(first.loss)
    for a, b in zip(again.layers, first.layers, strict=True):
        np.testing.assert_array_equal(a.grad_hist.counts, b.grad_hist.counts)


def test_changing_the_learning_rate_applies_live_without_reset(qtbot, tab):
    c = tab.controller
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.latest_step() >= 20, timeout=20_000)
    generation = c.generation
    tab.view.config_panel.lr_slider.setValue(0.02)
    trainer = c.training_thread.worker._trainers[0]
    qtbot.waitUntil(lambda: trainer.learning_rate == pytest.approx(0.02), timeout=5000)
    assert c.generation == generation
    assert c.histories[0][0].step == 0
    assert c.latest_step() >= 20
    assert c.running


def test_changing_depth_resets_and_rebuilds_the_histogram_rows(qtbot, tab):
    c = tab.controller
    view = tab.view.histograms
    assert len(view.columns[0].rows) == 4  # 3 hidden + output
    generation = c.generation
    tab.view.config_panel.depth_spin.setValue(5)
    assert c.generation == generation + 1
    assert len(view.columns[0].rows) == 6
    qtbot.waitUntil(lambda: c.latest_step() == 0 and len(c.histories[0][0].layers) == 6)
    ticks(qtbot, tab, 2)
    assert view.label_text(0, 5).startswith("output")


def test_a_rebuilt_run_shows_nothing_of_the_old_run_until_its_first_record(qtbot, tab):
    """Changing the activation retitles the plots at once; the old run's histograms,
    dead fractions and curves must not stand under the new title while the worker builds
    the new net (seen: a Tanh title over ReLU's "dead 25%")."""
    assert SMALL.activation == "tanh"
    c, view, curves = tab.controller, tab.view.histograms, tab.view.curves
    tab.view.run_controls.step_button.click()
    qtbot.waitUntil(lambda: c.latest_step() == 1, timeout=5000)
    ticks(qtbot, tab, 2)
    assert view.plotted(0, 0)[1].size
    assert not curves.loss_curves[0].path().isEmpty()
    assert "dead" in view.label_text(0, 0)
    panel = tab.view.config_panel
    panel.activation_combo.setCurrentIndex(panel.activation_combo.findData("relu"))
    # No event has been processed since: the worker cannot have answered yet.
    assert view.titles == ("ReLU",)
    for layer in view.layer_indices:
        assert view.plotted(0, layer)[1].size == 0
    assert [view.label_text(0, layer) for layer in view.layer_indices] == [
        "L1",
        "L2",
        "L3",
        "output",
    ]
    assert view.columns[0].curves.path().isEmpty()
    assert curves.loss_curves[0].path().isEmpty()
    assert not any(dot.isVisible() for dot in curves.dots[0])
    # The new run's step 0 fills them again.
    qtbot.waitUntil(lambda: len(c.histories[0]) == 1, timeout=5000)
    ticks(qtbot, tab, 2)
    assert view.plotted(0, 0)[1].size
    assert view.label_text(0, 0).startswith("L1")
    assert curves.dots[0][0].isVisible()


def test_many_layers_stay_legible(qtbot, tab):
    c = tab.controller
    c.set_config(SMALL.with_changes(depth=50, width=4))
    rows = tab.view.histograms.columns[0].rows
    assert len(rows) <= 14
    shown = [r.layer for r in rows]
    assert shown[0] == 0  # the first hidden layer
    assert shown[-1] == 50  # and the output layer
    assert "of 51 layers" in tab.view.layers_note.text()
    qtbot.waitUntil(lambda: c.latest_step() == 0 and len(c.histories[0][0].layers) == 51)


def test_presenter_mode_on_a_1024_projector_leaves_the_curves_their_width(qtbot, tab):
    """On a 1024x768 projector in presenter mode the histograms of a comparison took all
    but 96 px of the right column, whose curves and maps were clipped at the window's edge;
    now the histograms give up width (down to their own minimum) for the curves' axes."""
    from gui import theme

    c, v = tab.controller, tab.view
    c.set_config(SMALL, {"activation": "relu"})
    qtbot.waitUntil(lambda: c.latest_step() == 0)

    def right() -> int:
        return v.splitter.sizes()[2]

    tab.apply_theme(theme.set_theme(presenter=True))
    try:
        tab.resize(1020, 700)
        qtbot.waitUntil(lambda: right() >= v.right_min_width() > 150)
        assert v.splitter.sizes()[1] >= v.middle.minimumSizeHint().width()
        qtbot.waitUntil(lambda: v.curves.ci.geometry().width() <= v.curves.width() + 1)
        # Where there is room, the histograms keep their larger share.
        tab.resize(1500, 800)
        qtbot.waitUntil(lambda: v.splitter.sizes()[1] > 2 * right())
    finally:
        tab.apply_theme(theme.set_theme(presenter=False))
    tab.resize(1100, 1000)


def test_histogram_rows_follow_the_height_and_the_font(qtbot, tab):
    from PySide6.QtGui import QFontMetricsF

    from gui import theme
    from gui.training.layer_histograms import ROW_MIN_LINES
    from gui.widgets.plot_style import plot_fonts

    c, hist = tab.controller, tab.view.histograms
    c.set_config(SMALL.with_changes(depth=30, width=4))
    qtbot.waitUntil(lambda: c.latest_step() == 0)

    def rows_are_tall_enough() -> bool:
        line = QFontMetricsF(plot_fonts(theme.current()).row_label).height()
        box = hist.columns[0].plot.getViewBox()
        return box.height() / len(hist.layer_indices) >= ROW_MIN_LINES * line

    tab.resize(1100, 1000)
    qtbot.waitUntil(lambda: len(hist.layer_indices) == 14)
    theme.set_theme(presenter=True)
    try:
        tab.resize(1100, 560)  # a projector's short window with presenter fonts
        qtbot.waitUntil(lambda: len(hist.layer_indices) < 14 and rows_are_tall_enough())
        shown = hist.layer_indices
        assert shown[0] == 0  # the first hidden layer …
        assert shown[-1] == 30  # … and the output stay
        assert len(hist.columns[0].rows) == len(shown)
        assert f"{len(shown)} of 31 layers" in tab.view.layers_note.text()
        # the rows drawn are the step-0 record's layers, not blank
        assert all(row.edges.size for row in hist.columns[0].rows)
    finally:
        theme.set_theme(presenter=False)
    tab.resize(1100, 1000)
    qtbot.waitUntil(lambda: len(hist.layer_indices) == 14)
    assert "14 of 31 layers" in tab.view.layers_note.text()


def test_a_diverging_run_pauses_and_shows_the_banner(qtbot, tab):
    c = tab.controller
    c.set_config(
        SMALL.with_changes(activation="relu", lr=10.0, init="normal", init_std=3.0, depth=10)
    )
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.diverged, timeout=20_000)
    banner = tab.view.banner
    assert banner.isVisible()
    assert not c.running
    assert banner.cause == "both"
    assert "diverged at step" in banner.message.text()
    assert any(layer.nonfinite > 0 for layer in c.histories[0].latest.layers) or not np.isfinite(
        c.histories[0].latest.loss
    )
    banner.reset_button.click()
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: c.latest_step() == 0 and not c.histories[0][0].diverged)


def test_the_banner_names_every_diverged_run_at_its_own_step(qtbot, tab):
    """In a comparison the banner named only the first run whose record diverged, and
    when the other was run on and diverged later, it still named the first, with the
    later step."""
    c, banner = tab.controller, tab.view.banner
    base = SMALL.with_changes(activation="relu", lr=10.0, init="normal", init_std=3.0, depth=10)
    c.set_config(base, {"init": "he_uniform"})  # A diverges at step 1, B two steps later
    tab.view.run_controls.record_every_spin.setValue(1)  # every step checked in full
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.diverged, timeout=20_000)
    a, b = c.run_titles()
    text = banner.message.text()
    assert f"{a}: Training diverged at step 1" in text
    assert b not in text  # B is still finite: it is not named
    assert not c.histories[1].latest.diverged
    # Start runs B on (A stays at its step): when B diverges too, the banner names both,
    # each at its step, with the likely cause of each (A's weights start too large).
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.histories[1].latest.diverged, timeout=20_000)
    qtbot.waitUntil(lambda: b in banner.message.text() and not c.running)
    assert c.histories[0].latest.step == 1
    lines = banner.message.text().splitlines()
    assert lines[0].startswith(f"⚠ {a}: Training diverged at step 1")
    later = c.histories[1].latest.step
    assert later > 1
    assert lines[1].startswith(f"⚠ {b}: Training diverged at step {later}:")
    assert lines[2].startswith(f"{a}: Likely causes")
    assert "σ = 3" in lines[2]
    assert lines[3].startswith(f"{b}: Likely cause: the learning rate is too large (lr = 10)")
    banner.reset_button.click()
    assert not banner.isVisible()


def test_the_timeline_follows_the_run_that_goes_on_after_the_other_diverged(qtbot, tab):
    """Run A diverges at step 1 and B trains on: the timeline, its step label and the
    scrubbed records were A's, so B's later steps could not be seen again."""
    c, v = tab.controller, tab.view
    base = SMALL.with_changes(activation="relu", lr=10.0, init="normal", init_std=3.0, depth=10)
    c.set_config(base, {"init": "he_normal"})  # B does not diverge
    v.run_controls.record_every_spin.setValue(1)
    v.run_controls.stop_after_spin.setValue(30)
    v.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.diverged and not c.running, timeout=20_000)
    v.run_controls.start_button.click()  # B goes on to the stop
    qtbot.waitUntil(lambda: c.worker_state == "finished", timeout=20_000)
    qtbot.waitUntil(lambda: c.latest_step() == 30)
    a, b = c.histories
    assert a.latest.step == 1
    assert c.timeline_history() is b
    ticks(qtbot, tab, 1)
    assert "step 30" in v.timeline.step_label.text()
    v.timeline.slider.setValue(20)  # scrub back into B's run
    ticks(qtbot, tab, 1)
    shown = c.shown_records()
    assert shown[1] is b[20]
    assert shown[0] is a.latest  # A stays at the step where it diverged
    assert f"step {b[20].step}" in v.timeline.step_label.text()
    v.timeline.live_button.click()
    v.run_controls.stop_after_spin.setValue(0)


def test_start_after_every_run_diverged_stays_paused(qtbot, tab):
    """With nothing left to train, Start showed the run as running (Pause enabled, Start
    disabled) while nothing ran; now it stays paused with its banner, as Step does."""
    c, rc = tab.controller, tab.view.run_controls
    c.set_config(
        SMALL.with_changes(activation="relu", lr=10.0, init="normal", init_std=3.0, depth=10)
    )
    rc.start_button.click()
    qtbot.waitUntil(lambda: c.diverged and not c.running, timeout=20_000)
    step = c.latest_step()
    for button in (rc.start_button, rc.step_button):
        button.click()
        qtbot.waitUntil(lambda: not c.running and c.worker_state == "diverged")
        qtbot.wait(100)  # the worker would have trained by now
        assert not c.running
        assert rc.start_button.isEnabled()
        assert not rc.pause_button.isEnabled()
        assert c.latest_step() == step
        assert tab.view.banner.isVisible()


def test_the_banner_names_runs_that_diverge_together_once():
    from gui.training.divergence_banner import DivergenceBanner

    banner = DivergenceBanner()
    cfg = SMALL.with_changes(lr=10.0)
    banner.show_runs([(4, cfg, "A: ReLU"), (4, cfg.with_changes(activation="relu"), "B: ELU")])
    lines = banner.message.text().splitlines()
    assert lines[0].startswith("⚠ A: ReLU and B: ELU: Training diverged at step 4")
    assert len(lines) == 2
    assert lines[1].startswith("Likely cause: the learning rate")
    banner.show_divergence(7, cfg)  # a single run: no name
    assert banner.message.text().startswith("⚠ Training diverged at step 7")
    banner.deleteLater()


def test_scrubbing_the_timeline_redraws_the_old_record(qtbot, tab):
    c = tab.controller
    c.view.run_controls.record_every_spin.setValue(1)
    for _ in range(6):
        tab.view.run_controls.step_button.click()
        n = len(c.histories[0])
        qtbot.waitUntil(lambda n=n: len(c.histories[0]) == n + 1, timeout=5000)
    combo = tab.view.quantity_combo
    combo.setCurrentIndex(combo.findData("grad"))
    timeline = tab.view.timeline
    timeline.slider.setValue(2)
    assert c.view_index == 2
    ticks(qtbot, tab, 1)
    old = c.histories[0][2]
    for layer in tab.view.histograms.layer_indices:
        edges, values = tab.view.histograms.plotted(0, layer)
        np.testing.assert_array_equal(edges, old.layers[layer].grad_hist.edges)
        np.testing.assert_allclose(values, fractions(old.layers[layer].grad_hist))
    assert "PAST" in timeline.live_badge.text()
    assert tab.view.curves.markers[0].isVisible()
    assert tab.view.curves.markers[0].value() == old.step
    # The boundary panel says which step its boundary is from: not every step has one.
    boundary = tab.view.boundary
    assert boundary.message.text == f"Decision boundary at step {old.step}"
    del c.boundaries[3], c.boundaries[4]
    timeline.slider.setValue(4)
    ticks(qtbot, tab, 1)
    assert boundary.message.text == "Decision boundary at step 2 (none was computed at step 4)"
    np.testing.assert_array_equal(boundary.images[0].image, c.boundaries[2].probabilities[0])
    timeline.live_button.click()
    ticks(qtbot, tab, 1)
    assert "LIVE" in timeline.live_badge.text()
    assert boundary.message.text == ""
    edges, _ = tab.view.histograms.plotted(0, 0)
    np.testing.assert_array_equal(edges, c.histories[0].latest.layers[0].grad_hist.edges)


def test_boundaries_of_steps_the_timeline_dropped_are_let_go(qtbot, tab):
    # Each boundary holds a grid per run: only those of kept steps may stay (they were
    # kept up to twice the history's capacity, 20-40 MB).
    from gui.training.training_controller import HISTORY_CAPACITY

    c = tab.controller
    c.view.run_controls.record_every_spin.setValue(1)
    for _ in range(3):
        n = len(c.histories[0])
        tab.view.run_controls.step_button.click()
        qtbot.waitUntil(lambda n=n: len(c.histories[0]) == n + 1, timeout=5000)
    qtbot.waitUntil(lambda: 2 in c.boundaries, timeout=5000)
    kept = set(c.histories[0].steps)
    real = c.boundaries[2]
    for s in range(1000, 1000 + HISTORY_CAPACITY):  # steps the history does not hold
        c.boundaries[s] = real
    tab.view.timeline.slider.setValue(1)  # scrubbing draws a kept step's boundary
    ticks(qtbot, tab, 1)
    assert set(c.boundaries) <= kept
    assert c.boundaries[2] is real


def test_an_error_in_training_is_shown_and_the_worker_survives(qtbot, tab, monkeypatch):
    from core.training import Trainer

    c = tab.controller

    def broken(self, record=False):
        raise FloatingPointError("boom")

    monkeypatch.setattr(Trainer, "train_step", broken)
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "error", timeout=5000)
    assert "boom" in tab.view.run_controls.status_label.text()
    assert not c.running
    monkeypatch.undo()
    tab.view.run_controls.step_button.click()
    qtbot.waitUntil(lambda: c.latest_step() == 1, timeout=5000)


def test_scrubbing_while_running_pauses(qtbot, tab):
    c = tab.controller
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(lambda: len(c.histories[0]) >= 4, timeout=20_000)
    tab.view.timeline.slider.setValue(1)
    assert not c.running
    qtbot.waitUntil(lambda: c.worker_state == "paused", timeout=5000)


def test_compare_trains_both_runs_in_lockstep_on_shared_axes(qtbot, tab):
    c = tab.controller
    panel = tab.view.config_panel
    panel.compare_activation.setCurrentIndex(panel.compare_activation.findData("sigmoid"))
    panel.compare_check.setChecked(True)
    assert [cfg.activation for cfg in c.configs] == ["tanh", "sigmoid"]
    assert c.configs[1].seed == c.configs[0].seed
    view = tab.view.histograms
    assert len(view.columns) == 2
    tab.view.run_controls.start_button.click()
    qtbot.waitUntil(
        lambda: min(h.latest.step if len(h) else -1 for h in c.histories) >= 20, timeout=20_000
    )
    tab.view.run_controls.pause_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "paused", timeout=5000)
    ticks(qtbot, tab, 2)
    assert c.histories[0].steps == c.histories[1].steps
    for mode in ("fixed", "auto", "percentile"):
        tab.view.axis_combo.setCurrentIndex(tab.view.axis_combo.findData(mode))
        for layer in view.layer_indices:
            assert view.x_range(0, layer) == view.x_range(1, layer)


def test_picking_a_preset_loads_its_config(qtbot, tab):
    c = tab.controller
    preset = load_presets()[0]
    panel = tab.view.config_panel
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(preset.id))
    assert c.config == preset.config.validate()
    assert panel.depth_spin.value() == preset.config.depth
    assert panel.activation_combo.currentData() == preset.config.activation
    assert preset.explanation_en[:30] in panel.preset_explanation.text()
    if preset.compare is not None:
        assert len(c.configs) == 2
        assert c.configs[1] == preset.compare.validate()
    assert tab.view.run_controls.stop_after_spin.value() == preset.steps
    panel.set_language("zh_CN")
    assert preset.explanation_zh[:10] in panel.preset_explanation.text()


def test_a_preset_replaces_the_parameter_sliders_of_the_activation_before(qtbot, tab):
    # ELU shows an alpha slider; loading a preset rebuilds the sliders while the panel's
    # signals are blocked, and unblocking the deleted old slider once raised.
    c = tab.controller
    panel = tab.view.config_panel
    panel.activation_combo.setCurrentIndex(panel.activation_combo.findData("elu"))
    assert list(panel.param_sliders) == ["alpha"]
    old = panel.param_sliders["alpha"]
    preset = next(p for p in load_presets() if p.config.activation == "sigmoid")
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(preset.id))
    assert c.config == preset.config.validate()
    assert panel.param_sliders == {}
    assert panel.activation_combo.currentData() == "sigmoid"
    # Back to a parametrised activation: its new slider drives the config again.
    panel.activation_combo.setCurrentIndex(panel.activation_combo.findData("elu"))
    assert panel.param_sliders["alpha"] is not old
    panel.param_sliders["alpha"].setValue(0.5)
    assert c.config.params == {"alpha": 0.5}


def test_two_runs_of_one_activation_are_told_apart_by_their_titles(qtbot, tab):
    """Five presets compare one activation under two settings: "A: Tanh" and "B: Tanh"
    said nothing; the titles name what differs (the boundary's narrow columns keep
    "A: …" and "B: …", which match them to the histograms)."""
    view, panel = tab.view, tab.view.config_panel

    def pick(preset_id):
        panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(preset_id))
        return view.histograms.titles, view.boundary._titles

    titles, boundary = pick("tanh_weight_scale")
    assert titles == ("A: Tanh · N(0, 0.01²)", "B: Tanh · N(0, 1²)")
    assert boundary == ("A: Tanh", "B: Tanh")
    titles, _ = pick("selu_self_normalizing")
    assert titles == ("A: SELU · LeCun normal", "B: SELU · PyTorch default")
    assert tab.controller.run_titles(detailed=False) == ["A: SELU", "B: SELU"]
    titles, _ = pick("he_relu")
    assert titles == ("A: ReLU · Xavier (Glorot) normal", "B: ReLU · He (Kaiming) normal")
    titles, _ = pick("vanishing_sigmoid")  # two activations: their names say it
    assert titles == ("A: Sigmoid", "B: ReLU")
    # A comparison set up by hand is named the same way, in the UI language.
    c = tab.controller
    b_lr = 0.05 if c.config.lr != 0.05 else 0.02
    c.set_config(c.config, {"lr": b_lr})
    a_lr = f"{c.config.lr:g}"
    assert view.histograms.titles == (
        f"A: Sigmoid · Learning rate = {a_lr}",
        f"B: Sigmoid · Learning rate = {b_lr:g}",
    )
    install_language(QApplication.instance(), "zh_CN")
    try:
        c.retranslate()
        assert view.histograms.titles == (
            f"A：Sigmoid · 学习率 = {a_lr}",
            f"B：Sigmoid · 学习率 = {b_lr:g}",
        )
    finally:
        install_language(QApplication.instance(), "en")
        c.retranslate()


def test_a_preset_opens_on_its_histogram_view(qtbot, tab):
    view, panel = tab.view, tab.view.config_panel
    view.axis_combo.setCurrentIndex(view.axis_combo.findData("auto"))
    views = (("selu_self_normalizing", "act"), ("vanishing_sigmoid", "log_grad"))
    for preset_id, quantity in views:
        panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(preset_id))
        assert view.quantity_combo.currentData() == quantity
        assert view.axis_combo.currentData() == "fixed"
        assert view.histograms.quantity == quantity
        assert view.histograms.axis_mode == "fixed"


def test_histogram_quantity_and_axis_modes_show_the_right_data(qtbot, tab):
    c = tab.controller
    c.set_config(SMALL.with_changes(init="normal", init_std=2.0))  # tanh saturates at init
    qtbot.waitUntil(lambda: c.latest_step() == 0, timeout=5000)
    for _ in range(3):
        tab.view.run_controls.step_button.click()
    qtbot.waitUntil(lambda: c.latest_step() == 3, timeout=5000)
    ticks(qtbot, tab, 1)
    view = tab.view.histograms
    rec = c.histories[0].latest
    combo = tab.view.quantity_combo

    combo.setCurrentIndex(combo.findData("log_grad"))
    edges, values = view.plotted(0, 1)
    np.testing.assert_array_equal(edges, LOG_GRAD_EDGES)
    np.testing.assert_allclose(values, fractions(rec.layers[1].log_grad_hist))

    combo.setCurrentIndex(combo.findData("preact"))
    edges, _ = view.plotted(0, 0)
    np.testing.assert_array_equal(edges, rec.layers[0].preact_hist.edges)
    assert view.band_intervals(0)  # tanh saturates: the band is shaded
    assert not view.columns[0].band.path().isEmpty()
    assert "saturated" in view.label_text(0, 0)

    combo.setCurrentIndex(combo.findData("grad"))
    axis = tab.view.axis_combo
    axis.setCurrentIndex(axis.findData("percentile"))
    h = rec.layers[0].grad_hist
    assert view.x_range(0, 0) == pytest.approx(padded((h.p01, h.p99)))
    axis.setCurrentIndex(axis.findData("auto"))
    lo, hi = view.x_range(0, 0)
    assert lo <= h.p01
    assert hi >= h.p99
    axis.setCurrentIndex(axis.findData("fixed"))
    ranges = {view.x_range(0, layer) for layer in view.layer_indices}
    assert len(ranges) == 1  # one shared range for every layer
    assert "dead" in view.label_text(0, 0)


def test_closing_the_window_mid_run_joins_the_thread(qtbot, qapp):
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.training)
    c = window.training.controller
    c.set_config(SMALL)
    qtbot.waitUntil(lambda: c.latest_step() == 0, timeout=10_000)
    thread = c.training_thread.thread
    c.start()
    qtbot.waitUntil(lambda: c.latest_step() >= 10, timeout=20_000)
    window.close()
    assert c.training_thread is None
    assert not thread.isRunning()
    assert (
        not any(t.isRunning() for t in qtbot.qapp().findChildren(QThread))
        if hasattr(qtbot, "qapp")
        else True
    )


# -- presenter mode on a projector: the whole tab fits 1280x800, nothing clipped -----------


@pytest.fixture
def projector_window(projector):
    """The projector window on the Training lab tab."""
    projector.tabs.setCurrentWidget(projector.training)
    yield projector
    projector.training.shutdown()
    assert projector.training.controller.training_thread is None


def overlapping_tick_labels(axis) -> list[tuple[float, float]]:
    """Pairs of neighbouring labelled ticks closer than one text line on a y axis."""
    lo, hi = axis.range
    height = axis.size().height()
    line = axis.line_height()
    ys = sorted((v - lo) / (hi - lo) * height for v in axis.labelled_ticks())
    return [(a, b) for a, b in itertools.pairwise(ys) if b - a < line]


def test_presenter_mode_fits_a_1280x800_projector(qtbot, projector_window):
    from PySide6.QtWidgets import QAbstractScrollArea, QComboBox

    from gui import theme
    from gui.widgets.fit import FitComboBox

    window = projector_window
    c = window.training.controller
    window.open_preset("he_relu")  # two runs side by side, 31 layers (14 shown)
    qtbot.waitUntil(
        lambda: (
            len(c.histories) == 2 and all(len(h) and len(h[0].layers) == 31 for h in c.histories)
        ),
        timeout=20_000,
    )
    c.step()
    qtbot.waitUntil(lambda: c.latest_step() >= 1, timeout=20_000)
    settle(qtbot, window)
    view = window.training.view
    assert theme.current().presenter

    # The window can be 1280x800 and stays so: no column pushes it wider.
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280, hint
    assert hint.height() <= 800, hint
    assert (window.width(), window.height()) == (1280, 800)
    assert view.width() <= window.width()
    left, middle, right = view.splitter.sizes()
    assert left + middle + right <= view.splitter.width()
    # The histograms stay the largest part; the curves and the boundary keep real room.
    assert middle > left
    assert middle > right
    assert right >= 0.18 * view.width()
    assert view.run_controls.compact  # two columns of run controls in presenter mode
    # 64-D data: the boundary is only its note, the curves get the rest of the column.
    curves, boundary = view.right.sizes()
    assert boundary == view.boundary.height() < 0.2 * (curves + boundary)
    assert view.boundary.message.item.boundingRect().height() < boundary

    # Nothing is clipped: every widget gets at least its minimum width, the form never
    # scrolls sideways, a combo box shows its whole text or elides it with "…".
    for w in view.findChildren(QComboBox):
        if w.isVisible():
            assert w.width() >= w.minimumSizeHint().width(), (w, w.currentText())
            if not isinstance(w, FitComboBox) or w._min_chars is None:
                assert w.width() >= w.sizeHint().width(), w.currentText()
    assert view.form_scroll.horizontalScrollBar().maximum() == 0
    assert view.config_panel.width() >= view.config_panel.minimumSizeHint().width()
    for area in (view.histograms, view.curves, view.boundary):
        assert isinstance(area, QAbstractScrollArea)
        # pyqtgraph's layout inside fits the view (wider would be cut at its edge).
        assert area.ci.geometry().width() <= area.width() + 1, area
    for label in (view.layers_note, view.timeline.step_label, view.timeline.live_badge):
        if label.isVisible():
            assert label.width() >= label.minimumSizeHint().width()

    # The curves' y axes: labels never overlap, log axes label decades only, titles scale.
    for axis in view.curves.y_axes():
        assert axis.labelled_ticks(), axis.labelText
        assert not overlapping_tick_labels(axis), axis.labelText
        assert axis.tick_font().pointSizeF() > theme.Theme().base_point_size
        assert axis._title_font.pointSizeF() == axis.tick_font().pointSizeF()
    norm_axis = view.curves.norm_plot.getAxis("left")
    assert all(float(v).is_integer() for v in norm_axis.labelled_ticks())


def test_tick_labels_follow_the_height_and_the_font(qtbot, tab):
    from gui import theme

    curves = tab.view.curves
    curves.resize(360, 700)
    qtbot.wait(50)
    tall = len(curves.loss_plot.getAxis("left").labelled_ticks())
    curves.resize(360, 260)
    qtbot.wait(50)
    short = len(curves.loss_plot.getAxis("left").labelled_ticks())
    assert 1 <= short < tall
    try:
        theme.set_theme(presenter=True)
        qtbot.wait(50)
        big = len(curves.loss_plot.getAxis("left").labelled_ticks())
        assert 1 <= big <= short
        for axis in curves.y_axes():
            assert not overlapping_tick_labels(axis)
    finally:
        theme.set_theme(presenter=False, dark=False)


def test_the_live_badge_follows_presenter_mode_both_ways(qtbot, qapp):
    from gui.main_window import MainWindow

    window = MainWindow(remember_settings=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    badge = window.training.view.timeline.live_badge
    try:
        for presenter in (True, False, True):
            window.set_presenter(presenter)
            qtbot.waitUntil(
                lambda: badge.font().pointSizeF() == pytest.approx(qapp.font().pointSizeF())
            )
            assert badge.width() >= badge.fontMetrics().horizontalAdvance(badge.text())
    finally:
        window.set_presenter(False)
        window.training.shutdown()


def test_decision_boundary_catches_up_when_a_run_stops_and_after_a_step(training_tab, qtbot):
    """The worker computes a final boundary when "stop after" ends a run and after a
    single step, without waiting for another command (it used to keep the one from the
    last frame it had been asked for, tens of steps old), and the tab draws it even when
    it arrives after that step's frame was drawn."""
    from gui.training.training_worker import Boundary

    c, v = training_tab.controller, training_tab.view

    def shows_boundary_of(step: int) -> bool:
        image = v.boundary.images[0].image
        return image is not None and np.array_equal(image, c.boundaries[step].probabilities[0])

    v.run_controls.record_every_spin.setValue(1)
    v.run_controls.stop_after_spin.setValue(40)
    v.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "finished" and c.latest_step() == 40, timeout=20_000)
    qtbot.waitUntil(lambda: max(c.boundaries) == 40, timeout=5000)
    qtbot.waitUntil(lambda: shows_boundary_of(40), timeout=5000)
    v.run_controls.step_button.click()
    qtbot.waitUntil(lambda: max(c.boundaries) == 41, timeout=5000)
    qtbot.waitUntil(lambda: shows_boundary_of(41), timeout=5000)

    # The race made certain: a boundary posted once its step's frame has been drawn.
    late = c.boundaries[41]
    probabilities = tuple(np.full_like(p, 0.25) for p in late.probabilities)
    c.mailbox.post(Boundary(late.generation, 41, late.extent, probabilities))
    qtbot.waitUntil(lambda: c.boundaries[41].probabilities is probabilities, timeout=5000)
    qtbot.waitUntil(lambda: shows_boundary_of(41), timeout=5000)


def test_a_fast_run_keeps_boundaries_for_the_timeline(training_tab, qtbot):
    """The worker computes a boundary at some recorded steps on its own (within a small
    share of its time), so that scrubbing a short run finds boundaries along the way, not
    only the first and the last one; each is of the state that step recorded."""
    c, v = training_tab.controller, training_tab.view
    # A lecture preset's length. Boundaries come about every 20 steps here (a boundary
    # costs about as much as a recorded step); 60 steps left 2-4 of them, too few to test.
    v.run_controls.record_every_spin.setValue(1)
    v.run_controls.stop_after_spin.setValue(150)
    v.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "finished" and c.latest_step() == 150, timeout=20_000)
    qtbot.waitUntil(lambda: 150 in c.boundaries, timeout=5000)
    between = [s for s in c.boundaries if 0 < s < 150]
    assert len(between) >= 4, sorted(c.boundaries)
    assert set(between) <= set(c.histories[0].steps)


def test_the_frame_timer_rests_at_idle_and_a_post_wakes_it(training_tab, qtbot):
    """With nothing to draw the frame timer slows to IDLE_MS (it woke 30 times a second
    for nothing); the worker's next post wakes it at once, so a Step still shows up
    without waiting for the slow timer."""
    from gui.training.training_controller import FRAME_MS, IDLE_MS

    c = training_tab.controller
    qtbot.waitUntil(lambda: c.timer.interval() == IDLE_MS, timeout=5000)
    woken: list[int] = []
    c._waker.woke.connect(lambda: woken.append(c.timer.interval()))
    before = c.latest_step()
    c.step()
    qtbot.waitUntil(lambda: c.latest_step() == before + 1, timeout=5000)
    assert woken  # the post itself woke the GUI thread …
    assert c.timer.interval() == FRAME_MS  # … back to full frame rate
    # Drawing from the GUI side (scrubbing the timeline) wakes it too.
    qtbot.waitUntil(lambda: c.timer.interval() == IDLE_MS, timeout=5000)
    training_tab.view.timeline.slider.setValue(0)
    assert c.timer.interval() == FRAME_MS


def test_every_group_of_the_settings_starts_its_fields_at_the_same_x(training_tab, qtbot):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QFormLayout

    panel = training_tab.view.config_panel
    training_tab.controller.set_config(SMALL.with_changes(activation="elu"))  # + an α row
    qtbot.waitUntil(lambda: "alpha" in panel.param_sliders)

    def field_xs() -> set[int]:
        xs = set()
        for form in panel._forms:
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is None or field is None or not label.widget().isVisible():
                    continue
                w = field.widget() or field.layout().parentWidget()
                top_left = w.mapTo(panel, w.rect().topLeft())
                lab = label.widget()
                if top_left.y() >= lab.mapTo(panel, lab.rect().bottomLeft()).y():
                    continue  # a narrow column puts the field under its label: no column
                xs.add(top_left.x())
        return xs

    qtbot.waitUntil(lambda: len(field_xs()) == 1)
    labels = [lab for lab in panel.row_labels() if lab.isVisible()]
    assert len(labels) >= 10  # activation, α, layers, width, init, bias, optimizer, ...
    widest = max(lab.sizeHint().width() for lab in labels)
    assert {lab.width() for lab in labels} == {widest}  # no wider than the longest needs
    # Presenter-sized fonts: measured again once the labels have the new font.
    big = QFont(panel.font())
    big.setPointSizeF(big.pointSizeF() * 1.5)
    panel.setFont(big)
    qtbot.waitUntil(lambda: min(lab.width() for lab in labels) > widest)
    # Room for the labels and fields side by side (else each group wraps as a whole).
    training_tab.view.splitter.setSizes([800, 1400, 500])
    qtbot.waitUntil(lambda: len(field_xs()) == 1)


def test_a_group_puts_all_its_fields_under_their_labels_or_none(training_tab, qtbot):
    """In a narrow column (presenter fonts at 1280x800) Qt's WrapLongRows moved only the
    rows with a wide field (a slider and its box) under their labels: each group came out
    half wrapped. Now a group's rows wrap together, and side by side when there is room."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QFormLayout

    view = training_tab.view
    panel = view.config_panel

    def wrapped_by_group() -> list[set[bool]]:
        groups = []
        for form in panel._forms:
            states = set()
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is None or field is None or not label.widget().isVisible():
                    continue
                w, lab = field.widget(), label.widget()
                top = w.mapTo(panel, w.rect().topLeft()).y()
                states.add(top >= lab.mapTo(panel, lab.rect().bottomLeft()).y())
            if states:
                groups.append(states)
        return groups

    qtbot.waitUntil(lambda: all(g == {False} for g in wrapped_by_group()))  # room: side by side
    big = QFont(panel.font())
    big.setPointSizeF(big.pointSizeF() * 1.6)
    panel.setFont(big)
    view.splitter.setSizes([300, 2000, 600])  # a narrow column, as on a small projector
    qtbot.waitUntil(lambda: any(True in g for g in wrapped_by_group()))
    assert all(len(g) == 1 for g in wrapped_by_group()), wrapped_by_group()


def test_random_clicks_and_edits_while_training_raise_nothing(qtbot, tab):
    """Every input of the tab, the run buttons and the timeline, changed at random while
    the worker trains (pytest-qt fails the test on an exception in any slot). A run like
    this found the preset/parameter-slider crash above."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QDoubleSpinBox,
        QSpinBox,
    )

    rng = np.random.default_rng(2026)
    c = tab.controller

    def inputs():
        return [
            w
            for cls in (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox)
            for w in tab.findChildren(cls)
            if w.isVisible() and w.isEnabled()
        ]

    panel = tab.view.config_panel
    # The two pickers that change the most at once get picked more often.
    pickers = [panel.activation_combo, panel.preset_combo]
    for _ in range(100):
        if rng.random() < 0.1:
            c.start()
            qtbot.wait(100)
        else:
            ws = inputs() if rng.random() < 0.8 else pickers
            w = ws[rng.integers(len(ws))]
            if isinstance(w, QComboBox):
                w.setCurrentIndex(int(rng.integers(w.count())))
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                # The ends of the range half the time: the biggest nets are the risky ones.
                ends = (w.minimum(), w.maximum())
                if rng.random() < 0.5:
                    w.setValue(ends[int(rng.integers(2))])
                else:
                    w.setValue(type(ends[0])(rng.uniform(*ends)))
            elif isinstance(w, QAbstractSlider):
                w.setValue(int(rng.integers(w.minimum(), w.maximum() + 1)))
            elif isinstance(w, QAbstractButton):
                w.click()
            elif isinstance(w, QAbstractSpinBox):
                w.stepBy(int(rng.integers(-3, 4)))
        qtbot.wait(int(rng.integers(0, 40)))
    # The tab still works: a reset and a step give the records of a fresh run.
    c.pause()
    c.reset()
    qtbot.waitUntil(lambda: c.latest_step() == 0, timeout=30_000)
    c.step()
    qtbot.waitUntil(lambda: c.latest_step() == 1, timeout=30_000)

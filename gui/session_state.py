"""Move the lab's state between the two tabs and a ``core.session.Session``.

Capturing reads what the user sees; applying pushes values through the same widgets a
user would touch, so every plot, readout and run is rebuilt by the usual code paths. A
``Session`` has been validated by ``core.session`` before it reaches ``apply_*``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.activations import ACTIVATIONS
from core.session import ExplorerState, Session, ShownFunction, TrainingState

if TYPE_CHECKING:
    from gui.explorer.explorer_controller import ExplorerController
    from gui.training.training_controller import TrainingController

TAB_NAMES = ("explorer", "training")


# -- explorer -----------------------------------------------------------------------------
def capture_explorer(c: ExplorerController) -> ExplorerState:
    v = c.view
    softmax = v.panel("softmax")
    n_logits = softmax.count.value()
    loss = v.panel("loss")
    maxout = v.panel("maxout")
    k = maxout.count.value()
    return ExplorerState(
        shown=tuple(ShownFunction(aid, dict(c.params[aid])) for aid in c.shown),
        current=c.current or ExplorerState().current,
        x_range=float(c.half_width),
        saturation_fraction=v.plots.saturation_fraction.value() / 100.0,
        shade_saturated=v.plots.saturated_check.isChecked(),
        shade_dead=v.plots.dead_check.isChecked(),
        depth=int(c.depth),
        operating_point=float(c.x0),
        softmax_logits=tuple(float(s.value()) for s in softmax.logit_sliders[:n_logits]),
        softmax_temperature=float(softmax.temperature.value()),
        loss_target=int(loss.target()),
        maxout_slopes=tuple(float(s.value()) for s in maxout.slopes[:k]),
        maxout_intercepts=tuple(float(s.value()) for s in maxout.intercepts[:k]),
    )


def apply_explorer(c: ExplorerController, state: ExplorerState) -> None:
    v = c.view
    fl = v.function_list
    for aid in list(c.shown):
        fl.set_checked(aid, False)
    saved = {f.id: dict(f.params) for f in state.shown}
    for aid, act in ACTIVATIONS.items():
        c.params[aid] = {**act.defaults(), **saved.get(aid, {})}
    v.plots.x_range.setValue(state.x_range)
    p = v.plots
    p.saturation_fraction.setValue(state.saturation_fraction * 100.0)
    p.saturated_check.setChecked(state.shade_saturated)
    p.dead_check.setChecked(state.shade_dead)
    for f in state.shown:
        fl.set_checked(f.id, True)
    fl.set_current(state.current)
    c.on_current(state.current)  # re-show the sliders even if the selection did not move

    depth = v.panel("depth")
    depth.depth.setValue(state.depth)
    c.set_x0(state.operating_point)

    softmax = v.panel("softmax")
    softmax.count.setValue(len(state.softmax_logits))
    for slider, value in zip(softmax.logit_sliders, state.softmax_logits, strict=False):
        slider.setValue(value)
    softmax.temperature.setValue(state.softmax_temperature)

    loss = v.panel("loss")
    (loss.target1 if state.loss_target == 1 else loss.target0).setChecked(True)

    maxout = v.panel("maxout")
    maxout.count.setValue(len(state.maxout_slopes))
    for slider, value in zip(maxout.slopes, state.maxout_slopes, strict=False):
        slider.setValue(value)
    for slider, value in zip(maxout.intercepts, state.maxout_intercepts, strict=False):
        slider.setValue(value)
    c.refresh_secondary()


# -- training -----------------------------------------------------------------------------
def capture_training(c: TrainingController) -> TrainingState:
    compare = c.configs[1].to_dict() if len(c.configs) > 1 else None
    preset = c.view.config_panel.preset_combo.currentData() or None
    v, rc = c.view, c.view.run_controls
    return TrainingState(
        config=c.config.to_dict(),
        compare=compare,
        preset=preset,
        histogram=v.quantity_combo.currentData(),
        histogram_axis=v.axis_combo.currentData(),
        record_every=rc.record_every_spin.value(),
        stop_after=rc.stop_after_spin.value(),
    )


def apply_training(c: TrainingController, state: TrainingState) -> None:
    """Show the saved config(s); a preset whose configs are unchanged is reopened as one."""
    from core.training import TrainingConfig
    from gui.training.training_controller import config_differences

    if state.config is None:
        return
    config = TrainingConfig.from_dict(state.config)
    compare = None if state.compare is None else TrainingConfig.from_dict(state.compare)
    preset = c.presets.get(state.preset) if state.preset else None
    reopened = False
    if preset is not None:
        same_a = preset.config.validate() == config
        same_b = (preset.compare.validate() if preset.compare else None) == compare
        if same_a and same_b:
            c.load_preset(preset.id)
            reopened = True
    if not reopened:
        changes = None if compare is None else config_differences(config, compare)
        c.set_config(config, changes)
    # The view and the run controls as saved (after a preset, which sets its own).
    v, rc = c.view, c.view.run_controls
    v.quantity_combo.setCurrentIndex(v.quantity_combo.findData(state.histogram))
    v.axis_combo.setCurrentIndex(v.axis_combo.findData(state.histogram_axis))
    rc.record_every_spin.setValue(state.record_every)
    rc.stop_after_spin.setValue(state.stop_after)


# -- both ---------------------------------------------------------------------------------
def capture_session(
    explorer: ExplorerController, training: TrainingController, tab_index: int
) -> Session:
    return Session(
        tab=TAB_NAMES[tab_index] if 0 <= tab_index < len(TAB_NAMES) else "explorer",
        explorer=capture_explorer(explorer),
        training=capture_training(training),
    )

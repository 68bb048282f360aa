"""The Training lab's controller: the one place where its signals meet core and the worker.

It keeps the run state (configs, the RunHistory of each run, which step is shown), sends
commands to the worker, and draws from a ~30 Hz timer: each tick drains the worker's
mailbox into the histories and draws only the newest snapshot (latest wins).

The texts it puts in the view (status, run titles, notes, the banner) are kept as state
(what to say, not the sentence) and rendered again by ``retranslate()`` in a new language.
"""

from __future__ import annotations

import gc
import time
from dataclasses import fields

from PySide6.QtCore import QObject, QTimer, Signal

from core.activations import ACTIVATIONS
from core.training import RunHistory, StepRecord, TrainingConfig
from gui import theme as theme_mod
from gui.i18n import current_language
from gui.training.config_panel import describe_changes, list_separator, run_details
from gui.training.decision_boundary import DecisionBoundaryView
from gui.training.histogram_axes import shown_layers
from gui.training.training_view import TrainingView
from gui.training.training_worker import (
    Boundary,
    Frame,
    RunEvent,
    RunStarted,
    TrainingMailbox,
    TrainingThread,
)

# Frame pacing while training runs. Python threads share one GIL, and the worker is parked
# while a frame draws, so every millisecond the GUI draws is a millisecond the trainer does
# not train. The frame interval adapts to what a frame costs on this machine: the GUI may
# take GUI_SHARE of the time, at 30 frames a second at most and 10 at least (a ~9 ms frame,
# as on the reference machine at 1280x800, gives ~13 frames a second; a fast laptop gets
# more). bench/bench_training_gui.py measures it. The costly curves and boundary go on
# different frames.
FRAME_MS = 33  # the shortest interval (30 frames a second)
MAX_FRAME_MS = 100
# At rest (nothing posted, nothing to draw for IDLE_AFTER frames) the timer slows down to
# IDLE_MS: waking 30 times a second cost ~1% of a core for nothing. The worker's next post,
# and any change that needs a frame, bring it back at once (wake); IDLE_MS only bounds
# what a missed wake could cost.
IDLE_AFTER = 15
IDLE_MS = 500
GUI_SHARE = 0.12
BOUNDARY_EVERY = 6  # frames between two decision-boundary requests while running
CURVES_EVERY = 6  # while live, the curves (whole history) are redrawn every 6th frame
CURVES_PHASE = 3  # ... offset from the boundary's frames
HISTORY_CAPACITY = 500
# Fields that only change how the run proceeds, not what is built: no reset needed.
LIVE_FIELDS = ("lr",)


def config_differences(a: TrainingConfig, b: TrainingConfig) -> dict[str, object]:
    """The fields where ``b`` differs from ``a`` (how a comparison run is described)."""
    out: dict[str, object] = {}
    for f in fields(TrainingConfig):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if f.name == "params":
            va, vb = dict(va), dict(vb)
        if va != vb:
            out[f.name] = vb
    return out


class _Waker(QObject):
    """Carries the worker thread's "something was posted" to the GUI thread (queued)."""

    woke = Signal()


class TrainingController(QObject):
    """Connects the view's widgets to the worker and draws what the worker posts."""

    def __init__(self, view: TrainingView, presets: list, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.presets = {p.id: p for p in presets}
        self.preset_order = [p.id for p in presets]
        self.mailbox = TrainingMailbox()
        self.training_thread: TrainingThread | None = None
        self.config = TrainingConfig().validate()
        self.compare_changes: dict[str, object] | None = None
        self.configs: tuple[TrainingConfig, ...] = (self.config,)
        self.generation = 0
        self.histories: list[RunHistory] = [RunHistory(HISTORY_CAPACITY)]
        self.references: tuple[StepRecord, ...] = ()
        self.boundaries: dict[int, Boundary] = {}
        self.running = False
        self.worker_state = "idle"  # the last state the worker reported
        self.diverged = False
        self._divergence: tuple[tuple[int, int], ...] = ()  # (step, run) the banner reports
        # What the status line says, as (kind, value): rendered by _render_status().
        self._status: tuple[str, object] = ("", None)
        self._layers_shown: tuple[int, int] = (0, 0)  # (shown, total) histogram rows
        self.view_index: int | None = None  # None: follow the newest record (live)
        self.frames_drawn = 0
        self._frame_cost: float | None = None  # seconds a frame takes while training (EWMA)
        self._dirty = False
        self._curves_dirty = False
        self._boundary_dirty = False
        self._shut_down = False
        self._gc_frozen = False
        self._repaint_due: list = []  # plot widgets changed in this frame
        self._marker: int | None = None
        self._drawn_boundary: Boundary | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self._idle_frames = 0
        self._waker = _Waker(self)
        self._waker.woke.connect(self.wake)
        self._connect()
        self._remove_theme_listener = theme_mod.on_theme_changed(self.view.apply_theme)
        self.view.run_controls.record_every_spin.setValue(10)

    # -- wiring (all of the tab's signal connections) ---------------------------------------
    def _connect(self) -> None:
        v = self.view
        rc = v.run_controls
        rc.start_button.clicked.connect(self.start)
        rc.pause_button.clicked.connect(self.pause)
        rc.step_button.clicked.connect(self.step)
        rc.reset_button.clicked.connect(self.reset)
        rc.speed_combo.currentIndexChanged.connect(self._speed_changed)
        rc.stop_after_spin.valueChanged.connect(self._stop_after_changed)
        rc.record_every_spin.valueChanged.connect(self._record_every_changed)
        v.config_panel.edited.connect(self._config_edited)
        v.config_panel.presetChosen.connect(self.load_preset)
        v.quantity_combo.currentIndexChanged.connect(self._histogram_options_changed)
        v.histograms.rowsChanged.connect(self._histogram_rows_changed)
        v.axis_combo.currentIndexChanged.connect(self._histogram_options_changed)
        v.banner.reset_button.clicked.connect(self.reset)
        v.timeline.slider.valueChanged.connect(self.scrub)
        v.timeline.live_button.clicked.connect(self.go_live)

    # -- the worker -----------------------------------------------------------------------
    @property
    def worker(self):
        self.ensure_worker()
        return self.training_thread.worker  # type: ignore[union-attr]

    def ensure_worker(self) -> None:
        """Start the training thread on first use (the tab may never be opened)."""
        if self.training_thread is not None or self._shut_down:
            return
        self.training_thread = TrainingThread(self.mailbox)
        rc = self.view.run_controls
        w = self.training_thread.worker
        w.set_speed(rc.speed())
        w.set_stop_after(rc.stop_after())
        w.set_record_every(rc.record_every_spin.value())
        self.timer.start()
        self.reset()

    def shutdown(self) -> None:
        """Stop and join the training thread (window closing, application quitting)."""
        self._shut_down = True
        self.timer.stop()
        if self.training_thread is not None:
            self.training_thread.shutdown()
            self.training_thread = None
        if self._remove_theme_listener is not None:
            self._remove_theme_listener()
            self._remove_theme_listener = None

    # -- commands -------------------------------------------------------------------------
    def start(self) -> None:
        self.ensure_worker()
        self.view_index = None
        self._set_running(True)
        self.worker.resume()
        self._dirty = True
        self.wake()

    def toggle_running(self) -> None:
        """Start or pause (for a window-level shortcut such as Space)."""
        if self.running:
            self.pause()
        else:
            self.start()

    def pause(self) -> None:
        if self.training_thread is None:
            return
        self._set_running(False)
        self.worker.pause()

    def step(self) -> None:
        self.ensure_worker()
        self.view_index = None
        self._set_running(False)
        self.worker.step_once()

    def reset(self) -> None:
        """Rebuild the run(s) at step 0 from the current configs; keeps running if it was."""
        if self._shut_down:
            return
        if self.training_thread is None:
            self.ensure_worker()  # calls reset itself
            return
        self.generation += 1
        self.configs = self._configs()
        n = len(self.configs)
        self.histories = [RunHistory(HISTORY_CAPACITY) for _ in range(n)]
        self.references = ()
        self.boundaries = {}
        self.view_index = None
        self.diverged = False
        self._divergence = ()
        v = self.view
        v.banner.hide()
        titles = self.run_titles()
        n_layers = self.config.depth + 1
        v.histograms.set_layout(n_layers, titles)
        v.histograms.set_activations([(c.activation, dict(c.params)) for c in self.configs])
        v.curves.set_layout(shown_layers(n_layers), n_layers, n)  # up to 14 norm curves
        # Until the new run's first record: nothing of the old run under the new titles.
        v.histograms.clear_records()
        v.curves.clear_history()
        # The boundary's columns are narrow: "A: …" and "B: …" match them to the histograms.
        v.boundary.set_runs(n, self.run_titles(detailed=False) if n > 1 else ())
        v.boundary.clear_boundary()
        self._drawn_boundary = None
        self._repaint_due = [v.histograms, v.curves, v.boundary]
        self._layers_shown = (len(v.histograms.layer_indices), n_layers)
        self._render_layers_note()
        was_running = self.running
        self._set_status("building")
        self.worker.reset(self.configs, self.generation)
        if was_running:
            self.worker.resume()
        self._set_running(was_running)

    def set_config(
        self, config: TrainingConfig, compare_changes: dict[str, object] | None = None
    ) -> None:
        """Show and run ``config`` (and a comparison run differing by ``compare_changes``)."""
        self.config = config.validate()
        self.compare_changes = dict(compare_changes) if compare_changes else None
        self.view.config_panel.set_config(self.config)
        self._show_compare()
        self.reset()

    def go_live(self) -> None:
        self.view_index = None
        self._dirty = self._curves_dirty = self._boundary_dirty = True
        self.wake()

    def scrub(self, index: int) -> None:
        """Show the kept record at ``index``: pauses a running run (see timeline.py)."""
        if self.running:
            self.pause()
        last = len(self.timeline_history()) - 1
        self.view_index = None if index >= last else index
        self._dirty = self._boundary_dirty = True
        self.wake()

    def load_preset(self, preset_id: str) -> None:
        preset = self.presets.get(preset_id)
        if preset is None:
            return
        was_running = self.running
        self._set_running(False)
        self.config = preset.config.validate()
        if preset.compare is not None:
            self.compare_changes = config_differences(self.config, preset.compare.validate())
        else:
            self.compare_changes = None
        v = self.view
        v.config_panel.set_config(self.config)
        v.config_panel.set_preset(preset_id)
        self._show_compare()
        rc = v.run_controls
        for widget, value in (
            (rc.stop_after_spin, preset.steps),
            (rc.record_every_spin, preset.record_every),
        ):
            widget.blockSignals(True)
            widget.setValue(int(value))
            widget.blockSignals(False)
        if self.training_thread is not None:
            self.worker.set_stop_after(rc.stop_after())
            self.worker.set_record_every(preset.record_every)
        # The histograms open on the view the lesson is about (the user may change it).
        v.quantity_combo.setCurrentIndex(v.quantity_combo.findData(preset.histogram))
        v.axis_combo.setCurrentIndex(v.axis_combo.findData(preset.histogram_axis))
        self.reset()
        if was_running:
            self.start()

    # -- reactions to edits ---------------------------------------------------------------
    def _config_edited(self, field: str) -> None:
        panel = self.view.config_panel
        if field == "compare":
            if panel.compare_check.isChecked():
                self.compare_changes = {"activation": panel.compare_activation.currentData()}
            else:
                self.compare_changes = None
            self._show_compare()
            self.reset()
            return
        try:
            config = panel.config().validate()
        except ValueError as exc:
            self._set_status("invalid", str(exc))
            return
        self._set_status("")
        self.config = config
        if field in LIVE_FIELDS:
            self.configs = self._configs()
            if self.training_thread is not None:
                self.worker.set_learning_rate(config.lr)
            return
        self.reset()

    def _speed_changed(self) -> None:
        if self.training_thread is not None:
            self.worker.set_speed(self.view.run_controls.speed())

    def _stop_after_changed(self) -> None:
        if self.training_thread is not None:
            self.worker.set_stop_after(self.view.run_controls.stop_after())

    def _record_every_changed(self, n: int) -> None:
        if self.training_thread is not None:
            self.worker.set_record_every(n)

    def _histogram_rows_changed(self) -> None:
        """The view fits more or fewer layers now (resized, presenter fonts)."""
        v = self.view
        self._layers_shown = (len(v.histograms.layer_indices), v.histograms.n_layers)
        self._render_layers_note()
        self._dirty = True
        if not self.running:
            self.draw()

    def _histogram_options_changed(self) -> None:
        v = self.view
        v.histograms.set_quantity(v.quantity_combo.currentData())
        v.histograms.set_axis_mode(v.axis_combo.currentData())
        self._dirty = True
        self.draw()

    # -- configs --------------------------------------------------------------------------
    def _configs(self) -> tuple[TrainingConfig, ...]:
        if self.compare_changes is None:
            return (self.config,)
        try:
            other = self.config.with_changes(**self.compare_changes)
        except ValueError:
            other = self.config.with_changes(activation=self.compare_changes.get("activation"))
        # Same seed and data: only the compared fields may differ.
        return (self.config, other)

    def _show_compare(self) -> None:
        changes = self.compare_changes
        if changes is None:
            self.view.config_panel.set_compare(False, self.config.activation, "")
            return
        act = str(changes.get("activation", self.config.activation))
        summary = describe_changes(changes, act)
        self.view.config_panel.set_compare(
            True, act, self.tr("B differs from A in: {changes}").format(changes=summary)
        )

    def run_titles(self, detailed: bool = True) -> list[str]:
        """The runs' titles: the activation's name, and with two runs "A: …" and "B: …".
        Two runs of the same activation (``detailed``) also say what sets each apart
        ("A: Tanh · N(0, 0.1²)", "B: Tanh · N(0, 1²)"), or the titles would be the same."""
        names = [ACTIVATIONS[c.activation].display_name(current_language()) for c in self.configs]
        if len(names) == 1:
            return [names[0]]
        a, b = self.configs
        if detailed and a.activation == b.activation:
            for i, (mine, other) in enumerate(((a, b), (b, a))):
                details = run_details(mine, other)
                if details:
                    names[i] = self.tr("{name} · {details}").format(
                        name=names[i], details=list_separator().join(details)
                    )
        return [
            self.tr("A: {name}").format(name=names[0]),
            self.tr("B: {name}").format(name=names[1]),
        ]

    # -- texts (rendered from state, so a language change can render them again) ----------
    def retranslate(self) -> None:
        """Say everything the controller shows again, in the current language."""
        v = self.view
        self._render_status()
        self._render_layers_note()
        self._show_compare()
        titles = self.run_titles()
        v.histograms.set_titles(titles)
        v.boundary.set_titles(self.run_titles(detailed=False) if len(self.configs) > 1 else ())
        self._render_divergence()
        if self.shown_records():
            self._dirty = True  # the histogram rows' labels
            self.draw()
        else:
            v.histograms.clear_records()  # the rows' layer names alone, while building

    def _set_status(self, kind: str, value: object = None) -> None:
        self._status = (kind, value)
        self._render_status()

    def _render_status(self) -> None:
        kind, value = self._status
        if kind == "building":
            text = self.tr("Building the network…")
        elif kind == "finished":
            text = self.tr("Stopped after {n} steps.").format(n=value)
        elif kind == "error":
            text = self.tr("Training failed: {msg}").format(msg=value)
        elif kind == "invalid":
            text = self.tr("Not a valid setting: {msg}").format(msg=value)
        else:
            text = ""
        self.view.run_controls.status_label.setText(text)

    def _render_layers_note(self) -> None:
        shown, n = self._layers_shown
        note = self.view.layers_note
        note.setText(
            self.tr("{shown} of {n} layers shown").format(shown=shown, n=n) if shown < n else ""
        )
        note.setVisible(bool(note.text()))  # an empty note must not take a line of its own

    def _render_divergence(self) -> None:
        if not self._divergence:
            return
        titles = self.run_titles() if len(self.configs) > 1 else [""] * len(self.configs)
        self.view.banner.show_runs(
            [
                (step, self.configs[who], titles[who])
                for step, who in self._divergence
                if who < len(self.configs)
            ]
        )

    def _set_running(self, running: bool) -> None:
        if self.running and not running:
            # Redraw what is on screen at rest: the boundary's contour, the full curves.
            self._drawn_boundary = None
            self._dirty = self._boundary_dirty = self._curves_dirty = True
            self.wake()
        self.running = running
        self.view.run_controls.set_running(running)

    # -- the frame timer ------------------------------------------------------------------
    def tick(self) -> None:
        """Drain the mailbox into the histories, then draw the newest state once.

        While training runs, the worker is parked for the frame (``hold_for_gui``) and the
        plots are repainted synchronously, so the whole frame runs without GIL contention.
        """
        worker = self.training_thread.worker if self.training_thread else None
        hold = worker is not None and self.running
        if hold:
            worker.hold_for_gui()
        start = time.perf_counter()
        try:
            busy = self._tick()
            if hold:
                self._repaint_plots()
        finally:
            if hold:
                worker.release_for_gui()
        self._pace(time.perf_counter() - start if hold else None, busy or hold)

    def wake(self) -> None:
        """Back to full frame rate (something was posted or needs drawing)."""
        self._idle_frames = 0
        if self.timer.isActive() and self.timer.interval() > MAX_FRAME_MS:
            self.timer.setInterval(FRAME_MS)

    def _pace(self, cost: float | None, busy: bool = True) -> None:
        """Space the frames so drawing takes about GUI_SHARE of the time while training
        (``cost``: this frame's seconds, None when not training: the shortest interval,
        or IDLE_MS after IDLE_AFTER frames with nothing to do)."""
        if cost is None:
            self._frame_cost = None
            self._idle_frames = 0 if busy else self._idle_frames + 1
            interval = FRAME_MS
            if self._idle_frames >= IDLE_AFTER and self.mailbox.call_on_next_post(
                self._waker.woke.emit
            ):
                interval = IDLE_MS
        else:
            last = self._frame_cost
            self._frame_cost = cost if last is None else 0.8 * last + 0.2 * cost
            interval = round(min(max(1000 * self._frame_cost / GUI_SHARE, FRAME_MS), MAX_FRAME_MS))
        if abs(interval - self.timer.interval()) > 2:
            self.timer.setInterval(interval)

    def _repaint_plots(self, sync: bool = True) -> None:
        for w in self._repaint_due:
            if w.isVisible():
                if sync:
                    w.viewport().repaint()
                else:
                    w.viewport().update()
        self._repaint_due = []

    def _tick(self) -> bool:
        """Handle what the worker posted and draw if needed; True if there was anything."""
        items = self.mailbox.take_all()
        busy = bool(items) or self._dirty
        for item in items:
            if getattr(item, "generation", None) != self.generation:
                continue  # from a run that has since been reset
            if isinstance(item, Frame):
                self._add_frame(item)
            elif isinstance(item, Boundary):
                self.boundaries[item.step] = item
                self._boundary_dirty = True
            elif isinstance(item, RunEvent):
                self._on_event(item)
            elif isinstance(item, RunStarted):
                if not self._gc_frozen:
                    # A full (generation 2) garbage collection walks every object that
                    # torch, Qt and pyqtgraph made at start-up (and the lazy imports of
                    # the first Trainer) and holds the GIL for 150-300 ms:
                    # a visible freeze of the animation and of training. They live as long
                    # as the app: move them out of the collector's reach (gc.freeze).
                    gc.freeze()
                    self._gc_frozen = True
                self.worker_state = "ready"
                self._set_status("")
                self.view.boundary.set_data(item.x, item.y)
                self._repaint_due.append(self.view.boundary)
        if self.running and self.view_index is None and self.frames_drawn % BOUNDARY_EVERY == 0:
            self.worker.request_boundary()
        if self._dirty:
            self.draw()
        elif self._boundary_dirty and self._redraw_boundary():
            busy = True
        return busy

    def _redraw_boundary(self) -> bool:
        """Draw a boundary that came on its own: the worker computes the last one of a
        run (stop-after, a single step) after posting that step's frame, so it may arrive
        after the frame was drawn. True if the image changed."""
        records = self.shown_records()
        if not records or not self._draw_boundary(records[0].step, self.view.boundary):
            return False
        self._repaint_soon([self.view.boundary])
        return True

    def _add_frame(self, frame: Frame) -> None:
        for history, record in zip(self.histories, frame.records, strict=False):
            latest = history.latest
            if latest is None or record.step > latest.step:
                history.append(record)
        if not self.references:
            self.references = frame.records
        self._dirty = self._curves_dirty = True

    def _on_event(self, event: RunEvent) -> None:
        self.worker_state = event.kind
        if event.kind == "diverged":
            self._set_running(False)
            self.diverged = True
            # Every run that has diverged (a comparison may lose both at one step, or one
            # after the other once the survivor is run on), at the step of its record.
            self._divergence = tuple(
                (h.latest.step, i)
                for i, h in enumerate(self.histories)
                if h.latest is not None and h.latest.diverged
            ) or ((event.step, 0),)
            self._render_divergence()
        elif event.kind == "finished":
            self._set_running(False)
            self._set_status("finished", event.step)
        elif event.kind == "error":
            self._set_running(False)
            self._set_status("error", event.message)
        elif event.kind == "paused" and self.running:
            self._set_running(False)

    # -- drawing --------------------------------------------------------------------------
    def timeline_history(self) -> RunHistory:
        """The history the timeline steps through: run A's, or the run that went on
        training after the other diverged (in lockstep all runs have the same steps)."""
        lead = self.histories[0]
        for h in self.histories[1:]:
            if h.latest is not None and (lead.latest is None or h.latest.step > lead.latest.step):
                lead = h
        return lead

    def latest_step(self) -> int:
        """The newest recorded step (-1 before the first record)."""
        latest = self.timeline_history().latest if self.histories else None
        return -1 if latest is None else latest.step

    def shown_records(self) -> tuple[StepRecord, ...]:
        """The records on screen: the newest (live) or the scrubbed one, for every run."""
        if not self.histories or not len(self.histories[0]):
            return ()
        if self.view_index is None:
            return tuple(h.latest for h in self.histories if h.latest is not None)
        lead = self.timeline_history()
        step = lead[min(self.view_index, len(lead) - 1)].step
        return tuple(h.nearest(step) for h in self.histories if len(h))

    def draw(self) -> None:
        self._dirty = False
        records = self.shown_records()
        if not records:
            return
        v = self.view
        self.frames_drawn += 1
        v.histograms.show_records(records, self.references)
        due = [v.histograms]
        live = self.view_index is None
        if self._curves_dirty and (
            not live or not self.running or self.frames_drawn % CURVES_EVERY == CURVES_PHASE
        ):
            self._curves_dirty = False
            v.curves.show_history(self.histories)
            due.append(v.curves)
        lead = self.timeline_history()
        step = lead[-1 if live else min(self.view_index, len(lead) - 1)].step
        marker = None if live else step
        if marker != self._marker:
            self._marker = marker
            v.curves.set_marker(marker)
            if v.curves not in due:
                due.append(v.curves)
        n = len(lead)
        v.timeline.set_count(n, follow=live)
        latest = lead.latest
        v.timeline.show_position(step, latest.step if latest else step, live)
        # While a run trains, a new boundary is shown every BOUNDARY_EVERY frames (the
        # worker also computes some for the timeline, as often as every frame).
        boundary_due = not live or not self.running or self.frames_drawn % BOUNDARY_EVERY == 0
        boundary_due = boundary_due and (self._boundary_dirty or live)
        if boundary_due and self._draw_boundary(step, v.boundary):
            due.append(v.boundary)
        # Scrubbing: say which step the boundary is from (only some steps have one).
        key = None if live else self._boundary_key(step)
        if v.boundary.show_boundary_step(key, step) and v.boundary not in due:
            due.append(v.boundary)
        self._repaint_soon(due)

    def _repaint_soon(self, widgets: list) -> None:
        """The plot views repaint only when told (NoViewportUpdate): once per frame (the
        tick repaints them while training runs; at rest they are updated now)."""
        for w in widgets:
            if w not in self._repaint_due:
                self._repaint_due.append(w)
        if not self.running:
            self._repaint_plots(sync=False)

    def _boundary_key(self, step: int) -> int | None:
        """The step of the newest boundary at or before ``step`` (else the oldest one)."""
        if not self.boundaries:
            return None
        candidates = [s for s in self.boundaries if s <= step]
        return max(candidates) if candidates else min(self.boundaries)

    def _draw_boundary(self, step: int, view: DecisionBoundaryView) -> bool:
        """Show the newest boundary at or before ``step``; True if the image changed."""
        key = self._boundary_key(step)
        if key is None:
            return False
        self._boundary_dirty = False
        b = self.boundaries[key]
        if self._drawn_boundary is b:
            return False
        self._drawn_boundary = b
        view.set_boundary(b.extent, b.probabilities, contour=not self.running)
        # Only the kept records' steps are scrubbed to: the others' boundaries can go
        # (each holds a grid per run; at twice the capacity they were 20-40 MB).
        if len(self.boundaries) > HISTORY_CAPACITY:
            kept = set(self.timeline_history().steps)
            self.boundaries = {s: x for s, x in self.boundaries.items() if s in kept or s == key}
        return True

"""Every field of a TrainingConfig as a control, plus the preset picker and compare choice.

The panel only lays out and converts: ``config()`` reads the widgets into a TrainingConfig,
``set_config()`` pushes one in with signals blocked, and ``edited(field)`` says which field
the user changed (the controller decides what that means: reset, or a live change).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.activations import ACTIVATIONS, GROUPS
from core.training import BIAS_LIMITS, INIT_STD_LIMITS, LR_LIMITS, TrainingConfig
from gui import theme as theme_mod
from gui.i18n import current_language, refresh_size_hints
from gui.widgets.fit import CheckBoxLabel, FitComboBox, FlowLayout
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.range_spin_box import RangeIntSpinBox

if TYPE_CHECKING:
    from core.presets import Preset

SEED_MAX = 2**31 - 1
PRESET_MIN_CHARS = 16  # the preset picker may elide a title down to about this many
ACTIVATION_MIN_CHARS = 16  # … an activation combo its longest names ("RReLU (randomized…")


def _form(parent: QWidget | None = None) -> QFormLayout:
    """A form whose fields move under their labels when the column is too narrow for both
    side by side (presenter fonts in a small window) instead of widening the column."""
    form = QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


# Literal QCoreApplication.translate("Context", "text") calls: pyside6-lupdate finds only these.
def init_names() -> dict[str, str]:
    return {
        "default": QCoreApplication.translate("TrainingConfigPanel", "PyTorch default"),
        "standard": QCoreApplication.translate("TrainingConfigPanel", "Standard U(±1/√fan_in)"),
        "xavier_uniform": QCoreApplication.translate(
            "TrainingConfigPanel", "Xavier (Glorot) uniform"
        ),
        "xavier_normal": QCoreApplication.translate(
            "TrainingConfigPanel", "Xavier (Glorot) normal"
        ),
        "he_uniform": QCoreApplication.translate("TrainingConfigPanel", "He (Kaiming) uniform"),
        "he_normal": QCoreApplication.translate("TrainingConfigPanel", "He (Kaiming) normal"),
        "lecun_normal": QCoreApplication.translate("TrainingConfigPanel", "LeCun normal"),
        "normal": QCoreApplication.translate("TrainingConfigPanel", "Normal N(0, σ²)"),
        "orthogonal": QCoreApplication.translate("TrainingConfigPanel", "Orthogonal"),
    }


def dataset_names() -> dict[str, str]:
    return {
        "circle": QCoreApplication.translate("TrainingConfigPanel", "Circle"),
        "xor": QCoreApplication.translate("TrainingConfigPanel", "XOR"),
        "gaussian": QCoreApplication.translate("TrainingConfigPanel", "Two Gaussians"),
        "spiral": QCoreApplication.translate("TrainingConfigPanel", "Spiral"),
        "moons": QCoreApplication.translate("TrainingConfigPanel", "Moons"),
        "highdim": QCoreApplication.translate("TrainingConfigPanel", "High-dimensional"),
    }


def optimizer_names() -> dict[str, str]:
    return {
        "sgd": QCoreApplication.translate("TrainingConfigPanel", "SGD"),
        "momentum": QCoreApplication.translate("TrainingConfigPanel", "SGD + momentum"),
        "adam": QCoreApplication.translate("TrainingConfigPanel", "Adam"),
    }


def loss_names() -> dict[str, str]:
    return {
        "bce": QCoreApplication.translate("TrainingConfigPanel", "Binary cross-entropy"),
        "mse": QCoreApplication.translate("TrainingConfigPanel", "Mean squared error"),
    }


def field_names() -> dict[str, str]:
    """The form's label of each TrainingConfig field (also names a compared field)."""
    return {
        "activation": QCoreApplication.translate("TrainingConfigPanel", "Activation"),
        "params": QCoreApplication.translate("TrainingConfigPanel", "Parameters"),
        "depth": QCoreApplication.translate("TrainingConfigPanel", "Hidden layers"),
        "width": QCoreApplication.translate("TrainingConfigPanel", "Width"),
        "init": QCoreApplication.translate("TrainingConfigPanel", "Init"),
        "init_std": QCoreApplication.translate("TrainingConfigPanel", "Init σ"),
        "bias": QCoreApplication.translate("TrainingConfigPanel", "Bias"),
        "optimizer": QCoreApplication.translate("TrainingConfigPanel", "Optimizer"),
        "lr": QCoreApplication.translate("TrainingConfigPanel", "Learning rate"),
        "batch": QCoreApplication.translate("TrainingConfigPanel", "Batch size"),
        "loss": QCoreApplication.translate("TrainingConfigPanel", "Loss"),
        "dataset": QCoreApplication.translate("TrainingConfigPanel", "Dataset"),
        "input_dim": QCoreApplication.translate("TrainingConfigPanel", "Input dim"),
        "noise": QCoreApplication.translate("TrainingConfigPanel", "Noise"),
        "n_samples": QCoreApplication.translate("TrainingConfigPanel", "Samples"),
        "seed": QCoreApplication.translate("TrainingConfigPanel", "Seed"),
    }


def value_text(name: str, value: object) -> str:
    """A field's value as the form shows it (names, not ids), in the current language."""
    if name == "activation" and value in ACTIVATIONS:
        return ACTIVATIONS[value].display_name(current_language())
    choices = {
        "init": init_names,
        "dataset": dataset_names,
        "optimizer": optimizer_names,
        "loss": loss_names,
    }.get(name)
    if choices is not None:
        return choices().get(value, str(value))  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def list_separator() -> str:
    """Between the items of a list of settings, in the current language."""
    return QCoreApplication.translate("TrainingConfigPanel", ", ")


def params_parts(activation: str, params: Mapping[str, float]) -> list[str]:
    """``activation``'s parameters as the form labels them: ["α = 1", ...]."""
    act = ACTIVATIONS.get(activation)
    symbols = {p.name: p.symbol or p.name for p in act.params} if act else {}
    return [f"{symbols.get(k, k)} = {v:g}" for k, v in params.items()]


def describe_changes(changes: Mapping[str, object], activation: str) -> str:
    """``{"activation": "relu", "init": "he_normal"}`` → "Activation = ReLU, Init = He …".

    ``activation`` is the compared run's, whose parameters ``changes["params"]`` are.
    """
    names = field_names()
    parts = []
    for name, value in changes.items():
        if name == "params" and isinstance(value, Mapping):
            parts += params_parts(activation, value)
        else:
            parts.append(f"{names.get(name, name)} = {value_text(name, value)}")
    return list_separator().join(parts)


# The settings a run's title names when both runs have the same activation, in this order
# (after its parameters and its initialization).
_TITLE_FIELDS = (
    "bias",
    "lr",
    "optimizer",
    "depth",
    "width",
    "batch",
    "loss",
    "dataset",
    "input_dim",
    "noise",
    "n_samples",
    "seed",
)


def run_details(config: TrainingConfig, other: TrainingConfig, limit: int = 2) -> list[str]:
    """What sets ``config`` apart from ``other`` (same activation), at most ``limit``
    items, as short as a plot title needs: ["α = 0.5"], ["N(0, 0.1²)"], ["He (Kaiming)
    normal"], ["Learning rate = 1.5"] ..."""
    parts: list[str] = []
    if dict(config.params) != dict(other.params):
        parts += params_parts(config.activation, config.params)
    normal = "normal" in (config.init, other.init)
    if config.init != other.init or (normal and config.init_std != other.init_std):
        # N(0, σ²) with its σ: the form's "Normal N(0, σ²)" and the σ field in one item.
        if config.init == "normal":
            parts.append(f"N(0, {config.init_std:g}²)")
        else:
            parts.append(value_text("init", config.init))
    names = field_names()
    for name in _TITLE_FIELDS:
        mine, theirs = getattr(config, name), getattr(other, name)
        if mine == theirs:
            continue
        if name in ("optimizer", "loss", "dataset"):
            parts.append(value_text(name, mine))
        else:
            parts.append(f"{names[name]} = {value_text(name, mine)}")
    return parts[:limit]


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Push state into widgets without their change signals (napari's qt_signals_blocked)."""
    previous = [o.blockSignals(True) for o in objects]
    try:
        yield
    finally:
        for o, was in zip(objects, previous, strict=True):
            o.blockSignals(was)


def _combo(items: Mapping[str, str]) -> QComboBox:
    box = FitComboBox()
    for key, text in items.items():
        box.addItem(text, key)
    return box


def _set_item_texts(box: QComboBox, names: Mapping[str, str]) -> None:
    """Re-label a combo's items by their data; the items and the selection stay."""
    for i in range(box.count()):
        key = box.itemData(i)
        if key in names:
            box.setItemText(i, names[key])


def _select(box: QComboBox, key: object) -> None:
    i = box.findData(key)
    if i >= 0:
        box.setCurrentIndex(i)


class TrainingConfigPanel(QWidget):
    """Preset picker, network / optimisation / data controls and the compare choice."""

    edited = Signal(str)  # the TrainingConfig field (or "compare") the user changed
    presetChosen = Signal(str)

    def __init__(self, presets: list[Preset], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presets = presets
        self.language = current_language()  # of the texts core gives in both languages
        self._params: dict[str, float] = {}
        self.param_sliders: dict[str, LabeledSlider] = {}
        # One label per form row, re-labelled by retranslate() (keys: TrainingConfig fields).
        self.field_labels: dict[str, QLabel] = {name: QLabel() for name in field_names()}
        label = self.field_labels
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)

        # Preset
        self.preset_box = QGroupBox()
        pv = QVBoxLayout(self.preset_box)
        # Preset titles are long: the closed picker may elide one (the list shows them all).
        self.preset_combo = FitComboBox(min_chars=PRESET_MIN_CHARS)
        self.preset_combo.addItem("", "")  # "— custom —", in retranslate()
        for p in presets:
            self.preset_combo.addItem(self._preset_title(p), p.id)
        self.preset_explanation = QLabel()
        self.preset_explanation.setWordWrap(True)
        self.preset_explanation.setTextFormat(Qt.TextFormat.PlainText)
        pv.addWidget(self.preset_combo)
        pv.addWidget(self.preset_explanation)
        outer.addWidget(self.preset_box)

        # Network
        self.network_box = QGroupBox()
        nf = _form(self.network_box)
        self.activation_combo = FitComboBox(min_chars=ACTIVATION_MIN_CHARS)
        for group, _en, _zh in GROUPS:
            for act in ACTIVATIONS.values():
                if act.group == group:
                    self.activation_combo.addItem(act.display_name(self.language), act.id)
        self.params_widget = QWidget()
        self.params_layout = _form(self.params_widget)
        self.params_layout.setContentsMargins(0, 0, 0, 0)
        self.depth_spin = RangeIntSpinBox()
        self.depth_spin.setRange(1, 50)
        self.width_spin = RangeIntSpinBox()
        self.width_spin.setRange(1, 512)
        self.init_combo = _combo(init_names())
        self.init_std_slider = LabeledSlider(*INIT_STD_LIMITS, 0.1, log_scale=True, decimals=4)
        self.bias_slider = LabeledSlider(*BIAS_LIMITS, 0.0, step=0.01, decimals=2)
        nf.addRow(label["activation"], self.activation_combo)
        nf.addRow(self.params_widget)
        nf.addRow(label["depth"], self.depth_spin)
        nf.addRow(label["width"], self.width_spin)
        nf.addRow(label["init"], self.init_combo)
        self.init_std_label = label["init_std"]
        nf.addRow(self.init_std_label, self.init_std_slider)
        nf.addRow(label["bias"], self.bias_slider)
        outer.addWidget(self.network_box)

        # Optimisation
        self.optim_box = QGroupBox()
        of = _form(self.optim_box)
        self.optimizer_combo = _combo(optimizer_names())
        self.lr_slider = LabeledSlider(*LR_LIMITS, 0.1, log_scale=True, decimals=4)
        self.batch_spin = RangeIntSpinBox()
        self.batch_spin.setRange(1, 4096)
        self.loss_combo = _combo(loss_names())
        of.addRow(label["optimizer"], self.optimizer_combo)
        of.addRow(label["lr"], self.lr_slider)
        of.addRow(label["batch"], self.batch_spin)
        of.addRow(label["loss"], self.loss_combo)
        outer.addWidget(self.optim_box)

        # Data
        self.data_box = QGroupBox()
        df = _form(self.data_box)
        self.dataset_combo = _combo(dataset_names())
        self.input_dim_spin = RangeIntSpinBox()
        self.input_dim_spin.setRange(2, 784)
        self.input_dim_label = label["input_dim"]
        self.noise_slider = LabeledSlider(0.0, 2.0, 0.1, step=0.01, decimals=2)
        self.samples_spin = RangeIntSpinBox()
        self.samples_spin.setRange(16, 8192)
        self.seed_spin = RangeIntSpinBox()
        self.seed_spin.setRange(0, SEED_MAX)
        self.new_seed_button = QPushButton()
        seed_row = QWidget()  # the button goes under the seed when the column is narrow
        seed_flow = FlowLayout(seed_row)
        seed_flow.addWidget(self.seed_spin)
        seed_flow.addWidget(self.new_seed_button)
        df.addRow(label["dataset"], self.dataset_combo)
        df.addRow(self.input_dim_label, self.input_dim_spin)
        df.addRow(label["noise"], self.noise_slider)
        df.addRow(label["n_samples"], self.samples_spin)
        df.addRow(label["seed"], seed_row)
        outer.addWidget(self.data_box)

        # Compare
        self.compare_box = QGroupBox()
        cf = _form(self.compare_box)
        self.compare_check = QCheckBox()
        # Its text in a label beside it, which wraps (a check box's own text cannot).
        self.compare_check_label = CheckBoxLabel(self.compare_check)
        self.compare_activation = FitComboBox(min_chars=ACTIVATION_MIN_CHARS)
        for i in range(self.activation_combo.count()):
            self.compare_activation.addItem(
                self.activation_combo.itemText(i), self.activation_combo.itemData(i)
            )
        self.compare_activation_label = QLabel()
        self.compare_summary = QLabel()
        self.compare_summary.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.compare_check, 0, Qt.AlignmentFlag.AlignTop)
        check_row.addWidget(self.compare_check_label, 1)
        cf.addRow(check_row)
        cf.addRow(self.compare_activation_label, self.compare_activation)
        cf.addRow(self.compare_summary)
        outer.addWidget(self.compare_box)
        outer.addStretch(1)

        self._forms = (nf, self.params_layout, of, df, cf)
        # After a font change, once every label has its new font.
        self._align_soon = QTimer(self)
        self._align_soon.setSingleShot(True)
        self._align_soon.timeout.connect(self._align_label_columns)
        self._connect_internal()
        self.set_config(TrainingConfig())
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._align_soon.start()
        super().changeEvent(event)

    def row_labels(self) -> list[QWidget]:
        """The label of every form row, in every group (hidden rows' too)."""
        role = QFormLayout.ItemRole.LabelRole
        labels = []
        for form in self._forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, role)
                if item is not None and item.widget() is not None:
                    labels.append(item.widget())
        return labels

    def _align_label_columns(self) -> None:
        """One label width for every group's form, so that all the fields start at the same
        x (each form sized its own label column: the groups' fields were ragged). Rows that
        are hidden now count too, so a row appearing never shifts the others."""
        labels = self.row_labels()
        for lab in labels:
            lab.setMinimumWidth(0)
        width = max((lab.sizeHint().width() for lab in labels), default=0)
        for lab in labels:
            lab.setMinimumWidth(width)
        # And within a group, every field as wide at least as its widest one needs: Qt's
        # WrapLongRows moves a field under its label when the two do not fit side by side,
        # so a group's fields now all move or none do (only the rows with a slider and its
        # box moved, and a group came out half one way, half the other).
        for form in self._forms:
            fields = self.row_fields(form)
            for f in fields:
                f.setMinimumWidth(0)
            least = max((f.minimumSizeHint().width() for f in fields), default=0)
            for f in fields:
                f.setMinimumWidth(least)

    @staticmethod
    def row_fields(form: QFormLayout) -> list[QWidget]:
        """The fields of ``form``'s labelled rows (hidden rows' too)."""
        fields = []
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None and field.widget() is not None:
                fields.append(field.widget())
        return fields

    def retranslate(self) -> None:
        """Every text of the form; the combos keep their items (data) and selection."""
        self.preset_box.setTitle(self.tr("Lecture preset"))
        self.preset_combo.setToolTip(self.tr("Load a prepared experiment for the lecture"))
        self.network_box.setTitle(self.tr("Network"))
        self.optim_box.setTitle(self.tr("Optimisation"))
        self.data_box.setTitle(self.tr("Data"))
        self.compare_box.setTitle(self.tr("Compare"))
        for name, text in field_names().items():
            self.field_labels[name].setText(text)
        _set_item_texts(self.init_combo, init_names())
        _set_item_texts(self.optimizer_combo, optimizer_names())
        _set_item_texts(self.loss_combo, loss_names())
        _set_item_texts(self.dataset_combo, dataset_names())
        refresh_size_hints(
            self.init_combo, self.optimizer_combo, self.loss_combo, self.dataset_combo
        )
        self.depth_spin.setToolTip(self.tr("Number of hidden layers (the output layer is extra)"))
        self.width_spin.setToolTip(self.tr("Units per hidden layer"))
        self.init_combo.setToolTip(self.tr("How the initial weights are drawn"))
        # setDescription also re-renders the slider's "allowed range" hint in the language.
        self.init_std_slider.setDescription(
            self.tr("Standard deviation of the normal initialization")
        )
        self.bias_slider.setDescription(self.tr("Initial value of every bias"))
        self.lr_slider.setDescription(
            self.tr("Step size of the optimizer; applies at once, without a reset")
        )
        self.batch_spin.setToolTip(self.tr("Samples per training step"))
        self.noise_slider.setDescription(self.tr("Spread added to the data points"))
        self.samples_spin.setToolTip(self.tr("Number of training samples"))
        self.seed_spin.setToolTip(self.tr("The same seed gives the same data and initial weights"))
        self.new_seed_button.setText(self.tr("New seed"))
        self.new_seed_button.setToolTip(self.tr("Draw a random seed: new data and new weights"))
        self.compare_check_label.setText(self.tr("Train a second network side by side"))
        self.compare_check.setAccessibleName(self.compare_check_label.text())
        self.compare_activation_label.setText(self.tr("B activation"))
        self.compare_activation.setToolTip(self.tr("The activation of the second network (B)"))
        self._show_core_texts()
        self._align_label_columns()

    # -- internal wiring: keeps the form consistent; the controller does the rest ----------
    def _connect_internal(self) -> None:
        def emit(name: str):
            return lambda *_: self.edited.emit(name)

        self.preset_combo.currentIndexChanged.connect(
            lambda _i: self.presetChosen.emit(self.preset_combo.currentData() or "")
        )
        self.activation_combo.currentIndexChanged.connect(self._activation_changed)
        self.depth_spin.valueChanged.connect(emit("depth"))
        self.width_spin.valueChanged.connect(emit("width"))
        self.init_combo.currentIndexChanged.connect(self._init_changed)
        self.init_std_slider.valueChanged.connect(emit("init_std"))
        self.bias_slider.valueChanged.connect(emit("bias"))
        self.optimizer_combo.currentIndexChanged.connect(emit("optimizer"))
        self.lr_slider.valueChanged.connect(emit("lr"))
        self.batch_spin.valueChanged.connect(emit("batch"))
        self.loss_combo.currentIndexChanged.connect(emit("loss"))
        self.dataset_combo.currentIndexChanged.connect(self._dataset_changed)
        self.input_dim_spin.valueChanged.connect(emit("input_dim"))
        self.noise_slider.valueChanged.connect(emit("noise"))
        self.samples_spin.valueChanged.connect(emit("n_samples"))
        self.seed_spin.valueChanged.connect(emit("seed"))
        self.new_seed_button.clicked.connect(self._new_seed)
        self.compare_check.toggled.connect(self._compare_toggled)
        self.compare_activation.currentIndexChanged.connect(emit("compare"))

    def _activation_changed(self) -> None:
        self._params = {}
        self._rebuild_param_sliders()
        self.edited.emit("activation")

    def _init_changed(self) -> None:
        self._update_visibility()
        self.edited.emit("init")

    def _dataset_changed(self) -> None:
        self._update_visibility()
        self.edited.emit("dataset")

    def _compare_toggled(self, on: bool) -> None:
        self.compare_activation.setEnabled(on)
        self.edited.emit("compare")

    def _new_seed(self) -> None:
        self.seed_spin.setValue(random.randint(0, SEED_MAX))  # emits edited("seed")

    def _update_visibility(self) -> None:
        normal = self.init_combo.currentData() == "normal"
        self.init_std_label.setVisible(normal)
        self.init_std_slider.setVisible(normal)
        highdim = self.dataset_combo.currentData() == "highdim"
        self.input_dim_label.setVisible(highdim)
        self.input_dim_spin.setVisible(highdim)

    def _rebuild_param_sliders(self) -> None:
        while self.params_layout.rowCount():
            self.params_layout.removeRow(0)
        self.param_sliders = {}
        act = ACTIVATIONS[self.activation_combo.currentData()]
        for p in act.params:
            value = self._params.get(p.name, p.default)
            slider = LabeledSlider(
                p.minimum,
                p.maximum,
                value,
                step=p.step,
                log_scale=p.log_scale,
                decimals=3,
            )
            slider.setDescription(self._param_description(p))
            slider.valueChanged.connect(lambda v, name=p.name: self._param_changed(name, v))
            self.params_layout.addRow(p.symbol or p.name, slider)
            self.param_sliders[p.name] = slider
        self.params_widget.setVisible(bool(act.params))
        self._align_label_columns()

    def _param_changed(self, name: str, value: float) -> None:
        self._params[name] = float(value)
        self.edited.emit("params")

    # -- state in and out -----------------------------------------------------------------
    def _fixed_inputs(self) -> list[QObject]:
        """Every input but the activation's parameter sliders (those are rebuilt)."""
        return [
            self.activation_combo,
            self.depth_spin,
            self.width_spin,
            self.init_combo,
            self.init_std_slider,
            self.bias_slider,
            self.optimizer_combo,
            self.lr_slider,
            self.batch_spin,
            self.loss_combo,
            self.dataset_combo,
            self.input_dim_spin,
            self.noise_slider,
            self.samples_spin,
            self.seed_spin,
        ]

    def set_config(self, config: TrainingConfig) -> None:
        """Show ``config`` in the widgets without emitting ``edited``. The parameter
        sliders are replaced by new ones built with their values (they are connected only
        after), so they are not blocked: the old ones are deleted on the way."""
        with signals_blocked(*self._fixed_inputs()):
            _select(self.activation_combo, config.activation)
            self._params = dict(config.params)
            self._rebuild_param_sliders()
            self.depth_spin.setValue(config.depth)
            self.width_spin.setValue(config.width)
            _select(self.init_combo, config.init)
            self.init_std_slider.setValue(config.init_std)
            self.bias_slider.setValue(config.bias)
            _select(self.optimizer_combo, config.optimizer)
            self.lr_slider.setValue(config.lr)
            self.batch_spin.setValue(config.batch)
            _select(self.loss_combo, config.loss)
            _select(self.dataset_combo, config.dataset)
            self.input_dim_spin.setValue(config.input_dim)
            self.noise_slider.setValue(config.noise)
            self.samples_spin.setValue(config.n_samples)
            self.seed_spin.setValue(int(config.seed) % (SEED_MAX + 1))
        self._update_visibility()

    def config(self) -> TrainingConfig:
        """The configuration the widgets show (not yet validated)."""
        dataset = self.dataset_combo.currentData()
        return TrainingConfig(
            activation=self.activation_combo.currentData(),
            params=dict(self._params),
            depth=self.depth_spin.value(),
            width=self.width_spin.value(),
            init=self.init_combo.currentData(),
            init_std=float(self.init_std_slider.value()),
            bias=float(self.bias_slider.value()),
            optimizer=self.optimizer_combo.currentData(),
            lr=float(self.lr_slider.value()),
            batch=self.batch_spin.value(),
            loss=self.loss_combo.currentData(),
            dataset=dataset,
            input_dim=self.input_dim_spin.value() if dataset == "highdim" else 2,
            noise=float(self.noise_slider.value()),
            n_samples=self.samples_spin.value(),
            seed=self.seed_spin.value(),
        )

    def set_preset(self, preset_id: str) -> None:
        """Select a preset in the picker (no signal) and show its explanation."""
        with signals_blocked(self.preset_combo):
            _select(self.preset_combo, preset_id)
        self._show_explanation()

    def set_compare(self, enabled: bool, activation: str, summary: str) -> None:
        with signals_blocked(self.compare_check, self.compare_activation):
            self.compare_check.setChecked(enabled)
            if enabled:
                _select(self.compare_activation, activation)
        self.compare_activation.setEnabled(enabled)
        self.compare_summary.setText(summary)

    # -- texts core gives in both languages ----------------------------------------------
    def set_language(self, lang: str) -> None:
        """Pick the preset titles/explanations and parameter help in ``lang``."""
        self.language = lang
        self._show_core_texts()

    def _preset_title(self, preset: Preset) -> str:
        return preset.title_zh if self.language == "zh_CN" else preset.title_en

    def _param_description(self, param) -> str:
        return param.description_zh if self.language == "zh_CN" else param.description_en

    def _show_core_texts(self) -> None:
        self.preset_combo.setItemText(0, self.tr("— custom —"))
        for i, p in enumerate(self.presets, start=1):
            self.preset_combo.setItemText(i, self._preset_title(p))
        for combo in (self.activation_combo, self.compare_activation):
            for i in range(combo.count()):
                combo.setItemText(i, ACTIVATIONS[combo.itemData(i)].display_name(self.language))
        refresh_size_hints(self.preset_combo, self.activation_combo, self.compare_activation)
        self._show_explanation()
        act = ACTIVATIONS[self.activation_combo.currentData()]
        for p in act.params:
            slider = self.param_sliders.get(p.name)
            if slider is not None:
                slider.setDescription(self._param_description(p))

    def _show_explanation(self) -> None:
        pid = self.preset_combo.currentData()
        preset = next((p for p in self.presets if p.id == pid), None)
        if preset is None:
            self.preset_explanation.setText(self.tr("Choose a preset or set the network up."))
            return
        zh = self.language == "zh_CN"
        self.preset_explanation.setText(preset.explanation_zh if zh else preset.explanation_en)

    def apply_theme(self, th: theme_mod.Theme) -> None:
        font = self.font()
        font.setPointSizeF(th.base_point_size)
        self.setFont(font)

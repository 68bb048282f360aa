"""Sliders for the current function's parameters, with a reset-to-default button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from core.activations import Activation
from gui.widgets.labeled_slider import LabeledSlider


def _decimals(step: float) -> int:
    """Enough decimals to show one step."""
    d = 0
    while d < 4 and round(step * 10**d) != step * 10**d:
        d += 1
    return max(d, 2)


class ParameterPanel(QGroupBox):
    """One labelled slider per parameter of the shown activation."""

    parameterChanged = Signal(str, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Parameters"), parent)
        self.activation: Activation | None = None
        self.sliders: dict[str, LabeledSlider] = {}
        self.descriptions: dict[str, QLabel] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset to defaults"))
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(self._rows)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.show_activation(None, {}, "en")

    def show_activation(
        self, activation: Activation | None, values: dict[str, float], language: str
    ) -> None:
        """Rebuild the sliders for ``activation`` (only when the current function changes)."""
        for w in [*self.sliders.values(), *self.descriptions.values()]:
            self._rows.removeWidget(w)
            w.deleteLater()
        self.sliders = {}
        self.descriptions = {}
        self.activation = activation
        if activation is None:
            self.setTitle(self.tr("Parameters"))
            self.message.setText(self.tr("Select a function in the list to see its parameters."))
            self.message.show()
            self.reset_button.setEnabled(False)
            return
        self.setTitle(self.tr("Parameters of {0}").format(activation.name))
        if not activation.params:
            self.message.setText(self.tr("{0} has no parameters.").format(activation.name))
            self.message.show()
        else:
            self.message.hide()
        for p in activation.params:
            s = LabeledSlider(
                p.minimum,
                p.maximum,
                values.get(p.name, p.default),
                step=p.step,
                log_scale=p.log_scale,
                decimals=_decimals(p.step),
                label=p.symbol or p.name,
            )
            s.setObjectName(f"param_{p.name}")
            s.label.setMinimumWidth(s.label.fontMetrics().horizontalAdvance("MM") + 4)
            s.valueChanged.connect(lambda v, n=p.name: self.parameterChanged.emit(n, v))
            desc = QLabel()
            desc.setWordWrap(True)
            desc.setEnabled(False)  # the palette's muted text colour
            self._rows.addWidget(s)
            self._rows.addWidget(desc)
            self.sliders[p.name] = s
            self.descriptions[p.name] = desc
        self.set_language(language)
        self.reset_button.setEnabled(bool(activation.params))

    def set_values(self, values: dict[str, float]) -> None:
        """Push values into the sliders without emitting."""
        for name, s in self.sliders.items():
            if name in values:
                s.blockSignals(True)
                s.setValue(values[name])
                s.blockSignals(False)

    def set_language(self, language: str) -> None:
        if self.activation is None:
            return
        for p in self.activation.params:
            text = p.description_zh if language == "zh_CN" else p.description_en
            self.sliders[p.name].setDescription(f"{p.name}: {text}")
            self.descriptions[p.name].setText(f"{p.name}: {text}")

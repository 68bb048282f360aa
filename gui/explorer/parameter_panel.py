"""Sliders for the current function's parameters, with a reset-to-default button.

The heading ("Parameters of RReLU (randomized leaky)") is a word-wrapping label, not the
group box's title: a title is never wrapped and would widen the left column in presenter
mode. The panel keeps what its message says (a hint, "no parameters", a refusal, "not
on the plots") and renders it again on a language change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
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
        super().__init__(parent)
        self.activation: Activation | None = None
        self.language = "en"  # of the descriptions core gives in both languages
        self.sliders: dict[str, LabeledSlider] = {}
        self.descriptions: dict[str, QLabel] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._refusal: str | None = None  # why the last change was refused, while shown
        self._plotted = True  # whether the function is on the plots (checked in the list)
        self.reset_button = QPushButton()
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        # Below the sliders: a message that comes or goes during a drag (a refusal, the
        # function now plotted) must not move the slider under the mouse.
        layout.addLayout(self._rows)
        layout.addWidget(self.message)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.retranslate()
        self.show_activation(None, {}, "en")

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.FontChange:
            font = self.font()  # the heading keeps its bold, in the new size
            font.setBold(True)
            self.heading.setFont(font)
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:  # Qt override
        """Tall enough for the wrapped descriptions at the current width: a splitter goes
        by minimum sizes and would otherwise cut the last lines off."""
        hint = super().minimumSizeHint()
        width = max(self.width(), hint.width())
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(width)))

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # another width, another wrapped height

    def retranslate(self) -> None:
        self.reset_button.setText(self.tr("Reset to defaults"))
        self.reset_button.setToolTip(
            self.tr("Every parameter of this function back to its default")
        )
        self._render()

    def _render(self) -> None:
        """Heading and message from the state: the activation and any refusal."""
        act = self.activation
        if act is None:
            self.heading.setText(self.tr("Parameters"))
            self.message.setText(self.tr("Select a function in the list to see its parameters."))
        else:
            name = act.display_name(self.language)
            self.heading.setText(self.tr("Parameters of {0}").format(name))
            if self._refusal is not None:
                self.message.setText(self.tr("Refused: {0}").format(self._refusal))
            elif not act.params:
                self.message.setText(self.tr("{0} has no parameters.").format(name))
            elif not self._plotted:
                self.message.setText(
                    self.tr(
                        "{0} is not on the plots: tick it in the list, or move a slider."
                    ).format(name)
                )
            else:
                self.message.setText("")
        self.message.setVisible(bool(self.message.text()))

    def set_plotted(self, plotted: bool) -> None:
        """Whether the current function is on the plots (the panel says so if not)."""
        if plotted != self._plotted:
            self._plotted = plotted
            self._render()

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
        self._refusal = None
        self._render()
        if activation is None:
            self.reset_button.setEnabled(False)
            return
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

    def show_refusal(self, reason: str) -> None:
        """Say why a change was refused (until the next accepted change)."""
        self._refusal = reason
        self._render()

    def clear_refusal(self) -> None:
        if self._refusal is not None:
            self._refusal = None
            self._render()

    def set_values(self, values: dict[str, float]) -> None:
        """Push values into the sliders without emitting."""
        for name, s in self.sliders.items():
            if name in values:
                s.blockSignals(True)
                s.setValue(values[name])
                s.blockSignals(False)

    def set_language(self, language: str) -> None:
        self.language = language
        self._render()  # the function's name
        if self.activation is None:
            return
        for p in self.activation.params:
            text = p.description_zh if language == "zh_CN" else p.description_en
            self.sliders[p.name].setDescription(f"{p.name}: {text}")
            self.descriptions[p.name].setText(f"{p.name}: {text}")

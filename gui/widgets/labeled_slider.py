"""A slider with a typed value: drag for feel, type for precision.

The slider works in integer ticks; the value is mapped linearly or logarithmically onto
them. The spin box shows the value and accepts typed numbers; a number outside the range
is refused visibly: the field snaps to the nearest limit, turns red for a moment and says
which range is allowed.

Sizes come from the current font (presenter mode): the field is as wide as the range's
longest number plus a sign, the slider a few digits long at least. Tooltips follow a
language change (``QEvent.LanguageChange``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QWidget,
)

from gui.widgets.range_spin_box import REFUSAL_MS, RangeSpinBox, refused_style
from gui.widgets.wheel import setup_wheel_field, wheel_scrolls_area

_DEFAULT_TICKS = 1000
_MAX_TICKS = 10000
SLIDER_MIN_DIGITS = 8  # the slider is at least this many digit widths long


class _Slider(QSlider):
    """The slider, passing the wheel to a scroll area around it until it has focus."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        setup_wheel_field(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if not wheel_scrolls_area(self, event):
            super().wheelEvent(event)


class SliderSpinBox(RangeSpinBox):
    """The typed value beside the slider: as wide as the range's longest number plus a
    sign; a refusal is shown by the LabeledSlider (its tooltip names the range)."""

    feedback = False

    def _widest_text(self) -> str:
        """A sample as wide as the longest value of the range, with room for a sign."""
        texts = (self.textFromValue(v).lstrip("-") for v in (self.minimum(), self.maximum()))
        return self.prefix() + "-" + "0" * max(len(t) for t in texts) + self.suffix()

    def sizeHint(self) -> QSize:  # Qt override: measured in the current font
        hint = super().sizeHint()
        fm = self.fontMetrics()
        shown = max(
            fm.horizontalAdvance(self.prefix() + self.textFromValue(v) + self.suffix())
            for v in (self.minimum(), self.maximum())
        )
        extra = fm.horizontalAdvance(self._widest_text()) - shown
        return QSize(hint.width() + max(extra, 0), hint.height())

    def minimumSizeHint(self) -> QSize:  # Qt override: the whole value is always readable
        return self.sizeHint()


class LabeledSlider(QWidget):
    """Horizontal slider + typed value (+ optional name label), one float value.

    ``valueChanged(float)`` fires while dragging and on typed entry, once per change.
    """

    valueChanged = Signal(float)
    valueRefused = Signal(float)

    def __init__(
        self,
        minimum: float,
        maximum: float,
        value: float,
        *,
        step: float | None = None,
        log_scale: bool = False,
        decimals: int = 3,
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._step = step
        self._log = False
        self._requested_log = log_scale
        self._decimals = decimals
        self._lo = float(minimum)
        self._hi = float(maximum)
        self._value = float(value)

        self.label = QLabel(label)
        self.label.setVisible(bool(label))
        self.slider = _Slider()
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.spin_box = SliderSpinBox()
        self.spin_box.setDecimals(decimals)
        self.spin_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._refused: float | None = None  # the typed value the field is refusing now
        self._fit_to_font()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin_box)

        self._refusal_timer = QTimer(self)
        self._refusal_timer.setSingleShot(True)
        self._refusal_timer.setInterval(REFUSAL_MS)
        self._refusal_timer.timeout.connect(self._clear_refusal)

        self._configure()
        self.slider.valueChanged.connect(self._on_slider)
        self.spin_box.valueChanged.connect(self._on_spin)
        self.spin_box.refused.connect(self._on_refused)

    @property
    def slider_digits(self) -> int:
        """The slider's minimum length, in digit widths of the current font."""
        return getattr(self, "_slider_digits", SLIDER_MIN_DIGITS)

    @slider_digits.setter
    def slider_digits(self, n: int) -> None:
        self._slider_digits = int(n)
        self._fit_to_font()

    def _fit_to_font(self) -> None:
        digit = self.fontMetrics().horizontalAdvance("0")
        self.slider.setMinimumWidth(self.slider_digits * digit)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._fit_to_font()
        elif kind == QEvent.Type.LanguageChange:
            self._render_tooltip()
        super().changeEvent(event)

    # -- public API ---------------------------------------------------------------------
    def value(self) -> float:
        return self._value

    def setValue(self, value: float) -> None:
        """Show ``value`` (clamped to the range) in both widgets; emits once if it changed."""
        v = self._clamp(float(value))
        changed = v != self._value
        self._value = v
        self._push_to_widgets()
        if changed:
            self.valueChanged.emit(v)

    def setRange(self, minimum: float, maximum: float) -> None:
        self._lo, self._hi = float(minimum), float(maximum)
        old = self._value
        self._configure()
        if self._value != old:
            self.valueChanged.emit(self._value)

    def minimum(self) -> float:
        return self._lo

    def maximum(self) -> float:
        return self._hi

    def isLogScale(self) -> bool:
        return self._log

    def setLabel(self, text: str) -> None:
        self.label.setText(text)
        self.label.setVisible(bool(text))

    def setDescription(self, text: str) -> None:
        """Tooltip for the whole control (e.g. the parameter's description)."""
        self._description = text
        for w in (self.label, self.slider):
            w.setToolTip(text)
        self._render_tooltip()

    def is_showing_refusal(self) -> bool:
        return self._refusal_timer.isActive()

    # -- mapping ticks <-> values -------------------------------------------------------
    def _configure(self) -> None:
        if self._hi < self._lo:
            self._lo, self._hi = self._hi, self._lo
        self._log = self._requested_log and self._lo > 0
        span = self._hi - self._lo
        if self._log or span == 0:
            ticks = _DEFAULT_TICKS
        elif self._step:
            ticks = max(1, min(_MAX_TICKS, round(span / self._step)))
        else:
            ticks = _DEFAULT_TICKS
        self._ticks = ticks
        self._value = self._clamp(self._value)
        self.slider.blockSignals(True)
        self.spin_box.blockSignals(True)
        self.slider.setRange(0, ticks)
        self.slider.setPageStep(max(1, ticks // 10))
        self.spin_box.setRange(self._lo, self._hi)
        if self._step:
            self.spin_box.setSingleStep(self._step)
        else:
            self.spin_box.setSingleStep(span / 100 if span else 0.1)
        self.slider.blockSignals(False)
        self.spin_box.blockSignals(False)
        self._description = getattr(self, "_description", "")
        self._render_tooltip()
        self._push_to_widgets()

    def _clamp(self, v: float) -> float:
        if math.isnan(v):
            v = self._value if not math.isnan(self._value) else self._lo
        v = min(max(v, self._lo), self._hi)
        return round(v, self._decimals) if self._lo <= round(v, self._decimals) <= self._hi else v

    def _tick_to_value(self, tick: int) -> float:
        frac = tick / self._ticks
        if self._log:
            lo, hi = math.log10(self._lo), math.log10(self._hi)
            v = 10.0 ** (lo + frac * (hi - lo))
        else:
            v = self._lo + frac * (self._hi - self._lo)
        if tick == 0:
            v = self._lo
        elif tick == self._ticks:
            v = self._hi
        return self._clamp(v)

    def _value_to_tick(self, v: float) -> int:
        if self._hi == self._lo:
            return 0
        if self._log:
            lo, hi = math.log10(self._lo), math.log10(self._hi)
            frac = (math.log10(max(v, self._lo)) - lo) / (hi - lo)
        else:
            frac = (v - self._lo) / (self._hi - self._lo)
        return round(min(max(frac, 0.0), 1.0) * self._ticks)

    def _push_to_widgets(self) -> None:
        self.slider.blockSignals(True)
        self.spin_box.blockSignals(True)
        self.slider.setValue(self._value_to_tick(self._value))
        self.spin_box.setValue(self._value)
        self.slider.blockSignals(False)
        self.spin_box.blockSignals(False)

    # -- reactions ----------------------------------------------------------------------
    def _on_slider(self, tick: int) -> None:
        v = self._tick_to_value(tick)
        if v == self._value:
            return
        self._value = v
        self.spin_box.blockSignals(True)
        self.spin_box.setValue(v)
        self.spin_box.blockSignals(False)
        self.valueChanged.emit(v)

    def _on_spin(self, value: float) -> None:
        v = self._clamp(value)
        if v == self._value:
            return
        self._value = v
        self.slider.blockSignals(True)
        self.slider.setValue(self._value_to_tick(v))
        self.slider.blockSignals(False)
        self.valueChanged.emit(v)

    def _render_tooltip(self) -> None:
        """The field's tooltip in the current language: the allowed range and the
        description, or while a typed value is being refused, why."""
        if self._refused is not None and self._refusal_timer.isActive():
            hint = QCoreApplication.translate(
                "LabeledSlider", "{0} refused: allowed range [{1}, {2}]"
            ).format(f"{self._refused:g}", f"{self._lo:g}", f"{self._hi:g}")
            self.spin_box.setToolTip(hint)
            return
        text = getattr(self, "_description", "")
        self.spin_box.setToolTip(self._range_hint() + ("\n" + text if text else ""))

    def _range_hint(self) -> str:
        return QCoreApplication.translate("LabeledSlider", "allowed range [{0}, {1}]").format(
            f"{self._lo:g}", f"{self._hi:g}"
        )

    def _on_refused(self, typed: float) -> None:
        self.spin_box.setStyleSheet(refused_style("QDoubleSpinBox"))
        self._refused = typed
        self._refusal_timer.start()
        self._render_tooltip()
        self.valueRefused.emit(typed)

    def _clear_refusal(self) -> None:
        self.spin_box.setStyleSheet("")
        self._refused = None
        self._render_tooltip()

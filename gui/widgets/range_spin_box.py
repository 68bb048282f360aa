"""Spin boxes that refuse an out-of-range number visibly instead of swallowing it.

Plain QSpinBox and QDoubleSpinBox reject a keystroke that would leave the range: typing
999 into a 1–50 field gives 9, silently. These let the number be typed, then clamp it
to the nearest limit on Enter or when the field loses focus, and report the refusal
(``refused``). With ``feedback`` on (the default) the field also says so itself: a red
border for a moment and a tooltip at the field ("999 is outside 1 to 50: set to 50").
LabeledSlider turns ``feedback`` off and says it in its own way.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QTimer, Signal
from PySide6.QtGui import QValidator, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox, QToolTip, QWidget

from gui.widgets.wheel import setup_wheel_field, wheel_scrolls_area

REFUSAL_MS = 1800  # how long a refused field stays marked


def refused_style(target: str) -> str:
    """The style sheet that marks a refused field of Qt class ``target`` (red border)."""
    return f"{target} {{ border: 2px solid #D55E00; }}"


class _RangeEntry:
    """What both spin boxes share (mixed into a QSpinBox or QDoubleSpinBox)."""

    feedback = True
    _style_target = "QAbstractSpinBox"  # the Qt class name the red border applies to

    def _cast(self, value: float) -> float:
        return value

    def _setup_range_entry(self) -> None:
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.setKeyboardTracking(False)  # a typed number counts once, when it is entered
        setup_wheel_field(self)
        self._refusal_timer = QTimer(self)
        self._refusal_timer.setSingleShot(True)
        self._refusal_timer.setInterval(REFUSAL_MS)
        self._refusal_timer.timeout.connect(lambda: self.setStyleSheet(""))
        self.refused.connect(self._show_refusal)

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if not wheel_scrolls_area(self, event):
            super().wheelEvent(event)

    def _body(self, text: str) -> str:
        """The typed number without prefix, suffix and group separators."""
        body = text.strip()
        if self.prefix() and body.startswith(self.prefix()):
            body = body[len(self.prefix()) :]
        if self.suffix() and body.endswith(self.suffix()):
            body = body[: -len(self.suffix())]
        body = body.strip().replace(self.locale().groupSeparator(), "")
        return body.replace(self.locale().decimalPoint(), ".")

    def _typed_number(self, text: str) -> float | None:
        try:
            return float(self._body(text))
        except ValueError:
            return None

    def validate(self, text: str, pos: int) -> object:  # Qt override
        value = self._typed_number(text)
        outside = value is not None and not (self.minimum() <= value <= self.maximum())
        if outside and not math.isnan(value):
            return QValidator.State.Intermediate, text, pos
        if self._body(text) in ("-", "+"):  # a sign first: -5 in a 1–50 field is refused
            return QValidator.State.Intermediate, text, pos
        if text.strip().lower() in ("inf", "-inf", "+inf", "nan", "infinity", "-infinity"):
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:  # Qt override
        value = self._typed_number(text)
        if value is None:
            return super().fixup(text)
        if math.isnan(value):
            clamped = self.value()
        else:
            clamped = min(max(value, self.minimum()), self.maximum())
        if clamped != value:
            self.refused.emit(value)
        return self.textFromValue(self._cast(clamped))

    def _clamped_typed_value(self, text: str) -> float:
        value = self._typed_number(text)
        if value is None or math.isnan(value):
            return self.value()
        if not (self.minimum() <= value <= self.maximum()):
            self.refused.emit(value)
            value = min(max(value, self.minimum()), self.maximum())
        return value

    def refusal_text(self, typed: float) -> str:
        """What the field says about a refused number."""
        clamped = self._cast(min(max(typed, self.minimum()), self.maximum()))
        text = QCoreApplication.translate("RangeSpinBox", "{0} is outside {1} to {2}: set to {3}")
        lo, hi = (self.textFromValue(v) for v in (self.minimum(), self.maximum()))
        return text.format(f"{typed:g}", lo, hi, self.textFromValue(clamped))

    def _show_refusal(self, typed: float) -> None:
        if not self.feedback:
            return
        self.setStyleSheet(refused_style(self._style_target))
        self._refusal_timer.start()
        # After the events of the key that ended the entry: a tooltip shown while Tab
        # moves the focus on is hidden again by that very focus change.
        text = self.refusal_text(typed)
        QTimer.singleShot(0, self, lambda: self._show_tooltip(text))

    def _show_tooltip(self, text: str) -> None:
        if self.isVisible():
            where = self.mapToGlobal(QPoint(0, self.height()))
            QToolTip.showText(where, text, self, QRect(), REFUSAL_MS)


class RangeSpinBox(_RangeEntry, QDoubleSpinBox):
    """A QDoubleSpinBox that refuses an out-of-range number visibly."""

    refused = Signal(float)  # the typed value that was outside the range
    _style_target = "QDoubleSpinBox"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_range_entry()

    def valueFromText(self, text: str) -> float:  # Qt override
        return self._clamped_typed_value(text)


class RangeIntSpinBox(_RangeEntry, QSpinBox):
    """A QSpinBox that refuses an out-of-range number visibly."""

    refused = Signal(float)  # the typed value that was outside the range
    _style_target = "QSpinBox"

    def _cast(self, value: float) -> int:
        return round(value)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_range_entry()

    def valueFromText(self, text: str) -> int:  # Qt override
        return self._cast(self._clamped_typed_value(text))

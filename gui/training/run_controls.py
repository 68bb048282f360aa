"""Start / Pause / Step / Reset, the speed, the stop-after count and the record rate.

Two arrangements of the same widgets: four columns (normal mode) and, with presenter fonts,
a compact two-column grid, so the left column stays narrow and the histograms stay large.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from gui import theme as theme_mod
from gui.i18n import refresh_size_hints
from gui.widgets.fit import FitComboBox
from gui.widgets.range_spin_box import RangeIntSpinBox

# Target steps per second; None = as fast as the CPU allows.
SPEEDS: tuple[float | None, ...] = (1.0, 5.0, 20.0, 100.0, 500.0, None)


class RunControls(QWidget):
    """The buttons that drive the run; the controller connects them.

    ``status_label`` belongs to the controller, which re-renders it on a language change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.compact = False
        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.step_button = QPushButton()
        self.reset_button = QPushButton()
        self.speed_combo = FitComboBox()
        for s in SPEEDS:
            self.speed_combo.addItem("", s)  # texts in retranslate(); the data stays
        self.speed_combo.setCurrentIndex(len(SPEEDS) - 1)
        self.stop_after_spin = RangeIntSpinBox()
        self.stop_after_spin.setRange(0, 1_000_000)
        self.stop_after_spin.setSingleStep(100)
        self.record_every_spin = RangeIntSpinBox()
        self.record_every_spin.setRange(1, 1000)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.speed_label = QLabel()
        self.stop_after_label = QLabel()
        self.record_every_label = QLabel()
        self._arrange()
        self.retranslate()
        self.set_running(False)

    def _cells(self) -> list[tuple[QWidget, int, int, int, int]]:
        """(widget, row, column, row span, column span) of the current arrangement."""
        if self.compact:
            return [
                (self.start_button, 0, 0, 1, 1),
                (self.pause_button, 0, 1, 1, 1),
                (self.step_button, 1, 0, 1, 1),
                (self.reset_button, 1, 1, 1, 1),
                (self.speed_label, 2, 0, 1, 1),
                (self.speed_combo, 2, 1, 1, 1),
                (self.stop_after_label, 3, 0, 1, 1),
                (self.stop_after_spin, 3, 1, 1, 1),
                (self.record_every_label, 4, 0, 1, 1),
                (self.record_every_spin, 4, 1, 1, 1),
                (self.status_label, 5, 0, 1, 2),
            ]
        return [
            (self.start_button, 0, 0, 1, 1),
            (self.pause_button, 0, 1, 1, 1),
            (self.step_button, 0, 2, 1, 1),
            (self.reset_button, 0, 3, 1, 1),
            (self.speed_label, 1, 0, 1, 1),
            (self.speed_combo, 1, 1, 1, 1),
            (self.stop_after_label, 1, 2, 1, 1),
            (self.stop_after_spin, 1, 3, 1, 1),
            (self.record_every_label, 2, 0, 1, 1),
            (self.record_every_spin, 2, 1, 1, 1),
            (self.status_label, 2, 2, 1, 2),
        ]

    def _arrange(self) -> None:
        for widget, *_ in self._cells():
            self.grid.removeWidget(widget)
        for widget, row, col, rows, cols in self._cells():
            self.grid.addWidget(widget, row, col, rows, cols)

    def set_compact(self, compact: bool) -> None:
        """Two columns (presenter fonts) or four (normal)."""
        if compact != self.compact:
            self.compact = compact
            self._arrange()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("▶ Start"))
        self.pause_button.setText(self.tr("❚❚ Pause"))
        self.step_button.setText(self.tr("Step"))
        self.reset_button.setText(self.tr("⟲ Reset"))
        self.start_button.setToolTip(self.tr("Train continuously"))
        self.pause_button.setToolTip(self.tr("Pause training; Start continues the same run"))
        self.step_button.setToolTip(self.tr("Train exactly one step"))
        self.reset_button.setToolTip(self.tr("Rebuild the network at its initial weights"))
        for i, s in enumerate(SPEEDS):
            text = self.tr("max steps/s") if s is None else self.tr("{n:g} steps/s").format(n=s)
            self.speed_combo.setItemText(i, text)
        refresh_size_hints(self.speed_combo)
        self.speed_label.setText(self.tr("Speed"))
        self.speed_combo.setToolTip(self.tr("Training steps per second"))
        self.stop_after_label.setText(self.tr("Stop after"))
        self.stop_after_spin.setSpecialValueText(self.tr("never"))
        self.stop_after_spin.setToolTip(
            self.tr("Pause automatically when the run reaches this step")
        )
        self.record_every_label.setText(self.tr("Record every"))
        self.record_every_spin.setToolTip(
            self.tr("Record the layer statistics every n steps (histograms, curves, timeline)")
        )

    def speed(self) -> float | None:
        return self.speed_combo.currentData()

    def stop_after(self) -> int | None:
        n = self.stop_after_spin.value()
        return n if n > 0 else None

    def set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)

    def apply_theme(self, th: theme_mod.Theme) -> None:
        font = self.font()
        font.setPointSizeF(th.base_point_size)
        self.setFont(font)
        self.set_compact(th.presenter)

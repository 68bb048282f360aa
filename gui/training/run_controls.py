"""Start / Pause / Step / Reset, the speed, the stop-after count and the record rate."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gui import theme as theme_mod

# Target steps per second; None = as fast as the CPU allows.
SPEEDS: tuple[float | None, ...] = (1.0, 5.0, 20.0, 100.0, 500.0, None)


class RunControls(QWidget):
    """The buttons that drive the run; the controller connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        self.start_button = QPushButton(self.tr("▶ Start"))
        self.pause_button = QPushButton(self.tr("❚❚ Pause"))
        self.step_button = QPushButton(self.tr("Step"))
        self.reset_button = QPushButton(self.tr("⟲ Reset"))
        self.start_button.setToolTip(self.tr("Train continuously"))
        self.step_button.setToolTip(self.tr("Train exactly one step"))
        self.reset_button.setToolTip(self.tr("Rebuild the network at its initial weights"))
        self.speed_combo = QComboBox()
        for s in SPEEDS:
            text = self.tr("max steps/s") if s is None else self.tr("{n:g} steps/s").format(n=s)
            self.speed_combo.addItem(text, s)
        self.speed_combo.setCurrentIndex(len(SPEEDS) - 1)
        self.stop_after_spin = QSpinBox()
        self.stop_after_spin.setRange(0, 1_000_000)
        self.stop_after_spin.setSingleStep(100)
        self.stop_after_spin.setSpecialValueText(self.tr("never"))
        self.record_every_spin = QSpinBox()
        self.record_every_spin.setRange(1, 1000)
        self.status_label = QLabel()
        grid.addWidget(self.start_button, 0, 0)
        grid.addWidget(self.pause_button, 0, 1)
        grid.addWidget(self.step_button, 0, 2)
        grid.addWidget(self.reset_button, 0, 3)
        grid.addWidget(QLabel(self.tr("Speed")), 1, 0)
        grid.addWidget(self.speed_combo, 1, 1)
        grid.addWidget(QLabel(self.tr("Stop after")), 1, 2)
        grid.addWidget(self.stop_after_spin, 1, 3)
        grid.addWidget(QLabel(self.tr("Record every")), 2, 0)
        grid.addWidget(self.record_every_spin, 2, 1)
        grid.addWidget(self.status_label, 2, 2, 1, 2)
        self.set_running(False)

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

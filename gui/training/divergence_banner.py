"""The warning shown when a run diverges (a non-finite loss or gradient)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from core.training import TrainingConfig
from gui import theme as theme_mod


def likely_cause(config: TrainingConfig) -> str:
    """'init' when the weights start too large, 'lr' when the step is, or 'both'."""
    big_init = config.init == "normal" and config.init_std >= 1.0
    big_lr = config.lr >= 1.0
    if big_init and big_lr:
        return "both"
    return "init" if big_init else "lr"


class DivergenceBanner(QFrame):
    """A visible warning frame: what happened, when, the likely cause, and a reset button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DivergenceBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reset_button = QPushButton()
        row.addWidget(self.message, 1)
        row.addWidget(self.reset_button)
        self.cause = ""
        self._shown: tuple[int, TrainingConfig, str] | None = None  # re-rendered on retranslate
        self.apply_theme(theme_mod.current())
        self.retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.reset_button.setText(self.tr("Reset the run"))
        self.reset_button.setToolTip(self.tr("Rebuild the network at its initial weights"))
        if self._shown is not None:
            self._render(*self._shown)

    def show_divergence(self, step: int, config: TrainingConfig, run_name: str = "") -> None:
        self._shown = (step, config, run_name)
        self._render(step, config, run_name)
        self.show()

    def _render(self, step: int, config: TrainingConfig, run_name: str) -> None:
        self.cause = likely_cause(config)
        if self.cause == "init":
            why = self.tr(
                "Likely cause: the initial weights are too large (normal init σ = {s:g}). "
                "Try a smaller σ or a scaled init (Xavier, He)."
            ).format(s=config.init_std)
        elif self.cause == "both":
            why = self.tr(
                "Likely causes: the learning rate is too large (lr = {lr:g}) and the initial "
                "weights are too large (normal init σ = {s:g})."
            ).format(lr=config.lr, s=config.init_std)
        else:
            why = self.tr(
                "Likely cause: the learning rate is too large (lr = {lr:g}). Try a smaller one."
            ).format(lr=config.lr)
        who = self.tr("{name}: ").format(name=run_name) if run_name else ""
        head = self.tr(
            "⚠ {who}Training diverged at step {step}: the loss or a gradient "
            "became non-finite (inf/NaN). The run is paused."
        ).format(who=who, step=step)
        self.message.setText(f"{head}\n{why}")

    def apply_theme(self, th: theme_mod.Theme) -> None:
        fg = "#3a2600" if not th.dark else "#ffe2b0"
        bg = "#FFE8B0" if not th.dark else "#5a3a00"
        self.setStyleSheet(
            f"#DivergenceBanner {{ background: {bg}; border: 2px solid {th.colour(5)};"
            f" border-radius: 4px; }} #DivergenceBanner QLabel {{ color: {fg};"
            f" font-size: {th.base_point_size * 1.1:.0f}pt; }}"
        )

"""The warning shown when a run diverges (a non-finite loss or gradient)."""

from __future__ import annotations

from collections.abc import Sequence

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
        # (step, config, run name) of each diverged run: re-rendered on retranslate
        self._shown: tuple[tuple[int, TrainingConfig, str], ...] | None = None
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
            self._render(self._shown)

    def show_divergence(self, step: int, config: TrainingConfig, run_name: str = "") -> None:
        self.show_runs([(step, config, run_name)])

    def show_runs(self, runs: Sequence[tuple[int, TrainingConfig, str]]) -> None:
        """Every diverged run as (step, config, name); the name is "" for a single run."""
        if not runs:
            return
        self._shown = tuple(runs)
        self._render(self._shown)
        self.show()

    def _why(self, config: TrainingConfig) -> str:
        cause = likely_cause(config)
        if cause == "init":
            return self.tr(
                "Likely cause: the initial weights are too large (normal init σ = {s:g}). "
                "Try a smaller σ or a scaled init (Xavier, He)."
            ).format(s=config.init_std)
        if cause == "both":
            return self.tr(
                "Likely causes: the learning rate is too large (lr = {lr:g}) and the initial "
                "weights are too large (normal init σ = {s:g})."
            ).format(lr=config.lr, s=config.init_std)
        return self.tr(
            "Likely cause: the learning rate is too large (lr = {lr:g}). Try a smaller one."
        ).format(lr=config.lr)

    def _render(self, runs: Sequence[tuple[int, TrainingConfig, str]]) -> None:
        self.cause = likely_cause(runs[0][1])
        # One line per step at which runs diverged, naming them; then the likely cause,
        # once if the runs share it, else per run.
        names_at: dict[int, list[str]] = {}
        for step, _config, name in runs:
            names_at.setdefault(step, []).append(name)
        lines = []
        for step, names in names_at.items():
            named = [n for n in names if n]
            if len(named) > 1:
                who = self.tr("{first} and {second}: ").format(first=named[0], second=named[-1])
            else:
                who = self.tr("{name}: ").format(name=named[0]) if named else ""
            lines.append(
                self.tr(
                    "⚠ {who}Training diverged at step {step}: the loss or a gradient "
                    "became non-finite (inf/NaN). The run is paused."
                ).format(who=who, step=step)
            )
        whys = [(name, self._why(config)) for _step, config, name in runs]
        if len({why for _name, why in whys}) == 1:
            lines.append(whys[0][1])
        else:
            lines += [self.tr("{name}: ").format(name=name) + why for name, why in whys]
        self.message.setText("\n".join(lines))

    def apply_theme(self, th: theme_mod.Theme) -> None:
        fg = "#3a2600" if not th.dark else "#ffe2b0"
        bg = "#FFE8B0" if not th.dark else "#5a3a00"
        self.setStyleSheet(
            f"#DivergenceBanner {{ background: {bg}; border: 2px solid {th.colour(5)};"
            f" border-radius: 4px; }} #DivergenceBanner QLabel {{ color: {fg};"
            f" font-size: {th.base_point_size * 1.1:.0f}pt; }}"
        )

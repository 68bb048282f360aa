"""What several GUI test files share: a tiny training config and a layout settler."""

from __future__ import annotations

from core.training import TrainingConfig

# Trains and records in milliseconds: the Training lab tests' default network.
SMALL = TrainingConfig(depth=3, width=8, n_samples=128, batch=32, activation="tanh")


def settle(qtbot, window, ms: int = 200) -> None:
    """Let deferred layout work (font changes, splitter shares, refits) run."""
    qtbot.wait(ms)
    window.resize(window.width(), window.height())
    qtbot.wait(ms)

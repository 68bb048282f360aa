"""Helpers for the tests that measure layouts on a projector-sized window."""

from __future__ import annotations


def settle(qtbot, window, ms: int = 200) -> None:
    """Let deferred layout work (font changes, splitter shares, refits) run."""
    qtbot.wait(ms)
    window.resize(window.width(), window.height())
    qtbot.wait(ms)

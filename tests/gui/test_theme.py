"""Theme changes reach live views and never a deleted one."""

from __future__ import annotations

import warnings

import shiboken6
from PySide6.QtWidgets import QWidget

from gui import theme


class _Restyled(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[theme.Theme] = []

    def apply_theme(self, th: theme.Theme) -> None:
        self.font()  # touches the C++ object: raises if it was deleted
        self.seen.append(th)


def test_listeners_hear_each_change_until_removed(qtbot):
    w = _Restyled()
    qtbot.addWidget(w)
    remove = theme.on_theme_changed(w.apply_theme)
    try:
        theme.set_theme(dark=True)
        assert [t.dark for t in w.seen] == [True]
    finally:
        remove()
        theme.set_theme(dark=False)
    assert len(w.seen) == 1


def test_a_deleted_view_is_not_called_and_removing_it_later_is_quiet():
    w = _Restyled()
    remove = theme.on_theme_changed(w.apply_theme)
    shiboken6.delete(w)
    try:
        theme.set_theme(presenter=True)  # would raise "Internal C++ object already deleted"
    finally:
        theme.set_theme(presenter=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        remove()

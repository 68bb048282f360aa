"""Spin boxes that clamp an out-of-range typed number and say so, instead of silently
dropping the keystroke (999 typed into a 1–50 field used to give 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.widgets.range_spin_box import REFUSAL_MS, RangeIntSpinBox, RangeSpinBox


def _type(box, text: str) -> None:
    edit = box.lineEdit()
    box.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def _shown(qtbot, box, lo, hi):
    box.setRange(lo, hi)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


@pytest.fixture
def depth(qtbot):
    box = _shown(qtbot, RangeIntSpinBox(), 1, 50)
    box.setValue(3)
    return box


def test_a_number_above_the_range_is_clamped_and_said(depth, qtbot):
    values: list[int] = []
    refused: list[float] = []
    depth.valueChanged.connect(values.append)
    depth.refused.connect(refused.append)
    _type(depth, "999")
    assert depth.value() == 50
    assert values == [50]  # once, on Enter: not 9, 99, …
    assert refused == [999.0]
    assert "D55E00" in depth.styleSheet()  # the red border …
    assert depth.refusal_text(999.0) == "999 is outside 1 to 50: set to 50"
    qtbot.waitUntil(lambda: depth.styleSheet() == "", timeout=REFUSAL_MS + 2000)  # … a moment


def test_in_range_below_range_and_garbage(depth):
    refused: list[float] = []
    depth.refused.connect(refused.append)
    _type(depth, "7")
    assert depth.value() == 7
    assert refused == []
    _type(depth, "-5")
    assert depth.value() == 1
    assert refused == [-5.0]
    _type(depth, "abc")  # letters are not even typed
    assert depth.value() == 1
    assert depth.lineEdit().text() == "1"


def test_special_value_text_still_works(qtbot):
    box = _shown(qtbot, RangeIntSpinBox(), 0, 1_000_000)
    box.setSpecialValueText("never")
    assert box.text() == "never"
    _type(box, "200")
    assert box.value() == 200
    _type(box, "5000000")
    assert box.value() == 1_000_000
    box.stepBy(-1_000_000)
    assert box.value() == 0
    assert box.text() == "never"


def test_the_double_box_refuses_too_and_can_leave_the_saying_to_its_owner(qtbot):
    box = _shown(qtbot, RangeSpinBox(), 0.1, 50.0)
    box.setDecimals(1)
    refused: list[float] = []
    box.refused.connect(refused.append)
    _type(box, "75")
    assert box.value() == 50.0
    assert refused == [75.0]
    assert "QDoubleSpinBox" in box.styleSheet()
    box.setStyleSheet("")
    box.feedback = False  # as LabeledSlider's field: its owner shows the refusal
    _type(box, "0")
    assert box.value() == pytest.approx(0.1)
    assert refused == [75.0, 0.0]
    assert box.styleSheet() == ""


def test_training_depth_typed_too_big_builds_the_deepest_net(training_tab, qtbot):
    panel = training_tab.view.config_panel
    c = training_tab.controller
    _type(panel.depth_spin, "999")
    assert panel.depth_spin.value() == 50
    qtbot.waitUntil(lambda: c.configs and c.configs[0].depth == 50, timeout=10_000)


def test_the_refusal_tooltip_survives_tab_moving_the_focus_on(qtbot):
    from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

    form = QWidget()
    layout = QVBoxLayout(form)
    box = RangeIntSpinBox()
    box.setRange(1, 50)
    other = RangeIntSpinBox()
    layout.addWidget(box)
    layout.addWidget(other)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()  # Tab moves the focus only in the active window
    qtbot.waitUntil(form.isActiveWindow)
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "999")
    QTest.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert QToolTip.text() == "999 is outside 1 to 50: set to 50"
    assert box.value() == 50

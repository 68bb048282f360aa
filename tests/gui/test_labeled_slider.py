"""LabeledSlider: one value shared by a slider and a typed field, refusals made visible."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.widgets.labeled_slider import LabeledSlider


def _type(slider: LabeledSlider, text: str) -> None:
    edit = slider.spin_box.lineEdit()
    slider.spin_box.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


@pytest.fixture
def slider(qtbot):
    w = LabeledSlider(0.0, 5.0, 1.0, step=0.01, label="alpha")
    qtbot.addWidget(w)
    w.show()
    return w


def test_dragging_emits_the_mapped_value_and_updates_the_field(slider, qtbot):
    with qtbot.waitSignal(slider.valueChanged) as blocker:
        slider.slider.setValue(250)
    assert blocker.args == [2.5]
    assert slider.value() == 2.5
    assert slider.spin_box.value() == 2.5


def test_typed_value_moves_the_slider_and_emits_once(slider, qtbot):
    got: list[float] = []
    slider.valueChanged.connect(got.append)
    _type(slider, "3.25")
    assert got == [3.25]
    assert slider.slider.value() == 325


def test_typed_value_outside_the_range_is_clamped_and_flagged(slider, qtbot):
    refused: list[float] = []
    slider.valueRefused.connect(refused.append)
    _type(slider, "7")
    assert slider.value() == 5.0
    assert slider.spin_box.lineEdit().text() == "5.000"
    assert refused == [7.0]
    assert slider.is_showing_refusal()
    assert "[0, 5]" in slider.spin_box.toolTip()
    _type(slider, "-3")
    assert slider.value() == 0.0
    _type(slider, "abc")  # garbage: no crash, value kept
    assert slider.value() == 0.0


def test_set_value_clamps_and_does_not_emit_twice(slider):
    got: list[float] = []
    slider.valueChanged.connect(got.append)
    slider.setValue(99.0)
    assert got == [5.0]
    slider.setValue(5.0)
    assert got == [5.0]


def test_set_range_clamps_the_current_value(slider):
    slider.setValue(4.0)
    slider.setRange(0.0, 2.0)
    assert slider.value() == 2.0
    assert slider.spin_box.maximum() == 2.0


def test_log_scale_maps_ticks_logarithmically(qtbot):
    w = LabeledSlider(0.1, 10.0, 1.0, log_scale=True)
    qtbot.addWidget(w)
    assert w.isLogScale()
    assert w.slider.value() == w.slider.maximum() // 2  # 1 is the geometric middle
    w.slider.setValue(w.slider.maximum())
    assert w.value() == 10.0
    w.slider.setValue(0)
    assert w.value() == pytest.approx(0.1)

"""The wheel over a field in a scrolling form scrolls the form until the field has focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gui.widgets.fit import FitComboBox
from gui.widgets.labeled_slider import LabeledSlider
from gui.widgets.range_spin_box import RangeIntSpinBox


def _wheel(widget: QWidget, notches: int = -1) -> QWheelEvent:
    """One wheel turn over ``widget``'s centre (negative: towards the user, i.e. down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def _fields() -> tuple[QWidget, FitComboBox, RangeIntSpinBox, LabeledSlider]:
    form = QWidget()
    layout = QVBoxLayout(form)
    layout.addWidget(QPushButton("elsewhere"))
    combo = FitComboBox()
    combo.addItems(["first", "second", "third"])
    spin = RangeIntSpinBox()
    spin.setRange(1, 50)
    spin.setValue(10)
    slider = LabeledSlider(0.0, 1.0, 0.5, step=0.01, decimals=2)
    for w in (combo, spin, slider):
        layout.addWidget(w)
    layout.addSpacing(2000)  # taller than the area: it must scroll
    return form, combo, spin, slider


def _in_area(qtbot, form: QWidget, height: int) -> QScrollArea:
    """``form`` in a shown scroll area ``height`` px high, focus on its button."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(form)
    area.resize(300, height)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    # Showing the window focuses its first field: as if the user then clicked a button.
    button = form.findChild(QPushButton)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    return area


@pytest.fixture
def scrolled(qtbot):
    form, combo, spin, slider = _fields()
    return _in_area(qtbot, form, 200), combo, spin, slider


def _values(combo, spin, slider):
    return combo.currentIndex(), spin.value(), slider.value()


def test_wheel_over_unfocused_fields_scrolls_the_area_and_changes_nothing(scrolled):
    area, combo, spin, slider = scrolled
    before = _values(combo, spin, slider)
    bar = area.verticalScrollBar()
    assert bar.value() == 0
    assert bar.maximum() > 0
    for target in (combo, spin, slider.slider, slider.spin_box):
        start = bar.value()
        event = _wheel(target)
        assert event.isAccepted()
        assert bar.value() > start, target
        assert not target.hasFocus()  # the wheel does not give focus either
    assert _values(combo, spin, slider) == before
    for _ in range(4):  # and back up
        _wheel(combo, notches=+1)
    assert bar.value() == 0


def test_a_field_with_focus_takes_the_wheel(scrolled, qtbot):
    area, combo, spin, slider = scrolled
    area.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() == 1
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin, notches=+1)
    assert spin.value() == 11
    slider.slider.setFocus()
    qtbot.waitUntil(slider.slider.hasFocus)
    _wheel(slider.slider, notches=+1)
    assert slider.value() > 0.5
    assert area.verticalScrollBar().value() == 0


def _one_notch_each_changes_each(combo, spin, slider) -> None:
    _wheel(combo)
    _wheel(spin, notches=+1)
    _wheel(slider.slider, notches=+1)
    assert combo.currentIndex() == 1
    assert spin.value() == 11
    assert slider.value() > 0.5


def test_in_a_scroll_area_with_nothing_to_scroll_the_wheel_adjusts_the_field(qtbot):
    form, combo, spin, slider = _fields()
    form.layout().takeAt(form.layout().count() - 1)  # no spacer: everything fits
    area = _in_area(qtbot, form, 600)
    assert area.verticalScrollBar().maximum() == 0
    _one_notch_each_changes_each(combo, spin, slider)


def test_outside_a_scroll_area_the_wheel_works_as_usual(qtbot):
    form, combo, spin, slider = _fields()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    _one_notch_each_changes_each(combo, spin, slider)


def test_the_training_settings_scroll_under_the_wheel(training_tab, qtbot):
    """The bug this fixes: the wheel over the settings changed the loss and reset the run."""
    view = training_tab.view
    panel = view.config_panel
    training_tab.resize(1100, 450)
    bar = view.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    loss = panel.loss_combo.currentIndex()
    config = training_tab.controller.config
    _wheel(panel.loss_combo)
    assert panel.loss_combo.currentIndex() == loss
    assert training_tab.controller.config == config
    assert bar.value() > 0

"""The mouse wheel over a form that scrolls: it scrolls the form, not the field under it.

Qt's combo boxes, spin boxes and sliders take the wheel whenever the pointer is over
them. In a panel that scrolls (the training lab's settings, the explorer's side columns)
a teacher turning the wheel to reach the lower settings changed whichever one passed
under the pointer, the loss or the learning rate, and with it reset the run. Here a field
inside a scroll area that can scroll takes the wheel only once it has keyboard focus (a
click or Tab); until then the wheel scrolls the area, as in a web page's form. Where
nothing scrolls (outside a scroll area, or everything fits in it) the wheel adjusts the
field under the pointer as usual. The wheel itself never gives a field focus.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QScrollArea, QWidget


def scroll_area_around(widget: QWidget) -> QScrollArea | None:
    """The nearest scroll area that ``widget`` sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def setup_wheel_field(widget: QWidget) -> None:
    """Make a wheel turned over ``widget`` leave its focus alone (click or Tab give it)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def wheel_scrolls_area(widget: QWidget, event: QWheelEvent) -> bool:
    """Call first thing in a field's ``wheelEvent``: if the field lacks focus and sits in a
    scroll area that can scroll, the area's scroll bar gets ``event`` and True is returned
    (the field must then leave its value alone); else False and the field handles the
    wheel itself."""
    if widget.hasFocus():
        return False
    area = scroll_area_around(widget)
    if area is None:
        return False
    # What QAbstractScrollArea does with a wheel over its viewport: the scroll bar of the
    # wheel's main direction takes it. Accepted either way, so that it goes no further
    # (at the end of the form, wheeling on changes nothing).
    horizontal = abs(event.angleDelta().x()) > abs(event.angleDelta().y())
    bar = area.horizontalScrollBar() if horizontal else area.verticalScrollBar()
    if bar.maximum() <= bar.minimum():
        return False  # nothing to scroll: the wheel is for the field
    QCoreApplication.sendEvent(bar, event)
    event.accept()
    return True

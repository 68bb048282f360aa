"""Widgets that give way gracefully when presenter fonts meet a small window.

``FitComboBox`` measures itself from its current font every time (QComboBox caches its
minimum size from the font it first had, so after a presenter-mode font change it kept the
old, too small minimum and its text was clipped) and, when asked to, may become narrower
than its longest item: the shown text is then elided with "…", never cut mid-glyph, and the
open list is as wide as the longest item.

``FlowLayout`` puts widgets side by side and starts a new line when the next one does not
fit (Qt's flow layout example), so a row of options wraps instead of widening the window;
the items of a line are centred on it.

``CheckBoxLabel`` is a check box's text as a label that word-wraps.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLayoutItem,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from gui.widgets.wheel import setup_wheel_field, wheel_scrolls_area


class FitComboBox(QComboBox):
    """A combo box sized from its current font; ``min_chars`` lets it elide its text.

    ``min_chars=None``: the minimum width fits the longest item (never elided).
    ``min_chars=n``: it may shrink to about ``n`` characters; the text is elided then.
    """

    def __init__(self, parent: QWidget | None = None, *, min_chars: int | None = None) -> None:
        super().__init__(parent)
        self._min_chars = min_chars
        # Qt re-asks the layout on every item change with this policy.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        setup_wheel_field(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if not wheel_scrolls_area(self, event):
            super().wheelEvent(event)

    def _hint_for(self, text_width: int) -> QSize:
        """The combo's size around ``text_width`` pixels of text (as QComboBox computes it)."""
        fm = self.fontMetrics()
        size = QSize(max(text_width, 1), max(math.ceil(fm.height()), 14) + 2)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, size, self)

    def longest_text_width(self) -> int:
        fm = self.fontMetrics()
        # The larger of the two measures: elidedText() goes by the advance, and with font
        # fallback (Chinese) the bounding box Qt sizes combos by can be narrower.
        widths = [
            max(fm.boundingRect(t).width(), fm.horizontalAdvance(t)) + 2
            for t in (self.itemText(i) for i in range(self.count()))
        ]
        return max(widths, default=7 * fm.horizontalAdvance("x"))

    def sizeHint(self) -> QSize:  # Qt override
        return self._hint_for(self.longest_text_width())

    def minimumSizeHint(self) -> QSize:  # Qt override
        longest = self.longest_text_width()
        if self._min_chars is None:
            return self._hint_for(longest)
        few = self._min_chars * self.fontMetrics().horizontalAdvance("0")
        return self._hint_for(min(longest, few))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()

    def showPopup(self) -> None:  # Qt override
        # The list shows every item in full, however narrow the closed combo is.
        view = self.view()
        view.setMinimumWidth(
            self.longest_text_width() + 4 * self.fontMetrics().horizontalAdvance("0")
        )
        super().showPopup()

    def is_elided(self) -> bool:
        return self._shown_text() != self.currentText()

    def _edit_rect(self, opt: QStyleOptionComboBox) -> QRect:
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )

    def _shown_text(self) -> str:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        width = self._edit_rect(opt).width() - 2  # the style draws the label 1 px inset
        return self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event) -> None:  # Qt override: QComboBox's own, with elided text
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        if not self.isEditable():
            width = self._edit_rect(opt).width() - 2
            opt.currentText = self.fontMetrics().elidedText(
                opt.currentText, Qt.TextElideMode.ElideRight, width
            )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


class CheckBoxLabel(QLabel):
    """A check box's text as a word-wrapping label: clicking it clicks the box."""

    def __init__(self, box: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.click()
        super().mouseReleaseEvent(event)


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, wrapping onto new lines as needed.

    An item wider than a whole line gets the line's width (down to its minimum).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # Qt override
        self._items.append(item)

    def count(self) -> int:  # Qt override
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # Qt override: everything on one line
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # Qt override: the widest single item, one per line
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def line_count(self, width: int) -> int:
        """How many lines the items take at ``width`` (for tests)."""
        return self._arrange(QRect(0, 0, width, 0), apply=False, count_lines=True)

    def _arrange(self, rect: QRect, *, apply: bool, count_lines: bool = False) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        x, y, line_height = area.x(), area.y(), 0
        lines: list[list[tuple[QLayoutItem, int, int, QSize]]] = []  # (item, x, width, hint)
        tops: list[int] = []
        heights: list[int] = []
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = max(min(hint.width(), area.width()), item.minimumSize().width())
            if lines and x > area.x() and x + width > area.right() + 1:
                heights.append(line_height)
                x = area.x()
                y += line_height + self._gap
                line_height = 0
            if x == area.x():
                lines.append([])
                tops.append(y)
            lines[-1].append((item, x, width, hint))
            x += width + self._gap
            line_height = max(line_height, hint.height())
        heights.append(line_height)
        if apply:  # items of one line are centred on it (a check box beside a spin box)
            for line, top, height in zip(lines, tops, heights, strict=False):
                for item, left, width, hint in line:
                    offset = (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top + offset), QSize(width, hint.height())))
        if count_lines:
            return len(lines)
        return y + line_height - rect.y() + m.bottom()

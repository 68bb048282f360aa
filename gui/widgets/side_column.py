"""A column of controls beside a plot that scrolls vertically and never sideways.

Its minimum width is its contents' minimum width (nothing is ever cut at the right edge),
its minimum height a few lines (the rest scrolls), and its preferred width the contents'
own, at most ``max_ems`` widths of "M" in the current font and ``max_share`` of its
parent's width: the plot beside it gets the rest. Every size follows the font or the
window, so presenter mode needs no pixel numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

MIN_LINES = 4  # the column's minimum height, in text lines: the rest scrolls


class SideColumn(QScrollArea):
    """``content`` in a vertical scroll area sized from its fonts (see the module doc)."""

    def __init__(
        self,
        content: QWidget,
        *,
        min_ems: float = 0.0,
        max_ems: float | None = None,
        max_share: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.min_ems = min_ems
        self.max_ems = max_ems
        self.max_share = max_share
        self._watched_parent: QWidget | None = None
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        content.installEventFilter(self)

    def _em(self) -> int:
        return self.fontMetrics().horizontalAdvance("M")

    def _chrome(self) -> int:
        """Width besides the contents': the scroll bar (counted always, so it coming and
        going never changes the layout) and the frame."""
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth() + 2

    def minimumSizeHint(self) -> QSize:  # Qt override
        content = self.widget().minimumSizeHint()
        width = max(content.width() + self._chrome(), round(self.min_ems * self._em()))
        height = min(content.height(), MIN_LINES * self.fontMetrics().lineSpacing())
        return QSize(width, max(height, 0))

    def sizeHint(self) -> QSize:  # Qt override
        content = self.widget().sizeHint()
        width = content.width() + self._chrome()
        if self.max_ems is not None:
            width = min(width, round(self.max_ems * self._em()))
        parent = self.parentWidget()
        if self.max_share is not None and parent is not None and parent.width() > 0:
            width = min(width, round(self.max_share * parent.width()))
        return QSize(max(width, self.minimumSizeHint().width()), content.height())

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
        elif kind == QEvent.Type.ParentChange and self.max_share is not None:
            if self._watched_parent is not None:
                self._watched_parent.removeEventFilter(self)
            self._watched_parent = self.parentWidget()
            if self._watched_parent is not None:
                self._watched_parent.installEventFilter(self)
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if watched is self.widget() and kind == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the contents' minimum width may have changed
        elif watched is self._watched_parent and kind == QEvent.Type.Resize:
            self.updateGeometry()  # the share of a new width
        return super().eventFilter(watched, event)

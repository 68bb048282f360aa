"""Teaching facts for the shown functions: one card each, with the typeset formula.

A card's parts (title and formula, the seven facts, the note) are laid out in a grid that
wraps with the width it gets: side by side when there is room, the note under the rest,
then everything stacked with the facts in one column. Its fonts come from the theme, so
presenter mode enlarges captions, values, note and formula with everything else. Cards
stand side by side when the panel is wide enough for two in full.

The card frame and its colour bar are painted, not a style sheet: a style sheet re-polishes
the card (~1.5 ms per colour change) and keeps its labels from inheriting the theme's font.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui import theme as theme_mod
from gui.explorer.formula_view import FormulaView

QWIDGETSIZE_MAX = (1 << 24) - 1
FACT_SCALE = 0.9  # captions, values and note, relative to the theme's base point size
TITLE_SCALE = 1.0  # the card's title (bold)
FORMULA_SCALE = 1.3
TITLE_EMS = 18  # a title longer than this many "M" widths wraps
NOTE_EMS = 24  # the note beside the facts needs at least this many "M" widths
MIN_EMS = 12  # the narrowest a card gets, in "M" widths

# The arrangements, widest first: (note beside the facts, head beside the facts, pairs per row)
WIDE, NOTE_BELOW, STACKED, SINGLE = "wide", "note_below", "stacked", "single"


class FactsCard(QFrame):
    """Facts about one activation at its current parameters."""

    FIELDS = ("range", "zero_centred", "monotonic", "smooth", "max_d", "d0", "cost")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor("#999999")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.formula = FormulaView()
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in self.FIELDS:
            cap = QLabel()
            cap.setEnabled(False)  # the palette's muted text colour
            val = QLabel()
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.captions[key] = cap
            self.values[key] = val
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.head = QWidget()
        head = QVBoxLayout(self.head)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.formula)
        head.addStretch(1)
        self.head.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.grid = QGridLayout(self)
        self.grid.setVerticalSpacing(2)
        self.mode = ""
        self._fit_to_font()
        self.arrange(self.width())
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.FontChange:
            self._fit_to_font()
        super().changeEvent(event)

    def retranslate(self) -> None:
        captions = {
            "range": self.tr("Range"),
            "zero_centred": self.tr("Zero-centred"),
            "monotonic": self.tr("Monotonic"),
            "smooth": self.tr("Smooth"),
            "max_d": self.tr("max |f′|"),
            "d0": self.tr("f′(0)"),
            "cost": self.tr("Cost vs ReLU"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)

    def set_colour(self, colour: str) -> None:
        if self._colour.name() != QColor(colour).name():
            self._colour = QColor(colour)
            self.update()

    def apply_theme(self, t: theme_mod.Theme) -> None:
        """Every text of the card in the theme's sizes (labels inherit the card's font)."""
        font = QFont(self.font())
        font.setPointSizeF(t.base_point_size * FACT_SCALE)
        self.setFont(font)
        title = QFont(font)
        title.setPointSizeF(t.base_point_size * TITLE_SCALE)
        title.setBold(True)
        self.title.setFont(title)
        self.formula.set_style(t.foreground, t.base_point_size * FORMULA_SCALE)
        self._fit_to_font()
        self.arrange(self.width())

    # -- the frame ------------------------------------------------------------------------
    def _bar_width(self) -> int:
        return max(5, round(QFontMetrics(self.font()).horizontalAdvance("M") * 0.45))

    def _fit_to_font(self) -> None:
        em = QFontMetrics(self.font()).horizontalAdvance("M")
        pad = max(6, round(em * 0.6))
        self.grid.setContentsMargins(self._bar_width() + pad, pad // 2 + 2, pad, pad // 2 + 2)
        self.grid.setHorizontalSpacing(max(8, em))

    def paintEvent(self, event) -> None:  # Qt override: border and the function's colour
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1.0))
        p.drawRect(r)
        p.fillRect(QRectF(0, 0, self._bar_width(), self.height()), self._colour)
        p.end()

    # -- wrapping -------------------------------------------------------------------------
    def _em(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance("M")

    def _pairs_width(self, per_row: int) -> int:
        """The facts' width with ``per_row`` caption/value pairs side by side."""
        gap = self.grid.horizontalSpacing()
        caps = [self.captions[k].sizeHint().width() for k in self.FIELDS]
        vals = [self.values[k].sizeHint().width() for k in self.FIELDS]
        rows = -(-len(self.FIELDS) // per_row)
        width = 0
        for col in range(per_row):
            keys = range(col * rows, min((col + 1) * rows, len(self.FIELDS)))
            width += max(caps[i] for i in keys) + gap + max(vals[i] for i in keys)
        return width + gap * (per_row - 1)

    def _head_width(self) -> int:
        fm = QFontMetrics(self.title.font())
        title = min(fm.horizontalAdvance(self.title.text()) + 2, TITLE_EMS * self._em())
        return max(title, self.formula.sizeHint().width())

    def _inner(self, width: int) -> int:
        m = self.grid.contentsMargins()
        return width - m.left() - m.right()

    def needed_width(self, mode: str) -> int:
        """The card's width for ``mode`` (WIDE, NOTE_BELOW, STACKED, SINGLE)."""
        m = self.grid.contentsMargins()
        gap = self.grid.horizontalSpacing()
        head, pairs = self._head_width(), self._pairs_width(2)
        inner = {
            WIDE: head + gap + pairs + gap + NOTE_EMS * self._em(),
            NOTE_BELOW: head + gap + pairs,
            STACKED: max(pairs, self.formula.minimumSizeHint().width()),
            SINGLE: max(
                self._pairs_width(1), self.formula.minimumSizeHint().width(), MIN_EMS * self._em()
            ),
        }[mode]
        return inner + m.left() + m.right()

    def minimumSizeHint(self):  # Qt override: the narrowest arrangement, whatever is shown
        hint = super().minimumSizeHint()
        hint.setWidth(self.needed_width(SINGLE))
        return hint

    def mode_for(self, width: int) -> str:
        for mode in (WIDE, NOTE_BELOW, STACKED):
            if width >= self.needed_width(mode):
                return mode
        return SINGLE

    def arrange(self, width: int) -> None:
        """Lay the parts out for ``width`` (only when the arrangement changes)."""
        mode = self.mode_for(width)
        beside = mode in (WIDE, NOTE_BELOW)  # the head is a column of its own: keep it narrow
        self.head.setMaximumWidth(self._head_width() if beside else QWIDGETSIZE_MAX)
        if mode == self.mode:
            return
        self.mode = mode
        g = self.grid
        for w in (self.head, self.note, *self.captions.values(), *self.values.values()):
            g.removeWidget(w)
        for col in range(6):
            g.setColumnStretch(col, 0)
        per_row = 1 if mode == SINGLE else 2
        rows = -(-len(self.FIELDS) // per_row)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if mode in (WIDE, NOTE_BELOW):
            g.addWidget(self.head, 0, 0, rows, 1)
            first_row, first_col = 0, 1
        else:
            g.addWidget(self.head, 0, 0, 1, 2 * per_row)
            first_row, first_col = 1, 0
        for i, key in enumerate(self.FIELDS):
            row, col = first_row + i % rows, first_col + 2 * (i // rows)
            g.addWidget(self.captions[key], row, col, top)
            g.addWidget(self.values[key], row, col + 1, top)
        last = first_col + 2 * per_row - 1  # the last value column
        if mode == WIDE:
            g.addWidget(self.note, 0, last + 1, rows, 1)
            g.setColumnStretch(last + 1, 1)
        else:
            g.addWidget(self.note, first_row + rows, 0, 1, last + 1)
            g.setColumnStretch(last, 1)

    def resizeEvent(self, event) -> None:  # Qt override
        self.arrange(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.LayoutRequest:  # new texts: maybe another arrangement
            self.arrange(self.width())
        return super().event(event)


class FactsPanel(QWidget):
    """A scrollable grid of cards, one per shown activation, and a cost button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure_button = QPushButton()
        self.cost_status = QLabel()  # the controller's
        self.cost_status.setEnabled(False)
        self.empty = QLabel()
        self.cards: dict[str, FactsCard] = {}
        self._order: list[str] = []
        self._columns = 1
        self._theme = theme_mod.current()
        self._grid = QGridLayout()
        self._grid.setSpacing(6)
        self._column = QVBoxLayout()
        self._column.addWidget(self.empty)
        self._column.addLayout(self._grid)
        self._column.addStretch(1)
        inner = QWidget()
        inner.setLayout(self._column)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.installEventFilter(self)
        inner.installEventFilter(self)
        top = QHBoxLayout()
        top.addWidget(self.measure_button)
        top.addWidget(self.cost_status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The button and the hint (the cost status is rendered by the controller)."""
        self.measure_button.setText(self.tr("Measure cost"))
        self.measure_button.setToolTip(
            self.tr(
                "Time the numpy formula and the torch module on 10⁵ points, relative to ReLU "
                "(timed alternately with it). Runs one function at a time so the window stays "
                "responsive."
            )
        )
        self.empty.setText(self.tr("Check a function in the list to see its facts."))

    def card(self, activation_id: str) -> FactsCard:
        c = self.cards.get(activation_id)
        if c is None:
            c = FactsCard()
            c.setObjectName(f"facts_{activation_id}")
            self._grid.addWidget(c, len(self.cards), 0)  # parented now, shown by set_order
            c.hide()
            c.apply_theme(self._theme)
            self.cards[activation_id] = c
            self._fit_width()
        return c

    def set_order(self, ids: list[str]) -> None:
        """Show the cards of ``ids`` in this order, hide the rest."""
        self._order = [aid for aid in ids if aid in self.cards]
        self._place_cards()
        for aid, c in self.cards.items():
            c.setVisible(aid in self._order)
        self.empty.setVisible(not ids)
        self._update_columns()

    def _place_cards(self) -> None:
        for c in self.cards.values():
            self._grid.removeWidget(c)
        for i, aid in enumerate(self._order):
            self._grid.addWidget(self.cards[aid], i // self._columns, i % self._columns)
        for col in range(4):
            self._grid.setColumnStretch(col, 1 if col < self._columns else 0)

    def _available_width(self) -> int:
        """The cards' width in one column: the scroll area less a scroll bar (always, so a
        scroll bar coming and going does not re-arrange them)."""
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        m = self._column.contentsMargins()
        return self.scroll.width() - bar - m.left() - m.right()

    def _update_columns(self) -> None:
        """Two (or more) cards side by side when each would still have its widest layout."""
        shown = [self.cards[aid] for aid in self._order]
        if not shown:
            return
        wide = max(c.needed_width(WIDE) for c in shown)
        gap = self._grid.horizontalSpacing()
        columns = max(1, min(len(shown), 4, (self._available_width() + gap) // (wide + gap)))
        if columns != self._columns:
            self._columns = columns
            self._place_cards()

    def _fit_width(self) -> None:
        """The column is never narrower than the narrowest card layout (nothing is cut)."""
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        m = self._column.contentsMargins()
        widest = max((c.minimumSizeHint().width() for c in self.cards.values()), default=0)
        self.scroll.setMinimumWidth(widest + bar + m.left() + m.right())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if watched is self.scroll and kind == QEvent.Type.Resize:
            self._update_columns()
        elif watched is self.scroll.widget() and kind == QEvent.Type.LayoutRequest:
            self._fit_width()  # new texts may make a card's narrowest layout wider
        return super().eventFilter(watched, event)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self._theme = t
        for c in self.cards.values():
            c.apply_theme(t)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(t.background))
        self.scroll.widget().setPalette(pal)
        self._fit_width()
        self._update_columns()

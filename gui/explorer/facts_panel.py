"""Teaching facts for the shown functions: one card each, with the typeset formula."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui import theme as theme_mod
from gui.explorer.formula_view import FormulaView


class FactsCard(QFrame):
    """Facts about one activation at its current parameters."""

    FIELDS = ("range", "zero_centred", "monotonic", "smooth", "max_d", "d0", "cost")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(120)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.formula = FormulaView()
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        captions = {
            "range": self.tr("Range"),
            "zero_centred": self.tr("Zero-centred"),
            "monotonic": self.tr("Monotonic"),
            "smooth": self.tr("Smooth"),
            "max_d": self.tr("max |f′|"),
            "d0": self.tr("f′(0)"),
            "cost": self.tr("Cost vs ReLU"),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        rows = (len(self.FIELDS) + 1) // 2
        for i, key in enumerate(self.FIELDS):
            cap = QLabel(captions[key])
            cap.setEnabled(False)  # the palette's muted text colour
            val = QLabel()
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row, col = i % rows, 2 * (i // rows)
            grid.addWidget(cap, row, col, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(
                val, row, col + 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            )
            self.captions[key] = cap
            self.values[key] = val
        grid.setColumnMinimumWidth(1, 90)
        grid.setColumnMinimumWidth(2, 70)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setMinimumWidth(160)

        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.formula)
        head.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(16)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addWidget(self.note, 1)

    def set_colour(self, colour: str) -> None:
        if getattr(self, "_colour", None) == colour:
            return  # setStyleSheet re-polishes the card: ~1.5 ms
        self._colour = colour
        self.setStyleSheet(
            f"FactsCard {{ border: 1px solid palette(mid); border-left: 5px solid {colour}; }}"
        )


class FactsPanel(QWidget):
    """A scrollable column of cards, one per shown activation, and a cost button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure_button = QPushButton(self.tr("Measure cost"))
        self.measure_button.setToolTip(
            self.tr(
                "Time the numpy formula and the torch module on 10⁶ points, relative to ReLU. "
                "Runs one function at a time so the window stays responsive."
            )
        )
        self.cost_status = QLabel()
        self.cost_status.setEnabled(False)
        self.empty = QLabel(self.tr("Check a function in the list to see its facts."))
        self.cards: dict[str, FactsCard] = {}
        self._column = QVBoxLayout()
        self._column.setSpacing(6)
        self._column.addWidget(self.empty)
        self._column.addStretch(1)
        inner = QWidget()
        inner.setLayout(self._column)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QHBoxLayout()
        top.addWidget(self.measure_button)
        top.addWidget(self.cost_status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

    def card(self, activation_id: str) -> FactsCard:
        c = self.cards.get(activation_id)
        if c is None:
            c = FactsCard()
            c.setObjectName(f"facts_{activation_id}")
            self.cards[activation_id] = c
            self._column.insertWidget(self._column.count() - 1, c)
            c.formula.set_style(
                theme_mod.current().foreground, theme_mod.current().base_point_size * 1.3
            )
        return c

    def set_order(self, ids: list[str]) -> None:
        """Show the cards of ``ids`` in this order, hide the rest."""
        for aid, c in self.cards.items():
            c.setVisible(aid in ids)
        for i, aid in enumerate(ids):
            self._column.removeWidget(self.cards[aid])
            self._column.insertWidget(1 + i, self.cards[aid])
        self.empty.setVisible(not ids)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        for c in self.cards.values():
            c.formula.set_style(t.foreground, t.base_point_size * 1.3)
            font = QFont(c.font())
            font.setPointSizeF(t.base_point_size)
            c.setFont(font)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(t.background))
        self.scroll.widget().setPalette(pal)

"""The list of activations, grouped as the registry groups them, with a filter box.

Checking an entry overlays it on the plots; the current entry is the one whose
parameters the parameter panel shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.activations import ACTIVATIONS, GROUPS, activations_in_group

ID_ROLE = Qt.ItemDataRole.UserRole


def _swatch(colour: str | None, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(colour) if colour else Qt.GlobalColor.transparent)
    return QIcon(pm)


class FunctionList(QWidget):
    """Filter box + tree of groups and checkable activations."""

    checkedChanged = Signal(str, bool)
    currentChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.group_items: dict[str, QTreeWidgetItem] = {}
        for gid, en, _zh in GROUPS:
            g = QTreeWidgetItem([en])
            g.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = g.font(0)
            font.setBold(True)
            g.setFont(0, font)
            self.tree.addTopLevelItem(g)
            self.group_items[gid] = g
            for act in activations_in_group(gid):
                it = QTreeWidgetItem([act.name])
                it.setData(0, ID_ROLE, act.id)
                it.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                it.setCheckState(0, Qt.CheckState.Unchecked)
                it.setIcon(0, _swatch(None))
                g.addChild(it)
                self.items[act.id] = it
            g.setExpanded(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)

        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The filter box (group names are core's: ``set_group_names``)."""
        self.filter_edit.setPlaceholderText(self.tr("Filter functions…"))

    def sizeHint(self) -> QSize:  # Qt override: wide enough for the longest name
        hint = super().sizeHint()
        tree = self.tree
        needed = (
            tree.sizeHintForColumn(0)
            + tree.indentation()
            + 2 * tree.frameWidth()
            + tree.verticalScrollBar().sizeHint().width()
            + 4
        )
        return QSize(max(hint.width(), needed), hint.height())

    # -- queries and state pushed by the controller -------------------------------------
    def checked_ids(self) -> list[str]:
        return [aid for aid, it in self.items.items() if it.checkState(0) == Qt.CheckState.Checked]

    def current_id(self) -> str:
        it = self.tree.currentItem()
        return it.data(0, ID_ROLE) or "" if it is not None else ""

    def set_checked(self, activation_id: str, checked: bool) -> None:
        """Check or uncheck; emits ``checkedChanged`` like a click would."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.items[activation_id].setCheckState(0, state)

    def set_current(self, activation_id: str) -> None:
        self.tree.setCurrentItem(self.items[activation_id])

    def set_colour(self, activation_id: str, colour: str | None) -> None:
        self.tree.blockSignals(True)
        self.items[activation_id].setIcon(0, _swatch(colour))
        self.tree.blockSignals(False)

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for _gid, g in self.group_items.items():
            visible = 0
            for i in range(g.childCount()):
                it = g.child(i)
                aid = it.data(0, ID_ROLE)
                # The shown name, or the English name and id in any language.
                hit = not needle or any(
                    needle in s for s in (it.text(0).lower(), ACTIVATIONS[aid].name.lower(), aid)
                )
                it.setHidden(not hit)
                visible += hit
            g.setHidden(visible == 0)

    def set_group_names(self, names: dict[str, str]) -> None:
        self.tree.blockSignals(True)
        for gid, g in self.group_items.items():
            g.setText(0, names[gid])
        self.tree.blockSignals(False)

    def set_activation_names(self, names: dict[str, str]) -> None:
        """The functions' names as shown (by id), e.g. in a new language."""
        self.tree.blockSignals(True)
        for aid, it in self.items.items():
            it.setText(0, names.get(aid, it.text(0)))
        self.tree.blockSignals(False)
        self.apply_filter(self.filter_edit.text())

    # -- reactions ----------------------------------------------------------------------
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        aid = item.data(0, ID_ROLE)
        if aid:
            self.checkedChanged.emit(aid, item.checkState(0) == Qt.CheckState.Checked)

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        aid = current.data(0, ID_ROLE) if current is not None else ""
        self.currentChanged.emit(aid or "")

"""Help → Lecture guide: the presets in lecture order, with what to point out at each.

A non-modal window to keep beside the main one during a lecture: pick a preset on the
left, read its explanation and the pointers to what to watch on screen, and press "Open
this preset" (``presetRequested(id)``; the main window loads it into the Training lab).

The preset texts come from the preset files in both languages (``set_language`` picks
them); the dialog's own strings go through ``self.tr`` for Qt Linguist. Fonts follow the
theme, so presenter mode makes the guide readable from the back of a room too.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import fields

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.presets import Preset
from core.training import TrainingConfig
from gui import theme as theme_mod
from gui.training.config_panel import field_names, list_separator, params_parts, value_text


def _params_text(activation: str, params: dict[str, float]) -> str:
    return list_separator().join(params_parts(activation, params)) or "—"


def differences(a: TrainingConfig, b: TrainingConfig) -> list[tuple[str, str, str]]:
    """(field, A's value, B's value) for every field where the two runs differ, named as
    the Training lab's form names them, in the current language."""
    names = field_names()
    out = []
    for f in fields(TrainingConfig):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if f.name == "params":
            va, vb = dict(va), dict(vb)
            if va != vb:
                shown = _params_text(a.activation, va), _params_text(b.activation, vb)
                out.append((names["params"], *shown))
        elif va != vb:
            out.append((names[f.name], value_text(f.name, va), value_text(f.name, vb)))
    return out


class GuideDialog(QDialog):
    """The lecture guide. ``presets`` in any order: the list follows their ``order`` field."""

    presetRequested = Signal(str)

    def __init__(
        self,
        presets: Sequence[Preset],
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setObjectName("lectureGuide")
        self.presets: list[Preset] = sorted(presets, key=lambda p: p.order)
        self.language = language

        self.preset_list = QListWidget()
        self.preset_list.setWordWrap(True)
        self.preset_list.setUniformItemSizes(False)
        self.preset_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.preset_list.setSpacing(3)
        for preset in self.presets:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, preset.id)
            self.preset_list.addItem(item)

        self.step_label = QLabel()  # "Preset 3 of 8"
        self.title_label = QLabel()
        self.explanation_label = QLabel()
        self.watch_heading = QLabel()
        self.watch_label = QLabel()
        self.setup_label = QLabel()
        for label in (
            self.step_label,
            self.title_label,
            self.explanation_label,
            self.watch_heading,
            self.watch_label,
            self.setup_label,
        ):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.step_label, self.title_label, self.explanation_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.watch_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.setup_label.setTextFormat(Qt.TextFormat.PlainText)
        self.watch_label.setTextFormat(Qt.TextFormat.RichText)  # a bullet list, escaped

        page = QWidget()
        pv = QVBoxLayout(page)
        pv.setContentsMargins(12, 8, 12, 8)
        pv.setSpacing(10)
        pv.addWidget(self.step_label)
        pv.addWidget(self.title_label)
        pv.addWidget(self.explanation_label)
        pv.addWidget(self.watch_heading)
        pv.addWidget(self.watch_label)
        pv.addWidget(self.setup_label)
        pv.addStretch(1)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_scroll.setWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.preset_list)
        self.splitter.addWidget(self.page_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.open_button = QPushButton()
        self.open_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.buttons)

        outer = QVBoxLayout(self)
        outer.addWidget(self.splitter, 1)
        outer.addLayout(row)

        self.preset_list.currentRowChanged.connect(self._show_current)
        self.preset_list.itemActivated.connect(lambda _item: self.open_current())
        self.open_button.clicked.connect(self.open_current)
        self.previous_button.clicked.connect(lambda: self._move(-1))
        self.next_button.clicked.connect(lambda: self._move(1))
        # Page through the lecture from the keyboard (or a presenter's clicker).
        for key, step in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
            QShortcut(QKeySequence(key), self, activated=lambda s=step: self._move(s))

        self.apply_theme(theme_mod.current())
        theme_mod.on_theme_changed(self.apply_theme)  # dropped by Qt when we are destroyed
        self.retranslate()
        if self.presets:
            self.preset_list.setCurrentRow(0)
        self._fit_to_screen()

    # -- public API -----------------------------------------------------------------------
    def current_id(self) -> str | None:
        """The id of the selected preset (None when there are no presets)."""
        item = self.preset_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def current_preset(self) -> Preset | None:
        row = self.preset_list.currentRow()
        return self.presets[row] if 0 <= row < len(self.presets) else None

    def select(self, preset_id: str) -> bool:
        """Show ``preset_id`` (e.g. the one the Training lab has loaded); False if unknown."""
        for row, preset in enumerate(self.presets):
            if preset.id == preset_id:
                self.preset_list.setCurrentRow(row)
                return True
        return False

    def open_current(self) -> None:
        """Ask for the selected preset to be loaded (emits ``presetRequested``)."""
        preset_id = self.current_id()
        if preset_id:
            self.presetRequested.emit(preset_id)

    def set_language(self, language: str) -> None:
        """Show the preset texts in ``language`` ("en" or "zh_CN") and re-apply the UI
        strings (from the translator installed for that language)."""
        self.language = language
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Lecture guide"))
        self.watch_heading.setText(self.tr("What to point out on screen"))
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.previous_button.setToolTip(self.tr("The previous preset of the lecture (Page Up)"))
        self.next_button.setToolTip(self.tr("The next preset of the lecture (Page Down)"))
        self.open_button.setText(self.tr("Open this preset"))
        self.open_button.setToolTip(
            self.tr("Load the selected preset into the Training lab; press Start there to run it")
        )
        self.preset_list.setToolTip(self.tr("The presets in lecture order"))
        for row, preset in enumerate(self.presets):
            item = self.preset_list.item(row)
            item.setText(
                self.tr("{n}. {title}").format(n=row + 1, title=preset.title(self.language))
            )
        self._show_current(self.preset_list.currentRow())
        self._size_columns()

    def _show_current(self, row: int) -> None:
        preset = self.presets[row] if 0 <= row < len(self.presets) else None
        self.open_button.setEnabled(preset is not None)
        self.previous_button.setEnabled(preset is not None and row > 0)
        self.next_button.setEnabled(preset is not None and row < len(self.presets) - 1)
        if preset is None:
            for label in (self.step_label, self.title_label, self.setup_label):
                label.setText("")
            self.explanation_label.setText(self.tr("There are no presets to show."))
            self.watch_label.setText("")
            return
        lang = self.language
        self.step_label.setText(
            self.tr("Preset {n} of {total}").format(n=row + 1, total=len(self.presets))
        )
        self.title_label.setText(preset.title(lang))
        self.explanation_label.setText(preset.explanation(lang))
        items = "".join(f"<li>{html.escape(text)}</li>" for text in preset.watch(lang))
        self.watch_label.setText(f"<ul style='margin-left: 0px'>{items}</ul>")
        self.setup_label.setText(self._setup_text(preset))

    def _setup_text(self, preset: Preset) -> str:
        a = preset.config
        run = self.tr("Runs {steps} steps: {depth} hidden layers of {width}, {activation}.").format(
            steps=preset.steps,
            depth=a.depth,
            width=a.width,
            activation=value_text("activation", a.activation),
        )
        if preset.compare is None:
            return run
        changes = list_separator().join(
            self.tr("{field}: {a} → {b}").format(field=name, a=va, b=vb)
            for name, va, vb in differences(a, preset.compare)
        )
        # One message, so that Chinese can join the sentences without a space.
        return self.tr("{run} B differs from A in: {changes}").format(run=run, changes=changes)

    def _move(self, step: int) -> None:
        row = self.preset_list.currentRow() + step
        if 0 <= row < len(self.presets):
            self.preset_list.setCurrentRow(row)

    # -- look -----------------------------------------------------------------------------
    def apply_theme(self, th: theme_mod.Theme) -> None:
        base = th.base_point_size

        def font(scale: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPointSizeF(base * scale)
            f.setBold(bold)
            return f

        self.preset_list.setFont(font(1.0))
        self.step_label.setFont(font(0.95))
        self.title_label.setFont(font(1.45, bold=True))
        self.explanation_label.setFont(font(1.15))
        self.watch_heading.setFont(font(1.15, bold=True))
        self.watch_label.setFont(font(1.1))
        self.setup_label.setFont(font(0.95))
        for button in (self.previous_button, self.next_button, self.open_button):
            button.setFont(font(1.0))
        self.preset_list.setMinimumWidth(self.preset_list.fontMetrics().horizontalAdvance("M") * 10)
        self._size_columns()

    def _size_columns(self) -> None:
        """The list as wide as its longest title, but at most 30% of the window (longer
        titles wrap), so the explanation keeps most of the room in any language or font."""
        fm = self.preset_list.fontMetrics()
        longest = max(
            (
                fm.horizontalAdvance(self.preset_list.item(i).text())
                for i in range(len(self.presets))
            ),
            default=0,
        )
        total = max(self.width(), self.splitter.width())
        list_width = max(self.preset_list.minimumWidth(), min(longest + 30, int(total * 0.3)))
        self.splitter.setSizes([list_width, max(total - list_width, list_width)])

    def _fit_to_screen(self) -> None:
        """About 100 characters by 30 lines of body text, but never larger than the screen
        (a 1280x800 laptop, a projector at 1024x768)."""
        fm = self.explanation_label.fontMetrics()
        width, height = fm.averageCharWidth() * 130, fm.lineSpacing() * 30
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            avail = screen.availableGeometry()
            width = min(width, int(avail.width() * 0.9))
            height = min(height, int(avail.height() * 0.85))
        self.resize(width, height)
        self._size_columns()

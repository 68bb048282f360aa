"""The Training lab's layout: controls on the left, histograms in the middle, curves and the
decision boundary on the right, the timeline along the bottom. It only lays out; the
controller (training_controller.py) wires everything.

What gives way when presenter fonts meet a small window (1280x800 on a projector): the left
column takes at most a share of the width (its form then puts fields under their labels and
scrolls; the run controls go to two columns), the histogram options wrap onto a second line
(a combo elides its text only when it alone is wider than the column), and the rest is
shared between the histograms (the larger part) and the curves. Nothing has a minimum width
in pixels: minimums come from the fonts, so the whole tab fits whatever the theme.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui import theme as theme_mod
from gui.i18n import refresh_size_hints
from gui.training.config_panel import TrainingConfigPanel
from gui.training.curves_panel import TrainingCurvesView
from gui.training.decision_boundary import DecisionBoundaryView
from gui.training.divergence_banner import DivergenceBanner
from gui.training.layer_histograms import LayerHistogramView
from gui.training.run_controls import RunControls
from gui.training.timeline import TimelineBar
from gui.widgets.fit import FitComboBox, FlowLayout

if TYPE_CHECKING:
    from core.presets import Preset


# Literal QCoreApplication.translate("Context", "text") calls: pyside6-lupdate finds only these
# (an alias such as ``tr = QCoreApplication.translate`` hides the strings from it).
def quantity_names() -> dict[str, str]:
    return {
        "grad": QCoreApplication.translate("TrainingView", "Weight gradients"),
        "log_grad": QCoreApplication.translate("TrainingView", "log₁₀ |weight gradient|"),
        "preact": QCoreApplication.translate("TrainingView", "Pre-activations z"),
        "act": QCoreApplication.translate("TrainingView", "Activations f(z)"),
    }


def axis_mode_names() -> dict[str, str]:
    return {
        "fixed": QCoreApplication.translate("TrainingView", "Fixed axis (shared, from step 0)"),
        "auto": QCoreApplication.translate("TrainingView", "Per-layer auto"),
        "percentile": QCoreApplication.translate("TrainingView", "Per-layer p1–p99"),
    }


# The left column's share of the tab's width at most (it may be narrower: its preferred
# width), and the histograms' share of the rest (the curves and the boundary get the others).
LEFT_SHARE = {False: 0.32, True: 0.25}  # keyed by presenter mode
MIDDLE_SHARE = {False: 0.6, True: 0.7}
CURVES_SHARE = {False: 0.6, True: 0.65}  # the curves' share of the right column's height
OPTION_MIN_CHARS = 12  # a histogram option combo elides its text below about this many


def _set_item_texts(box: QComboBox, names: dict[str, str]) -> None:
    """Re-label a combo's items by their data; the items and the selection stay."""
    for i in range(box.count()):
        key = box.itemData(i)
        if key in names:
            box.setItemText(i, names[key])


class TrainingView(QWidget):
    """Every widget of the tab, exposed as attributes."""

    def __init__(self, presets: list[Preset], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_controls = RunControls()
        self.config_panel = TrainingConfigPanel(presets)
        self.histograms = LayerHistogramView()
        self.curves = TrainingCurvesView()
        self.boundary = DecisionBoundaryView()
        self.banner = DivergenceBanner()
        self.timeline = TimelineBar()

        # Left: run controls above a scrolling config form.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.config_panel)
        self.form_scroll = scroll
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.run_controls)
        lv.addWidget(scroll, 1)
        self._fit_form()

        # Middle: histogram options, the banner, the histograms.
        self.quantity_combo = FitComboBox(min_chars=OPTION_MIN_CHARS)
        for key in quantity_names():
            self.quantity_combo.addItem("", key)  # texts in retranslate()
        # log10|gradient| on core's fixed edges is the view that shows vanishing at once.
        self.quantity_combo.setCurrentIndex(self.quantity_combo.findData("log_grad"))
        self.axis_combo = FitComboBox(min_chars=OPTION_MIN_CHARS)
        for key in axis_mode_names():
            self.axis_combo.addItem("", key)
        self.layers_note = QLabel()
        self.layers_note.hide()  # shown by the controller when some layers are left out
        options = FlowLayout()
        options.addWidget(self.quantity_combo)
        options.addWidget(self.axis_combo)
        options.addWidget(self.layers_note)
        self.options_layout = options  # wraps the options onto a second line when narrow
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addLayout(options)
        mv.addWidget(self.banner)
        mv.addWidget(self.histograms, 1)

        # Right: curves over the decision boundary.
        self.left, self.middle = left, middle
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.curves)
        right.addWidget(self.boundary)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.right = right

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([350, 540, 390])
        self._theme = theme_mod.current()
        self._user_split = False  # the user dragged a splitter handle: keep their sizes
        self.splitter.splitterMoved.connect(self._split_by_user)
        right.splitterMoved.connect(self._split_by_user)
        # Back to a plane to draw (2-D data), or a note of another height: share the column
        # out again, whoever set the sizes.
        self.boundary.heightLimitChanged.connect(self._balance_right)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(self.splitter, 1)
        outer.addWidget(self.timeline)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_form(self) -> None:
        """Wide enough for the form: it must never be clipped (no horizontal scrolling)."""
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        self.form_scroll.setMinimumWidth(self.config_panel.minimumSizeHint().width() + bar + 4)
        self._balance()

    def _split_by_user(self, *_args) -> None:
        self._user_split = True

    def left_widths(self) -> tuple[int, int]:
        """The left column's (minimum, preferred) width: form rows wrapped / side by side."""
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        form = self.config_panel.sizeHint().width() + bar + 4
        preferred = max(self.run_controls.sizeHint().width(), form)
        minimum = self.left.minimumSizeHint().width()
        return minimum, max(minimum, preferred)

    def _balance(self) -> None:
        """Share the width out between the columns (unless the user has dragged them)."""
        if getattr(self, "_user_split", True) or not self.isVisible():
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        presenter = self._theme.presenter
        minimum, preferred = self.left_widths()
        left = min(preferred, max(minimum, round(total * LEFT_SHARE[presenter])))
        rest = total - left
        least = self.middle.minimumSizeHint().width()
        middle = max(round(rest * MIDDLE_SHARE[presenter]), least)
        # The curves keep the width their axes need where the histograms can spare it
        # (presenter mode on a 1024-pixel projector left them 96 px, and clipped them).
        middle = max(least, min(middle, rest - self.right_min_width()))
        self.splitter.setSizes([left, middle, max(rest - middle, 0)])
        self._balance_right()

    def right_min_width(self) -> int:
        """The width the curves' plots need beside their axes and labels (the plot widget
        reports no minimum of its own to the splitter)."""
        return math.ceil(self.curves.ci.minimumWidth())

    def _balance_right(self, *_args) -> None:
        """Share the right column's height out: the curves above, the boundary below (at
        most as tall as its note when the data has no plane to draw)."""
        height = sum(self.right.sizes())
        if height > 0:
            curves = round(height * CURVES_SHARE[self._theme.presenter])
            boundary = min(height - curves, self.boundary.maximumHeight())
            self.right.setSizes([height - boundary, boundary])

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self._balance)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._balance()

    def retranslate(self) -> None:
        """The histogram options; each part retranslates itself, the controller the rest."""
        # The form's children get the LanguageChange after this view: measure it afterwards.
        QTimer.singleShot(0, self, self._fit_form)
        _set_item_texts(self.quantity_combo, quantity_names())
        _set_item_texts(self.axis_combo, axis_mode_names())
        refresh_size_hints(self.quantity_combo, self.axis_combo)
        self.quantity_combo.setToolTip(self.tr("What each layer's histogram shows"))
        self.axis_combo.setToolTip(
            self.tr(
                "Fixed: one x-axis for every layer, so a shrinking gradient is visible. "
                "Per-layer: each row spans its own range, printed on the row."
            )
        )

    def apply_theme(self, th: theme_mod.Theme) -> None:
        self._theme = th
        self._user_split = False  # a new look: share the width out afresh
        for part in (
            self.run_controls,
            self.config_panel,
            self.histograms,
            self.curves,
            self.boundary,
            self.banner,
            self.timeline,
        ):
            part.apply_theme(th)
        QTimer.singleShot(0, self, self._fit_form)  # the form's font size may have changed

    def set_language(self, lang: str) -> None:
        self.config_panel.set_language(lang)

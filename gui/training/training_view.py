"""The Training lab's layout: controls on the left, histograms in the middle, curves and the
decision boundary on the right, the timeline along the bottom. It only lays out; the
controller (training_controller.py) wires everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
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
        self.quantity_combo = QComboBox()
        for key in quantity_names():
            self.quantity_combo.addItem("", key)  # texts in retranslate()
        # log10|gradient| on core's fixed edges is the view that shows vanishing at once.
        self.quantity_combo.setCurrentIndex(self.quantity_combo.findData("log_grad"))
        self.axis_combo = QComboBox()
        for key in axis_mode_names():
            self.axis_combo.addItem("", key)
        self.layers_note = QLabel()
        options = QHBoxLayout()
        options.addWidget(self.quantity_combo)
        options.addWidget(self.axis_combo)
        options.addWidget(self.layers_note, 1)
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addLayout(options)
        mv.addWidget(self.banner)
        mv.addWidget(self.histograms, 1)

        # Right: curves over the decision boundary.
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.curves)
        right.addWidget(self.boundary)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([350, 540, 390])

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

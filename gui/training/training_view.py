"""The Training lab's layout: controls on the left, histograms in the middle, curves and the
decision boundary on the right, the timeline along the bottom. It only lays out; the
controller (training_controller.py) wires everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
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
from gui.training.config_panel import TrainingConfigPanel
from gui.training.curves_panel import TrainingCurvesView
from gui.training.decision_boundary import DecisionBoundaryView
from gui.training.divergence_banner import DivergenceBanner
from gui.training.layer_histograms import LayerHistogramView
from gui.training.run_controls import RunControls
from gui.training.timeline import TimelineBar

if TYPE_CHECKING:
    from core.presets import Preset


def quantity_names() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "grad": tr("TrainingView", "Weight gradients"),
        "log_grad": tr("TrainingView", "log₁₀ |weight gradient|"),
        "preact": tr("TrainingView", "Pre-activations z"),
        "act": tr("TrainingView", "Activations f(z)"),
    }


def axis_mode_names() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "fixed": tr("TrainingView", "Fixed axis (shared, from step 0)"),
        "auto": tr("TrainingView", "Per-layer auto"),
        "percentile": tr("TrainingView", "Per-layer p1–p99"),
    }


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
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.run_controls)
        lv.addWidget(scroll, 1)
        # Wide enough for the form: it must never be clipped (no horizontal scrolling).
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(self.config_panel.minimumSizeHint().width() + bar + 4)

        # Middle: histogram options, the banner, the histograms.
        self.quantity_combo = QComboBox()
        for key, text in quantity_names().items():
            self.quantity_combo.addItem(text, key)
        # log10|gradient| on core's fixed edges is the view that shows vanishing at once.
        self.quantity_combo.setCurrentIndex(self.quantity_combo.findData("log_grad"))
        self.axis_combo = QComboBox()
        for key, text in axis_mode_names().items():
            self.axis_combo.addItem(text, key)
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

    def set_language(self, lang: str) -> None:
        self.config_panel.set_language(lang)

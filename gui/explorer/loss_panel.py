"""MSE against cross-entropy: the loss over p, and its gradient over the logit z."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.function_plots import function_pen, grid_colour, style_legend
from gui.explorer.light_grid import LightGrid

Z_LIMIT = 10.0
LOSS_CEILING = 5.0  # the loss axis stops here; cross-entropy is drawn clipped above it


class LossPanel(QWidget):
    """Target y, two plots, and an annotation of the confidently wrong prediction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target0 = QRadioButton(self.tr("y = 0"))
        self.target1 = QRadioButton(self.tr("y = 1"))
        self.target1.setChecked(True)
        self.target_group = QButtonGroup(self)
        self.target_group.addButton(self.target0, 0)
        self.target_group.addButton(self.target1, 1)
        self.explanation = QLabel(
            self.tr(
                "Prediction p = σ(z). Right: the gradient reaching the logit z, in the "
                "same colours. With MSE it is "
                "2(p − y)·σ′(z): when the prediction is confidently wrong σ′ is tiny, so "
                "learning stalls. Cross-entropy's gradient is p − y: largest exactly there."
            )
        )
        self.explanation.setWordWrap(True)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)

        self.graphics = pg.GraphicsLayoutWidget()
        self.loss_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.grad_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=1)
        self.loss_plot.setLabel("bottom", self.tr("prediction p"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.grad_plot.setLabel("bottom", self.tr("logit z"))
        self.grad_plot.setLabel("left", self.tr("∂loss/∂z"))
        self.loss_legend = self.loss_plot.addLegend(offset=(-8, 8))
        self.mse_loss = pg.PlotCurveItem(name=self.tr("MSE (p − y)²"))
        self.bce_loss = pg.PlotCurveItem(name=self.tr("cross-entropy"))
        self.mse_grad = pg.PlotCurveItem(name=self.tr("sigmoid + MSE"))
        self.bce_grad = pg.PlotCurveItem(name=self.tr("sigmoid + cross-entropy"))
        for item in (self.mse_loss, self.bce_loss):
            self.loss_plot.addItem(item)
        for item in (self.mse_grad, self.bce_grad):
            self.grad_plot.addItem(item)
        self.wrong_marker = pg.ScatterPlotItem(size=9)
        self.grad_plot.addItem(self.wrong_marker)
        self.annotation = pg.TextItem(anchor=(0.0, 1.0))
        self.grad_plot.addItem(self.annotation)
        self.arrow = pg.ArrowItem(angle=-90, headLen=12, tailLen=0)
        self.grad_plot.addItem(self.arrow)
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False)
        self.grad_plot.addItem(self.zero_line, ignoreBounds=True)
        for plot in (self.loss_plot, self.grad_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.enableAutoRange(False)
        self.loss_plot.setXRange(0.0, 1.0, padding=0.02)
        self.loss_plot.setYRange(0.0, LOSS_CEILING, padding=0.02)
        self.grad_plot.setXRange(-Z_LIMIT, Z_LIMIT, padding=0.0)
        self.grad_plot.setYRange(-1.1, 1.1, padding=0.0)

        side = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Target:")))
        row.addWidget(self.target0)
        row.addWidget(self.target1)
        row.addStretch(1)
        side.addLayout(row)
        side.addWidget(self.explanation)
        side.addWidget(self.readout)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(340)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(side_widget)
        layout.addWidget(self.graphics, 1)
        self.grids = [LightGrid(p) for p in (self.loss_plot, self.grad_plot)]
        self.apply_theme(theme_mod.current())

    def target(self) -> int:
        return 1 if self.target1.isChecked() else 0

    def set_losses(self, p: np.ndarray, mse: np.ndarray, bce: np.ndarray) -> None:
        self.mse_loss.setData(p, mse)
        self.bce_loss.setData(p, np.minimum(bce, LOSS_CEILING * 1.05))

    def set_gradients(self, z: np.ndarray, mse: np.ndarray, bce: np.ndarray) -> None:
        self.mse_grad.setData(z, mse)
        self.bce_grad.setData(z, bce)

    def annotate(self, z: float, mse_grad: float, bce_grad: float, text: str) -> None:
        self.wrong_marker.setData([z, z], [mse_grad, bce_grad])
        self.arrow.setPos(z, mse_grad + (0.12 if bce_grad < 0 else -0.12))
        self.arrow.setStyle(angle=-90 if bce_grad < 0 else 90)
        self.annotation.setAnchor((0.0, 1.0) if bce_grad < 0 else (1.0, 0.0))
        self.annotation.setPos(z, mse_grad + (0.15 if bce_grad < 0 else -0.15))
        self.annotation.setText(text)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self.graphics.setBackground(t.background)
        font = QFont()
        font.setPointSizeF(t.base_point_size * 0.9)
        for plot in (self.loss_plot, self.grad_plot):
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(pg.mkPen(t.foreground))
                ax.setTextPen(t.foreground)
                ax.setTickFont(font)
                ax.label.setFont(font)
        for grid in self.grids:
            grid.set_colour(grid_colour(t))
        self.mse_loss.setPen(function_pen(t, 5, bold=True))
        self.mse_grad.setPen(function_pen(t, 5, bold=True))
        self.bce_loss.setPen(function_pen(t, 0, bold=True))
        self.bce_grad.setPen(function_pen(t, 0, bold=True))
        self.wrong_marker.setBrush(pg.mkBrush(t.foreground))
        self.wrong_marker.setPen(None)
        self.arrow.setStyle(brush=t.colour(5), pen=pg.mkPen(t.colour(5)))
        self.annotation.setColor(t.foreground)
        self.annotation.setFont(font)
        self.zero_line.setPen(pg.mkPen(t.foreground, width=1))
        style_legend(self.loss_legend, t)

"""MSE against cross-entropy: the loss over p, and its gradient over the logit z.

The side column is as wide as a readable measure of its font; axis titles, legend and the
annotation scale with the theme. Texts are set in ``retranslate()``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from gui import theme as theme_mod
from gui.explorer.function_plots import (
    function_pen,
    grid_colour,
    rename_legend_entry,
    style_legend,
)
from gui.explorer.light_grid import LightGrid
from gui.widgets.plot_style import MIN_TITLE_POINTS, fitted_axes, plot_fonts, style_axis
from gui.widgets.side_column import SideColumn

Z_LIMIT = 10.0
LOSS_CEILING = 5.0  # the loss axis stops here; cross-entropy is drawn clipped above it
GRAD_LIMIT = 1.1  # the gradient axis spans ±this
SIDE_SHARE = 0.4  # the side column's preferred width at most, of the panel's
SIDE_EMS = 22  # the side column's preferred width at most, in "M" widths
ANNOTATION_MIN_SCALE = 0.8  # below this fraction of the tick size the annotation is hidden


class LossPanel(QWidget):
    """Target y, two plots, and an annotation of the confidently wrong prediction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target0 = QRadioButton()
        self.target1 = QRadioButton()
        self.target1.setChecked(True)
        self.target_group = QButtonGroup(self)
        self.target_group.addButton(self.target0, 0)
        self.target_group.addButton(self.target1, 1)
        self.target_label = QLabel()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.readout = QLabel()  # the controller's
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)

        self.graphics = pg.GraphicsLayoutWidget()
        self.loss_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, axisItems=fitted_axes("left", "bottom")
        )
        self.grad_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=1, axisItems=fitted_axes("left", "bottom")
        )
        # One row of two entries: short enough for a presenter-mode plot.
        self.loss_legend = self.loss_plot.addLegend(offset=(-8, 8), colCount=2)
        self._legend_right: bool | None = None
        self.mse_loss = pg.PlotCurveItem(name="MSE")
        self.bce_loss = pg.PlotCurveItem(name="BCE")
        self.mse_grad = pg.PlotCurveItem(name="MSE")
        self.bce_grad = pg.PlotCurveItem(name="BCE")
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
        self.grad_plot.setYRange(-GRAD_LIMIT, GRAD_LIMIT, padding=0.0)

        side = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.target_label)
        row.addWidget(self.target0)
        row.addWidget(self.target1)
        row.addStretch(1)
        side.addLayout(row)
        side.addWidget(self.explanation)
        side.addWidget(self.readout)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        self.side = SideColumn(side_widget, max_ems=SIDE_EMS, max_share=SIDE_SHARE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.side)
        layout.addWidget(self.graphics, 1)
        self.grids = [LightGrid(p) for p in (self.loss_plot, self.grad_plot)]
        self._theme = theme_mod.current()
        self._annotation_band = (0.15, GRAD_LIMIT)  # y where the annotation may go
        self.grad_plot.getViewBox().sigResized.connect(self._fit_annotation)
        self.retranslate()
        self.apply_theme(theme_mod.current())

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Labels, explanation, axis titles and legend (the annotation and the readout
        are the controller's)."""
        self.target_label.setText(self.tr("Target:"))
        self.target0.setText(self.tr("y = 0"))
        self.target1.setText(self.tr("y = 1"))
        self.explanation.setText(
            self.tr(
                "Prediction p = σ(z). Right: the gradient reaching the logit z, in the "
                "same colours. With MSE it is "
                "2(p − y)·σ′(z): when the prediction is confidently wrong σ′ is tiny, so "
                "learning stalls. Cross-entropy's gradient is p − y: largest exactly there."
            )
        )
        self.loss_plot.setLabel("bottom", self.tr("prediction p"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.grad_plot.setLabel("bottom", self.tr("logit z"))
        self.grad_plot.setLabel("left", self.tr("∂loss/∂z"))
        names = {
            self.mse_loss: self.tr("MSE (p − y)²"),
            self.bce_loss: self.tr("cross-entropy"),
            self.mse_grad: self.tr("sigmoid + MSE"),
            self.bce_grad: self.tr("sigmoid + cross-entropy"),
        }
        for curve, name in names.items():
            rename_legend_entry(self.loss_legend, curve, name)

    def target(self) -> int:
        return 1 if self.target1.isChecked() else 0

    def set_losses(self, p: np.ndarray, mse: np.ndarray, bce: np.ndarray) -> None:
        self.mse_loss.setData(p, mse)
        self.bce_loss.setData(p, np.minimum(bce, LOSS_CEILING * 1.05))
        # The legend in the top corner where the losses are low (cross-entropy climbs
        # towards the wrong end: left for y = 1, right for y = 0).
        right = bool(bce.size) and float(bce[0]) >= float(bce[-1])
        if right != self._legend_right:
            self._legend_right = right
            corner = (1, 0) if right else (0, 0)
            self.loss_legend.anchor(corner, corner, offset=(-8 if right else 8, 8))

    def set_gradients(self, z: np.ndarray, mse: np.ndarray, bce: np.ndarray) -> None:
        self.mse_grad.setData(z, mse)
        self.bce_grad.setData(z, bce)

    def annotate(self, z: float, mse_grad: float, bce_grad: float, text: str) -> None:
        """Mark the confidently wrong prediction at ``z``. The text hangs in the corner on
        that side, between the plot's edge and the flat MSE gradient: it has the plot's
        whole width, and a text too tall for a short plot runs into the curves rather than
        being cut at the edge."""
        self.wrong_marker.setData([z, z], [mse_grad, bce_grad])
        self.arrow.setPos(z, mse_grad + (0.12 if bce_grad < 0 else -0.12))
        self.arrow.setStyle(angle=-90 if bce_grad < 0 else 90)
        left = z <= 0
        x = 0.98 * Z_LIMIT * (-1.0 if left else 1.0)
        edge = 0.98 * GRAD_LIMIT * (1.0 if bce_grad < 0 else -1.0)  # the free corner's
        near = mse_grad + (0.15 if bce_grad < 0 else -0.15)  # just off the MSE gradient
        self._annotation_band = (min(edge, near), max(edge, near))
        self.annotation.setAnchor((0.0 if left else 1.0, 0.0 if bce_grad < 0 else 1.0))
        self.annotation.setPos(x, edge)
        if text != self.annotation.toPlainText():
            self.annotation.setText(text)
        self._fit_annotation()

    def _fit_annotation(self, *_args: object) -> None:
        """The annotation in the theme's tick size, smaller when wider than the plot or
        taller than its corner; hidden when it would become too small to read (a short
        presenter-mode plot): the side column's readout says the same numbers."""
        font = QFont(plot_fonts(self._theme).tick)
        self.annotation.setFont(font)
        box = self.grad_plot.getViewBox()
        if box.height() <= 0:
            return
        natural = self.annotation.textItem.boundingRect()
        (_x0, _x1), (y0, y1) = box.viewRange()
        low, high = self._annotation_band
        room_y = (high - low) / max(y1 - y0, 1e-9) * box.height()
        room_x = box.width() * 0.96
        scale = min(1.0, room_x / max(natural.width(), 1.0), room_y / max(natural.height(), 1.0))
        smallest = max(MIN_TITLE_POINTS, ANNOTATION_MIN_SCALE * font.pointSizeF())
        readable = font.pointSizeF() * scale >= smallest
        self.annotation.setVisible(readable)
        if readable and scale < 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
            self.annotation.setFont(font)

    def apply_theme(self, t: theme_mod.Theme) -> None:
        self._theme = t
        self.graphics.setBackground(t.background)
        for plot in (self.loss_plot, self.grad_plot):
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), t)
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
        self._fit_annotation()
        self.zero_line.setPen(pg.mkPen(t.foreground, width=1))
        style_legend(self.loss_legend, t)

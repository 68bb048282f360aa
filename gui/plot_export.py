"""Export a plot to PNG (at slide resolution) or SVG, with pyqtgraph's exporters.

A tab offers its plots as ``{title: item}`` where item is a pyqtgraph PlotItem, or any
QGraphicsItem/GraphicsScene pyqtgraph can export (a whole GraphicsLayout for a grid).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QCoreApplication, QEvent, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsScene,
    QLabel,
    QMessageBox,
    QWidget,
)

from gui.errors import export_error_text
from gui.i18n import refresh_size_hints
from gui.widgets.range_spin_box import RangeIntSpinBox

PNG_DEFAULT_WIDTH = 1920


def export_item(item: object, path: str | Path, *, png_width: int = PNG_DEFAULT_WIDTH) -> Path:
    """Write ``item`` to ``path``; the suffix (.png or .svg) picks the format."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".svg":
        _export_svg(item, target)
        return target
    if suffix != ".png":
        raise ValueError(
            QCoreApplication.translate(
                "PlotExportDialog", "Unsupported file type {suffix}; use .png or .svg."
            ).format(suffix=suffix or "—")
        )
    exporter = pg_exporters.ImageExporter(item)
    params = exporter.parameters()
    width, height = params["width"], params["height"]  # the plot's size on screen
    factor = 1.0
    if width > 0 and height > 0:
        # Keep the aspect ratio; setting width then height would fight each other.
        params.param("width").setValue(int(png_width), blockSignal=exporter.widthChanged)
        params.param("height").setValue(
            round(png_width * height / width), blockSignal=exporter.heightChanged
        )
        factor = png_width / width
    with _pixel_sized_items_scaled(exporter.getScene(), factor):
        exporter.export(str(target))
    if not target.exists():
        nothing = QCoreApplication.translate("PlotExportDialog", "nothing was written")
        raise OSError(errno.EIO, nothing, str(target))
    return target


@contextmanager
def _pixel_sized_items_scaled(scene: QGraphicsScene | None, factor: float) -> Iterator[None]:
    """Items drawn at a fixed size in pixels (ItemIgnoresTransformations: the histogram
    rows' labels) kept that size in a PNG drawn larger than the screen, e.g. a third of
    their size beside 3x titles and axes; they are scaled with it while it is drawn.
    (pyqtgraph's own text and scatter items scale themselves.)"""
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    items = []
    if scene is not None and factor > 0 and abs(factor - 1.0) > 1e-6:
        items = [(it, it.scale()) for it in scene.items() if it.flags() & flag]
    for it, scale in items:
        it.setScale(scale * factor)
    try:
        yield
    finally:
        for it, scale in items:
            it.setScale(scale)


def _export_svg(item: object, target: Path) -> None:
    """Vector export through QSvgGenerator.

    pyqtgraph 0.14's SVGExporter cannot parse the path syntax Qt 6.11 writes (pyqtgraph
    issue #3485), so the scene is painted into an SVG generator instead.
    """
    if isinstance(item, QGraphicsItem):
        scene, source = item.scene(), item.sceneBoundingRect()
    else:
        scene, source = item, item.sceneRect()
    if scene is None or source.isEmpty():
        raise ValueError(
            QCoreApplication.translate(
                "PlotExportDialog", "The plot is not on screen, so there is nothing to export."
            )
        )
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("Activation Lab")
    painter = QPainter(generator)
    try:
        views = scene.views()
        if views:
            painter.fillRect(
                QRectF(0, 0, source.width(), source.height()), views[0].backgroundBrush()
            )
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()


class PlotExportDialog(QDialog):
    """Pick one of the current tab's plots, a format and a size, then a file.

    ``plots`` maps each plot's (already translated) title to its item; the titles are the
    caller's, the dialog's own texts follow a language change (``retranslate``).
    """

    def __init__(self, plots: dict[str, object], folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._plots = plots
        self._folder = folder
        self.written: Path | None = None
        self.plot_choice = QComboBox()
        for name in plots:
            self.plot_choice.addItem(name, name)
        self.format_choice = QComboBox()
        self.format_choice.addItem("", ".png")  # texts in retranslate()
        self.format_choice.addItem("", ".svg")
        self.width_choice = RangeIntSpinBox()
        self.width_choice.setRange(200, 7680)
        self.width_choice.setSingleStep(160)
        self.width_choice.setValue(PNG_DEFAULT_WIDTH)
        self.width_choice.setSuffix(" px")
        self.format_choice.currentIndexChanged.connect(self._format_changed)
        self.plot_label = QLabel()
        self.format_label = QLabel()
        self.width_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.plot_label, self.plot_choice)
        form.addRow(self.format_label, self.format_choice)
        form.addRow(self.width_label, self.width_choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )  # Qt translates and re-labels its standard buttons itself
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export plot"))
        self.format_choice.setItemText(0, self.tr("PNG image"))
        self.format_choice.setItemText(1, self.tr("SVG vector drawing"))
        refresh_size_hints(self.format_choice)
        self.plot_label.setText(self.tr("Plot"))
        self.format_label.setText(self.tr("Format"))
        self.width_label.setText(self.tr("PNG width"))
        self.width_choice.setToolTip(self.tr("Width of the PNG in pixels (slides: 1920)"))

    def _format_changed(self) -> None:
        self.width_choice.setEnabled(self.format_choice.currentData() == ".png")

    def _save(self) -> None:
        suffix = self.format_choice.currentData()
        name = self.plot_choice.currentData()
        stem = "".join(c if c.isalnum() else "-" for c in name).strip("-").lower() or "plot"
        start = str(Path(self._folder or Path.home()) / f"{stem}{suffix}")
        pattern = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("SVG (*.svg)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plot"), start, pattern)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            self.written = export_item(self._plots[name], path, png_width=self.width_choice.value())
        except (OSError, ValueError, RuntimeError) as exc:
            QMessageBox.warning(self, self.tr("Export failed"), export_error_text(exc, path))
            return
        self.accept()

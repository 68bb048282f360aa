import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from gui.plot_export import export_item


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.plot([0, 1, 2, 3], [0, 1, 0, 1])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_png_export_is_written_at_the_requested_width(plot, tmp_path):
    path = export_item(plot.getPlotItem(), tmp_path / "p.png", png_width=1200)
    image = QImage(str(path))
    assert image.width() == 1200
    assert 0 < image.height() < 1200


def test_svg_export_is_an_svg_document(plot, tmp_path):
    path = export_item(plot.getPlotItem(), tmp_path / "p.svg")
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "polyline" in text or "path" in text


def test_unknown_suffix_is_refused(plot, tmp_path):
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        export_item(plot.getPlotItem(), tmp_path / "p.bmp")

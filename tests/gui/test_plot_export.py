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


def test_pixel_sized_labels_grow_with_a_png_drawn_larger_than_the_screen(
    qtbot, tmp_path, monkeypatch
):
    """The histogram rows' labels have a fixed size in pixels: a 3x PNG drew them at a
    third of the size of its titles and axes. They are scaled while the PNG is drawn."""
    import pyqtgraph.exporters as pg_exporters

    from core.training import Trainer, TrainingConfig
    from gui.training.layer_histograms import LayerHistogramView

    record = Trainer(TrainingConfig(depth=2, width=8, n_samples=64, batch=32)).record()
    view = LayerHistogramView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_layout(len(record.layers), ("A",))
    view.show_records([record], references=[record])
    label = view.columns[0].rows[0].label
    on_screen = view.ci.sceneBoundingRect().width()
    seen = []
    original = pg_exporters.ImageExporter.export

    def spy(self, *args, **kwargs):
        seen.append(label.scale())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pg_exporters.ImageExporter, "export", spy)
    export_item(view.ci, tmp_path / "h.png", png_width=round(3 * on_screen))
    export_item(view.ci, tmp_path / "same.png", png_width=round(on_screen))
    assert seen[0] == pytest.approx(3.0, rel=0.01)
    assert seen[1] == pytest.approx(1.0, rel=0.01)
    assert label.scale() == 1.0  # the screen is left as it was
    assert QImage(str(tmp_path / "h.png")).width() == round(3 * on_screen)

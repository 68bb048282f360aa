"""The Explorer on a projector: presenter mode fits 1280x800 (en, zh_CN) with nothing
clipped, and normal mode keeps its one-line controls and wide facts cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QWidget,
)

from gui import theme
from tests.gui.gui_helpers import settle

SHOWN = ("elu", "rrelu", "softplus")  # with sigmoid and relu: five, parameters, a band
PANELS = ("facts", "depth", "softmax", "loss", "maxout")


def _scroll_viewport(w: QWidget) -> QWidget | None:
    """The viewport of the scroll area ``w`` is in, if any (its contents may scroll)."""
    parent = w.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return parent
        parent = grand
    return None


def clipped(root: QWidget) -> list[str]:
    """Visible texts and fields of ``root`` that are narrower (or, wrapped, shorter) than
    their text needs, or that stick out of the window (or sideways out of the scroll area
    they are in: those may only scroll vertically)."""
    window = root.window()
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        name = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    out.append(f"{name}: {w.height()} px high, needs {w.heightForWidth(w.width())}")
            elif w.width() < w.minimumSizeHint().width():
                out.append(f"{name}: {w.width()} px wide, needs {w.minimumSizeHint().width()}")
        elif isinstance(w, (QAbstractButton, QAbstractSpinBox, QComboBox)):
            if w.width() < w.minimumSizeHint().width():
                out.append(f"{name}: {w.width()} px wide, needs {w.minimumSizeHint().width()}")
        else:
            continue
        rect = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
        viewport = _scroll_viewport(w)
        if viewport is None:
            if not window.rect().contains(rect):
                out.append(f"{name}: {rect} is outside the window {window.rect()}")
        else:
            area = QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size())
            if rect.left() < area.left() or rect.right() > area.right():
                out.append(f"{name}: {rect} sticks out of its scroll area {area}")
    return out


@pytest.fixture
def projector_window(projector, qtbot):
    """The projector window on the Explorer tab, with five functions shown (rrelu's
    parameters current) and every panel built."""
    view = projector.explorer.view
    for aid in SHOWN:
        view.function_list.set_checked(aid, True)
    view.function_list.set_current("rrelu")
    for name in PANELS[1:]:
        view.panel(name)
    controller = projector.explorer.controller
    controller.measure_costs()  # the widest cost texts, and no timer changing them later
    qtbot.waitUntil(lambda: not controller.cost_pending(), timeout=20_000)
    return projector


def test_presenter_mode_fits_a_1280x800_projector(qtbot, projector_window):
    from gui.explorer.facts_panel import FACT_SCALE, FORMULA_SCALE

    window = projector_window
    view = window.explorer.view
    settle(qtbot, window)
    th = theme.current()
    assert th.presenter

    # The whole window (both tabs, every panel built) can be 1280x800 and stays so.
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280, hint
    assert hint.height() <= 800, hint
    assert (window.width(), window.height()) == (1280, 800)
    left, centre = view.main.sizes()
    assert centre > 3 * left  # the plots get the room; the list elides long names
    plots, panels = view.centre.sizes()
    assert plots > panels

    # The controls row wraps instead of widening the plots; every control is in view.
    p = view.plots
    assert p.controls.line_count(p.width()) == 2
    for w in (p.x_range, p.saturated_check, p.saturation_fraction, p.dead_check, p.band_check):
        assert p.rect().contains(QRect(w.mapTo(p, w.rect().topLeft()), w.size())), w
    assert p.graphics.ci.geometry().width() <= p.graphics.width() + 1
    # The legend stays inside the f plot (more columns when the plot is short).
    box = p.f_plot.getViewBox().sceneBoundingRect()
    legend = p.legend.sceneBoundingRect()
    assert legend.bottom() <= box.bottom() + 1
    assert legend.right() <= box.right() + 1
    assert p.f_plot.getAxis("left").tick_font().pointSizeF() > theme.Theme().base_point_size

    # The facts scale with the theme: captions, values, note and formula.
    card = view.facts.cards["rrelu"]
    for label in (card.captions["range"], card.values["range"], card.note):
        assert label.font().pointSizeF() == pytest.approx(th.base_point_size * FACT_SCALE)
    assert card.title.font().pointSizeF() > theme.Theme().base_point_size
    assert card.formula._point_size == pytest.approx(th.base_point_size * FORMULA_SCALE)
    assert card.width() >= card.minimumSizeHint().width()

    # Nothing is cut, on every panel.
    for name in PANELS:
        view.show_panel(name)
        settle(qtbot, window)
        assert not clipped(window.explorer), name
        bar = view.panels.tabBar()
        assert bar.sizeHint().width() <= bar.width(), "the panel tabs would scroll"


def test_normal_mode_keeps_one_line_of_controls_and_wide_cards(qtbot):
    from gui.explorer.facts_panel import WIDE
    from gui.main_window import MainWindow

    window = MainWindow(remember_settings=False)
    qtbot.addWidget(window)
    for size in ((1280, 800), (1920, 1080)):
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        view = window.explorer.view
        settle(qtbot, window)
        p = view.plots
        assert p.controls.line_count(p.width()) == 1, size
        assert p.f_plot.getAxis("bottom").style["showValues"]
        assert all(c.mode == WIDE for aid, c in view.facts.cards.items() if c.isVisible())
        assert not clipped(window.explorer), size
    window.close()


def test_the_plots_x_axis_labels_whole_steps_on_the_default_range(qtbot):
    from gui.explorer.explorer_tab import ExplorerTab

    tab = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(tab)
    tab.resize(1920, 1080)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.wait(50)
    ticks = tab.view.plots.df_plot.getAxis("bottom").labelled_ticks()
    assert ticks
    assert all(float(v).is_integer() for v in ticks)

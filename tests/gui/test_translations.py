"""The UI in Simplified Chinese: a complete catalog, and views that switch language live.

1. Catalog: pyside6-lupdate extracts every ``tr``/``translate`` string of main.py and gui/
   into a temporary .ts; each must have a finished zh_CN translation in the committed
   resources/translations/activation_lab_zh_CN.ts, and the shipped .qm must be exactly what
   lrelease builds from that .ts. Fix: ``.venv/bin/python packaging/update_translations.py``,
   translate the new messages in the .ts, run the script again.
2. Live switch: after ``install_language(app, "zh_CN")`` every text a view shows (labels,
   buttons, group boxes, combo items, tabs, tooltips, placeholders, pyqtgraph titles and
   axis labels) must be Chinese, unless it is a name that stays English (ReLU, Adam...);
   switching back to "en" gives English again. ``untranslated_texts(widget)`` is the
   reusable checker: add a view to ``LIVE_VIEWS`` to cover it. The explorer tab (with every
   lazy panel built) and the whole main window (menus, toolbar, tabs, status bar) are in it.
"""

from __future__ import annotations

import html
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

from core.activations import ACTIVATIONS
from gui.i18n import current_language, install_language

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE = "zh_CN"

# ----------------------------------------------------------------------------------------
# 1. The catalog
# ----------------------------------------------------------------------------------------


def _load_script() -> ModuleType:
    path = ROOT / "packaging" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    module = _load_script()
    for name in ("lupdate", "lrelease"):
        if module.find_tool(name) is None:
            pytest.skip(
                f"pyside6-{name} is not installed (it comes with PySide6-Essentials): "
                "the translation catalog cannot be checked"
            )
    return module


def read_ts(path: Path) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """{(context, source, disambiguation): (translation, finished)} of a Qt Linguist file."""
    out: dict[tuple[str, str, str], tuple[str, bool]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            translation = message.find("translation")
            if translation is None:
                out[key] = ("", False)
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            text = "".join(forms) if forms else (translation.text or "")
            state = translation.get("type")  # unfinished, vanished, obsolete or None
            out[key] = (text, state is None)
    return out


@pytest.fixture(scope="module")
def fresh_extract(script, tmp_path_factory) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """What lupdate finds in the code now (a fresh .ts: nothing translated)."""
    target = tmp_path_factory.mktemp("lupdate") / f"fresh_{LANGUAGE}.ts"
    return read_ts(script.update_ts(LANGUAGE, target))


def _describe(keys) -> str:
    return "\n".join(f"  [{ctx}] {src!r}" for ctx, src, _ in sorted(keys))


def test_every_string_in_the_code_has_a_finished_zh_cn_translation(script, fresh_extract):
    committed = read_ts(script.ts_path(LANGUAGE))
    assert fresh_extract, "lupdate found no strings at all: is the source list right?"
    missing = [
        key
        for key in fresh_extract
        if key not in committed or not committed[key][1] or not committed[key][0].strip()
    ]
    assert not missing, (
        f"{len(missing)} user-visible string(s) have no finished {LANGUAGE} translation in "
        f"{script.ts_path(LANGUAGE).relative_to(ROOT)}. Run "
        "`.venv/bin/python packaging/update_translations.py`, translate them in the .ts "
        '(remove type="unfinished"), then run the script again:\n' + _describe(missing)
    )


def test_lupdate_reads_each_call_with_its_context(fresh_extract):
    """``tr = QCoreApplication.translate; tr("Ctx", "text")`` is misread by lupdate as a
    message "Ctx" without a context (and "text" is lost): call it by its full name."""
    contexts = {ctx for ctx, _, _ in fresh_extract}
    misread = [
        key for key in fresh_extract if not key[0] or (key[1] in contexts and key[0] != key[1])
    ]
    assert not misread, (
        'lupdate misread these calls; write QCoreApplication.translate("Context", "text") '
        "with literal strings:\n" + _describe(misread)
    )


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def test_translations_keep_the_placeholders_and_markup(script, fresh_extract):
    committed = read_ts(script.ts_path(LANGUAGE))
    broken = []
    for key in fresh_extract:
        text, finished = committed.get(key, ("", False))
        if not finished:
            continue  # reported by the test above
        source = key[1]
        same_fields = sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(text))
        same_tags = sorted(_TAG.findall(source)) == sorted(_TAG.findall(text))
        same_mnemonic = ("&" in source.replace("&&", "")) <= ("&" in text.replace("&&", ""))
        if not (same_fields and same_tags and same_mnemonic):
            broken.append(key)
    assert not broken, (
        "these translations lost a {placeholder}, an HTML tag or the &mnemonic of their "
        "source:\n" + _describe(broken)
    )


def test_the_shipped_qm_is_built_from_the_committed_ts(script, tmp_path):
    shipped = script.qm_path(LANGUAGE)
    assert shipped.exists(), f"{shipped.relative_to(ROOT)} is missing"
    rebuilt = script.release(LANGUAGE, qm=tmp_path / shipped.name)
    assert rebuilt.read_bytes() == shipped.read_bytes(), (
        f"{shipped.relative_to(ROOT)} is stale or was not built from "
        f"{script.ts_path(LANGUAGE).relative_to(ROOT)}: run "
        "`.venv/bin/python packaging/update_translations.py`"
    )


# ----------------------------------------------------------------------------------------
# 2. The live switch
# ----------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")  # single letters are symbols: z, f(x), W, σ, L1, A/B
# Names that stay English in the Chinese UI: activation functions, optimizers, libraries,
# file formats, initializations named after people, and formula words.
KEEP_ENGLISH: tuple[str, ...] = tuple(
    sorted(
        {
            # the names as the Chinese UI shows them ("GELU (tanh approx.)" is not one)
            *(act.display_name("zh_CN") for act in ACTIVATIONS.values()),
            "RReLU",  # in Chinese texts about it; its full name is translated
            "Activation Lab",
            "PyTorch",
            "Xavier",
            "Glorot",
            "Kaiming",
            "He",
            "LeCun",
            "SGD",
            "Adam",
            "MSE",
            "XOR",
            "PNG",
            "SVG",
            "CSV",
            "JSON",
            "GIF",
            "px",
            "inf",
            "NaN",
            "lr",
            "log",
            "max",
            "fan_in",
            "softmax",
            "Softmax",
            "sigmoid",
            "logit",
            "Maxout",
            "numpy",
            "torch",
            "English",  # the language menu names each language in itself
        },
        key=len,
        reverse=True,  # longest first: "Leaky ReLU" before "ReLU"
    )
)


# Core's plain-text formulas ("f(x) = x if x > 0, a·x otherwise"): the formula view's
# tooltip, a formula as core writes it (the typeset formula shows the same), not prose.
CORE_FORMULAS = frozenset(act.formula_text for act in ACTIVATIONS.values())


def _plain(text: str) -> str:
    """Rich text (a pyqtgraph title, a label's HTML) as what the user reads."""
    return html.unescape(_TAG.sub("", text)).strip()


def _graphics_texts(view: QGraphicsView) -> Iterator[tuple[str, str]]:
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem):  # pyqtgraph titles, axis labels, LabelItem
            yield f"{type(view).__name__} text item", item.toPlainText()
        elif isinstance(item, QGraphicsSimpleTextItem):  # e.g. histogram row labels
            yield f"{type(view).__name__} label item", item.text()


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text ``root`` and its children can show a user."""
    out: list[tuple[str, str]] = []
    for w in (root, *root.findChildren(QWidget)):
        where = type(w).__name__ + (f"#{w.objectName()}" if w.objectName() else "")
        if w.isWindow():
            out.append((f"{where} window title", w.windowTitle()))
        out.append((f"{where} tooltip", w.toolTip()))
        out.append((f"{where} what's this", w.whatsThis()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((f"{where} title", w.title()))
        elif isinstance(w, QComboBox):
            out += [(f"{where} item {i}", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                out += [(f"{where} tab {i}", w.tabText(i)), (f"{where} tab tip", w.tabToolTip(i))]
        elif isinstance(w, QAbstractSpinBox):
            out.append((f"{where} special value", w.specialValueText()))
            for part in ("prefix", "suffix"):
                out.append((f"{where} {part}", getattr(w, part, lambda: "")()))
        elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            out.append((f"{where} placeholder", w.placeholderText()))
        elif isinstance(w, QTreeWidget):
            it = QTreeWidgetItemIterator(w)
            while it.value() is not None:
                item = it.value()
                out += [(f"{where} item", item.text(0)), (f"{where} item tip", item.toolTip(0))]
                it += 1
        elif isinstance(w, (QMenu, QMenuBar)):  # menu titles and entries, without the &
            for act in w.actions():
                if not act.isSeparator():
                    out.append((f"{where} action", act.text().replace("&", "")))
        elif isinstance(w, QStatusBar):
            out.append((f"{where} message", w.currentMessage()))
        if isinstance(w, QGraphicsView):
            out += list(_graphics_texts(w))
    return [(where, _plain(text)) for where, text in out if text and _plain(text)]


def is_translated(text: str, keep: tuple[str, ...] = KEEP_ENGLISH) -> bool:
    """Chinese, or nothing but names/formulas/numbers that stay as they are."""
    if _CJK.search(text):
        return True
    rest = text
    for name in keep:
        rest = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", rest)
    return not _WORD.search(rest)


def untranslated_texts(root: QWidget, keep: tuple[str, ...] = KEEP_ENGLISH) -> list[str]:
    return [
        f"{where}: {text!r}"
        for where, text in visible_texts(root)
        if not is_translated(text, keep)
        and not (where.endswith("FormulaView tooltip") and text in CORE_FORMULAS)
    ]


def switch_language(language: str) -> None:
    """What the main window does: install the catalog, let the LanguageChange arrive."""
    app = QApplication.instance()
    assert install_language(app, language), f"the {language} catalog did not load"
    QCoreApplication.processEvents()  # the LanguageChange events are posted
    QCoreApplication.processEvents()  # ... and the deferred re-measuring after them


@pytest.fixture
def english_afterwards(qapp):
    """Other tests assume English: always switch back, even when a test fails."""
    yield
    install_language(qapp, "en")
    QCoreApplication.processEvents()
    assert current_language() == "en"


def test_the_checker_tells_english_from_chinese():
    assert not is_translated("Learning rate")
    assert not is_translated("B differs from A in: Activation = ReLU")
    assert is_translated("学习率")
    assert not is_translated("GELU (tanh approx.)")  # its Chinese name is GELU（tanh 近似）
    assert not is_translated("Identity (linear)")
    assert is_translated("RReLU")
    assert is_translated("Leaky ReLU")
    assert is_translated("L3  ·  [-0.5, 1e-05]")
    assert is_translated("‖∇W‖")
    assert not is_translated("dead 3%")


# -- the views covered so far -------------------------------------------------------------


def _plot_export_dialog(qtbot):
    import pyqtgraph as pg

    from gui.plot_export import PlotExportDialog

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    dialog = PlotExportDialog({"f(x)": plot.getPlotItem()})
    qtbot.addWidget(dialog)
    return dialog, lambda: dialog.format_choice.itemText(0) == "PNG image"


def _about_dialog(qtbot):
    from gui.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    return dialog, lambda: dialog.copy_button.text() == "Copy versions"


EXPLORER_SHOWN = ("elu", "rrelu", "softplus")  # besides sigmoid and relu: parameters, a band


def _show_everything(qtbot, view) -> None:
    """An explorer view in a state that shows as many texts as possible: five functions
    (rrelu's parameters current), every lazy panel built, the cost measured."""
    for aid in EXPLORER_SHOWN:
        view.function_list.set_checked(aid, True)
    view.function_list.set_current("rrelu")
    for name in ("depth", "softmax", "loss", "maxout"):
        view.show_panel(name)
    view.show_panel("facts")
    view.facts.measure_button.click()
    qtbot.waitUntil(lambda: view.facts.cost_status.text() == "cost measured", timeout=20_000)


def _explorer_is_english(view) -> bool:
    card = view.facts.cards["rrelu"]
    legend = [label.text for _sample, label in view.loss.loss_legend.items]
    return (
        view.panels.tabText(0) == "Facts"
        and view.plots.saturated_check.text() == "Saturated: |f′| <"
        and view.plots.saturation_fraction.suffix() == " % of max"
        and view.plots.readout.text().startswith("Move the mouse")
        and card.captions["range"].text() == "Range"
        and card.values["zero_centred"].text() in ("yes", "no")
        and card.values["smooth"].text() == "kinks at x = 0"
        and card.note.text() == ACTIVATIONS["rrelu"].facts().note_en
        and view.facts.cost_status.text() == "cost measured"
        and view.parameters.heading.text() == "Parameters of RReLU (randomized leaky)"
        and view.parameters.sliders["lower"].spin_box.toolTip().startswith("allowed range")
        and view.function_list.group_items["relu_family"].text(0) == "ReLU family"
        and view.depth.readout.text().startswith("<b>At depth L = 10")
        and view.softmax.check.text().startswith("Two classes")
        and view.softmax.count.prefix() == "logits: "
        and view.loss.annotation.toPlainText().startswith("confidently wrong")
        and legend == ["MSE (p − y)²", "cross-entropy"]
        and view.loss.grad_plot.getAxis("bottom").labelText == "logit z"
        and view.maxout.piece_labels[0].text() == "piece 1"
    )


def _explorer_tab(qtbot):
    from gui.explorer.explorer_tab import ExplorerTab

    tab = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    _show_everything(qtbot, tab.view)
    return tab, lambda: _explorer_is_english(tab.view)


def _main_window(qtbot):
    from gui.main_window import MainWindow

    window = MainWindow(remember_settings=False)
    qtbot.addWidget(window)
    window.show()
    _show_everything(qtbot, window.explorer.view)
    window.statusBar().showMessage("")

    def is_english() -> bool:
        titles = [a.text() for a in window.menuBar().actions()]
        buttons = [b.text() for b in window.toolbar.findChildren(QAbstractButton) if b.text()]
        return (
            titles == ["&File", "&View", "&Training", "&Help"]
            and "Presenter mode" in buttons
            and window.tabs.tabText(0) == "Explorer"
            and window.tabs.tabText(1) == "Training lab"
            and window.training.view.run_controls.start_button.text() == "▶ Start"
            and _explorer_is_english(window.explorer.view)
        )

    return window, is_english


LIVE_VIEWS: dict[str, Callable] = {
    "plot export dialog": _plot_export_dialog,
    "about dialog": _about_dialog,
    "explorer tab": _explorer_tab,
    "main window": _main_window,
}


@pytest.mark.parametrize("name", list(LIVE_VIEWS))
def test_a_view_switches_language_live(qtbot, english_afterwards, name):
    widget, is_english = LIVE_VIEWS[name](qtbot)
    widget.show()
    assert is_english()
    assert untranslated_texts(widget), "the checker must see English before the switch"
    switch_language(LANGUAGE)
    left = untranslated_texts(widget)
    assert not left, f"{name}: English left after switching to {LANGUAGE}:\n" + "\n".join(left)
    switch_language("en")
    assert is_english(), f"{name} did not switch back to English"
    try:
        widget.close()  # the main window joins its training thread
    finally:
        QCoreApplication.processEvents()


def test_the_main_window_menu_switches_everything_and_back(qtbot, english_afterwards):
    """The user's path: View > Language, i.e. ``MainWindow.set_language``."""
    window, is_english = _main_window(qtbot)
    window.set_language(LANGUAGE)
    QCoreApplication.processEvents()
    left = untranslated_texts(window)
    assert not left, f"English left in the main window in {LANGUAGE}:\n" + "\n".join(left)
    explorer = window.explorer.view
    assert explorer.panels.tabText(0) == "特性"
    assert explorer.function_list.group_items["relu_family"].text(0) == "ReLU 家族"
    window.set_language("en")
    QCoreApplication.processEvents()
    assert is_english()
    window.close()


def test_an_explorer_refusal_is_said_again_in_the_new_language(qtbot, english_afterwards):
    from gui.explorer.explorer_tab import ExplorerTab

    tab = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(tab)
    tab.show()
    view = tab.view
    view.function_list.set_checked("rrelu", True)
    view.function_list.set_current("rrelu")
    lower = view.parameters.sliders["lower"]
    lower.slider.setValue(lower.slider.maximum())  # above upper: refused
    message = view.parameters.message
    assert message.isVisibleTo(view)
    assert message.text().startswith("Refused: ")
    reason = message.text().removeprefix("Refused: ")
    switch_language(LANGUAGE)
    assert message.text() != f"Refused: {reason}"
    assert message.text().endswith(reason)
    assert _CJK.search(message.text())
    switch_language("en")
    assert message.text() == f"Refused: {reason}"


def test_the_training_tab_switches_language_live(qtbot, training_tab, english_afterwards):
    from core.presets import load_presets
    from gui.training.training_worker import RunEvent

    tab = training_tab
    c, v = tab.controller, tab.view
    # A state that shows as many texts as possible: a comparison preset with an activation
    # parameter (B = Leaky ReLU), a finished run, a divergence banner, a scrubbed timeline.
    preset = next(p for p in load_presets() if p.id == "dying_relu_lr")
    v.config_panel.preset_combo.setCurrentIndex(v.config_panel.preset_combo.findData(preset.id))
    assert len(c.configs) == 2
    v.run_controls.record_every_spin.setValue(1)
    v.run_controls.stop_after_spin.setValue(3)
    v.run_controls.start_button.click()
    qtbot.waitUntil(lambda: c.worker_state == "finished" and c.latest_step() == 3, timeout=20_000)
    qtbot.waitUntil(lambda: "Stopped after" in v.run_controls.status_label.text(), timeout=5000)
    c.mailbox.post(RunEvent(c.generation, "diverged", 3))  # as the worker reports it
    qtbot.waitUntil(lambda: not v.banner.isHidden(), timeout=5000)
    v.timeline.slider.setValue(1)
    assert untranslated_texts(tab), "the checker must see English before the switch"
    keep_selection = (
        v.quantity_combo.currentData(),
        v.axis_combo.currentData(),
        v.config_panel.init_combo.currentData(),
        v.run_controls.speed_combo.currentData(),
    )

    switch_language(LANGUAGE)
    tab.set_language(LANGUAGE)  # what the main window does after install_language
    left = untranslated_texts(tab)
    assert not left, f"English left in the training tab in {LANGUAGE}:\n" + "\n".join(left)
    assert v.run_controls.start_button.text() == "▶ 开始"
    assert "3" in v.run_controls.status_label.text()
    assert preset.title_zh == v.config_panel.preset_combo.currentText()
    assert v.histograms.label_text(0, 0).startswith("L")
    assert "死亡" in v.histograms.label_text(0, 0)
    selection = (
        v.quantity_combo.currentData(),
        v.axis_combo.currentData(),
        v.config_panel.init_combo.currentData(),
        v.run_controls.speed_combo.currentData(),
    )
    assert selection == keep_selection  # items re-labelled, not rebuilt

    switch_language("en")
    tab.set_language("en")
    assert v.run_controls.start_button.text() == "▶ Start"
    assert v.config_panel.network_box.title() == "Network"
    assert v.run_controls.status_label.text() == "Stopped after 3 steps."
    assert v.config_panel.preset_combo.currentText() == preset.title_en
    assert "diverged at step 3" in v.banner.message.text()
    assert v.curves.loss_plot.getAxis("left").labelText == "loss"
    assert "dead" in v.histograms.label_text(0, 0)
    assert "PAST" in v.timeline.live_badge.text()
    assert v.config_panel.compare_summary.text().startswith("B differs from A in: Activation")


def test_the_cjk_font_comes_first_in_chinese_and_goes_in_english(qapp):
    from gui.i18n import apply_language_font, cjk_family

    family = cjk_family()
    if family is None:
        pytest.skip("no font with Chinese glyphs on this machine")
    before = qapp.font()
    try:
        apply_language_font(qapp, "zh_CN", 10)
        assert qapp.font().families()[0] == family
        apply_language_font(qapp, "en", 10)
        if family not in before.families():  # unless the system's own font is the CJK one
            assert family not in qapp.font().families()
        apply_language_font(qapp, "zh_CN", 16)
        assert qapp.font().families()[0] == family
        assert qapp.font().pointSizeF() == 16
    finally:
        apply_language_font(qapp, "en", 10)
        qapp.setFont(before)


def test_tick_labels_keep_the_latin_font_first_in_chinese(qapp):
    """Digits and exponents (10⁻²⁰) from one font: a CJK font first mismatches ⁰."""
    from PySide6.QtGui import QFontInfo

    from gui import theme
    from gui.i18n import apply_language_font, cjk_family
    from gui.widgets.plot_style import plot_fonts

    family = cjk_family()
    if family is None:
        pytest.skip("no font with Chinese glyphs on this machine")
    before = qapp.font()
    try:
        apply_language_font(qapp, "en", 10)
        latin = qapp.font().families()[0]
        if latin == family:
            pytest.skip("the system's own font is the CJK one")
        latin_real = QFontInfo(qapp.font()).family()  # "Sans Serif" → e.g. "DejaVu Sans"
        apply_language_font(qapp, "zh_CN", 10)
        tick = plot_fonts(theme.current()).tick
        assert tick.families()[0] == latin_real
        assert latin in tick.families()
        assert family in tick.families()  # Chinese in a tick label still has its glyphs
        assert QFontInfo(tick).family() == latin_real  # what is drawn: digits not from CJK
    finally:
        apply_language_font(qapp, "en", 10)
        qapp.setFont(before)


def test_activation_names_are_shown_in_the_ui_language(qtbot, english_afterwards):
    """The three names with English words in them ("RReLU (randomized leaky)", ...) have
    Chinese names in core; every place the explorer shows a function's name follows the
    language, and the list's filter still finds a function by its English name or id."""
    from gui.explorer.explorer_tab import ExplorerTab

    tab = ExplorerTab(auto_measure_cost=False)
    qtbot.addWidget(tab)
    tab.show()
    view = tab.view
    for aid in ("rrelu", "identity"):
        view.function_list.set_checked(aid, True)
    view.function_list.set_current("rrelu")
    view.show_panel("depth")
    tab.controller.refresh_secondary()  # facts and depth readout (else a moment later)

    def shown_names() -> dict[str, str]:
        legend = [label.text for _sample, label in view.plots.legend.items]
        return {
            "list": view.function_list.items["rrelu"].text(0),
            "legend": next(t for t in legend if t.startswith("RReLU")),
            "heading": view.parameters.heading.text(),
            "card": view.facts.cards["rrelu"].title.text(),
            "depth": view.depth.readout.text(),
        }

    english, chinese = ACTIVATIONS["rrelu"].name, ACTIVATIONS["rrelu"].name_zh
    assert chinese == "RReLU（随机泄漏）"
    assert all(english in text for text in shown_names().values()), shown_names()
    switch_language(LANGUAGE)
    names = shown_names()
    assert all(chinese in text and english not in text for text in names.values()), names
    assert view.function_list.items["identity"].text(0) == "恒等（线性）"
    tree = view.function_list
    for needle, found in (("linear", "identity"), ("randomized", "rrelu"), ("随机", "rrelu")):
        tree.filter_edit.setText(needle)
        assert not tree.items[found].isHidden(), needle
        assert tree.items["sigmoid"].isHidden(), needle
    tree.filter_edit.setText("")
    switch_language("en")
    assert all(english in text and chinese not in text for text in shown_names().values())
    assert view.function_list.items["identity"].text(0) == "Identity (linear)"


def test_the_training_forms_name_activations_in_the_ui_language(
    qtbot, training_tab, english_afterwards
):
    from gui.guide_dialog import differences

    panel, c = training_tab.view.config_panel, training_tab.controller
    combos = (panel.activation_combo, panel.compare_activation)

    def gelu_names() -> list[str]:
        return [combo.itemText(combo.findData("gelu_tanh")) for combo in combos]

    assert gelu_names() == ["GELU (tanh approx.)"] * 2
    panel.activation_combo.setCurrentIndex(panel.activation_combo.findData("gelu_tanh"))
    switch_language(LANGUAGE)
    training_tab.set_language(LANGUAGE)
    assert gelu_names() == ["GELU（tanh 近似）"] * 2
    assert panel.activation_combo.currentData() == "gelu_tanh"  # re-labelled, not rebuilt
    assert c.run_titles() == ["GELU（tanh 近似）"]
    a = c.config
    b = a.with_changes(activation="identity")
    assert ("激活函数", "GELU（tanh 近似）", "恒等（线性）") in differences(a, b)
    switch_language("en")
    training_tab.set_language("en")
    assert panel.activation_combo.currentText() == "GELU (tanh approx.)"
    assert c.run_titles() == ["GELU (tanh approx.)"]
    assert ("Activation", "GELU (tanh approx.)", "Identity (linear)") in differences(a, b)


@pytest.mark.parametrize("mode", ["AcceptOpen", "AcceptSave"])
def test_the_file_dialog_labels_are_chinese(qtbot, english_afterwards, mode):
    """Qt's own catalog lacks two of its file dialog's labels; ours fills them in."""
    from PySide6.QtWidgets import QFileDialog

    switch_language(LANGUAGE)
    dialog = QFileDialog(None, "", "", "JSON (*.json)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(getattr(QFileDialog.AcceptMode, mode))
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    texts = [t for w, t in visible_texts(dialog) if "QLabel" in w or "Button" in w]
    assert texts
    assert all(_CJK.search(t) for t in texts), texts


def test_the_lecture_guide_is_chinese_on_every_page(qtbot, english_afterwards):
    """Each page's run set-up names the fields and values as the training form does (the
    set-up line once said "activation Sigmoid → ReLU, init default → he_normal")."""
    from core.presets import load_presets
    from gui.guide_dialog import GuideDialog

    switch_language(LANGUAGE)
    dialog = GuideDialog(load_presets(), LANGUAGE)
    qtbot.addWidget(dialog)
    dialog.show()
    for row in range(dialog.preset_list.count()):
        dialog.preset_list.setCurrentRow(row)
        left = untranslated_texts(dialog)
        assert not left, f"page {row + 1}: " + "\n".join(left)
    dialog.select("vanishing_sigmoid")
    setup = dialog.setup_label.text()
    assert "激活函数：Sigmoid → ReLU" in setup
    assert "初始化：PyTorch 默认" in setup
    assert "Sigmoid。B 与 A 的不同之处" in setup

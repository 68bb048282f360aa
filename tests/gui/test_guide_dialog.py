"""The lecture guide: presets in lecture order, both languages, the open signal."""

from __future__ import annotations

import html
import random
from typing import ClassVar

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from core.presets import load_presets
from gui import theme as theme_mod
from gui.guide_dialog import GuideDialog


@pytest.fixture
def presets():
    return load_presets()


@pytest.fixture
def dialog(qtbot, presets):
    shuffled = list(presets)
    random.Random(3).shuffle(shuffled)  # the dialog orders them itself
    d = GuideDialog(shuffled, "en")
    qtbot.addWidget(d)
    return d


def _watch_text(d: GuideDialog) -> str:
    return d.watch_label.text()


def test_lists_the_presets_in_lecture_order(dialog, presets):
    ids = [dialog.preset_list.item(i).data(0x0100) for i in range(dialog.preset_list.count())]
    assert ids == [p.id for p in sorted(presets, key=lambda p: p.order)]
    assert ids[0] == "vanishing_sigmoid"
    assert ids[-1] == "selu_self_normalizing"
    assert ids.index("glorot_tanh") < ids.index("he_relu") < ids.index("dying_relu_lr")
    for row, p in enumerate(dialog.presets):
        assert dialog.preset_list.item(row).text() == f"{row + 1}. {p.title_en}"
    assert dialog.current_id() == "vanishing_sigmoid"
    assert not dialog.isModal()


def test_selection_changes_the_texts(dialog):
    first = dialog.presets[0]
    assert dialog.title_label.text() == first.title_en
    assert dialog.explanation_label.text() == first.explanation_en
    for item in first.watch_en:
        assert f"<li>{html.escape(item)}</li>" in _watch_text(dialog)
    assert dialog.step_label.text() == f"Preset 1 of {len(dialog.presets)}"
    assert not dialog.previous_button.isEnabled()

    dialog.preset_list.setCurrentRow(4)
    p = dialog.presets[4]
    assert dialog.current_id() == p.id
    assert dialog.title_label.text() == p.title_en
    assert dialog.explanation_label.text() == p.explanation_en
    assert f"Runs {p.steps} steps" in dialog.setup_label.text()
    assert "B differs from A in" in dialog.setup_label.text()

    assert dialog.select("dying_relu_bias")
    assert dialog.title_label.text() == "Dying ReLU from a negative bias"
    setup = dialog.setup_label.text()
    assert "Bias" not in setup  # A and B share the bias
    assert "B differs from A in: Activation: ReLU → ELU" in setup
    assert not dialog.select("no_such_preset")
    assert dialog.current_id() == "dying_relu_bias"
    assert dialog.select("he_relu")
    assert "Init: Xavier (Glorot) normal → He (Kaiming) normal" in dialog.setup_label.text()


def test_watch_items_are_escaped_bullets(qtbot):
    p = load_presets()[0]
    d = GuideDialog([p], "en")
    qtbot.addWidget(d)
    text = d.watch_label.text()
    assert text.count("<li>") == len(p.watch_en)
    assert "A&#x27;s blue input-layer curve" in text  # plain text, escaped for the label
    assert not d.previous_button.isEnabled()
    assert not d.next_button.isEnabled()


def test_previous_and_next_walk_the_lecture(dialog):
    n = len(dialog.presets)
    for row in range(1, n):
        dialog.next_button.click()
        assert dialog.preset_list.currentRow() == row
    assert not dialog.next_button.isEnabled()
    dialog.previous_button.click()
    assert dialog.preset_list.currentRow() == n - 2
    assert dialog.title_label.text() == dialog.presets[n - 2].title_en


def test_open_emits_the_selected_id(qtbot, dialog):
    dialog.select("he_relu")
    with qtbot.waitSignal(dialog.presetRequested, timeout=1000) as blocker:
        dialog.open_button.click()
    assert blocker.args == ["he_relu"]
    dialog.preset_list.setCurrentRow(0)
    item = dialog.preset_list.item(0)
    with qtbot.waitSignal(dialog.presetRequested, timeout=1000) as blocker:
        dialog.preset_list.itemActivated.emit(item)  # double-click / Enter on the list
    assert blocker.args == ["vanishing_sigmoid"]


def test_chinese_from_the_start_and_switching_at_run_time(qtbot, presets):
    d = GuideDialog(presets, "zh_CN")
    qtbot.addWidget(d)
    first = d.presets[0]
    assert d.title_label.text() == first.title_zh
    assert d.explanation_label.text() == first.explanation_zh
    assert f"<li>{html.escape(first.watch_zh[0])}</li>" in _watch_text(d)
    assert d.preset_list.item(0).text() == f"1. {first.title_zh}"

    d.select("selu_self_normalizing")
    p = d.current_preset()
    d.set_language("en")
    assert d.current_id() == "selu_self_normalizing"  # the selection survives
    assert d.title_label.text() == p.title_en
    assert d.explanation_label.text() == p.explanation_en
    assert f"<li>{html.escape(p.watch_en[0])}</li>" in _watch_text(d)
    assert d.preset_list.item(0).text() == f"1. {first.title_en}"
    d.set_language("zh_CN")
    assert d.title_label.text() == p.title_zh
    assert d.preset_list.item(7).text() == f"8. {p.title_zh}"


class _FakeChinese(QTranslator):
    """Stands in for the compiled catalog: translates two of the dialog's strings."""

    TEXTS: ClassVar[dict[str, str]] = {
        "Open this preset": "打开此预设",
        "Lecture guide": "课堂讲解指南",
    }

    def isEmpty(self):  # an "empty" translator is skipped by Qt
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        # None is "no translation" (a null QString); "" would blank every other string.
        if context == "GuideDialog":
            return self.TEXTS.get(source)
        return None


def test_ui_strings_follow_the_installed_translator(qtbot, dialog):
    app = QApplication.instance()
    assert dialog.open_button.text() == "Open this preset"
    assert dialog.windowTitle() == "Lecture guide"
    translator = _FakeChinese()
    app.installTranslator(translator)
    try:
        QCoreApplication.processEvents()  # delivers LanguageChange: retranslate()
        assert dialog.open_button.text() == "打开此预设"
        assert dialog.windowTitle() == "课堂讲解指南"
        dialog.set_language("zh_CN")  # what the main window calls after installing
        assert dialog.open_button.text() == "打开此预设"
        assert dialog.title_label.text() == dialog.presets[0].title_zh
    finally:
        app.removeTranslator(translator)
        QCoreApplication.processEvents()
    assert dialog.open_button.text() == "Open this preset"


def test_fits_the_screen_and_scales_for_presenter_mode(qtbot, dialog):
    dialog.show()
    qtbot.waitExposed(dialog)
    avail = dialog.screen().availableGeometry()
    assert dialog.width() <= avail.width()
    assert dialog.height() <= avail.height()
    normal = dialog.title_label.font().pointSizeF()
    body = dialog.explanation_label.font().pointSizeF()
    assert normal > body >= theme_mod.current().base_point_size
    try:
        theme_mod.set_theme(presenter=True)
        assert dialog.explanation_label.font().pointSizeF() == pytest.approx(body * 1.6)
        assert dialog.title_label.font().pointSizeF() == pytest.approx(normal * 1.6)
    finally:
        theme_mod.set_theme(presenter=False)
    assert dialog.explanation_label.font().pointSizeF() == pytest.approx(body)


def test_no_presets(qtbot):
    d = GuideDialog([], "en")
    qtbot.addWidget(d)
    assert d.current_id() is None
    assert not d.open_button.isEnabled()
    assert d.explanation_label.text() == "There are no presets to show."
    d.open_current()  # nothing to open: no signal, no error


def test_the_real_catalog_leaves_no_english(qtbot, presets):
    """With the shipped zh_CN catalog installed, everything the guide shows is Chinese (or a
    name that stays English), on every page; switching back gives English again."""
    from gui.i18n import install_language
    from tests.gui.test_translations import switch_language, untranslated_texts

    d = GuideDialog(presets, "en")
    qtbot.addWidget(d)
    d.show()
    try:
        switch_language("zh_CN")
        d.set_language("zh_CN")  # as the main window does
        for row in range(len(d.presets)):
            d.preset_list.setCurrentRow(row)
            left = untranslated_texts(d)
            assert not left, "\n".join(left)
        assert d.open_button.text() != "Open this preset"
    finally:
        install_language(QApplication.instance(), "en")
        QCoreApplication.processEvents()
    d.set_language("en")
    assert d.open_button.text() == "Open this preset"
    assert d.title_label.text() == d.presets[-1].title_en

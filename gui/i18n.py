"""UI language: Qt Linguist translations for our strings and Qt's own, plus a CJK font.

English is the source language. ``zh_CN`` comes from resources/translations/*.qm, built
from the .ts sources by packaging/update_translations.py.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from core.resources import resource_root

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
CATALOG = "activation_lab"

# Fonts that carry the Simplified Chinese glyphs, most common first on each platform.
_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)

# Qt's own zh_CN catalog lacks these two labels of its file dialog (Qt 6 gave them the
# mnemonics "&Look in:" and "Files of &type:"): ours translates them, and Qt looks in
# every installed catalog.
QT_CATALOG_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    """The language to use on first start: Chinese on a Chinese system, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def current_language() -> str:
    """The language last passed to ``install_language`` ("en" until then)."""
    return _current


def normalize_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else "en"


def translations_folder() -> str:
    return str(resource_root() / "translations")


def install_language(app: QCoreApplication, language: str) -> bool:
    """Replace the installed translators; returns False if our catalog failed to load.

    Qt then posts ``QEvent.LanguageChange`` to every widget: each view re-sets its texts
    in ``retranslate()`` (texts that core gives in both languages follow ``set_language``).
    """
    global _current
    _current = normalize_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return True
    ok = True
    ours = QTranslator(app)
    if ours.load(f"{CATALOG}_{language}", translations_folder()):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt_own = QTranslator(app)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qt_{language}", qt_path) or qt_own.load(f"qtbase_{language}", qt_path):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return ok


def refresh_size_hints(*widgets: QWidget) -> None:
    """Make combo boxes measure their item texts again (call after re-labelling items).

    QComboBox caches its size hints from the texts it first measured and recomputes them
    only on a style change: without this a combo keeps the width of the previous language
    (clipped text) or of its empty items. A StyleChange sent to the widget alone does it.
    """
    for widget in widgets:
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))


def cjk_family() -> str | None:
    """A font family on this system that has the Chinese glyphs, if any."""
    families = set(QFontDatabase.families())
    for name in _CJK_FAMILIES:
        if name in families:
            return name
    for name in sorted(families):
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    return None


_base_families: list[str] | None = None


def number_families() -> list[str]:
    """Families for text that is mostly digits and signs (tick labels): the application's
    own families first, so 10⁻²⁰'s superscripts come from one font, then the language's.
    (A CJK font first draws ⁰ unlike ² and ⁻: a mismatched exponent.)"""
    app_families = list(QApplication.font().families())
    if _base_families is None:
        return app_families
    # The family the base list really resolves to: an alias such as "Sans Serif" is
    # skipped in a list that names a real family after it, the CJK one would win.
    base = QFont()
    base.setFamilies(_base_families)
    real = QFontInfo(base).family()
    first = [real] + [f for f in _base_families if f != real]
    return first + [f for f in app_families if f not in first]


def apply_language_font(app: QApplication, language: str, point_size: float) -> None:
    """Prefer a CJK-capable family in Chinese so no glyph falls back to boxes; English
    gets the application's own families back."""
    global _base_families
    if _base_families is None:
        _base_families = list(app.font().families())
    font = QFont(app.font())
    families = list(_base_families)
    if language == "zh_CN":
        family = cjk_family()
        if family and family not in families:
            families.insert(0, family)
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    app.setFont(font)

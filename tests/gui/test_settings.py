"""Preferences survive junk in the settings store."""

import pytest
from PySide6.QtCore import QSettings

from gui.settings import MAX_RECENT, AppSettings


@pytest.fixture
def settings(tmp_path):
    store = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    return AppSettings(store), store


def test_language_is_none_until_chosen_and_rejects_unknown(settings):
    prefs, store = settings
    assert prefs.language() is None
    prefs.set_language("zh_CN")
    assert prefs.language() == "zh_CN"
    store.setValue("ui/language", "klingon")
    assert prefs.language() is None


def test_flags_read_back_from_an_ini_file_as_booleans(settings, tmp_path):
    prefs, store = settings
    prefs.set_presenter(True)
    store.sync()
    reread = AppSettings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    assert reread.presenter() is True
    assert reread.dark() is False


def test_junk_values_fall_back_to_defaults(settings):
    prefs, store = settings
    store.setValue("ui/dark", 42)
    store.setValue("files/recent", 7)
    store.setValue("window/geometry", "not bytes")
    assert prefs.dark() is False
    assert prefs.recent_files() == []
    assert prefs.geometry() is None


def test_recent_files_most_recent_first_without_duplicates_and_bounded(settings, tmp_path):
    prefs, _ = settings
    paths = [tmp_path / f"s{i}.json" for i in range(MAX_RECENT + 3)]
    for p in paths:
        prefs.add_recent_file(str(p))
    prefs.add_recent_file(str(paths[-2]))
    recent = prefs.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == str(paths[-2].resolve())
    assert len(set(recent)) == len(recent)

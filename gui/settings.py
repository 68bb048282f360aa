"""Preferences remembered between runs (QSettings), read defensively.

QSettings may hand back strings for booleans (INI backend) or junk written by an older
version; every getter returns a valid value of the right type whatever is stored.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from gui.i18n import LANGUAGES

MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    # -- language ---------------------------------------------------------------------
    def language(self) -> str | None:
        """The chosen language, or None before the user has chosen (follow the system)."""
        value = self._s.value("ui/language")
        return value if isinstance(value, str) and value in LANGUAGES else None

    def set_language(self, language: str) -> None:
        if language in LANGUAGES:
            self._s.setValue("ui/language", language)

    # -- look -------------------------------------------------------------------------
    def _flag(self, key: str, default: bool) -> bool:
        value = self._s.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return default

    def presenter(self) -> bool:
        return self._flag("ui/presenter", False)

    def set_presenter(self, on: bool) -> None:
        self._s.setValue("ui/presenter", bool(on))

    def dark(self) -> bool:
        return self._flag("ui/dark", False)

    def set_dark(self, on: bool) -> None:
        self._s.setValue("ui/dark", bool(on))

    # -- window -----------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)

    # -- recent files -----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._s.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        resolved = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != resolved]
        files.insert(0, resolved)
        files = files[:MAX_RECENT]
        self._s.setValue("files/recent", files)
        return files

    def remove_recent_file(self, path: str) -> list[str]:
        files = [f for f in self.recent_files() if f != path]
        self._s.setValue("files/recent", files)
        return files

    def last_folder(self) -> str:
        value = self._s.value("files/last_folder", "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, folder: str) -> None:
        self._s.setValue("files/last_folder", folder)

    def sync(self) -> None:
        self._s.sync()

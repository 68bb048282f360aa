"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

import core
from gui import i18n
from gui import theme as theme_mod
from gui.settings import AppSettings


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("Activation Lab")
    app.setOrganizationName("Activation Lab")
    app.setApplicationVersion(core.__version__)
    app.setDesktopFileName("activation-lab")
    return app


def startup_language(settings: AppSettings) -> str:
    """The remembered choice, or on first start the system's language."""
    return settings.language() or i18n.system_language()


def run_app(argv: list[str] | None = None) -> int:
    app = create_application(argv)
    from gui.main_window import MainWindow, app_icon

    settings = AppSettings()
    language = startup_language(settings)
    if not i18n.install_language(app, language):
        language = "en"
        i18n.install_language(app, language)
    th = theme_mod.set_theme(presenter=settings.presenter(), dark=settings.dark())
    if th.dark:
        theme_mod.apply_palette(app, True)
    i18n.apply_language_font(app, language, th.base_point_size)
    app.setWindowIcon(app_icon())
    window = MainWindow(language=language)
    window.show()
    return app.exec()

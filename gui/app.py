"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

import core
from gui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("Activation Lab")
    app.setOrganizationName("Activation Lab")
    app.setApplicationVersion(core.__version__)
    return app


def run_app(argv: list[str] | None = None) -> int:
    app = create_application(argv)
    window = MainWindow()
    window.show()
    return app.exec()

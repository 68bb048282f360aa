"""The main window: one tab per lab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

APP_TITLE = "Activation Lab"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        for title, text in (
            (self.tr("Explorer"), self.tr("The activation explorer is being built.")),
            (self.tr("Training lab"), self.tr("The training lab is being built.")),
        ):
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(label, title)

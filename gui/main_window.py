"""The main window: one tab per lab."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget

from gui.explorer.explorer_tab import ExplorerTab
from gui.training.training_tab import TrainingTab

APP_TITLE = "Activation Lab"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.explorer = ExplorerTab()
        self.tabs.addTab(self.explorer, self.tr("Explorer"))
        self.training = TrainingTab()
        self.tabs.addTab(self.training, self.tr("Training lab"))

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        # Stop and join the training thread before the widgets it reports to go away.
        self.training.shutdown()
        super().closeEvent(event)

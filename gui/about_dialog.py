"""Help → About: what this build is made of, for a bug report or a lab handout."""

from __future__ import annotations

import platform
import sys

import numpy as np
import pyqtgraph as pg
import PySide6
import torch
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import core


def version_lines() -> list[tuple[str, str]]:
    return [
        ("Activation Lab", core.__version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", pg.__version__),
        ("torch", torch.__version__),
        ("numpy", np.__version__),
        ("OS", f"{platform.system()} {platform.release()} ({platform.machine()})"),
        ("frozen", "yes" if getattr(sys, "frozen", False) else "no"),
    ]


class AboutDialog(QDialog):
    """The app's name (not translated), a blurb, and the versions list.

    The versions stay in English on purpose: they are pasted into bug reports.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>Activation Lab {core.__version__}</h2>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.blurb = QLabel()
        self.blurb.setWordWrap(True)
        self.versions = QPlainTextEdit()
        self.versions.setReadOnly(True)
        self.versions.setPlainText("\n".join(f"{k}: {v}" for k, v in version_lines()))
        self.versions.setMinimumHeight(170)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        for w in (title, self.blurb, self.versions, buttons):
            layout.addWidget(w)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Activation Lab"))
        self.blurb.setText(
            self.tr(
                "A lab for teaching how activation functions shape a neural network: "
                "exact derivatives, honest axes, and gradients you can watch layer by layer."
            )
        )
        self.copy_button.setText(self.tr("Copy versions"))
        self.copy_button.setToolTip(self.tr("Copy the list for a bug report"))
        self.versions.setToolTip(self.tr("Versions of this build (for a bug report)"))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.versions.toPlainText())

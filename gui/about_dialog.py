"""Help → About: what this build is made of, for a bug report or a lab handout."""

from __future__ import annotations

import platform
import sys

import numpy as np
import pyqtgraph as pg
import PySide6
import torch
from PySide6.QtCore import Qt, qVersion
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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Activation Lab"))
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>Activation Lab {core.__version__}</h2>")
        title.setTextFormat(Qt.TextFormat.RichText)
        blurb = QLabel(
            self.tr(
                "A lab for teaching how activation functions shape a neural network: "
                "exact derivatives, honest axes, and gradients you can watch layer by layer."
            )
        )
        blurb.setWordWrap(True)
        self.versions = QPlainTextEdit()
        self.versions.setReadOnly(True)
        self.versions.setPlainText("\n".join(f"{k}: {v}" for k, v in version_lines()))
        self.versions.setMinimumHeight(170)
        copy = QPushButton(self.tr("Copy versions"))
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        for w in (title, blurb, self.versions, buttons):
            layout.addWidget(w)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.versions.toPlainText())

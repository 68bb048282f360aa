import platform

import torch
from PySide6.QtCore import qVersion

import core
from gui.about_dialog import AboutDialog


def test_about_lists_the_running_versions(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.versions.toPlainText()
    for expected in (core.__version__, platform.python_version(), qVersion(), torch.__version__):
        assert expected in text

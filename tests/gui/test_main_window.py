from gui.main_window import MainWindow


def test_main_window_title_starts_with_app_name(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("Activation Lab")
    assert window.tabs.count() >= 2

"""Create the QApplication and the main window."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

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


def close_on_signals(window: QWidget, then: Callable[[], None] | None = None) -> Callable[[], None]:
    """Make Ctrl+C in the terminal the app was started from (SIGINT), and SIGTERM, close
    ``window`` as its close button does (the training thread stopped and joined, the
    settings saved), then call ``then``. Returns a function that puts the previous
    handlers back; keep it as long as the handlers are wanted (it holds their sockets).

    Python runs a signal's handler only when the interpreter next runs, and Qt's idle event
    loop runs no Python: the signal would wait for the next mouse move. So its arrival is
    also written to a socket that a QSocketNotifier watches, which wakes the loop. Where
    that cannot be set up (not the main thread, no socket pair) nothing changes."""
    try:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        previous_fd = signal.set_wakeup_fd(writer.fileno())
    except (OSError, ValueError):
        return lambda: None
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:  # runs Python, so the handler below runs too
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)

    def close(signum: int, frame: object) -> None:
        def close_then() -> None:
            window.close()
            if then is not None:
                then()

        QTimer.singleShot(0, close_then)

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        with contextlib.suppress(RuntimeError):  # gone with the window already
            notifier.setEnabled(False)
            notifier.deleteLater()
        reader.close()
        writer.close()

    return restore


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
    window.place_on_first_start()
    window.show()
    # However the loop ends, the training thread is joined before Python tears Qt down.
    app.aboutToQuit.connect(window.shut_down_workers)
    restore_signals = close_on_signals(window, app.quit)
    try:
        return app.exec()
    finally:
        restore_signals()

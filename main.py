"""Activation Lab: start the desktop app, or run a headless command.

python main.py                 open the app
python main.py --self-check    open the window offscreen, exercise each tab, exit 0 or 1
python main.py train ...       train headless and write JSON (see --help)
"""

from __future__ import annotations

import sys

USAGE = """\
usage: main.py [--self-check] [Qt options]
       main.py train [options]     (main.py train --help lists them)
       main.py --help | --version

With no arguments: open Activation Lab. The language, theme and presenter mode are
chosen in the View menu and remembered.
  --self-check   open the window offscreen, exercise each tab, exit 0 (works) or 1
  train          train a network headless and write its per-layer records as JSON
  --help, -h     show this help and exit
  --version      show the version and exit
Qt's own options (e.g. -platform offscreen) are passed on to Qt.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Answered before Qt or torch is loaded: they need no display and take no time.
    if args and args[0] != "train" and any(a in ("-h", "--help", "-help") for a in args):
        print(USAGE, end="")
        return 0
    if args and args[0] != "train" and "--version" in args:
        from core import __version__

        print(f"Activation Lab {__version__}")
        return 0
    if args and args[0] == "train":
        from core.cli import main as train_main

        return train_main(args[1:])
    # torch must be imported before Qt: on Windows, torch >= 2.9 fails to load its DLLs
    # once Qt's are in the process.
    import torch  # noqa: F401

    if "--self-check" in args:
        from gui.self_check import run_self_check

        return run_self_check()
    from gui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())

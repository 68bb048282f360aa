"""Activation Lab: start the desktop app, or run a headless command.

python main.py                 open the app
python main.py --self-check    open the window offscreen, exercise each tab, exit 0 or 1
python main.py train ...       train headless and write JSON (see --help)
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
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

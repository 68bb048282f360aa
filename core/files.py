"""Writing a file so that a failure never leaves half of it in place of a good one."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def write_atomically(target: Path, write: Callable[[TextIO], object]) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then put it in its place: a
    failure (also one raised by ``write`` itself) leaves any previous file as it was.

    A symbolic link is followed (the file it points to is replaced, the link stays), and
    a target that exists but is not a regular file (/dev/null, a named pipe, a terminal)
    is written into directly: replacing it would put a plain file where the device was.
    """
    real = Path(os.path.realpath(target))
    try:
        mode = real.stat().st_mode
    except OSError:
        mode = None  # not there yet; or let open() below say what is wrong with it
    if mode is not None and not stat.S_ISREG(mode):
        with open(real, "w", encoding="utf-8") as out:
            write(out)
        return
    tmp = real.with_name(real.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            write(out)
        os.replace(tmp, real)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.filename == str(tmp):  # name the file that was asked for, not the temp file
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

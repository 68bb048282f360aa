"""File and session errors put into words in the UI language.

Core has no Qt, so its messages are English; a ``SessionError`` also tells what kind of
problem it is (``kind``, ``details``) and an ``OSError`` carries its errno, and from those
this module says it again in the installed language (translation context "Errors").
A value that is wrong inside a session file is named by its path in the file
(``explorer.shown[0].params.alpha``), which stays as it is written there.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.session import SessionError


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written (the system's words for the rarer cases)."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return QCoreApplication.translate("Errors", "permission denied")
    if code == errno.ENOENT:
        return QCoreApplication.translate("Errors", "no such file or folder")
    if code == errno.ENOSPC:
        return QCoreApplication.translate("Errors", "the disk is full")
    if code == errno.EROFS:
        return QCoreApplication.translate("Errors", "the disk is read-only")
    if code == errno.EISDIR:
        return QCoreApplication.translate("Errors", "it is a folder")
    if code == errno.ENAMETOOLONG:
        return QCoreApplication.translate("Errors", "the name is too long")
    return exc.strerror or str(exc)


def write_error_text(exc: OSError, path: str | Path) -> str:
    """ "Could not write <file>: <reason>" for a failed export or save."""
    return QCoreApplication.translate("Errors", "Could not write {file}: {reason}").format(
        file=exc.filename or str(path), reason=os_reason(exc)
    )


def export_error_text(exc: Exception, path: str | Path) -> str:
    """Why an export failed: a file error by its errno, else the exception's own text
    (gui's export code raises translated messages)."""
    return write_error_text(exc, path) if isinstance(exc, OSError) else str(exc)


def session_error_text(exc: SessionError) -> str:
    """What is wrong with a session file (or with reading or writing it)."""
    d = exc.details
    cause = exc.__cause__
    kind = exc.kind
    if kind in ("read", "write"):
        if kind == "read":
            text = QCoreApplication.translate("Errors", "Could not read {file}: {reason}")
        else:
            text = QCoreApplication.translate("Errors", "Could not write {file}: {reason}")
        reason = os_reason(cause) if isinstance(cause, OSError) else str(exc)
        return text.format(file=d.get("path", ""), reason=reason)
    if kind == "too_large":
        return QCoreApplication.translate(
            "Errors", "{name} is {size} MB; a session file is at most {limit} MB."
        ).format(name=d["name"], size=f"{d['size_mb']:.1f}", limit=f"{d['limit_mb']:.0f}")
    if kind == "not_text":
        return QCoreApplication.translate(
            "Errors", "{name} is not a text file, so it is not a session file."
        ).format(name=d["name"])
    if kind == "not_json":
        return QCoreApplication.translate(
            "Errors",
            "{name} is not valid JSON (line {line}, column {column}); it may be truncated.",
        ).format(name=d["name"], line=d["line"], column=d["column"])
    if kind == "too_deep":
        return QCoreApplication.translate(
            "Errors", "{name} is nested too deeply to be a session file."
        ).format(name=d["name"])
    if kind == "not_session":
        return QCoreApplication.translate("Errors", "This is not an Activation Lab session file.")
    if kind == "newer":
        return QCoreApplication.translate(
            "Errors",
            "It was saved by a newer Activation Lab (session format {version}); this version "
            "reads format {supported}.",
        ).format(version=d["version"], supported=d["supported"])
    if kind == "bad_version":
        return QCoreApplication.translate("Errors", "The session file has no valid format version.")
    if kind == "special_number":
        return QCoreApplication.translate(
            "Errors", "The file contains {value}, which is not a number a session can hold."
        ).format(value=d["value"])
    if kind == "invalid" and "problem" in d:
        return value_problem_text(d)
    return QCoreApplication.translate(
        "Errors", "A value in the file is not valid: {detail}"
    ).format(detail=str(exc))


def _shown(value: object) -> str:
    """A value as the file writes it (JSON), shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def value_problem_text(d: Mapping[str, Any]) -> str:
    """A wrong value in a session file, said in the UI language: the field as the file
    names it, then what is wrong with its value (``details`` of an "invalid"
    SessionError; a problem without words of its own keeps core's English reason)."""
    problem = d["problem"]
    value = _shown(d.get("value"))
    separator = QCoreApplication.translate("Errors", ", ")
    # The problems told by the wrong value alone.
    only_value = {
        "not_number": QCoreApplication.translate("Errors", "must be a number, not {value}"),
        "not_whole": QCoreApplication.translate("Errors", "must be a whole number, not {value}"),
        "not_bool": QCoreApplication.translate("Errors", "must be true or false, not {value}"),
        "not_object": QCoreApplication.translate("Errors", "must be an object {{…}}, not {value}"),
        "not_list": QCoreApplication.translate("Errors", "must be a list […], not {value}"),
        "not_text": QCoreApplication.translate("Errors", "must be a name in quotes, not {value}"),
        "unknown_activation": QCoreApplication.translate(
            "Errors", "{value} is not an activation function of this app"
        ),
        "listed_twice": QCoreApplication.translate("Errors", "{value} is listed twice"),
    }
    if problem in only_value:
        what = only_value[problem].format(value=value)
    elif problem == "out_of_range":
        what = QCoreApplication.translate(
            "Errors", "{value} is outside the allowed range [{low}, {high}]"
        ).format(value=_number(d["value"]), low=_number(d["low"]), high=_number(d["high"]))
    elif problem == "not_choice":
        what = QCoreApplication.translate("Errors", "must be one of {choices}, not {value}").format(
            choices=separator.join(_shown(c) for c in d["choices"]), value=value
        )
    elif problem == "item_count":
        what = QCoreApplication.translate(
            "Errors", "must have {low} to {high} items, not {count}"
        ).format(low=d["low"], high=d["high"], count=d["count"])
    elif problem == "unknown_fields":
        what = QCoreApplication.translate("Errors", "unknown field(s): {names}").format(
            names=separator.join(_shown(n) for n in d["names"])
        )
    else:
        what = str(d.get("reason", problem))
    field = d.get("field") or QCoreApplication.translate("Errors", "the file's top level")
    return QCoreApplication.translate(
        "Errors", "A value in the file is not valid: {field}: {problem}"
    ).format(field=field, problem=what)

"""File and session errors in the UI language (gui/errors.py), from core's real errors."""

from __future__ import annotations

import errno
import json
import re

import pytest
from PySide6.QtCore import QCoreApplication

from core.session import (
    SESSION_FORMAT,
    Session,
    SessionError,
    load_session,
    save_session,
    session_from_json,
)
from gui.errors import export_error_text, os_reason, session_error_text, write_error_text
from gui.i18n import install_language

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    assert install_language(qapp, request.param)
    QCoreApplication.processEvents()
    yield request.param
    install_language(qapp, "en")
    QCoreApplication.processEvents()


def _error(call) -> SessionError:
    with pytest.raises(SessionError) as err:
        call()
    return err.value


def _bad_files(tmp_path) -> dict[str, SessionError]:
    def write(name: str, data: bytes | str):
        path = tmp_path / name
        (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
        return path

    huge = tmp_path / "huge.alab.json"
    with huge.open("wb") as fh:
        fh.truncate(100_000_000)
    newer = json.dumps({"format": SESSION_FORMAT, "version": 99})
    bad_value = json.dumps({"format": SESSION_FORMAT, "version": 1, "explorer": {"depth": 0}})
    return {
        "read": _error(lambda: load_session(tmp_path / "absent.alab.json")),
        "write": _error(lambda: save_session(tmp_path / "no-dir" / "x.alab.json", Session())),
        "too_large": _error(lambda: load_session(huge)),
        "not_text": _error(lambda: load_session(write("image.png", b"\x89PNG\r\n\x1a\n\xff"))),
        "not_json": _error(lambda: load_session(write("cut.alab.json", '{"format": "act'))),
        "too_deep": _error(lambda: load_session(write("deep.json", "[" * 100_000))),
        "not_session": _error(lambda: load_session(write("records.json", '{"records": []}'))),
        "newer": _error(lambda: load_session(write("new.alab.json", newer))),
        "bad_version": _error(
            lambda: load_session(write("v.alab.json", json.dumps({"format": SESSION_FORMAT})))
        ),
        "invalid": _error(lambda: load_session(write("d.alab.json", bad_value))),
    }


def test_every_kind_of_session_error_is_said_in_the_ui_language(tmp_path, language):
    errors = _bad_files(tmp_path)
    assert {kind: e.kind for kind, e in errors.items()} == {k: k for k in errors}
    for kind, exc in errors.items():
        text = session_error_text(exc)
        if language == "zh_CN":
            assert _CJK.search(text), (kind, text)
        else:
            assert not _CJK.search(text), (kind, text)
        name = exc.details.get("name")
        if name:
            assert name in text
    zh = language == "zh_CN"
    assert session_error_text(errors["read"]).endswith(
        "文件或文件夹不存在" if zh else "no such file or folder"
    )
    assert "100.0 MB" in session_error_text(errors["too_large"])
    assert "99" in session_error_text(errors["newer"])
    # a wrong value keeps core's message, which names the field as written in the file
    assert "explorer.depth" in session_error_text(errors["invalid"])


def test_os_errors_by_errno(language):
    zh = language == "zh_CN"
    denied = PermissionError(errno.EACCES, "Permission denied", "/x/run.csv")
    assert os_reason(denied) == ("没有权限" if zh else "permission denied")
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_reason(full) == ("磁盘已满" if zh else "the disk is full")
    odd = OSError(errno.EIO, "Input/output error")
    assert os_reason(odd) == "Input/output error"  # the system's own words
    text = write_error_text(denied, "/elsewhere.csv")
    assert "/x/run.csv" in text  # the file the system named
    assert text.startswith("无法写入" if zh else "Could not write")
    assert export_error_text(denied, "/elsewhere.csv") == text
    assert export_error_text(ValueError("already translated"), "/x.png") == "already translated"


def _session_with(change) -> str:
    data = Session().to_dict()
    change(data)
    return json.dumps(data)


# A wrong value of each kind core tells apart: (change to a good session, the field as the
# message must name it, words the English message must hold).
_WRONG_VALUES = {
    "not_number": (
        lambda d: d["explorer"].update(x_range="big"),
        "explorer.x_range",
        'must be a number, not "big"',
    ),
    "out_of_range": (
        lambda d: d["explorer"].update(depth=500),
        "explorer.depth",
        "500 is outside the allowed range [1, 50]",
    ),
    "param_out_of_range": (
        lambda d: d["explorer"]["shown"][0].update(id="elu", params={"alpha": 9}),
        "explorer.shown[0].params.alpha",
        "9 is outside the allowed range [0, 5]",
    ),
    "config_out_of_range": (
        lambda d: d["training"].update(config={"lr": 99}),
        "training.config.lr",
        "99 is outside the allowed range [0.0001, 10]",
    ),
    "not_whole": (
        lambda d: d["training"].update(config={"depth": 2.5}),
        "training.config.depth",
        "must be a whole number, not 2.5",
    ),
    "not_bool": (
        lambda d: d["explorer"].update(shade_dead=3),
        "explorer.shade_dead",
        "must be true or false, not 3",
    ),
    "not_object": (
        lambda d: d.update(explorer=[1, 2]),
        "explorer",
        "must be an object {…}, not [1, 2]",
    ),
    "not_list": (
        lambda d: d["explorer"].update(shown="sigmoid"),
        "explorer.shown",
        'must be a list […], not "sigmoid"',
    ),
    "not_choice": (
        lambda d: d["training"].update(histogram="nah"),
        "training.histogram",
        'must be one of "grad", "log_grad", "preact", "act", not "nah"',
    ),
    "item_count": (
        lambda d: d["explorer"]["softmax"].update(logits=[1.0]),
        "explorer.softmax.logits",
        "must have 3 to 10 items, not 1",
    ),
    "unknown_fields": (
        lambda d: d["training"].update(config={"speed": 3}),
        "training.config",
        'unknown field(s): "speed"',
    ),
    "unknown_activation": (
        lambda d: d["explorer"]["shown"][0].update(id="swishy"),
        "explorer.shown[0].id",
        '"swishy" is not an activation function of this app',
    ),
    "listed_twice": (
        lambda d: d["explorer"]["shown"][1].update(id="sigmoid", params={}),
        "explorer.shown[1]",
        '"sigmoid" is listed twice',
    ),
}


@pytest.mark.parametrize("case", sorted(_WRONG_VALUES))
def test_a_wrong_value_is_named_by_its_field_and_said_in_the_ui_language(case, language):
    change, field, english = _WRONG_VALUES[case]
    exc = _error(lambda: session_from_json(_session_with(change)))
    assert exc.kind == "invalid"
    assert exc.details["field"] == field
    text = session_error_text(exc)
    assert f"{field}: " in text or f"{field}：" in text
    if language == "zh_CN":
        # Chinese words around the field and values; no English sentence left over.
        assert _CJK.search(text.split(field, 1)[1]), text
        assert "must" not in text, text
        assert "allowed" not in text, text
    else:
        assert text.endswith(english), text


def test_a_rule_between_fields_keeps_cores_reason_after_the_field(language):
    exc = _error(
        lambda: session_from_json(
            _session_with(lambda d: d["training"].update(config={"batch": 600, "n_samples": 512}))
        )
    )
    text = session_error_text(exc)
    assert "training.config" in text
    assert text.endswith("batch = 600 must not exceed n_samples = 512")


def test_nan_in_a_session_file_is_said_in_the_ui_language(language):
    text = '{"format": "activation-lab-session", "version": 1, "explorer": {"x_range": NaN}}'
    exc = _error(lambda: session_from_json(text))
    assert exc.kind == "special_number"
    said = session_error_text(exc)
    assert "NaN" in said
    assert bool(_CJK.search(said)) == (language == "zh_CN")

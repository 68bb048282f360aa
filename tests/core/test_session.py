"""Session files: round trip, and hostile or broken files give a clear SessionError."""

from __future__ import annotations

import json

import pytest

from core.session import (
    MAX_SESSION_BYTES,
    SESSION_FORMAT,
    SESSION_VERSION,
    ExplorerState,
    Session,
    SessionError,
    ShownFunction,
    TrainingState,
    load_session,
    save_session,
    session_from_json,
    session_to_json,
)


def _valid() -> dict:
    return json.loads(session_to_json(Session()))


def test_round_trip_keeps_every_explorer_field(tmp_path):
    state = ExplorerState(
        shown=(ShownFunction("elu", {"alpha": 2.5}), ShownFunction("swish", {"beta": 3.0})),
        current="swish",
        x_range=12.0,
        saturation_fraction=0.1,
        shade_saturated=False,
        shade_dead=True,
        depth=33,
        operating_point=-2.5,
        softmax_logits=(1.0, 2.0, 3.0, 4.0),
        softmax_temperature=0.5,
        loss_target=0,
        maxout_slopes=(1.0, 0.5, -2.0),
        maxout_intercepts=(0.0, 1.0, -1.0),
    )
    path = tmp_path / "lab.alab.json"
    save_session(path, Session(tab="explorer", explorer=state))
    loaded = load_session(path)
    assert loaded.explorer == state
    assert loaded.tab == "explorer"


def test_saved_file_is_plain_versioned_json(tmp_path):
    path = tmp_path / "s.json"
    save_session(path, Session())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == SESSION_FORMAT
    assert data["version"] == SESSION_VERSION


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not an Activation Lab session"),
        (lambda d: d.update(version=SESSION_VERSION + 1), "newer Activation Lab"),
        (lambda d: d.update(version="1"), "version"),
        (lambda d: d.update(tab="nope"), "tab must be one of"),
        (lambda d: d["explorer"].update(x_range=1e308), "explorer.x_range"),
        (lambda d: d["explorer"].update(x_range="wide"), "must be a number"),
        (lambda d: d["explorer"].update(depth=10**30), "explorer.depth"),
        (lambda d: d["explorer"].update(depth=2.5), "whole number"),
        (lambda d: d["explorer"].update(shade_dead="yes"), "true or false"),
        (lambda d: d["explorer"].update(shown=[{"id": "nope"}]), "unknown activation"),
        (
            lambda d: d["explorer"].update(shown=[{"id": "elu", "params": {"alpha": 99}}]),
            "alpha",
        ),
        (lambda d: d["explorer"].update(shown=[{"id": "elu"}, {"id": "elu"}]), "twice"),
        (lambda d: d["explorer"].update(shown="relu"), "must be a list"),
        (lambda d: d["explorer"]["softmax"].update(logits=[1.0] * 1000), "3 to 10 items"),
        (lambda d: d["explorer"]["softmax"].update(temperature=0), "temperature"),
        (lambda d: d["explorer"]["maxout"].update(slopes=[1.0, 2.0, 3.0]), "intercepts"),
        (lambda d: d["explorer"].update(loss_target=True), "0 or 1"),
        (lambda d: d["explorer"].update(surprise=1), "unknown field"),
        (lambda d: d.update(explorer=[1, 2]), "must be an object"),
        (lambda d: d["training"].update(histogram="weights"), "training.histogram must be"),
        (lambda d: d["training"].update(histogram_axis=None), "training.histogram_axis"),
        (lambda d: d["training"].update(record_every=0), "training.record_every"),
        (lambda d: d["training"].update(stop_after=2.5), "training.stop_after"),
        (lambda d: d["training"].update(stop_after=10**12), "training.stop_after"),
        (lambda d: d["training"].update(speed=3), "unknown field"),
    ],
)
def test_bad_fields_are_refused_with_a_message_naming_them(mutate, message):
    data = _valid()
    mutate(data)
    with pytest.raises(SessionError, match=message) as err:
        session_from_json(json.dumps(data))
    kinds = {"not an Activation Lab session": "not_session", "newer Activation Lab": "newer"}
    assert err.value.kind == kinds.get(
        message, "bad_version" if message == "version" else "invalid"
    )


@pytest.mark.parametrize("text", ["[1, 2]", '"session"', "3", '{"records": []}'])
def test_other_json_is_not_a_session(text):
    with pytest.raises(SessionError, match="not an Activation Lab session") as err:
        session_from_json(text)
    assert err.value.kind == "not_session"


def test_training_view_settings_round_trip_and_default_when_left_out():
    state = TrainingState(histogram="act", histogram_axis="auto", record_every=5, stop_after=300)
    assert session_from_json(session_to_json(Session(training=state))).training == state
    data = _valid()
    for key in ("histogram", "histogram_axis", "record_every", "stop_after"):
        del data["training"][key]  # a file from before these were saved
    assert session_from_json(json.dumps(data)).training == TrainingState()


def test_truncated_file_says_it_may_be_truncated(tmp_path):
    text = session_to_json(Session())
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SessionError, match="truncated") as err:
        load_session(path)
    assert err.value.kind == "not_json"
    assert err.value.details["name"] == "cut.json"
    assert err.value.details["line"] >= 1


def test_nan_and_infinity_tokens_are_refused():
    text = session_to_json(Session()).replace('"x_range": 6.0', '"x_range": NaN')
    with pytest.raises(SessionError, match="NaN"):
        session_from_json(text)


def test_deeply_nested_file_is_refused_without_crashing():
    with pytest.raises(SessionError) as err:
        session_from_json("[" * 100_000 + "]" * 100_000)
    assert err.value.kind == "too_deep"


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.seek(100 * 1024 * 1024)
        fh.write(b"\0")
    assert path.stat().st_size > MAX_SESSION_BYTES
    with pytest.raises(SessionError, match="MB") as err:
        load_session(path)
    assert err.value.kind == "too_large"
    assert err.value.details["size_mb"] > err.value.details["limit_mb"]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"\x80\x04\x95PK\x03\x04\xff\xfe")
    with pytest.raises(SessionError, match="not a text file") as err:
        load_session(path)
    assert (err.value.kind, err.value.details) == ("not_text", {"name": "model.pt"})


def test_missing_file_gives_a_session_error(tmp_path):
    with pytest.raises(SessionError, match="could not read") as err:
        load_session(tmp_path / "absent.json")
    assert err.value.kind == "read"
    assert isinstance(err.value.__cause__, FileNotFoundError)


def test_failed_write_leaves_the_previous_file_intact(tmp_path):
    path = tmp_path / "keep.json"
    save_session(path, Session(tab="training"))
    before = path.read_text(encoding="utf-8")
    with pytest.raises(SessionError) as err:
        save_session(tmp_path / "no-such-dir" / "x.json", Session())
    assert err.value.kind == "write"
    assert isinstance(err.value.__cause__, OSError)
    assert path.read_text(encoding="utf-8") == before

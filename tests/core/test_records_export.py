import csv
import io
import json
import math

import pytest

from core.records_export import (
    CSV_HEADER,
    records_csv_text,
    write_records_csv,
    write_records_json,
)


def _layer(index, grad_norm=0.5, is_output=False):
    return {
        "index": index,
        "is_output": is_output,
        "grad_norm": grad_norm,
        "grad_std": 0.1,
        "delta_std": 0.2,
        "preact_mean": 0.0,
        "preact_std": 1.0,
        "act_mean": 0.5,
        "act_std": 0.25,
        "dead_fraction": 0.0,
        "saturated_fraction": 0.1,
        "grad_hist": {"edges": [0.0, 1.0], "counts": [3]},
        "nonfinite": 0,
    }


RECORDS = [
    {"step": 0, "loss": 0.69, "accuracy": 0.5, "layers": [_layer(1), _layer(2, is_output=True)]},
    {"step": 10, "loss": math.nan, "accuracy": 0.5, "layers": [_layer(1, math.inf), _layer(2)]},
]


def test_csv_has_one_row_per_layer_and_step():
    rows = list(csv.reader(io.StringIO(records_csv_text(RECORDS))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 1 + 4
    assert rows[1][:4] == ["0", "0.69", "0.5", "1"]


def test_non_finite_values_become_empty_csv_cells_and_json_null(tmp_path):
    rows = list(csv.DictReader(io.StringIO(records_csv_text(RECORDS))))
    assert rows[2]["loss"] == ""
    assert rows[2]["grad_norm"] == ""
    path = write_records_json(tmp_path / "r.json", {"activation": "relu"}, RECORDS, 10)
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text
    assert "Infinity" not in text
    data = json.loads(text)
    assert data["records"][1]["loss"] is None
    assert data["records"][1]["layers"][0]["grad_norm"] is None
    assert data["diverged_at"] == 10
    assert data["config"] == {"activation": "relu"}


def test_objects_with_to_json_are_accepted(tmp_path):
    class Record:
        def to_json(self):
            return RECORDS[0]

    path = write_records_csv(tmp_path / "r.csv", [Record()])
    assert path.read_text(encoding="utf-8").count("\n") == 3


def test_json_is_written_as_the_records_come_and_matches_the_document(tmp_path):
    from core.records_export import records_document

    handed_out = []

    def produced():
        for r in RECORDS:
            handed_out.append(r["step"])
            yield r

    asked = []

    def diverged():
        asked.append(list(handed_out))
        return 10

    path = write_records_json(tmp_path / "r.json", {"activation": "relu"}, produced(), diverged)
    # the divergence step is asked for once every record has been written
    assert asked == [[0, 10]]
    expected = json.loads(json.dumps(records_document({"activation": "relu"}, RECORDS, 10)))
    assert json.loads(path.read_text(encoding="utf-8")) == expected


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("previous", encoding="utf-8")

    def produced():
        yield RECORDS[0]
        raise RuntimeError("training failed")

    with pytest.raises(RuntimeError, match="training failed"):
        write_records_json(target, {}, produced())
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_an_unwritable_target_is_named_not_the_temporary_file(tmp_path):
    target = tmp_path / "no-such-folder" / "r.csv"
    with pytest.raises(FileNotFoundError, match="No such file or directory") as info:
        write_records_csv(target, RECORDS)
    assert info.value.filename == str(target)
    assert info.value.strerror == "No such file or directory"


def _same_except_edges(written, expected, edges_seen):
    """``written`` (parsed JSON) equals ``expected`` exactly, but for histogram edges:
    floats within 1e-11 relative (written to EDGE_DIGITS digits)."""
    if isinstance(expected, dict):
        assert set(written) == set(expected)
        for key, value in expected.items():
            if key == "edges":
                edges_seen.append(written[key])
                assert all(type(x) is float for x in written[key])  # never read back as ints
                assert written[key] == pytest.approx(value, rel=1e-11, abs=1e-300)
            else:
                _same_except_edges(written[key], value, edges_seen)
    elif isinstance(expected, list):
        assert len(written) == len(expected)
        for w, e in zip(written, expected, strict=True):
            _same_except_edges(w, e, edges_seen)
    else:
        assert written == expected
        assert type(written) is type(expected)


def test_a_trained_records_json_keeps_every_value_and_the_edges_to_12_digits():
    import torch

    from core.records_export import EDGE_DIGITS, record_json_text
    from core.training import LOG_GRAD_EDGES, Trainer, TrainingConfig

    assert EDGE_DIGITS == 12
    torch.set_num_threads(1)
    cfg = TrainingConfig(activation="relu", depth=3, width=8, n_samples=64, batch=32)
    for record in Trainer(cfg).run(3, 1):
        expected = record.to_json()
        text = record_json_text(record)
        assert len(text) < len(json.dumps(expected))
        edges: list[list[float]] = []
        _same_except_edges(json.loads(text), expected, edges)
        assert len(edges) == 4 * 4
        assert edges.count(LOG_GRAD_EDGES.tolist()) == 4  # the fixed edges: exact
        assert record.to_json() == expected  # nothing of the record was changed


@pytest.mark.parametrize(
    ("edges", "written"),
    [
        ([0.0, 1.0, 2.0], [0.0, 1.0, 2.0]),  # round numbers stay floats
        ([-1e-30, 1e30], [-1e-30, 1e30]),
        ([0.0, math.nan], [0.0, None]),  # NaN: the json module's way, as null
        ([0.0, math.inf], [0.0, None]),
        ([0, 1], [0, 1]),  # ints in a dict record stay ints
        (["a", "b"], ["a", "b"]),
        ([], []),
    ],
)
def test_odd_edges_are_written_faithfully(edges, written):
    from core.records_export import record_json_text

    hist = {"edges": edges, "counts": [1] * max(len(edges) - 1, 0)}
    record = {"step": 1, "layers": [{"index": 1, "act_hist": hist, "grad_hist": dict(hist)}]}
    parsed = json.loads(record_json_text(record))
    for key in ("act_hist", "grad_hist"):
        assert parsed["layers"][0][key]["edges"] == written
        assert [type(x) for x in parsed["layers"][0][key]["edges"]] == [type(x) for x in written]
    assert record["layers"][0]["act_hist"]["edges"] is edges  # the caller's dicts untouched


def test_the_edges_stand_in_cannot_be_confused_with_data():
    from core.records_export import _MARK, record_json_text

    hist = {"edges": [0.25, 0.75], "counts": [2]}
    record = {"step": 1, "note": _MARK, "layers": [{"index": 1, "act_hist": hist}]}
    assert json.loads(record_json_text(record)) == record

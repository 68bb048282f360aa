"""Training records to files: JSON in the CLI's schema, and a flat CSV for spreadsheets.

Records are anything with ``to_json()`` (core.training.StepRecord) or already such dicts.
Non-finite numbers become JSON null and empty CSV cells, so every file is valid.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from core.files import write_atomically
from core.training import LOG_GRAD_EDGES

LAYER_COLUMNS = (
    "grad_norm",
    "grad_std",
    "delta_std",
    "preact_mean",
    "preact_std",
    "act_mean",
    "act_std",
    "dead_fraction",
    "saturated_fraction",
    "nonfinite",
)
CSV_HEADER = ("step", "loss", "accuracy", "layer", "is_output", *LAYER_COLUMNS)


def _as_dict(record: object) -> Mapping[str, Any]:
    to_json = getattr(record, "to_json", None)
    data = to_json() if callable(to_json) else record
    if not isinstance(data, Mapping):
        raise TypeError(f"a record must be a mapping or have to_json(), not {type(record)}")
    return data


def finite_or_none(value: Any) -> Any:
    """Replace NaN/inf (also inside lists and dicts) with None, which JSON can hold."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    return value


def records_document(
    config: Mapping[str, Any], records: Iterable[object], diverged_at: int | None = None
) -> dict[str, Any]:
    return {
        "config": finite_or_none(dict(config)),
        "records": [finite_or_none(dict(_as_dict(r))) for r in records],
        "diverged_at": diverged_at,
    }


def record_json_text(record: object) -> str:
    """One record as JSON text. A StepRecord's own ``to_json`` holds no NaN/inf already
    (checked by the encoder); anything else is cleaned first. Histogram bin edges are
    written to EDGE_DIGITS significant digits (see below)."""
    data, edges = _edges_apart(_as_dict(record))
    try:
        text = json.dumps(data, allow_nan=False)
    except ValueError:
        text = json.dumps(finite_or_none(dict(data)), allow_nan=False)
    if not edges:
        return text
    parts = text.split(_QUOTED_MARK)
    if len(parts) != len(edges) + 1:  # the mark met elsewhere: no shortcut for this one
        return json.dumps(finite_or_none(dict(_as_dict(record))), allow_nan=False)
    out = [parts[0]]
    for edge_text, part in zip(edges, parts[1:], strict=True):
        out += (edge_text, part)
    return "".join(out)


# A record's JSON is mostly its histograms' bin edges: 44 lists of 21 floats of 17
# significant digits, which the json module writes with repr at ~1.2 us each here: 80%
# of a record's 1.4 ms, as long as training and recording the step itself. The edges are
# written to EDGE_DIGITS significant digits instead, about 3x faster (repr needs 17 for
# an exact round trip, and anything past 15 digits costs as much). The values they bound
# are float32, good to about 7 digits, so the rounding (below 1e-12 relative) changes
# no bin. The log-gradient edges are one fixed list in every record, written once
# exactly.
EDGE_DIGITS = 12
_HIST_KEYS = ("grad_hist", "log_grad_hist", "preact_hist", "act_hist")
_MARK = "\x00edges\x00"  # stands in for an edges list while the rest is encoded
_QUOTED_MARK = json.dumps(_MARK)
_FIXED_EDGES = {tuple(LOG_GRAD_EDGES.tolist()): json.dumps(LOG_GRAD_EDGES.tolist())}


@lru_cache(maxsize=8)
def _edges_format(n: int) -> str:
    return "[" + ", ".join([f"%#.{EDGE_DIGITS}g"] * n) + "]"


def _edges_apart(data: Mapping[str, Any]) -> tuple[Mapping[str, Any], list[str]]:
    """``data`` with each histogram's edges replaced by _MARK (copies: the caller's dicts
    are left alone), and the JSON text of those edges, in order."""
    layers = data.get("layers")
    if not isinstance(layers, list):
        return data, []
    texts: list[str] = []
    copied = []
    for layer in layers:
        if isinstance(layer, Mapping):
            layer = dict(layer)
            for key in _HIST_KEYS:
                hist = layer.get(key)
                if isinstance(hist, Mapping) and (text := _edges_text(hist.get("edges"))):
                    layer[key] = {**hist, "edges": _MARK}
                    texts.append(text)
        copied.append(layer)
    return {**data, "layers": copied}, texts


def _edges_text(edges: object) -> str | None:
    """A list of floats as JSON to EDGE_DIGITS digits, each with a decimal point ("#":
    2.0 as "2.00000000000", not "2", which reads back as an int); None where the json
    module must write it (NaN or inf, or not a list of floats)."""
    if not isinstance(edges, list) or not edges:
        return None
    values = tuple(edges)
    fixed = _FIXED_EDGES.get(values)
    if fixed is not None:
        return fixed
    if set(map(type, values)) != {float}:  # ints stay ints, anything else is not ours
        return None
    text = _edges_format(len(values)) % values
    return None if "n" in text else text  # nan, inf


def stream_records_json(
    out: TextIO,
    config: Mapping[str, Any],
    records: Iterable[object],
    diverged_at: Callable[[], int | None] | int | None = None,
) -> int:
    """Write the document ``records_document`` describes to ``out`` one record at a time,
    as ``records`` yields them (a long run need not hold them all in memory);
    ``diverged_at`` may be a function, asked once the records are exhausted. Returns how
    many records were written."""
    out.write('{"config": ' + json.dumps(finite_or_none(dict(config)), allow_nan=False))
    out.write(', "records": [')
    n = 0
    for record in records:
        if n:
            out.write(", ")
        out.write(record_json_text(record))
        n += 1
    end = diverged_at() if callable(diverged_at) else diverged_at
    out.write('], "diverged_at": ' + json.dumps(end) + "}")
    return n


def write_records_json(
    path: str | os.PathLike[str],
    config: Mapping[str, Any],
    records: Iterable[object],
    diverged_at: Callable[[], int | None] | int | None = None,
) -> Path:
    """``stream_records_json`` to a file, replaced only once the whole document is written
    (a failure leaves any previous file as it was)."""
    target = Path(path)
    write_atomically(target, lambda out: stream_records_json(out, config, records, diverged_at))
    return target


def records_csv_text(records: Iterable[object]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for record in records:
        r = _as_dict(record)
        layers = r.get("layers") or []
        for layer in layers:
            row = [r.get("step"), r.get("loss"), r.get("accuracy"), layer.get("index")]
            row.append(layer.get("is_output", ""))
            row.extend(layer.get(col) for col in LAYER_COLUMNS)
            writer.writerow(["" if _blank(v) else v for v in row])
    return out.getvalue()


def write_records_csv(path: str | os.PathLike[str], records: Iterable[object]) -> Path:
    target = Path(path)
    text = records_csv_text(records)
    write_atomically(target, lambda out: out.write(text))
    return target


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))

"""Saved sessions: the whole lab state as a small, versioned JSON file.

A session file comes from a user's disk, so it is treated as hostile: it is read with a
size limit, parsed as plain JSON (never unpickled, never passed to ``torch.load``), and
every field is checked for type and range before anything is applied. A bad file raises
``SessionError`` with a message that says what is wrong; the caller keeps its state.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from core import __version__
from core.activations import ACTIVATIONS, get_activation
from core.files import write_atomically
from core.maxout import COEFFICIENT_LIMIT, MAX_PIECES, MIN_PIECES, Maxout
from core.presets import HISTOGRAM_AXES, HISTOGRAM_QUANTITIES
from core.softmax import MAX_TEMPERATURE, MIN_TEMPERATURE
from core.validation import FieldError, check_int

SESSION_FORMAT = "activation-lab-session"
SESSION_VERSION = 1
MAX_RECORD_EVERY = 1000  # the training tab's limits for its run controls
MAX_STOP_AFTER = 1_000_000
SESSION_SUFFIX = ".alab.json"
MAX_SESSION_BYTES = 1_000_000
TABS = ("explorer", "training")

X_RANGE_LIMITS = (3.0, 20.0)
SATURATION_LIMITS = (0.001, 0.5)
DEPTH_LIMITS = (1, 50)
LOGIT_LIMIT = 10.0
SOFTMAX_SIZE_LIMITS = (3, 10)


class SessionError(ValueError):
    """A session file that cannot be used; the message is meant for the user.

    ``kind`` says what is wrong, so that the GUI can say it in the UI language, with
    ``details``: "read" / "write" (path; the OSError is the cause), "too_large" (name,
    size_mb, limit_mb), "not_text" (name), "not_json" (name, line, column), "too_deep"
    (name), "not_session", "newer" (version, supported), "bad_version" (version),
    "special_number" (value: NaN or Infinity), and "invalid": a value in the file, with
    ``field`` (its path in the file, such as ``explorer.shown[0].params.alpha``),
    ``problem`` and that problem's details as ``core.validation.FieldError`` lists them,
    or "listed_twice" (value), "not_text" (value), or "other" (reason: English).
    """

    def __init__(self, message: str, kind: str = "invalid", **details: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.details = details

    @classmethod
    def invalid(cls, message: str, field: str, problem: str, **details: object) -> SessionError:
        return cls(message, "invalid", field=field, problem=problem, **details)

    @classmethod
    def wrapping(cls, where: str, exc: ValueError) -> SessionError:
        """A value error of another part of core, about the value at ``where``."""
        message = f"{where}: {exc}"
        if isinstance(exc, FieldError):
            inner = exc.within(where)
            return cls.invalid(message, inner.field, inner.problem, **inner.details)
        return cls.invalid(message, where, "other", reason=str(exc))


@dataclass(frozen=True)
class ShownFunction:
    id: str
    params: Mapping[str, float]


@dataclass(frozen=True)
class ExplorerState:
    shown: tuple[ShownFunction, ...] = (ShownFunction("sigmoid", {}), ShownFunction("relu", {}))
    current: str = "sigmoid"
    x_range: float = 6.0
    saturation_fraction: float = 0.05
    shade_saturated: bool = True
    shade_dead: bool = True
    depth: int = 10
    operating_point: float = 0.0
    softmax_logits: tuple[float, ...] = (2.0, 1.0, 0.1)
    softmax_temperature: float = 1.0
    loss_target: int = 1
    maxout_slopes: tuple[float, ...] = (1.0, -1.0)
    maxout_intercepts: tuple[float, ...] = (0.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shown": [{"id": f.id, "params": dict(f.params)} for f in self.shown],
            "current": self.current,
            "x_range": self.x_range,
            "saturation_fraction": self.saturation_fraction,
            "shade_saturated": self.shade_saturated,
            "shade_dead": self.shade_dead,
            "depth": self.depth,
            "operating_point": self.operating_point,
            "softmax": {
                "logits": list(self.softmax_logits),
                "temperature": self.softmax_temperature,
            },
            "loss_target": self.loss_target,
            "maxout": {
                "slopes": list(self.maxout_slopes),
                "intercepts": list(self.maxout_intercepts),
            },
        }


@dataclass(frozen=True)
class TrainingState:
    """The training tab: a config (and an optional comparison config) as plain dicts.

    The dicts are validated by ``core.training.TrainingConfig.from_dict`` on load.
    """

    config: Mapping[str, Any] | None = None
    compare: Mapping[str, Any] | None = None
    preset: str | None = None
    # How the run is shown and paced (optional in a file: these defaults then).
    histogram: str = "log_grad"
    histogram_axis: str = "fixed"
    record_every: int = 10
    stop_after: int = 0  # 0: never

    def to_dict(self) -> dict[str, Any]:
        return {
            "config": None if self.config is None else dict(self.config),
            "compare": None if self.compare is None else dict(self.compare),
            "preset": self.preset,
            "histogram": self.histogram,
            "histogram_axis": self.histogram_axis,
            "record_every": self.record_every,
            "stop_after": self.stop_after,
        }


@dataclass(frozen=True)
class Session:
    tab: str = "explorer"
    explorer: ExplorerState = field(default_factory=ExplorerState)
    training: TrainingState = field(default_factory=TrainingState)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "saved_with": __version__,
            "tab": self.tab,
            "explorer": self.explorer.to_dict(),
            "training": self.training.to_dict(),
        }


# -- writing ----------------------------------------------------------------------------
def session_to_json(session: Session) -> str:
    return json.dumps(session.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save_session(path: str | os.PathLike[str], session: Session) -> None:
    """Write atomically: a crash mid-write never leaves a half file in place of a good one."""
    target = Path(path)
    text = session_to_json(session)
    try:
        write_atomically(target, lambda out: out.write(text))
    except OSError as exc:
        raise SessionError(
            f"could not write {target}: {exc.strerror or exc}", "write", path=str(target)
        ) from exc


# -- reading ----------------------------------------------------------------------------
def load_session(path: str | os.PathLike[str]) -> Session:
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_SESSION_BYTES:
            raise _too_large(source.name, size)
        with source.open("rb") as fh:
            raw = fh.read(MAX_SESSION_BYTES + 1)
    except OSError as exc:
        raise SessionError(
            f"could not read {source}: {exc.strerror or exc}", "read", path=str(source)
        ) from exc
    if len(raw) > MAX_SESSION_BYTES:  # grew since stat()
        raise _too_large(source.name, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SessionError(
            f"{source.name} is not a text file (not UTF-8)", "not_text", name=source.name
        ) from exc
    return session_from_json(text, source.name)


def _too_large(name: str, size: int) -> SessionError:
    size_mb, limit_mb = size / 1e6, MAX_SESSION_BYTES / 1e6
    return SessionError(
        f"{name} is {size_mb:.1f} MB; a session file is at most {limit_mb:.0f} MB, "
        "so this is not one",
        "too_large",
        name=name,
        size_mb=size_mb,
        limit_mb=limit_mb,
    )


def _reject_constant(name: str) -> None:
    raise SessionError(
        f"the file contains {name}, which is not a number a session can hold",
        "special_number",
        value=name,
    )


def session_from_json(text: str, name: str = "session") -> Session:
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise SessionError(
            f"{name} is nested too deeply to be a session file", "too_deep", name=name
        ) from exc
    except json.JSONDecodeError as exc:
        raise SessionError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be truncated",
            "not_json",
            name=name,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    return session_from_dict(data)


def session_from_dict(data: object) -> Session:
    if not isinstance(data, Mapping) or data.get("format") != SESSION_FORMAT:
        raise SessionError("this is not an Activation Lab session file", "not_session")
    d = data
    version = d.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionError("the session file has no valid version number", "bad_version")
    if version > SESSION_VERSION:
        raise SessionError(
            f"the session was saved by a newer Activation Lab (format version {version}); "
            f"this version reads format {SESSION_VERSION}",
            "newer",
            version=version,
            supported=SESSION_VERSION,
        )
    if version < 1:
        raise SessionError(f"unknown session format version {version}", "bad_version")
    _only_keys(d, {"format", "version", "saved_with", "tab", "explorer", "training"}, "session")
    tab = d.get("tab", "explorer")
    if tab not in TABS:
        raise SessionError.invalid(
            f"tab must be one of {', '.join(TABS)}, not {tab!r}",
            "tab",
            "not_choice",
            value=tab,
            choices=list(TABS),
        )
    explorer = _explorer_from_dict(d.get("explorer", {}))
    training = _training_from_dict(d.get("training", {}))
    return Session(tab=tab, explorer=explorer, training=training)


def _explorer_from_dict(data: object) -> ExplorerState:
    d = _mapping(data, "explorer")
    default = ExplorerState()
    allowed = set(default.to_dict())
    _only_keys(d, allowed, "explorer")

    shown = default.shown
    if "shown" in d:
        items = _list(d["shown"], "explorer.shown", 0, len(ACTIVATIONS))
        entries: list[ShownFunction] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            where = f"explorer.shown[{i}]"
            m = _mapping(item, where)
            _only_keys(m, {"id", "params"}, where)
            try:
                activation = get_activation(m.get("id"))
            except ValueError as exc:
                raise SessionError.wrapping(f"{where}.id", exc) from exc
            try:
                params = activation.resolve_params(_mapping(m.get("params", {}), f"{where}.params"))
            except SessionError:
                raise
            except ValueError as exc:
                raise SessionError.wrapping(f"{where}.params", exc) from exc
            if activation.id in seen:
                raise SessionError.invalid(
                    f"{where}: {activation.id} is listed twice",
                    where,
                    "listed_twice",
                    value=activation.id,
                )
            seen.add(activation.id)
            entries.append(ShownFunction(activation.id, params))
        shown = tuple(entries)

    current = d.get("current", default.current)
    if not isinstance(current, str) or current not in ACTIVATIONS:
        raise SessionError.invalid(
            f"explorer.current: unknown activation {current!r}",
            "explorer.current",
            "unknown_activation",
            value=current,
        )

    softmax = _mapping(d.get("softmax", {}), "explorer.softmax")
    _only_keys(softmax, {"logits", "temperature"}, "explorer.softmax")
    logits = default.softmax_logits
    if "logits" in softmax:
        lo, hi = SOFTMAX_SIZE_LIMITS
        logits = tuple(
            _number(v, f"explorer.softmax.logits[{i}]", -LOGIT_LIMIT, LOGIT_LIMIT)
            for i, v in enumerate(_list(softmax["logits"], "explorer.softmax.logits", lo, hi))
        )
    temperature = _number(
        softmax.get("temperature", default.softmax_temperature),
        "explorer.softmax.temperature",
        MIN_TEMPERATURE,
        MAX_TEMPERATURE,
    )

    maxout = _mapping(d.get("maxout", {}), "explorer.maxout")
    _only_keys(maxout, {"slopes", "intercepts"}, "explorer.maxout")
    slopes = _coefficients(maxout, "slopes", default.maxout_slopes)
    intercepts = _coefficients(maxout, "intercepts", default.maxout_intercepts)
    try:
        Maxout(slopes, intercepts)
    except ValueError as exc:
        raise SessionError.wrapping("explorer.maxout", exc) from exc

    target = d.get("loss_target", default.loss_target)
    if target not in (0, 1) or isinstance(target, bool):
        raise SessionError.invalid(
            f"explorer.loss_target must be 0 or 1, not {target!r}",
            "explorer.loss_target",
            "not_choice",
            value=target,
            choices=[0, 1],
        )

    x_range = _number(d.get("x_range", default.x_range), "explorer.x_range", *X_RANGE_LIMITS)
    return ExplorerState(
        shown=shown,
        current=current,
        x_range=x_range,
        saturation_fraction=_number(
            d.get("saturation_fraction", default.saturation_fraction),
            "explorer.saturation_fraction",
            *SATURATION_LIMITS,
        ),
        shade_saturated=_bool(d.get("shade_saturated", default.shade_saturated), "shade_saturated"),
        shade_dead=_bool(d.get("shade_dead", default.shade_dead), "shade_dead"),
        depth=_integer(d.get("depth", default.depth), "explorer.depth", *DEPTH_LIMITS),
        operating_point=_number(
            d.get("operating_point", default.operating_point),
            "explorer.operating_point",
            -X_RANGE_LIMITS[1],
            X_RANGE_LIMITS[1],
        ),
        softmax_logits=logits,
        softmax_temperature=temperature,
        loss_target=int(target),
        maxout_slopes=slopes,
        maxout_intercepts=intercepts,
    )


def _coefficients(d: Mapping[str, Any], key: str, default: tuple[float, ...]) -> tuple:
    if key not in d:
        return default
    where = f"explorer.maxout.{key}"
    return tuple(
        _number(v, f"{where}[{i}]", -COEFFICIENT_LIMIT, COEFFICIENT_LIMIT)
        for i, v in enumerate(_list(d[key], where, MIN_PIECES, MAX_PIECES))
    )


def _training_from_dict(data: object) -> TrainingState:
    d = _mapping(data, "training")
    _only_keys(d, {f.name for f in fields(TrainingState)}, "training")
    configs: dict[str, dict | None] = {}
    for key in ("config", "compare"):
        value = d.get(key)
        if value is None:
            configs[key] = None
            continue
        from core.training import TrainingConfig  # only needed when a config is saved

        try:
            configs[key] = TrainingConfig.from_dict(_mapping(value, f"training.{key}")).to_dict()
        except SessionError:
            raise
        except ValueError as exc:
            raise SessionError.wrapping(f"training.{key}", exc) from exc
    preset = d.get("preset")
    if preset is not None and (not isinstance(preset, str) or len(preset) > 100):
        raise SessionError.invalid(
            "training.preset must be a preset id", "training.preset", "not_text", value=preset
        )
    defaults = TrainingState()
    view = {}
    for key, allowed in (("histogram", HISTOGRAM_QUANTITIES), ("histogram_axis", HISTOGRAM_AXES)):
        value = d.get(key, getattr(defaults, key))
        if value not in allowed:
            raise SessionError.invalid(
                f"training.{key} must be one of {', '.join(allowed)}",
                f"training.{key}",
                "not_choice",
                value=value,
                choices=list(allowed),
            )
        view[key] = value
    for key, lo, hi in (("record_every", 1, MAX_RECORD_EVERY), ("stop_after", 0, MAX_STOP_AFTER)):
        value = d.get(key, getattr(defaults, key))
        try:
            view[key] = check_int(f"training.{key}", value, (lo, hi))
        except FieldError as exc:
            raise SessionError.invalid(str(exc), exc.field, exc.problem, **exc.details) from exc
    return TrainingState(
        config=configs["config"], compare=configs["compare"], preset=preset, **view
    )


# -- small strict readers ---------------------------------------------------------------
def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SessionError.invalid(
            f"{where} must be an object, not {type(value).__name__}",
            where,
            "not_object",
            value=value,
        )
    return value


def _list(value: object, where: str, min_len: int, max_len: int) -> list:
    if not isinstance(value, list):
        raise SessionError.invalid(
            f"{where} must be a list, not {type(value).__name__}", where, "not_list", value=value
        )
    if not (min_len <= len(value) <= max_len):
        raise SessionError.invalid(
            f"{where} must have {min_len} to {max_len} items, not {len(value)}",
            where,
            "item_count",
            count=len(value),
            low=min_len,
            high=max_len,
        )
    return value


def _number(value: object, where: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SessionError.invalid(
            f"{where} must be a number, not {type(value).__name__}",
            where,
            "not_number",
            value=value,
        )
    v = float(value)
    if not math.isfinite(v) or not (lo <= v <= hi):
        raise SessionError.invalid(
            f"{where} = {value!r} is outside [{lo:g}, {hi:g}]",
            where,
            "out_of_range",
            value=value,
            low=lo,
            high=hi,
        )
    return v


def _integer(value: object, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SessionError.invalid(
            f"{where} must be a whole number, not {value!r}", where, "not_whole", value=value
        )
    if not (lo <= value <= hi):
        raise SessionError.invalid(
            f"{where} = {value} is outside [{lo}, {hi}]",
            where,
            "out_of_range",
            value=value,
            low=lo,
            high=hi,
        )
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise SessionError.invalid(
            f"explorer.{where} must be true or false, not {value!r}",
            f"explorer.{where}",
            "not_bool",
            value=value,
        )
    return value


def _only_keys(d: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in d if k not in allowed)
    if unknown:
        raise SessionError.invalid(
            f"{where} has unknown field(s): {', '.join(unknown[:5])}",
            "" if where == "session" else where,
            "unknown_fields",
            names=unknown[:5],
        )

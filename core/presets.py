"""Lecture presets for the training lab: one JSON file each in ``resources/presets``.

A preset is a ready-made experiment: a config, optionally a second config to run side by
side on the same data with the same seed, a suggested run length and a short explanation
of what to watch, in English and Simplified Chinese. The files ship with the app, but they
are still checked strictly so that a typo fails loudly, naming the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.resources import resource_path
from core.training import TrainingConfig

MAX_STEPS = 100_000
MAX_FILE_BYTES = 100_000
MAX_WATCH_ITEMS = 8
# The two runs of a comparison must see the same data and the same random draws.
SHARED_FIELDS = ("dataset", "input_dim", "noise", "n_samples", "seed")
# What the training lab's per-layer histograms can show, and how their x-axes are chosen
# (the GUI's choices; a preset opens on the view its lesson is about).
HISTOGRAM_QUANTITIES = ("grad", "log_grad", "preact", "act")
HISTOGRAM_AXES = ("fixed", "auto", "percentile")
# Keys a preset file may leave out, with their defaults.
OPTIONAL_KEYS = {"histogram": "log_grad", "histogram_axis": "fixed"}


@dataclass(frozen=True)
class Preset:
    id: str
    order: int
    title_en: str
    title_zh: str
    explanation_en: str
    explanation_zh: str
    # What to point out on screen, one short item each; the same items in both languages.
    watch_en: tuple[str, ...]
    watch_zh: tuple[str, ...]
    config: TrainingConfig
    compare: TrainingConfig | None
    steps: int
    record_every: int
    # The histograms' view the preset opens on: one of HISTOGRAM_QUANTITIES / _AXES.
    histogram: str = OPTIONAL_KEYS["histogram"]
    histogram_axis: str = OPTIONAL_KEYS["histogram_axis"]

    def title(self, language: str) -> str:
        """The title in ``language`` ("zh..." for Chinese, English otherwise)."""
        return self.title_zh if language.startswith("zh") else self.title_en

    def explanation(self, language: str) -> str:
        return self.explanation_zh if language.startswith("zh") else self.explanation_en

    def watch(self, language: str) -> tuple[str, ...]:
        """What to point out on screen while the preset runs, in ``language``."""
        return self.watch_zh if language.startswith("zh") else self.watch_en


def _text(where: str, data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key!r} must be a non-empty string")
    return value


def _texts(where: str, data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_WATCH_ITEMS:
        raise ValueError(
            f"{where}: {key!r} must be a list of 1 to {MAX_WATCH_ITEMS} non-empty strings"
        )
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{where}: {key!r} item {i + 1} must be a non-empty string")
    return tuple(value)


def _int(where: str, data: dict[str, Any], key: str, lo: int, hi: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{where}: {key!r} must be an integer in [{lo}, {hi}], got {value!r}")
    return value


def _choice(where: str, data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = data.get(key, OPTIONAL_KEYS[key])
    if value not in allowed:
        raise ValueError(f"{where}: {key!r} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def _config(where: str, data: dict[str, Any], key: str) -> TrainingConfig:
    try:
        return TrainingConfig.from_dict(data[key])
    except ValueError as exc:
        raise ValueError(f"{where}: {key!r}: {exc}") from None


def parse_preset(data: object, where: str) -> Preset:
    """Check one preset's JSON object; ``where`` names it in error messages."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a preset must be a JSON object")
    names = [f.name for f in fields(Preset)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(names)}"
        )
    missing = [n for n in names if n not in data and n not in OPTIONAL_KEYS]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    preset_id = _text(where, data, "id")
    config = _config(where, data, "config")
    compare = None if data["compare"] is None else _config(where, data, "compare")
    if compare is not None:
        for name in SHARED_FIELDS:
            if getattr(compare, name) != getattr(config, name):
                raise ValueError(
                    f"{where}: 'compare' must use the same {name} as 'config' "
                    f"({getattr(compare, name)!r} != {getattr(config, name)!r})"
                )
    steps = _int(where, data, "steps", 0, MAX_STEPS)
    watch_en = _texts(where, data, "watch_en")
    watch_zh = _texts(where, data, "watch_zh")
    if len(watch_zh) != len(watch_en):
        raise ValueError(
            f"{where}: 'watch_zh' has {len(watch_zh)} item(s) but 'watch_en' has "
            f"{len(watch_en)}; each pointer must be given in both languages"
        )
    return Preset(
        id=preset_id,
        order=_int(where, data, "order", 0, 10_000),
        title_en=_text(where, data, "title_en"),
        title_zh=_text(where, data, "title_zh"),
        explanation_en=_text(where, data, "explanation_en"),
        explanation_zh=_text(where, data, "explanation_zh"),
        watch_en=watch_en,
        watch_zh=watch_zh,
        config=config,
        compare=compare,
        steps=steps,
        record_every=_int(where, data, "record_every", 1, max(1, steps)),
        histogram=_choice(where, data, "histogram", HISTOGRAM_QUANTITIES),
        histogram_axis=_choice(where, data, "histogram_axis", HISTOGRAM_AXES),
    )


def load_presets_from(folder: Path) -> list[Preset]:
    """Every ``*.json`` preset in ``folder``, sorted by lecture order."""
    presets: list[Preset] = []
    for path in sorted(folder.glob("*.json")):
        where = f"preset file {path.name}"
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"{where}: larger than {MAX_FILE_BYTES} bytes")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{where}: not valid JSON ({exc})") from None
        preset = parse_preset(data, where)
        if preset.id != path.stem:
            raise ValueError(f"{where}: 'id' is {preset.id!r} but must match the file name")
        presets.append(preset)
    seen: dict[int, str] = {}
    for p in presets:
        if p.order in seen:
            raise ValueError(f"presets {seen[p.order]} and {p.id} have the same order {p.order}")
        seen[p.order] = p.id
    return sorted(presets, key=lambda p: p.order)


@lru_cache(maxsize=1)
def _shipped() -> tuple[Preset, ...]:
    return tuple(load_presets_from(resource_path("presets")))


def load_presets() -> list[Preset]:
    """The presets that ship with the app, in lecture order."""
    return list(_shipped())


def get_preset(preset_id: str) -> Preset:
    """One shipped preset, or ValueError listing the known ids."""
    for p in _shipped():
        if p.id == preset_id:
            return p
    known = ", ".join(p.id for p in _shipped())
    raise ValueError(f"unknown preset {preset_id!r}; known presets: {known}")

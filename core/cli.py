"""``python main.py train ...``: train headless and write the records as JSON.

The same trainer and records as the GUI's training lab, for scripts, notebooks and the
tests. A bad argument exits with status 2 and one line on stderr. A run that diverges is
a result, not an error: it says at which step on stderr, writes what it recorded (with
``"diverged_at"``) and exits 0.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

from core.activations import ACTIVATIONS
from core.datasets import DATASET_IDS
from core.model import INIT_IDS
from core.training import (
    LOSS_IDS,
    OPTIMIZER_IDS,
    StepRecord,
    Trainer,
    TrainingConfig,
    torch_threads,
)

MAX_STEPS = 1_000_000


class UsageError(Exception):
    """A bad command line; the message is the one line printed."""


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage dump) and is raised, not exited."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="main.py train",
        description="Train the lab's MLP headless and write per-layer records as JSON.",
    )
    p.add_argument("--preset", help="start from a preset's config (other flags override it)")
    p.add_argument("--activation", choices=sorted(ACTIVATIONS), help="hidden activation id")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an activation parameter (repeatable)",
    )
    p.add_argument("--depth", type=int, help="number of hidden layers (1..50)")
    p.add_argument("--width", type=int, help="units per hidden layer (1..512)")
    p.add_argument("--init", choices=INIT_IDS, help="weight initialization")
    p.add_argument("--init-std", type=float, help="std of the 'normal' init")
    p.add_argument("--bias", type=float, help="initial hidden biases")
    p.add_argument("--optimizer", choices=OPTIMIZER_IDS)
    p.add_argument("--lr", type=float, help="learning rate (1e-4..10)")
    p.add_argument("--batch", type=int, help="minibatch size")
    p.add_argument("--loss", choices=LOSS_IDS)
    p.add_argument("--dataset", choices=DATASET_IDS)
    p.add_argument("--input-dim", type=int, help="input dimension ('highdim' only; 2..784)")
    p.add_argument("--noise", type=float)
    p.add_argument("--samples", type=int, help="number of samples in the data set")
    p.add_argument("--seed", type=int)
    p.add_argument("--steps", type=int, default=None, help="updates to run (0 = at init)")
    p.add_argument("--record-every", type=int, default=None, help="record every K steps")
    p.add_argument("--json", metavar="OUT", help="write the records here ('-' = stdout)")
    return p


_FLAG_TO_FIELD = {
    "activation": "activation",
    "depth": "depth",
    "width": "width",
    "init": "init",
    "init_std": "init_std",
    "bias": "bias",
    "optimizer": "optimizer",
    "lr": "lr",
    "batch": "batch",
    "loss": "loss",
    "dataset": "dataset",
    "input_dim": "input_dim",
    "noise": "noise",
    "samples": "n_samples",
    "seed": "seed",
}


def _parse_params(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param must look like NAME=VALUE, got {item!r}")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--param {name}: {value!r} is not a number") from None
    return out


def _resolve(args: argparse.Namespace) -> tuple[TrainingConfig, int, int]:
    """The config, step count and recording interval the arguments ask for."""
    steps, every = 200, 10
    base: dict[str, Any] = TrainingConfig().to_dict()
    if args.preset is not None:
        from core.presets import get_preset

        try:
            preset = get_preset(args.preset)
        except ValueError as exc:
            raise UsageError(f"--preset: {exc}") from None
        base = preset.config.to_dict()
        steps, every = preset.steps, preset.record_every
    for flag, name in _FLAG_TO_FIELD.items():
        value = getattr(args, flag)
        if value is not None:
            if name == "activation" and value != base["activation"]:
                base["params"] = {}
            if name == "dataset" and value != "highdim" and args.input_dim is None:
                base["input_dim"] = 2
            base[name] = value
    if args.param:
        base["params"] = {**base["params"], **_parse_params(args.param)}
    try:
        config = TrainingConfig.from_dict(base)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.steps is not None:
        steps = args.steps
    if args.record_every is not None:
        every = args.record_every
    if not 0 <= steps <= MAX_STEPS:
        raise UsageError(f"--steps = {steps} is outside the allowed range [0, {MAX_STEPS}]")
    if not 1 <= every <= MAX_STEPS:
        raise UsageError(f"--record-every = {every} is outside the allowed range [1, {MAX_STEPS}]")
    return config, steps, every


def _fmt(v: float) -> str:
    return f"{v:.3g}" if math.isfinite(v) else str(v)


def _summary(
    config: TrainingConfig,
    count: int,
    first: StepRecord,
    last: StepRecord,
    diverged_at: int | None,
) -> str:
    lines = [
        f"{config.activation} depth {config.depth} width {config.width}, init {config.init}, "
        f"{config.optimizer} lr {config.lr:g}, {config.dataset}: {count} records",
        f"step {first.step}: loss {_fmt(first.loss)}, accuracy {_fmt(first.accuracy)}",
    ]
    if last is not first:
        lines.append(f"step {last.step}: loss {_fmt(last.loss)}, accuracy {_fmt(last.accuracy)}")
    lines.append("layer  grad norm (first -> last)   dead   saturated (last)")
    for a, b in zip(first.layers, last.layers, strict=True):
        name = "out" if b.is_output else str(b.index)
        lines.append(
            f"{name:>5}  {_fmt(a.grad_norm):>10} -> {_fmt(b.grad_norm):<10}"
            f"  {b.dead_fraction:6.1%}  {b.saturated_fraction:6.1%}"
        )
    if diverged_at is not None:
        lines.append(f"diverged at step {diverged_at}")
    return "\n".join(lines)


class _Tally:
    """Passes records through, keeping only the first, the last and their number (a run
    recording every step of a long run would not fit in memory otherwise)."""

    def __init__(self, records: Iterator[StepRecord]) -> None:
        self._records = records
        self.count = 0
        self.first: StepRecord | None = None
        self.last: StepRecord | None = None

    def __iter__(self) -> Iterator[StepRecord]:
        for record in self._records:
            if self.first is None:
                self.first = record
            self.last = record
            self.count += 1
            yield record

    def drain(self) -> None:
        for _ in self:
            pass


def main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0 also when training diverged)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        config, steps, every = _resolve(args)
    except UsageError as exc:
        print(f"main.py train: error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2

    import torch

    torch.set_num_threads(torch_threads())

    from core.records_export import stream_records_json, write_records_json

    trainer = Trainer(config)
    tally = _Tally(trainer.iter_run(steps, every))
    config_dict = config.to_dict()

    def diverged() -> int | None:
        return trainer.diverged_at

    if args.json == "-":
        stream_records_json(sys.stdout, config_dict, tally, diverged)
        sys.stdout.write("\n")
    elif args.json:
        try:
            write_records_json(args.json, config_dict, tally, diverged)
        except OSError as exc:
            reason = exc.strerror or exc
            print(f"main.py train: error: cannot write {args.json}: {reason}", file=sys.stderr)
            return 1
    else:
        tally.drain()
    diverged_at = trainer.diverged_at
    if diverged_at is not None:
        print(
            f"training diverged at step {diverged_at} (non-finite loss or gradient)",
            file=sys.stderr,
        )
    if args.json != "-":
        first, last = tally.first, tally.last
        assert first is not None  # iter_run hands out one record at least
        assert last is not None
        print(_summary(config, tally.count, first, last, diverged_at))
    return 0

"""Cost of the training lab's instrumentation, against a plain torch loop of the same net.

Depth 10, width 16, batch 128, sigmoid, SGD: steps per second of
  (a) a plain torch loop (nn.Sequential of Linear + Sigmoid, same optimizer, same data),
  (a') the same loop calling F.linear and torch.sigmoid directly, setting each .grad
      to None by hand and updating with core.optimizers (torch's fused SGD kernel),
  (a'') the Trainer never recording (its own backward pass, core.model.MLP.backprop),
      so that (b) and (c) against (a'') are the cost of recording alone,
  (b) the Trainer recording every 10 steps,
  (c) the Trainer recording every step.
Repetitions are interleaved (a, a', a'', b, c, a, ...) so that the ratios compare runs made
under the same machine load, and the median of each is reported with the ratios. Time is
the process's CPU time (time.process_time; torch runs on one thread by default here), which
a busy shared machine distorts far less than wall-clock time; ``--wall`` uses the latter.

``--optimizers`` times one update of the same net's parameters with torch's default
per-parameter optimizers, torch.optim with ``fused=True``, and core.optimizers (the same
fused kernels, which the trainer uses).
``--memory`` also trains 50,000 steps recording every step into a RunHistory and prints
how resident memory grew (it should level off once the history is full). ``--breakdown``
prints what a recorded step costs beyond a plain one, part by part (medians of
interleaved repetitions, CPU time).

    .venv/bin/python bench/bench_trainer.py [--steps 400] [--reps 7] [--threads 1] [--memory]
        [--breakdown] [--optimizers]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

from core.optimizers import FusedOptimizer  # noqa: E402
from core.training import RunHistory, Trainer, TrainingConfig  # noqa: E402

CLOCK = time.process_time

CONFIG = TrainingConfig(
    activation="sigmoid", depth=10, width=16, batch=128, optimizer="sgd", lr=0.1, n_samples=1024
)


def plain_loop(steps: int, direct: bool = False) -> float:
    """Steps per second of the bare torch loop over the same data and batches: an
    nn.Sequential, or (``direct``) the same layers called as F.linear and torch.sigmoid
    and the gradients reset by hand and the update made by the fused kernel, as the
    trainer does (Module.__call__, zero_grad's wrapper and the per-parameter update loop
    are a large part of a tiny net's step)."""
    t = Trainer(CONFIG)  # only for its data set, so both loops see the same inputs
    rng = np.random.default_rng([CONFIG.seed, 2])  # the trainer's minibatch order
    x = torch.from_numpy(t.dataset.x.copy())
    y = torch.from_numpy(t.dataset.y.copy())
    layers: list[nn.Module] = []
    d = x.shape[1]
    for _ in range(CONFIG.depth):
        layers += [nn.Linear(d, CONFIG.width), nn.Sigmoid()]
        d = CONFIG.width
    layers.append(nn.Linear(d, 1))
    net = nn.Sequential(*layers)
    if direct:
        lins = [(m.weight, m.bias) for m in layers if isinstance(m, nn.Linear)]
        head = lins.pop()

        def forward(x: torch.Tensor) -> torch.Tensor:
            for w, b in lins:
                x = torch.sigmoid(F.linear(x, w, b))
            return F.linear(x, *head)

    else:
        forward = net
    params = list(net.parameters())
    opt = FusedOptimizer("sgd", params, CONFIG.lr) if direct else torch.optim.SGD(params, CONFIG.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    n, b = x.shape[0], CONFIG.batch
    pos = n
    xe, ye = x, y
    start = CLOCK()
    for _ in range(steps):
        if pos + b > n:  # shuffle once per epoch, as the trainer does
            order = torch.from_numpy(rng.permutation(n))
            xe, ye = x[order], y[order]
            pos = 0
        if direct:
            for p in params:
                p.grad = None
        else:
            opt.zero_grad(set_to_none=True)  # type: ignore[union-attr]
        loss = loss_fn(forward(xe[pos : pos + b]).squeeze(1), ye[pos : pos + b])
        loss.item()  # the trainer checks every loss for divergence; so does this loop
        loss.backward()
        opt.step()
        pos += b
    return steps / (CLOCK() - start)


def trainer_loop(steps: int, every: int) -> float:
    """Steps per second of the Trainer recording every ``every`` steps (0: never)."""
    t = Trainer(CONFIG)
    start = CLOCK()
    for i in range(steps):
        t.train_step(record=every > 0 and i % every == 0)
    return steps / (CLOCK() - start)


def breakdown(reps: int) -> None:
    """The parts of a recorded step's extra cost, each timed in place (ms, medians)."""
    from core.training import _layout_stats

    t = Trainer(CONFIG)
    t.train_step(record=True)
    plan = t._record_plan
    assert plan is not None
    assert plan.layout is not None
    xb, yb = t._peek()
    model = t.model
    state: dict[str, object] = {}

    params = t._all_params

    def engine_fwd_bwd() -> None:
        for p in params:
            p.grad = None
        loss = t._loss(model(xb), yb)
        loss.item()
        loss.backward()

    def trainer_fwd_bwd() -> None:
        model.backprop(xb, yb, t._loss).loss.item()

    def instrumented_fwd_bwd() -> None:
        bp = model.backprop(xb, yb, t._loss, keep=True)
        bp.loss.item()
        state["bp"] = bp

    def capture() -> None:
        bp = state["bp"]
        with torch.no_grad():
            plan.capture(bp.pre, bp.post, bp.deltas, bp.grads)  # type: ignore[attr-defined]

    def statistics_() -> None:
        _layout_stats(plan._v, plan.layout, plan.scratch())

    z = plan._v[: plan.hidden_size].reshape(CONFIG.depth, *plan.hidden_shape)

    def registry_derivative() -> None:
        t._activation.derivative(z)

    def dead_saturated() -> None:
        t._dead_and_saturated(z)

    def whole() -> None:
        t._instrumented(xb, yb)

    parts = {
        "forward+backward, autograd engine": engine_fwd_bwd,
        "forward+backward, trainer": trainer_fwd_bwd,
        "  the same, keeping z, f(z), dL/dz": instrumented_fwd_bwd,
        "copy out (capture, log10)": capture,
        "histograms/moments/percentiles": statistics_,
        "dead/saturated (all)": dead_saturated,
        "  of which registry f'(z)": registry_derivative,
        "whole instrumented record": whole,
    }
    runs: dict[str, list[float]] = {k: [] for k in parts}
    instrumented_fwd_bwd()
    for _ in range(reps):
        for name, fn in parts.items():
            start = CLOCK()
            for _ in range(20):
                fn()
            runs[name].append((CLOCK() - start) / 20 * 1e3)
    print(f"breakdown of a recorded step ({reps} x 20 calls each, medians, ms):")
    for name, v in runs.items():
        print(f"  {name:32s} {statistics.median(v):7.3f}")


def optimizers(reps: int) -> None:
    """One optimizer update (us, medians of interleaved repetitions of 200): torch's
    default implementation, torch.optim's fused one and core.optimizers', for each of the
    trainer's optimizers."""
    t = Trainer(CONFIG)
    t.train_step()  # every parameter has a gradient
    params = t._all_params
    saved = [p.detach().clone() for p in params]
    makers = {
        "sgd": lambda **kw: torch.optim.SGD(params, lr=1e-6, **kw),
        "momentum": lambda **kw: torch.optim.SGD(params, lr=1e-6, momentum=0.9, **kw),
        "adam": lambda **kw: torch.optim.Adam(params, lr=1e-6, **kw),
    }
    opts: dict[tuple[str, str], object] = {}
    for name, make in makers.items():
        opts[(name, "default")] = make(fused=False)
        opts[(name, "fused")] = make(fused=True)
        opts[(name, "core")] = FusedOptimizer(name, params, 1e-6)
    runs: dict[tuple[str, str], list[float]] = {k: [] for k in opts}
    for opt in opts.values():
        opt.step()  # creates the optimizer state
    for _ in range(reps):
        for key, opt in opts.items():
            start = CLOCK()
            for _ in range(200):
                opt.step()
            runs[key].append((CLOCK() - start) / 200 * 1e6)
    with torch.no_grad():
        for p, v in zip(params, saved, strict=True):
            p.copy_(v)
    print(f"one optimizer update, {len(params)} parameter tensors ({reps} x 200, medians, us):")
    for name in makers:
        default, fused, core = (
            statistics.median(runs[(name, k)]) for k in ("default", "fused", "core")
        )
        print(
            f"  {name:9s} default {default:7.1f}   torch.optim fused {fused:7.1f}   "
            f"core.optimizers {core:7.1f}   default/core {default / core:4.1f}x"
        )


def memory(steps: int) -> None:
    def rss_mb() -> float:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    t = Trainer(CONFIG)
    history = RunHistory(capacity=500)
    print(f"memory: {steps} steps, recording every step into RunHistory(500)")
    start = rss_mb()
    t0 = time.perf_counter()
    for i in range(steps + 1):
        rec = t.train_step(record=True)
        if t.diverged_at is not None:
            print(f"  diverged at step {t.diverged_at}; stopping")
            break
        if rec is not None:
            history.append(rec)
        if i % (steps // 10) == 0:
            print(
                f"  step {i:6d}: RSS {rss_mb():7.1f} MB (+{rss_mb() - start:6.1f}), "
                f"{len(history)} records kept, oldest kept steps {history.steps[:4]}, "
                f"{time.perf_counter() - t0:.0f} s"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=400, help="steps per timed run")
    ap.add_argument("--reps", type=int, default=7, help="interleaved repetitions")
    ap.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    ap.add_argument("--memory", action="store_true", help="also the 50,000-step memory run")
    ap.add_argument("--memory-steps", type=int, default=50_000)
    ap.add_argument("--wall", action="store_true", help="wall-clock instead of CPU time")
    ap.add_argument("--breakdown", action="store_true", help="also the parts of a record")
    ap.add_argument("--optimizers", action="store_true", help="also default vs fused updates")
    args = ap.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    torch.set_num_threads(args.threads)

    plain_loop(50)  # warm-up: first optimizer creation imports torch._dynamo (~2 s)
    trainer_loop(50, 1)
    runs: dict[str, list[float]] = {
        "plain": [],
        "direct": [],
        "never": [],
        "every10": [],
        "every1": [],
    }
    for _ in range(args.reps):
        runs["plain"].append(plain_loop(args.steps))
        runs["direct"].append(plain_loop(args.steps, direct=True))
        runs["never"].append(trainer_loop(args.steps, 0))
        runs["every10"].append(trainer_loop(args.steps, 10))
        runs["every1"].append(trainer_loop(args.steps, 1))
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(
        f"depth {CONFIG.depth}, width {CONFIG.width}, batch {CONFIG.batch}, sigmoid, "
        f"{args.threads} thread(s), {args.reps} x {args.steps} steps, "
        f"{'wall-clock' if args.wall else 'CPU'} time, medians:"
    )
    print(f"  (a)  plain torch loop      {med['plain']:8.0f} steps/s")
    print(
        f"  (a') direct calls, fused   {med['direct']:8.0f} steps/s   "
        f"ratio to (a) {med['direct'] / med['plain']:.3f}"
    )
    print(
        f"  (a'') trainer, no records  {med['never']:8.0f} steps/s   "
        f"ratio to (a) {med['never'] / med['plain']:.3f}"
    )
    for key, label, target in (
        ("every10", "(b) record every 10 steps", 0.95),
        ("every1", "(c) record every step    ", 0.80),
    ):
        print(
            f"  {label} {med[key]:8.0f} steps/s   ratio to (a) {med[key] / med['plain']:.3f} "
            f"(target >= {target}), to (a'') {med[key] / med['never']:.3f}"
        )
    # Ratios of each interleaved repetition, to show the spread.
    for key in ("every10", "every1"):
        for base in ("plain", "never"):
            ratios = [b / a for a, b in zip(runs[base], runs[key], strict=True)]
            print(f"  per-repetition {key}/{base}: " + " ".join(f"{r:.2f}" for r in ratios))
    if args.breakdown:
        breakdown(max(args.reps * 5, 20))
    if args.optimizers:
        optimizers(max(args.reps, 5))
    if args.memory:
        memory(args.memory_steps)


if __name__ == "__main__":
    main()

"""core.optimizers: torch.optim's fused updates, without torch.optim."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from core.optimizers import MOMENTUM, FusedOptimizer

ROOT = Path(__file__).resolve().parents[2]


def _params(seed: int) -> list[torch.nn.Parameter]:
    g = torch.Generator().manual_seed(seed)
    shapes = [(16, 2), (16,), (16, 16), (16,), (1, 16), (1,)]
    return [torch.nn.Parameter(torch.randn(s, generator=g)) for s in shapes]


def _reference(kind: str, params: list[torch.nn.Parameter], lr: float) -> torch.optim.Optimizer:
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, fused=True)
    momentum = MOMENTUM if kind == "momentum" else 0.0
    return torch.optim.SGD(params, lr=lr, momentum=momentum, fused=True)


@pytest.mark.parametrize("kind", ["sgd", "momentum", "adam"])
def test_the_same_updates_as_torch_optim_fused_to_the_bit(kind):
    ours, theirs = _params(0), _params(0)
    opt = FusedOptimizer(kind, ours, lr=0.05)
    ref = _reference(kind, theirs, lr=0.05)
    g = torch.Generator().manual_seed(1)
    for step in range(7):
        if step == 4:  # a learning-rate change applies to the next update
            opt.lr = 0.2
            for group in ref.param_groups:
                group["lr"] = 0.2
        for p, q in zip(ours, theirs, strict=True):
            grad = torch.randn(p.shape, generator=g)
            p.grad = grad.clone()
            q.grad = grad.clone()
        opt.step()
        ref.step()
        for p, q in zip(ours, theirs, strict=True):
            assert torch.equal(p.detach(), q.detach()), (kind, step)


@pytest.mark.parametrize("kind", ["sgd", "momentum", "adam"])
def test_a_parameter_without_a_gradient_is_left_alone(kind):
    """... and starts its momentum or moments on its first gradient, as torch's default
    implementation does (its fused SGD cannot: a buffer missing after the first step)."""
    ours, theirs = _params(2), _params(2)
    opt = FusedOptimizer(kind, ours, lr=0.1)
    if kind == "adam":
        ref = torch.optim.Adam(theirs, lr=0.1, foreach=False)
    else:
        momentum = MOMENTUM if kind == "momentum" else 0.0
        ref = torch.optim.SGD(theirs, lr=0.1, momentum=momentum, foreach=False)
    for step in range(3):
        for i, (p, q) in enumerate(zip(ours, theirs, strict=True)):
            # parameter 3 gets no gradient on the first step only
            grad = None if (i == 3 and step == 0) else torch.full(p.shape, 0.5 + step)
            p.grad = None if grad is None else grad.clone()
            q.grad = None if grad is None else grad.clone()
        before = ours[3].detach().clone()
        opt.step()
        ref.step()
        if step == 0:
            assert torch.equal(ours[3].detach(), before)
        for p, q in zip(ours, theirs, strict=True):
            torch.testing.assert_close(p.detach(), q.detach(), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("kind", ["sgd", "momentum", "adam"])
def test_gradients_handed_to_step_update_as_the_grad_attributes_do(kind):
    """The trainer passes its gradients to step() instead of through .grad: the same
    updates, None skipping a parameter, and .grad neither read nor written."""
    by_attr, by_arg = _params(0), _params(0)
    a = FusedOptimizer(kind, by_attr, lr=0.05)
    b = FusedOptimizer(kind, by_arg, lr=0.05)
    g = torch.Generator().manual_seed(2)
    for step in range(4):
        grads = [
            None if (i == 1 and step < 2) else torch.randn(p.shape, generator=g)
            for i, p in enumerate(by_attr)
        ]
        for p, grad in zip(by_attr, grads, strict=True):
            p.grad = grad
        stale = torch.full((), 1e9)  # must be ignored in favour of the argument
        for p in by_arg:
            p.grad = stale.expand(p.shape)
        a.step()
        b.step(grads)
        for p, q in zip(by_attr, by_arg, strict=True):
            assert torch.equal(p.detach(), q.detach()), (kind, step)
            assert q.grad.data_ptr() == stale.data_ptr()


def test_step_refuses_a_gradient_list_of_the_wrong_length():
    params = _params(0)
    opt = FusedOptimizer("sgd", params, lr=0.1)
    before = [p.detach().clone() for p in params]
    with pytest.raises(ValueError, match="expected 6 gradients, got 2"):
        opt.step([torch.zeros(1), torch.zeros(1)])
    assert all(torch.equal(p.detach(), q) for p, q in zip(params, before, strict=True))


def test_an_unknown_optimizer_is_refused():
    with pytest.raises(ValueError, match="sgd, momentum, adam"):
        FusedOptimizer("rmsprop", _params(0), lr=0.1)


def test_the_first_network_of_a_session_does_not_wait_for_heavy_imports():
    """torch.optim's classes import torch._dynamo when first built (2.4 s here), and
    nn.utils.skip_init's meta device imported sympy (0.5-0.9 s): both were waits before
    the first histogram of the first run."""
    code = (
        "import sys\n"
        "from core.training import Trainer, TrainingConfig\n"
        "for opt in ('sgd', 'momentum', 'adam'):\n"
        "    Trainer(TrainingConfig(depth=2, width=4, optimizer=opt, n_samples=64)).run(3, 1)\n"
        "print(sorted(m for m in ('torch._dynamo', 'sympy') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr

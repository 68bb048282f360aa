"""The training lab's optimizers: SGD, SGD with momentum and Adam, on torch's fused CPU
kernels.

These are the updates ``torch.optim.SGD`` and ``torch.optim.Adam`` make with
``fused=True`` (the same kernels with the same arguments, so the same numbers to the
bit), without torch.optim's own classes: constructing the first of those imports
torch._dynamo, which took 2.4 s here, and a student pressing Start waited for it before
the first histogram appeared (the headless CLI paid it too). Weight decay, Nesterov,
AMSGrad, maximize and gradient scaling are not offered by the lab, so they are not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import torch

MOMENTUM = 0.9  # "momentum": the classic heavy-ball coefficient
ADAM_BETAS = (0.9, 0.999)  # torch's defaults, Kingma & Ba's recommendation
ADAM_EPS = 1e-8
OPTIMIZER_IDS: tuple[str, ...] = ("sgd", "momentum", "adam")


class FusedOptimizer:
    """One of OPTIMIZER_IDS over ``params``; ``step()`` updates every parameter that has a
    gradient (a parameter without one is skipped, as torch.optim does), using ``lr``,
    which may be changed between steps."""

    def __init__(self, kind: str, params: Iterable[torch.nn.Parameter], lr: float) -> None:
        if kind not in OPTIMIZER_IDS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZER_IDS)}; got {kind!r}")
        self.kind = kind
        self.params = list(params)
        self._all = list(range(len(self.params)))
        self.lr = float(lr)
        # Per parameter (by position): SGD's momentum buffer, Adam's step count and
        # moment estimates; created on a parameter's first update.
        self._buffers: list[torch.Tensor | None] = [None] * len(self.params)
        self._adam: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None] = [None] * len(
            self.params
        )

    @torch.no_grad()
    def step(self, grads: Sequence[torch.Tensor | None] | None = None) -> None:
        """One update. The gradients are the parameters' ``.grad``, or ``grads`` (one per
        parameter, in order; None skips it), which spares a small net's step reading and
        writing ``.grad`` for each parameter."""
        if grads is None:
            grads = [p.grad for p in self.params]
        elif len(grads) != len(self.params):
            raise ValueError(f"expected {len(self.params)} gradients, got {len(grads)}")
        if any(g is None for g in grads):
            live = [i for i, g in enumerate(grads) if g is not None]
            if not live:
                return
            params = [self.params[i] for i in live]
            grads = [grads[i] for i in live]
        else:
            live = self._all
            params = self.params
            grads = list(grads)
        if self.kind == "adam":
            self._adam_step(live, params, grads)
            return
        if self.kind == "sgd":
            torch._fused_sgd_(
                params,
                grads,
                [],
                weight_decay=0.0,
                momentum=0.0,
                lr=self.lr,
                dampening=0.0,
                nesterov=False,
                maximize=False,
                is_first_step=False,
            )
            return
        # The textbook rule: a parameter's first update starts its buffer at the gradient
        # itself. The kernel does that for all parameters when told it is the first step;
        # a parameter whose first gradient comes later starts from a zero buffer, which
        # gives the same (0.9 * 0 + g).
        first = all(self._buffers[i] is None for i in live)
        for i, g in zip(live, grads, strict=True):
            if self._buffers[i] is None:
                self._buffers[i] = torch.empty_like(g) if first else torch.zeros_like(g)
        buffers = [self._buffers[i] for i in live]
        torch._fused_sgd_(
            params,
            grads,
            buffers,
            weight_decay=0.0,
            momentum=MOMENTUM,
            lr=self.lr,
            dampening=0.0,
            nesterov=False,
            maximize=False,
            is_first_step=first,
        )

    def _adam_step(
        self, live: list[int], params: list[torch.nn.Parameter], grads: list[torch.Tensor]
    ) -> None:
        steps, means, squares = [], [], []
        for i, p in zip(live, params, strict=True):
            state = self._adam[i]
            if state is None:
                # The step count is a float32 scalar tensor, as torch.optim keeps it for
                # the fused kernel.
                state = self._adam[i] = (
                    torch.zeros((), dtype=torch.float32),
                    torch.zeros_like(p, memory_format=torch.preserve_format),
                    torch.zeros_like(p, memory_format=torch.preserve_format),
                )
            steps.append(state[0])
            means.append(state[1])
            squares.append(state[2])
        torch._foreach_add_(steps, 1)
        torch._fused_adam_(
            params,
            grads,
            means,
            squares,
            [],
            steps,
            amsgrad=False,
            lr=self.lr,
            beta1=ADAM_BETAS[0],
            beta2=ADAM_BETAS[1],
            weight_decay=0.0,
            eps=ADAM_EPS,
            maximize=False,
        )

"""The multilayer perceptron the training lab trains, and its weight-initialization schemes.

The hidden activations come from the registry (``core.activations``), so the net computes
exactly the functions the explorer draws. ``forward`` is the plain, fast path used for
ordinary steps; ``forward_instrumented`` also hands back every pre-activation and activation (the
trainer asks autograd for dL/dz of each pre-activation) and is used only on the steps
that are recorded.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F
from torch import nn

from core.activations import get_activation

if TYPE_CHECKING:
    from core.training import TrainingConfig

INIT_IDS: tuple[str, ...] = (
    "default",
    "standard",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
    "lecun_normal",
    "normal",
    "orthogonal",
)

DEPTH_LIMITS = (1, 50)
WIDTH_LIMITS = (1, 512)


def init_linear(
    layer: nn.Linear,
    scheme: str,
    *,
    std: float,
    bias: float,
    generator: torch.Generator,
) -> None:
    """Initialize one layer in place, drawing from ``generator`` only (reproducible, and
    safe when two trainers run side by side: torch's global RNG is never touched).

    Biases are set to the constant ``bias``, except with ``default``, which keeps torch's
    own small uniform biases and adds ``bias`` to them.
    """
    w = layer.weight
    fan_in = w.shape[1]
    with torch.no_grad():
        if scheme in ("default", "standard"):
            # torch's nn.Linear default is kaiming_uniform_(a=sqrt(5)), i.e. U(±1/sqrt(fan_in)):
            # the same law Glorot & Bengio (2010) call the "standard" initialization.
            bound = 1.0 / math.sqrt(fan_in)
            w.uniform_(-bound, bound, generator=generator)
        elif scheme == "xavier_uniform":
            nn.init.xavier_uniform_(w, generator=generator)
        elif scheme == "xavier_normal":
            nn.init.xavier_normal_(w, generator=generator)
        elif scheme == "he_uniform":
            nn.init.kaiming_uniform_(w, nonlinearity="relu", generator=generator)
        elif scheme == "he_normal":
            nn.init.kaiming_normal_(w, nonlinearity="relu", generator=generator)
        elif scheme == "lecun_normal":
            w.normal_(0.0, 1.0 / math.sqrt(fan_in), generator=generator)
        elif scheme == "normal":
            w.normal_(0.0, std, generator=generator)
        elif scheme == "orthogonal":
            nn.init.orthogonal_(w, generator=generator)
        else:
            raise ValueError(f"init must be one of {', '.join(INIT_IDS)}; got {scheme!r}")
        if layer.bias is not None:
            if scheme == "default":
                bound = 1.0 / math.sqrt(fan_in)
                layer.bias.uniform_(-bound, bound, generator=generator)
                layer.bias.add_(bias)
            else:
                layer.bias.fill_(bias)


class UninitializedLinear(nn.Linear):
    """An nn.Linear whose constructor leaves the weights as allocated: the scheme in
    ``init_linear`` sets every value, so torch's own init (which draws from the global
    RNG) would be wasted work. (torch's ``nn.utils.skip_init`` does the same by building
    the layer on the meta device, whose first use imported sympy: 0.5-0.9 s before the
    first network of a session could train.)"""

    def reset_parameters(self) -> None:
        pass


class MLP(nn.Module):
    """``depth`` hidden layers of ``width`` units with one registry activation, then one
    output unit whose value is a logit (the loss applies the sigmoid)."""

    def __init__(
        self,
        input_dim: int,
        depth: int,
        width: int,
        activation: str,
        params: dict[str, float] | None = None,
    ) -> None:
        super().__init__()
        act = get_activation(activation)
        self.activation_id = act.id
        self.params = act.resolve_params(params)
        self.depth = int(depth)
        self.width = int(width)
        dims = [int(input_dim)] + [self.width] * self.depth
        self.hidden = nn.ModuleList(
            UninitializedLinear(dims[i], dims[i + 1]) for i in range(self.depth)
        )
        # One module per layer: a PReLU slope is learned separately in each layer.
        self.acts = nn.ModuleList(act.module(**self.params) for _ in range(self.depth))
        self.output = UninitializedLinear(self.width, 1)
        # What a forward pass calls, resolved once. A tiny net's step is dominated by
        # per-call overhead, and nn.Module.__call__ (hook dispatch) costs about as much as
        # the small matrix product itself: calling F.linear and each activation's forward
        # directly makes a plain step ~14% faster (bench/bench_trainer.py). No hooks are
        # used on these modules, and the Parameter objects never change (the optimizer and
        # load_state_dict update them in place).
        self._layers = tuple(
            (lin.weight, lin.bias, act.forward)
            for lin, act in zip(self.hidden, self.acts, strict=True)
        )
        self._head = (self.output.weight, self.output.bias)

    @property
    def linears(self) -> list[nn.Linear]:
        """Every linear layer, input first, output last (the order of LayerStats.index)."""
        return [*self.hidden, self.output]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The logit, shape (n,)."""
        for w, b, act in self._layers:
            x = act(F.linear(x, w, b))
        return F.linear(x, *self._head).squeeze(1)

    def forward_instrumented(
        self, x: torch.Tensor
    ) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
        """The logit plus each hidden layer's pre-activation z and activation f(z); the
        last pre-activation is the logit's, before its squeeze, so that
        ``torch.autograd.grad(loss, pre)`` gives dL/dz for every layer.

        The same operations as ``forward``, so the numbers are identical.
        """
        pre: list[torch.Tensor] = []
        post: list[torch.Tensor] = []
        for w, b, act in self._layers:
            z = F.linear(x, w, b)
            x = act(z)
            pre.append(z)
            post.append(x)
        logit = F.linear(x, *self._head)
        pre.append(logit)
        return logit.squeeze(1), pre, post

    def prelu_slopes(self) -> list[float] | None:
        """The current learned negative slope of each layer (PReLU only)."""
        if self.activation_id != "prelu":
            return None
        return [float(m.weight.detach().reshape(-1)[0]) for m in self.acts]


def build_model(config: TrainingConfig) -> MLP:
    """The initialized net for a validated config, reproducible from ``config.seed``."""
    model = MLP(config.input_dim, config.depth, config.width, config.activation, config.params)
    generator = torch.Generator().manual_seed(int(config.seed))
    for i, layer in enumerate(model.linears):
        is_output = i == len(model.linears) - 1
        init_linear(
            layer,
            config.init,
            std=config.init_std,
            # The dying-ReLU demo shifts hidden units only; the output logit starts unbiased.
            bias=0.0 if is_output else config.bias,
            generator=generator,
        )
    return model

"""The multilayer perceptron the training lab trains, and its weight-initialization schemes.

The hidden activations come from the registry (``core.activations``), so the net computes
exactly the functions the explorer draws. ``forward`` is the plain forward pass (for
predictions); ``backprop`` is a training step's forward and backward pass, which also
hands back every pre-activation, activation and dL/dz when a step is recorded.

``backprop`` runs the backward pass layer by layer instead of through autograd's engine,
with the very operations the engine would run, so the gradients are the same to the bit
(tests/core/test_model.py compares them for every activation, both losses and odd
shapes). The linear layers' gradients are the two matrix products and the sum that
autograd's derivative of ``addmm`` computes; each activation's is its own autograd node,
called directly. On the lab's small nets the engine's bookkeeping cost more than the
arithmetic: a depth-10, width-16 sigmoid net's forward and backward took 0.69 ms through
the engine and 0.46 ms this way (bench/bench_trainer.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

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


def _chain(out: torch.Tensor, leaf: torch.Tensor) -> tuple[int, ...] | None:
    """How autograd's graph leads from ``out`` back to the leaf tensor ``leaf``, when it is
    a chain of nodes each with exactly one input that needs a gradient: that input's
    position in each node, in order (``()`` when ``out`` is ``leaf`` itself). None when it
    is not such a chain (a node with two such inputs, or another leaf on the way)."""
    if out is leaf:
        return ()
    path: list[int] = []
    node = out.grad_fn
    while node is not None:
        live = [(i, fn) for i, (fn, _) in enumerate(node.next_functions) if fn is not None]
        if len(live) != 1:
            return None
        i, node = live[0]
        path.append(i)
        if hasattr(node, "variable"):  # an AccumulateGrad node: a leaf
            return tuple(path) if node.variable is leaf else None
    return None


def _back_along(out: torch.Tensor, path: tuple[int, ...], grad: torch.Tensor) -> torch.Tensor:
    """The gradient at the far end of a ``_chain`` path, given dL/d``out``: each node is
    called as the engine would call it (under no_grad)."""
    node = out.grad_fn
    last = len(path) - 1
    for k, i in enumerate(path):
        res = node(grad)
        grad = res[i] if isinstance(res, tuple) else res
        if k < last:
            node = node.next_functions[i][0]
    return grad


class Backprop(NamedTuple):
    """One forward and backward pass (``MLP.backprop``). ``grads`` holds the gradient of
    every parameter, in ``parameters()`` order; with ``keep``, ``pre`` holds each hidden
    layer's pre-activation z and last the output's logit (shape (n, 1)), ``post`` each
    hidden layer's activation f(z), and ``deltas`` dL/dz of each entry of ``pre``
    (otherwise the three are empty)."""

    loss: torch.Tensor
    logit: torch.Tensor
    grads: list[torch.Tensor]
    pre: list[torch.Tensor]
    post: list[torch.Tensor]
    deltas: list[torch.Tensor]


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
        # Each parameter's position in parameters(), for backprop's gradients.
        position = {id(p): i for i, p in enumerate(self.parameters())}
        self._n_params = len(position)
        self._grad_at = tuple(
            (position[id(lin.weight)], position[id(lin.bias)]) for lin in self.linears
        )
        self._weights = (*(w for w, _, _ in self._layers), self._head[0])
        self._loss_paths: dict[Callable[..., torch.Tensor], tuple[int, ...] | None] = {}
        self._act_paths: dict[bool, tuple[int, ...] | None] = {}
        self._act_params = tuple(
            (tuple(m.parameters()), tuple(position[id(p)] for p in m.parameters()))
            for m in self.acts
        )

    @property
    def linears(self) -> list[nn.Linear]:
        """Every linear layer, input first, output last (the order of LayerStats.index)."""
        return [*self.hidden, self.output]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The logit, shape (n,)."""
        for w, b, act in self._layers:
            x = act(F.linear(x, w, b))
        return F.linear(x, *self._head).squeeze(1)

    def backprop(
        self,
        x: torch.Tensor,
        y: torch.Tensor,
        loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
        keep: bool = False,
    ) -> Backprop:
        """Forward ``x``, the loss ``loss_fn(logit, y)`` and the gradient of every parameter
        (see the module's docstring: autograd's own numbers, without its engine). With
        ``keep`` every layer's z, f(z) and dL/dz are handed back too. The parameters'
        ``.grad`` are left alone."""
        pre: list[torch.Tensor] = []
        inputs = [x]  # of each linear layer; then each hidden layer's f(z)
        # torch.set_grad_enabled(mode) builds a context-manager object on every call (1.6
        # us; 2 per layer); this is the switch it sets.
        set_grad = torch._C._set_grad_enabled
        with torch.no_grad():  # restores the caller's grad mode on the way out
            # Only each activation records a graph, from its input z (a leaf).
            for w, b, act in self._layers:
                z = F.linear(x, w, b).requires_grad_()
                set_grad(True)
                x = act(z)
                set_grad(False)
                pre.append(z)
                inputs.append(x)
            logit2 = F.linear(x, *self._head)
            logit = logit2.squeeze(1).requires_grad_()
            set_grad(True)
            loss = loss_fn(logit, y)
            set_grad(False)
            g = self._loss_gradient(loss_fn, loss, logit).unsqueeze(1)  # dL/d(logit)
            deltas = [g]
            grads: list[torch.Tensor] = [None] * self._n_params  # type: ignore[list-item]
            # The activation's graph from f(z) back to z: one node (the usual case), a
            # chain of nodes, or anything else (then autograd's engine is asked).
            path = self._activation_path(inputs[1], pre[0]) if pre else None
            one_node = path == (0,) and not self._act_params[0][0]
            weights = self._weights
            for i in range(self.depth, -1, -1):
                # addmm's derivative (F.linear on a batch): dL/dW = g^T x, dL/db = the
                # sum of g over the batch, dL/dx = g W.
                w_at, b_at = self._grad_at[i]
                grads[w_at] = g.t().mm(inputs[i])
                grads[b_at] = g.sum(0)
                if i == 0:
                    break
                ga = g.mm(weights[i])
                if one_node:
                    g = inputs[i].grad_fn(ga)
                    if type(g) is tuple:
                        g = g[0]
                elif path is not None and not self._act_params[i - 1][0]:
                    g = _back_along(inputs[i], path, ga)
                else:  # PReLU (a learned slope) or an activation with a branching graph
                    params, at = self._act_params[i - 1]
                    res = torch.autograd.grad(inputs[i], (pre[i - 1], *params), ga)
                    g = res[0]
                    for j, p_grad in zip(at, res[1:], strict=True):
                        grads[j] = p_grad
                if keep:
                    deltas.append(g)
        if not keep:
            return Backprop(loss.detach(), logit.detach(), grads, [], [], [])
        deltas.reverse()
        pre.append(logit2)
        return Backprop(loss.detach(), logit.detach(), grads, pre, inputs[1:], deltas)

    def _activation_path(self, out: torch.Tensor, z: torch.Tensor) -> tuple[int, ...] | None:
        """``_chain`` from a hidden layer's f(z) back to z: the same for every layer and
        step of this net (one activation, one set of parameters), so found once per mode
        (rrelu's graph differs between training and evaluation)."""
        key = self.training
        if key not in self._act_paths:
            self._act_paths[key] = _chain(out, z)
        return self._act_paths[key]

    def _loss_gradient(
        self, loss_fn: Callable[..., torch.Tensor], loss: torch.Tensor, logit: torch.Tensor
    ) -> torch.Tensor:
        """dL/d(logit) through the loss's own autograd nodes (a chain for the registry's
        losses, found once per loss function; anything else goes to the engine)."""
        if loss_fn not in self._loss_paths:
            self._loss_paths[loss_fn] = _chain(loss, logit)
        path = self._loss_paths[loss_fn]
        if path is None:
            (g,) = torch.autograd.grad(loss, logit)
            return g
        return _back_along(loss, path, torch.ones_like(loss))

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

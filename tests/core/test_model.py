"""The MLP and its initialization schemes."""

import math

import numpy as np
import pytest
import torch

from core.activations import ACTIVATIONS
from core.model import INIT_IDS, MLP, build_model
from core.training import LOSS_FUNCTIONS, TrainingConfig

_bce, _mse = LOSS_FUNCTIONS["bce"], LOSS_FUNCTIONS["mse"]


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread():
    """Tiny nets on a shared 2-core machine: more intra-op threads only add contention
    (30x slower under load), so this module runs torch on one thread and then restores it."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def _model(**kw):
    return build_model(TrainingConfig(**kw).validate())


def _hidden_weights(model, i=1):
    return model.hidden[i].weight.detach().double().numpy()


@pytest.mark.parametrize(
    ("init", "expected_std"),
    [
        ("standard", 1 / math.sqrt(3 * 256)),
        ("default", 1 / math.sqrt(3 * 256)),
        ("xavier_uniform", math.sqrt(2 / 512)),
        ("xavier_normal", math.sqrt(2 / 512)),
        ("he_uniform", math.sqrt(2 / 256)),
        ("he_normal", math.sqrt(2 / 256)),
        ("lecun_normal", math.sqrt(1 / 256)),
        ("orthogonal", math.sqrt(1 / 256)),
    ],
)
def test_weight_scale_of_each_scheme(init, expected_std):
    w = _hidden_weights(_model(width=256, depth=2, init=init))
    assert w.std() == pytest.approx(expected_std, rel=0.03)
    assert abs(w.mean()) < 0.1 * expected_std


def test_normal_uses_init_std_and_orthogonal_is_orthogonal():
    w = _hidden_weights(_model(width=128, depth=2, init="normal", init_std=0.37))
    assert w.std() == pytest.approx(0.37, rel=0.03)
    q = _hidden_weights(_model(width=64, depth=2, init="orthogonal"))
    np.testing.assert_allclose(q @ q.T, np.eye(64), atol=1e-5)


def test_uniform_schemes_respect_their_bounds():
    w = _hidden_weights(_model(width=100, depth=2, init="standard"))
    assert np.abs(w).max() <= 1 / math.sqrt(100)
    w = _hidden_weights(_model(width=100, depth=2, init="he_uniform"))
    assert np.abs(w).max() <= math.sqrt(6 / 100) + 1e-7


def test_biases_are_the_constant_except_the_output_and_default():
    m = _model(depth=3, init="he_normal", bias=-2.5)
    for lin in m.hidden:
        assert torch.all(lin.bias == -2.5)
    assert torch.all(m.output.bias == 0.0)
    d = _model(depth=3, width=100, init="default", bias=1.0)
    b = d.hidden[1].bias.detach().numpy()
    assert np.all(np.abs(b - 1.0) <= 0.1 + 1e-7)  # torch's U(±1/sqrt(100)), shifted by 1
    assert b.std() > 0


def test_build_is_reproducible_and_leaves_the_global_rng_alone():
    state = torch.get_rng_state()
    a = _model(depth=4, init="xavier_normal", seed=9)
    b = _model(depth=4, init="xavier_normal", seed=9)
    c = _model(depth=4, init="xavier_normal", seed=10)
    assert torch.equal(torch.get_rng_state(), state)
    for la, lb, lc in zip(a.linears, b.linears, c.linears, strict=True):
        assert torch.equal(la.weight, lb.weight)
        assert not torch.equal(la.weight, lc.weight)


def test_every_init_id_builds():
    for init in INIT_IDS:
        m = _model(depth=2, width=4, init=init)
        assert m(torch.zeros(3, 2)).shape == (3,)


def _engine_backprop(m: MLP, x, y, loss_fn):
    """The reference: the same net through autograd's engine, retaining every dL/dz."""
    pre, post = [], []
    h = x
    for lin, act in zip(m.hidden, m.acts, strict=True):
        z = lin(h)
        z.retain_grad()
        h = act(z)
        pre.append(z)
        post.append(h)
    logit2 = m.output(h)
    logit2.retain_grad()
    pre.append(logit2)
    loss = loss_fn(logit2.squeeze(1), y)
    params = list(m.parameters())
    for p in params:
        p.grad = None
    loss.backward()
    grads = [p.grad.clone() for p in params]
    for p in params:
        p.grad = None
    return loss.detach(), grads, pre, post, [z.grad for z in pre]


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize(
    "shape",
    [
        dict(depth=3, width=5, batch=13, input_dim=2, loss=_bce),
        dict(depth=2, width=1, batch=7, input_dim=3, loss=_mse),
        dict(depth=1, width=4, batch=1, input_dim=1, loss=_bce),
    ],
    ids=["bce", "mse-width1", "batch1"],
)
def test_backprop_gives_autograds_numbers_to_the_bit(activation, shape):
    """backprop runs the backward pass itself; every gradient, z, f(z) and dL/dz must be
    exactly what autograd's engine gives for the same net and batch."""
    act = ACTIVATIONS[activation]
    m = MLP(shape["input_dim"], shape["depth"], shape["width"], activation)
    gen = torch.Generator().manual_seed(3)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.8)
    x = torch.randn(shape["batch"], shape["input_dim"], generator=gen) * 2
    y = (torch.rand(shape["batch"], generator=gen) > 0.5).float()
    stochastic = act.random_in_training
    if stochastic:
        torch.manual_seed(11)  # rrelu draws its slopes from the global generator
    bp = m.backprop(x, y, shape["loss"], keep=True)
    if stochastic:
        torch.manual_seed(11)
    loss, grads, pre, post, deltas = _engine_backprop(m, x, y, shape["loss"])
    assert torch.equal(bp.loss, loss)
    assert torch.equal(bp.logit, pre[-1].detach().squeeze(1))
    assert len(bp.grads) == len(grads)
    for mine, ref in zip(bp.grads, grads, strict=True):
        assert mine.shape == ref.shape
        assert torch.equal(mine, ref)
    for mine, ref in zip(bp.pre, pre, strict=True):
        assert torch.equal(mine.detach(), ref.detach())
    for mine, ref in zip(bp.post, post, strict=True):
        assert torch.equal(mine.detach(), ref.detach())
    for mine, ref in zip(bp.deltas, deltas, strict=True):
        assert torch.equal(mine, ref)
    # Nothing was left in .grad, and the caller's grad mode is back.
    assert all(p.grad is None for p in m.parameters())
    assert torch.is_grad_enabled()
    with torch.no_grad():
        again = m.backprop(x, y, shape["loss"])
        assert not torch.is_grad_enabled()
    assert (again.pre, again.post, again.deltas) == ([], [], [])
    if not stochastic:
        for mine, ref in zip(again.grads, grads, strict=True):
            assert torch.equal(mine, ref)


def test_backprop_with_a_loss_autograd_cannot_chain():
    """A loss whose graph branches (here it uses the logit twice) goes to the engine."""
    m = _model(activation="tanh", depth=2, width=3)  # MLP() alone leaves weights unset
    x = torch.randn(5, 2, generator=torch.Generator().manual_seed(0))
    y = torch.zeros(5)

    def branching(logit, target):
        return (logit * logit).mean() + (logit - target).abs().mean()

    bp = m.backprop(x, y, branching)
    _, grads, *_ = _engine_backprop(m, x, y, branching)
    for mine, ref in zip(bp.grads, grads, strict=True):
        assert torch.equal(mine, ref)


@pytest.mark.parametrize(
    ("activation", "engine_calls"),
    [("sigmoid", 0), ("relu", 0), ("gelu", 0), ("identity", 0), ("tanhshrink", 3), ("prelu", 3)],
)
@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_backprop_asks_autograds_engine_only_for_branching_graphs(
    monkeypatch, activation, engine_calls, loss
):
    """The point of backprop is to skip the engine: one autograd node per activation (and
    the losses' node chains) are called directly; only a branching activation graph or a
    learned slope goes to the engine, once per hidden layer."""
    m = _model(activation=activation, depth=3, width=4)
    x = torch.randn(6, 2, generator=torch.Generator().manual_seed(1))
    y = torch.ones(6)
    calls = []
    engine = torch.autograd.grad

    def counting(*args, **kwargs):
        calls.append(1)
        return engine(*args, **kwargs)

    monkeypatch.setattr(torch.autograd, "grad", counting)
    m.backprop(x, y, LOSS_FUNCTIONS[loss], keep=True)
    assert len(calls) == engine_calls


def test_prelu_has_one_learnable_slope_per_layer():
    m = MLP(2, 3, 4, "prelu", {"init": 0.1})
    slopes = [a.weight for a in m.acts]
    assert len({id(s) for s in slopes}) == 3
    assert all(s.requires_grad for s in slopes)
    assert m.prelu_slopes() == pytest.approx([0.1, 0.1, 0.1])
    assert MLP(2, 3, 4, "relu").prelu_slopes() is None

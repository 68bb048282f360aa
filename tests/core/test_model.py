"""The MLP and its initialization schemes."""

import math

import numpy as np
import pytest
import torch

from core.model import INIT_IDS, MLP, build_model
from core.training import TrainingConfig


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


def test_shapes_and_instrumented_forward_match_the_plain_one():
    m = _model(activation="tanh", depth=3, width=5, dataset="highdim", input_dim=7)
    assert [tuple(lin.weight.shape) for lin in m.linears] == [(5, 7), (5, 5), (5, 5), (1, 5)]
    x = torch.randn(11, 7, generator=torch.Generator().manual_seed(0))
    logit, pre, post = m.forward_instrumented(x)
    assert torch.equal(logit, m(x))
    assert len(pre) == 4
    assert len(post) == 3
    assert torch.equal(post[0], torch.tanh(pre[0]))
    deltas = torch.autograd.grad(logit.sum(), pre)
    assert deltas[0].shape == pre[0].shape
    # dL/dz of the output pre-activation is 1 for every sample (L = sum of logits).
    assert torch.equal(deltas[-1], torch.ones(11, 1))


def test_prelu_has_one_learnable_slope_per_layer():
    m = MLP(2, 3, 4, "prelu", {"init": 0.1})
    slopes = [a.weight for a in m.acts]
    assert len({id(s) for s in slopes}) == 3
    assert all(s.requires_grad for s in slopes)
    assert m.prelu_slopes() == pytest.approx([0.1, 0.1, 0.1])
    assert MLP(2, 3, 4, "relu").prelu_slopes() is None

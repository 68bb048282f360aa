"""The trainer, its records and the run history: hand-computed values on tiny nets."""

import json
import math

import numpy as np
import pytest
import torch

from core.activations import get_activation
from core.records_export import records_document
from core.training import (
    HIST_BINS,
    LOG_GRAD_EDGES,
    Histogram,
    RunHistory,
    StepRecord,
    Trainer,
    TrainingConfig,
    _segment_stats,
)

SMALL = {"n_samples": 64, "batch": 32}


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread():
    """Tiny nets on a shared 2-core machine: more intra-op threads only add contention
    (30x slower under load), so this module runs torch on one thread and then restores it."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _hidden(rec):
    return [layer for layer in rec.layers if not layer.is_output]


# -- hand-computed gradients --------------------------------------------------------------
def test_chain_of_single_sigmoid_units_matches_hand_backprop():
    # batch == n_samples: the minibatch is the whole data set (in some order, which sums
    # and means do not see), so the test knows exactly what the trainer saw.
    cfg = TrainingConfig(
        activation="sigmoid",
        depth=3,
        width=1,
        init="normal",
        init_std=1.5,
        bias=0.2,
        dataset="gaussian",
        n_samples=16,
        batch=16,
        seed=3,
    )
    t = Trainer(cfg)
    rec = t.record()
    x = t.dataset.x.astype(np.float64)
    y = t.dataset.y.astype(np.float64)
    n = len(y)
    w1 = t.model.hidden[0].weight.detach().double().numpy()  # (1, 2)
    b1, w2, b2, w3, b3 = (
        float(p.detach())
        for p in (
            t.model.hidden[0].bias,
            t.model.hidden[1].weight,
            t.model.hidden[1].bias,
            t.model.hidden[2].weight,
            t.model.hidden[2].bias,
        )
    )
    wo, bo = float(t.model.output.weight.detach()), float(t.model.output.bias.detach())
    z1 = (x @ w1.T)[:, 0] + b1
    h1 = _sig(z1)
    z2 = w2 * h1 + b2
    h2 = _sig(z2)
    z3 = w3 * h2 + b3
    h3 = _sig(z3)
    logit = wo * h3 + bo
    p = _sig(logit)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    d = lambda z: _sig(z) * (1 - _sig(z))  # noqa: E731
    dlogit = (p - y) / n
    delta3 = dlogit * wo * d(z3)
    delta2 = delta3 * w3 * d(z2)
    delta1 = delta2 * w2 * d(z1)
    # The first layer's gradient: the product of every later weight and derivative.
    chain = dlogit * wo * d(z3) * w3 * d(z2) * w2 * d(z1)
    np.testing.assert_allclose(chain, delta1, rtol=1e-12)
    g1 = chain @ x

    assert rec.step == 0
    assert rec.loss == pytest.approx(loss, rel=1e-3)
    assert rec.accuracy == pytest.approx(np.mean((logit > 0) == (y > 0.5)))
    l1, l2, l3, out = rec.layers
    assert [l1.index, l2.index, l3.index, out.index] == [1, 2, 3, 4]
    assert out.is_output
    assert not l3.is_output
    assert l1.grad_norm == pytest.approx(np.linalg.norm(g1), rel=1e-3)
    assert l1.grad_std == pytest.approx(g1.std(), rel=1e-3)
    assert l2.grad_norm == pytest.approx(abs(np.sum(delta2 * h1)), rel=1e-3)
    assert l3.grad_norm == pytest.approx(abs(np.sum(delta3 * h2)), rel=1e-3)
    assert out.grad_norm == pytest.approx(abs(np.sum(dlogit * h3)), rel=1e-3)
    assert l1.delta_std == pytest.approx(delta1.std(), rel=1e-3)
    assert out.delta_std == pytest.approx(dlogit.std(), rel=1e-3)
    assert l1.preact_mean == pytest.approx(z1.mean(), rel=1e-3, abs=1e-6)
    assert l1.preact_std == pytest.approx(z1.std(), rel=1e-3)
    assert l2.act_mean == pytest.approx(h2.mean(), rel=1e-3)
    assert l2.act_std == pytest.approx(h2.std(), rel=1e-3)
    assert out.act_mean == pytest.approx(p.mean(), rel=1e-3)  # the output's "activation"
    sat = np.abs(d(z2)) < 0.05 * 0.25
    assert l2.saturated_fraction == pytest.approx(sat.mean())
    assert all(layer.dead_fraction == 0.0 for layer in rec.layers)
    assert rec.diverged is False


def test_deep_sigmoid_vanishes_but_relu_with_he_does_not():
    sig = Trainer(TrainingConfig(activation="sigmoid", depth=10, width=16, **SMALL)).record()
    h = _hidden(sig)
    assert h[0].grad_norm < 1e-3 * h[-1].grad_norm
    relu = Trainer(
        TrainingConfig(activation="relu", depth=10, width=16, init="he_normal", **SMALL)
    ).record()
    h = _hidden(relu)
    assert 0.1 < h[0].grad_norm / h[-1].grad_norm < 10


def test_huge_negative_bias_kills_every_relu_unit():
    rec = Trainer(TrainingConfig(activation="relu", depth=3, bias=-10.0, **SMALL)).record()
    for layer in _hidden(rec):
        assert layer.dead_fraction == 1.0
        assert layer.saturated_fraction == 1.0
        assert layer.grad_norm == 0.0
        assert layer.act_std == 0.0
    alive = Trainer(TrainingConfig(activation="sigmoid", depth=3, bias=-10.0, **SMALL)).record()
    assert all(layer.dead_fraction == 0.0 for layer in alive.layers)


def test_prelu_dead_and_saturated_use_the_learned_slope():
    cfg = TrainingConfig(activation="prelu", depth=2, bias=-10.0, **SMALL)
    t = Trainer(cfg)
    assert all(layer.dead_fraction == 0.0 for layer in t.record().layers)
    with torch.no_grad():
        t.model.acts[0].weight.fill_(0.0)  # slope 0: this layer is a ReLU now
        t.model.acts[1].weight.fill_(-0.5)  # outside the registry's range, still a slope
    rec = t.record()
    assert rec.layers[0].dead_fraction == 1.0
    assert rec.layers[1].dead_fraction == 0.0
    assert rec.layers[1].saturated_fraction == 0.0  # |f'| = 0.5 >= 0.05 * max(1, 0.5)


def test_saturated_fraction_follows_the_registry_threshold():
    t = Trainer(TrainingConfig(activation="tanh", depth=2, init="normal", init_std=3.0, **SMALL))
    rec = t.record()
    x = t.dataset.x.astype(np.float64)
    w = t.model.hidden[0].weight.detach().double().numpy()
    # Whole data set, but the batch is half of it: only check a plausible range here.
    z = x @ w.T
    frac = (get_activation("tanh").derivative(z) < 0.05).mean()
    assert rec.layers[0].saturated_fraction == pytest.approx(frac, abs=0.15)
    assert rec.layers[1].saturated_fraction > 0.5


# -- histograms ---------------------------------------------------------------------------
def test_segment_histograms_count_finite_values_and_report_the_rest():
    rng = np.random.default_rng(0)
    a = rng.normal(size=1000).astype(np.float32)
    b = np.array([1.0, np.nan, 2.0, np.inf, -np.inf, 3.0], dtype=np.float32)
    c = np.full(5, 7.0, dtype=np.float32)
    d = np.array([np.nan, np.nan], dtype=np.float32)
    e = rng.normal(size=50).astype(np.float32)  # statistics only, no histogram
    v = np.concatenate([a, b, c, d, e])
    s = _segment_stats(v, (1000, 6, 5, 2, 50), np.zeros(4, dtype=bool))
    ha, hb, hc, hd = s.hists
    assert len(s.hists) == 4
    assert [h.total for h in s.hists] == [1000, 3, 5, 0]
    assert s.nonfinite == [0, 3, 0, 2, 0]
    assert [h.nonfinite for h in s.hists] == [0, 3, 0, 2]
    for h in s.hists:
        assert len(h.edges) == len(h.counts) + 1 == HIST_BINS + 1
        assert np.all(np.diff(h.edges) > 0)
        assert h.counts.dtype == np.int64
    np.testing.assert_array_equal(ha.counts, np.histogram(a, bins=ha.edges)[0])
    assert ha.edges[0] == a.min()
    assert ha.edges[-1] == a.max()
    width = float(a.max() - a.min()) / HIST_BINS
    assert ha.p01 == pytest.approx(np.percentile(a, 1), abs=width / 4)
    assert ha.p99 == pytest.approx(np.percentile(a, 99), abs=width / 4)
    assert s.mean[0] == pytest.approx(a.mean(), abs=1e-6)
    assert s.std[0] == pytest.approx(a.std(), rel=1e-5)
    assert s.norm[0] == pytest.approx(np.linalg.norm(a.astype(np.float64)), rel=1e-6)
    assert s.mean[1] == pytest.approx(2.0)
    assert 1.0 <= hb.p01 <= hb.p99 <= 3.0
    assert hc.edges[0] < 7.0 < hc.edges[-1]
    assert hc.counts.sum() == 5
    assert math.isnan(s.mean[3])
    assert math.isnan(hd.p01)
    assert s.std[4] == pytest.approx(e.std(), rel=1e-5)
    json.dumps(records_document({}, [{"h": hd.to_json()}]), allow_nan=False)


def test_histograms_of_huge_values_do_not_overflow():
    v = np.array([3e38, -3e38, 1e30, 1e30], dtype=np.float32)
    s = _segment_stats(v, (2, 2), np.zeros(2, dtype=bool))
    assert [h.total for h in s.hists] == [2, 2]
    assert all(np.all(np.isfinite(h.edges)) for h in s.hists)


def test_log_gradient_histograms_share_fixed_edges():
    t = Trainer(TrainingConfig(activation="sigmoid", depth=6, **SMALL))
    recs = t.run(4, 2)
    for rec in recs:
        for layer in rec.layers:
            np.testing.assert_array_equal(layer.log_grad_hist.edges, LOG_GRAD_EDGES)
            assert layer.log_grad_hist.total == layer.grad_hist.total
    first = recs[0].layers
    # The vanishing gradient is a shift along the common axis.
    centre = lambda h: np.average(h.edges[:-1], weights=h.counts)  # noqa: E731
    assert centre(first[0].log_grad_hist) < centre(first[-2].log_grad_hist) - 3


# -- the trainer --------------------------------------------------------------------------
def _summary(rec: StepRecord):
    return (
        rec.step,
        rec.loss,
        rec.accuracy,
        [(x.grad_norm, x.act_std, x.dead_fraction, tuple(x.act_hist.counts)) for x in rec.layers],
    )


def test_same_seed_same_records_other_seed_other_records():
    cfg = TrainingConfig(activation="tanh", depth=3, optimizer="adam", lr=0.01, **SMALL)
    a = [_summary(r) for r in Trainer(cfg).run(6, 2)]
    b = [_summary(r) for r in Trainer(cfg).run(6, 2)]
    c = [_summary(r) for r in Trainer(cfg.with_changes(seed=1)).run(6, 2)]
    assert a == b
    assert a != c


def test_recording_does_not_change_the_trajectory():
    cfg = TrainingConfig(activation="elu", depth=3, optimizer="momentum", **SMALL)
    every = Trainer(cfg).run(6, 1)
    sparse = Trainer(cfg).run(6, 3)
    assert [r.step for r in every] == list(range(7))
    assert [r.step for r in sparse] == [0, 3, 6]
    assert [_summary(r) for r in every[::3]] == [_summary(r) for r in sparse]


def test_run_records_zero_every_k_and_the_last_step():
    t = Trainer(TrainingConfig(depth=2, **SMALL))
    assert [r.step for r in t.run(0, 5)] == [0]
    assert t.step == 0
    assert [r.step for r in t.run(7, 3)] == [0, 3, 6, 7]
    assert t.step == 7


def test_iter_run_hands_out_records_as_it_trains():
    t = Trainer(TrainingConfig(depth=2, **SMALL))
    with pytest.raises(ValueError, match="steps"):
        t.iter_run(-1, 1)  # checked at once, not at the first record
    records = t.iter_run(7, 3)
    assert t.step == 0
    assert next(records).step == 0
    assert next(records).step == 3
    assert t.step == 4  # the record of step 3 came with its update
    assert [r.step for r in records] == [6, 7]
    same = Trainer(TrainingConfig(depth=2, **SMALL)).run(7, 3)
    assert [r.to_json() for r in Trainer(TrainingConfig(depth=2, **SMALL)).iter_run(7, 3)] == [
        r.to_json() for r in same
    ]


def test_train_step_and_record():
    t = Trainer(TrainingConfig(depth=2, **SMALL))
    before = [p.detach().clone() for p in t.model.parameters()]
    rec = t.record()
    assert t.step == 0
    assert rec.step == 0
    assert all(torch.equal(a, p) for a, p in zip(before, t.model.parameters(), strict=True))
    assert t.train_step() is None
    assert t.step == 1
    rec = t.train_step(record=True)
    assert rec is not None
    assert rec.step == 1
    assert t.step == 2


def test_record_matches_the_next_update():
    a = Trainer(TrainingConfig(depth=2, **SMALL))
    b = Trainer(TrainingConfig(depth=2, **SMALL))
    a.train_step()
    b.train_step()
    assert _summary(a.record()) == _summary(b.train_step(record=True))


def test_snapshots_are_numpy_copies_not_tensors():
    t = Trainer(TrainingConfig(depth=2, **SMALL))
    rec = t.record()
    kept = [layer.act_hist.counts.copy() for layer in rec.layers]
    norms = [layer.grad_norm for layer in rec.layers]
    t.run(5, 5)
    for layer, counts, norm in zip(rec.layers, kept, norms, strict=True):
        for h in (layer.grad_hist, layer.log_grad_hist, layer.preact_hist, layer.act_hist):
            assert isinstance(h.edges, np.ndarray)
            assert isinstance(h.counts, np.ndarray)
        np.testing.assert_array_equal(layer.act_hist.counts, counts)
        assert layer.grad_norm == norm
        assert isinstance(layer.grad_norm, float)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_updates_follow_torchs_reference_optimizers(optimizer):
    """The trainer uses torch's fused kernels; its updates must be the textbook ones
    (torch's default per-parameter implementation), a learning-rate change included."""
    t = Trainer(TrainingConfig(activation="tanh", depth=2, optimizer=optimizer, lr=0.05, **SMALL))
    params = [p.detach().clone().requires_grad_(True) for p in t.model.parameters()]
    if optimizer == "adam":
        ref = torch.optim.Adam(params, lr=0.05, foreach=False)
    else:
        ref = torch.optim.SGD(
            params, lr=0.05, momentum=0.9 if optimizer == "momentum" else 0.0, foreach=False
        )
    for step in range(8):
        if step == 4:
            t.set_learning_rate(0.01)
            for group in ref.param_groups:
                group["lr"] = 0.01
        t.record()  # this step's gradients, left in .grad
        for p, q in zip(params, t.model.parameters(), strict=True):
            p.grad = q.grad.detach().clone()
        ref.step()
        t.train_step()
        for p, q in zip(params, t.model.parameters(), strict=True):
            torch.testing.assert_close(q.detach(), p.detach(), rtol=1e-5, atol=1e-6)


def test_set_learning_rate_applies_to_the_next_update():
    t = Trainer(TrainingConfig(depth=1, optimizer="sgd", lr=0.1, **SMALL))
    t.record()  # leaves this batch's gradients in .grad
    w = t.model.output.weight.detach().clone()
    g = t.model.output.weight.grad.detach().clone()
    t.set_learning_rate(0.5)
    assert t.learning_rate == 0.5
    t.train_step()
    torch.testing.assert_close(t.model.output.weight.detach(), w - 0.5 * g)
    for bad in (0.0, 11.0, float("nan"), "0.1"):
        with pytest.raises(ValueError, match="lr"):
            t.set_learning_rate(bad)
    assert t.learning_rate == 0.5


def test_divergence_stops_training_and_is_recorded():
    cfg = TrainingConfig(activation="relu", depth=8, init="normal", init_std=3.0, lr=10.0, **SMALL)
    t = Trainer(cfg)
    recs = t.run(50, 10)
    assert t.diverged_at is not None
    last = recs[-1]
    assert last.diverged
    assert last.step == t.diverged_at
    assert not math.isfinite(last.loss) or any(layer.nonfinite for layer in last.layers)
    assert t.step == t.diverged_at  # the bad update was not applied
    assert t.train_step() is last
    text = json.dumps(records_document(cfg.to_dict(), recs, t.diverged_at), allow_nan=False)
    assert "NaN" not in text
    assert "Infinity" not in text


def test_mse_loss_and_output_saturation():
    t = Trainer(TrainingConfig(depth=2, loss="mse", init="normal", init_std=5.0, **SMALL))
    rec = t.record()
    assert 0.0 <= rec.loss <= 1.0
    assert rec.layers[-1].saturated_fraction > 0.0
    bce = Trainer(TrainingConfig(depth=2, init="normal", init_std=5.0, **SMALL)).record()
    assert bce.layers[-1].saturated_fraction == 0.0


def test_predict_proba():
    t = Trainer(TrainingConfig(depth=2, **SMALL))
    p = t.predict_proba(np.zeros((5, 2)))
    assert p.shape == (5,)
    assert np.all((p > 0) & (p < 1))
    with pytest.raises(ValueError, match="shape"):
        t.predict_proba(np.zeros((5, 3)))
    r = Trainer(TrainingConfig(activation="rrelu", depth=2, **SMALL))
    np.testing.assert_array_equal(
        r.predict_proba(np.ones((3, 2))), r.predict_proba(np.ones((3, 2)))
    )
    assert r.model.training


def test_predict_proba_takes_the_read_only_data_set_without_a_warning():
    import warnings

    t = Trainer(TrainingConfig(depth=2, **SMALL))
    assert not t.dataset.x.flags.writeable
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch warned about sharing a read-only array
        p = t.predict_proba(t.dataset.x)
    assert p.shape == (len(t.dataset),)


def test_record_json_schema():
    rec = Trainer(TrainingConfig(depth=2, **SMALL)).record()
    d = rec.to_json()
    assert set(d) >= {"step", "loss", "accuracy", "layers", "diverged"}
    layer = d["layers"][0]
    assert set(layer) >= {
        "index",
        "grad_norm",
        "grad_std",
        "delta_std",
        "preact_mean",
        "preact_std",
        "act_mean",
        "act_std",
        "dead_fraction",
        "saturated_fraction",
        "grad_hist",
        "log_grad_hist",
        "preact_hist",
        "act_hist",
        "nonfinite",
    }
    assert set(layer["grad_hist"]) >= {"edges", "counts", "nonfinite"}
    json.dumps(d, allow_nan=False)


# -- the config ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"activation": "nope"}, "activation"),
        ({"activation": "leaky_relu", "params": {"negative_slope": 2.0}}, "negative_slope"),
        ({"activation": "relu", "params": {"alpha": 1.0}}, "alpha"),
        ({"depth": 0}, "depth"),
        ({"depth": 51}, "depth"),
        ({"depth": 3.0}, "depth"),
        ({"width": 513}, "width"),
        ({"init": "zeros"}, "init"),
        ({"init_std": 0.0}, "init_std"),
        ({"bias": 11.0}, "bias"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 1e-5}, "lr"),
        ({"lr": float("inf")}, "lr"),
        ({"batch": 0}, "batch"),
        ({"batch": 600}, "batch"),
        ({"loss": "hinge"}, "loss"),
        ({"dataset": "mnist"}, "dataset"),
        ({"input_dim": 3}, "input_dim"),
        ({"noise": 3.0}, "noise"),
        ({"n_samples": 8}, "n_samples"),
        ({"seed": -1}, "seed"),
        ({"seed": False}, "seed"),
    ],
)
def test_bad_config_fields_are_named(changes, field):
    with pytest.raises(ValueError, match=field):
        TrainingConfig(**changes).validate()
    with pytest.raises(ValueError, match=field):
        Trainer(TrainingConfig(**changes))


def test_validate_fills_in_params_and_round_trips():
    c = TrainingConfig(activation="elu", depth=4).validate()
    assert dict(c.params) == {"alpha": 1.0}
    assert TrainingConfig.from_dict(c.to_dict()) == c
    assert json.loads(json.dumps(c.to_dict())) == c.to_dict()
    assert TrainingConfig.from_dict({"depth": 5}).depth == 5


def test_from_dict_is_strict():
    with pytest.raises(ValueError, match="unknown config key"):
        TrainingConfig.from_dict({"deepness": 3})
    with pytest.raises(ValueError, match="depth"):
        TrainingConfig.from_dict({"depth": "3"})
    with pytest.raises(ValueError, match="params"):
        TrainingConfig.from_dict({"params": [1, 2]})
    with pytest.raises(ValueError, match="JSON object"):
        TrainingConfig.from_dict([("depth", 3)])


def test_with_changes():
    c = TrainingConfig(activation="leaky_relu", params={"negative_slope": 0.2})
    assert dict(c.with_changes(depth=5).params) == {"negative_slope": 0.2}
    assert dict(c.with_changes(activation="elu").params) == {"alpha": 1.0}
    h = TrainingConfig(dataset="highdim", input_dim=20)
    assert h.with_changes(dataset="moons").input_dim == 2
    with pytest.raises(ValueError, match="unknown config field"):
        c.with_changes(colour="red")
    with pytest.raises(ValueError, match="depth"):
        c.with_changes(depth=-1)


# -- history ------------------------------------------------------------------------------
def _rec(step):
    return StepRecord(step=step, loss=0.0, accuracy=0.0, layers=(), diverged=False)


def test_run_history_is_bounded_and_keeps_the_ends():
    h = RunHistory(capacity=50)
    for step in range(5000):
        h.append(_rec(step))
        assert len(h) <= 50
    steps = h.steps
    assert steps[0] == 0
    assert steps[-1] == 4999
    assert steps == sorted(steps)
    gaps = np.diff(steps)
    assert np.all(gaps[-5:] == 1)  # the recent past is dense
    assert gaps[: len(gaps) // 2].mean() > 10 * gaps[len(gaps) // 2 :].mean()  # the past sparse
    assert gaps.max() <= 5000 / 4  # and the whole run stays covered
    assert h.nearest(0).step == 0
    assert h.nearest(10**6).step == 4999
    near = h.nearest(2500).step
    assert abs(near - 2500) <= gaps.max() / 2
    assert h[-1].step == 4999
    assert h.latest.step == 4999
    h.clear()
    assert len(h) == 0
    assert h.latest is None
    with pytest.raises(ValueError, match="empty"):
        h.nearest(3)


def test_run_history_rejects_out_of_order_steps():
    h = RunHistory(capacity=10)
    h.append(_rec(3))
    with pytest.raises(ValueError, match="increasing"):
        h.append(_rec(3))


def test_histogram_json():
    h = Histogram(np.array([0.0, 1.0, 2.0]), np.array([3, 4]), 1, 0.1, float("nan"))
    assert h.to_json() == {
        "edges": [0.0, 1.0, 2.0],
        "counts": [3, 4],
        "nonfinite": 1,
        "p01": 0.1,
        "p99": None,
    }


def test_big_nets_are_measured_in_chunks_with_the_same_results(monkeypatch):
    import core.training as training

    cfg = TrainingConfig(activation="prelu", depth=4, width=8, **SMALL)
    whole = Trainer(cfg).record()
    monkeypatch.setattr(training, "_CHUNK", 300)  # smaller than one layer's 32 x 8 values
    chunked = Trainer(cfg).record()
    assert _summary(chunked) == _summary(whole)
    for a, b in zip(whole.layers, chunked.layers, strict=True):
        np.testing.assert_array_equal(a.log_grad_hist.counts, b.log_grad_hist.counts)
        assert (a.preact_hist.p01, a.delta_std) == (b.preact_hist.p01, b.delta_std)


# -- the fast statistics against straightforward numpy ------------------------------------
def _reference_segment(x: np.ndarray, h, fixed: bool):
    """What one segment's statistics mean, computed the plain way."""
    f = x[np.isfinite(x)].astype(np.float64)
    assert h.nonfinite == x.size - f.size
    if f.size == 0:
        assert h.total == 0
        assert math.isnan(h.p01)
        assert math.isnan(h.p99)
        return
    edges = LOG_GRAD_EDGES if fixed else h.edges
    if fixed:
        np.testing.assert_array_equal(h.edges, LOG_GRAD_EDGES)
        f = np.clip(f, edges[0], edges[-1])
    else:
        if f.min() < f.max():
            assert h.edges[0] == f.min()
            assert h.edges[-1] == f.max()
        else:
            assert h.edges[0] < f.min() <= f.max() < h.edges[-1]
    ref = np.histogram(f, bins=edges)[0]
    assert h.total == f.size
    # The binning runs in float32: a value within rounding of an edge may land next door.
    assert np.abs(h.counts - ref).sum() <= 2 + f.size // 500
    width = (edges[-1] - edges[0]) / HIST_BINS
    tol = width / 8 + 1e-9 * abs(edges[-1])
    assert h.p01 == pytest.approx(np.percentile(f, 1), abs=tol)
    assert h.p99 == pytest.approx(np.percentile(f, 99), abs=tol)


def _random_segments(rng, nonfinite: bool):
    lengths = [2048, 2048, 128, 128, 32, 256, 256, 16, 32, 256, 256, 16, 2048, 128, 7, 1]
    n_hist = 12
    parts = []
    for i, n in enumerate(lengths):
        scale = 10.0 ** rng.uniform(-8, 3)
        x = (rng.normal(size=n) * scale + rng.normal() * scale * 3).astype(np.float32)
        if i >= 8 and i < n_hist:
            x = np.log10(np.abs(x) + 1e-30).astype(np.float32)  # like log-gradients
        parts.append(x)
    parts[3][:] = 7.5  # a constant segment
    if nonfinite:
        parts[0][[3, 70, 900]] = [np.nan, np.inf, -np.inf]
        parts[5][:] = np.nan  # nothing finite
        parts[12][5] = np.inf
        parts[9][0] = np.nan
    fixed = np.array([False] * 8 + [True] * 4)
    return parts, tuple(lengths), fixed


@pytest.mark.parametrize("nonfinite", [False, True])
def test_segment_stats_match_a_plain_numpy_reference(nonfinite):
    rng = np.random.default_rng(5)
    for _ in range(3):
        parts, lengths, fixed = _random_segments(rng, nonfinite)
        s = _segment_stats(np.concatenate(parts), lengths, fixed)
        assert len(s.hists) == len(fixed)
        for i, x in enumerate(parts):
            f = x[np.isfinite(x)].astype(np.float64)
            assert s.nonfinite[i] == x.size - f.size
            if f.size == 0:
                assert math.isnan(s.mean[i])
                assert math.isnan(s.std[i])
                assert math.isnan(s.norm[i])
                continue
            assert s.mean[i] == pytest.approx(f.mean(), rel=1e-9, abs=1e-12 * np.abs(f).max())
            assert s.std[i] == pytest.approx(f.std(), rel=1e-6, abs=1e-7 * np.abs(f).max())
            assert s.norm[i] == pytest.approx(np.linalg.norm(f), rel=1e-12)
            if i < len(fixed):
                _reference_segment(x, s.hists[i], bool(fixed[i]))


def test_masked_path_gives_the_fast_paths_numbers():
    # A NaN in one extra plain segment sends the whole call down the path that masks
    # non-finite values; every other segment must come out bit for bit the same.
    rng = np.random.default_rng(11)
    parts, lengths, fixed = _random_segments(rng, nonfinite=False)
    v = np.concatenate(parts)
    fast = _segment_stats(v, lengths, fixed)
    masked = _segment_stats(
        np.concatenate([v, np.array([np.nan, 1.0], np.float32)]), (*lengths, 2), fixed
    )
    assert masked.nonfinite[-1] == 1
    assert masked.mean[:-1] == fast.mean
    assert masked.std[:-1] == fast.std
    assert masked.norm[:-1] == fast.norm
    for a, b in zip(fast.hists, masked.hists, strict=True):
        np.testing.assert_array_equal(a.edges, b.edges)
        np.testing.assert_array_equal(a.counts, b.counts)
        assert (a.p01, a.p99, a.nonfinite) == (b.p01, b.p99, b.nonfinite)


def test_histograms_of_a_tiny_span_do_not_overflow():
    # A span so small that HIST_BINS * 8 / span overflows float32 (vanishing gradients).
    v = np.array([0.0, 1e-42, 2e-42, 3e-42, 1.0, 2.0], dtype=np.float32)
    s = _segment_stats(v, (4, 2), np.zeros(2, dtype=bool))
    h = s.hists[0]
    assert h.total == 4
    assert h.counts[0] >= 1
    assert h.counts[-1] >= 1
    assert 0.0 <= h.p01 <= h.p99 <= 3e-42 * 1.0001


def _reference_record(t: Trainer, xb, yb):
    """A record's numbers the straightforward way: torch autograd on a copy of the net
    and numpy per layer (no shared code with the trainer's statistics)."""
    import copy

    model = copy.deepcopy(t.model)
    zs, acts = [], []
    x = xb
    for lin, act in zip(model.hidden, model.acts, strict=True):
        z = lin(x)
        z.retain_grad()
        x = act(z)
        zs.append(z)
        acts.append(x)
    logit = model.output(x)
    logit.retain_grad()
    zs.append(logit)
    acts.append(torch.sigmoid(logit))
    t._loss(logit.squeeze(1), yb).backward()
    act = get_activation(t.config.activation)
    out = []
    for i, lin in enumerate(model.linears):
        z = zs[i].detach().double().numpy()
        layer = {
            "z": zs[i].detach().numpy().ravel(),
            "a": acts[i].detach().numpy().ravel(),
            "g": lin.weight.grad.numpy().ravel(),
            "d": zs[i].grad.numpy().ravel(),
        }
        if i < len(model.hidden):
            p = dict(t.config.params)
            if t.config.activation == "prelu":
                p = {"init": float(model.acts[i].weight.detach())}
            slope = p.get("init")
            if slope is not None and not 0.0 <= slope <= 1.0:  # outside the registry range
                f0, f1 = act.derivative(z, init=0.0), act.derivative(z, init=1.0)
                d = f0 + slope * (f1 - f0)
                peak = max(1.0, abs(slope))
            else:
                d = act.derivative(z, **p)
                peak = act.max_abs_derivative(**p)
            layer["dead"] = float(np.mean(np.all(d == 0, axis=0)))
            layer["sat"] = float(np.mean(np.abs(d) < 0.05 * peak))
        out.append(layer)
    return out


def _check_record(rec: StepRecord, ref) -> None:
    assert len(rec.layers) == len(ref)
    for i, (layer, r) in enumerate(zip(rec.layers, ref, strict=True)):
        assert layer.index == i + 1
        assert layer.is_output == (i == len(ref) - 1)
        for name, key, hist in (
            ("preact", "z", layer.preact_hist),
            ("act", "a", layer.act_hist),
            ("grad", "g", layer.grad_hist),
        ):
            x = r[key]
            f = x[np.isfinite(x)].astype(np.float64)
            if f.size and name != "grad":
                assert getattr(layer, f"{name}_mean") == pytest.approx(f.mean(), rel=1e-6, abs=1e-9)
                assert getattr(layer, f"{name}_std") == pytest.approx(f.std(), rel=1e-5, abs=1e-9)
            _reference_segment(x, hist, fixed=False)
        g = r["g"][np.isfinite(r["g"])].astype(np.float64)
        if g.size:
            assert layer.grad_norm == pytest.approx(np.linalg.norm(g), rel=1e-6)
            assert layer.grad_std == pytest.approx(g.std(), rel=1e-5, abs=1e-30)
        d = r["d"][np.isfinite(r["d"])].astype(np.float64)
        if d.size:
            assert layer.delta_std == pytest.approx(d.std(), rel=1e-5, abs=1e-30)
        with np.errstate(divide="ignore", invalid="ignore"):
            log = np.log10(np.maximum(np.abs(r["g"].astype(np.float64)), 1e-30))
        _reference_segment(log.astype(np.float32), layer.log_grad_hist, fixed=True)
        bad = sum(int(np.sum(~np.isfinite(r[k]))) for k in ("z", "a", "g", "d"))
        assert layer.nonfinite == bad
        if not layer.is_output:
            assert layer.dead_fraction == r["dead"]
            assert layer.saturated_fraction == r["sat"]


@pytest.mark.parametrize(
    "changes",
    [
        {"activation": "sigmoid", "depth": 10, "width": 16, "batch": 128, "n_samples": 256},
        {"activation": "relu", "depth": 4, "width": 9, "bias": -0.5, "init": "he_normal"},
        {"activation": "gelu", "depth": 3, "width": 5, "loss": "mse"},
        {"activation": "prelu", "depth": 3, "width": 6},
    ],
)
def test_records_match_a_straightforward_reference(changes):
    kw = {"n_samples": 96, "batch": 48, **changes}
    t = Trainer(TrainingConfig(**kw))
    t.run(3, 1)
    if t.config.activation == "prelu":
        with torch.no_grad():
            t.model.acts[0].weight.fill_(-0.5)  # outside the registry's slope range
            t.model.acts[1].weight.fill_(0.0)  # a ReLU: units die at negative z
    xb, yb = t._peek()
    ref = _reference_record(t, xb, yb)
    _check_record(t.record(), ref)


def test_a_non_finite_record_matches_the_reference():
    t = Trainer(TrainingConfig(activation="tanh", depth=3, width=6, **SMALL))
    with torch.no_grad():
        t.model.hidden[1].weight[0, 0] = float("inf")
        t.model.hidden[2].weight[1, 2] = float("nan")
    xb, yb = t._peek()
    ref = _reference_record(t, xb, yb)
    rec = t.record()
    assert rec.diverged
    assert sum(layer.nonfinite for layer in rec.layers) > 0
    _check_record(rec, ref)
    json.dumps(rec.to_json(), allow_nan=False)


def test_records_own_their_arrays():
    # The trainer reuses one buffer for every record; nothing a record holds may point
    # into it, or a later step would change an earlier record.
    t = Trainer(TrainingConfig(depth=3, **SMALL))
    rec = t.train_step(record=True)
    buffers = [b for b in (t._record_plan._v, t._record_plan._v64) if b is not None]
    assert buffers
    for layer in rec.layers:
        for h in (layer.grad_hist, layer.log_grad_hist, layer.preact_hist, layer.act_hist):
            for a in (h.edges, h.counts):
                assert not any(np.shares_memory(a, b) for b in buffers)


@pytest.mark.parametrize(("cores", "threads"), [(None, 1), (1, 1), (2, 1), (3, 2), (16, 2)])
def test_training_leaves_a_core_free(monkeypatch, cores, threads):
    import core.training as training

    monkeypatch.setattr(training.os, "cpu_count", lambda: cores)
    assert training.torch_threads() == threads


def test_the_runs_of_a_comparison_share_one_read_only_data_set():
    # At 100,000 x 784 a data set is 314 MB: two runs on the same data hold it once, and a
    # trainer no longer keeps a copy of its own (the data stays read-only).
    cfg = TrainingConfig(dataset="moons", n_samples=200, batch=50, seed=4)
    a, b = Trainer(cfg), Trainer(cfg.with_changes(activation="relu"))
    assert a.dataset is b.dataset
    assert not a.dataset.x.flags.writeable
    assert np.shares_memory(a._x.numpy(), a.dataset.x)
    xb, _ = a._peek()
    rows = {tuple(r) for r in a.dataset.x.tolist()}
    assert all(tuple(r) in rows for r in xb.numpy().tolist())
    a.run(10, 5)  # trains without writing to the shared arrays
    np.testing.assert_array_equal(a.dataset.x, b.dataset.x)
    assert Trainer(cfg.with_changes(seed=5)).dataset is not a.dataset

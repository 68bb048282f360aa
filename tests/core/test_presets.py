"""The lecture presets: the files are strict, and every preset shows what it promises.

Each number an explanation or a "what to watch" pointer states is pinned below, on the
shipped config and seed (the same trainer as the GUI and ``main.py train``). The runs are
kept short: only the steps a claim is about are trained, and records are taken only there.
"""

import json
import re

import numpy as np
import pytest
import torch

from core.presets import (
    MAX_WATCH_ITEMS,
    SHARED_FIELDS,
    get_preset,
    load_presets,
    load_presets_from,
)
from core.training import LOG_GRAD_EDGES, StepRecord, Trainer, TrainingConfig

LN2 = float(np.log(2.0))  # the BCE loss of a net that guesses 1/2 for every sample


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread():
    """Tiny nets on a shared 2-core machine: more intra-op threads only add contention
    (30x slower under load), so this module runs torch on one thread and then restores it.
    One throw-away step pays torch's lazy first-use costs here, not in the first test."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    Trainer(TrainingConfig(depth=1, width=2, n_samples=64, batch=8)).run(1, 1)
    yield
    torch.set_num_threads(n)


# The lecture: a problem (vanishing), its cause (the weight scale), the fix for tanh (Glorot)
# and the other side of it (exploding), the fix for ReLU (He), ReLU's own failure (dying),
# and an activation built to keep the signal normalized (SELU).
EXPECTED = [
    "vanishing_sigmoid",
    "tanh_weight_scale",
    "glorot_tanh",
    "exploding_tanh",
    "he_relu",
    "dying_relu_lr",
    "dying_relu_bias",
    "selu_self_normalizing",
]


def _at_init(config: TrainingConfig) -> StepRecord:
    return Trainer(config).record()


def _records_at(config: TrainingConfig, steps: list[int]) -> tuple[list[StepRecord], Trainer]:
    """Train up to each of ``steps`` and record there (what the GUI shows at that step)."""
    t = Trainer(config)
    out = []
    for s in steps:
        while t.step < s:
            t.train_step()
        out.append(t.record())
    return out, t


def _hidden(rec: StepRecord, attr: str) -> np.ndarray:
    return np.array([getattr(layer, attr) for layer in rec.layers if not layer.is_output])


def _mean_dead(rec: StepRecord) -> float:
    return float(_hidden(rec, "dead_fraction").mean())


def _log_grad_centre(rec: StepRecord, layer: int) -> float:
    """Where a layer's log10|weight gradient| histogram sits (its mean, from the bins)."""
    counts = np.asarray(rec.layers[layer].log_grad_hist.counts, dtype=np.float64)
    centres = 0.5 * (LOG_GRAD_EDGES[1:] + LOG_GRAD_EDGES[:-1])
    return float((counts * centres).sum() / counts.sum())


def _sentences(text: str) -> int:
    """Sentences in an English explanation ("et al." does not end one)."""
    return len(re.findall(r"(?<!\bal)\.(\s|$)", text))


# -- the files ----------------------------------------------------------------------------
def test_shipped_presets_load_in_lecture_order():
    presets = load_presets()
    assert [p.id for p in presets] == EXPECTED
    assert [p.order for p in presets] == sorted(p.order for p in presets)
    for p in presets:
        for text in (p.title_en, p.title_zh, p.explanation_en, p.explanation_zh):
            assert text.strip() == text
            assert text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.title_zh + p.explanation_zh)
        # Short enough to read on a projector.
        assert 2 <= _sentences(p.explanation_en) <= 4, p.id
        assert len(p.explanation_en.split()) <= 100, p.id
        assert len(p.explanation_zh) <= 260, p.id
        assert 2 <= len(p.watch_en) == len(p.watch_zh) <= 4, p.id
        for en, zh in zip(p.watch_en, p.watch_zh, strict=True):
            assert len(en) <= 240, (p.id, en)
            assert len(zh) <= 120, (p.id, zh)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
        assert p.config == p.config.validate()
        assert p.compare is not None
        for name in SHARED_FIELDS:
            assert getattr(p.compare, name) == getattr(p.config, name)
        assert 1 <= p.record_every <= p.steps
    assert get_preset("he_relu").config.depth == 30
    he = get_preset("he_relu")
    assert he.title("zh_CN") == he.title_zh
    assert he.explanation("zh_CN") == he.explanation_zh
    assert he.watch("zh_CN") == he.watch_zh
    assert he.watch("en") == he.watch_en


def test_presets_open_on_the_histogram_view_of_their_lesson():
    # The activation lessons show activations; the others the default, log10 |gradient|.
    views = {p.id: (p.histogram, p.histogram_axis) for p in load_presets()}
    assert views["selu_self_normalizing"] == ("act", "fixed")
    assert views["he_relu"] == ("act", "fixed")
    assert views["glorot_tanh"] == ("act", "fixed")
    assert views["tanh_weight_scale"] == ("preact", "fixed")
    assert views["vanishing_sigmoid"] == ("log_grad", "fixed")  # the key left out
    assert views["dying_relu_lr"] == ("log_grad", "fixed")


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(ValueError, match="vanishing_sigmoid"):
        get_preset("nope")


def _write(folder, name, data):
    (folder / name).write_text(json.dumps(data) if not isinstance(data, str) else data)


def _valid():
    return json.loads(
        (load_presets_from.__globals__["resource_path"]("presets") / "he_relu.json").read_text(
            encoding="utf-8"
        )
    )


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("steps"), "missing key"),
        (lambda d: d.pop("watch_zh"), "missing key.*watch_zh"),
        (lambda d: d.update(colour="red"), "unknown key"),
        (lambda d: d.update(watch="x"), "unknown key.*watch"),
        (lambda d: d.update(steps=-1), "'steps'"),
        (lambda d: d.update(order="1"), "'order'"),
        (lambda d: d.update(title_zh=""), "'title_zh'"),
        (lambda d: d.update(explanation_en="  "), "'explanation_en'"),
        (lambda d: d.update(watch_en="look here"), "'watch_en'.*list"),
        (lambda d: d.update(watch_en=[]), "'watch_en'.*list"),
        (lambda d: d.update(watch_zh=["x"] * (MAX_WATCH_ITEMS + 1)), "'watch_zh'"),
        (lambda d: d["watch_en"].__setitem__(1, ""), "'watch_en' item 2"),
        (lambda d: d["watch_zh"].__setitem__(0, 3), "'watch_zh' item 1"),
        (lambda d: d["watch_zh"].pop(), r"'watch_zh' has \d item.*'watch_en' has \d"),
        (lambda d: d.update(record_every=10**6), "'record_every'"),
        (lambda d: d["config"].update(depth=99), "'config'.*depth"),
        (lambda d: d["compare"].update(activation="nope"), "'compare'.*activation"),
        (lambda d: d["compare"].update(seed=5), "same seed"),
        (lambda d: d.update(id="other"), "file name"),
        (lambda d: d.update(histogram="weights"), "'histogram' must be one of grad, log_grad"),
        (lambda d: d.update(histogram_axis=3), "'histogram_axis' must be one of fixed"),
    ],
)
def test_a_bad_file_names_the_file_and_the_field(tmp_path, mutate, message):
    data = _valid()
    mutate(data)
    _write(tmp_path, "he_relu.json", data)
    with pytest.raises(ValueError, match=message) as info:
        load_presets_from(tmp_path)
    assert "he_relu.json" in str(info.value)


def test_invalid_json_and_duplicate_order(tmp_path):
    _write(tmp_path, "broken.json", "{not json")
    with pytest.raises(ValueError, match=r"broken\.json"):
        load_presets_from(tmp_path)
    (tmp_path / "broken.json").unlink()
    a = _valid()
    b = _valid()
    b["id"] = "copy"
    _write(tmp_path, "he_relu.json", a)
    _write(tmp_path, "copy.json", b)
    with pytest.raises(ValueError, match="same order"):
        load_presets_from(tmp_path)


# -- the promises -------------------------------------------------------------------------
# A is the preset's config, B its comparison, as on screen.
def test_vanishing_sigmoid_gradients():
    p = get_preset("vanishing_sigmoid")
    a = _at_init(p.config)
    g = _hidden(a, "grad_norm")
    assert np.all(g[1:] / g[:-1] > 5.0)  # "at least 5-fold per layer"
    assert 1e7 < g[-1] / g[0] < 1e9  # "about 10^8 times smaller"
    # Watch: on the log10 axis L10 sits near 10^-3 and L1 near 10^-10.
    assert -3.8 < _log_grad_centre(a, 9) < -2.2
    assert -11.0 < _log_grad_centre(a, 0) < -9.5
    relu = _hidden(_at_init(p.compare), "grad_norm")
    assert relu.max() / relu.min() < 5.0  # "starts ... within a factor of 5"
    # "keeps them within about 30 as it trains" (33 at its widest step, median 5)
    spread = [
        _hidden(r, "grad_norm").max() / _hidden(r, "grad_norm").min()
        for r in Trainer(p.compare).run(p.steps, 1)
    ]
    assert max(spread) < 40.0
    assert np.median(spread) < 10.0


def test_vanishing_sigmoid_learning():
    p = get_preset("vanishing_sigmoid")
    sig, _ = _records_at(p.config, [0, 100, 200, p.steps])
    for rec in sig:  # "stays at chance (loss ≈ 0.69)", accuracy around 0.5
        assert abs(rec.loss - LN2) < 0.05
        assert rec.accuracy < 0.65
        # Watch: the input layer's ‖∇W‖ stays 8-9 decades below the output layer's.
        decades = np.log10(rec.layers[-1].grad_norm / rec.layers[0].grad_norm)
        assert 7.5 < decades < 9.5
    relu, _ = _records_at(p.compare, [100, 105, 110])
    assert np.mean([r.accuracy for r in relu]) > 0.9  # "passes 0.9 within about 100 steps"


def test_tanh_weight_scale_small():
    p = get_preset("tanh_weight_scale")
    a = _at_init(p.config)
    stds = _hidden(a, "act_std")
    factors = stds[1:] / stds[:-1]
    assert np.all((factors > 0.04) & (factors < 0.08))  # "about 17-fold" per layer
    assert 1 / 20 < np.exp(np.log(factors).mean()) < 1 / 15
    assert 1e-6 < stds[3] < 1e-5  # "by layer 4 ... a few millionths"
    assert np.all(stds < 0.02)  # a thin spike at 0 in every layer
    assert np.all(_hidden(a, "saturated_fraction") == 0.0)
    recs, _ = _records_at(p.config, [0, 100, 200, p.steps])
    assert all(abs(r.loss - LN2) < 0.005 for r in recs)  # "never leaves chance"


def test_tanh_weight_scale_large():
    p = get_preset("tanh_weight_scale")
    start, end = _records_at(p.compare, [0, p.steps])[0]
    assert np.all((_hidden(start, "preact_std")[2:] > 4) & (_hidden(start, "preact_std")[2:] < 6.5))
    sat0 = _hidden(start, "saturated_fraction")[2:]  # from layer 3 on
    assert np.all((sat0 > 0.6) & (sat0 < 0.75))  # "about two thirds"
    assert np.all(_hidden(start, "act_std")[2:] > 0.9)  # piled up at -1 and +1
    sat1 = _hidden(end, "saturated_fraction")[2:]
    assert np.all((sat1 > 0.7) & (sat1 < 0.96))  # "70-95% by step 300"
    assert sat1.mean() > sat0.mean() + 0.1  # "training pushes that share higher still"


def test_glorot_tanh_at_init():
    p = get_preset("glorot_tanh")
    std_rec, xav_rec = _at_init(p.config), _at_init(p.compare)
    a_std, a_xav = _hidden(std_rec, "act_std"), _hidden(xav_rec, "act_std")
    assert 35 < a_std[0] / a_std[-1] < 70  # "about 50-fold over 8 layers"
    assert 2.0 < a_xav[0] / a_xav[-1] < 3.0  # "against 2.5-fold"
    # ... and backward: dL/dz shrinks towards the input with the standard init.
    d_std, d_xav = _hidden(std_rec, "delta_std"), _hidden(xav_rec, "delta_std")
    assert d_std[0] / d_std[-1] < 0.05
    assert d_xav[0] / d_xav[-1] > 0.2
    # In the weight gradients the two cancel: equal across layers, but 40x smaller.
    g_std, g_xav = _hidden(std_rec, "grad_norm"), _hidden(xav_rec, "grad_norm")
    assert g_std.max() / g_std.min() < 2.0
    assert np.all((g_std > 0.005) & (g_std < 0.01))  # "together near 0.007"
    assert np.all((g_xav / g_std > 25) & (g_xav / g_std < 60))
    shift = [_log_grad_centre(xav_rec, i) - _log_grad_centre(std_rec, i) for i in range(8)]
    assert np.all((np.array(shift) > 1.3) & (np.array(shift) < 1.9))  # 40x: 1.6 decades


def test_glorot_tanh_learning():
    p = get_preset("glorot_tanh")
    (early, mid, late, end), _ = _records_at(p.config, [150, 180, 240, p.steps])
    for rec in (early, mid):  # the standard net "stays near 0.69 until about step 200"
        assert rec.loss > 0.65
    a = _hidden(mid, "act_std")
    assert a[-1] / a[0] < 0.1  # its layers are still narrow at step 180 ...
    assert late.loss < 0.3
    a = _hidden(end, "act_std")
    assert a[-1] / a[0] > 0.5  # ... and widen again once it learns
    (xav,), _ = _records_at(p.compare, [20])
    assert xav.loss < 0.55  # "the Xavier net needs 20"


def test_exploding_tanh_at_init():
    p = get_preset("exploding_tanh")
    a = _at_init(p.config)
    d = _hidden(a, "delta_std")
    growth = d[:-1] / d[1:]  # dL/dz, one layer further towards the input
    assert np.all(growth > 1.0)
    assert 1.3 < np.exp(np.log(growth).mean()) < 1.8  # "about 1.5 in every layer"
    assert np.all(np.diff(_hidden(a, "grad_std")) < 0)  # rows move right towards L1
    g = _hidden(a, "grad_norm")
    assert 200 < g[0] / g[-1] < 1000  # "several hundred times the top layer's"
    assert 200 < g[0] / g[-2] < 1000  # also against L19, the top row on screen
    assert np.all(np.abs(_hidden(a, "act_mean")) < 0.1)
    level = _hidden(_at_init(p.compare), "grad_norm")
    assert level.max() / level.min() < 4.0  # "start within a factor of 4"
    assert np.all((level > 3e-3) & (level < 0.05))  # "near 10^-2"


def test_exploding_tanh_saturates_the_first_layers():
    p = get_preset("exploding_tanh")
    start, end = _records_at(p.config, [0, p.steps])[0]
    s0 = _hidden(start, "saturated_fraction")[2:4]  # layers 3 and 4
    s1 = _hidden(end, "saturated_fraction")[2:4]
    assert np.all(s0 < 0.5)  # "from under half ...
    assert np.all(s1 > 0.7)  # ... to over 70% saturated"


def test_exploding_tanh_xavier_stays_unsaturated():
    p = get_preset("exploding_tanh")
    for rec in _records_at(p.compare, [0, p.steps // 2, p.steps])[0]:
        assert np.all(_hidden(rec, "saturated_fraction") == 0.0)  # "B's stay at 0%"


def test_he_relu_at_init():
    p = get_preset("he_relu")
    xavier_rec, he_rec = _at_init(p.config), _at_init(p.compare)
    xavier, he = _hidden(xavier_rec, "act_std"), _hidden(he_rec, "act_std")
    assert 1e4 < xavier[0] / xavier[-1] < 1e5  # "tens of thousands of times"
    assert 1e4 < xavier[0] / xavier[-2] < 1e5  # also at L29, the top row on screen
    per_layer = np.exp(np.polyfit(np.arange(len(xavier)), np.log(xavier), 1)[0])
    assert 0.65 < per_layer < 0.75  # "about 1/sqrt(2) per layer"
    assert np.all(xavier[9:] < 0.03)  # a spike at 0 from about L10 up
    assert np.all((he > 0.5) & (he < 0.9))  # "between 0.5 and 0.9 in all 30 layers"
    g_x, g_he = _hidden(xavier_rec, "grad_norm"), _hidden(he_rec, "grad_norm")
    assert np.all((g_x > 2e-6) & (g_x < 5e-5))  # "about 10^-5"
    assert np.all((g_he > 0.03) & (g_he < 0.5))  # "near 10^-1"


def test_he_relu_dead_labels_come_from_depth():
    """Watch: both nets show the same 'dead' labels at step 0, growing with depth, because
    the samples of a batch become more alike layer after layer."""
    p = get_preset("he_relu")
    dead_x = _hidden(_at_init(p.config), "dead_fraction")
    dead_he = _hidden(_at_init(p.compare), "dead_fraction")
    assert np.array_equal(dead_x, dead_he)  # He = Xavier x sqrt(2), and ReLU(cz) = c ReLU(z)
    assert dead_he[0] == 0.0
    assert dead_he[-5:].mean() > 0.2
    t = Trainer(p.compare)
    with torch.no_grad():
        h = torch.from_numpy(t.dataset.x[: p.compare.batch].copy())
        cos = []
        for lin, act in zip(t.model.hidden, t.model.acts, strict=True):
            h = act(lin(h))
            u = h / h.norm(dim=1, keepdim=True).clamp_min(1e-30)
            n = len(u)
            cos.append(float(((u @ u.T).sum() - n) / (n * n - n)))
    assert cos[0] < 0.5
    assert cos[-1] > 0.9


def test_he_relu_xavier_does_not_learn():
    p = get_preset("he_relu")
    for rec in _records_at(p.config, [0, p.steps // 2, p.steps])[0]:
        assert abs(rec.loss - LN2) < 0.003  # "its loss stays at 0.693"
        assert 0.35 < rec.accuracy < 0.65  # "and about 0.5"


def test_he_relu_he_starts_to_learn():
    p = get_preset("he_relu")
    he, _ = _records_at(p.compare, [0, 180, 190, p.steps])
    assert np.mean([r.loss for r in he[1:]]) < he[0].loss - 0.08  # "starts to learn"


def test_dying_relu_from_a_large_learning_rate():
    p = get_preset("dying_relu_lr")
    (start, ten, *tail), _ = _records_at(p.config, [0, 10, 90, 95, p.steps])
    end = tail[-1]
    assert _mean_dead(start) < 0.1
    assert 0.6 < _mean_dead(ten) < 0.85  # "within 10 steps about 70% ... are dead"
    assert _mean_dead(end) > 0.6
    dead = _hidden(end, "dead_fraction")
    assert dead[1] == 1.0
    assert dead[3] == 1.0
    assert all(layer.grad_norm == 0.0 for layer in end.layers)  # "exactly 0" by step 100
    assert np.mean([r.accuracy for r in tail]) < 0.6  # "at chance"
    leaky, _ = _records_at(p.compare, [0, 10, 90, 95, p.steps])
    assert all(_mean_dead(r) == 0.0 for r in leaky)  # "none of its units die"
    assert leaky[-1].accuracy > 0.9  # "over 90% accuracy"


def test_dying_relu_from_a_negative_bias():
    p = get_preset("dying_relu_bias")
    t = Trainer(p.config)
    before = [lin.weight.detach().clone() for lin in t.model.linears]
    recs = t.run(p.steps, 10)
    start = recs[0]
    assert 0.7 < _mean_dead(start) < 0.85  # "about three quarters"
    assert _hidden(start, "dead_fraction")[3] == 1.0  # "layer 4 entirely"
    assert np.allclose(_hidden(start, "dead_fraction"), [0.25, 0.88, 0.94, 1.0], atol=0.03)
    for rec in recs:
        assert all(layer.grad_norm == 0.0 for layer in rec.layers)  # "exactly 0"
        assert abs(rec.loss - LN2) < 0.02  # "stays at 0.693" (a flat line on screen)
    after = [lin.weight.detach() for lin in t.model.linears]
    assert all(torch.equal(b, a) for b, a in zip(before, after, strict=True))  # "no weight"
    elu, _ = _records_at(p.compare, [0, 20, p.steps])
    assert all(_mean_dead(r) == 0.0 for r in elu)
    assert elu[1].accuracy >= 0.84  # "about 90% within 20 steps"
    assert elu[1].loss < 0.4  # "B's drops within the first 20 steps"
    assert elu[2].accuracy == 1.0  # "100% by step 200"


def test_selu_self_normalizes_at_init():
    p = get_preset("selu_self_normalizing")
    rec = _at_init(p.config)
    mean, std = _hidden(rec, "act_mean"), _hidden(rec, "act_std")
    assert len(std) == 24
    assert np.all(np.abs(mean) < 0.03)  # "a mean within 0.03 of 0"
    assert np.all((std > 0.95) & (std < 1.05))  # "between 0.95 and 1.05"
    b = _at_init(p.compare)
    drift = _hidden(b, "act_std")
    assert 0.07 < drift[11] < 0.14  # "about 0.1 by layer 12"
    assert np.all(drift[9:] < 0.15)  # thin spikes from about L10 up
    # Watch: B's ‖∇W‖ is 50 to 1000 times below A's, lowest for the first layers.
    ratio = _hidden(rec, "grad_norm") / _hidden(b, "grad_norm")
    assert np.all((ratio > 40) & (ratio < 2000))
    assert ratio[:3].min() > ratio[-3:].max()


def test_selu_lecun_learns():
    p = get_preset("selu_self_normalizing")
    (at40, end), _ = _records_at(p.config, [40, p.steps])
    assert at40.accuracy > 0.95  # "learns the task within 40 steps"
    assert p.steps == 60
    assert end.loss < 0.05  # "falls to almost 0 by step 60"


def test_selu_default_init_keeps_guessing():
    p = get_preset("selu_self_normalizing")
    recs, _ = _records_at(p.compare, [20, 40, p.steps])
    for rec in recs:  # "still guessing", "stays at 0.693"
        assert abs(rec.loss - LN2) < 0.01
        assert rec.accuracy < 0.65

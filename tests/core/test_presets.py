"""The lecture presets: the files are strict, and every preset shows what it promises."""

import json

import numpy as np
import pytest
import torch

from core.presets import SHARED_FIELDS, get_preset, load_presets, load_presets_from
from core.training import Trainer, TrainingConfig


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread():
    """Tiny nets on a shared 2-core machine: more intra-op threads only add contention
    (30x slower under load), so this module runs torch on one thread and then restores it."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


EXPECTED = [
    "vanishing_sigmoid",
    "tanh_weight_scale",
    "glorot_tanh",
    "he_relu",
    "exploding_tanh",
    "dying_relu_lr",
    "dying_relu_bias",
    "selu_self_normalizing",
]


def _at_init(config: TrainingConfig, **changes):
    return Trainer(config.with_changes(**changes) if changes else config).record()


def _after_run(config: TrainingConfig, steps: int):
    t = Trainer(config)
    records = t.run(steps, steps)
    return records[0], records[-1], t


def _hidden(rec, attr):
    return np.array([getattr(layer, attr) for layer in rec.layers if not layer.is_output])


def _mean_dead(rec):
    return float(_hidden(rec, "dead_fraction").mean())


# -- the files ----------------------------------------------------------------------------
def test_shipped_presets_load_in_lecture_order():
    presets = load_presets()
    assert [p.id for p in presets] == EXPECTED
    assert [p.order for p in presets] == sorted(p.order for p in presets)
    for p in presets:
        assert p.title_en
        assert p.title_zh
        assert p.explanation_en
        assert p.explanation_zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.title_zh + p.explanation_zh)
        assert 2 <= p.explanation_en.count(". ") + 1 <= 5
        assert p.config == p.config.validate()
        assert p.compare is not None
        for name in SHARED_FIELDS:
            assert getattr(p.compare, name) == getattr(p.config, name)
        assert 1 <= p.record_every <= p.steps
    assert get_preset("he_relu").config.depth == 30
    assert get_preset("he_relu").title("zh_CN") == get_preset("he_relu").title_zh


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
        (lambda d: d.update(colour="red"), "unknown key"),
        (lambda d: d.update(steps=-1), "'steps'"),
        (lambda d: d.update(order="1"), "'order'"),
        (lambda d: d.update(title_zh=""), "'title_zh'"),
        (lambda d: d.update(record_every=10**6), "'record_every'"),
        (lambda d: d["config"].update(depth=99), "'config'.*depth"),
        (lambda d: d["compare"].update(activation="nope"), "'compare'.*activation"),
        (lambda d: d["compare"].update(seed=5), "same seed"),
        (lambda d: d.update(id="other"), "file name"),
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
def test_vanishing_sigmoid():
    p = get_preset("vanishing_sigmoid")
    sig = _hidden(_at_init(p.config), "grad_norm")
    assert sig[0] < 1e-3 * sig[-1]
    relu = _hidden(_at_init(p.compare), "grad_norm")
    assert relu[0] > 0.1 * relu[-1]


def test_tanh_weight_scale():
    p = get_preset("tanh_weight_scale")
    small = _at_init(p.config)
    stds = _hidden(small, "act_std")
    assert np.all(stds[-3:] < 1e-6)  # collapsed towards 0
    assert np.all(np.diff(stds) < 0)
    large = _hidden(_at_init(p.compare), "saturated_fraction")
    assert np.all(large[-5:] > 0.5)
    assert np.all(_hidden(small, "saturated_fraction") == 0.0)


def test_glorot_tanh():
    p = get_preset("glorot_tanh")
    std_rec, xav_rec = _at_init(p.config), _at_init(p.compare)
    # dL/dz shrinks towards the input with the standard init, much less with Xavier.
    d_std, d_xav = _hidden(std_rec, "delta_std"), _hidden(xav_rec, "delta_std")
    ratio_std, ratio_xav = d_std[0] / d_std[-1], d_xav[0] / d_xav[-1]
    assert ratio_std < 0.05
    assert ratio_xav > 0.2
    # Activations shrink with depth with the standard init, and far less with Xavier.
    a_std, a_xav = _hidden(std_rec, "act_std"), _hidden(xav_rec, "act_std")
    assert a_std[-1] / a_std[0] < 0.05
    assert a_xav[-1] / a_xav[0] > 0.3


def test_he_relu():
    p = get_preset("he_relu")
    xavier = _hidden(_at_init(p.config), "act_std")
    he = _hidden(_at_init(p.compare), "act_std")
    assert xavier[-1] < 1e-3 * xavier[0]
    # Geometric: the log of the spread falls about linearly, by ~log(sqrt 2) per layer.
    slope = np.polyfit(np.arange(len(xavier)), np.log(xavier), 1)[0]
    assert -0.5 < slope < -0.2
    assert he.max() / he.min() < 3


def test_exploding_tanh():
    p = get_preset("exploding_tanh")
    g = _hidden(_at_init(p.config), "grad_norm")
    assert g[0] > 100 * g[-1]
    assert np.mean(np.diff(np.log(g)) < 0) > 0.8  # growing towards the input, layer by layer
    level = _hidden(_at_init(p.compare), "grad_norm")
    assert level.max() / level.min() < 10


def test_dying_relu_from_a_large_learning_rate():
    p = get_preset("dying_relu_lr")
    start, end, _ = _after_run(p.config, p.steps)
    assert _mean_dead(start) < 0.1
    assert _mean_dead(end) > 0.5
    _, leaky_end, _ = _after_run(p.compare, p.steps)
    assert _mean_dead(leaky_end) < 0.1
    assert leaky_end.accuracy > end.accuracy + 0.2


def test_dying_relu_from_a_negative_bias():
    p = get_preset("dying_relu_bias")
    _, end, _ = _after_run(p.config, p.steps)
    assert _mean_dead(end) > 0.5
    _, elu_end, _ = _after_run(p.compare, p.steps)
    assert _mean_dead(elu_end) < 0.1
    assert elu_end.accuracy > end.accuracy + 0.2
    assert elu_end.accuracy > 0.8


def test_selu_self_normalizes():
    p = get_preset("selu_self_normalizing")
    rec = _at_init(p.config)
    mean, std = _hidden(rec, "act_mean"), _hidden(rec, "act_std")
    deepest = slice(-8, None)
    assert np.all(np.abs(mean[deepest]) < 0.15)
    assert np.all((std[deepest] > 0.8) & (std[deepest] < 1.2))
    drift = _hidden(_at_init(p.compare), "act_std")
    assert np.all(drift[deepest] < 0.5)

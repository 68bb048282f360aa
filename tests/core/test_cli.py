"""``python main.py train``: the JSON schema, errors on one line, divergence, no Qt."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from core.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--samples", "64", "--batch", "32", "--depth", "2", "--width", "4"]
LAYER_KEYS = {
    "index", "grad_norm", "grad_std", "delta_std", "preact_mean", "preact_std", "act_mean",
    "act_std", "dead_fraction", "saturated_fraction", "grad_hist", "log_grad_hist",
    "preact_hist", "act_hist", "nonfinite",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _keep_torch_threads():
    """main() sets torch's thread count (its job in a CLI); put it back for other tests."""
    n = torch.get_num_threads()
    yield
    torch.set_num_threads(n)


def _run(tmp_path, *args):
    out = tmp_path / "out.json"
    assert main([*FAST, *args, "--json", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "NaN" not in text
    assert "Infinity" not in text
    return json.loads(text)


def test_json_schema(tmp_path):
    doc = _run(
        tmp_path, "--activation", "leaky_relu", "--param", "negative_slope=0.2",
        "--init", "he_normal", "--optimizer", "adam", "--lr", "0.01", "--dataset", "xor",
        "--steps", "6", "--record-every", "3", "--seed", "4",
    )  # fmt: skip
    assert set(doc) == {"config", "records", "diverged_at"}
    assert doc["diverged_at"] is None
    cfg = doc["config"]
    assert cfg["activation"] == "leaky_relu"
    assert cfg["params"] == {"negative_slope": 0.2}
    assert (cfg["depth"], cfg["width"], cfg["n_samples"], cfg["seed"]) == (2, 4, 64, 4)
    assert [r["step"] for r in doc["records"]] == [0, 3, 6]
    for record in doc["records"]:
        assert {"step", "loss", "accuracy", "layers"} <= set(record)
        assert [layer["index"] for layer in record["layers"]] == [1, 2, 3]
        for layer in record["layers"]:
            assert set(layer) >= LAYER_KEYS
            for key in ("grad_hist", "log_grad_hist", "preact_hist", "act_hist"):
                h = layer[key]
                assert len(h["edges"]) == len(h["counts"]) + 1
                assert sum(h["counts"]) + h["nonfinite"] > 0


def test_steps_zero_reports_the_net_at_init(tmp_path):
    doc = _run(tmp_path, "--steps", "0")
    assert [r["step"] for r in doc["records"]] == [0]


def test_same_arguments_same_output(tmp_path):
    a = _run(tmp_path, "--steps", "4", "--record-every", "2")
    b = _run(tmp_path, "--steps", "4", "--record-every", "2")
    assert a == b


@pytest.mark.parametrize(
    "args",
    [
        ["--depth", "0"],
        ["--depth", "three"],
        ["--activation", "nope"],
        ["--param", "alpha"],
        ["--activation", "relu", "--param", "alpha=1"],
        ["--lr", "100"],
        ["--dataset", "circle", "--input-dim", "5"],
        ["--steps", "-1"],
        ["--record-every", "0"],
        ["--preset", "nope"],
        ["--bogus"],
    ],
)
def test_a_bad_argument_exits_2_with_one_line(capsys, args):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert err.startswith("main.py train: error:")


def test_an_unwritable_json_path_exits_1_naming_it(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "out.json"
    assert main([*FAST, "--steps", "1", "--json", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == f"main.py train: error: cannot write {target}: No such file or directory\n"
    assert not target.parent.exists()


def test_diverging_run_reports_the_step_and_still_writes_json(tmp_path, capsys):
    doc = _run(
        tmp_path, "--activation", "relu", "--depth", "8", "--width", "16", "--init",
        "normal", "--init-std", "3", "--lr", "10", "--steps", "50", "--record-every", "10",
    )  # fmt: skip
    step = doc["diverged_at"]
    assert isinstance(step, int)
    assert doc["records"][-1]["step"] == step
    assert doc["records"][-1]["diverged"] is True
    assert f"diverged at step {step}" in capsys.readouterr().err


def test_json_to_stdout_and_preset_with_overrides(capsys):
    assert main(["--preset", "he_relu", "--depth", "3", "--steps", "0", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["config"]["depth"] == 3
    assert doc["config"]["init"] == "xavier_normal"
    assert doc["config"]["dataset"] == "highdim"
    assert doc["config"]["input_dim"] == 64


def test_human_summary(capsys):
    assert main([*FAST, "--steps", "2", "--record-every", "1"]) == 0
    out = capsys.readouterr().out
    assert "step 0" in out
    assert "step 2" in out
    assert "grad norm" in out


def test_main_py_dispatches_and_loads_no_qt(tmp_path):
    script = (
        "import sys, runpy; sys.argv = ['main.py', 'train', '--steps', '1', '--samples', '32',"
        " '--batch', '16', '--depth', '1', '--json', sys.argv[1]];"
        "\ntry:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit as e:\n"
        "    code = e.code\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]"
        "\nprint(code, bad)"
    )
    out = tmp_path / "o.json"
    res = subprocess.run(
        [sys.executable, "-c", script, str(out)], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert res.stdout.strip().splitlines()[-1] == "0 []", res.stderr
    assert json.loads(out.read_text())["records"][0]["step"] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], "usage: main.py [--self-check]"),
        (["-platform", "offscreen", "-h"], "usage: main.py [--self-check]"),
        (["--version"], "Activation Lab "),
    ],
)
def test_main_py_help_and_version_need_no_display_and_load_no_qt_or_torch(args, expected):
    """They printed nothing: the app tried to open its window (and without a display,
    Qt's platform error was all a user saw)."""
    script = (
        "import sys, runpy; sys.argv = ['main.py', *sys.argv[1:]]"
        "\ntry:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit as e:\n"
        "    code = e.code\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'torch')]"
        "\nprint(code, bad)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    res = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
        timeout=60, check=False, env=env,
    )  # fmt: skip
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith(expected), res.stdout + res.stderr
    assert lines[-1] == "0 []", res.stderr
    if args != ["--version"]:
        assert "train --help" in res.stdout  # where the headless options are listed

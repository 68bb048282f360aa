"""core.validation: checks that name the field and the problem, and how core uses them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.activations import get_activation
from core.session import Session, SessionError, session_from_json
from core.training import TrainingConfig
from core.validation import FieldError, check_choice, check_float, check_int


def test_checks_pass_good_values_through():
    assert check_int("depth", np.int64(3), (1, 50)) == 3
    assert check_float("lr", 1, (1e-4, 10.0)) == 1.0
    assert check_choice("loss", "mse", ("bce", "mse")) == "mse"


@pytest.mark.parametrize(
    ("call", "problem", "details"),
    [
        (lambda: check_int("depth", 2.5, (1, 50)), "not_whole", {"value": 2.5}),
        (lambda: check_int("depth", True, (1, 50)), "not_whole", {"value": True}),
        (
            lambda: check_int("depth", 0, (1, 50)),
            "out_of_range",
            {"value": 0, "low": 1, "high": 50},
        ),
        (lambda: check_float("lr", "fast", (1e-4, 10.0)), "not_number", {"value": "fast"}),
        (
            lambda: check_float("lr", float("nan"), (1e-4, 10.0)),
            "out_of_range",
            {"low": 1e-4, "high": 10.0},
        ),
        (
            lambda: check_choice("loss", "l1", ("bce", "mse")),
            "not_choice",
            {"value": "l1", "choices": ["bce", "mse"]},
        ),
    ],
)
def test_a_bad_value_names_its_field_and_problem(call, problem, details):
    with pytest.raises(FieldError) as err:
        call()
    assert err.value.problem == problem
    assert err.value.field in ("depth", "lr", "loss")
    assert str(err.value).startswith(err.value.field)  # the English message names it too
    for key, value in details.items():
        assert err.value.details[key] == value


def test_within_prefixes_the_field_and_keeps_the_problem():
    inner = FieldError("alpha = 9 is outside", "alpha", "out_of_range", value=9, low=0, high=5)
    outer = inner.within("params")
    assert (outer.field, outer.problem, outer.details) == (
        "params.alpha",
        "out_of_range",
        inner.details,
    )
    assert str(outer) == str(inner)
    assert FieldError("x", "", "unknown_fields", names=["q"]).within("params").field == "params"


def test_training_config_and_registry_errors_carry_the_field():
    cases = {
        "lr": ({"lr": 99}, "out_of_range"),
        "activation": ({"activation": "nope"}, "unknown_activation"),
        "params.alpha": ({"activation": "elu", "params": {"alpha": "x"}}, "not_number"),
        "params": ({"params": {"q": 1}}, "unknown_fields"),
        "": ({"speed": 1}, "unknown_fields"),
        "dataset": ({"dataset": "moon"}, "not_choice"),
    }
    for field, (data, problem) in cases.items():
        with pytest.raises(FieldError) as err:
            TrainingConfig.from_dict(data)
        assert (err.value.field, err.value.problem) == (field, problem), data
    with pytest.raises(FieldError) as err:
        get_activation("nope")
    assert err.value.details == {"value": "nope"}


def _load_with(change) -> SessionError:
    data = Session().to_dict()
    change(data)
    with pytest.raises(SessionError) as err:
        session_from_json(json.dumps(data))
    return err.value


def test_session_errors_give_the_path_of_the_value_in_the_file():
    exc = _load_with(lambda d: d["explorer"]["shown"][0].update(id="elu", params={"alpha": 9}))
    assert exc.kind == "invalid"
    assert exc.details == {
        "field": "explorer.shown[0].params.alpha",
        "problem": "out_of_range",
        "value": 9.0,
        "low": 0.0,
        "high": 5.0,
    }
    exc = _load_with(lambda d: d["training"].update(config={"lr": 99}))
    assert (exc.details["field"], exc.details["problem"]) == ("training.config.lr", "out_of_range")
    exc = _load_with(lambda d: d["training"].update(record_every=0))
    assert exc.details["field"] == "training.record_every"
    # A rule between fields has no field of its own: core's reason, in English.
    exc = _load_with(lambda d: d["training"].update(config={"batch": 600, "n_samples": 512}))
    assert exc.details == {
        "field": "training.config",
        "problem": "other",
        "reason": "batch = 600 must not exceed n_samples = 512",
    }

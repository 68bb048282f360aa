"""Checks of values that come from users and files, with errors that say what is wrong in
a form a UI can put into its own language.

A ``FieldError`` is a ValueError whose message is English (the CLI prints it as it is);
it also names the field (a dotted path such as ``params.alpha``) and the kind of problem,
with the values involved, so that the GUI can say the same in Chinese.

Problems and their details:

- ``not_number`` (value), ``not_whole`` (value), ``not_bool`` (value), ``not_object``
  (value), ``not_list`` (value): the value has the wrong type;
- ``out_of_range`` (value, low, high): a number outside its limits;
- ``not_choice`` (value, choices): not one of the allowed ids;
- ``item_count`` (count, low, high): a list of the wrong length;
- ``unknown_fields`` (names): keys that do not belong there;
- ``unknown_activation`` (value): not an id of the registry.

Other value errors (a rule between two fields, say) are plain ValueErrors.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class FieldError(ValueError):
    """A bad value of one named field; see the module's docstring for ``problem``."""

    def __init__(self, message: str, field: str, problem: str, **details: Any) -> None:
        super().__init__(message)
        self.field = field
        self.problem = problem
        self.details = details

    def within(self, prefix: str, message: str | None = None) -> FieldError:
        """The same problem, its field seen from an enclosing object (``prefix.field``),
        with a new message if given."""
        field = f"{prefix}.{self.field}" if self.field else prefix
        return FieldError(
            str(self) if message is None else message, field, self.problem, **self.details
        )


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise FieldError(
            f"{name} must be one of {', '.join(allowed)}; got {value!r}",
            name,
            "not_choice",
            value=value,
            choices=list(allowed),
        )
    return value


def check_int(name: str, value: object, limits: tuple[int, int]) -> int:
    lo, hi = limits
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise FieldError(
            f"{name} must be an integer in [{lo}, {hi}], got {value!r}",
            name,
            "not_whole",
            value=value,
        )
    v = int(value)
    if not lo <= v <= hi:
        raise _outside(name, v, lo, hi, f"{v}", f"[{lo}, {hi}]")
    return v


def check_float(name: str, value: object, limits: tuple[float, float]) -> float:
    lo, hi = limits
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise FieldError(
            f"{name} must be a number in [{lo:g}, {hi:g}], got {value!r}",
            name,
            "not_number",
            value=value,
        )
    v = float(value)
    if not lo <= v <= hi:  # also false for NaN
        raise _outside(name, v, lo, hi, f"{v:g}", f"[{lo:g}, {hi:g}]")
    return v


def _outside(name: str, v: float, lo: float, hi: float, shown: str, limits: str) -> FieldError:
    return FieldError(
        f"{name} = {shown} is outside the allowed range {limits}",
        name,
        "out_of_range",
        value=v,
        low=lo,
        high=hi,
    )

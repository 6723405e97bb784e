"""Input checks shared by the concept modules, with messages in course words.

Every check raises ``ValueError`` or ``TypeError`` naming the parameter and the
offending value, so a student sees what to fix, e.g.
``retention must be in [0, 1), got 1.2``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "check_number",
    "check_fraction",
    "check_positive_int",
    "check_choice",
    "require_columns",
    "as_numeric_series",
    "check_no_nan",
]


def check_number(value: Any, name: str) -> float:
    """Return ``value`` as a float; raise if it is not a real, finite number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def check_fraction(
    value: Any,
    name: str,
    *,
    low: float = 0.0,
    high: float = 1.0,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float in the interval from ``low`` to ``high``.

    ``low_open``/``high_open`` exclude the end points; the message shows the
    interval in mathematical notation, e.g. ``margin must be in (0, 1), got 1.5``.
    """
    v = check_number(value, name)
    too_low = v <= low if low_open else v < low
    too_high = v >= high if high_open else v > high
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise ValueError(f"{name} must be in {left}{low:g}, {high:g}{right}, got {value!r}")
    return v


def check_positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int that is at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``; the error lists the valid ones."""
    choices = list(choices)
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    return value


def require_columns(df: Any, columns: Iterable[str], name: str = "df") -> pd.DataFrame:
    """Check that ``df`` is a DataFrame with ``columns``; name the missing and present ones."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        present = ", ".join(map(str, df.columns)) or "(none)"
        raise ValueError(
            f"{name} is missing column(s) {', '.join(map(repr, missing))}; columns present: {present}"
        )
    return df


def check_no_nan(series: pd.Series, name: str) -> pd.Series:
    """Raise if ``series`` holds NaN, naming the first offending label."""
    mask = series.isna()
    if mask.any():
        first = series.index[mask.to_numpy()][0]
        raise ValueError(
            f"{name} contains {int(mask.sum())} missing value(s) (NaN), first at {first!r}; "
            "fill or drop them first"
        )
    return series


def as_numeric_series(
    values: Any, name: str, *, allow_negative: bool = True, allow_empty: bool = False
) -> pd.Series:
    """Return ``values`` (Series, list, array, dict) as a float Series, checked.

    Raises if a value is not numeric, is NaN, or (with ``allow_negative=False``)
    is negative.
    """
    if isinstance(values, pd.Series):
        s = values
    elif isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series or a list), got a DataFrame")
    elif isinstance(values, dict):
        s = pd.Series(values)
    elif np.isscalar(values) or values is None:
        raise TypeError(f"{name} must be a list, array or Series of numbers, got {values!r}")
    else:
        s = pd.Series(list(values))
    if len(s) == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; it needs at least one value")
    if s.dtype == bool or not (pd.api.types.is_numeric_dtype(s) or len(s) == 0):
        bad = next((v for v in s if isinstance(v, (str, bool)) or not isinstance(v, numbers.Real)), None)
        raise TypeError(f"{name} must hold numbers, got {bad!r}")
    s = s.astype(float)
    check_no_nan(s, name)
    if np.isinf(s.to_numpy()).any():
        raise ValueError(f"{name} contains an infinite value")
    if not allow_negative and (s < 0).any():
        first = s.index[(s < 0).to_numpy()][0]
        raise ValueError(f"{name} must not be negative, got {float(s[first])!r} at {first!r}")
    return s

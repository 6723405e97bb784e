"""Gates for single numbers: a number, a rate or share in an interval, a whole number."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["check_number", "check_fraction", "check_positive_int", "check_weights"]


def check_number(value: Any, name: str, *, low: float | None = None, low_open: bool = False) -> float:
    """Return ``value`` as a float; raise if it is not a real, finite number (or lies below ``low``).

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter name the message uses.
    low : float, optional
        The smallest value allowed: ``low=0`` for an amount that must not be negative.
    low_open : bool, default False
        Leave ``low`` itself out: ``low=0, low_open=True`` for an amount that must be positive.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a number (``True``/``False`` are not numbers here).
    ValueError
        If ``value`` is NaN or infinite, or below ``low``.

    Examples
    --------
    >>> check_number(3, "margin")
    3.0
    >>> check_number("3", "margin")
    Traceback (most recent call last):
    ...
    TypeError: margin must be a number, got '3' (str)
    >>> check_number(float("nan"), "margin")
    Traceback (most recent call last):
    ...
    ValueError: margin must be a finite number, got nan
    >>> check_number(-5, "cost", low=0)
    Traceback (most recent call last):
    ...
    ValueError: cost must not be negative, got -5
    >>> check_number(-1, "discount_rate", low=-1, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: discount_rate must be greater than -1, got -1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        raise ValueError(f"{name} must be a finite number, got {v}")
    if low is not None and (v <= low if low_open else v < low):
        if low == 0:
            rule = "be positive" if low_open else "not be negative"
        else:
            rule = f"be greater than {low:g}" if low_open else f"be at least {low:g}"
        shown = value if type(value) in (int, float) else v  # a numpy scalar shows as a plain number
        raise ValueError(f"{name} must {rule}, got {shown!r}")
    return v


def check_fraction(
    value: Any,
    name: str,
    *,
    low: float = 0.0,
    high: float = 1.0,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return a rate or share as a float in the interval from ``low`` to ``high`` (the rate gate).

    ``low_open``/``high_open`` exclude the end points; the message shows the
    interval in mathematical notation, e.g. ``retention must be in [0, 1), got 1.2``.

    Parameters
    ----------
    value : object
        The rate to check.
    name : str
        The parameter name the message uses.
    low, high : float, default 0 and 1
        The ends of the interval.
    low_open, high_open : bool, default False
        Leave out the lower / upper end.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a number.
    ValueError
        If it is NaN, infinite or outside the interval.

    Examples
    --------
    >>> check_fraction(0.9, "retention", high_open=True)
    0.9
    >>> check_fraction(1.2, "retention", high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: retention must be in [0, 1), got 1.2
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
    """Return ``value`` as an int that is at least ``minimum``.

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter name the message uses.
    minimum : int, default 1
        The smallest value allowed.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is not a whole number (a float such as 3.0 is not).
    ValueError
        If it is below ``minimum``.

    Examples
    --------
    >>> check_positive_int(5, "years")
    5
    >>> check_positive_int(0, "years")
    Traceback (most recent call last):
    ...
    ValueError: years must be at least 1, got 0
    >>> check_positive_int(2.5, "years")
    Traceback (most recent call last):
    ...
    TypeError: years must be a whole number, got 2.5 (float)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_weights(
    weights: Any,
    name: str = "weights",
    *,
    valid: Iterable[str] | None = None,
    required: Iterable[str] = (),
    allow_empty: bool = False,
    nonzero_total: bool = True,
    what: str = "criterion",
) -> dict[str, float]:
    """Return a ``{criterion: weight}`` mapping as a dict of floats >= 0 (the weights gate).

    Parameters
    ----------
    weights : mapping
        One weight per criterion (a column, an indicator, a value component).
    name : str, default "weights"
        The parameter name the message uses.
    valid : iterable of str, optional
        The criteria a weight may name; others raise.
    required : iterable of str, default ()
        Criteria that must have a weight.
    allow_empty : bool, default False
        Accept an empty mapping.
    nonzero_total : bool, default True
        Refuse weights that are all zero.
    what : str, default "criterion"
        What a key is called in the messages ("column", "component", ...).

    Returns
    -------
    dict of str to float

    Raises
    ------
    TypeError
        If ``weights`` is not a mapping or a weight is not a number.
    ValueError
        If it is empty, names an unknown criterion, lacks a required one, or
        a weight is negative, or all weights are zero.

    Examples
    --------
    >>> check_weights({"revenue": 2, "growth": 1})
    {'revenue': 2.0, 'growth': 1.0}
    >>> check_weights({"revenue": -1})
    Traceback (most recent call last):
    ...
    ValueError: weights['revenue'] must not be negative, got -1
    >>> check_weights({"revenue": 0, "growth": 0})
    Traceback (most recent call last):
    ...
    ValueError: weights must not all be zero, got {'revenue': 0, 'growth': 0}
    """
    if not isinstance(weights, Mapping):
        raise TypeError(f"{name} must be a dict {{{what}: weight}}, got {type(weights).__name__}")
    if not weights and not allow_empty:
        raise ValueError(f"{name} is empty; give at least one {{{what}: weight}}")
    if valid is not None:
        valid = list(valid)
        unknown = [k for k in weights if k not in valid]
        if unknown:
            raise ValueError(f"{name} names unknown {what} {unknown[0]!r}; valid: {', '.join(map(str, valid))}")
    missing = [k for k in required if k not in weights]
    if missing:
        raise ValueError(f"{name} is missing {', '.join(map(str, missing))}")
    out = {}
    for key, value in weights.items():
        out[key] = check_number(value, f"{name}[{key!r}]")
        if out[key] < 0:
            raise ValueError(f"{name}[{key!r}] must not be negative, got {value!r}")
    if nonzero_total and weights and sum(out.values()) <= 0:
        raise ValueError(f"{name} must not all be zero, got {dict(weights)!r}")
    return out

"""Gates for the CLV models' inputs: a customer history (frequency, recency, T), repeat spend, horizons.

The rules are lifetimes' ``_check_inputs``, told in course words ("some
recency values are larger than T").
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .series import as_numeric_series

__all__ = ["customer_history", "repeat_values", "as_times"]


def _first_bad(mask: np.ndarray, s: pd.Series) -> tuple[Any, float]:
    pos = int(np.flatnonzero(mask)[0])
    return s.index[pos], float(s.iloc[pos])


def _check_frequency(freq: pd.Series) -> None:
    x = freq.to_numpy()
    for bad, what in ((x < 0, "must not be negative"), (x != np.floor(x), "must be whole numbers")):
        if bad.any():
            label, value = _first_bad(bad, freq)
            raise ValueError(f"frequency {what} (a count of repeat purchases), got {value:g} at {label!r}")


def _same_length(named: dict[str, pd.Series]) -> None:
    lengths = {k: len(v) for k, v in named.items()}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{k} has {n}" for k, n in lengths.items())
        raise ValueError(f"frequency, recency and T must have one value per customer; {desc}")


def customer_history(frequency: Any, recency: Any, T: Any) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Check a (frequency, recency, T) summary and return three float Series on one index (客户购买历史).

    Rules (as lifetimes' ``_check_inputs``; Fader, Hardie & Lee 2005): frequency
    is a whole number >= 0; 0 <= recency <= T; recency is 0 when frequency
    is 0; no NaN.

    Parameters
    ----------
    frequency, recency, T : list, array or Series of numbers
        One value per customer, as :func:`kamcourse.clv.rfm_summary` gives them.

    Returns
    -------
    tuple of pandas.Series
        frequency, recency, T on frequency's index.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If the lengths differ or a rule above is broken (the message names the customer).

    Examples
    --------
    >>> f, r, t = customer_history([2, 0], [30.0, 0.0], [40.0, 12.0])
    >>> t.tolist()
    [40.0, 12.0]
    >>> customer_history([2], [50.0], [40.0])
    Traceback (most recent call last):
    ...
    ValueError: some recency values are larger than T: recency 50 > T 40 at 0 (1 customer(s)); the last purchase cannot be after the end
    """
    f = as_numeric_series(frequency, "frequency")
    r = as_numeric_series(recency, "recency")
    t = as_numeric_series(T, "T")
    _same_length({"frequency": f, "recency": r, "T": t})
    _check_frequency(f)
    index = f.index
    r = pd.Series(r.to_numpy(), index=index)
    t = pd.Series(t.to_numpy(), index=index)
    for s, name in ((r, "recency"), (t, "T")):
        if (s.to_numpy() < 0).any():
            label, value = _first_bad(s.to_numpy() < 0, s)
            raise ValueError(f"{name} must not be negative, got {value:g} at {label!r}")
    bad = r.to_numpy() > t.to_numpy()
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"some recency values are larger than T: recency {r.iloc[pos]:g} > T {t.iloc[pos]:g} "
            f"at {index[pos]!r} ({int(bad.sum())} customer(s)); the last purchase cannot be after the end"
        )
    bad = (f.to_numpy() == 0) & (r.to_numpy() != 0)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"recency must be 0 when frequency is 0 (no repeat purchase), got recency {r.iloc[pos]:g} "
            f"at {index[pos]!r}"
        )
    return f, r, t


def repeat_values(frequency: Any, monetary_value: Any) -> tuple[pd.Series, pd.Series]:
    """Check (frequency, monetary_value) for the Gamma-Gamma model: frequency >= 1, value > 0 (重复购买金额).

    Parameters
    ----------
    frequency, monetary_value : list, array or Series of numbers
        Repeat purchases and the mean value of a repeat purchase, per customer
        (Fader, Hardie & Lee 2005, "RFM and CLV").

    Returns
    -------
    tuple of pandas.Series
        frequency and monetary_value on frequency's index.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If the lengths differ, a frequency is below 1 or not whole, or a value is not positive.

    Examples
    --------
    >>> repeat_values([1, 3], [20.0, 35.5])[1].tolist()
    [20.0, 35.5]
    >>> repeat_values([0], [20.0])
    Traceback (most recent call last):
    ...
    ValueError: frequency must be at least 1 for the Gamma-Gamma model, got 0 at 0; keep customers with repeat purchases, e.g. summary[summary['frequency'] > 0]
    """
    f = as_numeric_series(frequency, "frequency")
    m = as_numeric_series(monetary_value, "monetary_value")
    _same_length({"frequency": f, "monetary_value": m})
    _check_frequency(f)
    m = pd.Series(m.to_numpy(), index=f.index)
    bad = f.to_numpy() < 1
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"frequency must be at least 1 for the Gamma-Gamma model, got {f.iloc[pos]:g} at {f.index[pos]!r}; "
            "keep customers with repeat purchases, e.g. summary[summary['frequency'] > 0]"
        )
    bad = m.to_numpy() <= 0
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"monetary_value must be positive (average spend per repeat purchase), got {m.iloc[pos]:g} "
            f"at {m.index[pos]!r}"
        )
    return f, m


def as_times(t: Any, name: str = "t") -> np.ndarray:
    """A horizon (one number or an array) as a float array >= 0 (预测时长).

    Examples
    --------
    >>> as_times(39, "t").tolist(), as_times([0, 52], "t").tolist()
    ([39.0], [0.0, 52.0])
    >>> as_times(-1, "t")
    Traceback (most recent call last):
    ...
    ValueError: t must not be negative, got -1
    """
    s = as_numeric_series([t] if np.isscalar(t) else t, name)
    arr = s.to_numpy()
    if (arr < 0).any():
        raise ValueError(f"{name} must not be negative, got {arr[arr < 0][0]:g}")
    return arr

"""Gates for columns of numbers: one numeric Series, a pair of them, thresholds, values per customer, flags."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

from .scalars import check_number

__all__ = [
    "is_scalar",
    "first_label",
    "check_no_nan",
    "as_numeric_series",
    "paired_series",
    "same_rows",
    "threshold_value",
    "customer_values",
    "by_customer",
    "as_flags",
    "scalar_or_series",
    "unwrap",
]


def is_scalar(value: Any) -> bool:
    """True for one value (a number, a string, None), False for a list, array or Series.

    Examples
    --------
    >>> is_scalar(4.5), is_scalar([4.5]), is_scalar(None)
    (True, False, True)
    """
    return bool(np.isscalar(value)) or value is None


def first_label(series: pd.Series, mask: Any) -> Any:
    """The label of the first value where ``mask`` is true, as a plain Python value (for messages).

    Examples
    --------
    >>> s = pd.Series([3.0, -1.0, -2.0], index=pd.Index([10, 11, 12]))
    >>> first_label(s, s < 0)
    11
    """
    label = series.index[np.asarray(mask, dtype=bool)][0]
    return label.item() if isinstance(label, np.generic) else label


def check_no_nan(series: pd.Series, name: str) -> pd.Series:
    """Return ``series``; raise if it holds a missing value (NaN, None, NaT), naming the first label.

    Parameters
    ----------
    series : pandas.Series
        The values to check.
    name : str
        The parameter (or column) name the message uses, e.g. ``"orders['customer_id']"``.

    Returns
    -------
    pandas.Series

    Raises
    ------
    ValueError
        If a value is missing; NaN is never dropped silently.

    Examples
    --------
    >>> check_no_nan(pd.Series([1.0, None, 3.0], index=["a", "b", "c"]), "revenue")
    Traceback (most recent call last):
    ...
    ValueError: revenue contains 1 missing value(s) (NaN), first at 'b'; fill or drop them first
    """
    mask = series.isna()
    if mask.any():
        first = first_label(series, mask)
        raise ValueError(
            f"{name} contains {int(mask.sum())} missing value(s) (NaN), first at {first!r}; "
            "fill or drop them first"
        )
    return series


def as_numeric_series(
    values: Any, name: str, *, allow_negative: bool = True, allow_empty: bool = False
) -> pd.Series:
    """Return ``values`` (Series, list, 1-D array, dict) as a checked float Series.

    Parameters
    ----------
    values : pandas.Series, list, numpy.ndarray or dict
        The numbers; a dict's keys and a Series' index become the index.
    name : str
        The parameter name the message uses.
    allow_negative : bool, default True
        Accept negative values.
    allow_empty : bool, default False
        Accept no values at all.

    Returns
    -------
    pandas.Series
        float64 values.

    Raises
    ------
    TypeError
        If ``values`` is one value, a DataFrame, or holds something that is not a number.
    ValueError
        If it is not one-dimensional, is empty, holds NaN or an infinite value,
        or (with ``allow_negative=False``) a negative value.

    Examples
    --------
    >>> as_numeric_series({"a": 2, "b": 3}, "revenue").tolist()
    [2.0, 3.0]
    >>> as_numeric_series([5, "x"], "revenue")
    Traceback (most recent call last):
    ...
    TypeError: revenue must hold numbers, got 'x'
    >>> as_numeric_series([5, -1], "revenue", allow_negative=False)
    Traceback (most recent call last):
    ...
    ValueError: revenue must not be negative, got -1.0 at 1
    """
    if isinstance(values, pd.Series):
        s = values
    elif isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series or a list), got a DataFrame")
    elif isinstance(values, dict):
        s = pd.Series(values)
    elif np.isscalar(values) or values is None:
        raise TypeError(f"{name} must be a list, array or Series of numbers, got {values!r}")
    elif isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got an array of shape {values.shape}")
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
        first = first_label(s, s < 0)
        raise ValueError(f"{name} must not be negative, got {float(s[first])!r} at {first!r}")
    return s


def paired_series(a: Any, b: Any, name_a: str, name_b: str) -> tuple[pd.Series, pd.Series]:
    """Two numeric Series describing the same customers (or attributes), in the same order.

    When both are Series, ``b`` is put in ``a``'s order (a table sorted
    differently still pairs each customer with herself); when only one is a
    Series, its labels go to the other.

    Parameters
    ----------
    a, b : Series, list, array or dict of numbers
        One value per customer each.
    name_a, name_b : str
        Parameter names for the messages.

    Returns
    -------
    tuple of pandas.Series
        ``a`` and ``b`` as float Series on one index.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If the lengths differ, the two Series hold different customers, or a
        value is NaN.

    Examples
    --------
    >>> att = pd.Series({"A": 9.0, "B": 3.0})
    >>> rep = pd.Series({"B": 1.0, "A": 5.0})     # the same customers, another order
    >>> paired_series(att, rep, "attitude", "repeat")[1].to_dict()
    {'A': 5.0, 'B': 1.0}
    >>> paired_series(att, pd.Series({"A": 1.0, "C": 2.0}), "attitude", "repeat")
    Traceback (most recent call last):
    ...
    ValueError: attitude and repeat must have the same index (the same customers); in only one of them: 'B', 'C'
    """
    sa = as_numeric_series(a, name_a)
    sb = as_numeric_series(b, name_b)
    if isinstance(b, pd.Series):  # a list, array or dict a takes b's labels
        return same_rows(sa if isinstance(a, pd.Series) else sa.to_numpy(), sb, name_a, name_b)
    return same_rows(sa, sb.to_numpy(), name_a, name_b)


def same_rows(a: Any, b: Any, name_a: str, name_b: str, rows: str = "customers") -> tuple[pd.Series, pd.Series]:
    """Two columns of any kind about the same rows (customers, requests), ``b`` put in ``a``'s order.

    When both are Series their labels must be the same (in any order); when
    only one is, its labels go to the other (a list or an array).

    Parameters
    ----------
    a, b : Series, list or array
        One value per row each (numbers, flags, keys).
    name_a, name_b : str
        Parameter names for the messages.
    rows : str, default "customers"
        What one row is, for the message ("requests", ...).

    Returns
    -------
    tuple of pandas.Series
        ``a`` and ``b`` on one index.

    Raises
    ------
    ValueError
        If the lengths differ or the two Series label different rows.

    Examples
    --------
    >>> same_rows(pd.Series({"A": 1, "B": 0}), pd.Series({"B": "control", "A": "treatment"}), "outcome", "group")[1].tolist()
    ['treatment', 'control']
    >>> same_rows(pd.Series({"A": 1}), pd.Series({"C": "control"}), "outcome", "group")
    Traceback (most recent call last):
    ...
    ValueError: outcome and group must have the same index (the same customers); in only one of them: 'A', 'C'
    """
    sa = a if isinstance(a, pd.Series) else pd.Series(list(a))
    sb = b if isinstance(b, pd.Series) else pd.Series(list(b))
    if len(sa) != len(sb):
        raise ValueError(f"{name_a} and {name_b} must have the same length, got {len(sa)} and {len(sb)}")
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if not sa.index.equals(sb.index):
            if sa.index.has_duplicates or set(sa.index) != set(sb.index):
                only = sorted(set(sa.index) ^ set(sb.index), key=str)[:5]
                raise ValueError(
                    f"{name_a} and {name_b} must have the same index (the same {rows}); "
                    f"in only one of them: {', '.join(map(repr, only)) or '(labels repeat)'}"
                )
            sb = sb.loc[sa.index]
    elif isinstance(b, pd.Series):
        sa = sa.set_axis(sb.index)
    else:
        sb = sb.set_axis(sa.index)
    return sa, sb


def threshold_value(values: pd.Series, spec: Any, name: str) -> float:
    """Resolve where "high" begins: ``"mean"``, ``"median"``, None (= median) or a number.

    Parameters
    ----------
    values : pandas.Series
        The values the threshold splits.
    spec : {"mean", "median"}, None or float
        The threshold or how to compute it.
    name : str
        The parameter name the message uses.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``spec`` is another string.
    TypeError
        If ``spec`` is neither a string nor a number.

    Examples
    --------
    >>> s = pd.Series([1.0, 2.0, 9.0])
    >>> threshold_value(s, None, "t"), threshold_value(s, "mean", "t"), threshold_value(s, 5, "t")
    (2.0, 4.0, 5.0)
    >>> threshold_value(s, "top", "repeat_threshold")
    Traceback (most recent call last):
    ...
    ValueError: repeat_threshold must be 'mean', 'median' or a number, got 'top'
    """
    if spec is None or (isinstance(spec, str) and spec == "median"):
        return float(values.median())
    if isinstance(spec, str):
        if spec == "mean":
            return float(values.mean())
        raise ValueError(f"{name} must be 'mean', 'median' or a number, got {spec!r}")
    return check_number(spec, name)


def customer_values(values: Any, name: str = "values") -> pd.Series:
    """Values per customer to rank (revenue, volume): numbers >= 0, one per customer, a positive total.

    Parameters
    ----------
    values : pandas.Series, list or dict
        One value per customer; the index names the customer.
    name : str, default "values"
        The parameter name the message uses.

    Returns
    -------
    pandas.Series
        float64 values.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a customer appears twice, a value is negative or NaN, or the total is not positive.

    Examples
    --------
    >>> customer_values(pd.Series({"a": 10, "b": 0})).tolist()
    [10.0, 0.0]
    >>> customer_values(pd.Series([5, 3], index=["a", "a"]))
    Traceback (most recent call last):
    ...
    ValueError: values has duplicate customer labels, e.g. 'a'; sum them per customer first
    """
    s = as_numeric_series(values, name)
    if s.index.has_duplicates:
        dup = s.index[s.index.duplicated()][0]
        raise ValueError(f"{name} has duplicate customer labels, e.g. {dup!r}; sum them per customer first")
    negative = (s < 0).to_numpy()
    if negative.any():
        first = first_label(s, negative)
        raise ValueError(f"{name} must not be negative, got {float(s.to_numpy()[negative][0]):g} at {first!r}")
    if float(s.sum()) <= 0:
        raise ValueError(f"{name} must have a positive total, got {float(s.sum()):g}")
    return s


def by_customer(values: Any, name: str) -> pd.Series:
    """Return ``values`` if it is a pandas Series, whose index names the customers (one value per customer).

    Parameters
    ----------
    values : pandas.Series
        E.g. the lifecycle stage of each customer.
    name : str
        The parameter name the message uses.

    Returns
    -------
    pandas.Series

    Raises
    ------
    TypeError
        If ``values`` is not a Series (a list has no customer labels).

    Examples
    --------
    >>> by_customer(pd.Series({"c1": "stability"}), "stages").index.tolist()
    ['c1']
    >>> by_customer(["stability"], "stages")
    Traceback (most recent call last):
    ...
    TypeError: stages must be a pandas Series indexed by customer, got list
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"{name} must be a pandas Series indexed by customer, got {type(values).__name__}")
    return values


def as_flags(values: pd.Series, name: str) -> pd.Series:
    """A yes/no column (bool or 0/1) as 0/1 integers; NaN and other values raise.

    Parameters
    ----------
    values : pandas.Series
        Flags such as ``contacted`` or ``won``.
    name : str
        The column name the message uses.

    Returns
    -------
    pandas.Series
        int values 0 and 1.

    Raises
    ------
    ValueError
        If a value is missing or not True/False/0/1.

    Examples
    --------
    >>> as_flags(pd.Series([True, False, 1]), "won").tolist()
    [1, 0, 1]
    >>> as_flags(pd.Series(["yes"]), "won")
    Traceback (most recent call last):
    ...
    ValueError: won must be True/False or 0/1, got 'yes'
    """
    check_no_nan(values, name)
    ok = values.isin([True, False, 0, 1])
    if not ok.all():
        raise ValueError(f"{name} must be True/False or 0/1, got {values[~ok].iloc[0]!r}")
    return values.astype(int)


def scalar_or_series(values: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Wrap scalar inputs into one-element lists; say whether the caller gave scalars only.

    A model method that accepts one customer's numbers or a column of them
    checks its inputs as Series, then gives back a float for scalars (:func:`unwrap`).

    Examples
    --------
    >>> scalar_or_series({"frequency": 2, "recency": 30.0})
    ({'frequency': [2], 'recency': [30.0]}, True)
    """
    scalars = all(np.isscalar(v) for v in values.values())
    if scalars:
        return {k: [v] for k, v in values.items()}, True
    return values, False


def unwrap(result: pd.Series, scalar: bool) -> Any:
    """Return a float for scalar input (see :func:`scalar_or_series`), otherwise the Series.

    Examples
    --------
    >>> unwrap(pd.Series([0.25]), True), unwrap(pd.Series([0.25]), False).tolist()
    (0.25, [0.25])
    """
    return float(result.iloc[0]) if scalar else result

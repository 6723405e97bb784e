"""Revenue concentration (二八法则, ABC分类): the Pareto table, the top customers' share, A/B/C classes.

Customers are always ranked by value, highest first; equal values are ranked
by their label (index) when the labels can be sorted, otherwise by position,
so every result is deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_fraction, customer_values

__all__ = ["ABC_CLASSES", "pareto_table", "top_share", "abc_classes"]

#: ABC classes, most valuable first.
ABC_CLASSES: tuple[str, ...] = ("A", "B", "C")

_TOL = 1e-12


def _rank_order(s: pd.Series) -> np.ndarray:
    """Positions of ``s`` sorted by value (desc), then label (asc) or position."""
    pos = np.arange(len(s))
    label_rank = pos.copy()
    try:
        label_rank[np.asarray(s.index.argsort(kind="stable"))] = pos
    except TypeError:  # labels of mixed types cannot be sorted: keep the position
        label_rank = pos
    return np.lexsort((pos, label_rank, -s.to_numpy()))


def pareto_table(values: pd.Series) -> pd.DataFrame:
    """Customers ranked by value with their cumulative shares (帕累托分析 / 二八法则).

    The table behind the Pareto curve: customers from the largest down, with::

        share_i              = value_i / total
        cum_share_k          = (value_1 + … + value_k) / total
        cum_customer_share_k = k / n

    The 80/20 rule (Pareto; course materials) says ``cum_share`` is about
    0.8 where ``cum_customer_share`` is 0.2.

    Parameters
    ----------
    values : pandas.Series
        Revenue (or volume, profit ≥ 0) per customer; index = customer.

    Returns
    -------
    pandas.DataFrame
        Sorted by value (highest first; ties by label), index = customer,
        columns ``value``, ``share``, ``cum_share``, ``cum_customer_share``;
        the last row has ``cum_share == 1``.

    Raises
    ------
    TypeError
        If the values are not numbers.
    ValueError
        If a value is negative or NaN, or the total is not positive.

    Examples
    --------
    >>> pareto_table(pd.Series({"a": 10.0, "b": 60.0, "c": 30.0}))
       value  share  cum_share  cum_customer_share
    b   60.0    0.6        0.6            0.333333
    c   30.0    0.3        0.9            0.666667
    a   10.0    0.1        1.0            1.000000
    >>> pareto_table(pd.Series({"a": 10.0, "b": -5.0}))
    Traceback (most recent call last):
    ...
    ValueError: values must not be negative, got -5 at 'b'
    """
    s = customer_values(values)
    s = s.iloc[_rank_order(s)]
    total = float(s.sum())
    n = len(s)
    cum = s.cumsum() / total
    cum.iloc[-1] = 1.0
    return pd.DataFrame(
        {
            "value": s,
            "share": s / total,
            "cum_share": cum,
            "cum_customer_share": np.arange(1, n + 1) / n,
        }
    )


def top_share(values: pd.Series, top: float = 0.2) -> float:
    """Share of the total that comes from the top fraction of customers (前20%客户的贡献).

    Read off the Pareto curve, linearly interpolated between customers when
    ``top × n`` is not a whole number (this kit's convention), starting from
    the point (0, 0)::

        top_share(top) = cum_share at cum_customer_share = top

    Source: the 80/20 rule (Pareto; course materials): often about 0.8 for ``top=0.2``.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    top : float
        Fraction of customers, in (0, 1].

    Returns
    -------
    float
        A share in (0, 1].

    Raises
    ------
    TypeError
        If the values are not numbers.
    ValueError
        If ``top`` is outside (0, 1], or a value is negative or NaN.

    Examples
    --------
    >>> values = pd.Series([50, 30, 10, 5, 5], index=list("abcde"))
    >>> top_share(values, top=0.2)
    0.5
    >>> top_share(values, top=0.3)   # half-way between the 1st and 2nd customer
    0.65
    >>> top_share(values, top=0)
    Traceback (most recent call last):
    ...
    ValueError: top must be in (0, 1], got 0
    """
    t = check_fraction(top, "top", low=0.0, high=1.0, low_open=True)
    table = pareto_table(values)
    x = np.concatenate([[0.0], table["cum_customer_share"].to_numpy()])
    y = np.concatenate([[0.0], table["cum_share"].to_numpy()])
    return float(np.interp(t, x, y))


def _check_cutoffs(cutoffs) -> tuple[float, float]:
    try:
        a, b = cutoffs
    except (TypeError, ValueError):
        raise TypeError(f"cutoffs must be a pair (A cutoff, B cutoff), got {cutoffs!r}") from None
    a = check_fraction(a, "cutoffs[0]", low_open=True, high_open=True)
    b = check_fraction(b, "cutoffs[1]", low_open=True)
    if not a < b:
        raise ValueError(f"cutoffs must rise: cutoffs[0] < cutoffs[1], got {cutoffs!r}")
    return a, b


def abc_classes(values: pd.Series, cutoffs: tuple[float, float] = (0.8, 0.95)) -> pd.Series:
    """A/B/C class of each customer by cumulative share of value (ABC分类法).

    Customers are ranked by value; class A is filled until it holds
    ``cutoffs[0]`` of the total, then class B until ``cutoffs[1]``, the rest
    is C. **The customer who crosses a cutoff belongs to the class being
    filled** (this kit's convention), so class A always holds at least 80%::

        class_k = "A" if cum_share before k < cutoffs[0]
                  "B" if cum_share before k < cutoffs[1]
                  "C" otherwise

    Source: ABC analysis after the Pareto principle; the cutoffs are this
    kit's convention. The course materials' A/B/C customer grading is by
    contribution *and* cooperation potential (A: a major contribution and
    long-term potential), with no percentage cutoffs: revenue shares measure
    only the first half.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    cutoffs : tuple of two floats
        Cumulative shares closing class A and class B, ``0 < a < b <= 1``.

    Returns
    -------
    pandas.Series
        ``"A"``/``"B"``/``"C"`` per customer, in the order of ``values``, named ``abc_class``.

    Raises
    ------
    TypeError
        If values are not numbers or ``cutoffs`` is not a pair.
    ValueError
        If a value is negative or NaN, or the cutoffs are out of order or range.

    References
    ----------
    .. [1] Juran's Pareto principle as used in ABC inventory and customer analysis
       (this kit's cutoffs).
    .. [2] Course materials (the Chinese KAM/CRM course documents the kit follows), 客户分级: A/B/C by contribution and cooperation potential.

    Examples
    --------
    >>> values = pd.Series({"a": 50, "b": 35, "c": 10, "d": 3, "e": 2})
    >>> abc_classes(values).tolist()     # b crosses 80% (50 -> 85): b is A
    ['A', 'A', 'B', 'C', 'C']
    >>> abc_classes(values, cutoffs=(0.9, 0.8))
    Traceback (most recent call last):
    ...
    ValueError: cutoffs must rise: cutoffs[0] < cutoffs[1], got (0.9, 0.8)
    """
    a, b = _check_cutoffs(cutoffs)
    table = pareto_table(values)
    before = (table["cum_share"] - table["share"]).to_numpy()
    cls = np.where(before < a - _TOL, "A", np.where(before < b - _TOL, "B", "C"))
    out = pd.Series(cls, index=table.index, name="abc_class")
    return out.loc[values.index] if isinstance(values, pd.Series) else out.sort_index()

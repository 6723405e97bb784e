"""The customer pyramid (客户金字塔): VIP 1% / major 4% / ordinary 15% / small 80% of customers by value."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_number, customer_values
from .pareto import pareto_table

__all__ = ["PYRAMID_TIERS", "customer_pyramid", "pyramid_table"]

#: Tiers of the customer pyramid, from the top (course materials: VIP/重要/普通/小客户).
PYRAMID_TIERS: tuple[str, ...] = ("vip", "major", "ordinary", "small")


def _check_shares(shares) -> np.ndarray:
    try:
        arr = [check_number(x, "shares") for x in shares]
    except TypeError as exc:
        if "shares must be a number" in str(exc):
            raise
        raise TypeError(f"shares must be four fractions, got {shares!r}") from None
    if len(arr) != len(PYRAMID_TIERS):
        raise ValueError(f"shares must hold {len(PYRAMID_TIERS)} fractions (vip, major, ordinary, small), got {shares!r}")
    if any(x < 0 for x in arr):
        raise ValueError(f"shares must not be negative, got {shares!r}")
    if abs(sum(arr) - 1.0) > 1e-9:
        raise ValueError(f"shares must sum to 1, got {shares!r} (sum {sum(arr):g})")
    return np.asarray(arr)


def _tier_counts(n: int, shares: np.ndarray) -> np.ndarray:
    """Customers per tier: cumulative shares × n, rounded half up, then differenced."""
    bounds = np.floor(np.cumsum(shares) * n + 0.5 + 1e-9).astype(int)
    bounds[-1] = n
    return np.diff(np.concatenate([[0], bounds]))


def customer_pyramid(
    values: pd.Series, shares: tuple[float, float, float, float] = (0.01, 0.04, 0.15, 0.80)
) -> pd.Series:
    """Tier of each customer in the customer pyramid (客户金字塔).

    Customers ranked by value (ties by label) are cut into four tiers from
    the top: VIP customers (VIP客户) ≈1%, major customers (重要客户) ≈4%,
    ordinary customers (普通客户) ≈15%, small customers (小客户) ≈80%
    (the course materials' split, which they call 普通大客户 for the third
    tier; Zeithaml, Rust & Lemon 2001 built a customer pyramid by
    *profitability*, platinum, gold, iron and lead, with no fixed shares).
    Tier sizes come from the cumulative shares::

        last rank of tier j = round(n × (s_1 + … + s_j))    (halves round up)

    so every tier holds its share of ``n`` within one customer.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    shares : tuple of four floats
        Shares of customers in the tiers vip, major, ordinary, small; they must sum to 1.

    Returns
    -------
    pandas.Series
        ``"vip"``/``"major"``/``"ordinary"``/``"small"`` per customer, in the
        order of ``values``, named ``tier``.

    Raises
    ------
    TypeError
        If values or shares are not numbers.
    ValueError
        If a value is negative or NaN, or the shares are not four
        non-negative fractions summing to 1.

    References
    ----------
    .. [1] Course materials (the Chinese KAM/CRM course documents the kit follows): VIP客户 1%, 重要客户 4%, 普通大客户 15%, 小客户 80%.
    .. [2] Zeithaml, V. A., Rust, R. T., & Lemon, K. N. (2001). The customer pyramid:
       Creating and serving profitable customers. *California Management Review* 43(4), 118-142.

    Examples
    --------
    >>> values = pd.Series(range(1000, 0, -1), index=[f"C{i:04d}" for i in range(1000)])
    >>> customer_pyramid(values).value_counts().to_dict()
    {'small': 800, 'ordinary': 150, 'major': 40, 'vip': 10}
    >>> customer_pyramid(values, shares=(0.1, 0.2, 0.3, 0.3))
    Traceback (most recent call last):
    ...
    ValueError: shares must sum to 1, got (0.1, 0.2, 0.3, 0.3) (sum 0.9)
    """
    sh = _check_shares(shares)
    table = pareto_table(values)
    counts = _tier_counts(len(table), sh)
    tiers = np.repeat(np.array(PYRAMID_TIERS, dtype=object), counts)
    out = pd.Series(tiers, index=table.index, name="tier")
    return out.loc[values.index] if isinstance(values, pd.Series) else out.sort_index()


def pyramid_table(
    values: pd.Series, shares: tuple[float, float, float, float] = (0.01, 0.04, 0.15, 0.80)
) -> pd.DataFrame:
    """Customers and revenue in each tier of the customer pyramid (客户金字塔汇总).

    Summarises :func:`customer_pyramid`: how many customers each tier holds
    and how much of the total value they bring (course materials' 1/4/15/80
    split; compare Zeithaml, Rust & Lemon 2001, whose pyramid ranks by profit)::

        revenue_share_tier = Σ value in tier / Σ value

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    shares : tuple of four floats
        As for :func:`customer_pyramid`.

    Returns
    -------
    pandas.DataFrame
        Index = tiers from the top (``vip`` … ``small``), columns
        ``customers``, ``customer_share``, ``revenue``, ``revenue_share``.

    Raises
    ------
    TypeError, ValueError
        As :func:`customer_pyramid`.

    Examples
    --------
    >>> values = pd.Series(range(100, 0, -1), index=range(100))
    >>> pyramid_table(values)[["customers", "revenue"]]
              customers  revenue
    tier
    vip               1    100.0
    major             4    390.0
    ordinary         15   1320.0
    small            80   3240.0
    """
    tiers = customer_pyramid(values, shares)
    s = customer_values(values)
    s.index = tiers.index
    grouped = pd.DataFrame({"tier": tiers, "value": s}).groupby("tier", sort=False)["value"]
    table = pd.DataFrame(
        {"customers": grouped.size(), "revenue": grouped.sum()}
    ).reindex(pd.Index(PYRAMID_TIERS, name="tier"))
    table["customers"] = table["customers"].fillna(0).astype(int)
    table["revenue"] = table["revenue"].fillna(0.0)
    table["customer_share"] = table["customers"] / table["customers"].sum()
    table["revenue_share"] = table["revenue"] / table["revenue"].sum()
    return table[["customers", "customer_share", "revenue", "revenue_share"]]

"""Dependence on a few customers (客户依赖风险): revenue concentration, the Herfindahl-Hirschman index, losing the top account.

Key accounts bring most of the revenue (the 80/20 rule); the other side of the coin is that losing one
of them hurts. The course materials warn against treating a big customer as one's "only backer"
(将大客户看成"惟一靠山"，这样的风险太大) and ask that identification "avoid letting one customer's
swings move the whole business" (避免因单一客户波动影响整体业务).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_dates, check_number, check_positive_int, customer_values, require_columns

__all__ = ["DEPENDENCE_ADVICE", "herfindahl", "concentration", "concentration_by_year", "loss_impact"]

#: What the course materials advise against dependence on one customer (keys of the glossary, with ``_desc``).
DEPENDENCE_ADVICE: tuple[str, ...] = (
    "keep_small_customers", "watch_one_customer_swings", "win_win_not_only_backer", "spread_relationships",
)


def herfindahl(values: Any, scale: float = 1.0) -> float:
    """Herfindahl-Hirschman index of customers' revenue (赫芬达尔-赫希曼指数, HHI).

    .. math:: HHI = scale \\cdot \\sum_i s_i^2, \\qquad s_i = v_i / \\sum_j v_j

    With ``scale=1`` it lies in (0, 1]: 1 when one customer brings everything, 1/n when n customers
    bring equal shares; ``1 / HHI`` is the *equivalent number* of equal-sized customers. Competition
    authorities use shares in percent (``scale=10_000``; e.g. the US merger guidelines). Source:
    Hirschman, A.O. (1964), "The paternity of an index", *American Economic Review* 54(5): 761;
    applied here to customers instead of firms (this kit's use).

    Parameters
    ----------
    values : pandas.Series, list or dict
        Revenue per customer (not negative, positive total).
    scale : float, default 1.0
        Multiply the index by this (10,000 for shares in percent).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is negative or NaN, the total is not positive, or ``scale`` is not positive.

    Examples
    --------
    >>> herfindahl([50, 30, 20])
    0.38
    >>> herfindahl([25, 25, 25, 25], scale=10_000)
    2500.0
    >>> herfindahl([10, -1])
    Traceback (most recent call last):
    ...
    ValueError: values must not be negative, got -1 at 1
    """
    s = customer_values(pd.Series(values) if not isinstance(values, pd.Series) else values)
    k = check_number(scale, "scale", low=0, low_open=True)
    share = s / float(s.sum())
    return round(float(k * (share**2).sum()), 12)


def concentration(values: Any, top: Iterable[int] = (1, 5), top_fraction: float = 0.2) -> pd.Series:
    """How concentrated revenue is on a few customers (收入集中度): top shares, HHI, equivalent number.

    ::

        top<k>_share   = revenue of the k largest customers / total revenue
        top_20pct_share = share of the largest 20 % of customers (accounts.top_share)
        hhi            = Σ sᵢ²;  equivalent_number = 1 / hhi

    Sources: the 80/20 rule (course materials); Hirschman (1964) for the index.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (index = customer).
    top : iterable of int, default (1, 5)
        The k of the ``top<k>_share`` entries.
    top_fraction : float, default 0.2
        The fraction of customers of the ``top_<p>pct_share`` entry.

    Returns
    -------
    pandas.Series
        ``largest`` (the largest customer's label), ``top<k>_share`` for each k, ``top_<p>pct_share``,
        ``hhi``, ``equivalent_number``, ``buying_customers`` (with revenue > 0).

    Raises
    ------
    TypeError, ValueError
        As :func:`herfindahl`; also if a k is not a whole number >= 1.

    Examples
    --------
    >>> c = concentration(pd.Series({"a": 50.0, "b": 30.0, "c": 10.0, "d": 5.0, "e": 5.0}), top=(1, 2))
    >>> c[["largest", "top1_share", "top2_share", "hhi"]].tolist()
    ['a', 0.5, 0.8, 0.355]
    >>> round(float(c["equivalent_number"]), 2)
    2.82
    """
    from ..accounts import top_share

    s = customer_values(values)
    ordered = s.sort_values(ascending=False, kind="stable")
    total = float(s.sum())
    out: dict[str, Any] = {"largest": ordered.index[0]}
    for k in top:
        k = check_positive_int(k, "top")
        out[f"top{k}_share"] = float(ordered.iloc[:k].sum() / total)
    out[f"top_{int(round(100 * top_fraction))}pct_share"] = top_share(s, top_fraction)
    out["hhi"] = herfindahl(s)
    out["equivalent_number"] = 1.0 / out["hhi"]
    out["buying_customers"] = int((s > 0).sum())
    return pd.Series(out, dtype=object)


def concentration_by_year(
    orders: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "net_revenue",
    top: Iterable[int] = (1, 5),
) -> pd.DataFrame:
    """Revenue concentration per calendar year (逐年收入集中度), from the order lines.

    One row of :func:`concentration` per year of ``orders`` (the customers that bought that year).

    Parameters
    ----------
    orders : pandas.DataFrame
        Order lines with ``customer_col``, ``date_col`` (datetime) and ``amount_col``.
    customer_col, date_col, amount_col : str
        Column names.
    top : iterable of int, default (1, 5)
        As in :func:`concentration`.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; columns as the entries of :func:`concentration` (shares and HHI as floats).

    Raises
    ------
    TypeError, ValueError
        If a column is missing or holds NaN, or a year's revenue is not positive.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["a", "b", "a", "b"],
    ...     "order_date": pd.to_datetime(["2024-02-01", "2024-03-01", "2025-02-01", "2025-03-01"]),
    ...     "net_revenue": [60.0, 40.0, 90.0, 10.0]})
    >>> concentration_by_year(orders, top=(1,))[["largest", "top1_share", "hhi"]]
         largest  top1_share   hhi
    year
    2024       a         0.6  0.52
    2025       a         0.9  0.82
    """
    require_columns(orders, [customer_col, date_col, amount_col], "orders", complete=True)
    years = as_dates(orders[date_col], f"orders[{date_col!r}]").dt.year
    rows = {}
    for year, part in orders.groupby(years.to_numpy()):
        revenue = part.groupby(customer_col)[amount_col].sum()
        rows[int(year)] = concentration(revenue, top=top)
    table = pd.DataFrame(rows).T
    table.index.name = "year"
    numeric = [c for c in table.columns if c != "largest"]
    table[numeric] = table[numeric].astype(float)
    table["buying_customers"] = table["buying_customers"].astype(int)
    return table


def loss_impact(profitability: pd.DataFrame, customer: Any, fixed_costs: float = 0.0) -> pd.Series:
    """What losing one account would do to revenue and profit (失去一个大客户的影响).

    ``profitability`` is the per-account table of
    :func:`kamcourse.economics.customer_profitability`. Losing the account removes its revenue, its
    cost of goods and its cost to serve; costs that do not go away with it (``fixed_costs``: the
    office, the plant, salaries) stay::

        revenue_share    = revenue_a / Σ revenue
        gross_profit_share = gross_profit_a / Σ gross_profit
        net_profit_share = net_profit_a / Σ net_profit           (after cost to serve)
        profit_after     = Σ net_profit − net_profit_a − fixed_costs
        profit_change    = −net_profit_a / (Σ net_profit − fixed_costs)

    A profitable large account hurts profit *more* than revenue when its net margin is above the
    average. Source: activity-based customer profitability (Kaplan & Narayanan 2001, "Measuring and
    managing customer profitability", *Journal of Cost Management* 15(5)); the split is this kit's.

    Parameters
    ----------
    profitability : pandas.DataFrame
        One row per account (index = account) with ``revenue``, ``gross_profit``, ``net_profit``.
    customer : label
        The account to lose.
    fixed_costs : float, default 0.0
        Costs of the period that stay when the account goes (not negative).

    Returns
    -------
    pandas.Series
        ``revenue_lost``, ``revenue_share``, ``gross_profit_lost``, ``gross_profit_share``,
        ``net_profit_lost``, ``net_profit_share``, ``profit_before``, ``profit_after``, ``profit_change``.

    Raises
    ------
    TypeError
        If ``profitability`` is not a DataFrame or ``fixed_costs`` not a number.
    ValueError
        If a column is missing, the account is not in the table, ``fixed_costs`` is negative or a total is 0.

    Examples
    --------
    >>> prof = pd.DataFrame({"revenue": [60.0, 40.0], "gross_profit": [18.0, 10.0], "net_profit": [12.0, 4.0]},
    ...                     index=["big", "rest"])
    >>> loss_impact(prof, "big")[["revenue_share", "net_profit_share", "profit_change"]].round(2).tolist()
    [0.6, 0.75, -0.75]
    >>> round(float(loss_impact(prof, "big", fixed_costs=6)["profit_change"]), 2)   # 16 - 6 = 10 before, -2 after
    -1.2
    """
    require_columns(profitability, ["revenue", "gross_profit", "net_profit"], "profitability", complete=True)
    if customer not in profitability.index:
        raise ValueError(f"customer {customer!r} is not in profitability (its index holds the accounts)")
    fixed = check_number(fixed_costs, "fixed_costs", low=0)
    row, total = profitability.loc[customer], profitability[["revenue", "gross_profit", "net_profit"]].sum()
    for col in ("revenue", "gross_profit", "net_profit"):
        if np.isclose(float(total[col]), 0.0):
            raise ValueError(f"profitability[{col!r}] sums to 0; shares cannot be computed")
    before = float(total["net_profit"]) - fixed
    after = before - float(row["net_profit"])
    return pd.Series({
        "revenue_lost": float(row["revenue"]), "revenue_share": float(row["revenue"] / total["revenue"]),
        "gross_profit_lost": float(row["gross_profit"]),
        "gross_profit_share": float(row["gross_profit"] / total["gross_profit"]),
        "net_profit_lost": float(row["net_profit"]),
        "net_profit_share": float(row["net_profit"] / total["net_profit"]),
        "profit_before": before, "profit_after": after,
        "profit_change": (after - before) / abs(before) if before != 0 else float("nan"),
    })

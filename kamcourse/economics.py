"""Key-account economics: discount break-even, customer profitability, whale curve (大客户的经济性).

The course materials warn that big accounts are not automatically good
business: "for a supplier with a 20% gross margin, a 5% discount needs 33%
more volume to make up for it", and the largest customers, after what it
costs to serve them, can lose money. This module does that arithmetic:

- :func:`breakeven_volume_increase` and its mirror
  :func:`breakeven_volume_decrease` (折扣/提价的盈亏平衡销量);
- :func:`customer_profitability`: revenue, gross profit, cost-to-serve and
  net profit per account (客户盈利性分析);
- :func:`whale_curve` and :func:`whale_peak`: cumulative profit against
  customers ranked from the most to the least profitable (鲸鱼曲线).

>>> round(breakeven_volume_increase(0.20, 0.05), 4)
0.3333
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._validate import as_numeric_series, check_fraction, check_number, require_columns

__all__ = [
    "breakeven_volume_increase",
    "breakeven_volume_decrease",
    "breakeven_table",
    "customer_profitability",
    "whale_curve",
    "whale_peak",
]


def _check_margin_discount(margin: float, discount: float, discount_name: str = "discount") -> tuple[float, float]:
    m = check_fraction(margin, "margin", low=0.0, high=1.0, low_open=True, high_open=True)
    d = check_number(discount, discount_name)
    if d < 0:
        raise ValueError(f"{discount_name} must not be negative, got {discount!r}")
    return m, d


def breakeven_volume_increase(margin: float, discount: float) -> float:
    """Extra volume needed to keep gross profit after a price cut (折扣后保持毛利所需的销量增长).

    With gross margin ``m`` and a discount ``d`` (both as fractions of the
    current price), the unit margin falls from ``m`` to ``m − d``; the same
    gross profit then needs ``Q·m = Q'·(m − d)``, i.e. a volume increase of::

        ΔQ / Q = d / (m − d)

    Source: standard pricing arithmetic (CONTENT §7); the course materials'
    example: a supplier with 20% gross margin giving a 5% discount needs 33%
    more volume.

    Parameters
    ----------
    margin : float
        Gross margin as a fraction of price, in (0, 1) (毛利率).
    discount : float
        Price cut as a fraction of the current price, ``>= 0`` and below ``margin`` (折扣).

    Returns
    -------
    float
        The required relative volume increase (0.333… = +33.3%).

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``margin`` is outside (0, 1), ``discount`` is negative, or
        ``discount >= margin`` (then every unit sold at the new price earns
        nothing or loses money, so no volume recovers the profit).

    Examples
    --------
    >>> round(breakeven_volume_increase(0.20, 0.05), 4)   # course materials: 33%
    0.3333
    >>> breakeven_volume_increase(0.30, 0.0)
    0.0
    >>> breakeven_volume_increase(0.20, 0.25)
    Traceback (most recent call last):
    ...
    ValueError: no volume recovers a discount at or above the margin: discount=0.25 >= margin=0.2
    """
    m, d = _check_margin_discount(margin, discount)
    if d >= m:
        raise ValueError(f"no volume recovers a discount at or above the margin: discount={d:g} >= margin={m:g}")
    return d / (m - d)


def breakeven_volume_decrease(margin: float, increase: float) -> float:
    """Volume that may be lost after a price rise before gross profit falls (提价后可承受的销量下降).

    The mirror of :func:`breakeven_volume_increase`: a price rise ``d`` lifts
    the unit margin from ``m`` to ``m + d``, so ``Q·m = Q'·(m + d)`` gives an
    allowed relative volume drop of::

        −ΔQ / Q = d / (m + d)

    Source: CONTENT §7 (m = 30%, +10% price → 25% fewer units keep the same profit).

    Parameters
    ----------
    margin : float
        Gross margin as a fraction of price, in (0, 1).
    increase : float
        Price rise as a fraction of the current price, ``>= 0``.

    Returns
    -------
    float
        The relative volume drop that leaves gross profit unchanged (0.25 = −25%).

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``margin`` is outside (0, 1) or ``increase`` is negative.

    Examples
    --------
    >>> breakeven_volume_decrease(0.30, 0.10)
    0.25
    >>> breakeven_volume_decrease(1.3, 0.10)
    Traceback (most recent call last):
    ...
    ValueError: margin must be in (0, 1), got 1.3
    """
    m, d = _check_margin_discount(margin, increase, "increase")
    return d / (m + d)


def breakeven_table(margins: Iterable[float], discounts: Iterable[float]) -> pd.DataFrame:
    """Required volume increase for several margins and discounts (折扣盈亏平衡表).

    Each cell is :func:`breakeven_volume_increase` ``= d / (m − d)``; a cell
    where the discount reaches the margin is NaN (no volume is enough).

    Parameters
    ----------
    margins : iterable of float
        Gross margins in (0, 1) (the columns).
    discounts : iterable of float
        Discounts ``>= 0`` (the rows).

    Returns
    -------
    pandas.DataFrame
        Index ``discount``, columns ``margin``, values the relative volume increase.

    Raises
    ------
    ValueError, TypeError
        As :func:`breakeven_volume_increase` for an invalid margin or discount,
        or if either list is empty.

    Examples
    --------
    >>> breakeven_table([0.2, 0.4], [0.05, 0.2]).round(3)
    margin    0.2    0.4
    discount
    0.05    0.333  0.143
    0.20      NaN  1.000
    """
    ms = [check_fraction(m, "margins", low=0.0, high=1.0, low_open=True, high_open=True) for m in margins]
    ds = []
    for d in discounts:
        d = check_number(d, "discounts")
        if d < 0:
            raise ValueError(f"discounts must not be negative, got {d!r}")
        ds.append(d)
    if not ms or not ds:
        raise ValueError("margins and discounts each need at least one value")
    data = [[d / (m - d) if d < m else np.nan for m in ms] for d in ds]
    return pd.DataFrame(data, index=pd.Index(ds, name="discount"), columns=pd.Index(ms, name="margin"))


def customer_profitability(
    orders: pd.DataFrame,
    cost_to_serve: pd.DataFrame,
    *,
    by_year: bool = False,
    year: int | None = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    revenue_col: str = "net_revenue",
    cogs_col: str = "cost_of_goods",
    cost_col: str = "total_cost",
) -> pd.DataFrame:
    """Profit of each account after the cost of serving it (客户盈利性 / 服务成本后的客户利润).

    Activity-based customer profitability (Cooper & Kaplan 1991; Kaplan &
    Narayanan 2001)::

        gross_profit = revenue − cost of goods
        net_profit   = gross_profit − cost_to_serve
        gross_margin = gross_profit / revenue,  net_margin = net_profit / revenue

    ``cost_to_serve`` holds what the account costs beyond the goods: visits,
    logistics, support, special terms (one row per customer and year).

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with ``customer_col``, ``date_col`` (datetime),
        ``revenue_col`` and ``cogs_col``.
    cost_to_serve : pandas.DataFrame
        One row per customer and year with ``customer_col``, ``year`` and ``cost_col``.
    by_year : bool
        One row per customer and year instead of one per customer.
    year : int, optional
        Keep only this calendar year (orders by their date, costs by ``year``).
    customer_col, date_col, revenue_col, cogs_col, cost_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_col`` (and ``year`` when ``by_year``), columns
        ``revenue``, ``gross_profit``, ``cost_to_serve``, ``net_profit``,
        ``gross_margin``, ``net_margin`` (margins NaN when revenue is 0).
        An account with costs but no orders appears with revenue 0; an account
        with orders but no cost row has cost-to-serve 0. Sorted by net profit,
        highest first.

    Raises
    ------
    TypeError
        If an input is not a DataFrame.
    ValueError
        If a column is missing (the message lists those present), if a money
        column holds NaN, or if ``year`` selects nothing.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-02-01"]),
    ...     "net_revenue": [100.0, 100.0, 50.0], "cost_of_goods": [70.0, 70.0, 30.0]})
    >>> cts = pd.DataFrame({"customer_id": ["A", "B"], "year": [2025, 2025], "total_cost": [80.0, 5.0]})
    >>> customer_profitability(orders, cts)[["revenue", "gross_profit", "cost_to_serve", "net_profit"]]
                 revenue  gross_profit  cost_to_serve  net_profit
    customer_id
    B               50.0          20.0            5.0        15.0
    A              200.0          60.0           80.0       -20.0
    """
    require_columns(orders, [customer_col, date_col, revenue_col, cogs_col], "orders")
    require_columns(cost_to_serve, [customer_col, "year", cost_col], "cost_to_serve")
    for frame, cols, name in (
        (orders, [customer_col, date_col, revenue_col, cogs_col], "orders"),
        (cost_to_serve, [customer_col, "year", cost_col], "cost_to_serve"),
    ):
        for col in cols:
            if frame[col].isna().any():
                first = frame.index[frame[col].isna().to_numpy()][0]
                raise ValueError(f"{name}[{col!r}] has missing values (NaN), first in row {first!r}")
    o = pd.DataFrame(
        {
            customer_col: orders[customer_col].to_numpy(),
            "year": pd.to_datetime(orders[date_col]).dt.year.to_numpy(),
            "revenue": as_numeric_series(orders[revenue_col], f"orders[{revenue_col!r}]", allow_empty=True).to_numpy(),
            "cogs": as_numeric_series(orders[cogs_col], f"orders[{cogs_col!r}]", allow_empty=True).to_numpy(),
        }
    )
    c = pd.DataFrame(
        {
            customer_col: cost_to_serve[customer_col].to_numpy(),
            "year": cost_to_serve["year"].astype(int).to_numpy(),
            "cost_to_serve": as_numeric_series(
                cost_to_serve[cost_col], f"cost_to_serve[{cost_col!r}]", allow_empty=True
            ).to_numpy(),
        }
    )
    if year is not None:
        y = int(check_number(year, "year"))
        o, c = o[o["year"] == y], c[c["year"] == y]
        if o.empty and c.empty:
            raise ValueError(f"year={year!r} selects no orders and no costs")
    keys = [customer_col, "year"] if by_year else [customer_col]
    rev = o.groupby(keys)[["revenue", "cogs"]].sum()
    cost = c.groupby(keys)[["cost_to_serve"]].sum()
    table = rev.join(cost, how="outer").fillna(0.0)
    table["gross_profit"] = table["revenue"] - table["cogs"]
    table["net_profit"] = table["gross_profit"] - table["cost_to_serve"]
    revenue = table["revenue"].where(table["revenue"] != 0)
    table["gross_margin"] = table["gross_profit"] / revenue
    table["net_margin"] = table["net_profit"] / revenue
    table = table[["revenue", "gross_profit", "cost_to_serve", "net_profit", "gross_margin", "net_margin"]]
    order = np.lexsort((np.arange(len(table)), -table["net_profit"].to_numpy()))
    return table.iloc[order]


def _profit_series(profit) -> pd.Series:
    s = as_numeric_series(profit, "profit")
    total = float(s.sum())
    if total <= 0:
        raise ValueError(
            f"the total profit must be positive to draw a whale curve, got {total:g}; "
            "shares of a zero or negative total have no meaning"
        )
    return s


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """Cumulative profit against customers ranked by profit (客户盈利鲸鱼曲线).

    Customers are sorted from the most to the least profitable; the curve
    plots the cumulative share of customers against the cumulative share of
    total profit. Because loss-making customers come last, the curve rises
    above 100% and then falls back to exactly 100% (controlling-wiki, "The
    Whale Curve of Customer Profitability"; after Cooper & Kaplan 1991 and
    Kaplan & Narayanan 2001; CONTENT §5.6)::

        cum_profit_share_k = (p_1 + … + p_k) / (p_1 + … + p_n)

    Ties are ordered by their position in ``profit`` (a stable sort).

    Parameters
    ----------
    profit : pandas.Series
        Profit per customer (index = customer); losses are allowed, the total
        must be positive.

    Returns
    -------
    pandas.DataFrame
        One row per customer, most profitable first, index = customer, columns
        ``profit``, ``cum_profit``, ``cum_customer_share``, ``cum_profit_share``.
        The last row has both shares equal to 1.

    Raises
    ------
    TypeError
        If ``profit`` does not hold numbers.
    ValueError
        If it is empty, holds NaN, or its total is not positive.

    Examples
    --------
    >>> curve = whale_curve(pd.Series({"A": 60.0, "B": 50.0, "C": 10.0, "D": -20.0}))
    >>> curve[["cum_customer_share", "cum_profit_share"]]
       cum_customer_share  cum_profit_share
    A                0.25               0.6
    B                0.50               1.1
    C                0.75               1.2
    D                1.00               1.0
    """
    s = _profit_series(profit)
    order = np.lexsort((np.arange(len(s)), -s.to_numpy()))
    s = s.iloc[order]
    cum = s.cumsum()
    n = len(s)
    out = pd.DataFrame(
        {
            "profit": s,
            "cum_profit": cum,
            "cum_customer_share": np.arange(1, n + 1) / n,
            "cum_profit_share": cum / float(s.sum()),
        }
    )
    out.iloc[-1, out.columns.get_loc("cum_profit_share")] = 1.0  # exact, despite rounding
    return out


def whale_peak(profit: pd.Series) -> tuple[float, float]:
    """Where the whale curve peaks: share of customers and share of profit (鲸鱼曲线峰值).

    The peak is reached after the last customer with positive profit: those
    customers together earn more than 100% of the total, which the
    loss-making ones then give back (controlling-wiki; Kaplan & Narayanan 2001).

    Parameters
    ----------
    profit : pandas.Series
        Profit per customer, as for :func:`whale_curve`.

    Returns
    -------
    tuple of float
        ``(cum_customer_share, cum_profit_share)`` at the highest point of the
        curve (the first such point if several are equal).

    Raises
    ------
    TypeError, ValueError
        As :func:`whale_curve`.

    Examples
    --------
    >>> whale_peak(pd.Series({"A": 60.0, "B": 50.0, "C": 10.0, "D": -20.0}))
    (0.75, 1.2)
    """
    curve = whale_curve(profit)
    i = int(np.argmax(curve["cum_profit_share"].to_numpy()))
    row = curve.iloc[i]
    return float(row["cum_customer_share"]), float(row["cum_profit_share"])

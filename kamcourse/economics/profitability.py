"""Customer profitability (客户盈利性分析): profit after the cost to serve, and the whale curve (鲸鱼曲线)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_dates, as_numeric_series, check_number, require_columns

__all__ = ["customer_profitability", "whale_curve", "whale_peak"]


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
    o, c = _account_frames(orders, cost_to_serve, customer_col, date_col, revenue_col, cogs_col, cost_col)
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


def _account_frames(
    orders: pd.DataFrame, cost_to_serve: pd.DataFrame, customer_col: str, date_col: str, revenue_col: str,
    cogs_col: str, cost_col: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Checked order lines (customer, year, revenue, cogs) and cost rows (customer, year, cost_to_serve)."""
    require_columns(orders, [customer_col, date_col, revenue_col, cogs_col], "orders", complete=True)
    require_columns(cost_to_serve, [customer_col, "year", cost_col], "cost_to_serve", complete=True)
    o = pd.DataFrame(
        {
            customer_col: orders[customer_col].to_numpy(),
            "year": as_dates(orders[date_col], f"orders[{date_col!r}]").dt.year.to_numpy(),
            "revenue": as_numeric_series(orders[revenue_col], f"orders[{revenue_col!r}]", allow_empty=True).to_numpy(),
            "cogs": as_numeric_series(orders[cogs_col], f"orders[{cogs_col!r}]", allow_empty=True).to_numpy(),
        }
    )
    cost = as_numeric_series(cost_to_serve[cost_col], f"cost_to_serve[{cost_col!r}]", allow_empty=True)
    c = pd.DataFrame(
        {
            customer_col: cost_to_serve[customer_col].to_numpy(),
            "year": cost_to_serve["year"].astype(int).to_numpy(),
            "cost_to_serve": cost.to_numpy(),
        }
    )
    return o, c

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
    Kaplan & Narayanan 2001)::

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

    References
    ----------
    .. [1] Cooper, R., & Kaplan, R. S. (1991). Profit priorities from activity-based
       costing. *Harvard Business Review* 69(3), 130-135.
    .. [2] Kaplan, R. S., & Narayanan, V. G. (2001). Measuring and managing customer
       profitability. *Journal of Cost Management* 15(5), 5-15.

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

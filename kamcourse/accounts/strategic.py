"""The course materials' rule for strategic key accounts (战略级大客户): a revenue share and three years of growth."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import (
    as_dates,
    as_numeric_series,
    check_fraction,
    check_no_nan,
    check_number,
    check_positive_int,
    require_columns,
)

__all__ = ["strategic_key_accounts"]

_TOL = 1e-12


def strategic_key_accounts(
    orders: pd.DataFrame,
    share_threshold: float = 0.01,
    growth_threshold: float = 0.10,
    years: int = 3,
    *,
    as_of_year: int | None = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "net_revenue",
) -> pd.DataFrame:
    """The course materials' rule for strategic key accounts (战略级大客户识别规则).

    The course materials give an example rule: a customer whose average annual
    purchases are above X% of the firm's total revenue and whose purchases grew
    by more than Y% every year for three years running is a strategic key
    account. The materials leave X and Y blank; **this kit's defaults are
    X = 1% and Y = 10%**. Over the ``years`` calendar years ending with
    ``as_of_year``::

        revenue_share = mean annual purchases of the customer / mean annual revenue of the firm
        growth_t      = R_t / R_{t−1} − 1                      for each year t of the window
        strategic     = revenue_share >= X  and  growth_t > Y for every t

    A growth rate after a year with no purchases is undefined (NaN) and does
    not meet the rule. The window needs ``years + 1`` calendar years of orders;
    a partial first year inflates the first growth rate, so choose
    ``as_of_year`` with that in mind.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with ``customer_col``, ``date_col`` (datetime) and ``amount_col``.
    share_threshold : float
        X, as a fraction in [0, 1] (0.01 = 1%).
    growth_threshold : float
        Y, as a fraction (0.10 = 10%); may be negative or above 1.
    years : int
        How many consecutive years of growth are required (3 in the materials).
    as_of_year : int, optional
        Last calendar year of the window; the last year in ``orders`` by default.
    customer_col, date_col, amount_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per customer (index = customer), sorted by ``revenue_share``
        (highest first): ``avg_annual_revenue``, ``revenue_share``, one
        ``growth_<year>`` column per year of the window, ``min_growth``,
        ``growth_years`` (years in the window above the threshold),
        ``share_ok``, ``growth_ok``, ``strategic``.

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame or an amount is not a number.
    ValueError
        If a column is missing (named with those present), an amount or date
        is missing, a threshold is out of range, or the orders do not cover
        ``years + 1`` calendar years up to ``as_of_year``.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "customer_id": ["A"] * 4 + ["B"] * 4,
    ...     "order_date": pd.to_datetime(["2022-05-01", "2023-05-01", "2024-05-01", "2025-05-01"] * 2),
    ...     "net_revenue": [100, 120, 150, 180, 300, 310, 305, 320]})
    >>> table = strategic_key_accounts(orders)
    >>> table[["revenue_share", "min_growth", "strategic"]].round(3)
         revenue_share  min_growth  strategic
    customer_id
    B            0.675      -0.016      False
    A            0.325       0.200       True
    """
    require_columns(orders, [customer_col, date_col, amount_col], "orders")
    x = check_fraction(share_threshold, "share_threshold")
    y = check_number(growth_threshold, "growth_threshold")
    if y <= -1:
        raise ValueError(f"growth_threshold must be above -1 (a fall of 100%), got {growth_threshold!r}")
    years = check_positive_int(years, "years")
    check_no_nan(orders[customer_col], f"orders[{customer_col!r}]")
    year = as_dates(orders[date_col], f"orders[{date_col!r}]").dt.year
    amount = as_numeric_series(orders[amount_col], f"orders[{amount_col!r}]")
    yearly = (
        pd.DataFrame({"c": orders[customer_col].to_numpy(), "y": year.to_numpy(), "v": amount.to_numpy()})
        .pivot_table(index="c", columns="y", values="v", aggfunc="sum", fill_value=0.0)
    )
    first_year, last_year = int(yearly.columns.min()), int(yearly.columns.max())
    end = last_year if as_of_year is None else int(check_number(as_of_year, "as_of_year"))
    start = end - years  # the year before the window, the base of the first growth rate
    if start < first_year or end > last_year:
        raise ValueError(
            f"the rule needs orders in every year from {start} to {end} ({years} growth rates), "
            f"but the orders cover {first_year}-{last_year}"
        )
    yearly = yearly.reindex(columns=range(first_year, last_year + 1), fill_value=0.0)
    table = _growth_table(yearly, list(range(end - years + 1, end + 1)), y)
    table.index.name = customer_col
    table["share_ok"] = table["revenue_share"] >= x - _TOL
    table["growth_ok"] = table["growth_years"] == years
    table["strategic"] = table["share_ok"] & table["growth_ok"]
    order = np.lexsort((np.arange(len(table)), -table["revenue_share"].to_numpy()))
    return table.iloc[order]


def _growth_table(yearly: pd.DataFrame, window: list[int], growth_threshold: float) -> pd.DataFrame:
    """Mean revenue, revenue share and year-on-year growth in ``window`` of each customer (rows of ``yearly``)."""
    firm = yearly[window].sum(axis=0)
    table = pd.DataFrame(index=yearly.index)
    table["avg_annual_revenue"] = yearly[window].mean(axis=1)
    table["revenue_share"] = table["avg_annual_revenue"] / float(firm.mean())
    for t in window:
        prev = yearly[t - 1]
        table[f"growth_{t}"] = (yearly[t] / prev.where(prev > 0)) - 1.0
    growth = table[[f"growth_{t}" for t in window]]
    table["min_growth"] = growth.min(axis=1, skipna=False)
    table["growth_years"] = (growth > growth_threshold).sum(axis=1).astype(int)
    return table

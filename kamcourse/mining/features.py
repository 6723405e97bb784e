"""Customer features from the purchase log as of a date (客户特征): recency, frequency, monetary value, trend.

Data mining starts by turning the order log into one row per customer. :func:`customer_features`
reads **only the orders up to the date it is given**: what a model may know on that day. Segmentation
uses it at the end of the data; churn prediction (:mod:`kamcourse.mining.churn`) at a cut-off date,
with the label read from the orders after it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, as_numeric_series, check_positive_int, check_transactions

__all__ = ["FEATURES", "customer_features"]

#: The columns of :func:`customer_features` (``gross_profit`` only with ``cost_col``).
FEATURES: tuple[str, ...] = (
    "recency_days", "tenure_days", "orders", "revenue", "revenue_previous", "trend",
)


def _order_level(transactions: pd.DataFrame, customer_col: str, date_col: str, amount_col: str,
                 order_col: str | None, cost_col: str | None) -> pd.DataFrame:
    """One row per order (or per line when there is no order id): customer, date, value, cost."""
    customers, dates, amounts = check_transactions(transactions, customer_col, date_col, amount_col)
    frame = pd.DataFrame({"customer": customers.to_numpy(), "date": dates.to_numpy(), "value": amounts.to_numpy()})
    frame["cost"] = 0.0 if cost_col is None else as_numeric_series(transactions[cost_col], cost_col).to_numpy()
    frame["order"] = np.arange(len(frame)) if order_col is None else transactions[order_col].to_numpy()
    return frame


def customer_features(
    transactions: pd.DataFrame,
    as_of: Any,
    window_days: int = 365,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "net_revenue",
    order_col: str | None = "order_id",
    cost_col: str | None = None,
) -> pd.DataFrame:
    """Recency, frequency, monetary value and trend per customer, from the orders up to ``as_of`` (客户特征).

    Orders dated after ``as_of`` are ignored, so the features are what the firm knew on that day.
    With ``w = window_days``, the "last window" is the ``w`` days up to and including ``as_of`` and
    the "previous window" the ``w`` days before it (this kit's convention, as in the lifecycle rules):

    - ``recency_days``: days from the customer's last order to ``as_of`` (R);
    - ``tenure_days``: days from her first order *in the log* to ``as_of``;
    - ``orders``: distinct orders in the last window (F);
    - ``revenue`` and ``revenue_previous``: net revenue in the last and the previous window (M);
    - ``trend`` = revenue / (revenue + revenue_previous): the last window's share of the two, 0.5 for a
      flat customer, above for a growing one, below for a declining one, 0 when neither window has
      revenue (it all lies further back);
    - ``gross_profit`` (with ``cost_col``): revenue minus cost in the last window.

    Recency, frequency and monetary value are the RFM variables of direct marketing (Hughes 1994,
    *Strategic Database Marketing*, Probus); the windows and the trend are this kit's convention.

    Parameters
    ----------
    transactions : DataFrame
        The order log, one row per order line (or per order).
    as_of : date-like
        The day the features describe; orders after it are not read.
    window_days : int, default 365
        Length of the last and the previous window.
    customer_col, date_col, amount_col : str
        Customer, order date and net revenue columns (defaults: the company's ``orders`` table).
    order_col : str or None, default "order_id"
        Column identifying an order, so that several lines count as one order; None counts rows.
    cost_col : str, optional
        Cost column (``"cost_of_goods"``); adds ``gross_profit``.

    Returns
    -------
    DataFrame
        One row per customer with an order on or before ``as_of`` (index ``customer_col``, sorted),
        the columns of :data:`FEATURES` (and ``gross_profit``).

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame or a column has the wrong kind of values.
    ValueError
        If a column is missing, a value is missing, ``window_days`` < 1, or no order is dated on or
        before ``as_of``.

    References
    ----------
    .. [1] Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (recency, frequency,
       monetary value).

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "order_id": ["o1", "o2", "o3", "o4"],
    ...                     "order_date": pd.to_datetime(["2024-03-01", "2025-02-01", "2025-06-01", "2024-05-01"]),
    ...                     "net_revenue": [100.0, 60.0, 60.0, 80.0]})
    >>> customer_features(log, "2025-06-30").drop(columns="tenure_days")
                 recency_days  orders  revenue  revenue_previous  trend
    customer_id
    a                    29.0     2.0    120.0             100.0  0.545
    b                   425.0     0.0      0.0              80.0  0.000
    >>> customer_features(log, "2020-01-01")
    Traceback (most recent call last):
    ...
    ValueError: no order is dated on or before as_of 2020-01-01; the first is 2024-03-01
    """
    end = as_date(as_of, "as_of")
    window = check_positive_int(window_days, "window_days")
    frame = _order_level(transactions, customer_col, date_col, amount_col, order_col, cost_col)
    day = frame["date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    ago = (np.datetime64(end.date(), "D") - day).astype(np.int64)
    if not (ago >= 0).any():
        raise ValueError(f"no order is dated on or before as_of {end.date()}; the first is {frame['date'].min().date()}")
    keep = ago >= 0
    frame = frame.loc[keep].assign(ago=ago[keep])
    last = frame["ago"] < window
    prev = (frame["ago"] >= window) & (frame["ago"] < 2 * window)
    frame["in_last"] = np.where(last, frame["value"], 0.0)
    frame["in_prev"] = np.where(prev, frame["value"], 0.0)
    frame["margin"] = np.where(last, frame["value"] - frame["cost"], 0.0)
    frame["last_order"] = frame["order"].where(last)
    per = frame.groupby("customer", sort=True).agg(
        recency_days=("ago", "min"), tenure_days=("ago", "max"), orders=("last_order", "nunique"),
        revenue=("in_last", "sum"), revenue_previous=("in_prev", "sum"), gross_profit=("margin", "sum"),
    )
    both = per["revenue"] + per["revenue_previous"]
    per["trend"] = np.where(both > 0, per["revenue"] / both.where(both > 0, 1.0), 0.0).round(3)
    per = per.astype({"recency_days": float, "tenure_days": float, "orders": float})
    per.index.name = customer_col
    return per[[*FEATURES, *(["gross_profit"] if cost_col is not None else [])]]

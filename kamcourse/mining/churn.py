"""Churn defined honestly (客户流失): features before a cut-off date, the label after it.

In a business without contracts nobody announces that they leave; a customer has *churned* when she
stops ordering. To teach a model to see it coming, each training example must look like the moment
the model will be used: the firm stands on a **cut-off date**, knows the orders up to it, and waits to
see who orders again. :func:`churn_table` builds exactly that, so nothing from after the cut-off can
leak into the features; :func:`churn_panel` stacks several cut-offs, and a time-based split trains on
early cut-offs and tests on later ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, check_positive_int, check_transactions, require_columns
from .features import customer_features

__all__ = ["CHURN_INPUTS", "churn_table", "churn_panel", "churn_inputs"]

#: The model inputs of the lesson (:func:`churn_inputs`), in order.
CHURN_INPUTS: tuple[str, ...] = ("recency_log", "frequency_log", "monetary_log", "trend")


def churn_table(
    transactions: pd.DataFrame,
    cutoff: Any,
    horizon_days: int = 270,
    active_days: int = 365,
    observation_end: Any = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "net_revenue",
    order_col: str | None = "order_id",
    cost_col: str | None = "cost_of_goods",
) -> pd.DataFrame:
    """One row per active customer at a cut-off: features from before it, churn label from after it (流失标签).

    - **Who is in the table**: customers with an order in the ``active_days`` up to the cut-off
      (a customer silent for longer is already lost, not at risk).
    - **Features**: :func:`kamcourse.mining.customer_features` as of the cut-off (orders after it are
      not read), with the gross margin of the last 12 months when ``cost_col`` is given.
    - **Label** ``churned``: True when the customer places no order in the ``horizon_days`` after the
      cut-off. The default 270 days is the lifecycle rule of termination (终止期) in lesson 05.

    The label window must lie inside the data: a cut-off whose window runs past ``observation_end``
    raises, because a customer who simply has not ordered *yet* would be counted as lost.

    Parameters
    ----------
    transactions : DataFrame
        The order log (default columns: the company's ``orders`` table).
    cutoff : date-like
        The day the firm stands on.
    horizon_days : int, default 270
        How long a customer must stay silent after the cut-off to count as churned.
    active_days : int, default 365
        Customers with an order in this many days up to the cut-off are in the table.
    observation_end : date-like, optional
        Last day of the data; default the last order date in ``transactions``.
    customer_col, date_col, amount_col, order_col, cost_col : str
        Columns of ``transactions`` (``cost_col=None`` leaves out ``gross_profit``).

    Returns
    -------
    DataFrame
        Index ``customer_col``; the feature columns, ``gross_profit`` (with ``cost_col``) and the
        bool column ``churned``.

    Raises
    ------
    ValueError
        If ``cutoff + horizon_days`` is after ``observation_end``, a count is below 1, a column is
        missing, or no order is dated on or before the cut-off.

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "c"],
    ...                     "order_id": ["o1", "o2", "o3", "o4", "o5", "o6"],
    ...                     "order_date": pd.to_datetime(["2024-11-01", "2025-03-01", "2025-05-15", "2025-01-10",
    ...                                                   "2025-02-20", "2025-12-01"]),
    ...                     "net_revenue": [50.0, 70.0, 40.0, 30.0, 30.0, 10.0]})
    >>> churn_table(log, "2025-03-31", horizon_days=180, cost_col=None)[["recency_days", "orders", "churned"]]
                 recency_days  orders  churned
    customer_id
    a                    30.0     2.0    False
    b                    39.0     2.0     True
    >>> churn_table(log, "2025-09-30", horizon_days=180)
    Traceback (most recent call last):
    ...
    ValueError: the label window 2025-09-30 + 180 days ends on 2026-03-29, after observation_end 2025-12-01; ...
    """
    cut = as_date(cutoff, "cutoff")
    horizon = check_positive_int(horizon_days, "horizon_days")
    active = check_positive_int(active_days, "active_days")
    customers, dates, _ = check_transactions(transactions, customer_col, date_col)
    end = dates.max() if observation_end is None else as_date(observation_end, "observation_end")
    window_end = cut + pd.Timedelta(days=horizon)
    if window_end > end:
        raise ValueError(
            f"the label window {cut.date()} + {horizon} days ends on {window_end.date()}, after observation_end "
            f"{end.date()}; choose a cut-off at least {horizon} days before the end of the data"
        )
    past = transactions.loc[(dates <= cut).to_numpy()]
    features = customer_features(past, cut, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
                                 order_col=order_col, cost_col=cost_col)
    features = features[features["recency_days"] < active]
    after = ((dates > cut) & (dates <= window_end)).to_numpy()
    buyers = set(customers.to_numpy()[after])
    features["churned"] = ~features.index.isin(list(buyers))
    return features


def churn_panel(transactions: pd.DataFrame, cutoffs: Iterable[Any], **kwargs: Any) -> pd.DataFrame:
    """:func:`churn_table` at several cut-offs, stacked: more examples for a model (流失样本面板).

    A customer appears once per cut-off at which she is active. Train on the early cut-offs and test
    on the late ones (a time-based split): the test then asks what the model will be asked in use,
    to predict a future it has not seen. For a clean split, the training labels' windows should end
    before the first test cut-off.

    Parameters
    ----------
    transactions : DataFrame
        The order log.
    cutoffs : iterable of date-like
        The cut-off dates.
    **kwargs
        Passed to :func:`churn_table` (``horizon_days``, ``active_days``, column names ...).

    Returns
    -------
    DataFrame
        Index (``cutoff``, customer); the columns of :func:`churn_table`.

    Raises
    ------
    ValueError
        If ``cutoffs`` is empty or :func:`churn_table` raises for one of them.

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "order_id": ["o1", "o2", "o3", "o4"],
    ...                     "order_date": pd.to_datetime(["2024-01-10", "2024-06-10", "2024-12-01", "2024-02-01"]),
    ...                     "net_revenue": [10.0, 10.0, 10.0, 40.0]})
    >>> panel = churn_panel(log, ["2024-03-31", "2024-06-30"], horizon_days=180, observation_end="2024-12-31",
    ...                     cost_col=None)
    >>> panel["churned"]
    cutoff      customer_id
    2024-03-31  a              False
                b               True
    2024-06-30  a              False
                b               True
    Name: churned, dtype: bool
    """
    tables = {as_date(c, "cutoffs"): churn_table(transactions, c, **kwargs) for c in cutoffs}
    if not tables:
        raise ValueError("cutoffs is empty; give at least one cut-off date")
    return pd.concat(tables, names=["cutoff"])


def churn_inputs(table: pd.DataFrame) -> pd.DataFrame:
    """The churn model's inputs from a churn table: log recency, frequency, monetary value, and trend (模型输入).

    ``recency_log`` = log(1 + recency_days), ``frequency_log`` = log(1 + orders), ``monetary_log`` =
    log(1 + revenue), and ``trend`` as it is: counts and money are skewed, so their logarithms suit a
    logistic regression better (this kit's convention; a decision tree does not care).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`churn_table` or :func:`churn_panel`.

    Returns
    -------
    DataFrame
        Same index; the columns of :data:`CHURN_INPUTS`.

    Raises
    ------
    ValueError
        If a feature column is missing.

    Examples
    --------
    >>> t = pd.DataFrame({"recency_days": [0.0, 99.0], "orders": [3.0, 1.0], "revenue": [999.0, 9.0],
    ...                   "trend": [0.5, 0.1]})
    >>> churn_inputs(t).round(2)
       recency_log  frequency_log  monetary_log  trend
    0         0.00           1.39          6.91    0.5
    1         4.61           0.69          2.30    0.1
    """
    require_columns(table, ["recency_days", "orders", "revenue", "trend"], "table")
    return pd.DataFrame({
        "recency_log": np.log1p(table["recency_days"]), "frequency_log": np.log1p(table["orders"]),
        "monetary_log": np.log1p(table["revenue"]), "trend": table["trend"],
    }, index=table.index)

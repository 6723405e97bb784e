"""One customer over time (客户生命周期曲线): revenue per period, and the stage read on several dates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, check_choice, check_transactions
from .stages import classify_stages

__all__ = ["lifecycle_curve", "stage_history"]

_FREQ_ALIASES = {"M": "MS", "Q": "QS", "Y": "YS"}


def lifecycle_curve(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    customer: Any,
    *,
    freq: str = "Q",
    end: Any = None,
) -> pd.Series:
    """One customer's revenue per period over her life with the firm (客户生命周期曲线).

    Sums the customer's orders per month, quarter or year, from the period
    of her first order to ``end``, with 0 for periods without orders, so the
    shape (rise, plateau, fall) is visible.

    Parameters
    ----------
    transactions : DataFrame
        Orders; columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    customer : object
        The customer id to follow.
    freq : {"M", "Q", "Y"}
        Period length: month, quarter (default) or year.
    end : date-like, optional
        Last date shown; default the last order date in ``transactions``.

    Returns
    -------
    Series
        Revenue per period; the index holds each period's start date.

    Raises
    ------
    ValueError
        If the customer has no orders (close ids are suggested), ``freq`` is
        unknown, or the columns are missing/invalid.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer": ["a", "a", "a", "b"],
    ...     "date": pd.to_datetime(["2024-01-15", "2024-02-01", "2024-08-20", "2024-03-03"]),
    ...     "amount": [10.0, 5.0, 30.0, 7.0]})
    >>> lifecycle_curve(orders, "customer", "date", "amount", "a", end="2024-12-31").tolist()
    [15.0, 0.0, 30.0, 0.0]
    """
    check_choice(freq, "freq", _FREQ_ALIASES)
    customers, dates, amounts = check_transactions(transactions, customer_col, date_col, amount_col)
    mask = (customers == customer).to_numpy()
    if not mask.any():
        import difflib

        ids = {str(c).lower(): str(c) for c in pd.unique(customers)}
        close = [ids[c] for c in difflib.get_close_matches(str(customer).lower(), list(ids), n=3)]
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"customer {customer!r} has no orders in transactions{hint}")
    stop = dates.max() if end is None else as_date(end, "end")
    own = pd.Series(amounts.to_numpy()[mask], index=pd.DatetimeIndex(dates.to_numpy()[mask]))
    own = own[own.index <= stop]
    rule = _FREQ_ALIASES[freq]
    start = own.index.min() if len(own) else stop
    periods = pd.date_range(start.to_period(freq[0]).start_time, stop, freq=rule)
    if len(own):
        summed = own.groupby(own.index.to_period(freq[0]).start_time).sum()
    else:
        summed = pd.Series(dtype=float)
    curve = summed.reindex(periods, fill_value=0.0).astype(float)
    curve.index.name = "period"
    curve.name = amount_col
    return curve


def stage_history(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    dates: Iterable[Any],
    **rules: Any,
) -> pd.DataFrame:
    """Each customer's stage on each of several dates (生命周期阶段演变).

    Calls :func:`classify_stages` once per date (only the orders up to that
    date count), so a row reads like the customer's path through the stages.

    Parameters
    ----------
    transactions : DataFrame
        Orders; columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    dates : iterable of date-like
        The dates to read the stages on, in increasing order (e.g. quarter ends).
    **rules
        Threshold keywords passed on to :func:`classify_stages`.

    Returns
    -------
    DataFrame
        Index: customers; one column per date; values are stage keys, NaN
        before a customer's first order.

    Raises
    ------
    ValueError
        If ``dates`` is empty or not increasing, or as :func:`classify_stages`.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer": ["a"] * 4,
    ...     "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10"]),
    ...     "amount": [10.0, 30.0, 30.0, 30.0]})
    >>> h = stage_history(orders, "customer", "date", "amount", ["2022-06-30", "2023-06-30", "2025-06-30"])
    >>> h.loc["a"].tolist()
    ['exploration', 'formation', 'termination']
    """
    stamps = [as_date(d, "dates") for d in dates]
    if not stamps:
        raise ValueError("dates is empty; give at least one date to read the stages on")
    if any(b <= a for a, b in zip(stamps, stamps[1:])):
        raise ValueError("dates must be increasing (oldest first)")
    customers, order_dates, _ = check_transactions(transactions, customer_col, date_col, amount_col)
    everyone = pd.Index(sorted(pd.unique(customers)), name=customer_col)
    columns = {}
    first_order = order_dates.min()
    for stamp in stamps:
        if stamp < first_order:
            columns[stamp] = pd.Series(np.nan, index=everyone, dtype=object)
            continue
        stages = classify_stages(transactions, customer_col, date_col, amount_col, stamp, **rules)
        columns[stamp] = stages.astype(object).reindex(everyone)
    history = pd.DataFrame(columns)
    history.columns.name = "as_of"
    return history

"""Lifecycle stages (客户关系生命周期阶段) read from purchase history, and what each stage brings and costs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import (
    as_date,
    as_dates,
    as_numeric_series,
    by_customer,
    check_keys,
    check_number,
    check_positive_int,
    check_transactions,
)
from ..vocabulary import STAGE_RULES, STAGES

__all__ = ["STAGES", "classify_stages", "stage_summary"]


def _ratios(growth_ratio: Any, decline_ratio: Any) -> tuple[float, float]:
    """The growth and decline ratios, checked: 0 < decline < growth."""
    growth = check_number(growth_ratio, "growth_ratio")
    decline = check_number(decline_ratio, "decline_ratio")
    if not 0 < decline < growth:
        raise ValueError(
            f"need 0 < decline_ratio < growth_ratio, got decline_ratio={decline_ratio!r}, growth_ratio={growth_ratio!r}"
        )
    return growth, decline


def _first_order_days(first_orders: Any, end: pd.Timestamp) -> pd.Series:
    """Days from each customer's recorded first order to ``end`` (checked: a Series of dates, no NaT)."""
    if not isinstance(first_orders, pd.Series):
        raise TypeError(f"first_orders must be a Series of dates indexed by customer, got {type(first_orders).__name__}")
    dates = as_dates(first_orders, "first_orders")
    if dates.index.has_duplicates:
        raise ValueError(f"first_orders lists customer {dates.index[dates.index.duplicated()][0]!r} twice")
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    ago = (np.datetime64(end.date(), "D") - day).astype(np.int64)
    return pd.Series(ago, index=dates.index, dtype=float)


def _revenue_windows(
    customers: pd.Series, dates: pd.Series, amounts: pd.Series, end: pd.Timestamp, window_days: int
) -> pd.DataFrame:
    """Per customer, from the orders up to ``end``: tenure and silence in days, last and previous window's revenue."""
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    days_before = (np.datetime64(end.date(), "D") - day).astype(np.int64)
    keep = days_before >= 0
    if not keep.any():
        raise ValueError(f"no order is dated on or before as_of {end.date()}; the first is {dates.min().date()}")
    ago = days_before[keep]
    value = amounts.to_numpy()[keep]
    frame = pd.DataFrame(
        {
            "customer": customers.to_numpy()[keep],
            "ago": ago,
            "last12": np.where(ago < window_days, value, 0.0),
            "prev12": np.where((ago >= window_days) & (ago < 2 * window_days), value, 0.0),
        }
    )
    return frame.groupby("customer", sort=True).agg(
        tenure=("ago", "max"), silence=("ago", "min"), last12=("last12", "sum"), prev12=("prev12", "sum")
    )


def _censored(
    per: pd.DataFrame, first_orders: Any, first_date: pd.Timestamp, end: pd.Timestamp, data_start: Any, window_days: int
) -> np.ndarray:
    """Customers whose revenue trend is unknown (they bought before the records begin); extends ``per``'s tenure."""
    censored = np.zeros(len(per), dtype=bool)
    if first_orders is None:
        if data_start is not None:
            as_date(data_start, "data_start")
        return censored
    known = _first_order_days(first_orders, end).reindex(per.index).to_numpy(dtype=float)
    per["tenure"] = np.fmax(per["tenure"].to_numpy(dtype=float), known)
    start = first_date if data_start is None else as_date(data_start, "data_start")
    covered = (end - start.normalize()).days + 1  # days of records up to as_of
    if covered < 2 * window_days:
        censored = np.nan_to_num(known, nan=-1.0) >= covered  # bought before the records begin
    return censored


def classify_stages(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    as_of: Any,
    *,
    exploration_days: int = STAGE_RULES["exploration_max_tenure_days"],
    formation_days: int = STAGE_RULES["formation_max_tenure_days"],
    termination_days: int = STAGE_RULES["termination_min_recency_days"],
    window_days: int = 365,
    growth_ratio: float = STAGE_RULES["formation_min_growth"],
    decline_ratio: float = STAGE_RULES["decline_max_ratio"],
    first_orders: pd.Series | None = None,
    data_start: Any = None,
) -> pd.Series:
    """Each customer's lifecycle stage on a date, from her orders (客户生命周期阶段划分).

    With ``last12`` = revenue in the ``window_days`` (365) days up to and
    including ``as_of`` and ``prev12`` = revenue in the 365 days before
    those, and the customer's tenure = days since her first order, the first
    rule that applies wins:

    1. **termination** (终止期): no order in the last ``termination_days`` (270) days;
    2. **exploration** (考察期): tenure at most ``exploration_days`` (273, about 9 months);
    3. **decline** (退化期): ``last12 < decline_ratio × prev12`` (0.75: revenue
       down by more than a quarter; the customer still orders, or rule 1 applies);
    4. **formation** (形成期): tenure at most ``formation_days`` (913, about
       30 months), or ``last12 >= growth_ratio × prev12`` (1.3: still growing fast);
    5. **stability** (稳定期): the rest: an older customer whose revenue stays
       within [0.75, 1.3) of the year before.

    Only orders on or before ``as_of`` count, so the function also answers
    "which stage was this customer in on a past date?". The stage names are
    the Chinese textbooks' (jidianwang; course materials); the thresholds are
    this kit's convention, the same the kit's data generator builds its
    customers to fit at 2025-12-31 (:data:`kamcourse.vocabulary.STAGE_RULES`).

    Parameters
    ----------
    transactions : DataFrame
        One row per order (line); columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    as_of : date-like
        The date the stages are read on.
    exploration_days, formation_days, termination_days, window_days : int
        Rule thresholds in days (see above).
    growth_ratio, decline_ratio : float
        Year-on-year revenue ratios marking growth and decline (0 < decline < growth).
    first_orders : Series, optional
        First order date per customer (e.g. ``customers["first_order_date"]``
        indexed by customer id), for customers who bought before the order
        records begin; tenure counts from the earlier of this date and the
        first order in ``transactions``. For such a customer, while the
        records do not yet cover both 365-day windows, her revenue trend is
        unknown: she is taken as formation (tenure up to ``formation_days``)
        or stability (older), unless rule 1 (termination) applies -- this
        kit's convention for histories that start before the records do.
    data_start : date-like, optional
        First day of the order records (default: the first order date in
        ``transactions``); used only with ``first_orders``.

    Returns
    -------
    Series
        Index: customers with at least one order on or before ``as_of``
        (sorted); values: stage keys (an ordered categorical over
        :data:`STAGES`); name ``stage``.

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame or the dates are numbers.
    ValueError
        If a column is missing (the present ones are listed), a value is
        NaN/NaT, a threshold is out of range, or no order is on or before ``as_of``.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "customer": ["new", "grow", "grow", "old", "old", "old", "down", "down", "gone"],
    ...     "date": pd.to_datetime(["2025-06-01", "2024-03-01", "2025-09-01", "2021-05-01",
    ...                             "2024-10-01", "2025-10-01", "2024-06-01", "2025-08-01", "2024-01-10"]),
    ...     "amount": [10, 50, 120, 80, 100, 100, 200, 40, 90]})
    >>> classify_stages(orders, "customer", "date", "amount", as_of="2025-12-31").to_dict()
    {'down': 'decline', 'gone': 'termination', 'grow': 'formation', 'new': 'exploration', 'old': 'stability'}
    """
    customers, dates, amounts = check_transactions(transactions, customer_col, date_col, amount_col)
    end = as_date(as_of, "as_of").normalize()
    exploration_days, formation_days, termination_days, window_days = (
        check_positive_int(v, k) for k, v in (("exploration_days", exploration_days), ("formation_days", formation_days),
                                              ("termination_days", termination_days), ("window_days", window_days))
    )
    growth, decline = _ratios(growth_ratio, decline_ratio)
    per = _revenue_windows(customers, dates, amounts, end, window_days)
    censored = _censored(per, first_orders, dates.min(), end, data_start, window_days)
    terminated = per["silence"] >= termination_days
    exploring = per["tenure"] <= exploration_days
    declining = (per["last12"] < decline * per["prev12"]) & ~censored
    young = per["tenure"] <= formation_days
    growing = (per["last12"] >= growth * per["prev12"]) & ~censored
    stage = np.select(
        [terminated, exploring, declining, young | growing],
        ["termination", "exploration", "decline", "formation"],
        default="stability",
    )
    return pd.Series(
        pd.Categorical(stage, categories=list(STAGES), ordered=True), index=per.index.rename(customer_col), name="stage"
    )


def stage_summary(stages: pd.Series, metrics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers and money by lifecycle stage (各阶段的投入与产出).

    Counts customers per stage and, for each numeric column of ``metrics``
    (e.g. revenue, profit, cost to serve, the firm's investment), its total
    and its average per customer. The course materials state that the firm
    invests most early in the relationship and that profit peaks in the
    stability stage; this table lets students check that on data.

    Parameters
    ----------
    stages : Series
        Stage key per customer (from :func:`classify_stages`).
    metrics : DataFrame, optional
        One row per customer (index = customer id), numeric columns. Every
        customer in ``stages`` must have a row; NaN raises.

    Returns
    -------
    DataFrame
        Index: the five :data:`STAGES` in order (stages without customers
        show 0). Columns ``customers``, ``customer_share``, then per metric
        ``<metric>`` (total) and ``<metric>_per_customer``.

    Raises
    ------
    TypeError
        If ``stages`` is not a Series or a metric column is not numeric.
    ValueError
        If a stage key is unknown, a customer lacks metrics, or a value is NaN.

    Examples
    --------
    >>> stages = pd.Series(["exploration", "stability", "stability", "decline"], index=list("abcd"))
    >>> metrics = pd.DataFrame({"profit": [-5.0, 40.0, 60.0, 10.0]}, index=list("abcd"))
    >>> stage_summary(stages, metrics)
                 customers  customer_share  profit  profit_per_customer
    stage
    exploration          1            0.25    -5.0                 -5.0
    formation            0            0.00     0.0                  0.0
    stability            2            0.50   100.0                 50.0
    decline              1            0.25    10.0                 10.0
    termination          0            0.00     0.0                  0.0
    """
    keys = check_keys(by_customer(stages, "stages"), "stages", STAGES, "stage")
    index = pd.Index(list(STAGES), name="stage")
    counts = keys.value_counts().reindex(index, fill_value=0).astype(int)
    out = pd.DataFrame({"customers": counts, "customer_share": counts / max(len(keys), 1)}, index=index)
    if metrics is None:
        return out
    if not isinstance(metrics, pd.DataFrame):
        raise TypeError(f"metrics must be a DataFrame (one row per customer), got {type(metrics).__name__}")
    missing = keys.index.difference(metrics.index)
    if len(missing):
        raise ValueError(
            f"metrics has no row for {len(missing)} customer(s) in stages, e.g. {missing[0]!r}; "
            "give every customer a row (fill 0 where there is nothing)"
        )
    rows = metrics.loc[keys.index]
    for col in metrics.columns:
        values = as_numeric_series(rows[col], f"metrics[{col!r}]")
        total = values.groupby(keys.to_numpy()).sum().reindex(index, fill_value=0.0)
        out[col] = total.to_numpy()
        per_customer = np.where(counts > 0, total / counts.clip(lower=1), 0.0)
        out[f"{col}_per_customer"] = per_customer
    return out

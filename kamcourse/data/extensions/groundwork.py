"""What the keeping-customers extensions read from the core tables (维护与服务数据的基础): tiers, hand-overs, repurchase.

Lessons 12 and 13 add six extensions (contact history, service details, lost-opportunity reasons, the
loyalty programme, communications, retention campaigns). They share a few readings of the finished core
tables, kept here so every extension reads them the same way and the lessons' functions find them again:
the customer's A/B/C tier (the rule of :func:`kamcourse.accounts.abc_classes` on five years' revenue), the
accounts that changed hands when a salesperson left, and a customer's revenue before and after an event.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["revenue_tiers", "handovers", "revenue_around", "history_start"]


def revenue_tiers(orders: pd.DataFrame, cutoffs: tuple[float, float] = (0.8, 0.95)) -> pd.Series:
    """Each customer's A/B/C tier (客户分级) by cumulative share of net revenue over all the orders.

    Customers sorted by revenue (largest first, ties by id); a customer is ``A`` while the revenue of
    the customers before her is below 80 % of the total, ``B`` below 95 %, else ``C``: the rule of
    :func:`kamcourse.accounts.abc_classes` (course materials: A/B/C customer grading; the cut-offs are
    this kit's convention).

    Parameters
    ----------
    orders : DataFrame
        Columns ``customer_id`` and ``net_revenue``.
    cutoffs : tuple of float
        Cumulative shares closing tier A and tier B.

    Returns
    -------
    Series
        ``"A"``/``"B"``/``"C"`` by customer id (sorted index), name ``tier``.

    Raises
    ------
    ValueError
        If ``orders`` lacks a column.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["a", "b", "c", "c"], "net_revenue": [80.0, 15.0, 3.0, 2.0]})
    >>> revenue_tiers(o).tolist()
    ['A', 'B', 'C']
    """
    missing = {"customer_id", "net_revenue"} - set(orders.columns)
    if missing:
        raise ValueError(f"orders is missing column(s) {sorted(missing)}")
    rev = orders.groupby("customer_id")["net_revenue"].sum().sort_index()
    order = np.lexsort((np.arange(len(rev)), -rev.to_numpy()))
    ranked = rev.iloc[order]
    before = (ranked.cumsum() - ranked) / ranked.sum()
    tier = np.where(before < cutoffs[0] - 1e-12, "A", np.where(before < cutoffs[1] - 1e-12, "B", "C"))
    return pd.Series(tier, index=ranked.index, name="tier").sort_index()


def history_start(end: pd.Timestamp, years: int = 2) -> pd.Timestamp:
    """First day of the contact history the extensions write: 1 January, ``years`` calendar years up to ``end``.

    Examples
    --------
    >>> history_start(pd.Timestamp("2025-12-31"))
    Timestamp('2024-01-01 00:00:00')
    """
    return pd.Timestamp(year=end.year - years + 1, month=1, day=1)


def handovers(tables: Mapping[str, pd.DataFrame], since: pd.Timestamp) -> pd.DataFrame:
    """Accounts that changed hands because their salesperson left on or after ``since`` (客户交接).

    An account belonged to a leaver when he created its last opportunity before leaving; the successor
    is the account's manager now (``customers.account_manager_id``). When the manager now is the leaver
    himself, nobody took the account over (the runaway-horse account).

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The core tables ``staff``, ``customers`` and ``opportunities``.
    since : Timestamp
        Only salespeople who left on or after this day.

    Returns
    -------
    DataFrame
        One row per handed-over account: ``customer_id, leaver_id, leave_date, successor_id``
        (``successor_id`` equals ``leaver_id`` when nobody took it over).

    Examples
    --------
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2"], "role": ["sales", "sales"],
    ...                       "leave_date": pd.to_datetime(["2024-05-01", None])})
    >>> customers = pd.DataFrame({"customer_id": ["C1", "C2"], "account_manager_id": ["S2", "S2"]})
    >>> opps = pd.DataFrame({"customer_id": ["C1", "C2"], "staff_id": ["S1", "S2"],
    ...                      "created_date": pd.to_datetime(["2024-01-10", "2024-02-01"])})
    >>> handovers({"staff": staff, "customers": customers, "opportunities": opps}, pd.Timestamp("2024-01-01"))
      customer_id leaver_id leave_date successor_id
    0          C1        S1 2024-05-01           S2
    """
    staff = tables["staff"]
    leavers = staff[(staff["role"] == "sales") & (staff["leave_date"] >= since)].set_index("staff_id")["leave_date"]
    opps = tables["opportunities"].sort_values(["customer_id", "created_date"], kind="stable")
    manager_now = tables["customers"].set_index("customer_id")["account_manager_id"]
    rows = []
    for leaver, day in leavers.items():
        before = opps[opps["created_date"] <= day]
        last = before.groupby("customer_id")["staff_id"].last()
        for cust in sorted(last.index[last == leaver]):
            rows.append((cust, leaver, day, manager_now.get(cust, leaver)))
    return pd.DataFrame(rows, columns=["customer_id", "leaver_id", "leave_date", "successor_id"])


def revenue_around(
    orders: pd.DataFrame, customer_ids: np.ndarray, opened: np.ndarray, closed: np.ndarray, days: int,
    end: pd.Timestamp,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A customer's net revenue in the ``days`` days before an event opened and after it closed.

    ``before`` sums the orders dated in (opened - days, opened], ``after`` those in (closed, closed + days].

    Parameters
    ----------
    orders : DataFrame
        Columns ``customer_id``, ``order_date`` and ``net_revenue``.
    customer_ids, opened, closed : array-like
        One customer, one opening day and one closing day per event (e.g. a complaint).
    days : int
        Length of each window.
    end : Timestamp
        Last day of the data: an ``after`` window reaching past it cannot be seen in full.

    Returns
    -------
    tuple of numpy arrays
        ``before``, ``after`` (floats) and ``observable`` (bool: ``closed + days <= end``).

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "a"], "net_revenue": [10.0, 5.0, 7.0],
    ...                   "order_date": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-12-01"])})
    >>> revenue_around(o, ["a"], pd.to_datetime(["2025-02-01"]), pd.to_datetime(["2025-02-10"]), 90,
    ...                pd.Timestamp("2025-12-31"))
    (array([10.]), array([5.]), array([ True]))
    """
    ids = np.asarray(customer_ids)
    opened = pd.to_datetime(pd.Series(opened)).to_numpy()
    closed = pd.to_datetime(pd.Series(closed)).to_numpy()
    width = np.timedelta64(days, "D")
    before, after = np.zeros(len(ids)), np.zeros(len(ids))
    for cust, g in orders.groupby("customer_id"):
        sel = np.flatnonzero(ids == cust)
        if len(sel) == 0:
            continue
        g = g.sort_values("order_date", kind="stable")
        day = g["order_date"].to_numpy()
        cum = np.concatenate([[0.0], np.cumsum(g["net_revenue"].to_numpy(dtype=float))])
        o, c = opened[sel], closed[sel]
        before[sel] = cum[np.searchsorted(day, o, side="right")] - cum[np.searchsorted(day, o - width, side="right")]
        after[sel] = cum[np.searchsorted(day, c + width, side="right")] - cum[np.searchsorted(day, c, side="right")]
    observable = closed + width <= np.datetime64(end)
    return before, after, observable

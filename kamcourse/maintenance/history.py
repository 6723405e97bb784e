"""What the contact history shows (客户接触记录): touches counted, compared with the plan, and the silences.

A plan says what should happen; the activities the account managers logged in the CRM system say what
did. Counting the touches per account, setting them beside the plan and finding the longest stretch
without any contact show where maintenance broke down: neglected key accounts, accounts left alone when
their salesperson left, lost customers nobody called, small accounts visited far beyond their value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_dates, as_period, check_keys, require_columns
from ..vocabulary import TOUCH_KINDS
from .plan import plan_hours

__all__ = ["PLAN_STATUS", "touch_counts", "plan_vs_actual", "longest_silence"]

#: Status of an account against its plan (this kit's convention): below half the planned hours, above
#: one and a half times, or in between.
PLAN_STATUS: tuple[str, ...] = ("under_served", "on_plan", "over_served")


def _activities_between(activities: pd.DataFrame, start: object, end: object) -> tuple[pd.DataFrame, pd.Timestamp,
                                                                                        pd.Timestamp]:
    require_columns(activities, ["customer_id", "activity_date", "kind"], "activities")
    lo, hi = as_period(start, end)
    days = as_dates(activities["activity_date"], "activities['activity_date']")
    check_keys(activities["kind"], "activities['kind']", TOUCH_KINDS, "touch")
    return activities[(days >= lo) & (days <= hi)], lo, hi


def touch_counts(activities: pd.DataFrame, start: object, end: object, customers: pd.Index | None = None
                 ) -> pd.DataFrame:
    """How many touches of each kind every account got between two dates (接触次数).

    Parameters
    ----------
    activities : DataFrame
        The contact history: ``customer_id``, ``activity_date``, ``kind`` (visit, call, greeting, review_meeting).
    start, end : date-like
        First and last day counted (both included).
    customers : Index, optional
        The accounts to report (an account without touches gets zeros); default those with touches.

    Returns
    -------
    DataFrame
        One row per customer, one column per touch (counts, floats so it can be set beside a plan).

    Raises
    ------
    ValueError
        If a column is missing, a kind is unknown or ``end`` is before ``start``.

    Examples
    --------
    >>> acts = pd.DataFrame({"customer_id": ["c1", "c1", "c2"], "kind": ["visit", "call", "call"],
    ...                      "activity_date": ["2025-02-01", "2025-03-01", "2024-05-01"]})
    >>> touch_counts(acts, "2025-01-01", "2025-12-31", customers=pd.Index(["c1", "c2"]))
        visit  call  greeting  review_meeting
    c1    1.0   1.0       0.0             0.0
    c2    0.0   0.0       0.0             0.0
    """
    inside, _, _ = _activities_between(activities, start, end)
    counts = pd.crosstab(inside["customer_id"], inside["kind"]).reindex(columns=list(TOUCH_KINDS), fill_value=0)
    if customers is not None:
        counts = counts.reindex(pd.Index(customers), fill_value=0)
    counts.index.name = None
    counts.columns.name = None
    return counts.astype(float)


def plan_vs_actual(plan: pd.DataFrame, actual: pd.DataFrame, hours: pd.Series | None = None,
                   low: float = 0.5, high: float = 1.5) -> pd.DataFrame:
    """Each account's planned and actual contact, in hours of the account team, and its status.

    ``coverage = actual hours ÷ planned hours``; ``under_served`` below ``low``, ``over_served`` above
    ``high``, else ``on_plan`` (an account with nothing planned is ``over_served`` when it got any
    touch). Source: this kit's convention.

    Parameters
    ----------
    plan : DataFrame
        Planned touches per customer (:func:`~kamcourse.maintenance.contact_plan` or
        :func:`~kamcourse.maintenance.fit_to_capacity`).
    actual : DataFrame
        Touches per customer over one year (:func:`touch_counts`); accounts missing here count as zero.
    hours : Series, optional
        Hours per touch; default :data:`kamcourse.maintenance.TOUCH_HOURS`.
    low, high : float
        Coverage limits of ``on_plan``.

    Returns
    -------
    DataFrame
        One row per planned customer: ``planned_hours``, ``actual_hours``, ``coverage``, ``status``, and
        ``tier``/``stage`` when the plan has them.

    Raises
    ------
    ValueError
        If a touch column is missing or holds a negative number.

    Examples
    --------
    >>> plan = pd.DataFrame({"visit": [6.0, 1.0], "call": [12.0, 4.0], "greeting": [3.0, 2.0],
    ...                      "review_meeting": [2.0, 0.0]}, index=["c1", "c2"])
    >>> actual = pd.DataFrame({"visit": [1.0, 6.0], "call": [4.0, 4.0], "greeting": [2.0, 2.0],
    ...                        "review_meeting": [0.0, 0.0]}, index=["c1", "c2"])
    >>> plan_vs_actual(plan, actual)[["planned_hours", "actual_hours", "coverage", "status"]]
        planned_hours  actual_hours  coverage        status
    c1          78.75          10.5    0.1333  under_served
    c2          10.50          50.5    4.8095  over_served
    """
    planned = plan_hours(plan, hours)
    done = plan_hours(actual.reindex(plan.index, fill_value=0.0), hours)
    coverage = (done / planned.replace(0.0, np.nan)).round(4)
    status = np.select([coverage < low, coverage > high], ["under_served", "over_served"], "on_plan")
    status = np.where(planned == 0, np.where(done > 0, "over_served", "on_plan"), status)
    out = pd.DataFrame({"planned_hours": planned, "actual_hours": done, "coverage": coverage, "status": status})
    for col in ("stage", "tier"):
        if col in plan.columns:
            out.insert(0, col, plan[col])
    return out


def longest_silence(activities: pd.DataFrame, start: object, end: object, customers: pd.Index | None = None,
                    since: pd.Series | None = None) -> pd.DataFrame:
    """The longest stretch without any touch for each account between two dates (最长未接触天数).

    The stretches are: ``start`` to the first touch, between two touches, the last touch to ``end``.
    An account without any touch is silent for the whole period.

    Parameters
    ----------
    activities : DataFrame
        ``customer_id``, ``activity_date``, ``kind``.
    start, end : date-like
        The period looked at (both included).
    customers : Index, optional
        Accounts to report; default those with touches.
    since : Series, optional
        A first day per customer (e.g. her first order): her period starts at the later of ``start``
        and this day, so a new customer is not silent before she was one.

    Returns
    -------
    DataFrame
        ``silent_days`` (length of the longest stretch), ``silent_from`` and ``silent_to`` (its ends), one
        row per customer, longest first.

    Raises
    ------
    ValueError
        If a column is missing, a kind is unknown or ``end`` is before ``start``.

    Examples
    --------
    >>> acts = pd.DataFrame({"customer_id": ["c1", "c1"], "kind": ["call", "visit"],
    ...                      "activity_date": ["2025-01-10", "2025-06-30"]})
    >>> longest_silence(acts, "2025-01-01", "2025-12-31", customers=pd.Index(["c1", "c2"]))
        silent_days silent_from  silent_to
    c2          365  2025-01-01 2025-12-31
    c1          184  2025-06-30 2025-12-31
    """
    inside, lo, hi = _activities_between(activities, start, end)
    days = as_dates(inside["activity_date"], "activities['activity_date']")
    ids = pd.Index(sorted(set(inside["customer_id"]))) if customers is None else pd.Index(customers)
    first = pd.Series(lo, index=ids) if since is None else as_dates(
        pd.Series(since).reindex(ids), "since", allow_missing=True).fillna(lo).clip(lower=lo)
    rows = []
    for cust in ids:
        touch = np.sort(days[inside["customer_id"] == cust].unique())
        touch = touch[touch >= first[cust]]
        edges = np.concatenate([[np.datetime64(first[cust])], touch.astype("datetime64[ns]"), [np.datetime64(hi)]])
        gaps = np.diff(edges).astype("timedelta64[D]").astype(int)
        k = int(np.argmax(gaps))
        rows.append((cust, int(gaps[k]) + (1 if len(touch) == 0 else 0), pd.Timestamp(edges[k]), pd.Timestamp(edges[k + 1])))
    out = pd.DataFrame(rows, columns=["customer_id", "silent_days", "silent_from", "silent_to"]).set_index("customer_id")
    out.index.name = None
    return out.sort_values("silent_days", ascending=False, kind="stable")

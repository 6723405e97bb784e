"""The figures of the statistics pages, computed from the records a user may see (统计内容).

Each function takes the user's visible querysets and returns plain pandas
tables, computed with the kit's own analysis functions where they exist
(``kamcourse.development.pipeline_stages`` and ``pipeline_summary``,
``kamcourse.accounts.pareto_table``, ``kamcourse.cases.complaint_relay.handoff_table``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.db.models import Count, Sum
from django.utils import timezone

__all__ = ["customer_counts", "revenue_by_customer", "pipeline_tables", "service_tables", "revenue_by_month"]


def customer_counts(customers) -> dict[str, pd.Series]:
    """Customers by industry, region, size and grade (客户统计).

    Examples
    --------
    >>> from kamcourse.practice.web.customers.models import Customer
    >>> sorted(customer_counts(Customer.objects.none()))
    ['grade', 'industry', 'region', 'size_band']
    """
    out = {}
    for field in ("industry", "region", "size_band", "grade"):
        rows = customers.values(field).annotate(n=Count("pk")).order_by("-n", field)
        out[field] = pd.Series({r[field] or "-": r["n"] for r in rows}, dtype="int64", name=field)
    return out


def revenue_by_customer(orders, days: int = 365, today: dt.date | None = None) -> pd.Series:
    """Net order amount per customer over the last ``days`` days (for the Pareto curve).

    Examples
    --------
    >>> from kamcourse.practice.web.sales.models import SalesOrder
    >>> revenue_by_customer(SalesOrder.objects.none()).empty
    True
    """
    today = today or timezone.localdate()
    rows = (orders.exclude(status="cancelled").filter(order_date__gt=today - dt.timedelta(days=days))
            .values("customer_id").annotate(total=Sum("amount")))
    return pd.Series({r["customer_id"]: float(r["total"]) for r in rows}, dtype="float64", name="revenue")


def revenue_by_month(orders, months: int = 12, today: dt.date | None = None) -> pd.Series:
    """Order amount per calendar month, the last ``months`` months (业务统计).

    Examples
    --------
    >>> from kamcourse.practice.web.sales.models import SalesOrder
    >>> len(revenue_by_month(SalesOrder.objects.none(), months=3, today=dt.date(2025, 12, 31)))
    3
    """
    today = today or timezone.localdate()
    index = pd.period_range(end=pd.Period(today, "M"), periods=months, freq="M")
    start = index[0].start_time.date()
    rows = orders.exclude(status="cancelled").filter(order_date__gte=start).values_list("order_date", "amount")
    frame = pd.DataFrame(list(rows), columns=["order_date", "amount"])
    if frame.empty:
        return pd.Series(0.0, index=index.astype(str), name="revenue")
    months_of = pd.to_datetime(frame["order_date"]).dt.to_period("M")
    totals = frame["amount"].astype(float).groupby(months_of).sum()
    return totals.reindex(index, fill_value=0.0).rename(index=str).rename("revenue")


def pipeline_tables(opportunities) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Stage conversion and win-rate summary of the visible opportunities (业务机会统计).

    Returns ``(stages, summary)``; either is None when there is nothing to count.

    Examples
    --------
    >>> from kamcourse.practice.web.sales.models import Opportunity
    >>> pipeline_tables(Opportunity.objects.none())
    (None, None)
    """
    from kamcourse import development

    rows = opportunities.values("stage", "furthest_stage", "amount", "created_date", "close_date")
    frame = pd.DataFrame(list(rows), columns=["stage", "furthest_stage", "amount", "created_date", "close_date"])
    if frame.empty:
        return None, None
    frame["amount"] = frame["amount"].astype(float)
    frame["won"] = frame["stage"] == "closed_won"
    for col in ("created_date", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    try:
        stages = development.pipeline_stages(frame)
    except ValueError:  # nothing closed yet
        stages = None
    return stages, development.pipeline_summary(frame)


def service_tables(requests, now: dt.datetime | None = None) -> dict[str, object]:
    """Service requests by type and priority, targets met, and the hand-off table (服务统计).

    Examples
    --------
    >>> from kamcourse.practice.web.service.models import ServiceRequest
    >>> service_tables(ServiceRequest.objects.none())["requests"]
    0
    """
    from kamcourse.cases import complaint_relay

    from ..service.targets import target_status

    now = now or timezone.now()
    rows = list(requests.values("type", "priority", "status", "opened_at", "first_response_at", "closed_at",
                                "handoffs", "satisfaction_after"))
    out: dict[str, object] = {"requests": len(rows)}
    if not rows:
        return out
    frame = pd.DataFrame(rows)
    out["by_type"] = frame.groupby("type").size().sort_values(ascending=False)
    out["by_priority"] = frame.groupby(["priority", "status"]).size().unstack(fill_value=0)
    closed = frame[frame["status"] == "closed"]
    if len(closed):
        met = [not any(x == "resolution_late" for x in target_status(r.priority, r.opened_at, r.first_response_at,
                                                                  r.closed_at, now)) for r in closed.itertuples()]
        out["closed_within_target"] = sum(met) / len(met)
        out["mean_satisfaction"] = float(closed["satisfaction_after"].dropna().mean())
        data = pd.DataFrame({"type": closed["type"], "opened_date": closed["opened_at"].dt.tz_convert(None).dt.normalize(),
                             "closed_date": closed["closed_at"].dt.tz_convert(None).dt.normalize(),
                             "handoffs": closed["handoffs"], "satisfaction_after": closed["satisfaction_after"]})
        try:
            out["handoffs"] = complaint_relay.handoff_table(data, kind="complaint", max_handoffs=4, dropna=True)
        except ValueError:  # no closed complaint with a satisfaction score
            pass
    return out

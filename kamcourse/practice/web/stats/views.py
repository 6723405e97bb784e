"""The three statistics pages (9.1 客户统计, 9.2 业务统计, 9.3 服务统计).

Each page needs the view permission of what it counts and counts only the
records the user may see (a sales representative: their own accounts). The
figures are recomputed at most every :data:`FRESH_SECONDS` seconds per view
of the data (a whole class opening the page at once costs one computation).
"""

from __future__ import annotations

import hashlib

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kamcourse import i18n

from ..accounts.roles import role_of
from ..accounts.scope import sees_everything, visible
from ..customers.models import Customer
from ..sales.models import Opportunity, SalesOrder
from ..service.models import REQUEST_STATUSES, ServiceRequest
from . import queries
from .figures import svg

__all__ = ["customers", "business", "service", "FRESH_SECONDS"]

#: Seconds a page's figures are kept before they are computed again (a class hitting the page at once).
FRESH_SECONDS = 30


def _need(request, perm: str) -> None:
    if not request.user.is_staff or not request.user.has_perm(perm):
        raise PermissionDenied


def _language() -> str:
    return (get_language() or "en").lower()


def _label(key) -> str:
    try:
        return i18n.label(str(key), "zh" if _language().startswith("zh") else "en")
    except KeyError:
        return str(key)


def _rows(series) -> list[tuple[str, object]]:
    return [(_label(k), v) for k, v in series.items()]


def _page(request, template: str, title: str, **context):
    return render(request, template, {**admin.site.each_context(request), "title": title, "fresh": FRESH_SECONDS,
                                      **context})


def _cached(request, page: str, compute):
    """The page's figures for this user's view of the data, computed at most every FRESH_SECONDS."""
    scope = "all" if sees_everything(request.user) else f"{role_of(request.user)}-{request.user.pk}"
    perms = hashlib.sha256(repr(sorted(request.user.get_all_permissions())).encode()).hexdigest()[:16]
    key = f"crm-stats-{page}-{scope}-{_language()}-{perms}"
    context = cache.get(key)
    if context is None:
        context = compute()
        cache.set(key, context, FRESH_SECONDS)
    return context


@login_required
def customers(request):
    """Customer statistics: counts by category; revenue concentration if the user may see orders.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/stats/customers/").status_code  # not logged in: sent to the login page
    302
    """
    _need(request, "customers.view_customer")
    context = _cached(request, "customers", lambda: _customers(request))
    return _page(request, "stats/customers.html", _("Customer statistics"), **context)


def _customers(request) -> dict:
    mine = visible(Customer.objects.all(), request.user)
    counts = queries.customer_counts(mine)
    context = {"total": mine.count(), "tables": [(_("by industry"), _rows(counts["industry"])),
                                                 (_("by region"), _rows(counts["region"])),
                                                 (_("by size"), _rows(counts["size_band"])),
                                                 (_("by grade"), list(counts["grade"].items()))]}
    if request.user.has_perm("sales.view_salesorder"):
        from kamcourse import accounts, viz

        revenue = queries.revenue_by_customer(visible(SalesOrder.objects.all(), request.user))
        revenue = revenue[revenue > 0]
        if len(revenue) >= 2:
            context["figure"] = svg(viz.plot_pareto, revenue)
            context["top20"] = f"{accounts.top_share(revenue, 0.2):.1%}"
    return context


@login_required
def business(request):
    """Business statistics: pipeline conversion, win rate, order amounts by month.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/stats/business/").status_code
    302
    """
    _need(request, "sales.view_opportunity")
    context = _cached(request, "business", lambda: _business(request))
    return _page(request, "stats/business.html", _("Business statistics"), **context)


def _business(request) -> dict:
    opps = visible(Opportunity.objects.all(), request.user)
    stages, summary = queries.pipeline_tables(opps)
    context = {"open": opps.open().count(), "warnings": opps.in_warning().count()}
    if stages is not None:
        from kamcourse import viz

        context["figure"] = svg(viz.plot_pipeline, stages)
    if summary is not None:
        row = summary.iloc[0]
        context["summary"] = [(_("opportunities"), int(row["opportunities"])), (_("closed"), int(row["closed"])),
                              (_("won"), int(row["won"])),
                              (_("win rate"), f"{row['win_rate']:.1%}" if row["closed"] else "-"),
                              (_("median days to win"), row["cycle_days_won"])]
    if request.user.has_perm("sales.view_salesorder"):
        context["months"] = list(queries.revenue_by_month(visible(SalesOrder.objects.all(), request.user)).items())
    return context


@login_required
def service(request):
    """Service statistics: requests by type and priority, targets met, complaints by hand-offs.

    Examples
    --------
    >>> from django.test import Client
    >>> Client().get("/stats/service/").status_code
    302
    """
    _need(request, "service.view_servicerequest")
    context = _cached(request, "service", lambda: _service(request))
    return _page(request, "stats/service.html", _("Service statistics"), **context)


def _service(request) -> dict:
    tables = queries.service_tables(visible(ServiceRequest.objects.all(), request.user))
    context = {"requests": tables["requests"]}
    if "by_type" in tables:
        context["by_type"] = _rows(tables["by_type"])
        by_priority = tables["by_priority"]
        names = dict(REQUEST_STATUSES)
        context["status_columns"] = [names.get(c, c) for c in by_priority.columns]
        context["by_priority"] = [(_label(p), list(row)) for p, row in by_priority.iterrows()]
    if "closed_within_target" in tables:
        context["closed_within_target"] = f"{tables['closed_within_target']:.1%}"
        context["mean_satisfaction"] = f"{tables['mean_satisfaction']:.2f}"
    if "handoffs" in tables:
        from kamcourse import viz

        context["figure"] = svg(viz.complaint_handoffs, tables["handoffs"])
    return context

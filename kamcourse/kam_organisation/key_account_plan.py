"""The key-account plan (大客户计划): a one-page joint business plan for one account, built from the CRM records.

The course materials ask that each key account have its plan, tied to the firm's marketing and business
plans (大客户计划要与整个企业的市场计划与业务计划相衔接, 第四章 大客户管理(一) 四). A one-page plan here
has five parts: where the account stands (history), objectives with KPIs and targets, the value
proposition (客户让渡价值 of our offer against the competitor's), the relationship plan by contact, and
the risks. The numbers come from the records; the objectives, targets and value estimates are the
planner's, and the page says which is which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..validation import as_date, company_tables, require_columns
from .contact_plan import relationship_plan
from .kpis import kam_kpis, kpi_status

__all__ = ["ACCOUNT_RISKS", "AccountPlan", "account_history", "account_risks", "account_plan"]

#: The risks a plan checks, with the rule that flags each (this kit's thresholds).
ACCOUNT_RISKS: tuple[str, ...] = (
    "dependence_risk", "single_threaded", "decider_not_met", "holder_left", "revenue_decline", "loss_making",
    "low_satisfaction",
)

_TABLES = ("customers", "orders", "cost_to_serve", "surveys", "service_requests", "contacts", "buying_centre", "staff")


def account_history(customer_id: Any, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Where one account stands, year by year (客户历史): revenue, margins, satisfaction, service.

    ``gross_margin`` = (revenue − cost of goods) / revenue; ``net_profit`` = gross profit − cost to
    serve (Kaplan & Narayanan 2001); ``share_of_company`` = the account's revenue / all revenue of the
    year; ``satisfaction`` the survey's overall satisfaction (1-5); ``response_days`` the mean days its
    service requests took to close; ``complaints`` their number.

    Parameters
    ----------
    customer_id : label
        The account.
    tables : mapping of str to DataFrame
        ``orders``, ``cost_to_serve``, ``surveys``, ``service_requests`` (the company's tables).

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (every year of the orders); columns ``revenue``, ``share_of_company``,
        ``gross_margin``, ``net_profit``, ``satisfaction``, ``response_days``, ``complaints``.

    Raises
    ------
    ValueError
        If a table or column is missing, or the account has no orders.

    Examples
    --------
    >>> from kamcourse import data
    >>> tables = {n: data.load(n) for n in ("orders", "cost_to_serve", "surveys", "service_requests")}
    >>> h = account_history("C0001", tables)
    >>> list(h.columns)[:3], bool((h["share_of_company"] < 1).all())
    (['revenue', 'share_of_company', 'gross_margin'], True)
    """
    tables = company_tables(tables, ("orders", "cost_to_serve", "surveys", "service_requests"))
    orders = tables["orders"]
    require_columns(orders, ["customer_id", "order_date", "net_revenue", "cost_of_goods"], "orders")
    year = orders["order_date"].dt.year
    mine = orders["customer_id"] == customer_id
    if not mine.any():
        raise ValueError(f"customer_id {customer_id!r} has no orders")
    revenue = orders["net_revenue"].where(mine, 0.0).groupby(year).sum()
    cogs = orders["cost_of_goods"].where(mine, 0.0).groupby(year).sum()
    cts = tables["cost_to_serve"]
    cost = cts.loc[cts["customer_id"] == customer_id].groupby("year")["total_cost"].sum().reindex(revenue.index, fill_value=0.0)
    surveys = tables["surveys"]
    sat = surveys.loc[surveys["customer_id"] == customer_id].set_index("year")["overall_satisfaction"]
    sr = tables["service_requests"]
    sr = sr[sr["customer_id"] == customer_id]
    opened_year = sr["opened_date"].dt.year
    table = pd.DataFrame({
        "revenue": revenue,
        "share_of_company": revenue / orders["net_revenue"].groupby(year).sum(),
        "gross_margin": ((revenue - cogs) / revenue.where(revenue > 0)),
        "net_profit": revenue - cogs - cost,
        "satisfaction": sat.reindex(revenue.index).astype(float),
        "response_days": (sr["closed_date"] - sr["opened_date"]).dt.days.groupby(opened_year).mean().reindex(revenue.index),
        "complaints": sr["type"].eq("complaint").groupby(opened_year).sum().reindex(revenue.index, fill_value=0).astype(int),
    })
    table.index.name = "year"
    return table


def account_risks(history: pd.DataFrame, contacts: pd.DataFrame, key_person_share: float) -> pd.DataFrame:
    """The risks of one account, each with its evidence and whether the rule flags it (大客户风险).

    Rules (this kit's thresholds): ``dependence_risk`` the account brings >= 10 % of the company's
    revenue in the last year (the materials warn against a "惟一靠山"); ``single_threaded`` one of our
    people holds >= 80 % of its contacts (bow tie, see :func:`kamcourse.relationship.contact_coverage`);
    ``decider_not_met`` a decider or buyer to meet now; ``holder_left`` a contact held by someone who
    left (脱缰野马); ``revenue_decline`` last year's revenue < 0.75 × the year before (the lifecycle's
    decline threshold); ``loss_making`` net profit after cost to serve < 0 last year;
    ``low_satisfaction`` last survey below 4 of 5 (below "satisfied").

    Parameters
    ----------
    history : pandas.DataFrame
        The table of :func:`account_history`.
    contacts : pandas.DataFrame
        The table of :func:`~kamcourse.kam_organisation.relationship_plan`.
    key_person_share : float
        Share of the account's contacts held by our key person.

    Returns
    -------
    pandas.DataFrame
        Index ``risk`` (:data:`ACCOUNT_RISKS`), columns ``evidence`` (the number the rule reads) and ``flag``.

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> history = pd.DataFrame({"revenue": [100.0, 60.0], "share_of_company": [0.12, 0.08],
    ...     "net_profit": [5.0, -1.0], "satisfaction": [4.0, 3.0]}, index=[2024, 2025])
    >>> plan = pd.DataFrame({"action": ["meet_now", "keep_in_touch"]})
    >>> account_risks(history, plan, 1.0)["flag"].tolist()
    [False, True, True, False, True, True, True]
    """
    require_columns(history, ["revenue", "share_of_company", "net_profit", "satisfaction"], "history")
    require_columns(contacts, ["action"], "contacts")
    last = history.iloc[-1]
    prev = history["revenue"].iloc[-2] if len(history) > 1 else float("nan")
    ratio = float(last["revenue"] / prev) if prev and prev > 0 else float("nan")
    sat = history["satisfaction"].dropna()
    evidence = {
        "dependence_risk": float(last["share_of_company"]),
        "single_threaded": float(key_person_share),
        "decider_not_met": float((contacts["action"] == "meet_now").sum()),
        "holder_left": float((contacts["action"] == "reassign_holder").sum()),
        "revenue_decline": ratio,
        "loss_making": float(last["net_profit"]),
        "low_satisfaction": float(sat.iloc[-1]) if len(sat) else float("nan"),
    }
    flag = {
        "dependence_risk": evidence["dependence_risk"] >= 0.10,
        "single_threaded": evidence["single_threaded"] >= 0.8,
        "decider_not_met": evidence["decider_not_met"] > 0,
        "holder_left": evidence["holder_left"] > 0,
        "revenue_decline": ratio < 0.75,
        "loss_making": evidence["loss_making"] < 0,
        "low_satisfaction": evidence["low_satisfaction"] < 4,
    }
    table = pd.DataFrame({"evidence": pd.Series(evidence), "flag": pd.Series(flag).astype(bool)})
    table.index.name = "risk"
    return table


@dataclass(frozen=True)
class AccountPlan:
    """A one-page key-account plan (大客户计划书): the parts, each a table.

    Examples
    --------
    >>> AccountPlan.__dataclass_fields__.keys() >= {"history", "objectives", "contacts", "risks"}
    True
    """

    customer_id: str
    profile: pd.Series
    history: pd.DataFrame
    objectives: pd.DataFrame
    value: pd.DataFrame | None
    contacts: pd.DataFrame
    risks: pd.DataFrame

    def flagged_risks(self) -> list[str]:
        """The risks the rules flag, in :data:`ACCOUNT_RISKS` order.

        Examples
        --------
        >>> plan = AccountPlan("C1", pd.Series(dtype=object), pd.DataFrame(), pd.DataFrame(), None,
        ...                    pd.DataFrame(), pd.DataFrame({"flag": [True, False]}, index=["loss_making", "holder_left"]))
        >>> plan.flagged_risks()
        ['loss_making']
        """
        return [r for r in self.risks.index if bool(self.risks.at[r, "flag"])]


def account_plan(
    customer_id: Any,
    tables: Mapping[str, pd.DataFrame],
    *,
    targets: Mapping[str, float],
    as_of: Any,
    offers: pd.DataFrame | None = None,
) -> AccountPlan:
    """Assemble the one-page plan of one key account (大客户计划) from the company's tables.

    - ``profile``: name, industry, region, account manager, coverage model, last year's revenue and share;
    - ``history``: :func:`account_history`;
    - ``objectives``: the four KAM KPIs of the account's last year against the planner's ``targets``
      (:func:`~kamcourse.kam_organisation.kpi_status`; for one account the renewal rate is 1 or 0 and
      the revenue share is the account's own share of the company);
    - ``value``: :func:`kamcourse.value.compare_offers` of ``offers`` (our offer and the competitor's,
      Kotler's eight components as the planner estimates them), or None;
    - ``contacts``: :func:`~kamcourse.kam_organisation.relationship_plan`;
    - ``risks``: :func:`account_risks`.

    Source: the course materials (大客户计划); Kotler (10th ed.) for delivered value; the layout is this kit's.

    Parameters
    ----------
    customer_id : label
        The account.
    tables : mapping of str to DataFrame
        The company's tables ``customers``, ``orders``, ``cost_to_serve``, ``surveys``,
        ``service_requests``, ``contacts``, ``buying_centre``, ``staff``.
    targets : mapping
        ``{kpi: target}`` for the account (keys of :data:`~kamcourse.kam_organisation.KAM_KPIS`).
    as_of : date-like
        The day of the plan.
    offers : pandas.DataFrame, optional
        Rows = offers, the eight delivered-value components as columns.

    Returns
    -------
    AccountPlan

    Raises
    ------
    ValueError
        If a table is missing, the account is unknown or a target names an unknown KPI.

    Examples
    --------
    >>> from kamcourse import data
    >>> tables = {n: data.load(n) for n in _TABLES}
    >>> plan = account_plan("C0190", tables, targets={"renewal_rate": 1.0}, as_of="2025-12-31")
    >>> plan.profile["coverage_model"], "decider_not_met" in plan.flagged_risks()
    ('bow_tie', True)
    """
    from ..relationship import contact_coverage
    from ..value import compare_offers

    tables = company_tables(tables, _TABLES)
    day = as_date(as_of, "as_of")
    customers = tables["customers"].set_index("customer_id")
    if customer_id not in customers.index:
        raise ValueError(f"customer_id {customer_id!r} is not in customers")
    history = account_history(customer_id, tables)
    kpis = kam_kpis(tables["orders"], tables["surveys"], tables["service_requests"], [customer_id])
    objectives = kpi_status(kpis, targets, year=int(history.index.max()))
    contacts = tables["contacts"]
    coverage = contact_coverage(contacts[contacts["customer_id"] == customer_id])
    plan = relationship_plan(contacts, tables["buying_centre"], tables["staff"], customer_id, day)
    row = customers.loc[customer_id]
    last = history.iloc[-1]
    profile = pd.Series({
        "name": row.get("name"), "name_zh": row.get("name_zh"), "industry": row.get("industry"),
        "region": row.get("region"), "account_manager_id": row.get("account_manager_id"),
        "coverage_model": coverage.at[customer_id, "model"], "year": int(history.index.max()),
        "revenue": float(last["revenue"]), "share_of_company": float(last["share_of_company"]),
    }, dtype=object)
    risks = account_risks(history, plan, float(coverage.at[customer_id, "key_person_share"]))
    value = compare_offers(offers) if offers is not None else None
    return AccountPlan(str(customer_id), profile, history, objectives, value, plan, risks)

"""Evaluating CRM (客户关系管理的评估): a scorecard across four perspectives, year by year, from the company's records.

The answers of the course materials say how to evaluate a CRM system (课后答案 第四章 客户关系管理的评估):
consider customer satisfaction, the firm's profit, timeliness and efficiency, staff feedback and the
system's security (客户的满意度、企业的利润、时效性和效率、员工的反馈以及系统的安全性); customer
satisfaction is measured by satisfaction surveys, the complaint rate and the repurchase rate. The
scorecard groups these as four perspectives, after the balanced scorecard (Kaplan & Norton 1992, "The
balanced scorecard: measures that drive performance", *Harvard Business Review* 70(1)): customer,
financial, process (timeliness and efficiency) and people (staff feedback). Security has no number in
these records: it is judged from access logs, incidents and audits (the practice CRM's audit trail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..validation import company_tables, require_columns
from .adoption import usage_rates

__all__ = ["PERSPECTIVES", "SCORECARD_INDICATORS", "crm_scorecard", "scorecard_guide"]

#: The four perspectives of the scorecard.
PERSPECTIVES: tuple[str, ...] = ("customer", "financial", "process", "people")

#: Each indicator's perspective and better direction (``direction``: higher or lower) (what it can and cannot tell: :func:`scorecard_guide`).
SCORECARD_INDICATORS: pd.DataFrame = pd.DataFrame(
    [
        ("satisfaction_mean", "customer", "higher"), ("nps", "customer", "higher"),
        ("repurchase_rate", "customer", "higher"), ("complaint_rate", "customer", "lower"),
        ("revenue_m", "financial", "higher"), ("gross_margin", "financial", "higher"),
        ("net_profit_m", "financial", "higher"),
        ("response_days", "process", "lower"), ("handoffs_per_request", "process", "lower"),
        ("win_rate", "process", "higher"), ("sales_cycle_days", "process", "lower"),
        ("staff_turnover", "people", "lower"), ("adoption", "people", "higher"),
        ("completeness", "people", "higher"), ("usefulness", "people", "higher"), ("data_trust", "people", "higher"),
    ],
    columns=["indicator", "perspective", "direction"],
).set_index("indicator")

_NEEDS = {
    "orders": ["customer_id", "order_date", "net_revenue", "cost_of_goods"],
    "cost_to_serve": ["customer_id", "year", "total_cost"],
    "surveys": ["customer_id", "year", "overall_satisfaction", "likelihood_to_recommend"],
    "service_requests": ["customer_id", "type", "opened_date", "closed_date", "handoffs"],
    "opportunities": ["created_date", "close_date", "won", "stage"],
    "staff": ["staff_id", "hire_date", "leave_date"],
}


def _customer(t: Mapping[str, pd.DataFrame], years: list[int]) -> dict[str, pd.Series]:
    from ..satisfaction import nps

    orders, surveys, sr = t["orders"], t["surveys"], t["service_requests"]
    buyers = orders.groupby(orders["order_date"].dt.year)["customer_id"].agg(set)
    repurchase = {y: len(buyers[y - 1] & buyers[y]) / len(buyers[y - 1]) if y - 1 in buyers.index and y in buyers.index
                  else np.nan for y in years}
    complaints = sr[sr["type"] == "complaint"].groupby(sr["opened_date"].dt.year).size()
    return {
        "satisfaction_mean": surveys.groupby("year")["overall_satisfaction"].mean(),
        "nps": surveys.groupby("year")["likelihood_to_recommend"].apply(nps),
        "repurchase_rate": pd.Series(repurchase),
        "complaint_rate": complaints.reindex(years, fill_value=0) / buyers.map(len).reindex(years),
    }


def _financial(t: Mapping[str, pd.DataFrame]) -> dict[str, pd.Series]:
    orders, cts = t["orders"], t["cost_to_serve"]
    year = orders["order_date"].dt.year
    revenue = orders.groupby(year)["net_revenue"].sum()
    gross = revenue - orders.groupby(year)["cost_of_goods"].sum()
    cost = cts.groupby("year")["total_cost"].sum().reindex(revenue.index, fill_value=0.0)
    return {"revenue_m": revenue / 1e6, "gross_margin": gross / revenue, "net_profit_m": (gross - cost) / 1e6}


def _process(t: Mapping[str, pd.DataFrame]) -> dict[str, pd.Series]:
    sr, opp = t["service_requests"], t["opportunities"]
    opened = sr["opened_date"].dt.year
    closed = opp[opp["stage"].isin(["closed_won", "closed_lost"])]
    won = closed[closed["won"].astype(bool)]
    return {
        "response_days": (sr["closed_date"] - sr["opened_date"]).dt.days.groupby(opened).mean(),
        "handoffs_per_request": sr.groupby(opened)["handoffs"].mean(),
        "win_rate": closed.groupby(closed["close_date"].dt.year)["won"].mean().astype(float),
        "sales_cycle_days": (won["close_date"] - won["created_date"]).dt.days.groupby(won["close_date"].dt.year).mean(),
    }


def _people(t: Mapping[str, pd.DataFrame], years: list[int]) -> dict[str, pd.Series]:
    staff = t["staff"]
    turnover = {}
    for y in years:
        start, end = pd.Timestamp(f"{y}-01-01"), pd.Timestamp(f"{y}-12-31")
        there = (staff["hire_date"] <= end) & (staff["leave_date"].isna() | (staff["leave_date"] >= start))
        left = staff["leave_date"].between(start, end)
        turnover[y] = float(left.sum() / there.sum()) if there.any() else np.nan
    out = {"staff_turnover": pd.Series(turnover)}
    if "crm_usage" in t:
        usage = t["crm_usage"]
        rates = {int(y): usage_rates(part) for y, part in usage.groupby(usage["month"].dt.year)}
        out["adoption"] = pd.Series({y: r["adoption"] for y, r in rates.items()})
        out["completeness"] = pd.Series({y: r["completeness"] for y, r in rates.items()})
    if "staff_survey" in t:
        survey = t["staff_survey"]
        out["usefulness"] = survey.groupby("year")["usefulness"].mean()
        out["data_trust"] = survey.groupby("year")["data_trust"].mean()
    return out


def crm_scorecard(tables: Mapping[str, pd.DataFrame], years: Iterable[int] | None = None) -> pd.DataFrame:
    """A CRM scorecard (客户关系管理评估记分卡): customer, financial, process and people indicators by year.

    ==========  ==========================================================================================
    customer    mean satisfaction (1-5), NPS (−100…100), repurchase rate (share of last year's buyers
                buying again, 回头率), complaint rate (complaints per buying customer, 投诉率)
    financial   revenue and net profit after cost to serve (million yuan), gross margin
    process     days to close a service request, hand-offs per request, win rate of closed
                opportunities, days from opportunity to won deal (时效性和效率)
    people      staff turnover (leavers / staff employed in the year); with ``crm_usage``: adoption and
                completeness of records; with ``staff_survey``: usefulness and trust in the data (1-5)
    ==========  ==========================================================================================

    Sources: the course materials (课后答案 第四章) for what to evaluate; Kaplan & Norton (1992) for the
    four perspectives; the indicators' definitions are this kit's.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The company's tables by name: ``orders``, ``cost_to_serve``, ``surveys``, ``service_requests``,
        ``opportunities``, ``staff``; optional ``crm_usage`` and ``staff_survey``.
    years : iterable of int, optional
        The columns; every year of the orders by default.

    Returns
    -------
    pandas.DataFrame
        Index (``perspective``, ``indicator``) in :data:`SCORECARD_INDICATORS` order (indicators without
        data left out), one column per year; NaN where a year has no data (e.g. adoption before go-live).

    Raises
    ------
    ValueError
        If a required table or column is missing.

    Examples
    --------
    >>> from kamcourse import data
    >>> card = crm_scorecard({n: data.load(n) for n in _NEEDS})
    >>> card.columns.tolist(), card.index.get_level_values(0).unique().tolist()
    ([2021, 2022, 2023, 2024, 2025], ['customer', 'financial', 'process', 'people'])
    """
    company_tables(tables, _NEEDS)  # optional tables (crm_usage, staff_survey) are read from ``tables`` itself
    for name, cols in _NEEDS.items():
        require_columns(tables[name], cols, name)
    span = sorted(tables["orders"]["order_date"].dt.year.unique()) if years is None else [int(y) for y in years]
    found = {**_customer(tables, span), **_financial(tables), **_process(tables), **_people(tables, span)}
    rows = {}
    for indicator, row in SCORECARD_INDICATORS.iterrows():
        if indicator in found:
            rows[(row["perspective"], indicator)] = found[indicator].reindex(span).astype(float)
    table = pd.DataFrame(rows).T
    table.index.names = ["perspective", "indicator"]
    table.columns = span
    return table


def scorecard_guide(language: str | None = None) -> pd.DataFrame:
    """What each scorecard number can tell, and what it cannot (指标的含义与局限).

    Source: this kit's reading of each indicator (glossary entries ``<indicator>_can`` and
    ``<indicator>_cannot``).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the text; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``indicator``; columns ``perspective``, ``direction``, ``name``, ``can_tell``, ``cannot_tell``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> scorecard_guide("en").loc["repurchase_rate", "perspective"]
    'customer'
    """
    from .. import i18n

    i18n.check_language(language)
    guide = SCORECARD_INDICATORS.copy()
    guide["name"] = [i18n.label(k, language) for k in guide.index]
    guide["can_tell"] = [i18n.label(f"{k}_can", language) for k in guide.index]
    guide["cannot_tell"] = [i18n.label(f"{k}_cannot", language) for k in guide.index]
    return guide

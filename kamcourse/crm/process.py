"""The CRM process (客户关系管理的基本过程) and where each step lives in the company's own tables."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..accounts import top_share
from ..validation import check_positive_int, company_tables, require_columns

__all__ = ["CRM_PROCESS", "PROCESS_TABLES", "process_map", "process_snapshot"]

#: The basic CRM process in order (course materials, 课后答案 第二章): collect and organise customer
#: information, analyse needs and behaviour, customise products and services, build and maintain the
#: relationship, evaluate satisfaction.
CRM_PROCESS: tuple[str, ...] = ("collect", "analyse", "customise", "maintain", "evaluate")

#: The company's tables that hold each step (this kit's mapping).
PROCESS_TABLES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "collect": ("customers", "contacts", "prospects"),
    "analyse": ("orders", "cost_to_serve"),
    "customise": ("orders", "opportunities"),
    "maintain": ("service_requests", "cost_to_serve", "contacts"),
    "evaluate": ("surveys", "kano_survey"),
})


def process_map(language: str | None = None) -> pd.DataFrame:
    """The five steps of the CRM process with the company's tables that record each (客户关系管理过程与数据).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the ``step_name`` and ``what_happens`` columns.

    Returns
    -------
    pandas.DataFrame
        Index the step key (:data:`CRM_PROCESS` order); columns ``step`` (1-5), ``step_name``,
        ``what_happens``, ``tables`` (comma-separated table names of :func:`kamcourse.data.load`).

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    References
    ----------
    .. [1] Course materials: 客户关系管理课后答案, 第二章 (客户关系管理的基本过程). The table mapping: this kit's.

    Examples
    --------
    >>> process_map("en").loc["evaluate", "tables"]
    'surveys, kano_survey'
    >>> process_map("zh").loc["collect", "step_name"]
    '收集和整理客户信息'
    """
    from .. import i18n

    i18n.check_language(language)
    return pd.DataFrame(
        {"step": range(1, len(CRM_PROCESS) + 1),
         "step_name": [i18n.label(f"crm_{s}", language) for s in CRM_PROCESS],
         "what_happens": [i18n.label(f"crm_{s}_desc", language) for s in CRM_PROCESS],
         "tables": [", ".join(PROCESS_TABLES[s]) for s in CRM_PROCESS]},
        index=pd.Index(CRM_PROCESS))


def process_snapshot(tables: Any, year: int) -> pd.DataFrame:
    """One number per step of the CRM process, measured on the company's data for one year (过程快照).

    - collect: contact persons on record per customer;
    - analyse: share of the year's revenue from the top 20 % of customers (lesson 01);
    - customise: mean discount on the year's order lines (prices set customer by customer);
    - maintain: visits per customer that year (``cost_to_serve``);
    - evaluate: mean overall satisfaction (1-5) in the year's survey.

    Parameters
    ----------
    tables : mapping or object with ``load(name)``
        ``kamcourse.data``, ``data.my_data()`` or a dict of the tables ``customers``, ``contacts``,
        ``orders``, ``cost_to_serve``, ``surveys``.
    year : int

    Returns
    -------
    pandas.DataFrame
        Index the step key; columns ``measure`` (glossary key) and ``value``.

    Raises
    ------
    ValueError
        If a table lacks a column or the year has no orders.

    Examples
    --------
    >>> from kamcourse import data
    >>> snap = process_snapshot(data, 2025)
    >>> list(snap.index) == list(CRM_PROCESS), bool(0 < snap.loc["analyse", "value"] <= 1)
    (True, True)
    """
    year = check_positive_int(year, "year")
    t = company_tables(tables, ("customers", "contacts", "orders", "cost_to_serve", "surveys"))
    customers, contacts = t["customers"], t["contacts"]
    orders = require_columns(t["orders"], ["customer_id", "order_date", "net_revenue", "discount"], "orders")
    cts = require_columns(t["cost_to_serve"], ["customer_id", "year", "visits"], "cost_to_serve")
    surveys = require_columns(t["surveys"], ["year", "overall_satisfaction"], "surveys")
    o = orders[orders["order_date"].dt.year == year]
    if o.empty:
        raise ValueError(f"year {year} has no orders")
    c = cts[cts["year"] == year]
    values = {
        "collect": ("contacts_per_customer", len(contacts) / len(customers)),
        "analyse": ("top20_revenue_share", top_share(o.groupby("customer_id")["net_revenue"].sum(), 0.2)),
        "customise": ("mean_discount", float(o["discount"].mean())),
        "maintain": ("visits_per_customer", float(c["visits"].sum() / max(c["customer_id"].nunique(), 1))),
        "evaluate": ("mean_overall_satisfaction", float(surveys.loc[surveys["year"] == year, "overall_satisfaction"].mean())),
    }
    return pd.DataFrame([values[s] for s in CRM_PROCESS], columns=["measure", "value"],
                        index=pd.Index(CRM_PROCESS))

"""The customer record (客户档案): what a B2B record holds, gathered from the company's tables, and how old it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..validation import as_date, company_tables, require_columns

__all__ = ["CustomerRecord", "customer_record", "record_age"]


@dataclass(frozen=True)
class CustomerRecord:
    """One customer's record: the company, its people, its history, its preferences, its credit terms."""

    company: pd.Series
    contacts: pd.DataFrame
    history: pd.DataFrame
    preferences: pd.Series
    service: pd.Series


def customer_record(customer_id: str, tables: Any) -> CustomerRecord:
    """Gather one customer's record from the company's tables (建立客户档案).

    The company rules ask for a record of each customer's basic information, needs and transaction
    history (公司客户关系管理制度, 第七条; 客户关系管理规定, 第四条): here the company facts and credit
    terms (``customers``), the contact persons with their roles and who holds them (``contacts``), the
    yearly orders (``orders``), the product lines it prefers, and its service requests.

    Parameters
    ----------
    customer_id : str
    tables : mapping or object with ``load(name)``
        ``kamcourse.data`` itself, ``data.my_data()``, or a dict of the tables ``customers``,
        ``contacts``, ``orders`` and ``service_requests``.

    Returns
    -------
    CustomerRecord
        ``company`` (a Series of the customer's row), ``contacts`` (name, role, decision level,
        staff holding them), ``history`` (orders, revenue and gross margin per year), ``preferences``
        (share of revenue per product line, largest first) and ``service`` (requests per type).

    Raises
    ------
    ValueError
        If the customer is unknown or a table lacks a column.

    Examples
    --------
    >>> from kamcourse import data
    >>> rec = customer_record("C0001", data)
    >>> rec.company["name_zh"], list(rec.contacts.columns)
    ('永达打包机械有限公司', ['name_zh', 'role', 'decision_level', 'staff_id'])
    """
    t = company_tables(tables, ("customers", "contacts", "orders", "service_requests"))
    customers = require_columns(t["customers"], ["customer_id", "name_zh", "payment_terms_days"], "customers")
    if customer_id not in set(customers["customer_id"]):
        raise ValueError(f"customer_id {customer_id!r} is not in the customers table")
    contacts = t["contacts"]
    orders = require_columns(t["orders"], ["customer_id", "order_date", "net_revenue", "cost_of_goods", "product_line",
                                           "order_id"], "orders")
    requests = t["service_requests"]
    mine = orders[orders["customer_id"] == customer_id]
    year = mine["order_date"].dt.year.rename("year")
    history = pd.DataFrame({"orders": mine.groupby(year)["order_id"].nunique(),
                            "revenue": mine.groupby(year)["net_revenue"].sum().round(2)})
    history["gross_margin"] = (1 - mine.groupby(year)["cost_of_goods"].sum() / history["revenue"]).round(3)
    lines = mine.groupby("product_line")["net_revenue"].sum()
    return CustomerRecord(
        company=customers.set_index("customer_id").loc[customer_id],
        contacts=contacts.loc[contacts["customer_id"] == customer_id, ["name_zh", "role", "decision_level", "staff_id"]],
        history=history,
        preferences=(lines / lines.sum()).sort_values(ascending=False).round(3) if len(lines) else lines,
        service=requests.loc[requests["customer_id"] == customer_id, "type"].value_counts(),
    )


def record_age(dates: Any, as_of: Any) -> pd.Series:
    """Days since each record was last updated (档案的时效): how records age.

    Parameters
    ----------
    dates : Series of dates
    as_of : date

    Returns
    -------
    pandas.Series
        Whole days (NaN where the date is missing).

    Raises
    ------
    ValueError
        If ``as_of`` is not a date.

    Examples
    --------
    >>> record_age(pd.Series(pd.to_datetime(["2025-12-01", "2023-12-31"])), "2025-12-31").tolist()
    [30.0, 731.0]
    """
    as_of = as_date(as_of, "as_of")
    return (as_of - pd.to_datetime(pd.Series(dates))).dt.days.astype(float)

"""Read the practice system's database into pandas, for the lessons' notebooks (读取实训系统数据).

What a student does in the practice CRM can be analysed with the kit's
functions: :func:`load` returns the system's records with the column names of
:func:`kamcourse.data.load`, so ``development.pipeline_stages(load("opportunities"))``
works on the student's own pipeline. Only the standard library's ``sqlite3``
and pandas are used (no Django); the database is opened read-only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from .config import database_path

__all__ = ["TABLES", "load"]

_QUERIES = {
    "customers": """SELECT customer_id, name, name_zh, industry, region, size_band, first_order_date,
        acquisition_method, account_manager_id, payment_terms_days, grade, credit_code
        FROM customers_customer ORDER BY customer_id""",
    "staff": "SELECT staff_id, name, name_zh, role, hire_date, leave_date FROM accounts_staff ORDER BY staff_id",
    "contacts": """SELECT contact_id, customer_id, name, name_zh, role, decision_level, staff_id, phone, email
        FROM customers_contact ORDER BY contact_id""",
    "opportunities": """SELECT opportunity_id, customer_id, owner_id AS staff_id, created_date, stage, furthest_stage,
        amount, stage = 'closed_won' AS won, close_date, expected_close_date, last_activity_date, closing_reason
        FROM sales_opportunity ORDER BY opportunity_id""",
    "activities": """SELECT opportunity_id, date, kind, note FROM sales_activity ORDER BY date, id""",
    "orders": """SELECT order_id, customer_id, order_date, amount AS net_revenue, status, opportunity_id
        FROM sales_salesorder ORDER BY order_id""",
    "service_requests": """SELECT request_id, customer_id, type, priority AS severity, date(opened_at) AS opened_date,
        date(closed_at) AS closed_date, handoffs, owner_id AS owner_staff_id, satisfaction_after, status,
        opened_at, first_response_at, closed_at FROM service_servicerequest ORDER BY request_id""",
    "audit": """SELECT e.timestamp, u.username AS user, e.action, t.app_label || '.' || t.model AS model,
        e.object_pk, e.object_repr, e.changes FROM auditlog_logentry e
        LEFT JOIN auth_user u ON u.id = e.actor_id LEFT JOIN django_content_type t ON t.id = e.content_type_id
        ORDER BY e.timestamp, e.id""",
}
_DATES = ("first_order_date", "hire_date", "leave_date", "created_date", "close_date", "expected_close_date",
          "last_activity_date", "date", "order_date", "opened_date", "closed_date")
_TIMES = ("opened_at", "first_response_at", "closed_at", "timestamp")

#: The tables :func:`load` can read.
TABLES: tuple[str, ...] = tuple(_QUERIES)


def load(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """One table of the practice system's database, with the kit's column names (实训数据表).

    Parameters
    ----------
    name : str
        One of :data:`TABLES`: ``customers``, ``staff``, ``contacts``,
        ``opportunities``, ``activities``, ``orders`` (one row per sales
        order; ``net_revenue`` is its amount), ``service_requests``, ``audit``
        (the audit trail: who changed what, when).
    path : path, optional
        The SQLite file (default: this user's, :func:`kamcourse.practice.database_path`).

    Returns
    -------
    pandas.DataFrame
        Dates as ``datetime64``; times (UTC) as timezone-aware timestamps; the
        action of an audit entry is 0 create, 1 update, 2 delete.

    Raises
    ------
    ValueError
        For an unknown table name (the message lists the valid names).
    FileNotFoundError
        If there is no database yet (start the system once with ``kamcourse crm``).

    Examples
    --------
    >>> load("pipeline")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of customers, staff, contacts, opportunities, activities, orders, service_requests, audit; got 'pipeline'
    """
    if name not in _QUERIES:
        raise ValueError(f"name must be one of {', '.join(TABLES)}; got {name!r}")
    db = Path(path) if path is not None else database_path()
    if not db.is_file():
        raise FileNotFoundError(f"no practice database at {db}: start the system once with `kamcourse crm`")
    con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        frame = pd.read_sql_query(_QUERIES[name], con)
    finally:
        con.close()
    for col in frame.columns:
        if col in _DATES:
            frame[col] = pd.to_datetime(frame[col])
        elif col in _TIMES:
            frame[col] = pd.to_datetime(frame[col], utc=True, format="ISO8601")
    for col in ("amount", "net_revenue"):
        if col in frame:
            frame[col] = frame[col].astype(float)
    if "won" in frame:
        frame["won"] = frame["won"].astype(bool)
    return frame

"""Gates for tables: the columns a function needs, and a transaction (purchase) log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .dates import as_dates
from .series import as_numeric_series, check_no_nan

__all__ = ["require_columns", "check_not_empty", "check_transactions", "company_tables"]


def require_columns(df: Any, columns: Iterable[str], name: str = "df", *, complete: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame with ``columns``; the message names the missing and the present ones.

    Parameters
    ----------
    df : object
        The table to check.
    columns : iterable of str
        The columns the caller needs.
    name : str, default "df"
        The parameter name the message uses.
    complete : bool, default False
        Also refuse a missing value (NaN) in any of ``columns``.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame.
    ValueError
        If a column is missing, or (with ``complete``) holds NaN.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["a"], "net_revenue": [5.0]})
    >>> require_columns(orders, ["customer_id", "order_date"], "orders")
    Traceback (most recent call last):
    ...
    ValueError: orders is missing column(s) 'order_date'; columns present: customer_id, net_revenue
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    columns = list(columns)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        present = ", ".join(map(str, df.columns)) or "(none)"
        raise ValueError(
            f"{name} is missing column(s) {', '.join(map(repr, missing))}; columns present: {present}"
        )
    if complete:
        for col in columns:
            check_no_nan(df[col], f"{name}[{col!r}]")
    return df


def check_not_empty(df: pd.DataFrame, name: str, what: str = "row") -> pd.DataFrame:
    """Refuse a table without rows; the message says what one row is.

    Examples
    --------
    >>> check_not_empty(pd.DataFrame({"x": []}), "responses", "answer row")
    Traceback (most recent call last):
    ...
    ValueError: responses is empty; it needs at least one answer row
    """
    if len(df) == 0:
        raise ValueError(f"{name} is empty; it needs at least one {what}")
    return df


def check_transactions(
    df: Any,
    customer_col: str,
    date_col: str,
    amount_col: str | None = None,
    name: str = "transactions",
) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    """The transaction-log gate: checked customer, date and (optional) amount columns of a purchase log.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per purchase (an order or an order line).
    customer_col, date_col : str
        The customer id and purchase date columns.
    amount_col : str, optional
        The purchase value column.
    name : str, default "transactions"
        The parameter name the messages use.

    Returns
    -------
    tuple of pandas.Series
        Customers, dates (datetime64, no time zone) and amounts (float; None
        without ``amount_col``), on ``df``'s index.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame, the dates are numbers or an amount is not a number.
    ValueError
        If a column is missing, the log is empty, a customer or date is
        missing, a date cannot be read, or an amount is NaN.

    Examples
    --------
    >>> log = pd.DataFrame({"customer": ["a", "b"], "date": ["2025-01-05", "2025-02-01"], "amount": [10, 20]})
    >>> customers, dates, amounts = check_transactions(log, "customer", "date", "amount")
    >>> dates.dt.month.tolist(), amounts.tolist()
    ([1, 2], [10.0, 20.0])
    >>> check_transactions(log.iloc[:0], "customer", "date")
    Traceback (most recent call last):
    ...
    ValueError: transactions is empty; it needs at least one purchase
    """
    cols = [customer_col, date_col] + ([amount_col] if amount_col is not None else [])
    require_columns(df, cols, name)
    check_not_empty(df, name, "purchase")
    customers = check_no_nan(df[customer_col], customer_col)
    dates = as_dates(df[date_col], date_col)
    amounts = as_numeric_series(df[amount_col], amount_col) if amount_col is not None else None
    return customers, dates, amounts


def company_tables(tables: Any, names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The named tables of the company (公司数据表) from a dict of tables, :mod:`kamcourse.data` or ``data.my_data()``.

    Parameters
    ----------
    tables : mapping or object with a ``load(name)`` method
        ``{"orders": orders, ...}``, the :mod:`kamcourse.data` module, or a student's ``data.my_data()``.
    names : iterable of str
        The tables the caller needs.

    Returns
    -------
    dict of str to pandas.DataFrame

    Raises
    ------
    TypeError
        If ``tables`` is neither a mapping nor has a ``load`` method.
    ValueError
        If the mapping lacks one of ``names`` (the message lists all that are missing).

    Examples
    --------
    >>> company_tables({"orders": pd.DataFrame({"order_id": ["O1"]})}, ["orders"])["orders"].shape
    (1, 1)
    >>> company_tables({"orders": pd.DataFrame()}, ["orders", "surveys", "contacts"])
    Traceback (most recent call last):
    ...
    ValueError: tables is missing 'surveys', 'contacts'; give the company's tables by name
    """
    names = list(names)
    if isinstance(tables, Mapping):
        missing = [n for n in names if n not in tables]
        if missing:
            raise ValueError(f"tables is missing {', '.join(map(repr, missing))}; give the company's tables by name")
        return {n: tables[n] for n in names}
    if not callable(getattr(tables, "load", None)):
        raise TypeError(f"tables must be a dict of tables, kamcourse.data or data.my_data(), got {type(tables).__name__}")
    return {n: tables.load(n) for n in names}

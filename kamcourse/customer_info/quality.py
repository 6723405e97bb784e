"""Data quality measured (数据质量的度量): completeness, validity, consistency, uniqueness and timeliness as rates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..validation import as_text_series, require_columns
from ..vocabulary import FAULT_DIMENSIONS, QUALITY_DIMENSIONS
from .faults import find_faults
from .phones import phone_status

__all__ = ["QUALITY_DIMENSIONS", "completeness", "validity", "consistency", "uniqueness", "quality_profile"]


def completeness(table: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.Series:
    """Share of filled-in values per column (完整性): 1 = nothing missing.

    A value counts as missing when it is NaN/None or text of only spaces.

    Parameters
    ----------
    table : pandas.DataFrame
    columns : iterable of str, optional
        The columns to measure (default: all).

    Returns
    -------
    pandas.Series
        One rate in [0, 1] per column.

    Raises
    ------
    ValueError
        If a column is missing or the table is empty.

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*.

    Examples
    --------
    >>> completeness(pd.DataFrame({"phone": ["021-88000001", None, " ", "010-88000002"]})).tolist()
    [0.5]
    """
    columns = list(table.columns) if columns is None else list(columns)
    require_columns(table, columns, "table")
    if len(table) == 0:
        raise ValueError("table has no rows: completeness needs at least one record")
    filled = table[columns].apply(lambda s: s.notna() & ~s.astype(str).str.strip().eq(""))
    return filled.mean().astype(float)


def validity(phones: Any) -> float:
    """Share of filled-in phone numbers that are valid numbers (有效性).

    Missing numbers are left out (they are a completeness fault): validity = valid / (valid + malformed),
    by :func:`~kamcourse.customer_info.phone_status`.

    Parameters
    ----------
    phones : Series or list of str

    Returns
    -------
    float
        In [0, 1]; NaN if nothing is filled in.

    Raises
    ------
    TypeError
        If ``phones`` is not a column of texts (a number stored as a number, or a single string).

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*.

    Examples
    --------
    >>> validity(["021-88000001", "021-8800001", None, "+86 139 0000 0001"])
    0.6666666666666666
    """
    status = phone_status(phones)
    filled = status[status != "missing"]
    return float((filled == "valid").mean()) if len(filled) else float("nan")


def consistency(labels: Any, keys: Iterable[str]) -> float:
    """Share of filled-in labels written as a standard key (一致性).

    Parameters
    ----------
    labels : Series or list of str
        Category labels as stored (missing ones are left out).
    keys : iterable of str
        The standard keys (e.g. :data:`kamcourse.vocabulary.INDUSTRIES`).

    Returns
    -------
    float
        In [0, 1]; NaN if nothing is filled in.

    Raises
    ------
    TypeError
        If ``labels`` is not a column of texts.

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*.

    Examples
    --------
    >>> consistency(["machine_tools", "机床", None, "metallurgy"], ["machine_tools", "metallurgy"])
    0.6666666666666666
    """
    s = as_text_series(labels, "labels").dropna()
    return float(s.isin(set(keys)).mean()) if len(s) else float("nan")


def uniqueness(groups: Any) -> float:
    """Share of records that are distinct customers (唯一性): customers / records, 1 = no duplicates.

    Parameters
    ----------
    groups : Series
        The group (customer) of each record, e.g. from
        :func:`~kamcourse.customer_info.duplicate_groups`.

    Returns
    -------
    float
        In (0, 1].

    Raises
    ------
    ValueError
        If ``groups`` is empty.

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*.

    Examples
    --------
    >>> uniqueness(pd.Series(["R1", "R2", "R1", "R4"]))
    0.75
    """
    s = pd.Series(groups)
    if len(s) == 0:
        raise ValueError("groups is empty: uniqueness needs at least one record")
    return s.nunique() / len(s)


def quality_profile(accounts: pd.DataFrame, contacts: pd.DataFrame, as_of: Any, **options: Any) -> pd.DataFrame:
    """The quality of a raw CRM extract, field by field and dimension by dimension (数据质量概况).

    Counts the faults of :func:`~kamcourse.customer_info.find_faults` against the records checked:
    completeness over all records, validity over the filled-in phones, consistency over the filled-in
    labels (and the active contacts), uniqueness and timeliness over all account records. The rate is
    ``1 - failed / checked`` (1 = no fault).

    Parameters
    ----------
    accounts, contacts : pandas.DataFrame
        The raw extract's ``raw_accounts`` and ``raw_contacts``.
    as_of : date
        The day of the extract.
    **options
        ``max_age_days``, ``threshold``: passed to :func:`~kamcourse.customer_info.find_faults`.

    Returns
    -------
    pandas.DataFrame
        Columns ``dimension``, ``table``, ``field``, ``fault``, ``checked``, ``failed``, ``rate``;
        one row per kind of check, in the order of :data:`kamcourse.vocabulary.QUALITY_DIMENSIONS`.

    Raises
    ------
    ValueError
        As :func:`~kamcourse.customer_info.find_faults`.

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*.
       Wang, R. Y., & Strong, D. M. (1996). Beyond accuracy: what data quality means to data consumers.
       *Journal of Management Information Systems* 12(4), 5-33.

    Examples
    --------
    >>> accounts = pd.DataFrame({"record_id": ["R1", "R2"], "company_name": ["永达机床有限公司", "恒通冶金有限公司"],
    ...     "industry_label": ["machine_tools", "冶金"], "region": ["east_china"] * 2, "phone": ["021-88000001", None],
    ...     "last_updated": pd.to_datetime(["2025-10-01", "2025-03-01"])})
    >>> contacts = pd.DataFrame({"contact_record_id": ["K1"], "record_id": ["R2"], "mobile": ["13900000001"],
    ...     "status": ["active"], "last_contact_date": pd.to_datetime(["2025-01-05"]), "note": [None]})
    >>> p = quality_profile(accounts, contacts, "2025-12-31")
    >>> p.loc[p["field"] == "phone", ["dimension", "checked", "failed", "rate"]]
          dimension  checked  failed  rate
    1  completeness        2       1   0.5
    3      validity        1       0   1.0
    """
    require_columns(accounts, ["record_id", "industry_label", "phone"], "accounts")
    require_columns(contacts, ["contact_record_id", "mobile", "status"], "contacts")
    faults = find_faults(accounts, contacts, as_of, **options)
    filled = {f: int(accounts[f].notna().sum()) for f in ("industry_label", "phone")}
    filled["mobile"] = int(contacts["mobile"].notna().sum())
    checks = [
        ("raw_accounts", "industry_label", "missing_value", len(accounts)),
        ("raw_accounts", "phone", "missing_value", len(accounts)),
        ("raw_contacts", "mobile", "missing_value", len(contacts)),
        ("raw_accounts", "phone", "malformed_phone", filled["phone"]),
        ("raw_contacts", "mobile", "malformed_phone", filled["mobile"]),
        ("raw_accounts", "industry_label", "inconsistent_label", filled["industry_label"]),
        ("raw_contacts", "status", "departed_contact", int((contacts["status"] == "active").sum())),
        ("raw_accounts", "company_name", "duplicate_record", len(accounts)),
        ("raw_accounts", "last_updated", "stale_record", len(accounts)),
    ]
    rows = []
    for table, field, fault, checked in checks:
        failed = int(((faults["table"] == table) & (faults["field"] == field) & (faults["fault"] == fault)).sum())
        rows.append((FAULT_DIMENSIONS[fault], table, field, fault, checked, failed,
                     1 - failed / checked if checked else float("nan")))
    return pd.DataFrame(rows, columns=["dimension", "table", "field", "fault", "checked", "failed", "rate"])

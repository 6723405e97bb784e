"""Every fault of a CRM extract in one table (数据质量问题清单): missing, malformed, inconsistent, departed, duplicate, stale."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..validation import as_date, check_positive_int, require_columns
from ..vocabulary import DATA_FAULTS
from .duplicates import ACCOUNT_COLUMNS, duplicate_groups, duplicate_pairs
from .labels import standardize_labels
from .phones import normalize_phone, phone_status

__all__ = ["DEPARTURE_WORDS", "CONTACT_COLUMNS", "STALE_DAYS", "departed_contacts", "stale_records", "find_faults"]

#: Words in a contact's note that say the person has left (this kit's list; "出差" or "on leave" do not).
DEPARTURE_WORDS: tuple[str, ...] = ("离职", "调离", "跳槽", "不再负责", "left the company", "resigned", "no longer")

#: The columns of a contact table these functions read (those of the raw extract ``raw_contacts``).
CONTACT_COLUMNS: tuple[str, ...] = ("contact_record_id", "record_id", "mobile", "status", "last_contact_date", "note")

#: A record not reviewed for more than this many days is stale (this kit's choice: two years).
STALE_DAYS: int = 730


def departed_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    """Contacts still marked active although the records say they have left (离职联系人).

    Two kinds of evidence (this kit's rules):

    - ``note``: the contact's own note says so (a word of :data:`DEPARTURE_WORDS`);
    - ``moved``: the same mobile number (normalised) is the contact of another account in a record
      with a later last contact: the person now works there, so the older record is out of date.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Columns :data:`CONTACT_COLUMNS` (the raw extract ``raw_contacts``).

    Returns
    -------
    pandas.DataFrame
        One row per flagged active contact: ``contact_record_id``, ``record_id``, ``evidence``
        (``"note"`` or ``"moved"``) and ``detail`` (the note, or the newer contact record).

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> contacts = pd.DataFrame({
    ...     "contact_record_id": ["K1", "K2", "K3", "K4"], "record_id": ["R1", "R1", "R2", "R3"],
    ...     "mobile": ["13900000001", "13900000002", "139-0000-0002", None],
    ...     "status": ["active"] * 4,
    ...     "last_contact_date": pd.to_datetime(["2025-05-01", "2023-01-10", "2025-09-01", "2025-01-01"]),
    ...     "note": ["出差中，下周回来", None, None, "已离职"]})
    >>> departed_contacts(contacts)[["contact_record_id", "evidence", "detail"]]
      contact_record_id evidence detail
    0                K2    moved     K3
    1                K4     note    已离职
    """
    require_columns(contacts, CONTACT_COLUMNS, "contacts")
    active = contacts[contacts["status"] == "active"]
    rows = []
    notes = active["note"].fillna("").str.lower()
    for r, note in zip(active.itertuples(index=False), notes):
        if any(word in note for word in DEPARTURE_WORDS):
            rows.append((r.contact_record_id, r.record_id, "note", r.note))
    phone = contacts["mobile"].map(normalize_phone)
    shared = contacts.assign(phone=phone).dropna(subset=["phone"])
    for _, same in shared.groupby("phone"):
        if same["record_id"].nunique() < 2:
            continue
        same = same.sort_values("last_contact_date")
        newest = same.iloc[-1]
        for r in same.iloc[:-1].itertuples(index=False):
            if r.status == "active" and r.record_id != newest["record_id"]:
                rows.append((r.contact_record_id, r.record_id, "moved", newest["contact_record_id"]))
    out = pd.DataFrame(rows, columns=["contact_record_id", "record_id", "evidence", "detail"])
    return out.drop_duplicates("contact_record_id").sort_values("contact_record_id").reset_index(drop=True)


def stale_records(dates: Any, as_of: Any, max_age_days: int = STALE_DAYS) -> pd.Series:
    """Which records are stale: not reviewed within ``max_age_days`` before ``as_of`` (档案过时).

    Parameters
    ----------
    dates : Series of dates
        When each record was last updated (a missing date counts as stale: nobody knows).
    as_of : date
        The day of the extract.
    max_age_days : int, default :data:`STALE_DAYS`

    Returns
    -------
    pandas.Series of bool
        True where ``as_of - date > max_age_days``.

    Raises
    ------
    ValueError
        If ``as_of`` is not a date or ``max_age_days`` below 1.

    Examples
    --------
    >>> stale_records(pd.Series(pd.to_datetime(["2025-06-30", "2023-01-15", None])), "2025-12-31").tolist()
    [False, True, True]
    """
    as_of = as_date(as_of, "as_of")
    max_age_days = check_positive_int(max_age_days, "max_age_days")
    d = pd.to_datetime(pd.Series(dates))
    return ((as_of - d).dt.days > max_age_days) | d.isna()


def _rows(table: str, ids: pd.Series, fault: str, field: str) -> pd.DataFrame:
    return pd.DataFrame({"table": table, "row_id": list(ids), "fault": fault, "field": field})


def find_faults(
    accounts: pd.DataFrame, contacts: pd.DataFrame, as_of: Any, max_age_days: int = STALE_DAYS, threshold: float = 85.0
) -> pd.DataFrame:
    """Every fault of a raw CRM extract, one row each (数据质量问题清单).

    Account records (``raw_accounts``): a missing industry or phone (``missing_value``), a phone that
    is not a phone number (``malformed_phone``, :func:`~kamcourse.customer_info.phone_status`), an
    industry label that is not a standard key (``inconsistent_label``,
    :func:`~kamcourse.customer_info.standardize_labels`), a record that duplicates an older one
    (``duplicate_record``: every record of a group but its survivor,
    :func:`~kamcourse.customer_info.duplicate_pairs`), a record not reviewed for ``max_age_days``
    (``stale_record``). Contact records (``raw_contacts``): missing or malformed mobile, and a contact
    still active who has left (``departed_contact``, :func:`departed_contacts`).

    Parameters
    ----------
    accounts, contacts : pandas.DataFrame
        The raw extract's ``raw_accounts`` and ``raw_contacts`` (columns :data:`ACCOUNT_COLUMNS` plus
        ``last_updated``, and :data:`CONTACT_COLUMNS`).
    as_of : date
        The day of the extract (:data:`kamcourse.data.END_DATE` for the company's data).
    max_age_days : int, default :data:`STALE_DAYS`
    threshold : float, default 85
        Trade-name similarity for candidate duplicates.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``row_id``, ``fault`` (keys of :data:`kamcourse.vocabulary.DATA_FAULTS`),
        ``field``; sorted by table (accounts first), record, then fault in the order of ``DATA_FAULTS``.

    Raises
    ------
    ValueError
        If a column is missing or ``as_of`` is not a date.

    Examples
    --------
    >>> accounts = pd.DataFrame({"record_id": ["R1", "R2"], "company_name": ["永达机床有限公司", "Yongda Machine Tool Co."],
    ...     "industry_label": ["machine_tools", "机床"], "region": ["east_china"] * 2, "phone": ["021-88000001", None],
    ...     "last_updated": pd.to_datetime(["2025-10-01", "2022-03-01"])})
    >>> contacts = pd.DataFrame({"contact_record_id": ["K1"], "record_id": ["R2"], "mobile": ["1390000001"],
    ...     "status": ["active"], "last_contact_date": pd.to_datetime(["2025-01-05"]), "note": [None]})
    >>> find_faults(accounts, contacts, "2025-12-31")[["row_id", "fault", "field"]]
      row_id               fault           field
    0     R2       missing_value           phone
    1     R2  inconsistent_label  industry_label
    2     R2    duplicate_record    company_name
    3     R2        stale_record    last_updated
    4     K1     malformed_phone          mobile
    """
    require_columns(accounts, [*ACCOUNT_COLUMNS, "last_updated"], "accounts")
    require_columns(contacts, CONTACT_COLUMNS, "contacts")
    ids, cids = accounts["record_id"], contacts["contact_record_id"]
    labels = standardize_labels(accounts["industry_label"])
    phones, mobiles = phone_status(accounts["phone"]), phone_status(contacts["mobile"])
    groups = duplicate_groups(accounts, duplicate_pairs(accounts, threshold))
    parts = [
        _rows("raw_accounts", ids[labels["match"].eq("missing").to_numpy()], "missing_value", "industry_label"),
        _rows("raw_accounts", ids[phones.eq("missing").to_numpy()], "missing_value", "phone"),
        _rows("raw_accounts", ids[phones.eq("malformed").to_numpy()], "malformed_phone", "phone"),
        _rows("raw_accounts", ids[labels["match"].isin(["synonym", "fuzzy", "unmatched"]).to_numpy()],
              "inconsistent_label", "industry_label"),
        _rows("raw_accounts", groups.index[groups.index != groups.to_numpy()], "duplicate_record", "company_name"),
        _rows("raw_accounts", ids[stale_records(accounts["last_updated"], as_of, max_age_days).to_numpy()],
              "stale_record", "last_updated"),
        _rows("raw_contacts", cids[mobiles.eq("missing").to_numpy()], "missing_value", "mobile"),
        _rows("raw_contacts", cids[mobiles.eq("malformed").to_numpy()], "malformed_phone", "mobile"),
        _rows("raw_contacts", departed_contacts(contacts)["contact_record_id"], "departed_contact", "status"),
    ]
    out = pd.concat(parts, ignore_index=True)
    order = {"raw_accounts": 0, "raw_contacts": 1}
    out = out.assign(_t=out["table"].map(order), _f=out["fault"].map({f: i for i, f in enumerate(DATA_FAULTS)}))
    return out.sort_values(["_t", "row_id", "_f", "field"]).drop(columns=["_t", "_f"]).reset_index(drop=True)

"""Contact coverage (联系人覆盖): who holds each account's contacts, one person (bow tie) or a team (diamond)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..validation import as_date, as_dates, check_fraction, check_positive_int, require_columns
from ..vocabulary import COVERAGE_MODELS

__all__ = ["COVERAGE_MODELS", "contact_coverage"]


def contact_coverage(
    contacts: pd.DataFrame,
    staff: pd.DataFrame | None = None,
    *,
    bow_tie_share: float = 0.8,
    min_owners: int = 3,
    as_of: str | pd.Timestamp | None = None,
    customer_col: str = "customer_id",
    owner_col: str = "staff_id",
) -> pd.DataFrame:
    """Who holds each account's contacts: bow tie (领结型) or diamond (钻石型) coverage.

    In a **bow tie** all traffic between supplier and account runs through one
    knot, usually the account manager; if that person leaves, the relationship
    can leave with them (the course materials' "runaway horse" case). In a
    **diamond** many people on each side know each other, function to
    function (Cheverton 2004; McDonald & Rogers 1998).

    For each account, with ``n`` its contacts and the *key person* the staff
    member holding the most of them (ties: the smallest staff id)::

        key_person_share = contacts held by the key person / n
        model            = "bow_tie"  if n_owners < min_owners or key_person_share >= bow_tie_share
                           "diamond"  otherwise
        key_person_risk  = model == "bow_tie"   (or, with ``staff``, the key person has left)

    The thresholds are this kit's convention, not numbers from a source: one
    person holding 80% or more of the contacts is the knot, and a diamond
    needs at least three of our people linked to the account (say sales,
    service and technical); a second person alone is a back-up, not a diamond.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per customer-side contact, with the account (``customer_col``)
        and the staff member of ours who holds the relationship (``owner_col``).
    staff : pandas.DataFrame, optional
        Staff table with ``staff_id`` and ``leave_date`` (NaT while employed).
        When given, the result also says whether the key person has left and
        how many of the account's owners have left, and a key person who has
        left counts as a risk even in a diamond.
    bow_tie_share : float
        Share of the contacts (in (0, 1]) at or above which one person is the knot.
    min_owners : int
        Fewer distinct owners than this is a bow tie whatever the shares.
    as_of : date-like, optional
        With ``staff``: a leave date after ``as_of`` does not count as gone yet.
        By default any recorded leave date counts.
    customer_col, owner_col : str
        Column names of the account and of the staff member in ``contacts``.

    Returns
    -------
    pandas.DataFrame
        One row per account (index = account id, sorted), columns
        ``n_contacts``, ``n_owners``, ``key_person``, ``key_person_share``,
        ``model`` (``"bow_tie"``/``"diamond"``), ``key_person_risk`` (bool);
        with ``staff`` also ``key_person_left`` (bool) and ``owners_left``.

    Raises
    ------
    TypeError
        If ``contacts`` (or ``staff``) is not a DataFrame.
    ValueError
        If a column is missing (the message lists those present), if an account
        or owner is missing (NaN), if a contact's owner is not in ``staff``, or
        if a threshold is out of range.

    References
    ----------
    .. [1] Cheverton, P. (2004). *Key Account Management*, 3rd ed. Kogan Page (bow tie and diamond).
    .. [2] McDonald, M., & Rogers, B. (1998). *Key Account Management*. Butterworth-Heinemann.

    Examples
    --------
    >>> contacts = pd.DataFrame({
    ...     "customer_id": ["C1", "C1", "C1", "C2", "C2", "C2", "C2"],
    ...     "staff_id":    ["S1", "S1", "S1", "S1", "S2", "S3", "S2"]})
    >>> table = contact_coverage(contacts)
    >>> table[["n_contacts", "n_owners", "key_person", "model", "key_person_risk"]]
                 n_contacts  n_owners key_person    model  key_person_risk
    customer_id
    C1                    3         1         S1  bow_tie             True
    C2                    4         3         S2  diamond            False
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3"],
    ...                       "leave_date": pd.to_datetime(["2024-06-30", None, None])})
    >>> contact_coverage(contacts, staff)[["key_person_left", "owners_left"]]
                 key_person_left  owners_left
    customer_id
    C1                      True            1
    C2                     False            1
    >>> contact_coverage(contacts.rename(columns={"staff_id": "owner"}))
    Traceback (most recent call last):
    ...
    ValueError: contacts is missing column(s) 'staff_id'; columns present: customer_id, owner
    """
    require_columns(contacts, [customer_col, owner_col], "contacts", complete=True)
    share = check_fraction(bow_tie_share, "bow_tie_share", low=0.0, high=1.0, low_open=True)
    min_owners = check_positive_int(min_owners, "min_owners")
    counts = contacts.groupby([customer_col, owner_col], sort=True).size().rename("held").reset_index()
    # the key person: most contacts, ties broken by the smallest owner id (counts is sorted by id)
    counts = counts.sort_values([customer_col, "held"], ascending=[True, False], kind="stable")
    top = counts.drop_duplicates(customer_col, keep="first").set_index(customer_col)
    n_contacts = counts.groupby(customer_col)["held"].sum()
    table = pd.DataFrame(
        {
            "n_contacts": n_contacts.astype(int),
            "n_owners": counts.groupby(customer_col)[owner_col].nunique().astype(int),
            "key_person": top[owner_col],
            "key_person_share": top["held"] / n_contacts,
        }
    )
    table.index.name = customer_col
    bow_tie = (table["n_owners"] < min_owners) | (table["key_person_share"] >= share - 1e-12)
    table["model"] = bow_tie.map({True: "bow_tie", False: "diamond"})
    table["key_person_risk"] = bow_tie.astype(bool)
    if staff is not None:
        _mark_departures(table, counts, staff, as_of, customer_col, owner_col)
    return table


def _mark_departures(
    table: pd.DataFrame, counts: pd.DataFrame, staff: pd.DataFrame, as_of: Any, customer_col: str, owner_col: str
) -> None:
    """Add ``key_person_left`` and ``owners_left`` to ``table``; a key person who left is a risk too."""
    require_columns(staff, ["staff_id", "leave_date"], "staff")
    leave = as_dates(staff.set_index("staff_id")["leave_date"], "staff['leave_date']", allow_missing=True)
    unknown = sorted(set(counts[owner_col]) - set(leave.index), key=str)
    if unknown:
        raise ValueError(f"contacts[{owner_col!r}] holds staff id(s) not in staff: {', '.join(map(repr, unknown[:5]))}")
    gone = leave.notna()
    if as_of is not None:
        gone = gone & (leave <= as_date(as_of, "as_of"))
    gone_ids = set(gone[gone].index)
    table["key_person_left"] = table["key_person"].isin(gone_ids).astype(bool)
    counts["left"] = counts[owner_col].isin(gone_ids)
    table["owners_left"] = counts.groupby(customer_col)["left"].sum().astype(int)
    table["key_person_risk"] = table["key_person_risk"] | table["key_person_left"]

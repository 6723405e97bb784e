"""The buying centre (采购中心): who at a key account takes part in the buying decision, and who of ours knows them.

Webster & Wind (1972) call everyone in the customer's organisation who takes part in a purchase its
*buying centre*, with five roles: **users** (use the product), **influencers** (shape the criteria,
often engineers), **buyers** (formal authority to choose the supplier and arrange the terms), **deciders**
(the power to choose among suppliers) and **gatekeepers** (control what information reaches the
others). One person can play several roles; the tables here record the main one.

A key account is a *buying centre*, not a buyer: the course materials name as a challenge of key
accounts that "large firms involve many departments, and different decision makers differ in what
they want" (大客户服务的挑战与难点). A supplier who knows only the purchasing department has not
covered the account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..validation import as_date, as_dates, check_keys, check_positive_int, require_columns
from ..vocabulary import BUYING_ROLES, DECISION_LEVELS

__all__ = ["BUYING_ROLES", "LEVEL_ROLES", "buying_centre_map", "decider_coverage"]

#: Webster & Wind's roles that each ``decision_level`` of the contacts table can stand for: four map one to
#: one, a ``gatekeeper`` may be the gatekeeper or the buyer (the purchasing agent who arranges the terms).
LEVEL_ROLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"decision_maker": ("decider",), "influencer": ("influencer",), "user": ("user",),
     "gatekeeper": ("gatekeeper", "buyer")}
)
assert set(LEVEL_ROLES) == set(DECISION_LEVELS)


def _roles(contacts: pd.DataFrame, buying_centre: pd.DataFrame) -> pd.DataFrame:
    """contacts joined with their buying-centre row (contact_id, customer_id, staff_id, buying_role, last_met_date)."""
    require_columns(contacts, ["contact_id", "customer_id", "staff_id"], "contacts", complete=True)
    require_columns(buying_centre, ["contact_id", "buying_role"], "buying_centre", complete=True)
    check_keys(buying_centre["buying_role"], "buying_centre['buying_role']", BUYING_ROLES, what="buying role")
    if buying_centre["contact_id"].duplicated().any():
        dup = buying_centre.loc[buying_centre["contact_id"].duplicated(), "contact_id"].iloc[0]
        raise ValueError(f"buying_centre has contact {dup!r} twice; give one row per contact")
    cols = ["contact_id", "buying_role"] + (["last_met_date"] if "last_met_date" in buying_centre else [])
    merged = contacts[["contact_id", "customer_id", "staff_id"]].merge(buying_centre[cols], on="contact_id", how="left")
    unknown = merged.loc[merged["buying_role"].isna(), "contact_id"]
    if len(unknown):
        raise ValueError(f"buying_centre has no row for contact(s) {', '.join(map(repr, unknown[:5]))}")
    return merged


def _only(table: pd.DataFrame, accounts: Iterable[Any] | None) -> pd.DataFrame:
    if accounts is None:
        return table
    wanted = list(accounts)
    return table[table["customer_id"].isin(wanted)]


def buying_centre_map(
    contacts: pd.DataFrame, buying_centre: pd.DataFrame, accounts: Iterable[Any] | None = None
) -> pd.DataFrame:
    """How many contacts each account has in each buying-centre role (采购中心角色分布).

    For each account, the number of its contacts whose main role is user, influencer, buyer, decider or
    gatekeeper (Webster & Wind 1972), and the number of roles in which we know **nobody**::

        roles_unknown = number of the five roles with no contact

    Source: Webster, F.E. & Wind, Y. (1972), "A general model for understanding organizational buying
    behavior", *Journal of Marketing* 36(2): 12-19.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per contact: ``contact_id``, ``customer_id``, ``staff_id``.
    buying_centre : pandas.DataFrame
        One row per contact: ``contact_id``, ``buying_role`` (a key of :data:`BUYING_ROLES`).
    accounts : iterable, optional
        Keep only these accounts (e.g. the key accounts); all by default.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_id`` (sorted); one column per role in :data:`BUYING_ROLES` order (counts),
        ``n_contacts`` and ``roles_unknown``.

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing, a role is not one of the five, a contact appears twice in
        ``buying_centre`` or has no row there.

    Examples
    --------
    >>> contacts = pd.DataFrame({"contact_id": ["P1", "P2", "P3"], "customer_id": ["C1", "C1", "C2"],
    ...                          "staff_id": ["S1", "S1", "S2"]})
    >>> roles = pd.DataFrame({"contact_id": ["P1", "P2", "P3"], "buying_role": ["buyer", "decider", "buyer"]})
    >>> buying_centre_map(contacts, roles)[["buyer", "decider", "n_contacts", "roles_unknown"]]
                 buyer  decider  n_contacts  roles_unknown
    customer_id
    C1               1        1           2              3
    C2               1        0           1              4
    >>> buying_centre_map(contacts, roles.assign(buying_role="boss"))
    Traceback (most recent call last):
    ...
    ValueError: buying_centre['buying_role'] holds unknown buying role 'boss'; valid: user, influencer, buyer, decider, gatekeeper
    """
    merged = _only(_roles(contacts, buying_centre), accounts)
    table = pd.crosstab(merged["customer_id"], merged["buying_role"]).reindex(columns=list(BUYING_ROLES), fill_value=0)
    table.columns.name = None
    table["n_contacts"] = table[list(BUYING_ROLES)].sum(axis=1)
    table["roles_unknown"] = (table[list(BUYING_ROLES)] == 0).sum(axis=1)
    return table.sort_index().astype(int)


def decider_coverage(
    contacts: pd.DataFrame,
    buying_centre: pd.DataFrame,
    staff: pd.DataFrame,
    as_of: Any,
    *,
    max_days: int = 365,
    accounts: Iterable[Any] | None = None,
) -> pd.DataFrame:
    """Are each account's deciders covered? (决策者覆盖): held by someone still with us, and met lately.

    A decider counts as **covered** on ``as_of`` when the member of our staff who holds the contact
    has not left by then *and* has met the decider within the last ``max_days`` days::

        covered  = holder employed on as_of  and  as_of − last_met_date <= max_days
        uncovered account = it has deciders and none of them is covered

    An account without any decider in the CRM is flagged too (``no_decider``): nobody knows who decides.
    A contact held by someone who left is the runaway horse (脱缰野马, course materials); a decider never met
    within the year is the classic "we only know purchasing". The one-year window is this kit's
    convention. The roles are Webster & Wind's (1972).

    Parameters
    ----------
    contacts : pandas.DataFrame
        ``contact_id``, ``customer_id``, ``staff_id`` (who holds the relationship).
    buying_centre : pandas.DataFrame
        ``contact_id``, ``buying_role``, ``last_met_date`` (NaT: never met).
    staff : pandas.DataFrame
        ``staff_id``, ``leave_date`` (NaT while employed).
    as_of : date-like
        The day of the check.
    max_days : int, default 365
        A meeting longer ago than this does not count.
    accounts : iterable, optional
        Keep only these accounts; all by default.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_id`` (sorted), columns ``deciders``, ``covered``, ``holder_left`` (deciders
        whose holder has left), ``not_met`` (deciders held by someone still here but not met within
        ``max_days``), ``no_decider`` (bool) and ``uncovered`` (bool: no decider covered).

    Raises
    ------
    TypeError
        If a table is not a DataFrame, ``max_days`` not a whole number or ``as_of`` not a date.
    ValueError
        If a column is missing, a contact's holder is not in ``staff``, or ``max_days`` is below 1.

    Examples
    --------
    >>> contacts = pd.DataFrame({"contact_id": ["P1", "P2", "P3", "P4"], "customer_id": ["C1", "C1", "C2", "C3"],
    ...                          "staff_id": ["S1", "S1", "S2", "S1"]})
    >>> roles = pd.DataFrame({"contact_id": ["P1", "P2", "P3", "P4"],
    ...                       "buying_role": ["buyer", "decider", "decider", "decider"],
    ...                       "last_met_date": pd.to_datetime(["2025-11-01", "2024-03-01", "2025-10-01", "2025-12-01"])})
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2"], "leave_date": pd.to_datetime([None, "2025-06-30"])})
    >>> decider_coverage(contacts, roles, staff, "2025-12-31")
                 deciders  covered  holder_left  not_met  no_decider  uncovered
    customer_id
    C1                  1        0            0        1       False       True
    C2                  1        0            1        0       False       True
    C3                  1        1            0        0       False      False
    """
    day = as_date(as_of, "as_of")
    window = check_positive_int(max_days, "max_days")
    merged = _only(_roles(contacts, buying_centre), accounts)
    if "last_met_date" not in merged:
        raise ValueError("buying_centre is missing column(s) 'last_met_date'; it says when each contact was last met")
    require_columns(staff, ["staff_id", "leave_date"], "staff")
    leave = as_dates(staff.set_index("staff_id")["leave_date"], "staff['leave_date']", allow_missing=True)
    unknown = sorted(set(merged["staff_id"]) - set(leave.index))
    if unknown:
        raise ValueError(f"contacts['staff_id'] holds staff id(s) not in staff: {', '.join(map(repr, unknown[:5]))}")
    met = as_dates(merged["last_met_date"], "buying_centre['last_met_date']", allow_missing=True)
    left = merged["staff_id"].map(leave).le(day).fillna(False).astype(bool)
    recent = ((day - met).dt.days <= window).fillna(False).astype(bool)
    decider = merged["buying_role"].eq("decider")
    frame = pd.DataFrame({
        "customer_id": merged["customer_id"], "deciders": decider, "covered": decider & ~left & recent,
        "holder_left": decider & left, "not_met": decider & ~left & ~recent,
    })
    table = frame.groupby("customer_id").sum().astype(int).sort_index()
    table["no_decider"] = table["deciders"].eq(0)
    table["uncovered"] = table["covered"].eq(0)
    return table

"""A diamond coverage plan (钻石型覆盖方案): spread an account's contacts so no one person holds most of them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import pandas as pd

from ...validation import as_date, as_dates, check_fraction, require_columns

__all__ = ["ROLE_MAP", "DIAMOND_ROLES", "diamond_plan"]

#: Which of our staff roles covers which customer-side contact role in a
#: diamond (this kit's convention; unknown roles go to "sales").
ROLE_MAP: Mapping[str, str] = MappingProxyType(
    {
        "purchasing": "sales",
        "management": "sales",
        "finance": "sales",
        "engineering": "technical",
        "quality": "service",
        "operations": "service",
    }
)

#: Customer-side roles a diamond adds first when an account has too few
#: contacts (this kit's convention: senior level, engineering, quality, operations).
DIAMOND_ROLES: tuple[str, ...] = ("management", "engineering", "quality", "operations", "purchasing")


def _active_staff(staff: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.DataFrame:
    require_columns(staff, ["staff_id", "role", "leave_date"], "staff")
    leave = as_dates(staff["leave_date"], "staff['leave_date']", allow_missing=True)
    active = leave.isna() if as_of is None else (leave.isna() | (leave > as_of))
    if as_of is not None and "hire_date" in staff.columns:
        hired = as_dates(staff["hire_date"], "staff['hire_date']", allow_missing=True)
        active &= hired.fillna(pd.Timestamp.min) <= as_of
    return staff[active]


def diamond_plan(
    contacts: pd.DataFrame,
    staff: pd.DataFrame,
    customer_id: str,
    *,
    max_share: float = 0.5,
    lead: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    role_map: Mapping[str, str] = ROLE_MAP,
    add_roles: Sequence[str] = DIAMOND_ROLES,
) -> pd.DataFrame:
    """A diamond coverage plan for one account: who of ours should hold which contact (钻石型客户覆盖方案).

    Turns a bow tie (one person holds the relationship) into a diamond
    (function-to-function contacts, Cheverton; bolstur.squarespace.com):

    1. each contact goes to an active member of staff whose role matches the
       contact's role (:data:`ROLE_MAP`: purchasing → sales, engineering →
       technical, quality → service, …); a current owner who is still
       employed keeps the contact if possible;
    2. nobody may hold ``max_share`` or more of the account's contacts, i.e.
       at most ``ceil(max_share * n) - 1`` of ``n``; within a role the plan
       gives the contacts to as few people as possible (``lead`` first, then
       whoever already holds contacts of the account, then the least busy), so
       that a key account manager coordinates the team;
    3. if the account has too few contacts for that, the plan adds contacts
       at customer roles it lacks (:data:`DIAMOND_ROLES`: senior management,
       engineering, quality, …; then second contacts in those roles) to
       find and meet.

    The threshold ``max_share = 0.5`` and the role mapping are this kit's
    convention. Check the plan with
    ``contact_coverage(plan, owner_col="proposed_staff_id")``
    (:func:`kamcourse.relationship.contact_coverage`).

    Parameters
    ----------
    contacts : pandas.DataFrame
        Columns ``contact_id``, ``customer_id``, ``role``, ``staff_id``.
    staff : pandas.DataFrame
        Columns ``staff_id``, ``role`` (``"sales"``, ``"service"``,
        ``"technical"``), ``leave_date`` (NaT while employed).
    customer_id : str
        The account to plan.
    max_share : float
        Largest share of the contacts one person may reach, in (0, 1).
    lead : str, optional
        ``staff_id`` of the new key account manager, served first for the
        contacts of their role; must be active.
    as_of : date-like, optional
        Staff who left on or before this day (or were not hired yet) are not
        available; default: everyone without a leave date.
    role_map : mapping
        Customer-side contact role → our staff role.
    add_roles : sequence of str
        Customer-side roles to add, in order, when the account has too few contacts.

    Returns
    -------
    pandas.DataFrame
        One row per contact (existing, then added): ``contact_id`` (added
        ones ``"NEW-<customer>-<n>"``), ``customer_id``, ``contact_role``,
        ``current_staff_id`` (empty for added contacts),
        ``proposed_staff_id``, ``proposed_role`` (our staff role),
        ``plan_action`` (``"keep_holder"``, ``"reassign_contact"``,
        ``"add_contact"``: glossary keys, like the column names).

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing, the account has no contacts, ``max_share``
        is outside (0, 1), or there are not enough active staff or roles to add.

    Examples
    --------
    >>> contacts = pd.DataFrame({"contact_id": ["K1", "K2"], "customer_id": "B",
    ...                          "role": ["purchasing", "engineering"], "staff_id": "S1"})
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3", "S4"],
    ...                       "role": ["sales", "sales", "technical", "service"],
    ...                       "leave_date": pd.to_datetime(["2025-03-01", None, None, None])})
    >>> plan = diamond_plan(contacts, staff, "B")
    >>> plan[["contact_id", "contact_role", "current_staff_id", "proposed_staff_id", "plan_action"]]
      contact_id contact_role current_staff_id proposed_staff_id       plan_action
    0         K1   purchasing               S1                S2  reassign_contact
    1         K2  engineering               S1                S3  reassign_contact
    2    NEW-B-1   management                                 S4       add_contact
    >>> diamond_plan(contacts, staff, "Z")
    Traceback (most recent call last):
    ...
    ValueError: customer_id 'Z' has no contacts
    """
    require_columns(contacts, ["contact_id", "customer_id", "role", "staff_id"], "contacts")
    share = check_fraction(max_share, "max_share", low_open=True, high_open=True)
    active = _active_staff(staff, as_date(as_of, "as_of") if as_of is not None else None)
    if active.empty:
        raise ValueError("no active staff to cover the account")
    own = contacts[contacts["customer_id"] == customer_id]
    if own.empty:
        raise ValueError(f"customer_id {customer_id!r} has no contacts")
    rows = _seats(own, customer_id, share, add_roles)
    cap = math.ceil(share * len(rows) - 1e-12) - 1
    role_of = dict(zip(active["staff_id"], active["role"]))
    if lead is not None and lead not in role_of:
        raise ValueError(f"lead must be the staff_id of someone still employed, got {lead!r}")
    load = contacts["staff_id"].value_counts().reindex(list(role_of), fill_value=0).to_dict()
    _assign(rows, role_of, load, role_map, lead, cap, f"account {customer_id!r} below {share:g}")
    return pd.DataFrame(rows, columns=["contact_id", "customer_id", "contact_role", "current_staff_id",
                                       "proposed_staff_id", "proposed_role", "plan_action"])


def _assign(
    rows: list[dict], role_of: dict[str, str], load: dict[str, int], role_map: Mapping[str, str], lead: str | None,
    cap: int, what: str,
) -> None:
    """Give each seat a holder: the current one if still employed, else the matching role with room, lead first."""
    held: dict[str, int] = {}
    for row in rows:
        wanted = role_map.get(row["contact_role"], "sales")
        current = row["current_staff_id"]
        if current in role_of and held.get(current, 0) < cap:
            choice = current
        else:
            pool = [s for s in role_of if role_of[s] == wanted and held.get(s, 0) < cap]
            pool = pool or [s for s in role_of if held.get(s, 0) < cap]
            if not pool:
                raise ValueError(f"not enough active staff to keep every share of {what}")
            choice = min(pool, key=lambda s: (s != lead, -held.get(s, 0), load.get(s, 0), s))
        held[choice] = held.get(choice, 0) + 1
        load[choice] = load.get(choice, 0) + 1
        row["proposed_staff_id"] = choice
        row["proposed_role"] = role_of[choice]
        row["plan_action"] = (
            "add_contact" if current == "" else ("keep_holder" if choice == current else "reassign_contact")
        )


def _seats(own: pd.DataFrame, customer_id: str, share: float, add_roles: Sequence[str]) -> list[dict]:
    """The account's contacts, plus new ones until every person can stay below ``share`` of them."""
    rows = [
        {"contact_id": r.contact_id, "customer_id": customer_id, "contact_role": r.role, "current_staff_id": r.staff_id}
        for r in own.itertuples(index=False)
    ]
    present = {r["contact_role"] for r in rows}
    # roles the account lacks first, then second contacts in the same roles
    extra_roles = [r for r in add_roles if r not in present] + list(add_roles)
    added = 0
    # smallest n with at least one seat per person below the threshold: ceil(share*n) - 1 >= 1
    while math.ceil(share * len(rows) - 1e-12) - 1 < 1:
        if not extra_roles:
            raise ValueError(f"account {customer_id!r} has too few contacts for max_share={share:g} and add_roles is empty")
        added += 1
        rows.append(
            {
                "contact_id": f"NEW-{customer_id}-{added}",
                "customer_id": customer_id,
                "contact_role": extra_roles[(added - 1) % len(extra_roles)],
                "current_staff_id": "",
            }
        )
    return rows

"""The relationship plan of a key-account plan (客户关系计划): for each person at the account, who of ours meets them and what to do next."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..validation import as_date, as_dates, check_positive_int, require_columns
from ..vocabulary import BUYING_ROLES
from .buying_centre import buying_centre_map

__all__ = ["CONTACT_ACTIONS", "ACTION_PRIORITY", "relationship_plan"]

#: The next step for one contact, from the most to the least urgent (this kit's rules, see :func:`relationship_plan`).
CONTACT_ACTIONS: tuple[str, ...] = ("reassign_holder", "meet_now", "first_meeting", "find_contact", "meet_soon",
                                    "keep_in_touch")
#: Priority of each action (1 = first).
ACTION_PRIORITY: Mapping[str, int] = MappingProxyType({a: i + 1 for i, a in enumerate(CONTACT_ACTIONS)})

_SENIOR = ("decider", "buyer")


def _action(left: bool, met_days: float, role: str, window: int) -> str:
    if left:
        return "reassign_holder"
    if pd.isna(met_days):
        return "first_meeting"
    if met_days > window:
        return "meet_now" if role in _SENIOR else "meet_soon"
    return "keep_in_touch"


def relationship_plan(
    contacts: pd.DataFrame,
    buying_centre: pd.DataFrame,
    staff: pd.DataFrame,
    customer_id: Any,
    as_of: Any,
    *,
    max_days: int = 365,
) -> pd.DataFrame:
    """Who we know at one account, who of ours holds each relationship, and the next step (关系计划).

    One row per contact of the account, plus one ``find_contact`` row for each buying-centre role in
    which we know nobody (Webster & Wind 1972: users, influencers, buyers, deciders, gatekeepers).
    The next step, most urgent first (this kit's rules; the one-year window as in
    :func:`~kamcourse.kam_organisation.decider_coverage`):

    - ``reassign_holder``: the member of staff who holds the contact has left (the runaway horse,
      脱缰野马, course materials): give the contact to someone else and meet them;
    - ``meet_now``: a decider or buyer not met for more than ``max_days`` days;
    - ``first_meeting``: never met;
    - ``find_contact``: a role of the buying centre in which we know nobody;
    - ``meet_soon``: another contact not met for more than ``max_days`` days;
    - ``keep_in_touch``: met within ``max_days`` days.

    Parameters
    ----------
    contacts : pandas.DataFrame
        ``contact_id``, ``customer_id``, ``staff_id``; ``name``/``name_zh`` and ``role`` are kept if present.
    buying_centre : pandas.DataFrame
        ``contact_id``, ``buying_role``, ``last_met_date``.
    staff : pandas.DataFrame
        ``staff_id``, ``role``, ``leave_date``.
    customer_id : label
        The account.
    as_of : date-like
        The day of the plan.
    max_days : int, default 365
        A meeting longer ago than this calls for a new one.

    Returns
    -------
    pandas.DataFrame
        Sorted by priority then role: ``contact_id``, ``name``, ``name_zh``, ``role``, ``buying_role``,
        ``staff_id``, ``holder_role``, ``holder_left``, ``last_met_date``, ``days_since_met``,
        ``action``, ``priority``. The ``find_contact`` rows have no contact, holder or meeting.

    Raises
    ------
    TypeError
        If a table is not a DataFrame or ``as_of`` is not a date.
    ValueError
        If a column is missing, the account has no contact, or a holder is not in ``staff``.

    Examples
    --------
    >>> contacts = pd.DataFrame({"contact_id": ["P1", "P2"], "customer_id": ["C1", "C1"], "staff_id": ["S1", "S2"]})
    >>> roles = pd.DataFrame({"contact_id": ["P1", "P2"], "buying_role": ["buyer", "decider"],
    ...                       "last_met_date": pd.to_datetime(["2025-11-01", "2024-05-01"])})
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2"], "role": ["sales", "sales"],
    ...                       "leave_date": pd.to_datetime([None, None])})
    >>> plan = relationship_plan(contacts, roles, staff, "C1", "2025-12-31")
    >>> plan[["contact_id", "buying_role", "days_since_met", "action"]]
      contact_id buying_role  days_since_met         action
    0         P2     decider           609.0       meet_now
    1        NaN  gatekeeper             NaN   find_contact
    2        NaN  influencer             NaN   find_contact
    3        NaN        user             NaN   find_contact
    4         P1       buyer            60.0  keep_in_touch
    """
    day = as_date(as_of, "as_of")
    window = check_positive_int(max_days, "max_days")
    require_columns(staff, ["staff_id", "role", "leave_date"], "staff")
    require_columns(buying_centre, ["contact_id", "buying_role", "last_met_date"], "buying_centre")
    counts = buying_centre_map(contacts, buying_centre, accounts=[customer_id])
    if customer_id not in counts.index:
        raise ValueError(f"customer_id {customer_id!r} has no contact in contacts")
    mine = contacts[contacts["customer_id"] == customer_id]
    keep = [c for c in ("contact_id", "name", "name_zh", "role", "staff_id") if c in mine.columns]
    plan = mine[keep].merge(buying_centre[["contact_id", "buying_role", "last_met_date"]], on="contact_id")
    people = staff.set_index("staff_id")
    unknown = sorted(set(plan["staff_id"]) - set(people.index))
    if unknown:
        raise ValueError(f"contacts['staff_id'] holds staff id(s) not in staff: {', '.join(map(repr, unknown[:5]))}")
    leave = as_dates(people["leave_date"], "staff['leave_date']", allow_missing=True)
    plan["holder_role"] = plan["staff_id"].map(people["role"])
    plan["holder_left"] = plan["staff_id"].map(leave).le(day).fillna(False).astype(bool)
    met = as_dates(plan["last_met_date"], "buying_centre['last_met_date']", allow_missing=True)
    plan["days_since_met"] = (day - met).dt.days.astype(float)
    plan["action"] = [_action(lft, d, r, window) for lft, d, r in
                      zip(plan["holder_left"], plan["days_since_met"], plan["buying_role"])]
    missing = [r for r in BUYING_ROLES if counts.at[customer_id, r] == 0]
    if missing:
        plan = pd.concat([plan, pd.DataFrame({"buying_role": missing, "action": "find_contact"})], ignore_index=True)
    plan["priority"] = plan["action"].map(ACTION_PRIORITY).astype(int)
    for col in ("contact_id", "name", "name_zh", "role", "staff_id", "holder_role"):
        if col not in plan.columns:
            plan[col] = pd.NA
    plan["holder_left"] = plan["holder_left"].astype("boolean")
    cols = ["contact_id", "name", "name_zh", "role", "buying_role", "staff_id", "holder_role", "holder_left",
            "last_met_date", "days_since_met", "action", "priority"]
    return plan.sort_values(["priority", "buying_role"], kind="stable")[cols].reset_index(drop=True)

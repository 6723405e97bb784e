"""Case "runaway horse" (脱缰野马): a key account held by one salesperson.

The course materials tell it so: company A makes hydraulic components; its key
account B makes balers. One manager, 陆经理, held every piece of information
about B in his head. In 2007 A sold 3 million yuan to B, 13% of A's total
sales. Management let him run the account alone; he grew anxious and
isolated, and B's executives knew only him. He resigned, and B stopped buying
from A. The lesson: no key-account strategy, no process, a single point of
failure.

The company's data hides the same pattern. This module finds it from the
student tables: accounts whose contacts are all held by one member of staff
who has left (:func:`find_runaway_accounts`), compares the account's revenue
before and after the leave date (:func:`revenue_before_after`), and proposes
a diamond coverage plan (:func:`diamond_plan`) so that no single person holds
most of the relationship (bow tie → diamond, :func:`kamcourse.relationship.contact_coverage`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import pandas as pd

from .._validate import check_fraction, check_number, check_positive_int, require_columns
from . import Claim, Fact

__all__ = [
    "FACTS",
    "STORY",
    "LESSONS",
    "DISCUSSION_QUESTIONS",
    "ROLE_MAP",
    "DIAMOND_ROLES",
    "implied_total_sales",
    "monthly_revenue",
    "revenue_before_after",
    "find_runaway_accounts",
    "diamond_plan",
]

#: The case's numbers as the course materials give them.
FACTS: Mapping[str, Fact] = MappingProxyType(
    {
        "account_sales": Fact(3_000_000, "yuan", ("course_materials",), "course_materials",
                              "A's sales to B in 2007, through 陆经理"),
        "share_of_sales": Fact(0.13, "fraction of A's sales", ("course_materials",), "course_materials"),
        "year": Fact(2007, "year", ("course_materials",), "course_materials"),
    }
)

#: The story as the course materials tell it (glossary keys).
STORY: tuple[Claim, ...] = (
    Claim("rh_story_companies", ("course_materials",), "course_materials"),
    Claim("rh_story_in_his_head", ("course_materials",), "course_materials"),
    Claim("rh_story_2007", ("course_materials",), "course_materials"),
    Claim("rh_story_alone", ("course_materials",), "course_materials"),
    Claim("rh_story_uneasy", ("course_materials",), "course_materials"),
    Claim("rh_story_resigned", ("course_materials",), "course_materials"),
    Claim("rh_story_diagnosis", ("course_materials",), "course_materials"),
)

#: What key-account management changes, with its support.
LESSONS: tuple[Claim, ...] = (
    Claim("rh_lesson_company_asset", ("zoho_cn",), "sourced"),
    Claim("rh_lesson_single_contact", ("bolstur", "mtdsalestraining"), "sourced"),
    Claim("rh_lesson_diamond", ("bolstur", "mtdsalestraining"), "sourced"),
    Claim("rh_lesson_deputy", ("kit",), "kit_summary"),
    Claim("rh_lesson_plan", ("kit",), "kit_summary"),
    Claim("rh_lesson_strategy", ("course_materials",), "course_materials"),
)

#: Questions for class discussion (glossary keys).
DISCUSSION_QUESTIONS: tuple[str, ...] = ("rh_q_warning_signs", "rh_q_star", "rh_q_data", "rh_q_first_90_days")

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


def implied_total_sales(account_sales: float = 3_000_000, share: float = 0.13) -> float:
    """Total sales implied by one account's sales and its share (由单一客户销售额推算总销售额).

    ``total = account_sales / share``. Course materials: 3 million yuan to
    B in 2007 was 13% of A's sales, so A's total was about 23.1 million yuan.

    Parameters
    ----------
    account_sales : float
        The account's sales (yuan), > 0.
    share : float
        Its share of total sales, in (0, 1].

    Returns
    -------
    float
        Total sales (yuan).

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If ``account_sales`` <= 0 or ``share`` is outside (0, 1].

    Examples
    --------
    >>> round(implied_total_sales(3_000_000, 0.13) / 1e6, 1)
    23.1
    >>> implied_total_sales(3_000_000, 13)
    Traceback (most recent call last):
    ...
    ValueError: share must be in (0, 1], got 13
    """
    sales = check_number(account_sales, "account_sales")
    if sales <= 0:
        raise ValueError(f"account_sales must be positive, got {account_sales!r}")
    return sales / check_fraction(share, "share", low_open=True)


def _orders_of(orders: pd.DataFrame, customer_id: str) -> pd.DataFrame:
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    if orders["net_revenue"].isna().any() or orders["order_date"].isna().any():
        raise ValueError("orders has missing values (NaN) in order_date or net_revenue")
    own = orders[orders["customer_id"] == customer_id]
    if own.empty:
        raise ValueError(f"customer_id {customer_id!r} has no orders")
    return own.assign(order_date=pd.to_datetime(own["order_date"]))


def monthly_revenue(
    orders: pd.DataFrame,
    customer_id: str,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> pd.Series:
    """Net revenue of one account per calendar month, months without orders = 0 (月度销售额).

    Source: this kit's data layout (``orders.net_revenue`` in yuan).

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    customer_id : str
        The account.
    start, end : date-like, optional
        First and last month shown; default: the first and last month of
        ``orders`` (all accounts), so a silent end shows as zeros.

    Returns
    -------
    pandas.Series
        Index: month start dates; values: yuan.

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame.
    ValueError
        If a column is missing, a value is NaN or the account has no orders.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["B", "B", "X"], "net_revenue": [100.0, 50.0, 1.0],
    ...                   "order_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-03-31"])})
    >>> monthly_revenue(o, "B")
    month
    2025-01-01    150.0
    2025-02-01      0.0
    2025-03-01      0.0
    Freq: MS, Name: net_revenue, dtype: float64
    """
    own = _orders_of(orders, customer_id)
    all_dates = pd.to_datetime(orders["order_date"])
    first = pd.Timestamp(start if start is not None else all_dates.min()).to_period("M").to_timestamp()
    last = pd.Timestamp(end if end is not None else all_dates.max()).to_period("M").to_timestamp()
    months = pd.date_range(first, last, freq="MS")
    by_month = own.groupby(own["order_date"].dt.to_period("M").dt.to_timestamp())["net_revenue"].sum()
    out = by_month.reindex(months, fill_value=0.0).astype(float)
    out.index.name = "month"
    return out


def revenue_before_after(
    orders: pd.DataFrame,
    customer_id: str,
    leave_date: str | pd.Timestamp,
    months: int = 12,
    end: str | pd.Timestamp | None = None,
) -> pd.Series:
    """An account's revenue in equal windows before and after a date (离职前后销售额对比).

    ``before`` = revenue in the ``months`` months up to ``leave_date``,
    ``after`` = revenue in the same number of months from ``leave_date``;
    if the data ends sooner (``end``, default the last order date of all
    accounts), both windows shrink to the months available, so the
    comparison stays fair. ``change = after / before - 1``. Source: this
    kit's convention for a before/after comparison.

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    customer_id : str
    leave_date : date-like
        The day the salesperson left.
    months : int
        Window length in months (>= 1).
    end : date-like, optional
        Last day of the data.

    Returns
    -------
    pandas.Series
        ``window_months`` (window used), ``revenue_before``,
        ``revenue_after`` (yuan), ``revenue_change`` (fraction; NaN when
        ``revenue_before`` is 0).

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame or ``months`` not a whole number.
    ValueError
        If the account has no orders, or no whole month follows ``leave_date``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": "B", "net_revenue": [100.0, 100.0, 30.0],
    ...                   "order_date": pd.to_datetime(["2024-09-01", "2025-02-01", "2025-08-01"])})
    >>> revenue_before_after(o, "B", "2025-03-01", months=12, end="2025-12-31")
    window_months     10.00
    revenue_before   200.00
    revenue_after     30.00
    revenue_change    -0.85
    dtype: float64
    """
    own = _orders_of(orders, customer_id)
    months = check_positive_int(months, "months")
    leave = pd.Timestamp(leave_date)
    last = pd.Timestamp(end) if end is not None else pd.to_datetime(orders["order_date"]).max()
    available = 0
    while available < months and leave + pd.DateOffset(months=available + 1) <= last + pd.Timedelta(days=1):
        available += 1
    if available == 0:
        raise ValueError(f"no whole month of data after leave_date {leave.date()} (data ends {last.date()})")
    window = pd.DateOffset(months=available)
    dates = own["order_date"]
    before = float(own.loc[(dates >= leave - window) & (dates < leave), "net_revenue"].sum())
    after = float(own.loc[(dates >= leave) & (dates < leave + window), "net_revenue"].sum())
    change = after / before - 1 if before > 0 else math.nan
    return pd.Series(
        {"window_months": float(available), "revenue_before": before, "revenue_after": after, "revenue_change": change}
    )


def find_runaway_accounts(
    contacts: pd.DataFrame,
    staff: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    as_of: str | pd.Timestamp | None = None,
    months: int = 12,
) -> pd.DataFrame:
    """Accounts whose every contact is held by one person who has left (脱缰野马式客户).

    Uses :func:`kamcourse.relationship.contact_coverage` with the staff
    table: an account qualifies when it has exactly one owner (a bow tie with
    a single knot) and that owner has a ``leave_date`` (on or before
    ``as_of``). With ``orders``, adds :func:`revenue_before_after` around
    the leave date and sorts by the revenue before (largest first), so the
    account that mattered most comes first. Source: course materials (case
    脱缰野马); bow tie vs diamond after Cheverton (bolstur.squarespace.com).

    Parameters
    ----------
    contacts : pandas.DataFrame
        Columns ``customer_id``, ``staff_id``.
    staff : pandas.DataFrame
        Columns ``staff_id``, ``leave_date`` (NaT while employed).
    orders : pandas.DataFrame, optional
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    as_of : date-like, optional
        Only leaves on or before this day count.
    months : int
        Window for the before/after revenue.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_id``; columns ``key_person`` (the staff member
        holding every contact), ``left_on`` (their leave date),
        ``n_contacts``; with ``orders`` also ``revenue_before``,
        ``revenue_after``, ``revenue_change`` (see :func:`revenue_before_after`)
        and ``share_of_revenue_before`` (the account's share of all revenue
        in the window before: compare the course materials' 13%). Column
        names are glossary keys (``.rename(columns=i18n.label)``).

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing or holds NaN (see ``contact_coverage``).

    Examples
    --------
    >>> contacts = pd.DataFrame({"customer_id": ["B", "B", "C", "C", "D"],
    ...                          "staff_id": ["S1", "S1", "S1", "S2", "S3"]})
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3"],
    ...                       "leave_date": pd.to_datetime(["2025-03-01", None, None])})
    >>> find_runaway_accounts(contacts, staff)
                key_person    left_on  n_contacts
    customer_id
    B                   S1 2025-03-01           2
    """
    from ..relationship import contact_coverage

    require_columns(staff, ["staff_id", "leave_date"], "staff")
    coverage = contact_coverage(contacts, staff, as_of=as_of)
    hit = coverage[(coverage["n_owners"] == 1) & coverage["key_person_left"]]
    leave = pd.to_datetime(staff.set_index("staff_id")["leave_date"])
    table = pd.DataFrame(
        {
            "key_person": hit["key_person"],
            "left_on": hit["key_person"].map(leave),
            "n_contacts": hit["n_contacts"],
        }
    )
    if orders is None:
        return table
    dates = pd.to_datetime(orders["order_date"])
    rows = {}
    for cid, row in table.iterrows():
        if (orders["customer_id"] == cid).any():
            r = revenue_before_after(orders, cid, row["left_on"], months)
            start = row["left_on"] - pd.DateOffset(months=int(r["window_months"]))
            total = float(orders.loc[(dates >= start) & (dates < row["left_on"]), "net_revenue"].sum())
            r["share_of_revenue_before"] = r["revenue_before"] / total if total > 0 else math.nan
        else:
            r = pd.Series({"revenue_before": 0.0, "revenue_after": 0.0, "revenue_change": math.nan,
                           "share_of_revenue_before": 0.0})
        rows[cid] = r
    columns = ["revenue_before", "revenue_after", "revenue_change", "share_of_revenue_before"]
    out = table.join(pd.DataFrame.from_dict(rows, orient="index")[columns])
    return out.sort_values(["revenue_before", "n_contacts"], ascending=False, kind="stable")


def _active_staff(staff: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.DataFrame:
    require_columns(staff, ["staff_id", "role", "leave_date"], "staff")
    leave = pd.to_datetime(staff["leave_date"])
    active = leave.isna() if as_of is None else (leave.isna() | (leave > as_of))
    if as_of is not None and "hire_date" in staff.columns:
        active &= pd.to_datetime(staff["hire_date"]).fillna(pd.Timestamp.min) <= as_of
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
    when = pd.Timestamp(as_of) if as_of is not None else None
    active = _active_staff(staff, when)
    if active.empty:
        raise ValueError("no active staff to cover the account")
    own = contacts[contacts["customer_id"] == customer_id]
    if own.empty:
        raise ValueError(f"customer_id {customer_id!r} has no contacts")

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
    cap = math.ceil(share * len(rows) - 1e-12) - 1
    role_of = dict(zip(active["staff_id"], active["role"]))
    if lead is not None and lead not in role_of:
        raise ValueError(f"lead must be the staff_id of someone still employed, got {lead!r}")
    load = contacts["staff_id"].value_counts().reindex(list(role_of), fill_value=0).to_dict()
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
                raise ValueError(f"not enough active staff to keep every share of account {customer_id!r} below {share:g}")
            choice = min(pool, key=lambda s: (s != lead, -held.get(s, 0), load.get(s, 0), s))
        held[choice] = held.get(choice, 0) + 1
        load[choice] = load.get(choice, 0) + 1
        row["proposed_staff_id"] = choice
        row["proposed_role"] = role_of[choice]
        row["plan_action"] = (
            "add_contact" if current == "" else ("keep_holder" if choice == current else "reassign_contact")
        )
    return pd.DataFrame(rows, columns=["contact_id", "customer_id", "contact_role", "current_staff_id",
                                       "proposed_staff_id", "proposed_role", "plan_action"])

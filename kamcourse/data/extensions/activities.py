"""Extension ``activities``: the contact history (客户接触记录) of the last two years, with designed gaps.

Every visit, call, greeting and business review meeting the account managers logged in the CRM system,
with the kind of maintenance it served (情感维护, 信息维护, 服务维护; the company CRM rules, course
materials). How often an account is touched follows its A/B/C tier (the company's actual habits, below
the plan of lesson 12), and four gaps are built in on purpose and recorded in the answer table
``activity_gaps``:

- ``neglected_key_account``: a few A-tier accounts in formation or stability got no visit and no review
  meeting in the last year (the materials' mistake "有了大客户万事不用管");
- ``handover_gap``: when a salesperson left, his accounts went untouched until the successor's first
  contact 90-180 days later; the runaway-horse account was never contacted again;
- ``over_served``: one salesperson visits some of his small C-tier accounts eight to twelve times a year;
- ``lost_not_called``: nobody contacts a customer four months after her last order (no win-back call).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import MAINTENANCE_KINDS, TOUCH_KINDS
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension
from .groundwork import handovers, history_start, revenue_tiers

__all__ = ["EXTENSION", "ACTUAL_RATES", "build"]

#: Touches per year the account managers actually make, by tier (this kit's convention), in TOUCH_KINDS order;
#: greetings are festival greetings (Spring Festival, Mid-Autumn), drawn per festival with the last number as chance.
ACTUAL_RATES: dict[str, tuple[float, float, float, float]] = {
    "A": (4.0, 8.0, 0.95, 1.0),
    "B": (2.0, 5.0, 0.8, 0.3),
    "C": (1.5, 3.0, 0.5, 0.0),
}
#: Chance of each maintenance kind (MAINTENANCE_KINDS order) for each touch.
_PURPOSE = {
    "visit": (0.3, 0.5, 0.2), "call": (0.0, 0.6, 0.4), "greeting": (1.0, 0.0, 0.0), "review_meeting": (0.0, 0.4, 0.6),
}
_LOST_AFTER_DAYS = 120

ACTIVITIES = Table(
    "activities",
    (
        ("activity_id", "str"), ("customer_id", "str"), ("staff_id", "str"), ("contact_id", "str"),
        ("activity_date", "date"), ("kind", "str"), ("purpose", "str"),
    ),
    primary_key=("activity_id",),
    foreign_keys=(
        ("customer_id", "customers", "customer_id"), ("staff_id", "staff", "staff_id"),
        ("contact_id", "contacts", "contact_id"),
    ),
    indexes=(("customer_id",), ("staff_id",), ("activity_date",)),
)
ACTIVITY_GAPS = Table(
    "activity_gaps",
    (("customer_id", "str"), ("gap", "str"), ("staff_id", "str"), ("start_date", "date"), ("end_date", "date")),
    primary_key=("customer_id", "gap"),
)


def _day(ts: pd.Timestamp) -> int:
    """A date as a day number (days since 1970-01-01)."""
    return int(pd.Timestamp(ts).to_datetime64().astype("datetime64[D]").astype(np.int64))


def _festivals(start: pd.Timestamp, end: pd.Timestamp, rng: np.random.Generator) -> np.ndarray:
    """Festival greeting days of each year (about the Spring Festival and the Mid-Autumn Festival), as day numbers."""
    days = []
    for year in range(start.year, end.year + 1):
        days.append(_day(pd.Timestamp(year=year, month=1, day=22)) + int(rng.integers(0, 18)))
        days.append(_day(pd.Timestamp(year=year, month=9, day=10)) + int(rng.integers(0, 22)))
    return np.array([d for d in days if _day(start) <= d <= _day(end)], dtype=np.int64)


def _touches(tier: str, stage: str, lo: int, hi: int, extra_visits: float, festivals: np.ndarray,
             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The touches one account gets between day ``lo`` and day ``hi``: kind codes (TOUCH_KINDS) and day numbers."""
    if hi < lo:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    years = (hi - lo + 1) / 365.25
    visit, call, greet, review = ACTUAL_RATES[tier]
    if stage == "exploration":
        visit, call = visit * 1.3, call * 1.3
    counts = rng.poisson(np.array([visit + extra_visits, call, review]) * years)
    kinds = np.repeat(np.array([0, 1, 3]), counts)
    days = rng.integers(lo, hi + 1, len(kinds))
    fest = festivals[(festivals >= lo) & (festivals <= hi)]
    fest = fest[rng.random(len(fest)) < greet]
    return np.concatenate([kinds, np.full(len(fest), 2)]), np.concatenate([days, fest])


def _windows(tables: Mapping[str, pd.DataFrame], start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Per customer: tier, intended stage, manager, and the window in which anyone contacts her."""
    orders = tables["orders"]
    customers = tables["customers"].set_index("customer_id")
    last = orders.groupby("customer_id")["order_date"].max()
    frame = pd.DataFrame({
        "tier": revenue_tiers(orders),
        "stage": tables["lifecycle_stages"].set_index("customer_id")["intended_stage"],
        "manager": customers["account_manager_id"],
        "lo": customers["first_order_date"].clip(lower=start),
        "hi": (last + pd.Timedelta(days=_LOST_AFTER_DAYS)).clip(upper=end),
    }).loc[customers.index]
    frame["tier"] = frame["tier"].fillna("C")
    return frame


def _handovers(tables: Mapping[str, pd.DataFrame], frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
               rng: np.random.Generator) -> pd.DataFrame:
    """Accounts handed over while still active, with the day the successor first gets in touch."""
    moves = handovers(tables, start)
    active = frame.reindex(moves["customer_id"])["hi"].to_numpy() > moves["leave_date"].to_numpy()
    moves = moves[active].reset_index(drop=True)
    moves["gap_end"] = [
        end if m.successor_id == m.leaver_id else min(end, m.leave_date + pd.Timedelta(days=int(rng.integers(90, 181))))
        for m in moves.itertuples(index=False)
    ]
    return moves


def _designed_gaps(frame: pd.DataFrame, moves: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                   rng: np.random.Generator) -> pd.DataFrame:
    """Choose the neglected key accounts, the over-served small accounts and the lost customers not called."""
    year_start = pd.Timestamp(year=end.year, month=1, day=1)
    rows = []
    core = frame[(frame["tier"] == "A") & frame["stage"].isin(["formation", "stability"])
                 & ~frame.index.isin(moves["customer_id"])]
    n_neglect = min(len(core), max(3, int(round(0.1 * len(core)))))
    for cust in sorted(rng.choice(core.index.to_numpy(), n_neglect, replace=False)):
        rows.append((cust, "neglected_key_account", frame.at[cust, "manager"], year_start, end))
    small = frame[(frame["tier"] == "C") & (frame["stage"] != "termination") & ~frame.index.isin(moves["customer_id"])]
    if len(small):
        favourite = small["manager"].value_counts().sort_index(kind="stable").idxmax()
        mine = small.index[small["manager"] == favourite].to_numpy()
        for cust in sorted(rng.choice(mine, min(8, len(mine)), replace=False)):
            rows.append((cust, "over_served", favourite, frame.at[cust, "lo"], end))
    for cust in frame.index[(frame["stage"] == "termination") & (frame["hi"] < end)]:
        rows.append((cust, "lost_not_called", frame.at[cust, "manager"],
                     max(start, frame.at[cust, "hi"] + pd.Timedelta(days=1)), end))
    for m in moves.itertuples(index=False):
        rows.append((m.customer_id, "handover_gap", m.successor_id, m.leave_date + pd.Timedelta(days=1), m.gap_end))
    gaps = pd.DataFrame(rows, columns=ACTIVITY_GAPS.column_names)
    return gaps.sort_values(["customer_id", "gap"], kind="stable").reset_index(drop=True)


def _contacts_of(contacts: pd.DataFrame, cust: str, kinds: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The contact person of each touch: the decision maker for visits and reviews, else one of the first three."""
    ids = contacts["contact_id"].to_numpy() if contacts is not None else np.array([], dtype=object)
    if len(ids) == 0:
        return np.full(len(kinds), np.nan, dtype=object)
    pick = ids[rng.integers(0, min(3, len(ids)), len(kinds))]
    deciders = ids[(contacts["decision_level"] == "decision_maker").to_numpy()]
    if len(deciders):
        pick = np.where(np.isin(kinds, [0, 3]), deciders[0], pick)
    return pick


def _account_rows(cust: str, f: pd.Series, kinds: np.ndarray, days: np.ndarray, gaps: dict[str, set],
                  move: pd.Series | None, hire: pd.Series, year_start: int, rng: np.random.Generator) -> pd.DataFrame:
    """One account's touches after the designed gaps, with the staff who made them."""
    keep = np.ones(len(kinds), dtype=bool)
    if cust in gaps.get("neglected_key_account", ()):
        late = days >= year_start
        keep &= ~(late & np.isin(kinds, [0, 3])) & ~(late & (kinds == 1) & (rng.random(len(kinds)) < 0.8))
    staff = np.full(len(kinds), f["manager"], dtype=object)
    if move is not None:
        leave, gap_end = _day(move["leave_date"]), _day(move["gap_end"])
        keep &= ~((days > leave) & (days <= gap_end))
        staff = np.where(days <= leave, move["leaver_id"], move["successor_id"])
    hired = np.array([_day(hire[s]) if s in hire.index else 0 for s in staff], dtype=np.int64)
    keep &= days >= hired
    return pd.DataFrame({"customer_id": cust, "staff_id": staff[keep], "day": days[keep], "code": kinds[keep]})


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the contact history and record its designed gaps (``activities``, ``activity_gaps``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> sorted(set(t["activities"]["kind"])) == sorted(TOUCH_KINDS)
    True
    >>> set(t["activity_gaps"]["gap"]) <= {"neglected_key_account", "handover_gap", "over_served", "lost_not_called"}
    True
    """
    end = pd.Timestamp(END_DATE)
    start = history_start(end)
    frame = _windows(tables, start, end)
    moves = _handovers(tables, frame, start, end, rng)
    festivals = _festivals(start, end, rng)
    gaps = _designed_gaps(frame, moves, start, end, rng)
    by_gap = {g: set(gaps.loc[gaps["gap"] == g, "customer_id"]) for g in gaps["gap"].unique()}
    move_of = moves.set_index("customer_id")
    contacts = dict(tuple(tables["contacts"].groupby("customer_id")))
    hire = tables["staff"].set_index("staff_id")["hire_date"]
    year_start = _day(pd.Timestamp(year=end.year, month=1, day=1))
    parts = []
    for cust, f in frame.iterrows():
        extra = 9.0 if cust in by_gap.get("over_served", ()) else 0.0
        kinds, days = _touches(f["tier"], f["stage"], _day(f["lo"]), _day(f["hi"]), extra, festivals, rng)
        move = move_of.loc[cust] if cust in move_of.index else None
        part = _account_rows(cust, f, kinds, days, by_gap, move, hire, year_start, rng)
        part["contact_id"] = _contacts_of(contacts.get(cust), cust, part["code"].to_numpy(), rng)
        parts.append(part)
    acts = pd.concat(parts, ignore_index=True)
    acts["activity_date"] = pd.to_datetime(acts["day"].to_numpy().astype("datetime64[D]"))
    acts["kind"] = np.asarray(TOUCH_KINDS)[acts["code"].to_numpy()]
    purpose = np.empty(len(acts), dtype=object)
    for kind in TOUCH_KINDS:
        sel = (acts["kind"] == kind).to_numpy()
        purpose[sel] = np.asarray(MAINTENANCE_KINDS)[rng.choice(3, int(sel.sum()), p=_PURPOSE[kind])]
    acts["purpose"] = purpose
    acts = acts.sort_values(["activity_date", "customer_id", "kind"], kind="stable").reset_index(drop=True)
    acts.insert(0, "activity_id", [f"A{j + 1:06d}" for j in range(len(acts))])
    return {"activities": acts[ACTIVITIES.column_names], "activity_gaps": gaps}


EXTENSION = Extension("activities", (ACTIVITIES,), (ACTIVITY_GAPS,), build)

"""Extension ``loyalty_programme``: the company's partner programme (忠诚计划) with a random holdout group.

On 1 January of the third-last year of the data (2023 in the default data) the company launched a points programme for the customers that had
ordered in the year before (the *eligible* ones). Points: 0.1 per yuan of net revenue, times 1.2 for gold
and 1.5 for platinum members (tier by the points of the previous calendar year: gold from 20,000,
platinum from 100,000); members redeem them for spare-parts vouchers, training days or service days;
points expire at the end of the calendar year after the one they were earned in.

Built in on purpose (answer table ``loyalty_design``):

- **a random holdout**: within blocks of five eligible customers whose revenue moved alike over the
  programme years one was drawn at random and not invited (20 %). Matching on the future is a shortcut
  only a generator can take (a company matches on the past); it makes the holdout comparison far more
  precise than a real one of this size;
- **self-selection**: invited customers joined with a chance that rises with their revenue before the
  launch and is lower for customers about to decline or leave, so members were bigger buyers already;
- **no programme effect on purchases**: the orders were made before and without the programme (the core
  simulation knows nothing of it), so any difference between invited and held-out customers is chance;
- **breakage**: small members redeem rarely, so many of their points expire.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import LOYALTY_TIERS, REWARDS
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "launch_date", "POINTS_PER_YUAN", "TIER_THRESHOLDS", "TIER_MULTIPLIERS", "REWARD_COST", "build"]

#: Points per yuan of net revenue (before the tier multiplier).
POINTS_PER_YUAN = 0.1
#: Points earned in the previous calendar year needed for each tier (LOYALTY_TIERS order).
TIER_THRESHOLDS: tuple[int, ...] = (0, 20_000, 100_000)
#: Points multiplier of each tier.
TIER_MULTIPLIERS: tuple[float, ...] = (1.0, 1.2, 1.5)
#: What one redeemed point costs the company, by reward (REWARDS order; the rewards are its own parts and services).
REWARD_COST: tuple[float, ...] = (0.055, 0.07, 0.065)
_REWARD_MIX = (0.6, 0.25, 0.15)
_REDEEM_CHANCE = (0.12, 0.45, 0.7)  # per quarter end, by tier

MEMBERS = Table(
    "loyalty_members",
    (
        ("customer_id", "str"), ("programme_group", "str"), ("joined", "bool"), ("join_date", "date"),
        ("tier", "str"),
    ),
    primary_key=("customer_id",),
    foreign_keys=(("customer_id", "customers", "customer_id"),),
)
LEDGER = Table(
    "points_ledger",
    (
        ("entry_id", "str"), ("customer_id", "str"), ("entry_date", "date"), ("entry", "str"),
        ("points", "int"), ("tier", "str"), ("order_id", "str"), ("reward", "str"), ("reward_cost", "money"),
    ),
    primary_key=("entry_id",),
    foreign_keys=(("customer_id", "customers", "customer_id"),),
    indexes=(("customer_id",), ("entry_date",)),
)
DESIGN = Table(
    "loyalty_design",
    (("customer_id", "str"), ("block", "int"), ("join_probability", "num"), ("programme_effect", "num")),
    primary_key=("customer_id",),
)


def launch_date(orders: pd.DataFrame) -> pd.Timestamp:
    """Launch of the programme: 1 January of the third-last year of the data, at least a full year after the first order.

    Examples
    --------
    >>> launch_date(pd.DataFrame({"order_date": pd.to_datetime(["2021-01-03"])}))
    Timestamp('2023-01-01 00:00:00')
    """
    end = pd.Timestamp(END_DATE)
    first = orders["order_date"].min()
    return max(pd.Timestamp(year=end.year - 2, month=1, day=1), pd.Timestamp(year=first.year + 1, month=1, day=1))


def _eligible(tables: Mapping[str, pd.DataFrame], launch: pd.Timestamp, rng: np.random.Generator) -> pd.DataFrame:
    """Eligible customers with their block, group, join chance and joining day."""
    orders = tables["orders"]
    pre = orders[(orders["order_date"] < launch) & (orders["order_date"] >= launch - pd.Timedelta(days=365))]
    pre_rev = pre.groupby("customer_id")["net_revenue"].sum()
    post = orders[orders["order_date"] >= launch].groupby("customer_id")["net_revenue"].sum()
    years = (pd.Timestamp(END_DATE) - launch).days / 365.25
    growth = (post.reindex(pre_rev.index).fillna(0.0) / years / pre_rev).clip(upper=3.0)
    stage = tables["lifecycle_stages"].set_index("customer_id")["intended_stage"].reindex(pre_rev.index)
    fading = stage.isin(["decline", "termination"]).to_numpy()
    frame = pd.DataFrame({"pre": pre_rev, "fading": fading, "growth": growth}).sort_values("growth", kind="stable")
    frame["block"] = np.arange(len(frame)) // 5
    held = np.zeros(len(frame), dtype=bool)
    for b in np.unique(frame["block"]):
        pos = np.flatnonzero(frame["block"].to_numpy() == b)
        if len(pos) == 5:
            held[pos[int(rng.integers(0, 5))]] = True
    frame["group"] = np.where(held, "holdout", "invited")
    logit = 0.2 + 1.3 * np.log10(frame["pre"].to_numpy() / 1e5) + np.where(frame["fading"], -0.9, 0.5)
    frame["p_join"] = np.round(1 / (1 + np.exp(-logit)), 4)
    frame["joined"] = ~held & (rng.random(len(frame)) < frame["p_join"].to_numpy())
    frame["join_date"] = pd.NaT
    frame.loc[frame["joined"], "join_date"] = launch + pd.to_timedelta(rng.integers(0, 181, int(frame["joined"].sum())), "D")
    return frame.sort_index()


def _tier_of(points_last_year: float) -> int:
    """Tier code (LOYALTY_TIERS) for the points earned in the previous calendar year."""
    return int(np.searchsorted(TIER_THRESHOLDS, points_last_year, side="right") - 1)


def _member_ledger(cust: str, joined: pd.Timestamp, orders: pd.DataFrame, end: pd.Timestamp,
                   rng: np.random.Generator) -> tuple[list[tuple], int]:
    """One member's ledger entries (FIFO redemption, expiry at the end of the next year) and her tier at the end."""
    rows: list[tuple] = []
    lots: list[list] = []  # [year earned, points left]
    earned_by_year: dict[int, int] = {}
    tier = 0
    mine = orders[(orders["customer_id"] == cust) & (orders["order_date"] >= joined)]
    events = [(d, "order", oid, rev) for oid, d, rev in mine[["order_id", "order_date", "net_revenue"]].itertuples(index=False)]
    quarter_ends = pd.date_range(joined, end, freq="QE")
    events += [(d, "redeem", None, 0.0) for d in quarter_ends]
    events += [(pd.Timestamp(year=y, month=12, day=31), "expire", None, 0.0) for y in range(joined.year + 1, end.year + 1)]
    for day, what, oid, rev in sorted(events, key=lambda e: (e[0], {"order": 0, "redeem": 1, "expire": 2}[e[1]])):
        tier = _tier_of(earned_by_year.get(day.year - 1, 0)) if day.year > joined.year else 0
        if what == "order":
            pts = int(np.floor(rev * POINTS_PER_YUAN * TIER_MULTIPLIERS[tier]))
            if pts > 0:
                earned_by_year[day.year] = earned_by_year.get(day.year, 0) + pts
                lots.append([day.year, pts])
                rows.append((cust, day, "earned", pts, LOYALTY_TIERS[tier], oid, None, 0.0))
        elif what == "redeem":
            balance = sum(p for _, p in lots)
            if balance >= 5_000 and rng.random() < _REDEEM_CHANCE[tier]:
                use = int(balance * rng.uniform(0.5, 1.0)) // 1000 * 1000
                reward = int(rng.choice(3, p=_REWARD_MIX))
                left = use
                for lot in lots:
                    take = min(lot[1], left)
                    lot[1] -= take
                    left -= take
                rows.append((cust, day, "redeemed", -use, None, None, REWARDS[reward], round(use * REWARD_COST[reward], 2)))
        else:
            gone = sum(p for y, p in lots if y <= day.year - 1)
            lots = [lot for lot in lots if lot[0] > day.year - 1]
            if gone > 0:
                rows.append((cust, day, "expired", -gone, None, None, None, 0.0))
        lots = [lot for lot in lots if lot[1] > 0]
    end_tier = _tier_of(earned_by_year.get(end.year - 1, 0)) if end.year > joined.year else 0
    return rows, end_tier


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the programme's members and points ledger (``loyalty_members``, ``points_ledger``, ``loyalty_design``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> set(t["loyalty_members"]["programme_group"]) == {"invited", "holdout"}
    True
    >>> bool((t["points_ledger"]["points"] != 0).all())
    True
    """
    end = pd.Timestamp(END_DATE)
    orders = tables["orders"].groupby(["order_id", "customer_id"], as_index=False).agg(
        order_date=("order_date", "first"), net_revenue=("net_revenue", "sum"))
    launch = launch_date(orders)
    frame = _eligible(tables, launch, rng)
    rows, tiers = [], {}
    for cust in frame.index[frame["joined"]]:
        entries, tiers[cust] = _member_ledger(cust, frame.at[cust, "join_date"], orders, end, rng)
        rows += entries
    ledger = pd.DataFrame(rows, columns=LEDGER.column_names[1:])
    ledger = ledger.sort_values(["entry_date", "customer_id"], kind="stable").reset_index(drop=True)
    ledger.insert(0, "entry_id", [f"PT{j + 1:06d}" for j in range(len(ledger))])
    members = pd.DataFrame({
        "customer_id": frame.index, "programme_group": frame["group"].to_numpy(), "joined": frame["joined"].to_numpy(),
        "join_date": frame["join_date"].to_numpy(),
        "tier": [LOYALTY_TIERS[tiers[c]] if c in tiers else None for c in frame.index],
    })
    design = pd.DataFrame({"customer_id": frame.index, "block": frame["block"].to_numpy(),
                           "join_probability": frame["p_join"].to_numpy(), "programme_effect": 0.0})
    return {"loyalty_members": members, "points_ledger": ledger, "loyalty_design": design}


EXTENSION = Extension("loyalty_programme", (MEMBERS, LEDGER), (DESIGN,), build)

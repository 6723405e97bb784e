"""The buying centre (采购中心) of every customer: each contact's role in Webster & Wind's sense, and when we last met them.

The core ``contacts`` table says each contact's ``decision_level`` (``decision_maker``, ``influencer``,
``user``, ``gatekeeper``). Webster & Wind (1972) name five roles: users, influencers, **buyers**,
deciders and gatekeepers. Four of them map one to one; the *buyer* (who has the formal authority to
choose the supplier and arrange the terms) is not in the core table: a purchasing "gatekeeper" is often
the buyer. This extension adds one row per contact (key ``contact_id``) with

- ``buying_role``: the contact's role in the buying centre (:data:`kamcourse.vocabulary.BUYING_ROLES`);
- ``last_met_date``: the last face-to-face meeting between the contact and the member of our staff who
  holds the relationship (empty: never met in the five years).

Built in on purpose (recorded in the answer table ``buying_centre_gaps``): among the largest accounts of
the last year, a few (bow ties first) where **no decider has been met for more than a year** (we sell to
purchasing only: ``decider_not_met``), and the runaway-horse account, whose contacts are all held by a
salesperson who left (``holder_left``). Every other account among the top 30 % of the last year's buyers
has met its deciders within 240 days. This kit's convention; see ``datasets/README.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import BUYING_ROLES
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "GAP_ACCOUNTS", "build"]

#: How many of the largest active accounts are built with deciders nobody has met for over a year.
GAP_ACCOUNTS = 5

_TABLE = Table(
    "buying_centre",
    (("contact_id", "str"), ("customer_id", "str"), ("buying_role", "str"), ("last_met_date", "date")),
    primary_key=("contact_id",),
    foreign_keys=(("contact_id", "contacts", "contact_id"), ("customer_id", "customers", "customer_id")),
    indexes=(("customer_id",),),
)
_GAPS = Table("buying_centre_gaps", (("customer_id", "str"), ("gap", "str")), primary_key=("customer_id",))


def _roles(contacts: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Webster & Wind's role of each contact, from its decision level and function."""
    level = contacts["decision_level"].to_numpy()
    purchasing = (contacts["role"] == "purchasing").to_numpy()
    draw = rng.random(len(contacts))
    direct = {"decision_maker": "decider", "influencer": "influencer", "user": "user"}
    out = np.array([direct.get(x, "gatekeeper") for x in level], dtype=object)
    gate = level == "gatekeeper"
    # a purchasing gatekeeper is mostly the buyer (arranges the terms); other gatekeepers sometimes are
    out[gate & ((purchasing & (draw < 0.85)) | (~purchasing & (draw < 0.2)))] = "buyer"
    assert set(out) <= set(BUYING_ROLES)
    return out


def _last_year(orders: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Revenue of the last 365 days and the last order date, per customer."""
    days = (END_DATE - orders["order_date"]).dt.days
    revenue = orders["net_revenue"].where(days < 365, 0.0).groupby(orders["customer_id"]).sum()
    return revenue, orders.groupby("customer_id")["order_date"].max()


def _gap_accounts(
    revenue: pd.Series, last_order: pd.Series, deciders: pd.Series, profiles: pd.DataFrame, exclude: set[str],
    rng: np.random.Generator,
) -> list[str]:
    """The designed accounts whose deciders nobody has met for a year: large, active, bow ties first."""
    top = revenue[revenue > 0].sort_values(ascending=False, kind="stable")
    top = top.iloc[: max(GAP_ACCOUNTS, int(round(0.15 * len(top))))]
    recent = last_order.reindex(top.index) >= END_DATE - pd.Timedelta(days=90)
    pool = [c for c in top.index if recent[c] and deciders.get(c, 0) > 0 and c not in exclude]
    model = profiles.set_index("customer_id")["coverage_model"]
    bow = [c for c in pool if model.get(c) == "bow_tie"]
    rest = [c for c in pool if model.get(c) != "bow_tie"]
    chosen = list(rng.permutation(bow))[:GAP_ACCOUNTS] if bow else []
    chosen += list(rng.permutation(rest))[: GAP_ACCOUNTS - len(chosen)]
    return sorted(str(c) for c in chosen)


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the buying-centre table and record the designed coverage gaps (采购中心角色与会面日期).

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The core tables (``contacts``, ``orders``, ``staff``, ``account_profiles``).
    rng : numpy.random.Generator
        This extension's own random stream.

    Returns
    -------
    dict of str to DataFrame
        ``buying_centre`` and the answer table ``buying_centre_gaps``.

    Examples
    --------
    >>> from kamcourse import data
    >>> tables = {n: data.load(n) for n in ("contacts", "orders", "staff")}
    >>> tables["account_profiles"] = data.load_answers("account_profiles")
    >>> out = build(tables, np.random.default_rng(1))
    >>> sorted(out), len(out["buying_centre"]) == len(tables["contacts"])
    (['buying_centre', 'buying_centre_gaps'], True)
    """
    contacts, staff = tables["contacts"], tables["staff"]
    roles = _roles(contacts, rng)
    revenue, last_order = _last_year(tables["orders"])
    cust = contacts["customer_id"]
    decider = pd.Series(roles == "decider", index=contacts.index)
    # accounts with a decider whose holder has left (the runaway horse): nobody covers them any more
    leave = contacts["staff_id"].map(staff.set_index("staff_id")["leave_date"])
    runaway = set(cust[decider & leave.notna()])
    gaps = _gap_accounts(revenue, last_order, decider.groupby(cust).sum(), tables["account_profiles"], runaway, rng)
    # days before END_DATE of the last meeting: close accounts are met often, small ones rarely
    active = revenue.reindex(cust).fillna(0.0).to_numpy() > 0
    rank = revenue.rank(ascending=False, method="first")
    big = (rank.reindex(cust).to_numpy() <= 0.30 * (revenue > 0).sum()) & active
    gap_days = np.where(big, rng.uniform(3, 240, len(contacts)), rng.uniform(3, 520, len(contacts)))
    is_gap = cust.isin(gaps).to_numpy() & decider.to_numpy()
    gap_days = np.where(is_gap, rng.uniform(400, 720, len(contacts)), gap_days)
    met = END_DATE - pd.to_timedelta(np.floor(gap_days), unit="D")
    # a customer who stopped buying was last met around its last order
    last = last_order.reindex(cust).to_numpy()
    after_last = ~active & (met.to_numpy() > last)
    met = pd.Series(met.to_numpy(), index=contacts.index)
    met[after_last] = pd.to_datetime(last[after_last]) - pd.to_timedelta(rng.integers(0, 60, after_last.sum()), "D")
    # nobody meets a contact for us after the holder has left
    gone = leave.notna() & (met > leave)
    met[gone] = leave[gone] - pd.to_timedelta(rng.integers(1, 45, gone.sum()), "D")
    # some contacts of small accounts were never met in person
    never = ~big & ~decider.to_numpy() & (rng.random(len(contacts)) < 0.05)
    met[never] = pd.NaT
    answers = pd.DataFrame({"customer_id": gaps, "gap": "decider_not_met"})
    answers = pd.concat([answers, pd.DataFrame({"customer_id": sorted(runaway), "gap": "holder_left"})])
    return {
        "buying_centre": pd.DataFrame({
            "contact_id": contacts["contact_id"], "customer_id": cust, "buying_role": roles, "last_met_date": met,
        }),
        "buying_centre_gaps": answers.sort_values("customer_id").reset_index(drop=True),
    }


EXTENSION = Extension("buying_centre", (_TABLE,), (_GAPS,), build)

"""Claims of lesson 03 (relationships): Kotler's matrix for Hydra's tiers, bow ties and diamonds, the key person who left."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, relationship

from . import ClaimData, claim

NB = "notebooks/03_relationships.ipynb"


def _tiers(data: ClaimData) -> tuple[pd.Series, pd.Series]:
    orders = data.load("orders")
    revenue = orders.groupby("customer_id")["net_revenue"].sum()
    tier = accounts.customer_pyramid(revenue)
    return revenue, tier


def _coverage(data: ClaimData) -> pd.DataFrame:
    return relationship.contact_coverage(data.load("contacts"), data.load("staff"))


@claim(NB, "hydra-read")
def big_customers_lower_margins_proactive(data: ClaimData) -> None:
    orders = data.load("orders")
    _, tier = _tiers(data)
    sums = orders.groupby(orders["customer_id"].map(tier))[["net_revenue", "cost_of_goods"]].sum()
    margin = 1 - sums["cost_of_goods"] / sums["net_revenue"]
    assert max(margin["vip"], margin["major"]) < margin["small"], f"gross margins by tier {margin.round(3).to_dict()}"
    level = pd.cut(margin, [0, 0.2, 0.3, 1], labels=["low", "medium", "high"]).astype(str)
    for t in ("vip", "major"):
        assert relationship.relationship_levels("few", level[t]) == ("proactive",), f"{t}: {level[t]} margin"


@claim(NB, "coverage-by-tier-read")
def small_customers_almost_all_bow_ties(data: ClaimData) -> None:
    _, tier = _tiers(data)
    model = _coverage(data)["model"]
    small = model[tier[tier == "small"].index]
    share = (small == "bow_tie").mean()
    assert share >= 0.9, f"{share:.0%} of small customers are bow ties, not almost all"
    top = model[tier[tier.isin(["vip", "major"])].index]
    assert (top == "bow_tie").any(), "no bow tie at the top of the pyramid"


@claim(NB, "coverage-plot-read")
def top_bow_ties_are_held_entirely_by_one_person(data: ClaimData) -> None:
    revenue, _ = _tiers(data)
    coverage = _coverage(data).loc[revenue.nlargest(15).index]
    bow = coverage[coverage["model"] == "bow_tie"]
    assert len(bow) > 0 and (bow["key_person_share"] == 1).all(), f"bow-tie shares {bow['key_person_share'].tolist()}"


@claim(NB, "left-read")
def one_large_bow_tie_lost_its_key_person(data: ClaimData) -> None:
    revenue, _ = _tiers(data)
    staff = data.load("staff")
    coverage = _coverage(data)
    left = coverage[coverage["key_person_left"]]
    n_left = int(staff["leave_date"].notna().sum())
    assert n_left >= 3, f"only {n_left} people left ('several')"
    assert len(left) == 1, f"{len(left)} accounts' key person has left, not exactly one"
    account = left.index[0]
    assert left.loc[account, "model"] == "bow_tie" and left.loc[account, "key_person_share"] == 1
    assert account in revenue.nlargest(5).index, f"{account} is not a large account"
    orders = data.load("orders")
    last = orders.loc[orders["customer_id"] == account, "order_date"].max()
    left_on = staff.set_index("staff_id").loc[left.loc[account, "key_person"], "leave_date"]
    assert left_on < last < left_on + pd.DateOffset(months=6), "purchases did not fall away after the leave"
    assert staff.set_index("staff_id").loc[left.loc[account, "key_person"], "role"] == "sales"


@claim(NB, "summary")
def several_large_accounts_are_bow_ties(data: ClaimData) -> None:
    revenue, _ = _tiers(data)
    coverage = _coverage(data).loc[revenue.nlargest(15).index]
    n = int((coverage["model"] == "bow_tie").sum())
    assert n >= 3, f"only {n} of the 15 largest accounts are bow ties"
    one_large_bow_tie_lost_its_key_person(data)

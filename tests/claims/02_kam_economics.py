"""Claims of lesson 02 (KAM economics): profit after cost to serve, the whale curve, the five KAM mistakes."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, economics, relationship

from . import ClaimData, claim

NB = "notebooks/02_kam_economics.ipynb"


def _profit(data: ClaimData) -> pd.DataFrame:
    orders = data.load("orders")
    profit = economics.customer_profitability(orders, data.load("cost_to_serve"))
    orders["list_revenue"] = orders["list_price"] * orders["quantity"]
    sums = orders.groupby("customer_id")[["list_revenue", "net_revenue"]].sum()
    profit["discount"] = 1 - sums["net_revenue"] / sums["list_revenue"]
    return profit


def _top15(profit: pd.DataFrame) -> pd.DataFrame:
    return profit.loc[profit["revenue"].nlargest(15).index]


def _tiers(profit: pd.DataFrame) -> pd.DataFrame:
    tier = accounts.customer_pyramid(profit["revenue"])
    tiers = profit.groupby(tier)[["revenue", "net_profit"]].sum().reindex(accounts.PYRAMID_TIERS)
    tiers["revenue_share"] = tiers["revenue"] / tiers["revenue"].sum()
    tiers["profit_share"] = tiers["net_profit"] / tiers["net_profit"].sum()
    return tiers


@claim(NB, "profit-top-read")
def some_big_accounts_healthy_others_negative(data: ClaimData) -> None:
    top = _top15(_profit(data))
    negative, healthy = (top["net_margin"] < 0).sum(), (top["net_margin"] > 0.15).sum()
    assert negative >= 3 and healthy >= 3, f"{negative} negative and {healthy} healthy net margins among the top 15"


@claim(NB, "profit-plot-read")
def some_of_the_largest_below_zero(data: ClaimData) -> None:
    top10 = _profit(data).nlargest(10, "revenue")
    assert (top10["net_profit"] < 0).sum() >= 2, "fewer than two of the ten largest accounts lose money"


@claim(NB, "whale-read")
def profitable_accounts_earn_more_than_the_total(data: ClaimData) -> None:
    share, peak = economics.whale_peak(_profit(data)["net_profit"])
    assert peak > 1, f"the whale curve peaks at {peak:.0%}, not above 100%"
    assert share < 1, "no account gives profit back"


@claim(NB, "m1-read")
def deepest_discounts_lose_money(data: ClaimData) -> None:
    top = _top15(_profit(data)).sort_values("discount")
    corr = top["discount"].corr(top["net_margin"])
    assert corr < -0.7, f"discount and net margin correlate at {corr:.2f}, not strongly negative"
    deep, low = top[top["discount"] >= 0.24], top.head(5)
    assert len(deep) >= 3 and (deep["net_margin"] < 0).all(), "the deepest discounts are not the loss-makers"
    assert deep["gross_margin"].between(0.145, 0.215).all(), f"deep-discount gross margins {deep['gross_margin'].round(3).tolist()}"
    assert low["gross_margin"].between(0.27, 0.33).all(), f"smallest-discount gross margins {low['gross_margin'].round(3).tolist()}"


@claim(NB, "m2-read")
def tiers_do_not_line_up_with_the_belief(data: ClaimData) -> None:
    profit = _profit(data)
    tiers = _tiers(profit)
    assert tiers.loc["vip", "profit_share"] > tiers.loc["vip", "revenue_share"], "VIP profit share is not above its revenue share"
    assert tiers.loc["major", "net_profit"] < 0, "the major tier does not lose money"
    small_margin = tiers.loc["small", "net_profit"] / tiers.loc["small", "revenue"]
    moderate = _top15(profit).query("discount < 0.2")
    assert len(moderate) >= 3 and (moderate["net_margin"] > small_margin).all(), (
        f"moderate-discount top accounts' net margins {moderate['net_margin'].round(3).tolist()} vs small tier {small_margin:.3f}")


@claim(NB, "m3-read")
def four_of_fifteen_bow_ties_small_customers_bring_profit(data: ClaimData) -> None:
    top = _top15(_profit(data)).index
    coverage = relationship.contact_coverage(data.load("contacts")).loc[top]
    bow = coverage[coverage["model"] == "bow_tie"]
    assert len(bow) == 4, f"{len(bow)} of the 15 largest accounts are bow ties, not four"
    assert (bow["key_person_share"] == 1).all(), "a bow-tie account is not held entirely by one person"
    share = _tiers(_profit(data)).loc[["ordinary", "small"], "profit_share"].sum()
    assert share > 0.5, f"ordinary and small customers bring {share:.0%} of the profit, not a large share"


@claim(NB, "m4-read")
def about_two_thirds_of_profit(data: ClaimData) -> None:
    share = _tiers(_profit(data)).loc[["ordinary", "small"], "profit_share"].sum()
    assert 0.6 <= share <= 0.72, f"ordinary and small customers bring {share:.1%} of net profit, not about two thirds"


@claim(NB, "m5-read")
def most_big_accounts_buy_less_one_stopped(data: ClaimData) -> None:
    orders = data.load("orders")
    yearly = orders.pivot_table(index="customer_id", columns=orders["order_date"].dt.year,
                                values="net_revenue", aggfunc="sum", fill_value=0)
    top = _top15(_profit(data)).index
    less = int((yearly.loc[top, 2025] < yearly.loc[top, 2023]).sum())
    stopped = int((yearly.loc[top, 2025] == 0).sum())
    assert less > 7, f"{less} of the 15 largest accounts buy less than two years ago, not more than half"
    assert stopped == 1, f"{stopped} of the 15 largest accounts stopped buying, not one"


@claim(NB, "summary")
def summary_reads(data: ClaimData) -> None:
    some_big_accounts_healthy_others_negative(data)
    profitable_accounts_earn_more_than_the_total(data)
    deepest_discounts_lose_money(data)
    four_of_fifteen_bow_ties_small_customers_bring_profit(data)
    most_big_accounts_buy_less_one_stopped(data)

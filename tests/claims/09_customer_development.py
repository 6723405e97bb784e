"""Claims of lesson 09 (customer development): what the records show, the prospecting methods, the funnel, the pipeline."""

from __future__ import annotations

import pandas as pd

from kamcourse import development

from . import ClaimData, claim

NB = "notebooks/09_customer_development.ipynb"


def _comparison(data: ClaimData) -> pd.DataFrame:
    orders = data.load("orders")
    margin = 1 - orders["cost_of_goods"].sum() / orders["net_revenue"].sum()
    return development.method_comparison(data.load("prospects"), margin=margin)


@claim(NB, "orientation-read")
def records_show_only_the_selling_route_groups_small(data: ClaimData) -> None:
    customers, prospects = data.load("customers"), data.load("prospects")
    methods = set(development.PROSPECTING_METHODS["key"])
    assert set(customers["acquisition_method"]) <= methods, "a customer was won by something other than a prospecting method"
    assert (prospects["cost"] > 0).all(), "a prospect has no cost"
    assert set(development.development_orientation(customers["acquisition_method"])) == {"selling_oriented"}
    sizes = development.acquisition_value(customers, data.load("orders"))["customers"]
    assert sizes.min() <= 15, f"the smallest group has {sizes.min()} customers ('small')"


@claim(NB, "comparison-read")
def method_comparison_reads(data: ClaimData) -> None:
    c = _comparison(data)
    for m in ("door_to_door", "advertising"):
        assert c["qualification_rate"].rank()[m] <= 4, f"{m}: qualification rate not among the lowest"
        assert c["conversion"].rank()[m] <= 3, f"{m}: conversion not among the lowest three"
        assert c["cost_per_customer"].rank(ascending=False)[m] <= 4, f"{m}: cost per customer won not among the highest"
    top_qual = set(c["qualification_rate"].nlargest(2).index)
    assert top_qual == {"referral_chain", "center_of_influence"}, f"highest qualification rates: {top_qual}"
    assert c["cost_per_contact"].idxmax() == "center_of_influence" and c["conversion"].idxmax() == "center_of_influence"
    assert c["cost_per_contact"].rank(ascending=False)["trade_shows"] <= 3, "trade shows do not cost a lot per contact"
    assert c["revenue_per_customer"].rank()["trade_shows"] <= 3, "trade-show customers are not among the three smallest"
    assert c["roi"].idxmin() == "trade_shows", f"the worst first-year ROI is {c['roi'].idxmin()}"
    for m in ("directories", "online"):
        assert c["cost_per_contact"].rank()[m] <= 2, f"{m}: not cheap per contact"
        assert c.loc[m, "qualification_rate"] < 0.2, f"{m}: most contacts do not go nowhere"


@claim(NB, "funnel-read")
def referrals_half_qualify_door_to_door_eight_in_ten_lost(data: ClaimData) -> None:
    c = _comparison(data)
    q = c.loc["referral_chain", "qualification_rate"]
    assert 0.45 <= q <= 0.6 and c.loc["referral_chain", "win_rate"] < q, f"referrals: qualification {q:.2f}"
    lost = 1 - c.loc["door_to_door", "qualification_rate"]
    assert 0.8 < lost < 0.9, f"door-to-door: {lost:.0%} of contacts never become a lead"


@claim(NB, "pipeline-read")
def three_in_ten_win_no_bottleneck_wins_take_longer(data: ClaimData) -> None:
    opportunities = data.load("opportunities")
    summary = development.pipeline_summary(opportunities).iloc[0]
    assert 0.27 <= summary["win_rate"] <= 0.34, f"win rate {summary['win_rate']:.0%}, not about three in ten"
    loss = 1 - development.pipeline_stages(opportunities)["stage_conversion"].dropna()
    assert loss.between(0.19, 1 / 3 + 0.01).all(), f"stage losses {loss.round(3).tolist()}"
    assert summary["cycle_days_won"] > 1.5 * summary["cycle_days_lost"], "won deals do not take clearly longer"


@claim(NB, "summary")
def referral_based_methods_convert_best(data: ClaimData) -> None:
    best = set(_comparison(data)["conversion"].nlargest(2).index)
    assert best == {"referral_chain", "center_of_influence"}, f"best conversion: {best}"
    records_show_only_the_selling_route_groups_small(data)

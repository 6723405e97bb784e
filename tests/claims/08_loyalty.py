"""Claims of lesson 08 (loyalty): the satisfaction trap, customer and loyalty types, NPS over the years."""

from __future__ import annotations

import pandas as pd

from kamcourse import loyalty, satisfaction

from . import ClaimData, claim

NB = "notebooks/08_loyalty.ipynb"


def _trap(data: ClaimData) -> pd.DataFrame:
    return loyalty.repurchase_by_satisfaction(data.load("surveys"), data.load("orders"), score_col="overall_satisfaction")


@claim(NB, "trap-read")
def flat_until_the_top_box(data: ClaimData) -> None:
    t = _trap(data)
    rate = t["repurchase_rate"]
    assert rate[[1, 2]].min() > 0.5, "customers who rated 1 or 2 did not mostly buy again"
    assert rate[[1, 2, 3, 4]].max() - rate[[1, 2, 3, 4]].min() < 0.1, f"the rate moves from 1 to 4: {rate.round(3).tolist()}"
    assert rate[5] >= 0.97, f"only {rate[5]:.1%} of the 5s bought again ('almost every')"
    assert 0.07 <= t.loc[4, "defection_rate"] <= 0.13, f"{t.loc[4, 'defection_rate']:.1%} of the 4s left, not one in ten"


@claim(NB, "trap-consequence")
def the_fours_drift_the_fives_stay(data: ClaimData) -> None:
    t = _trap(data)
    assert t.loc[4, "defection_rate"] > 2 * t.loc[5, "defection_rate"] + 0.05, "the 4s do not drift away more than the 5s"


def _s24_patronage(data: ClaimData) -> tuple[pd.DataFrame, pd.Series]:
    surveys = data.load("surveys")
    s24 = surveys[surveys["year"] == 2024].set_index("customer_id")
    patronage = loyalty.relative_patronage(data.load("orders"), 2025).reindex(s24.index)
    return s24, patronage


@claim(NB, "types-read")
def about_half_the_hostages_rated_four(data: ClaimData) -> None:
    s24, patronage = _s24_patronage(data)
    types = loyalty.customer_type(s24["overall_satisfaction"], patronage, satisfaction_threshold=5)
    scores = s24.loc[types == "hostage", "overall_satisfaction"]
    assert scores.max() <= 4, "a hostage gave the top score"
    fours = (scores == 4).mean()
    assert 0.35 <= fours <= 0.6, f"{fours:.0%} of the hostages gave a 4, not about half"
    mercenaries = patronage[types == "mercenary"]
    assert (mercenaries < 1).all(), "a mercenary orders as much as usual"


@claim(NB, "dick-basu-read")
def loyalty_types_are_not_just_size(data: ClaimData) -> None:
    s24, patronage = _s24_patronage(data)
    orders = data.load("orders")
    size = orders.groupby("customer_id")["net_revenue"].sum()
    relative = size.reindex(s24.index).groupby(loyalty.loyalty_type(s24["likelihood_to_recommend"], patronage)).median()
    count = orders[orders["order_date"].dt.year == 2024].groupby("customer_id")["order_id"].nunique()
    count = count.reindex(s24.index, fill_value=0)
    by_count = size.reindex(s24.index).groupby(loyalty.loyalty_type(s24["likelihood_to_recommend"], count)).median()
    spread, count_spread = relative.max() / relative.min(), by_count.max() / by_count.min()
    assert spread < 4 and spread < count_spread / 2, (
        f"median revenue ratio across types {spread:.1f} (relative patronage) vs {count_spread:.1f} (order count)")


def _nps(data: ClaimData) -> pd.Series:
    return data.load("surveys").groupby("year")["likelihood_to_recommend"].apply(satisfaction.nps)


@claim(NB, "nps-read")
def nps_fell_below_zero_then_recovered(data: ClaimData) -> None:
    nps = _nps(data)
    assert 9 <= nps[2021] <= 13, f"NPS 2021 {nps[2021]:.1f}, not about +11"
    assert nps[2021] > nps[2022] > nps[2023] >= nps[2024], f"NPS did not fall until 2024: {nps.round(1).tolist()}"
    assert nps[2023] < 0 and nps[2024] < 0, "NPS is not below zero in 2023 and 2024"
    assert 0 < nps[2025] < 5, f"NPS 2025 {nps[2025]:.1f}, not slightly positive"
    ind = satisfaction.satisfaction_indicators(data.load("orders"), data.load("service_requests"), data.load("surveys"))
    for k in ("reputation", "referral_rate"):
        assert ind.loc[2024, k] < ind.loc[2022, k] and ind.loc[2025, k] > ind.loc[2024, k], f"{k} {ind[k].round(3).to_dict()}"


@claim(NB, "summary")
def summary_reads(data: ClaimData) -> None:
    flat_until_the_top_box(data)
    nps = _nps(data)
    assert nps[2023] < 0 and nps[2024] < 0 and nps[2025] > 0 and nps[2025] - nps[2024] < 15, f"NPS {nps.round(1).tolist()}"

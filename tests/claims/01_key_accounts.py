"""Claims of lesson 01 (key accounts): concentration, ABC classes, pyramid, the strategic rule, the portfolio."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts

from . import ClaimData, claim

NB = "notebooks/01_key_accounts.ipynb"


def _revenue(data: ClaimData) -> pd.Series:
    return data.load("orders").groupby("customer_id")["net_revenue"].sum()


@claim(NB, "load-read")
def mean_far_above_median(data: ClaimData) -> None:
    r = _revenue(data)
    assert r.mean() > 2 * r.median(), f"mean {r.mean():,.0f} is not far above the median {r.median():,.0f}"


@claim(NB, "pareto-read")
def top_fifth_brings_about_four_fifths(data: ClaimData) -> None:
    share = accounts.top_share(_revenue(data), top=0.2)
    assert 0.72 <= share <= 0.88, f"the top 20% bring {share:.1%}, not roughly four fifths"


@claim(NB, "abc-read")
def small_class_a_long_tail_of_c(data: ClaimData) -> None:
    counts = accounts.abc_classes(_revenue(data)).value_counts()
    assert counts["A"] < counts["B"] < counts["C"], f"class sizes {counts.to_dict()}"
    assert counts["A"] <= 0.25 * counts.sum(), f"class A holds {counts['A']} of {counts.sum()} customers"


@claim(NB, "pyramid-read")
def vip_tier_brings_most_small_tier_a_fifth(data: ClaimData) -> None:
    t = accounts.pyramid_table(_revenue(data))
    share = t["revenue_share"]
    assert t.loc["vip", "customers"] == 3, f"the VIP tier has {t.loc['vip', 'customers']} customers, not three"
    assert share.idxmax() == "vip", f"the largest revenue share is the {share.idxmax()} tier"
    assert 0.28 <= share["vip"] < 1 / 3, f"VIP share {share['vip']:.1%} is not almost a third"
    assert 0.17 <= share["small"] <= 0.23, f"small tier share {share['small']:.1%} is not about a fifth"


def _strategic(data: ClaimData, growth: float = 0.10, years: int = 3) -> pd.DataFrame:
    return accounts.strategic_key_accounts(data.load("orders"), 0.01, growth, years=years)


@claim(NB, "rule-read")
def many_pass_share_few_pass_growth(data: ClaimData) -> None:
    r = _strategic(data)
    share_ok, growth_ok, strategic = int(r["share_ok"].sum()), int(r["growth_ok"].sum()), int(r["strategic"].sum())
    assert share_ok >= 10, f"only {share_ok} accounts pass the share test ('many')"
    assert growth_ok <= 5 and growth_ok < share_ok / 3, f"{growth_ok} accounts pass the growth test ('rare')"
    assert strategic <= 2, f"the rule finds {strategic} strategic accounts ('few, possibly none')"


@claim(NB, "rule-discuss")
def only_a_loosened_rule_picks_accounts(data: ClaimData) -> None:
    strict = int(_strategic(data)["strategic"].sum())
    loose = int(_strategic(data, growth=0.0, years=1)["strategic"].sum())
    assert strict == 0, f"the strict rule (Y = 10%, N = 3) already picks {strict} accounts"
    assert loose > 0, "even the loosest rule (Y = 0%, N = 1) picks no account"


def _criteria(data: ClaimData) -> tuple[pd.DataFrame, pd.Index]:
    orders = data.load("orders")
    customers = data.load("customers").set_index("customer_id")
    sums = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")[["net_revenue", "cost_of_goods"]].sum()
    top60 = _revenue(data).nlargest(60).index
    criteria = pd.DataFrame({
        "revenue": sums["net_revenue"],
        "gross_margin": 1 - sums["cost_of_goods"] / sums["net_revenue"],
        "payment_terms_days": customers["payment_terms_days"],
    }).reindex(top60).fillna({"revenue": 0, "gross_margin": 0})
    return criteria, top60


@claim(NB, "score-read")
def a_big_account_that_stopped_buying_scores_low(data: ClaimData) -> None:
    criteria, top60 = _criteria(data)
    score = accounts.score_accounts(criteria, {"revenue": 2, "gross_margin": 1, "payment_terms_days": 1},
                                    lower_is_better=["payment_terms_days"])
    stopped = criteria.index[criteria["revenue"] == 0]
    assert len(stopped) > 0, "no top-60 account stopped buying in 2025"
    assert (score[stopped] < score.median()).all(), "an account that stopped buying does not score low"
    assert stopped[0] in top60[:5], f"the account that stopped ({stopped[0]}) was not among the biggest before"


@claim(NB, "portfolio-read")
def median_thresholds_fill_every_quadrant(data: ClaimData) -> None:
    criteria, top60 = _criteria(data)
    attractiveness = accounts.score_accounts(criteria, {"revenue": 2, "gross_margin": 1, "payment_terms_days": 1},
                                             lower_is_better=["payment_terms_days"])
    opps = data.load("opportunities")
    closed = opps[opps["stage"].isin(["closed_won", "closed_lost"])]
    surveys = data.load("surveys").sort_values("year")
    signals = pd.DataFrame({
        "win_rate": closed.groupby("customer_id")["won"].mean(),
        "overall_satisfaction": surveys.groupby("customer_id")["overall_satisfaction"].last(),
    }).reindex(top60)
    strength = accounts.score_accounts(signals.fillna(signals.mean()), {"win_rate": 1, "overall_satisfaction": 1})
    counts = accounts.portfolio_quadrant(attractiveness, strength).value_counts()
    assert set(counts.index) == set(accounts.QUADRANTS) and counts.min() >= 5, f"quadrants {counts.to_dict()}"


@claim(NB, "summary")
def concentrated_revenue(data: ClaimData) -> None:
    revenue = _revenue(data)
    classes = accounts.abc_classes(revenue).value_counts()
    vip = accounts.pyramid_table(revenue).loc["vip", "revenue_share"]
    assert classes["A"] <= 0.25 * classes.sum() and vip >= 0.2, (
        f"class A {classes['A']} customers, VIP share {vip:.1%}: not 'a small class A and a few VIPs with a large share'")


@claim(NB, "pareto-top")
def first_rows_are_the_biggest_accounts(data: ClaimData) -> None:
    revenue = _revenue(data)
    head = accounts.pareto_table(revenue).head(8).index.tolist()
    assert head == revenue.nlargest(8).index.tolist(), "the first rows are not the biggest accounts"

"""Claims of lesson 06 (CLV): the margin multiple, retention, RFM, BG/NBD on CDNOW and on Hydra, CLV as a criterion."""

from __future__ import annotations

import pandas as pd

from kamcourse import clv
from kamcourse import data as kit_data
from kamcourse.cases import runaway_horse

from . import ClaimData, claim

NB = "notebooks/06_clv.ipynb"


@claim(NB, "mm-one-read")
def eighty_percent_is_worth_2_67_years(data: ClaimData) -> None:
    m = clv.margin_multiple(retention=0.8, discount_rate=0.10)
    assert round(m, 2) == 2.67 and round(1 / (1 - 0.8), 6) == 5, f"multiple {m:.3f}"


@claim(NB, "mm-read")
def retention_matters_more_than_the_discount_rate(data: ClaimData) -> None:
    t = clv.margin_multiple_table()
    assert (round(t.loc[0.8, 0.10], 2), round(t.loc[0.9, 0.10], 2)) == (2.67, 4.5)
    retention_step = t.loc[0.9, 0.10] - t.loc[0.8, 0.10]
    discount_step = t.loc[0.8, 0.10] - t.loc[0.8, 0.16]
    assert discount_step < retention_step / 3, f"discount 10%->16% at 80% retention moves it by {discount_step:.2f}"
    assert 1 <= t.min().min() and round(t.max().max(), 6) <= 4.5, "multiples outside about 1 to 4.5"


@claim(NB, "clv-read")
def about_44000_over_a_lifetime_3000_over_three_years(data: ClaimData) -> None:
    life = clv.clv(margin=30_000, retention=0.85, discount_rate=0.12, acquisition_cost=50_000)
    three = clv.clv(margin=30_000, retention=0.85, discount_rate=0.12, periods=3, acquisition_cost=50_000)
    assert 43_500 <= life <= 45_000 and 2_500 <= three <= 3_500, f"lifetime {life:,.0f}, three years {three:,.0f}"


def _gains() -> pd.Series:
    return pd.Series({r: clv.retention_sensitivity(1, r, 0.10)["clv_increase"] for r in (0.6, 0.7, 0.8, 0.9)})


@claim(NB, "sensitivity-read")
def five_points_raise_value_20_to_41_percent(data: ClaimData) -> None:
    g = _gains()
    assert round(g.min(), 2) == 0.20 and round(g.max(), 2) == 0.41, f"gains {g.round(3).tolist()}"
    assert g.is_monotonic_increasing, "the gain is not largest where retention is already high"


def _summary(data: ClaimData) -> pd.DataFrame:
    return data.memo("rfm_weekly", lambda: clv.rfm_summary(data.load("orders"), "customer_id", "order_date", "net_revenue",
                                                          observation_end=kit_data.END_DATE, freq="W"))


@claim(NB, "rfm-summary-read")
def about_30_of_260_weeks(data: ClaimData) -> None:
    s = _summary(data)
    median = s["frequency"].median()
    assert 25 <= median <= 35, f"median frequency {median} weeks, not about 30"
    assert s["T"].max() <= 261 and s["frequency"].max() > 130, "T above 261 weeks, or nobody buys in most weeks"


def _cdnow_model(data: ClaimData) -> clv.BGNBD:
    def fit() -> clv.BGNBD:
        c = kit_data.load_cdnow("summary")
        return clv.fit_bgnbd(c["frequency"], c["recency"], c["T"])

    return data.memo("cdnow_bgnbd", fit)


@claim(NB, "cdnow-read")
def cdnow_fit_reproduces_the_paper(data: ClaimData) -> None:
    p = _cdnow_model(data).params
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for k, v in published.items():
        assert abs(p[k] / v - 1) < 0.005, f"{k} = {p[k]:.4f}, published {v}"
    rate, dropout = p["r"] / p["alpha"], p["a"] / (p["a"] + p["b"])
    assert 0.05 <= rate <= 0.065 and 0.22 <= dropout <= 0.28, f"r/alpha {rate:.3f}, a/(a+b) {dropout:.3f}"


@claim(NB, "gg-read")
def cdnow_spend_about_35_hardly_correlated(data: ClaimData) -> None:
    money = kit_data.load_cdnow("summary_monetary").query("frequency > 0")
    model = clv.fit_gamma_gamma(money["frequency"], money["monetary_value"])
    corr = money[["frequency", "monetary_value"]].corr().iloc[0, 1]
    assert 34 <= model.mean_spend <= 36 and abs(corr) < 0.2, f"mean spend {model.mean_spend:.2f}, correlation {corr:.2f}"


def _alive(data: ClaimData) -> pd.Series:
    def compute() -> pd.Series:
        s = _summary(data)
        model = clv.fit_bgnbd(s["frequency"], s["recency"], s["T"])
        return model.prob_alive(s["frequency"], s["recency"], s["T"])

    return data.memo("prob_alive", compute)


@claim(NB, "hydra-alive-read")
def most_alive_a_group_near_zero_few_between(data: ClaimData) -> None:
    a = _alive(data)
    high, low, between = (a > 0.9).mean(), (a < 0.1).mean(), ((a >= 0.1) & (a <= 0.9)).mean()
    assert high > 0.6 and low > 0.1 and between < 0.1, f"alive > 0.9: {high:.0%}, < 0.1: {low:.0%}, between: {between:.0%}"


@claim(NB, "hydra-gg-read")
def hydra_frequency_and_spend_correlate(data: ClaimData) -> None:
    s = _summary(data)
    corr = s.loc[s["frequency"] > 0, ["frequency", "monetary_value"]].corr().iloc[0, 1]
    assert corr > 0.3, f"frequency and spend correlate at {corr:.2f}, not clearly positive"


def _clv(data: ClaimData) -> pd.Series:
    def compute() -> pd.Series:
        s, orders = _summary(data), data.load("orders")
        model = clv.fit_bgnbd(s["frequency"], s["recency"], s["T"])
        margin = 1 - orders["cost_of_goods"].sum() / orders["net_revenue"].sum()
        return clv.predicted_clv(model, None, s["frequency"], s["recency"], s["T"], s["monetary_value"],
                                 months=36, discount_rate=0.01, time_unit="W", margin=margin)

    return data.memo("predicted_clv", compute)


def _tops(data: ClaimData) -> tuple[pd.Series, pd.Series, set, set]:
    past = data.load("orders").groupby("customer_id")["net_revenue"].sum()
    value = _clv(data)
    return past, value, set(past.nlargest(20).index), set(value.nlargest(20).index)


@claim(NB, "kam-read")
def most_top_customers_stay_the_runaway_horse_falls_out(data: ClaimData) -> None:
    past, value, top_past, top_clv = _tops(data)
    both = len(top_past & top_clv)
    assert 14 <= both <= 19, f"{both} of the top 20 by revenue are in the top 20 by CLV ('most, not all')"
    dropped = past[sorted(top_past - top_clv)].sort_values(ascending=False)
    first = dropped.index[0]
    assert _alive(data)[first] < 0.05, f"the largest account that falls out ({first}) is not gone"
    runaway = runaway_horse.find_runaway_accounts(data.load("contacts"), data.load("staff"), data.load("orders")).index[0]
    assert first == runaway, f"the largest account that falls out is {first}, the runaway-horse account is {runaway}"
    clv_rank = value.rank(ascending=False)
    others = clv_rank[dropped.index[1:]]
    assert (others <= 30).all(), f"the others are far from the cut: CLV ranks {others.tolist()}"


@claim(NB, "kam-added-read")
def most_newcomers_bought_for_less_than_a_year(data: ClaimData) -> None:
    _, _, top_past, top_clv = _tops(data)
    added = sorted(top_clv - top_past)
    young = (_summary(data).loc[added, "T"] < 52).mean()
    assert young > 0.5, f"only {young:.0%} of the customers that come in have bought for less than a year"


@claim(NB, "summary-md")
def summary_reads(data: ClaimData) -> None:
    t = clv.margin_multiple_table()
    assert round(t.min().min(), 1) == 1.1 and round(t.max().max(), 2) == 4.5, "the multiples are not about 1.1 to 4.5"
    five_points_raise_value_20_to_41_percent(data)
    hydra_frequency_and_spend_correlate(data)

"""Claims of lesson 05 (lifecycle): stage mix, what each stage brings and costs, tenure, patterns, win-back."""

from __future__ import annotations

import pandas as pd

from kamcourse import clv, development, lifecycle
from kamcourse import data as kit_data

from . import ClaimData, claim

NB = "notebooks/05_lifecycle.ipynb"


def _stages(data: ClaimData) -> pd.Series:
    def compute() -> pd.Series:
        customers = data.load("customers").set_index("customer_id")
        return lifecycle.classify_stages(data.load("orders"), "customer_id", "order_date", "net_revenue",
                                         as_of=kit_data.END_DATE, first_orders=customers["first_order_date"])

    return data.memo("stages", compute)


def _metrics(data: ClaimData, stages: pd.Series) -> pd.DataFrame:
    orders = data.load("orders")
    year = orders[orders["order_date"].dt.year == 2025]
    cts = data.load("cost_to_serve").query("year == 2025").set_index("customer_id")["total_cost"]
    metrics = pd.DataFrame({"revenue": year.groupby("customer_id")["net_revenue"].sum(),
                            "gross_profit": (year["net_revenue"] - year["cost_of_goods"]).groupby(year["customer_id"]).sum(),
                            "cost_to_serve": cts}).reindex(stages.index).fillna(0)
    metrics["profit"] = metrics["gross_profit"] - metrics["cost_to_serve"]
    return metrics


def _summary(data: ClaimData) -> pd.DataFrame:
    stages = _stages(data)
    return lifecycle.stage_summary(stages, _metrics(data, stages))


@claim(NB, "stage-read")
def every_stage_four_in_ten_stable_one_in_three_fading(data: ClaimData) -> None:
    counts = _stages(data).value_counts()
    share = counts / counts.sum()
    assert set(counts.index) == set(lifecycle.STAGES), f"stages present: {sorted(counts.index)}"
    assert 0.35 <= share["stability"] <= 0.47, f"{share['stability']:.0%} in stability, not about four in ten"
    fading = share["decline"] + share["termination"]
    assert 0.28 <= fading <= 0.38, f"{fading:.0%} fading or gone, not about one in three"


@claim(NB, "economics-read")
def profit_peaks_in_stability_cost_ratio_highest_in_decline(data: ClaimData) -> None:
    s = _summary(data)
    per = s["profit_per_customer"].drop("termination")
    assert per.idxmax() == "stability", f"profit per customer peaks in {per.idxmax()}"
    q = per["exploration"] / per["stability"]
    assert 0.15 <= q <= 0.35, f"an exploration customer brings {q:.0%} of a stable one's profit, not about a quarter"
    ratio = (s["cost_to_serve"] / s["revenue"]).drop("termination")
    assert ratio.idxmin() == "formation" and ratio.idxmax() == "decline", f"cost-to-serve ratios {ratio.round(3).to_dict()}"
    assert abs(ratio["exploration"] - ratio["stability"]) < 0.03, "exploration and stability ratios are not about equal"


def _with_acquisition(data: ClaimData) -> tuple[pd.Series, float, float]:
    stages = _stages(data)
    s = lifecycle.stage_summary(stages, _metrics(data, stages))
    customers = data.load("customers").set_index("customer_id")
    cost_per_won = development.method_comparison(data.load("prospects"))["cost_per_customer"]
    won = customers.loc[stages[stages == "exploration"].index, "acquisition_method"].map(cost_per_won)
    investment = s["cost_to_serve"].copy()
    investment["exploration"] += won.sum()
    return investment / s["revenue"], float(won.sum()), float(s.loc["exploration", "cost_to_serve"])


@claim(NB, "acquisition-read")
def with_acquisition_cost_new_customers_cost_most(data: ClaimData) -> None:
    ratio, acquisition, serving = _with_acquisition(data)
    e = ratio["exploration"]
    assert 0.35 <= e <= 0.45, f"exploration investment per yuan {e:.3f}, not about 0.40"
    assert e >= 1.8 * ratio["decline"], f"not almost twice decline's {ratio['decline']:.3f}"
    assert e >= 2 * max(ratio["formation"], ratio["stability"]), "not more than twice formation's or stability's"
    assert acquisition > serving, f"winning them ({acquisition:,.0f}) costs less than serving them ({serving:,.0f})"


@claim(NB, "tenure-read")
def revenue_rises_with_tenure_oldest_group_breaks_it(data: ClaimData) -> None:
    stages = _stages(data)
    metrics = _metrics(data, stages)
    customers = data.load("customers").set_index("customer_id")
    tenure = (kit_data.END_DATE - customers["first_order_date"]).dt.days / 365.25
    band = pd.cut(tenure, [0, 1, 3, 5, 10, 30], labels=["< 1", "1-3", "3-5", "5-10", "10+"])
    active = stages.isin(["exploration", "formation", "stability"])
    m = metrics[active].groupby(band[active], observed=True)[["revenue", "profit"]].mean()
    first_four = m["revenue"].iloc[:4]
    assert first_four.is_monotonic_increasing, f"revenue by tenure {first_four.round(0).tolist()}"
    p = m["profit"]
    assert p["< 1"] < 0.2 * p["5-10"], f"first-year profit {p['< 1']:,.0f} vs 5-10 years {p['5-10']:,.0f}"
    assert abs(p["1-3"] - p["3-5"]) < 0.2 * p["1-3"], "profit is not flat between 1-3 and 3-5 years"
    assert m.loc["10+", "revenue"] < m.loc["5-10", "revenue"] and p["10+"] < p["5-10"], "the oldest group does not break the pattern"


def _history(data: ClaimData) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        customers = data.load("customers").set_index("customer_id")
        quarters = pd.date_range("2021-03-31", kit_data.END_DATE, freq="QE")
        return lifecycle.stage_history(data.load("orders"), "customer_id", "order_date", "net_revenue", quarters,
                                       first_orders=customers["first_order_date"])

    return data.memo("stage_history", compute)


@claim(NB, "curve-read")
def second_largest_stable_then_short_decline_then_termination(data: ClaimData) -> None:
    history = _history(data)
    patterns = lifecycle.lifecycle_patterns(history)
    revenue = data.load("orders").groupby("customer_id")["net_revenue"].sum()
    example = revenue[patterns[patterns == "early_exit"].index].idxmax()
    rank = int(revenue.rank(ascending=False)[example])
    assert rank == 2, f"the example is the {rank}th largest account"
    path = [s for s in history.loc[example] if isinstance(s, str)]
    runs = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]
    assert runs == ["stability", "decline", "termination"], f"stage runs {runs}"
    assert path.count("stability") >= 8 and path.count("decline") <= 3, "not a long stable period and a short decline"


@claim(NB, "patterns-read")
def long_lasting_stable_exits_mostly_after_stability(data: ClaimData) -> None:
    history = _history(data)
    patterns = lifecycle.lifecycle_patterns(history)
    now = history.iloc[:, -1]
    stable_long = (patterns[now == "stability"] == "long_lasting").mean()
    assert stable_long > 0.7, f"{stable_long:.0%} of stable customers are long-lasting"
    counts = patterns.value_counts()
    assert counts["early_exit"] > counts["midway_failure"] > counts["early_abort"] > 0, f"patterns {counts.to_dict()}"
    settled = (patterns[now == "decline"] == "ongoing").mean()
    assert settled > 0.5, f"only {settled:.0%} of declining customers are 'not settled'"


def prob_alive(data: ClaimData) -> pd.Series:
    """BG/NBD probability alive of every customer, weekly purchase periods (lessons 05 and 06 fit the same model)."""
    def compute() -> pd.Series:
        summary = clv.rfm_summary(data.load("orders"), "customer_id", "order_date", "net_revenue",
                                  observation_end=kit_data.END_DATE, freq="W")
        model = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
        return model.prob_alive(summary["frequency"], summary["recency"], summary["T"])

    return data.memo("prob_alive", compute)


def _win_back(data: ClaimData) -> pd.DataFrame:
    orders = data.load("orders")
    alive = prob_alive(data)
    yearly_profit = (orders["net_revenue"] - orders["cost_of_goods"]).groupby(orders["customer_id"]).sum() / 5
    return lifecycle.win_back_priority(_stages(data), alive, yearly_profit)


@claim(NB, "winback-read")
def declining_first_terminated_low_second_largest_special(data: ClaimData) -> None:
    plan = _win_back(data)
    top = plan.head(8)
    assert (top["stage"] == "decline").all() and (top["prob_alive"] >= 0.95).all(), "the top of the list is not declining, reachable customers"
    terminated = plan[plan["stage"] == "termination"]
    assert terminated["prob_alive"].median() < 0.1, "terminated customers do not have a low probability alive"
    revenue = data.load("orders").groupby("customer_id")["net_revenue"].sum()
    second = revenue.nlargest(2).index[1]
    action = plan["win_back_action"].get(second)
    assert action == "special_effort", f"the second-largest account {second} is not marked special effort ({action})"


@claim(NB, "summary-md")
def summary_reads(data: ClaimData) -> None:
    every_stage_four_in_ten_stable_one_in_three_fading(data)
    profit_peaks_in_stability_cost_ratio_highest_in_decline(data)
    with_acquisition_cost_new_customers_cost_most(data)

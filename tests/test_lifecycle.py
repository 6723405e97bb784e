"""Tests for kamcourse.lifecycle: stages from purchase history (考察期/形成期/稳定期/退化期/终止期),
stage summaries, lifecycle curves and patterns (this kit's convention after 陈明亮 2003), win-back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.lifecycle import (
    PATTERNS,
    STAGES,
    WIN_BACK_ACTIONS,
    classify_stages,
    lifecycle_curve,
    lifecycle_pattern,
    lifecycle_patterns,
    stage_history,
    stage_summary,
    win_back_priority,
)

AS_OF = pd.Timestamp("2025-12-31")


def _orders(rows) -> pd.DataFrame:
    """rows: (customer, days before AS_OF, amount)."""
    return pd.DataFrame(
        {"customer": [r[0] for r in rows],
         "date": [AS_OF - pd.Timedelta(days=r[1]) for r in rows],
         "amount": [float(r[2]) for r in rows]}
    )


def _stages(rows, **rules) -> dict:
    return classify_stages(_orders(rows), "customer", "date", "amount", AS_OF, **rules).astype(str).to_dict()


def test_stage_keys_and_chinese_names() -> None:
    """Chinese textbooks (jidianwang; course materials): 考察期, 形成期, 稳定期, 退化期 (+ 终止期)."""
    assert STAGES == ("exploration", "formation", "stability", "decline", "termination")
    assert [i18n.label(s, "zh") for s in STAGES] == ["考察期", "形成期", "稳定期", "退化期（衰退期）", "终止期"]
    assert [i18n.label(p, "zh") for p in PATTERNS[:4]] == ["早期流产型", "中途夭折型", "提前退出型", "长久保持型"]


def test_each_rule() -> None:
    rows = [
        ("new", 200, 10),                              # tenure 200 <= 273
        ("young", 500, 50), ("young", 100, 60),        # tenure 500 <= 913, ratio 60/50 < 1.3 -> still formation
        ("grow", 2000, 10), ("grow", 500, 50), ("grow", 30, 80),   # old, 80 >= 1.3 x 50
        ("old", 2000, 10), ("old", 400, 100), ("old", 60, 100),    # old, ratio 1.0
        ("down", 2000, 10), ("down", 400, 100), ("down", 100, 74),  # ratio 0.74 < 0.75
        ("gone", 2000, 10), ("gone", 300, 100),        # silent 300 >= 270 days
    ]
    assert _stages(rows) == {"new": "exploration", "young": "formation", "grow": "formation",
                             "old": "stability", "down": "decline", "gone": "termination"}


def test_rule_boundaries() -> None:
    """Days: termination at 270 days of silence; exploration up to 273 days of tenure;
    the windows are the 365 days up to as_of and the 365 before (kamcourse.data STAGE_RULES)."""
    assert _stages([("a", 270, 5), ("b", 269, 5)]) == {"a": "termination", "b": "exploration"}
    assert _stages([("a", 273, 5), ("a", 10, 5), ("b", 274, 5), ("b", 10, 5)]) == {
        "a": "exploration", "b": "formation"}
    # ratio exactly 0.75 is not decline, just below is; exactly 1.3 is growth
    base = [("c", 2000, 1), ("c", 500, 100)]
    assert _stages(base + [("c", 10, 75)]) == {"c": "stability"}
    assert _stages(base + [("c", 10, 74.99)]) == {"c": "decline"}
    assert _stages(base + [("c", 10, 130)]) == {"c": "formation"}
    # an order 364 days ago is in the last window, 365 days ago in the previous one
    assert _stages([("d", 2000, 1), ("d", 365, 100), ("d", 364, 80), ("d", 10, 0)]) == {"d": "stability"}
    assert _stages([("d", 2000, 1), ("d", 366, 100), ("d", 365, 80), ("d", 10, 1)]) == {"d": "decline"}


def test_rules_are_adjustable_and_later_orders_ignored() -> None:
    rows = [("a", 2000, 10), ("a", 400, 100), ("a", 100, 70)]
    assert _stages(rows) == {"a": "decline"}
    assert _stages(rows, decline_ratio=0.6) == {"a": "stability"}
    assert _stages([("b", 100, 5)], exploration_days=50) == {"b": "formation"}
    assert _stages([("g", 200, 5)], termination_days=180) == {"g": "termination"}
    later = _orders([("a", 100, 5), ("b", -10, 5)])  # b's only order is after as_of
    assert list(classify_stages(later, "customer", "date", "amount", AS_OF).index) == ["a"]


def test_first_orders_extend_tenure_and_mark_censored_history() -> None:
    orders = _orders([("a", 200, 10), ("a", 20, 10)])
    assert _stages([("a", 200, 10), ("a", 20, 10)]) == {"a": "exploration"}
    first = pd.Series({"a": AS_OF - pd.Timedelta(days=4000)})
    got = classify_stages(orders, "customer", "date", "amount", AS_OF, first_orders=first)
    # records begin 200 days ago: her trend is unknown, an old customer is taken as stable
    assert got.astype(str).to_dict() == {"a": "stability"}
    with pytest.raises(ValueError, match=r"first_orders contains 1 missing date\(s\) \(NaT\), first at .a."):
        classify_stages(orders, "customer", "date", "amount", AS_OF, first_orders=pd.Series({"a": pd.NaT}))
    with pytest.raises(TypeError, match="first_orders must be a Series"):
        classify_stages(orders, "customer", "date", "amount", AS_OF, first_orders={"a": "2020-01-01"})


def test_classify_stages_bad_input() -> None:
    orders = _orders([("a", 10, 5)])
    with pytest.raises(ValueError, match=r"transactions is missing column\(s\) 'revenue'; columns present: customer"):
        classify_stages(orders, "customer", "date", "revenue", AS_OF)
    with pytest.raises(ValueError, match=r"amount contains 1 missing value"):
        classify_stages(orders.assign(amount=np.nan), "customer", "date", "amount", AS_OF)
    with pytest.raises(ValueError, match=r"date contains \d+ missing date\(s\) \(NaT\)"):
        classify_stages(orders.assign(date=pd.NaT), "customer", "date", "amount", AS_OF)
    with pytest.raises(ValueError, match=r"customer contains 1 missing value\(s\) \(NaN\)"):
        classify_stages(orders.assign(customer=None), "customer", "date", "amount", AS_OF)
    with pytest.raises(ValueError, match="need 0 < decline_ratio < growth_ratio"):
        classify_stages(orders, "customer", "date", "amount", AS_OF, decline_ratio=1.5)
    with pytest.raises(ValueError, match="termination_days must be at least 1, got 0"):
        classify_stages(orders, "customer", "date", "amount", AS_OF, termination_days=0)
    with pytest.raises(ValueError, match="no order is dated on or before as_of 2020-01-01"):
        classify_stages(orders, "customer", "date", "amount", "2020-01-01")
    with pytest.raises(ValueError, match="as_of must be a date"):
        classify_stages(orders, "customer", "date", "amount", "soon")
    with pytest.raises(TypeError, match="date must hold dates, got numbers"):
        classify_stages(orders.assign(date=20250101), "customer", "date", "amount", AS_OF)


@pytest.fixture(scope="module")
def company():
    from kamcourse import data

    return {
        "orders": data.load("orders"),
        "customers": data.load("customers").set_index("customer_id"),
        "answers": data.load_answers("lifecycle_stages").set_index("customer_id"),
        "end": data.END_DATE,
    }


def test_classifier_recovers_the_generators_stages(company) -> None:
    """The data generator builds each customer to fit its intended stage at END_DATE; the classifier
    must find it for at least 80% of the customers (kamcourse.data.load_answers("lifecycle_stages"))."""
    got = classify_stages(company["orders"], "customer_id", "order_date", "net_revenue", company["end"])
    intended = company["answers"]["intended_stage"].reindex(got.index)
    agreement = float((got.astype(str) == intended).mean())
    assert len(got) == len(company["answers"])
    assert agreement >= 0.80, f"only {agreement:.0%} of customers in their intended stage"
    with_first = classify_stages(company["orders"], "customer_id", "order_date", "net_revenue", company["end"],
                                 first_orders=company["customers"]["first_order_date"])
    assert float((with_first.astype(str) == intended).mean()) >= 0.80
    assert set(got.astype(str)) == set(STAGES)  # every stage is present in the data


def test_patterns_on_company_data_follow_the_generators_story(company) -> None:
    dates = pd.date_range("2021-03-31", company["end"], freq="QE")
    history = stage_history(company["orders"], "customer_id", "order_date", "net_revenue", dates,
                            first_orders=company["customers"]["first_order_date"])
    patterns = lifecycle_patterns(history)
    story = company["answers"]["pattern"].reindex(patterns.index)
    assert (patterns[story.isin(["trial", "growth"])] == "ongoing").all()
    left_stability = patterns[story.isin(["early_exit", "runaway_horse"])]
    assert (left_stability == "early_exit").mean() >= 0.8
    # declining customers are in a dip of about a year (the generator's last 12 months): no exit called yet
    assert (patterns[story == "declining"] != "early_exit").mean() >= 0.8
    assert (patterns[story == "mid_abort"] == "midway_failure").mean() >= 0.8
    assert (patterns[story == "steady"] == "long_lasting").mean() >= 0.8


def test_stage_summary() -> None:
    stages = pd.Series(["exploration", "stability", "stability", "decline"], index=list("abcd"))
    metrics = pd.DataFrame({"profit": [-5.0, 40.0, 60.0, 10.0], "cost_to_serve": [8.0, 5.0, 7.0, 4.0]},
                           index=list("dcba")[::-1])
    table = stage_summary(stages, metrics)
    assert list(table.index) == list(STAGES)
    assert table["customers"].tolist() == [1, 0, 2, 1, 0]
    assert table["customer_share"].sum() == pytest.approx(1.0)
    assert table.loc["stability", "profit"] == 100.0
    assert table.loc["stability", "profit_per_customer"] == 50.0
    assert table.loc["formation", "cost_to_serve_per_customer"] == 0.0
    assert list(stage_summary(stages).columns) == ["customers", "customer_share"]
    with pytest.raises(ValueError, match="metrics has no row for 1 customer"):
        stage_summary(stages, metrics.drop(index="d"))
    with pytest.raises(ValueError, match="unknown stage 'growth'"):
        stage_summary(pd.Series(["growth"]), None)
    with pytest.raises(ValueError, match=r"metrics\['profit'\] contains 1 missing value"):
        stage_summary(stages, metrics.assign(profit=[1.0, np.nan, 2.0, 3.0]))


def test_profit_peaks_in_stability_on_company_data(company) -> None:
    """Course materials: the firm invests most early, profit peaks in the stability stage."""
    from kamcourse import data

    orders, end = company["orders"], company["end"]
    stages = classify_stages(orders, "customer_id", "order_date", "net_revenue", end)
    year = orders[orders["order_date"].dt.year == end.year]
    cts = data.load("cost_to_serve")
    metrics = pd.DataFrame({
        "gross_profit": (year["net_revenue"] - year["cost_of_goods"]).groupby(year["customer_id"]).sum(),
        "cost_to_serve": cts[cts["year"] == end.year].set_index("customer_id")["total_cost"],
    }).reindex(stages.index).fillna(0.0)
    metrics["profit"] = metrics["gross_profit"] - metrics["cost_to_serve"]
    table = stage_summary(stages, metrics)
    assert table["profit_per_customer"].idxmax() == "stability"


def test_lifecycle_curve() -> None:
    orders = pd.DataFrame({"customer": ["a", "a", "a", "b"],
                           "date": pd.to_datetime(["2024-01-15", "2024-02-01", "2024-08-20", "2024-03-03"]),
                           "amount": [10.0, 5.0, 30.0, 7.0]})
    q = lifecycle_curve(orders, "customer", "date", "amount", "a", end="2024-12-31")
    assert q.tolist() == [15.0, 0.0, 30.0, 0.0]
    assert q.index[0] == pd.Timestamp("2024-01-01")
    m = lifecycle_curve(orders, "customer", "date", "amount", "a", freq="M", end="2024-08-31")
    assert len(m) == 8 and m.sum() == 45.0
    y = lifecycle_curve(orders, "customer", "date", "amount", "b", freq="Y")
    assert y.tolist() == [7.0]
    with pytest.raises(ValueError, match=r"customer 'A' has no orders in transactions; did you mean 'a'"):
        lifecycle_curve(orders, "customer", "date", "amount", "A")
    with pytest.raises(ValueError, match="freq must be one of"):
        lifecycle_curve(orders, "customer", "date", "amount", "a", freq="W")


def test_stage_history() -> None:
    orders = pd.DataFrame({"customer": ["a"] * 4 + ["b"],
                           "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10",
                                                   "2024-09-01"]),
                           "amount": [10.0, 30.0, 30.0, 30.0, 4.0]})
    h = stage_history(orders, "customer", "date", "amount", ["2021-12-31", "2022-06-30", "2023-06-30", "2025-06-30"])
    assert h.shape == (2, 4)
    assert pd.isna(h.loc["a"].iloc[0]) and pd.isna(h.loc["b", pd.Timestamp("2023-06-30")])
    assert h.loc["a"].tolist()[1:] == ["exploration", "formation", "termination"]
    with pytest.raises(ValueError, match="dates must be increasing"):
        stage_history(orders, "customer", "date", "amount", ["2023-06-30", "2022-06-30"])
    with pytest.raises(ValueError, match="dates is empty"):
        stage_history(orders, "customer", "date", "amount", [])


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        (["exploration", "termination"], "early_abort"),
        (["exploration", "exploration"] + ["decline"] * 5, "early_abort"),
        (["exploration", "exploration", "decline"], "ongoing"),
        (["exploration", "formation", "termination"], "midway_failure"),
        (["formation", "stability", "termination"], "early_exit"),
        (["stability"] * 8 + ["decline", "termination"], "early_exit"),
        (["stability"] * 8 + ["decline"] * 5, "early_exit"),
        # a single year's dip (four quarterly readings) is not an exit (issue 12)
        (["stability"] * 8 + ["decline"] * 4, "ongoing"),
        (["formation", "stability", "decline"], "ongoing"),
        (["formation", "stability", "stability", "stability", "stability"], "long_lasting"),
        (["stability", "decline", "stability", "stability", "stability"], "long_lasting"),
        (["formation", "stability", "stability"], "ongoing"),
        ([None, np.nan, "exploration", "formation"], "ongoing"),
    ],
)
def test_lifecycle_pattern(path, pattern) -> None:
    assert lifecycle_pattern(path) == pattern
    assert pattern in PATTERNS


def test_lifecycle_pattern_bad_input() -> None:
    with pytest.raises(ValueError, match="path has no stage"):
        lifecycle_pattern([np.nan, None])
    with pytest.raises(ValueError, match="path holds unknown stage .growth.; valid: exploration"):
        lifecycle_pattern(["exploration", "growth"])
    with pytest.raises(ValueError, match="min_stable must be at least 1"):
        lifecycle_pattern(["stability"], min_stable=0)
    with pytest.raises(ValueError, match="min_decline must be at least 1"):
        lifecycle_pattern(["stability"], min_decline=0)
    assert lifecycle_pattern(["formation", "stability", "decline"], min_decline=1) == "early_exit"
    assert lifecycle_pattern(["stability", "stability"], min_stable=2) == "long_lasting"
    with pytest.raises(TypeError, match="history must be a DataFrame"):
        lifecycle_patterns(["stability"])  # type: ignore[arg-type]


def test_win_back_priority() -> None:
    stages = pd.Series(["decline", "termination", "termination", "stability", "termination"], index=list("abcde"))
    alive = pd.Series([0.9, 0.2, 0.7, 1.0, 0.1], index=list("abcde"))
    value = pd.Series([100.0, 500.0, 20.0, 900.0, 10.0], index=list("abcde"))
    table = win_back_priority(stages, alive, value)
    assert list(table.index) == ["b", "a", "c", "e"]  # expected values 100, 90, 14, 1; d is still stable
    assert table["priority"].tolist() == [1, 2, 3, 4]
    assert table["win_back_action"].to_dict() == {"b": "special_effort", "a": "win_back_first", "c": "low_cost_reminder",
                                         "e": "let_go"}
    assert set(table["win_back_action"]) <= set(WIN_BACK_ACTIONS)
    assert table["expected_value"].tolist() == pytest.approx([100.0, 90.0, 14.0, 1.0])
    strict = win_back_priority(stages, alive, value, alive_threshold=0.95, value_threshold=50)
    assert strict.loc["a", "win_back_action"] == "special_effort"
    for key in WIN_BACK_ACTIONS:
        assert i18n.label(key, "zh")


def test_win_back_priority_bad_input() -> None:
    stages = pd.Series(["decline", "termination"], index=["a", "b"])
    alive = pd.Series([0.5, 0.5], index=["a", "b"])
    value = pd.Series([1.0, 2.0], index=["a", "b"])
    with pytest.raises(ValueError, match=r"prob_alive must be in \[0, 1\], got 1.5 at 'b'"):
        win_back_priority(stages, alive.replace(0.5, 1.5).where(alive.index == "b", 0.5), value)
    with pytest.raises(ValueError, match="value has no value for customer 'b'"):
        win_back_priority(stages, alive, value.drop("b"))
    with pytest.raises(ValueError, match="value contains 1 missing value"):
        win_back_priority(stages, alive, value.where(value.index == "a"))
    with pytest.raises(TypeError, match="prob_alive must be a pandas Series"):
        win_back_priority(stages, [0.5, 0.5], value)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"alive_threshold must be in \[0, 1\]"):
        win_back_priority(stages, alive, value, alive_threshold=2)

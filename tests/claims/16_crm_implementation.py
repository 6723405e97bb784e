"""Claims of lesson 16 (implementing and evaluating CRM): each checked on the default data the lesson loads."""

from __future__ import annotations

import pandas as pd

from kamcourse import crm_implementation as ci

from . import claim

NB = "notebooks/16_crm_implementation.ipynb"
WEIGHTS = {"functional_fit": 3, "integration": 2, "security": 2, "ease_of_use": 2, "mobile_app": 1,
           "cost_of_ownership": 2, "vendor_support": 1}
CARD_TABLES = ("orders", "cost_to_serve", "surveys", "service_requests", "opportunities", "staff", "crm_usage",
               "staff_survey")


def _source(data) -> pd.DataFrame:
    customers, orders = data.load("customers"), data.load("orders")
    source = customers[customers["first_order_date"] < ci.GO_LIVE].copy()
    revenue = orders[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum()
    source["revenue_2022"] = source["customer_id"].map(revenue).fillna(0.0).round(2)
    return source


def _faults(data) -> pd.DataFrame:
    return ci.record_faults(_source(data), data.load("crm_migration"), "customer_id", compare=["revenue_2022"],
                            required=["industry", "region", "account_manager_id"], text_cols=["name_zh"],
                            references={"account_manager_id": data.load("staff")["staff_id"]})


@claim(NB, "selection-read")
def the_cloud_system_wins_on_the_teams_weights(data) -> None:
    m = ci.decision_matrix(ci.CRM_OPTIONS, WEIGHTS)
    assert list(m.index[:2]) == ["cloud_saas", "on_premise_package"], list(m.index)
    assert [round(x, 2) for x in m["total"].iloc[:2]] == [3.92, 3.46], m["total"].tolist()


@claim(NB, "migration-reconcile-read")
def the_counts_do_not_reconcile(data) -> None:
    r = ci.reconcile(_source(data), data.load("crm_migration"), "customer_id", totals=["revenue_2022"])
    assert r.loc["rows", ["source", "target"]].tolist() == [223, 222] and r.loc["distinct_keys", "target"] == 220
    assert r.loc["keys_missing", "target"] == 3 and r.loc["keys_duplicated", "target"] == 2
    assert round(r.loc["total_revenue_2022", "difference"]) == 117_201, r.loc["total_revenue_2022"]


@claim(NB, "migration-faults-read")
def seventeen_faults_of_six_kinds(data) -> None:
    f = _faults(data)
    counts = f["fault"].value_counts().to_dict()
    assert len(f) == 17 and counts == {"garbled_text": 4, "missing_record": 3, "missing_value": 3,
                                       "value_mismatch": 3, "duplicate_record": 2, "invalid_reference": 2}, counts
    migrated = data.load("crm_migration").set_index("customer_id")
    assert "s017" in set(migrated["account_manager_id"])
    source = _source(data).set_index("customer_id")
    assert migrated.loc["C0024", "revenue_2022"] == 1.40 and round(source.loc["C0024", "revenue_2022"], -3) == 14_000
    garbled = migrated.loc[f.loc[f["fault"] == "garbled_text", "record"], "name_zh"]
    assert garbled.str.fullmatch(r"\?+").all(), garbled.tolist()


@claim(NB, "adoption-read")
def adoption_rises_after_go_live(data) -> None:
    curve = ci.adoption_curve(data.load("crm_usage"))
    assert round(curve["adoption"].iloc[0], 2) == 0.37 and curve.index[0] == ci.GO_LIVE
    assert round(curve.loc[curve.index >= "2024-01-01", "adoption"].mean(), 2) == 0.91


@claim(NB, "training-read")
def adoption_follows_training(data) -> None:
    t = ci.adoption_by_training(data.load("crm_usage"), data.load("crm_training"))
    assert round(t.loc["not_trained", "adoption"], 2) == 0.16 and round(t.loc[">=12", "adoption"], 2) == 0.93
    after = t.drop(index=["not_trained", "0"])["adoption"]
    assert (after >= 0.695).all() and round(after.iloc[0], 2) == 0.70, after.to_dict()


@claim(NB, "risks-read")
def three_risks_happened(data) -> None:
    curve = ci.adoption_curve(data.load("crm_usage"))
    assert curve["adoption"].iloc[0] < 0.5
    orders = data.load("orders")
    assert orders.loc[orders["customer_id"] == "C0003", "order_date"].max().year == 2024
    effect = ci.incentive_effect(data.load("crm_usage"))
    assert effect.loc["count_bonus", "completeness"] < effect.loc["no_bonus", "completeness"]


@claim(NB, "scorecard-read")
def the_scorecard_rows(data) -> None:
    c = ci.crm_scorecard({n: data.load(n) for n in CARD_TABLES}).round(3)
    sat = c.loc[("customer", "satisfaction_mean")]
    assert (round(sat[2021], 2), round(sat[2023], 2), round(sat[2024], 2)) == (3.84, 3.68, 3.68) and sat[2025] > sat[2024]
    nps = c.loc[("customer", "nps")]
    assert (round(nps[2021]), round(nps[2024]), round(nps[2025])) == (11, -6, 2) and nps.idxmin() == 2024
    assert c.loc[("customer", "repurchase_rate"), [2023, 2024, 2025]].between(0.905, 0.925).all()
    rev = c.loc[("financial", "revenue_m")]
    assert (round(rev[2022], 1), round(rev[2025], 1)) == (57.1, 52.5) and rev.idxmax() == 2022
    profit = c.loc[("financial", "net_profit_m")]
    assert profit.is_monotonic_decreasing and (round(profit[2021], 1), round(profit[2025], 1)) == (7.3, 5.6)
    days, hand = c.loc[("process", "response_days")], c.loc[("process", "handoffs_per_request")]
    assert days.idxmin() == 2025 and round(days[2025], 1) == 5.5 and hand.idxmin() == 2025
    adoption = c.loc[("people", "adoption")]
    assert (round(adoption[2023], 2), round(adoption[2025], 2)) == (0.70, 0.91)
    complete, trust = c.loc[("people", "completeness")], c.loc[("people", "data_trust")]
    assert round(complete[2024], 2) == 0.69 and complete.idxmin() == 2024 and trust.idxmin() == 2024


@claim(NB, "before-after-read")
def before_after_three_ways(data) -> None:
    requests = data.load("service_requests")
    days = (requests["closed_date"] - requests["opened_date"]).dt.days
    monthly = days.groupby(requests["opened_date"].dt.to_period("M").dt.to_timestamp()).mean()
    real = ci.before_after(monthly, ci.GO_LIVE)
    placebo = ci.before_after(monthly[monthly.index < ci.GO_LIVE], "2022-04-01")
    got = (round(real["naive_change"], 2), round(real["change_vs_trend"], 2), round(placebo["change_vs_trend"], 2))
    assert got == (0.23, -0.71, -0.23), got
    assert len(monthly) == 60


@claim(NB, "incentives-read")
def a_count_bonus_buys_records_and_costs_quality(data) -> None:
    e = ci.incentive_effect(data.load("crm_usage"))
    per = [round(e.loc[k, "records_per_active"]) for k in ("no_bonus", "count_bonus", "quality_bonus")]
    assert per == [27, 48, 26], per
    complete = [round(e.loc[k, "completeness"], 2) for k in ("no_bonus", "count_bonus", "quality_bonus")]
    assert complete == [0.85, 0.60, 0.94], complete
    dup = [round(100 * e.loc[k, "duplicate_rate"], 1) for k in ("no_bonus", "count_bonus")]
    assert dup == [2.9, 10.2], dup
    trust = data.load("staff_survey").groupby("year")["data_trust"].mean().round(2)
    assert trust.to_dict() == {2023: 3.58, 2024: 2.83, 2025: 4.20}, trust.to_dict()


@claim(NB, "summary")
def the_summary_numbers(data) -> None:
    seventeen_faults_of_six_kinds(data)
    a_count_bonus_buys_records_and_costs_quality(data)

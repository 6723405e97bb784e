"""Claims of assignment A16 (the model answer of Question 6), read on the default data of lesson 16."""

from __future__ import annotations

import numpy as np

from kamcourse import crm_implementation as ci

from . import claim

NB = "assignments/a16_crm_implementation/a16_crm_implementation.ipynb"


@claim(NB, "q6-answer")
def the_model_risk_assessment(data) -> None:
    register = ci.risk_register(ci.crm_risks())
    top = register.head(3)
    assert list(top.index) == ["low_adoption", "poor_data_quality", "unclear_goals"], list(top.index)
    assert top["score"].tolist() == [20, 16, 15] and top["level"].tolist() == ["critical", "high", "high"]
    usage = data.load("crm_usage")
    curve = ci.adoption_curve(usage)
    assert round(curve["adoption"].iloc[0], 2) == 0.37
    assert round(curve.loc[curve.index >= "2024-01-01", "adoption"].mean(), 2) == 0.91
    customers, orders = data.load("customers"), data.load("orders")
    source = customers[customers["first_order_date"] < ci.GO_LIVE].copy()
    revenue = orders[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum()
    source["revenue_2022"] = source["customer_id"].map(revenue).fillna(0.0).round(2)
    faults = ci.record_faults(source, data.load("crm_migration"), "customer_id", compare=["revenue_2022"],
                              required=["industry", "region", "account_manager_id"], text_cols=["name_zh"],
                              references={"account_manager_id": data.load("staff")["staff_id"]})
    assert faults["fault"].value_counts().to_dict() == {"garbled_text": 4, "missing_record": 3, "missing_value": 3,
                                                        "value_mismatch": 3, "duplicate_record": 2,
                                                        "invalid_reference": 2}
    effect = ci.incentive_effect(usage)
    assert round(effect.loc["count_bonus", "completeness"], 2) == 0.60
    assert [round(effect.loc[k, "records_per_active"]) for k in ("no_bonus", "count_bonus")] == [27, 48]
    assert [round(100 * effect.loc[k, "duplicate_rate"], 1) for k in ("no_bonus", "count_bonus")] == [2.9, 10.2]
    assert effect.loc["quality_bonus", "completeness"] > effect.loc["no_bonus", "completeness"]
    requests = data.load("service_requests")
    days = (requests["closed_date"] - requests["opened_date"]).dt.days
    monthly = days.groupby(requests["opened_date"].dt.to_period("M").dt.to_timestamp()).mean()
    c = ci.before_after(monthly, ci.GO_LIVE)
    assert (round(c["naive_change"], 2), round(c["change_vs_trend"], 2)) == (0.23, -0.71)
    assert np.sign(c["naive_change"]) != np.sign(c["change_vs_trend"])
    placebo = ci.before_after(monthly[monthly.index < ci.GO_LIVE], "2022-04-01")
    assert abs(placebo["change_vs_trend"]) >= 0.2, placebo["change_vs_trend"]

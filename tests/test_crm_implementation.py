"""Tests for kamcourse.crm_implementation: steps, selection, migration, adoption, risks, scorecard, before/after, team."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import data, i18n
from kamcourse.crm_implementation import (
    CRM_OPTIONS,
    CRM_RISKS,
    SCORECARD_INDICATORS,
    adoption_by_training,
    adoption_curve,
    before_after,
    crm_risks,
    crm_scorecard,
    crm_team_rules,
    decision_matrix,
    implementation_steps,
    incentive_effect,
    looks_garbled,
    reconcile,
    record_faults,
    risk_level,
    risk_register,
    scorecard_guide,
    usage_rates,
    weight_to_switch,
)

# --------------------------------------------------------------------------- what the course materials list


def test_implementation_steps_as_the_materials_list_them() -> None:
    """教案 第四章: 制定CRM战略, 选择或开发CRM系统, 数据迁移与集成, 培训与部署; 课后答案 第三章: five steps."""
    assert implementation_steps(language="zh")["name"].tolist() == [
        "制定CRM战略", "选择或开发CRM系统", "数据迁移与集成", "培训与部署"]
    assert implementation_steps("answers", "zh")["name"].tolist()[-2:] == ["系统测试", "系统上线实施"]
    with pytest.raises(ValueError, match="source must be one of"):
        implementation_steps("hotel")


def test_team_rules_follow_the_company_rules() -> None:
    """公司客户关系管理制度 第八条 (two duties), 第九条 (four qualifications); 客户关系管理规定 第十三条 (incentives)."""
    assert len(crm_team_rules("duties")) == 2 and len(crm_team_rules("qualifications")) == 4
    assert "第九条" in crm_team_rules("qualifications", "zh")["description"].iloc[0]
    assert "第十三条" in crm_team_rules("incentives", "zh")["description"].iloc[0]


def test_scorecard_guide_says_what_each_number_cannot_tell() -> None:
    """The answers' five aspects: satisfaction, profit, timeliness and efficiency, staff feedback (security: none)."""
    assert set(SCORECARD_INDICATORS["perspective"]) == {"customer", "financial", "process", "people"}
    for lang in i18n.LANGUAGES:
        guide = scorecard_guide(lang)
        assert guide["can_tell"].str.len().gt(5).all() and guide["cannot_tell"].str.len().gt(5).all()


# --------------------------------------------------------------------------- selection


def test_decision_matrix_weights_are_normalised() -> None:
    scores = pd.DataFrame({"fit": [4, 3], "cost": [2, 5]}, index=["A", "B"])
    m = decision_matrix(scores, {"fit": 4, "cost": 1})
    assert m["total"].tolist() == pytest.approx([3.6, 3.4]) and m.index[0] == "A"
    assert decision_matrix(scores, {"fit": 8, "cost": 2})["total"].tolist() == pytest.approx([3.6, 3.4])
    assert m["margin"].iloc[0] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="unknown criterion 'price'"):
        decision_matrix(scores, {"price": 1})
    with pytest.raises(ValueError, match="must not all be zero"):
        decision_matrix(scores, {"fit": 0, "cost": 0})


def test_default_options_on_equal_weights() -> None:
    """The kit's illustrative scores: with equal weights the cloud system wins; cost-driven buyers pick open source."""
    equal = dict.fromkeys(CRM_OPTIONS.columns, 1.0)
    assert decision_matrix(CRM_OPTIONS, equal).index[0] == "cloud_saas"
    assert decision_matrix(CRM_OPTIONS, {**equal, "cost_of_ownership": 5.0}).index[0] == "open_source"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=9, max_size=9), st.lists(st.integers(1, 5), min_size=3, max_size=3))
def test_weight_to_switch_is_where_the_totals_tie(cells: list[int], w: list[int]) -> None:
    """At the returned weight the winner and some other option have the same total."""
    scores = pd.DataFrame(np.array(cells).reshape(3, 3), index=["A", "B", "C"], columns=["x", "y", "z"])
    weights = dict(zip(["x", "y", "z"], map(float, w)))
    totals = (scores * pd.Series(weights)).sum(axis=1)
    if (totals == totals.max()).sum() > 1:
        with pytest.raises(ValueError, match="tie for first place"):
            weight_to_switch(scores, weights, "x")
        return
    v = weight_to_switch(scores, weights, "x")
    if v == float("inf"):
        return
    moved = (scores * pd.Series({**weights, "x": v})).sum(axis=1)
    assert np.isclose(moved[totals.idxmax()], moved.drop(totals.idxmax()).max())


# --------------------------------------------------------------------------- migration


def test_looks_garbled() -> None:
    assert not looks_garbled("金祥打包机械有限公司") and looks_garbled("????") and looks_garbled("\ufffd\ufffd公司")
    assert not looks_garbled(float("nan"))


def test_reconcile_counts_keys_and_totals() -> None:
    src = pd.DataFrame({"id": ["a", "b"], "revenue": [10.0, 20.0]})
    assert reconcile(src, src.copy(), "id", totals=["revenue"])["passed"].all()
    off = reconcile(src, pd.DataFrame({"id": ["a", "b"], "revenue": [10.0, 0.002]}), "id", totals=["revenue"])
    assert off.loc["total_revenue", "difference"] == pytest.approx(-20.0, abs=0.01)
    assert not off.loc["total_revenue", "passed"] and off.loc["keys_missing", "passed"]
    with pytest.raises(ValueError, match="tolerance must not be negative"):
        reconcile(src, src, "id", tolerance=-1)


def test_record_faults_on_the_migration_finds_every_designed_fault() -> None:
    """The company's migration (crm_migration) against its source: exactly the faults of crm_migration_faults."""
    faults = _migration_faults(data.load, data.load_answers)
    assert faults[0] == faults[1]


def _migration_faults(load, load_answers) -> tuple[set, set]:
    from kamcourse.crm_implementation import GO_LIVE

    customers, orders, staff = load("customers"), load("orders"), load("staff")
    source = customers[customers["first_order_date"] < GO_LIVE].copy()
    revenue = orders[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum()
    source["revenue_2022"] = source["customer_id"].map(revenue).fillna(0.0).round(2)
    found = record_faults(source, load("crm_migration"), "customer_id", compare=["revenue_2022"],
                          required=["industry", "region", "account_manager_id"], text_cols=["name_zh"],
                          references={"account_manager_id": staff["staff_id"]})
    answers = load_answers("crm_migration_faults")
    return set(zip(found["record"], found["fault"])), set(zip(answers["customer_id"], answers["fault"]))


# --------------------------------------------------------------------------- adoption, incentives


USAGE = pd.DataFrame({
    "staff_id": ["S1", "S2", "S1", "S2"], "month": pd.to_datetime(["2024-06-01"] * 2 + ["2024-07-01"] * 2),
    "incentive_scheme": ["no_bonus", "no_bonus", "count_bonus", "count_bonus"],
    "records_created": [30, 0, 60, 40], "records_complete": [27, 0, 36, 24], "duplicates": [1, 0, 6, 4],
})


def test_usage_rates_and_curve() -> None:
    r = usage_rates(USAGE)
    assert r["adoption"] == 0.75 and r["completeness"] == pytest.approx(87 / 130)
    assert adoption_curve(USAGE)["adoption"].tolist() == [0.5, 1.0]
    bad = USAGE.assign(records_complete=[31, 0, 36, 24])
    with pytest.raises(ValueError, match="more complete records"):
        usage_rates(bad)


def test_incentive_effect_by_scheme() -> None:
    effect = incentive_effect(USAGE)
    assert effect.index.tolist() == ["no_bonus", "count_bonus"]
    assert effect.loc["count_bonus", "records_per_active"] == 50.0 and effect.loc["no_bonus", "completeness"] == 0.9


def test_adoption_by_training_places_each_staff_month() -> None:
    training = pd.DataFrame({"staff_id": ["S1", "S2"], "trained_date": pd.to_datetime(["2024-06-20", None])})
    table = adoption_by_training(USAGE, training)
    assert table.index.tolist() == ["not_trained", "0", "1"]
    assert table.loc["not_trained", "staff_months"] == 2 and table.loc["1", "adoption"] == 1.0
    with pytest.raises(ValueError, match="not in training"):
        adoption_by_training(USAGE, training.iloc[:1])


# --------------------------------------------------------------------------- risks


def test_risk_levels_on_the_five_by_five_matrix() -> None:
    assert [risk_level(s) for s in (1, 4, 5, 9, 10, 16, 20, 25)] == [
        "low", "low", "medium", "medium", "high", "high", "critical", "critical"]
    with pytest.raises(ValueError, match="between 1 and 25"):
        risk_level(0)


def test_risk_register_ranks_by_score_then_impact() -> None:
    reg = risk_register(pd.DataFrame({"likelihood": [4, 2, 3], "impact": [2, 4, 4]}, index=["a", "b", "c"]))
    assert reg.index.tolist() == ["c", "b", "a"] and reg["rank"].tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="whole numbers from 1 to 5"):
        risk_register(pd.DataFrame({"likelihood": [2.5], "impact": [3]}))
    assert crm_risks("zh")["response"].str.len().gt(5).all() and len(crm_risks()) == len(CRM_RISKS)


# --------------------------------------------------------------------------- scorecard, before/after


def test_scorecard_of_the_company() -> None:
    names = ("orders", "cost_to_serve", "surveys", "service_requests", "opportunities", "staff", "crm_usage",
             "staff_survey")
    card = crm_scorecard({n: data.load(n) for n in names})
    assert card.columns.tolist() == [2021, 2022, 2023, 2024, 2025]
    orders = data.load("orders")
    assert card.loc[("financial", "revenue_m"), 2025] == pytest.approx(
        orders.loc[orders["order_date"].dt.year == 2025, "net_revenue"].sum() / 1e6)
    assert np.isnan(card.loc[("people", "adoption"), 2022]) and card.loc[("people", "adoption"), 2024] > 0.8
    assert np.isnan(card.loc[("customer", "repurchase_rate"), 2021])
    with pytest.raises(ValueError, match="tables is missing 'staff'"):
        crm_scorecard({n: data.load(n) for n in names[:5]})


def test_before_after_sees_through_a_trend_and_finds_a_step() -> None:
    months = pd.date_range("2022-01-01", periods=36, freq="MS")
    trend = pd.Series(10.0 - 0.1 * np.arange(36), index=months)
    r = before_after(trend, "2023-07-01")
    assert r["naive_change"] < -1.5 and abs(r["change_vs_trend"]) < 0.1
    step = trend + np.where(months >= "2023-07-01", -2.0, 0.0)
    assert before_after(step, "2023-07-01")["change_vs_trend"] == pytest.approx(-2.0, abs=0.1)
    with pytest.raises(ValueError, match="need at least 3"):
        before_after(trend, "2022-02-01")
    with pytest.raises(TypeError, match="DatetimeIndex"):
        before_after(pd.Series([1.0, 2.0]), "2022-02-01")

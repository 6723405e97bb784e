"""The patterns built into the chapter's extension tables (buying_centre, crm_rollout), found by the kit's functions.

On the kit's data and on two other seeds (each student gets a seed of their own): the functions of
kamcourse.kam_organisation and kamcourse.crm_implementation must recover what the answer tables say
was built in (datasets/README.md, "Organising for key accounts, and making CRM work").
"""

from __future__ import annotations

import os

import pandas as pd
import pytest

from kamcourse import data
from kamcourse.crm_implementation import (
    GO_LIVE,
    adoption_by_training,
    adoption_curve,
    incentive_effect,
    reconcile,
    record_faults,
)
from kamcourse.kam_organisation import decider_coverage

SEEDS = ("default", *(int(s) for s in os.environ.get("KAMCOURSE_TEST_SEEDS", "1,2").split(",")[:2] if s.strip()))
_CACHE: dict[object, dict[str, pd.DataFrame]] = {}


@pytest.fixture(params=SEEDS, ids=lambda s: f"seed-{s}")
def t(request) -> dict[str, pd.DataFrame]:
    seed = request.param
    if seed not in _CACHE:
        if seed == "default":
            tables = {n: data.load(n) for n in data.names()}
            tables.update({n: data.load_answers(n) for n in data.answer_names()})
        else:
            tables = data.generate(seed=seed)
        _CACHE[seed] = tables
    return _CACHE[seed]


def _last_year_top(orders: pd.DataFrame, share: float = 0.2) -> list[str]:
    y = orders[orders["order_date"].dt.year == data.END_DATE.year].groupby("customer_id")["net_revenue"].sum()
    return list(y.sort_values(ascending=False).index[: round(share * len(y))])


def test_buying_roles_extend_the_decision_levels(t) -> None:
    """Four decision levels map one to one; a gatekeeper is the buyer or the gatekeeper (Webster & Wind 1972)."""
    merged = t["contacts"].merge(t["buying_centre"], on=["contact_id", "customer_id"])
    assert len(merged) == len(t["contacts"])
    one_to_one = {"decision_maker": "decider", "influencer": "influencer", "user": "user"}
    for level, role in one_to_one.items():
        assert set(merged.loc[merged["decision_level"] == level, "buying_role"]) == {role}
    gate = merged.loc[merged["decision_level"] == "gatekeeper", "buying_role"].value_counts()
    assert set(gate.index) == {"buyer", "gatekeeper"}, gate


def test_the_designed_coverage_gaps_are_found(t) -> None:
    """Among last year's top 20 % of buyers, the uncovered accounts are exactly the designed decider_not_met ones."""
    key = _last_year_top(t["orders"])
    cov = decider_coverage(t["contacts"], t["buying_centre"], t["staff"], data.END_DATE, accounts=key)
    gaps = t["buying_centre_gaps"]
    designed = set(gaps.loc[gaps["gap"] == "decider_not_met", "customer_id"])
    assert len(designed) == 5 and designed <= set(key)
    assert set(cov.index[cov["uncovered"]]) == designed
    assert (cov.loc[sorted(designed), "not_met"] > 0).all()


def test_the_runaway_horse_deciders_are_held_by_a_leaver(t) -> None:
    cov = decider_coverage(t["contacts"], t["buying_centre"], t["staff"], data.END_DATE)
    gaps = t["buying_centre_gaps"]
    assert set(cov.index[cov["holder_left"] > 0]) == set(gaps.loc[gaps["gap"] == "holder_left", "customer_id"])
    assert set(gaps.loc[gaps["gap"] == "holder_left", "customer_id"]) == set(t["runaway_horse"]["customer_id"])


def test_the_migration_faults_are_all_found(t) -> None:
    customers, orders = t["customers"], t["orders"]
    source = customers[customers["first_order_date"] < GO_LIVE].copy()
    revenue = orders[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum()
    source["revenue_2022"] = source["customer_id"].map(revenue).fillna(0.0).round(2)
    target = t["crm_migration"]
    found = record_faults(source, target, "customer_id", compare=["revenue_2022"],
                          required=["industry", "region", "account_manager_id"], text_cols=["name_zh"],
                          references={"account_manager_id": t["staff"]["staff_id"]})
    answers = t["crm_migration_faults"]
    assert set(zip(found["record"], found["fault"])) == set(zip(answers["customer_id"], answers["fault"]))
    checks = reconcile(source, target, "customer_id", totals=["revenue_2022"])
    assert checks.loc["keys_missing", "target"] == 3 and checks.loc["keys_duplicated", "target"] == 2
    assert not checks.loc["total_revenue_2022", "passed"]


def test_adoption_follows_training(t) -> None:
    curve = adoption_curve(t["crm_usage"])
    assert curve.index[0] == GO_LIVE and curve["adoption"].iloc[0] < 0.5
    assert curve.loc[curve.index >= "2024-01-01", "adoption"].mean() > 0.8
    by_training = adoption_by_training(t["crm_usage"], t["crm_training"])
    settled = by_training.drop(index=["not_trained", "0", "1", "2"], errors="ignore")
    assert (settled["adoption"] > by_training.loc["not_trained", "adoption"] + 0.4).all()


def test_a_count_bonus_buys_records_and_costs_quality(t) -> None:
    """Campbell (1979): paying per record raises the count and lowers the quality; paying for quality restores it."""
    effect = incentive_effect(t["crm_usage"])
    none, count, quality = (effect.loc[k] for k in ("no_bonus", "count_bonus", "quality_bonus"))
    assert count["records_per_active"] > 1.4 * none["records_per_active"]
    assert count["completeness"] < none["completeness"] - 0.15 and count["duplicate_rate"] > 2 * none["duplicate_rate"]
    assert quality["completeness"] > none["completeness"] + 0.05


def test_staff_trust_in_the_data_dips_in_the_count_bonus_year(t) -> None:
    survey = t["staff_survey"].groupby("year")[["usefulness", "data_trust"]].mean()
    assert survey.loc[2024, "data_trust"] < survey.loc[2023, "data_trust"] < survey.loc[2025, "data_trust"]
    assert survey.loc[2023, "usefulness"] < survey.loc[2025, "usefulness"]

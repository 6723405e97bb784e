"""kamcourse.crm: the ideas of lesson 10 (process, kinds, relationship types, buyer types, principles)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import crm, data, i18n, relationship


def test_the_process_has_the_materials_five_steps_on_real_tables() -> None:
    """课后答案 第二章: collect, analyse, customise, build and maintain, evaluate."""
    assert crm.CRM_PROCESS == ("collect", "analyse", "customise", "maintain", "evaluate")
    names = set(data.names())
    assert all(set(t) <= names for t in crm.PROCESS_TABLES.values())
    assert crm.process_map("zh").loc["evaluate", "step_name"] == "评估客户满意度"


def test_process_snapshot_measures_each_step() -> None:
    snap = crm.process_snapshot(data, 2025)
    assert snap.loc["collect", "value"] == pytest.approx(len(data.load("contacts")) / len(data.load("customers")))
    assert 1 <= snap.loc["evaluate", "value"] <= 5
    with pytest.raises(ValueError, match="has no orders"):
        crm.process_snapshot(data, 1990)


def test_relationship_types_sit_on_the_kits_ladders() -> None:
    levels = {x for v in crm.TYPE_LEVELS.values() for x in v}
    stages = {x for v in crm.TYPE_KAM_STAGES.values() for x in v}
    assert levels <= set(relationship.RELATIONSHIP_LEVELS) and stages <= set(relationship.KAM_STAGES)
    assert set(crm.TYPE_LEVELS) == set(crm.TYPE_KAM_STAGES) == set(crm.RELATIONSHIP_TYPES)
    order = [relationship.KAM_STAGES.index(crm.TYPE_KAM_STAGES[t][0]) for t in crm.RELATIONSHIP_TYPES]
    assert order == sorted(order), "the four types climb the KAM stages in order"
    assert crm.relationship_type_map("zh")["type"].tolist() == ["买卖关系", "优先供应关系", "合作伙伴关系", "战略联盟"]


def test_classify_relationships() -> None:
    idx = ["a", "b", "c", "d"]
    got = crm.classify_relationships(pd.Series(["diamond", "diamond", "bow_tie", "diamond"], index=idx),
                                     pd.Series([3, 3, 3, 1], index=idx), pd.Series([3.0, 2.9, 9.0, 9.0], index=idx))
    assert got.tolist() == ["partnership_type", "preferred_supplier", "preferred_supplier", "transactional"]
    with pytest.raises(ValueError):
        crm.classify_relationships(pd.Series(["star"]), pd.Series([3]), pd.Series([5.0]))


def test_buyer_type_follows_the_materials() -> None:
    """课后答案 第一章: a consumer buys for personal or family living; buying for production is not consumption."""
    got = crm.buyer_type(["person", "person", "organisation", "organisation"], ["living", "production", "living", "resale"])
    assert got.tolist() == ["consumer", "business_customer", "business_customer", "business_customer"]
    with pytest.raises(ValueError):
        crm.buyer_type(["robot"], ["living"])


def test_crm_kinds_and_modules() -> None:
    assert crm.crm_type_of("module_statistics") == "analytical"
    assert set(crm.system_modules("en")["crm_type"]) == set(crm.CRM_TYPES)
    with pytest.raises(ValueError, match="module must be one of"):
        crm.crm_type_of("module_coffee")


def test_principles_and_their_indicators() -> None:
    """教案 第二章: customer orientation, integration, continuous improvement; 公司制度 第三条 for the rules."""
    assert crm.principles_table("zh")["principle"].tolist() == ["客户导向原则", "一体化原则", "持续改进原则"]
    ind = crm.principle_indicators(data.load("service_requests"), data.load("surveys"), 2025)
    assert 0 <= ind["customer_orientation"] <= 1 and 0 <= ind["integration"] <= 1


def test_every_label_the_chapter_shows_is_in_both_languages() -> None:
    keys = [*(f"crm_{t}" for t in crm.CRM_TYPES), *crm.SYSTEM_MODULES, *crm.RELATIONSHIP_TYPES,
            *crm.CRM_PRINCIPLES, *crm.COMPANY_PRINCIPLES, *(k for _, k in crm.CRM_MILESTONES), *crm.BUYER_TYPES]
    for key in keys:
        assert i18n.label(key, "en") and i18n.label(key, "zh")

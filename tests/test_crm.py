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
    assert 0 <= ind["customer_orientation"] <= 1 and 0 <= ind["integration_principle"] <= 1


def test_every_label_the_chapter_shows_is_in_both_languages() -> None:
    keys = [*(f"crm_{t}" for t in crm.CRM_TYPES), *crm.SYSTEM_MODULES, *crm.RELATIONSHIP_TYPES,
            *crm.CRM_PRINCIPLES, *crm.COMPANY_PRINCIPLES, *(k for _, k in crm.CRM_MILESTONES), *crm.BUYER_TYPES]
    for key in keys:
        assert i18n.label(key, "en") and i18n.label(key, "zh")


def test_crm_began_as_contact_management_in_the_1980s() -> None:
    """客户关系管理论文 一 (1): CRM 起源于20世纪80年代的美国; then the suites of the late 1990s (Buttle & Maklan 2019, ch. 1)."""
    en, zh = crm.crm_milestones("en"), crm.crm_milestones("zh")
    assert en["period"].tolist() == ["1980s", "1990s", "late 1990s", "2000s", "2010s-"]
    assert "contact management" in en.loc[0, "development"]
    assert zh.loc[0, "period"] == "20世纪80年代" and zh.loc[0, "development"].startswith("客户接触管理")
    with pytest.raises(ValueError, match="language"):
        crm.crm_milestones("fr")


def test_the_three_theoretical_bases_of_the_crm_paper() -> None:
    """客户关系管理论文 二 (1): 关系营销理论、服务营销理论和顾客忠诚理论."""
    assert [i18n.label(k, "zh") for k in crm.THEORETICAL_BASES] == ["关系营销理论", "服务营销理论", "顾客忠诚理论"]


def test_process_steps_in_the_materials_words() -> None:
    """课后答案 第二章: 客户信息的收集和整理、客户需求和行为的分析、…、客户满意度的评估 (five steps, in this order)."""
    t = crm.process_map("zh")
    assert t["step"].tolist() == [1, 2, 3, 4, 5]
    assert t.loc["collect", "step_name"] == "收集和整理客户信息" and t.loc["analyse", "step_name"].startswith("分析")
    assert crm.process_map("en").loc["collect", "tables"] == "customers, contacts, prospects"


def test_process_snapshot_reads_a_dict_of_tables_like_the_data_module() -> None:
    tables = {n: data.load(n) for n in ("customers", "contacts", "orders", "cost_to_serve", "surveys")}
    pd.testing.assert_frame_equal(crm.process_snapshot(tables, 2024), crm.process_snapshot(data, 2024))
    with pytest.raises(ValueError, match="orders"):
        crm.process_snapshot({**tables, "orders": tables["orders"].drop(columns="discount")}, 2024)


def test_principle_indicators_by_hand_and_bad_years() -> None:
    """Complaints closed within 7 days, requests passed on at most once, change of mean satisfaction (this kit's measures)."""
    sr = pd.DataFrame({"type": ["complaint", "complaint", "complaint", "repair"], "handoffs": [0, 1, 2, 4],
                       "opened_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]),
                       "closed_date": pd.to_datetime(["2025-01-08", "2025-02-09", "2025-03-02", "2025-04-30"])})
    sv = pd.DataFrame({"year": [2024, 2024, 2025], "overall_satisfaction": [3.0, 4.0, 4.0]})
    ind = crm.principle_indicators(sr, sv, 2025)
    assert ind.tolist() == pytest.approx([2 / 3, 0.5, 0.5])
    assert crm.principle_indicators(sr, sv, 2025, days=8)["customer_orientation"] == 1.0
    with pytest.raises(ValueError, match="year 2020 has no service requests"):
        crm.principle_indicators(sr, sv, 2020)
    with pytest.raises(ValueError, match="surveys"):
        crm.principle_indicators(sr, sv.drop(columns="overall_satisfaction"), 2025)


def test_company_principles_carry_every_core_principle() -> None:
    """公司客户关系管理制度 第三条: 客户至上、诚信为本、团队协作、数据驱动; every core principle is carried by one of them."""
    assert [i18n.label(k, "zh") for k in crm.COMPANY_PRINCIPLES] == ["客户至上", "诚信为本", "团队协作", "数据驱动"]
    assert set(crm.PRINCIPLE_LINKS) == set(crm.CRM_PRINCIPLES)
    assert {r for v in crm.PRINCIPLE_LINKS.values() for r in v} <= set(crm.COMPANY_PRINCIPLES)


def test_the_system_manuals_modules() -> None:
    """客户关系管理系统操作手册: 第四章 客户信息管理, 第五章 联系人管理, 第六章 业务机会管理."""
    t = crm.system_modules("zh")
    assert t.loc[["module_customer_info", "module_contacts", "module_opportunities"], "module"].tolist() == [
        "客户信息管理", "联系人管理", "业务机会管理"]
    assert t.loc["module_customer_info", "in_practice_crm"] and t["crm_type_name"].str.contains("型").all()


def test_buyer_type_keeps_the_index_and_checks_lengths() -> None:
    got = crm.buyer_type(pd.Series(["person", "organisation"], index=["x", "y"]),
                         pd.Series(["living", "living"], index=["x", "y"]))
    assert got.to_dict() == {"x": "consumer", "y": "business_customer"}
    with pytest.raises(ValueError, match="same length"):
        crm.buyer_type(["person"], ["living", "living"])
    with pytest.raises(TypeError):
        crm.buyer_type("person", "living")

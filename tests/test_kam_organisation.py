"""Tests for kamcourse.kam_organisation: buying centre, dependence, the materials' KAM lists, KPIs, the account plan."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import data, economics, i18n
from kamcourse.kam_organisation import (
    BUYING_ROLES,
    KAM_KPIS,
    LEVEL_ROLES,
    account_plan,
    buying_centre_map,
    concentration,
    concentration_by_year,
    customer_equity,
    customer_share,
    decider_coverage,
    herfindahl,
    kam_kpis,
    kam_table,
    key_accounts_by_year,
    kpi_status,
    loss_impact,
    relationship_plan,
)

CONTACTS = pd.DataFrame({"contact_id": ["P1", "P2", "P3", "P4", "P5"], "customer_id": ["C1", "C1", "C1", "C2", "C2"],
                         "staff_id": ["S1", "S1", "S2", "S3", "S3"]})
ROLES = pd.DataFrame({"contact_id": ["P1", "P2", "P3", "P4", "P5"],
                      "buying_role": ["buyer", "decider", "decider", "decider", "user"],
                      "last_met_date": pd.to_datetime(["2025-10-01", "2024-01-01", "2025-09-01", "2025-11-01", None])})
STAFF = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "role": ["sales", "technical", "sales"],
                      "leave_date": pd.to_datetime([None, "2025-03-31", None])})


# --------------------------------------------------------------------------- buying centre

def test_webster_and_wind_five_roles() -> None:
    """Webster & Wind (1972), Journal of Marketing 36(2): users, influencers, buyers, deciders, gatekeepers."""
    assert set(BUYING_ROLES) == {"user", "influencer", "buyer", "decider", "gatekeeper"}
    # the core table's four decision levels cannot stand for the buyer on their own: a gatekeeper may be either
    assert LEVEL_ROLES["gatekeeper"] == ("gatekeeper", "buyer")
    assert {r for roles in LEVEL_ROLES.values() for r in roles} == set(BUYING_ROLES)


def test_buying_centre_map_counts_and_unknown_roles() -> None:
    table = buying_centre_map(CONTACTS, ROLES)
    assert table.loc["C1", ["buyer", "decider", "user"]].tolist() == [1, 2, 0]
    assert table.loc["C1", "roles_unknown"] == 3 and table.loc["C2", "roles_unknown"] == 3
    assert buying_centre_map(CONTACTS, ROLES, accounts=["C2"]).index.tolist() == ["C2"]


def test_buying_centre_map_refuses_bad_tables() -> None:
    with pytest.raises(ValueError, match="has no row for contact"):
        buying_centre_map(CONTACTS, ROLES.iloc[:3])
    with pytest.raises(ValueError, match="contact 'P1' twice"):
        buying_centre_map(CONTACTS, pd.concat([ROLES, ROLES.iloc[:1]]))
    with pytest.raises(ValueError, match="missing column"):
        buying_centre_map(CONTACTS.drop(columns="staff_id"), ROLES)


def test_decider_coverage_rules() -> None:
    """A decider is covered when the holder is still employed and met them within the window."""
    cov = decider_coverage(CONTACTS, ROLES, STAFF, "2025-12-31")
    # C1: P2 met > 1 year ago, P3's holder left -> uncovered; C2: P4 met in November -> covered
    assert cov.loc["C1", ["deciders", "covered", "holder_left", "not_met"]].tolist() == [2, 0, 1, 1]
    assert bool(cov.loc["C1", "uncovered"]) and not bool(cov.loc["C2", "uncovered"])
    # before the holder left, P3 counts (met 2025-09-01 is after 2025-02-28 but the window is what matters)
    early = decider_coverage(CONTACTS, ROLES.assign(last_met_date=pd.to_datetime(
        ["2025-01-01", "2024-01-01", "2025-01-15", "2025-01-01", None])), STAFF, "2025-02-28")
    assert early.loc["C1", "covered"] == 1
    # a longer window covers the old meeting
    assert decider_coverage(CONTACTS, ROLES, STAFF, "2025-12-31", max_days=800).loc["C1", "not_met"] == 0


def test_decider_coverage_flags_accounts_without_a_decider() -> None:
    roles = ROLES.assign(buying_role=["buyer", "buyer", "user", "decider", "user"])
    cov = decider_coverage(CONTACTS, roles, STAFF, "2025-12-31")
    assert bool(cov.loc["C1", "no_decider"]) and bool(cov.loc["C1", "uncovered"])


def test_decider_coverage_needs_known_staff_and_meeting_dates() -> None:
    with pytest.raises(ValueError, match="not in staff"):
        decider_coverage(CONTACTS, ROLES, STAFF.iloc[:2], "2025-12-31")
    with pytest.raises(ValueError, match="last_met_date"):
        decider_coverage(CONTACTS, ROLES.drop(columns="last_met_date"), STAFF, "2025-12-31")
    with pytest.raises(ValueError, match="max_days"):
        decider_coverage(CONTACTS, ROLES, STAFF, "2025-12-31", max_days=0)


# --------------------------------------------------------------------------- dependence

def test_herfindahl_textbook_values() -> None:
    """HHI = Σ s² (Hirschman 1964): one firm 1 (10,000 in percent points), n equal firms 1/n."""
    assert herfindahl([7.0]) == 1.0 and herfindahl([7.0], scale=10_000) == 10_000
    assert herfindahl([1, 1, 1, 1, 1]) == pytest.approx(0.2)
    assert herfindahl([50, 30, 20], scale=10_000) == pytest.approx(3800)
    with pytest.raises(ValueError, match="scale must be positive"):
        herfindahl([1, 2], scale=0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=1e6), min_size=1, max_size=30))
def test_herfindahl_bounds(values: list[float]) -> None:
    """1/n <= HHI <= 1, and the equivalent number is at most n."""
    h = herfindahl(values)
    assert 1 / len(values) - 1e-9 <= h <= 1 + 1e-9
    c = concentration(pd.Series(values, index=[f"c{i}" for i in range(len(values))]), top=(1,))
    assert c["equivalent_number"] <= len(values) + 1e-6 and c["top1_share"] >= 1 / len(values) - 1e-9


def test_customer_share_is_revenue_over_wallet() -> None:
    """s = R / W (Cooil et al. 2007), on revenue's customers; the wallet may hold more customers."""
    share = customer_share(pd.Series({"C2": 50.0, "C1": 0.0}), pd.Series({"C1": 10.0, "C2": 200.0, "C9": 1.0}))
    assert share.index.tolist() == ["C2", "C1"] and share.tolist() == [0.25, 0.0]
    assert share.name == "customer_share"
    assert customer_share([30.0, 10.0], [60.0, 100.0]).tolist() == [0.5, 0.1]
    with pytest.raises(ValueError, match="wallet lacks customers of revenue: 'C3'"):
        customer_share(pd.Series({"C3": 1.0}), pd.Series({"C1": 2.0}))
    with pytest.raises(ValueError, match="wallet must be positive"):
        customer_share([1.0], [-5.0])
    with pytest.raises(ValueError, match="revenue must not be negative"):
        customer_share([-1.0], [5.0])
    with pytest.raises(ValueError, match="same length"):
        customer_share([1.0, 2.0], [5.0])
    with pytest.raises(TypeError, match="wallet must hold numbers"):
        customer_share([1.0], ["x"])


def test_customer_equity_sums_the_lifetime_values() -> None:
    """CE = Σ m_i r / (1 + d - r) (Blattberg & Deighton 1996; Gupta, Lehmann & Stuart 2004): each term a CLV."""
    from kamcourse.clv import clv

    margins = {"A": 120.0, "B": -40.0, "C": 75.5}
    assert customer_equity(margins, 0.85, 0.12) == pytest.approx(sum(clv(m, 0.85, 0.12) for m in margins.values()))
    assert customer_equity([100.0], 0.0, 0.1) == 0.0
    assert customer_equity([100.0, 100.0], 0.9, 0.1) == pytest.approx(900.0)  # 200 * 0.9 / 0.2
    with pytest.raises(ValueError, match="retention must be in"):
        customer_equity([1.0], 1.2, 0.1)
    with pytest.raises(ValueError, match="margins is empty"):
        customer_equity([], 0.5, 0.1)


def test_concentration_by_year_reads_each_year() -> None:
    orders = data.load("orders")
    table = concentration_by_year(orders)
    assert table.index.tolist() == [2021, 2022, 2023, 2024, 2025]
    y2025 = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["net_revenue"].sum()
    assert table.loc[2025, "top1_share"] == pytest.approx(y2025.max() / y2025.sum())
    assert table.loc[2025, "hhi"] == pytest.approx(((y2025 / y2025.sum()) ** 2).sum())


def test_loss_impact_removes_the_account_and_keeps_fixed_costs() -> None:
    prof = pd.DataFrame({"revenue": [60.0, 40.0], "gross_profit": [18.0, 10.0], "net_profit": [12.0, 4.0]},
                        index=["big", "rest"])
    r = loss_impact(prof, "big")
    assert (r["revenue_share"], r["net_profit_share"], r["profit_after"]) == (0.6, 0.75, 4.0)
    r = loss_impact(prof, "big", fixed_costs=6.0)
    assert r["profit_before"] == 10.0 and r["profit_after"] == -2.0
    with pytest.raises(ValueError, match="not in profitability"):
        loss_impact(prof, "other")
    with pytest.raises(ValueError, match="fixed_costs must not be negative"):
        loss_impact(prof, "big", fixed_costs=-1)


def test_the_largest_customer_of_the_data() -> None:
    """Issue 19 says the largest customer holds 22 % of revenue: on the kit's data C0219 holds 22.3 % (2021-2025)."""
    orders = data.load("orders")
    c = concentration(orders.groupby("customer_id")["net_revenue"].sum())
    assert c["largest"] == "C0219" and 0.22 <= c["top1_share"] < 0.23
    prof = economics.customer_profitability(orders, data.load("cost_to_serve"))
    r = loss_impact(prof, "C0219")
    assert r["net_profit_share"] > r["revenue_share"] > r["gross_profit_share"]


# --------------------------------------------------------------------------- the materials' lists

def test_kam_lists_follow_the_course_materials() -> None:
    """第四章 大客户管理(一): 工程师 + 销售员 + 领导者; the literature review's six steps of the KAM process."""
    assert kam_table("manager", "zh")["name"].tolist() == ["工程师", "销售员", "领导者"]
    assert kam_table("process", "zh")["name"].tolist() == ["市场调研", "客户识别", "需求分析", "合作谈判", "合同签订", "售后服务"]
    assert kam_table("organisation", "zh").loc["inverted_pyramid", "name"] == "倒金字塔式组织"
    assert len(kam_table("importance")) == 4 and len(kam_table("problems")) == 5
    for name in ("importance", "problems", "organisation", "manager", "process", "dependence"):
        for lang in i18n.LANGUAGES:
            assert kam_table(name, lang)["description"].str.len().gt(5).all()


# --------------------------------------------------------------------------- KPIs

def test_key_account_lists_are_drawn_from_the_year_before() -> None:
    orders = data.load("orders")
    lists = key_accounts_by_year(orders)
    assert sorted(lists) == [2022, 2023, 2024, 2025]
    y2024 = orders[orders["order_date"].dt.year == 2024].groupby("customer_id")["net_revenue"].sum()
    assert lists[2025] == set(y2024.sort_values(ascending=False).index[: round(0.2 * len(y2024))])
    with pytest.raises(ValueError, match=r"top must be in \(0, 1\]"):
        key_accounts_by_year(orders, top=0)


def test_hindsight_lists_hide_the_lost_accounts() -> None:
    """Survivorship: a list made from 2025's buyers renews 100 % in every year; the list of each year does not."""
    t = {n: data.load(n) for n in ("orders", "surveys", "service_requests")}
    fair = kam_kpis(t["orders"], t["surveys"], t["service_requests"], key_accounts_by_year(t["orders"]))
    y2025 = t["orders"][t["orders"]["order_date"].dt.year == 2025].groupby("customer_id")["net_revenue"].sum()
    hindsight = kam_kpis(t["orders"], t["surveys"], t["service_requests"], y2025.nlargest(48).index)
    assert (hindsight["renewal_rate"].dropna() == 1.0).all()
    assert (fair["renewal_rate"].dropna() < 1.0).any()
    assert list(fair.columns[:4]) == list(KAM_KPIS) and math.isnan(fair.loc[2021, "renewal_rate"])


def test_kpi_status_respects_the_direction() -> None:
    kpis = pd.DataFrame({"renewal_rate": [0.9, 0.96], "response_days": [6.0, 7.5]}, index=[2024, 2025])
    s = kpi_status(kpis, {"renewal_rate": 0.95, "response_days": 7.0})
    assert s["met"].tolist() == [True, False] and s.loc["response_days", "direction"] == "lower"
    assert kpi_status(kpis, {"renewal_rate": 0.95}, year=2024).loc["renewal_rate", "met"] == False  # noqa: E712
    with pytest.raises(ValueError, match="unknown KPI 'profit'"):
        kpi_status(kpis, {"profit": 1})
    with pytest.raises(ValueError, match="year 2020 is not in kpis"):
        kpi_status(kpis, {"renewal_rate": 1}, year=2020)


# --------------------------------------------------------------------------- the account plan

def test_relationship_plan_actions() -> None:
    plan = relationship_plan(CONTACTS, ROLES, STAFF, "C1", "2025-12-31")
    actions = dict(zip(plan["contact_id"].fillna(plan["buying_role"]), plan["action"]))
    assert actions["P3"] == "reassign_holder" and actions["P2"] == "meet_now" and actions["P1"] == "keep_in_touch"
    assert {actions[r] for r in ("user", "influencer", "gatekeeper")} == {"find_contact"}
    assert plan["priority"].is_monotonic_increasing
    c2 = relationship_plan(CONTACTS, ROLES, STAFF, "C2", "2025-12-31")
    assert c2.loc[c2["contact_id"] == "P5", "action"].item() == "first_meeting"
    with pytest.raises(ValueError, match="has no contact"):
        relationship_plan(CONTACTS, ROLES, STAFF, "C9", "2025-12-31")


def test_account_plan_of_a_designed_gap_account() -> None:
    """C0190 is built with deciders nobody has met for over a year (buying_centre_gaps)."""
    names = ("customers", "orders", "cost_to_serve", "surveys", "service_requests", "contacts", "buying_centre", "staff")
    tables = {n: data.load(n) for n in names}
    offers = pd.DataFrame({"product": [60, 55], "service": [20, 12], "personnel": [10, 8], "image": [10, 10],
                           "monetary": [70, 62], "time": [5, 8], "energy": [3, 4], "psychic": [4, 6]},
                          index=["hydra", "competitor"])
    plan = account_plan("C0190", tables, targets={"renewal_rate": 1.0, "response_days": 5}, as_of=data.END_DATE,
                        offers=offers)
    assert "decider_not_met" in plan.flagged_risks() and plan.profile["coverage_model"] == "bow_tie"
    assert plan.value.index[0] == "hydra"
    assert set(plan.objectives.index) == {"renewal_rate", "response_days"}
    assert plan.history.index.tolist() == [2021, 2022, 2023, 2024, 2025]
    with pytest.raises(ValueError, match="tables is missing 'buying_centre'"):
        account_plan("C0190", {n: tables[n] for n in names if n != "buying_centre"}, targets={"renewal_rate": 1},
                     as_of=data.END_DATE)

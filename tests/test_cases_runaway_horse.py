"""Case "runaway horse" (脱缰野马): the course materials' figures, the pattern in the data, the remedy."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import data, i18n
from kamcourse.cases import runaway_horse as rh
from kamcourse.relationship import contact_coverage


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: data.load(name) for name in ("contacts", "staff", "orders", "customers")}


# --- the course materials' figures ---------------------------------------------------------


def test_materials_figures_course_materials() -> None:
    """Course materials (case 脱缰野马): 2007, 3 million yuan to B, 13% of A's total sales."""
    assert rh.FACTS["account_sales"].value == 3_000_000
    assert rh.FACTS["share_of_sales"].value == 0.13
    assert rh.FACTS["year"].value == 2007
    assert all(f.status == "course_materials" and f.sources == ("course_materials",) for f in rh.FACTS.values())
    assert "3 million" in i18n.label("rh_story_2007", "en") and "13%" in i18n.label("rh_story_2007", "en")
    assert "300万元" in i18n.label("rh_story_2007", "zh") and "陆经理" in i18n.label("rh_story_in_his_head", "zh")


def test_implied_total_sales() -> None:
    """3 million / 13% = 23.08 million yuan (computed from the course materials' figures)."""
    assert rh.implied_total_sales() == pytest.approx(23_076_923.08, abs=0.01)
    assert round(rh.implied_total_sales(3_000_000, 0.13) / 1e6, 1) == 23.1
    with pytest.raises(ValueError, match="share must be in"):
        rh.implied_total_sales(3_000_000, 0)
    with pytest.raises(ValueError, match="account_sales must be positive"):
        rh.implied_total_sales(-1, 0.1)
    with pytest.raises(TypeError, match="account_sales must be a number"):
        rh.implied_total_sales("3m", 0.13)


def test_story_and_lessons_are_attributed() -> None:
    assert all(c.status == "course_materials" for c in rh.STORY)
    for claim in (*rh.STORY, *rh.LESSONS):
        assert claim.text and i18n.label(claim.key, "zh")
    sourced = [c for c in rh.LESSONS if c.status == "sourced"]
    assert sourced and all("course_materials" not in c.sources and "kit" not in c.sources for c in sourced)
    for q in rh.DISCUSSION_QUESTIONS:
        assert i18n.label(q, "en").endswith("?")


# --- finding the pattern in the company's data --------------------------------------------


def test_the_runaway_account_is_found_in_the_data(tables) -> None:
    """The student-table helper finds the instructor's answer (load_answers('runaway_horse')) first."""
    answer = data.load_answers("runaway_horse").iloc[0]
    found = rh.find_runaway_accounts(tables["contacts"], tables["staff"], tables["orders"])
    assert found.index[0] == answer["customer_id"]
    top = found.iloc[0]
    assert top["key_person"] == answer["staff_id"]
    assert top["left_on"] == pd.Timestamp(answer["leave_date"])
    assert top["n_contacts"] >= 3
    # every account listed has all its contacts with one person who has left
    coverage = contact_coverage(tables["contacts"], tables["staff"])
    assert (coverage.loc[found.index, "n_owners"] == 1).all()
    assert coverage.loc[found.index, "key_person_left"].all()


def test_the_account_is_like_the_story(tables) -> None:
    """The notebook tells students the account makes balers and its holder was its account manager."""
    answer = data.load_answers("runaway_horse").iloc[0]
    customer = tables["customers"].set_index("customer_id").loc[answer["customer_id"]]
    assert customer["industry"] == "packaging_machinery"
    assert customer["account_manager_id"] == answer["staff_id"]
    assert tables["staff"].set_index("staff_id").loc[answer["staff_id"], "role"] == "sales"


def test_revenue_after_the_leave_is_well_below_before(tables) -> None:
    answer = data.load_answers("runaway_horse").iloc[0]
    r = rh.revenue_before_after(tables["orders"], answer["customer_id"], answer["leave_date"], months=12)
    assert r["window_months"] == 12
    assert r["revenue_before"] > 0 and r["revenue_after"] < 0.5 * r["revenue_before"], r.to_dict()
    assert r["revenue_change"] == pytest.approx(r["revenue_after"] / r["revenue_before"] - 1)
    found = rh.find_runaway_accounts(tables["contacts"], tables["staff"], tables["orders"])
    assert found.iloc[0]["revenue_before"] == pytest.approx(r["revenue_before"])
    assert 0 < found.iloc[0]["share_of_revenue_before"] < 0.5


def test_monthly_revenue_adds_up(tables) -> None:
    answer = data.load_answers("runaway_horse").iloc[0]
    monthly = rh.monthly_revenue(tables["orders"], answer["customer_id"])
    own = tables["orders"][tables["orders"]["customer_id"] == answer["customer_id"]]
    assert monthly.sum() == pytest.approx(own["net_revenue"].sum())
    assert monthly.index.is_monotonic_increasing and (monthly >= 0).all()
    assert monthly.index[-1] == pd.Timestamp("2025-12-01"), "months without orders at the end show as 0"


def test_diamond_plan_on_the_runaway_account(tables) -> None:
    """Coverage before (bow tie, key person gone) and after the plan (diamond, share < 50%)."""
    answer = data.load_answers("runaway_horse").iloc[0]
    cid = answer["customer_id"]
    before = contact_coverage(tables["contacts"], tables["staff"]).loc[cid]
    assert before["model"] == "bow_tie" and before["key_person_share"] == 1.0 and before["key_person_left"]
    plan = rh.diamond_plan(tables["contacts"], tables["staff"], cid)
    after = contact_coverage(plan, tables["staff"], owner_col="proposed_staff_id").loc[cid]
    assert after["model"] == "diamond" and after["key_person_share"] < 0.5 and not after["key_person_left"]
    assert after["n_owners"] >= 3
    assert (plan["plan_action"] == "reassign_contact").all(), "the departed owner keeps nothing"
    assert set(plan["contact_id"]) == set(tables["contacts"].loc[tables["contacts"]["customer_id"] == cid, "contact_id"])
    leavers = set(tables["staff"].loc[tables["staff"]["leave_date"].notna(), "staff_id"])
    assert not set(plan["proposed_staff_id"]) & leavers
    # engineering contacts go to technical staff, quality/operations to service (ROLE_MAP)
    for row in plan.itertuples():
        if row.contact_role in ("engineering", "quality", "operations"):
            assert row.proposed_role == rh.ROLE_MAP[row.contact_role]


# --- hand-made cases and bad input ---------------------------------------------------------


def _small() -> tuple[pd.DataFrame, pd.DataFrame]:
    contacts = pd.DataFrame(
        {
            "contact_id": ["K1", "K2", "K3", "K4"],
            "customer_id": ["B", "B", "C", "C"],
            "role": ["purchasing", "engineering", "purchasing", "quality"],
            "staff_id": ["S1", "S1", "S2", "S4"],
        }
    )
    staff = pd.DataFrame(
        {
            "staff_id": ["S1", "S2", "S3", "S4", "S5"],
            "role": ["sales", "sales", "technical", "service", "sales"],
            "hire_date": pd.to_datetime(["2015-01-01"] * 4 + ["2025-06-01"]),
            "leave_date": pd.to_datetime(["2024-03-01", None, None, None, None]),
        }
    )
    return contacts, staff


def test_diamond_plan_adds_contacts_when_too_few() -> None:
    contacts, staff = _small()
    plan = rh.diamond_plan(contacts, staff, "B")
    assert len(plan) == 3 and plan["plan_action"].tolist() == ["reassign_contact", "reassign_contact", "add_contact"]
    assert plan.iloc[2]["contact_role"] == rh.DIAMOND_ROLES[0] and plan.iloc[2]["contact_id"] == "NEW-B-1"
    assert contact_coverage(plan, owner_col="proposed_staff_id").loc["B", "key_person_share"] < 0.5


def test_diamond_plan_keeps_active_owners_and_respects_lead_and_as_of() -> None:
    contacts, staff = _small()
    plan = rh.diamond_plan(contacts, staff, "C", max_share=0.7)
    assert plan.loc[plan["contact_id"] == "K3", "plan_action"].item() == "keep_holder"
    lead_plan = rh.diamond_plan(contacts, staff, "B", lead="S5")
    assert lead_plan.loc[lead_plan["contact_id"] == "K1", "proposed_staff_id"].item() == "S5"
    early = rh.diamond_plan(contacts, staff, "B", as_of="2025-01-01")
    assert "S5" not in set(early["proposed_staff_id"]), "S5 was not hired yet on the as_of day"
    with pytest.raises(ValueError, match="lead must be"):
        rh.diamond_plan(contacts, staff, "B", lead="S1")


@settings(max_examples=40, deadline=None)
@given(n=st.integers(min_value=1, max_value=12), share=st.floats(min_value=0.2, max_value=0.9))
def test_diamond_plan_property(n: int, share: float) -> None:
    """Property: whatever the account size, the plan keeps everyone strictly below max_share."""
    roles = ["purchasing", "engineering", "management", "quality", "operations", "finance"]
    contacts = pd.DataFrame(
        {
            "contact_id": [f"K{i}" for i in range(n)],
            "customer_id": "B",
            "role": [roles[i % len(roles)] for i in range(n)],
            "staff_id": "S0",
        }
    )
    staff = pd.DataFrame(
        {
            "staff_id": ["S0"] + [f"S{i}" for i in range(1, 16)],
            "role": ["sales"] + ["sales", "technical", "service"] * 5,
            "leave_date": pd.to_datetime(["2024-01-01"] + [None] * 15),
        }
    )
    plan = rh.diamond_plan(contacts, staff, "B", max_share=share)
    shares = plan["proposed_staff_id"].value_counts() / len(plan)
    assert shares.max() < share
    assert "S0" not in set(plan["proposed_staff_id"])
    assert len(plan) >= n


def test_find_runaway_accounts_small() -> None:
    contacts, staff = _small()
    found = rh.find_runaway_accounts(contacts, staff)
    assert list(found.index) == ["B"] and found.loc["B", "key_person"] == "S1"
    assert rh.find_runaway_accounts(contacts, staff, as_of="2024-01-01").empty, "not gone yet on that day"


def test_revenue_before_after_shrinks_windows_to_the_data() -> None:
    orders = pd.DataFrame(
        {
            "customer_id": "B",
            "order_date": pd.to_datetime(["2024-01-15", "2024-05-15", "2024-07-15", "2024-08-20"]),
            "net_revenue": [1000.0, 500.0, 100.0, 100.0],
        }
    )
    r = rh.revenue_before_after(orders, "B", "2024-07-01", months=12, end="2024-09-30")
    assert r["window_months"] == 3
    assert (r["revenue_before"], r["revenue_after"]) == (500.0, 200.0)
    with pytest.raises(ValueError, match="no whole month"):
        rh.revenue_before_after(orders, "B", "2024-09-15", end="2024-09-30")


def test_bad_input() -> None:
    contacts, staff = _small()
    orders = pd.DataFrame({"customer_id": ["B"], "order_date": pd.to_datetime(["2024-01-01"]), "net_revenue": [1.0]})
    with pytest.raises(ValueError, match="missing column"):
        rh.find_runaway_accounts(contacts, staff.drop(columns="leave_date"))
    with pytest.raises(ValueError, match="has no orders"):
        rh.revenue_before_after(orders, "Z", "2024-01-01")
    with pytest.raises(ValueError, match="net_revenue"):
        rh.monthly_revenue(orders.assign(net_revenue=float("nan")), "B")
    with pytest.raises(TypeError, match="months must be a whole number"):
        rh.revenue_before_after(orders, "B", "2024-01-01", months=1.5)
    with pytest.raises(ValueError, match="max_share must be in"):
        rh.diamond_plan(contacts, staff, "B", max_share=1.0)
    with pytest.raises(ValueError, match="customer_id 'Z' has no contacts"):
        rh.diamond_plan(contacts, staff, "Z")
    with pytest.raises(ValueError, match="contacts is missing column"):
        rh.diamond_plan(contacts.drop(columns="role"), staff, "B")

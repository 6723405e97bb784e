"""kamcourse.maintenance: the three kinds of maintenance, the contact plan, capacity and the contact history."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import maintenance, vocabulary


def test_the_three_kinds_and_the_process_are_the_materials():
    """Company CRM rules (course materials, 第六条/第七条): 情感维护, 信息维护, 服务维护; five process steps."""
    assert maintenance.MAINTENANCE_KINDS is vocabulary.MAINTENANCE_KINDS
    assert maintenance.MAINTENANCE_KINDS == ("emotional_maintenance", "information_maintenance", "service_maintenance")
    assert len(maintenance.MAINTENANCE_PROCESS) == 5 and maintenance.MAINTENANCE_PROCESS[0] == "customer_file"


def test_plan_by_tier_and_stage():
    tiers = pd.Series({"a": "A", "b": "B", "c": "C", "d": "A"})
    stages = pd.Series({"a": "exploration", "b": "decline", "c": "termination", "d": "stability"})
    plan = maintenance.contact_plan(tiers, stages)
    assert plan.loc["a", ["visit", "call"]].tolist() == [7.0, 14.0]  # 6 + 1 visits, 12 + 2 calls
    assert plan.loc["b", ["visit", "call", "review_meeting"]].tolist() == [4.0, 8.0, 2.0]
    assert plan.loc["c", list(vocabulary.TOUCH_KINDS)].tolist() == [0.0, 1.0, 1.0, 0.0]  # a win-back call and a greeting
    assert maintenance.plan_hours(plan).loc["d"] == 6 * 8 + 12 * 0.5 + 3 * 0.25 + 2 * 12


def test_plan_refuses_bad_input():
    with pytest.raises(ValueError, match="stages has no stage for customer 'b'"):
        maintenance.contact_plan(pd.Series({"a": "A", "b": "B"}), pd.Series({"a": "stability"}))
    with pytest.raises(TypeError, match="tiers must be a pandas Series"):
        maintenance.contact_plan({"a": "A"}, pd.Series({"a": "stability"}))
    bad = maintenance.DEFAULT_PLAN.copy()
    bad.loc["A", "visit"] = -1
    with pytest.raises(ValueError, match="numbers >= 0"):
        maintenance.contact_plan(pd.Series({"a": "A"}), pd.Series({"a": "stability"}), plan=bad)
    with pytest.raises(ValueError, match="capacity_hours must not be negative"):
        maintenance.fit_to_capacity(maintenance.contact_plan(pd.Series({"a": "A"}), pd.Series({"a": "stability"})), -1)


def test_capacity_serves_remote_touches_first_then_tiers_in_order():
    tiers = pd.Series({"a": "A", "b": "B", "c": "C"})
    stages = pd.Series("stability", index=tiers.index)
    plan = maintenance.contact_plan(tiers, stages)
    remote = maintenance.plan_hours(plan.assign(visit=0.0, review_meeting=0.0)).sum()
    a_personal = 6 * 8 + 2 * 12
    fitted = maintenance.fit_to_capacity(plan, remote + a_personal)
    assert fitted.loc["a", "share_kept"] == 1.0
    assert fitted.loc["b", "visit"] == 0 and fitted.loc["b", "call"] == plan.loc["b", "call"]
    assert fitted.loc["c", "visit"] == 0 and fitted.loc["c", "greeting"] == plan.loc["c", "greeting"]
    # less than the remote touches: everything is scaled down, no personal touch kept
    tiny = maintenance.fit_to_capacity(plan, remote / 2)
    assert (tiny[["visit", "review_meeting"]] == 0).all().all() and tiny["hours"].sum() <= remote / 2


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=0, max_value=500))
def test_capacity_is_never_exceeded(capacity):
    tiers = pd.Series({"a": "A", "b": "B", "c": "C", "d": "A"})
    stages = pd.Series({"a": "stability", "b": "decline", "c": "exploration", "d": "formation"})
    fitted = maintenance.fit_to_capacity(maintenance.contact_plan(tiers, stages), capacity)
    assert fitted["hours"].sum() <= capacity + 1e-9
    assert ((fitted["share_kept"] >= 0) & (fitted["share_kept"] <= 1)).all()


def test_history_counts_plan_status_and_silence():
    acts = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "kind": ["visit", "visit", "call", "greeting"],
                         "activity_date": ["2025-01-10", "2025-06-01", "2025-06-02", "2025-09-20"]})
    counts = maintenance.touch_counts(acts, "2025-01-01", "2025-12-31", customers=pd.Index(["a", "b", "c"]))
    assert counts.loc["a", "visit"] == 2 and counts.loc["c"].sum() == 0
    plan = pd.DataFrame({"visit": [1.0, 6.0, 0.0], "call": [0.0, 0.0, 0.0], "greeting": [0.0, 2.0, 0.0],
                         "review_meeting": [0.0, 0.0, 0.0]}, index=["a", "b", "c"])
    status = maintenance.plan_vs_actual(plan, counts)["status"]
    assert status.tolist() == ["over_served", "under_served", "on_plan"]
    silence = maintenance.longest_silence(acts, "2025-01-01", "2025-12-31", customers=pd.Index(["a", "b"]),
                                          since=pd.Series({"b": pd.Timestamp("2025-09-01")}))
    assert silence.loc["a", "silent_days"] == 212  # 2 June to 31 December
    assert silence.loc["b", "silent_days"] == 102 and silence.loc["b", "silent_from"] == pd.Timestamp("2025-09-20")


def test_history_refuses_unknown_touch_and_reversed_period():
    acts = pd.DataFrame({"customer_id": ["a"], "kind": ["lunch"], "activity_date": ["2025-01-10"]})
    with pytest.raises(ValueError, match="unknown touch 'lunch'"):
        maintenance.touch_counts(acts, "2025-01-01", "2025-12-31")
    with pytest.raises(ValueError, match="end must not be before start"):
        maintenance.longest_silence(acts.assign(kind="call"), "2025-12-31", "2025-01-01")


def test_mix_shares_add_up_to_one():
    acts = pd.DataFrame({"customer_id": list("aabbb"), "purpose": list(np.repeat(vocabulary.MAINTENANCE_KINDS, [2, 2, 1]))})
    mix = maintenance.maintenance_mix(acts)
    assert mix.loc["all", list(vocabulary.MAINTENANCE_KINDS)].sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="by has no group for customer 'b'"):
        maintenance.maintenance_mix(acts, by=pd.Series({"a": "A"}))

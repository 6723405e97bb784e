"""kamcourse.communication: the plan, fatigue, consent and the uplift of a randomised test; lifecycle loss reasons."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import communication, lifecycle


def test_plan_follows_stage_and_tier():
    plan = communication.communication_plan(pd.Series({"a": "termination", "b": "exploration"}),
                                            pd.Series({"a": "A", "b": "C"}))
    assert plan.loc["a", "message"] == "win_back_offer" and plan.loc["a", "channel"] == "personal_wechat"
    assert plan.loc["b", "message"] == "onboarding" and plan.loc["b", "max_per_month"] == 2.0
    with pytest.raises(ValueError, match="tiers has no tier for customer 'b'"):
        communication.communication_plan(pd.Series({"a": "stability", "b": "decline"}), pd.Series({"a": "A"}))


def test_recent_messages_window_excludes_the_same_day_and_older():
    m = pd.DataFrame({"contact_id": ["p"] * 4, "sent_date": ["2025-01-01", "2025-01-01", "2025-01-20", "2025-03-01"]})
    assert communication.recent_messages(m).tolist() == [0, 0, 2, 0]
    assert communication.recent_messages(m, window_days=45).tolist() == [0, 0, 2, 1]


def test_fatigue_table_pools_the_tail():
    m = pd.DataFrame({"contact_id": ["p"] * 5, "sent_date": pd.date_range("2025-01-01", periods=5, freq="D"),
                      "opened": [True, True, False, False, False], "opted_out": [False] * 4 + [True]})
    f = communication.fatigue_table(m, cap=3)
    assert f.index.tolist() == ["0", "1", "2", "3+"] and f.loc["3+", "messages"] == 2
    assert f.loc["3+", "opt_out_rate"] == 0.5


def test_consent_breaches_three_kinds():
    msgs = pd.DataFrame({"message_id": ["m1", "m2", "m3", "m4"], "contact_id": ["p", "p", "q", "r"],
                         "channel": ["email", "email", "sms", "email"],
                         "sent_date": ["2022-01-01", "2025-01-01", "2025-01-01", "2025-06-02"]})
    cons = pd.DataFrame({"contact_id": ["p", "q", "r"], "channel": ["email", "sms", "email"],
                         "consented": [True, False, True], "consent_date": ["2023-01-01", None, "2023-01-01"],
                         "withdrawn_date": [None, None, "2025-06-01"]})
    b = communication.consent_breaches(msgs, cons).set_index("message_id")["breach"]
    assert b.to_dict() == {"m1": "before_consent", "m3": "no_consent", "m4": "after_withdrawal"}


def test_uplift_matches_the_two_proportion_formula():
    """Wald interval for p_t - p_c: 0.1 +/- 1.96 * sqrt(.6*.4/100 + .5*.5/100)."""
    out = pd.Series([True] * 60 + [False] * 40 + [True] * 50 + [False] * 50)
    grp = pd.Series(["treatment"] * 100 + ["control"] * 100)
    u = communication.uplift(out, grp)
    se = (0.6 * 0.4 / 100 + 0.5 * 0.5 / 100) ** 0.5
    assert u["uplift"] == pytest.approx(0.1) and u["se"] == pytest.approx(se)
    assert u["ci_high"] - u["uplift"] == pytest.approx(1.959964 * se, rel=1e-5)
    with pytest.raises(ValueError, match="both groups need customers"):
        communication.uplift(out.iloc[:100], grp.iloc[:100])
    with pytest.raises(ValueError, match="unknown group 'called'"):
        communication.uplift(out, grp.replace("treatment", "called"))


def test_main_loss_reason_order_and_tactics():
    sig = pd.DataFrame({"manager_left": [True, False], "service_failure": [True, True]}, index=["x", "y"])
    assert lifecycle.main_loss_reason(sig, order=("manager_left", "service_failure")).tolist() == [
        "manager_left", "service_failure"]
    assert set(lifecycle.WIN_BACK_TACTICS.index) == {*lifecycle.LOSS_SIGNALS, "unknown"}
    with pytest.raises(ValueError, match="signals is missing column"):
        lifecycle.main_loss_reason(sig)


def test_uplift_pairs_outcome_and_group_by_customer_as_every_paired_gate_does() -> None:
    """One behaviour for two columns about the same customers (issue 11): another order is realigned, other
    customers are refused with the message of validation.same_rows."""
    outcome = pd.Series([1, 1, 0, 1, 0, 0], index=list("abcdef"))
    group = pd.Series(["treatment"] * 3 + ["control"] * 3, index=list("abcdef"))
    reordered = group.iloc[::-1]
    pd.testing.assert_series_equal(communication.uplift(outcome, reordered), communication.uplift(outcome, group))
    with pytest.raises(ValueError, match=r"outcome and group must have the same index \(the same customers\)"):
        communication.uplift(outcome, group.set_axis(list("abcdeg")))

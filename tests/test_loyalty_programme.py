"""kamcourse.loyalty_programme: points economics, tiers, selection bias against the holdout, break-even."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import loyalty_programme as lp


def test_points_summary_formulas():
    ledger = pd.DataFrame({"entry_date": ["2023-02-01", "2023-06-30", "2024-12-31", "2025-03-01", "2025-06-30"],
                           "entry": ["earned", "redeemed", "expired", "earned", "redeemed"],
                           "points": [20_000, -8_000, -4_000, 10_000, -4_000], "reward_cost": [0, 480, 0, 0, 240]})
    s = lp.points_summary(ledger)
    assert s["outstanding"] == 14_000 and s["breakage"] == pytest.approx(4 / 16)
    assert s["cost_per_point"] == pytest.approx(0.06)
    assert s["liability"] == pytest.approx(14_000 * 0.75 * 0.06)
    early = lp.points_summary(ledger, as_of="2024-12-31")
    assert early["earned"] == 20_000 and early["outstanding"] == 8_000
    with pytest.raises(ValueError, match="no point has been redeemed or has expired yet"):
        lp.points_summary(ledger.iloc[:1])
    with pytest.raises(ValueError, match="unknown entry 'bonus'"):
        lp.points_summary(ledger.assign(entry="bonus"))


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1e7), st.floats(0, 1), st.floats(0, 1))
def test_liability_is_between_zero_and_face_cost(outstanding, breakage, cost):
    value = lp.points_liability(outstanding, breakage, cost)
    assert -0.01 <= value <= outstanding * cost + 0.01


def test_tiers_and_bonus():
    assert lp.tier_for(pd.Series([0, 19_999, 20_000, 100_000])).tolist() == ["silver", "silver", "gold", "platinum"]
    ledger = pd.DataFrame({"customer_id": ["a", "b"], "entry": ["earned", "earned"], "points": [1_500, 12_000],
                           "tier": ["platinum", "gold"]})
    t = lp.tier_summary(ledger, cost_per_point=0.1)
    assert t.loc["platinum", "bonus_points"] == 500 and t.loc["gold", "bonus_points"] == 2_000
    assert t.loc["gold", "bonus_cost"] == 200 and t.loc["silver", "members"] == 0
    bad = lp.DEFAULT_TIERS.assign(threshold=[10, 20, 30])
    with pytest.raises(ValueError, match="must start at 0 and rise"):
        lp.tier_for(pd.Series([5]), bad)


def test_selection_shows_before_the_launch():
    joined = pd.Series([True, True, False, False], index=list("abcd"))
    before = pd.Series([200.0, 400.0, 100.0, 200.0], index=list("abcd"))
    c = lp.member_comparison(joined, before, before * 1.0)
    assert c.loc["ratio", "median_before"] == c.loc["ratio", "median_after"] == 2.0
    with pytest.raises(ValueError, match="no non-members"):
        lp.member_comparison(pd.Series([True], index=["a"]), before.loc[["a"]], before.loc[["a"]])


def test_holdout_difference_and_cap():
    groups = pd.Series(["invited", "invited", "holdout"], index=list("abc"))
    before = pd.Series([100.0, 100.0, 100.0], index=list("abc"))
    after = pd.Series([1_000.0, 100.0, 100.0], index=list("abc"))
    h = lp.holdout_comparison(groups, before, after, cap=3.0)
    assert h.loc["invited", "mean_growth"] == 2.0 and h.loc["difference", "mean_growth"] == 1.0
    with pytest.raises(ValueError, match="must hold both 'invited' and 'holdout'"):
        lp.holdout_comparison(groups.replace("holdout", "invited"), before, after)
    with pytest.raises(ValueError, match="before must be a positive revenue"):
        lp.holdout_comparison(groups, before.replace(100.0, 0.0), after)


def test_break_even_is_where_the_margin_is_zero():
    """The materials' discount arithmetic turned round: extra gross profit = programme cost."""
    u = lp.break_even_uplift(56_000, 10_000_000, 0.28)
    assert u == pytest.approx(0.02)
    assert lp.incremental_margin(u, 10_000_000, 0.28, 56_000) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="margin in \\(0, 1\\]"):
        lp.break_even_uplift(1, 100, 1.5)


def test_member_card_claim_is_the_course_materials():
    assert lp.MEMBER_CARD_CLAIM["ratio"] == 2.0 and "两倍以上" in lp.MEMBER_CARD_CLAIM["zh"]
    assert "no source" in lp.MEMBER_CARD_CLAIM["source"]

"""Case "complaint relay" (抱怨传递): the story's attribution, the trend in the data, the estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import data, i18n
from kamcourse.cases import complaint_relay as cr


@pytest.fixture(scope="module")
def requests() -> pd.DataFrame:
    return data.load("service_requests")


def _toy(handoffs, days, sat, severity=None) -> pd.DataFrame:
    n = len(handoffs)
    opened = pd.Timestamp("2025-01-01")
    return pd.DataFrame(
        {
            "type": "complaint",
            "severity": severity if severity is not None else ["low"] * n,
            "opened_date": [opened] * n,
            "closed_date": [opened + pd.Timedelta(days=d) for d in days],
            "handoffs": handoffs,
            "satisfaction_after": sat,
        }
    )


def test_story_is_course_materials() -> None:
    """Course materials (case 抱怨传递): buyer 小李, salesperson 小张, parts ordered two weeks earlier."""
    assert cr.FACTS["order_age_weeks"].value == 2 and cr.FACTS["order_age_weeks"].status == "course_materials"
    assert all(c.status == "course_materials" for c in cr.STORY)
    zh = " ".join(i18n.label(c.key, "zh") for c in cr.STORY)
    assert "小李" in zh and "小张" in zh and "两周前" in zh
    lessons = {c.key: c for c in cr.LESSONS}
    assert lessons["cr_lesson_recovery"].sources == ("jones_sasser_1995",)
    assert lessons["cr_lesson_single_owner"].status == "kit_summary", "CONTENT §9: the framing is unconfirmed"


# --- the trend in the company's data -------------------------------------------------------


def test_more_handoffs_take_longer_and_satisfy_less(requests) -> None:
    table = cr.handoff_table(requests, max_handoffs=4, dropna=True)
    assert list(table.index) == [0, 1, 2, 3, 4]
    assert table["mean_days"].is_monotonic_increasing, table
    assert table["mean_satisfaction"].is_monotonic_decreasing, table
    assert table["mean_days"].iloc[-1] > 2 * table["mean_days"].iloc[0]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["n_requests"].sum() == len(cr.complaints(requests, dropna=True))


def test_correlations_in_the_data(requests) -> None:
    r = cr.handoff_correlation(requests, dropna=True)
    assert r["days_to_resolve"] > 0.3 and r["satisfaction_afterwards"] < -0.3, r.to_dict()
    slopes = cr.handoff_slopes(requests, dropna=True)
    assert slopes["days_per_handoff"] > 0 and slopes["satisfaction_per_handoff"] < 0


def test_single_owner_estimate_on_the_data(requests) -> None:
    est = cr.single_owner_estimate(requests, dropna=True)
    assert list(est.index) == ["current_process", "single_owner_estimate"]
    assert est.loc["single_owner_estimate", "mean_days"] < est.loc["current_process", "mean_days"]
    assert est.loc["single_owner_estimate", "mean_satisfaction"] > est.loc["current_process", "mean_satisfaction"]
    assert 0 < est.loc["current_process", "share_over_max"] < 1
    current = cr.complaints(requests, dropna=True)
    assert est.loc["current_process", "mean_days"] == pytest.approx(current["days"].mean())


def test_open_requests_are_not_dropped_silently(requests) -> None:
    if requests["closed_date"].notna().all():
        pytest.skip("no open request in this data")
    with pytest.raises(ValueError, match="dropna=True"):
        cr.handoff_table(requests[requests["closed_date"].isna()].assign(type="complaint"))


# --- hand-made data ------------------------------------------------------------------------


def test_handoff_table_toy() -> None:
    t = cr.handoff_table(_toy([0, 0, 1, 3, 5], [2, 4, 6, 10, 20], [5, 5, 4, 2, 1]), max_handoffs=3)
    assert t["n_requests"].tolist() == [2, 1, 2]
    assert t.loc[3, "mean_days"] == 15.0 and t.loc[0, "mean_satisfaction"] == 5.0


def test_slopes_hold_severity_fixed() -> None:
    """Within-group OLS: severity raises both hand-offs and days; the fixed-effects slope removes that."""
    df = _toy([0, 1, 3, 4], [1, 2, 11, 12], [5, 4, 2, 1], severity=["low", "low", "high", "high"])
    within = cr.handoff_slopes(df)
    pooled = cr.handoff_slopes(df, by=None)
    assert within["days_per_handoff"] == pytest.approx(1.0)
    assert pooled["days_per_handoff"] > 2.5


def test_estimate_leaves_low_handoff_complaints_alone() -> None:
    df = _toy([0, 1, 1, 2], [2, 4, 4, 6], [5, 4, 4, 3])
    est = cr.single_owner_estimate(df, max_handoffs=1)
    # slope 2 days and -1 point per hand-off; only the last complaint moves: 6 -> 4 days, 3 -> 4 points
    assert est.loc["single_owner_estimate", "mean_days"] == pytest.approx((2 + 4 + 4 + 4) / 4)
    assert est.loc["single_owner_estimate", "mean_satisfaction"] == pytest.approx(17 / 4)
    assert est.loc["current_process", "share_over_max"] == 0.25


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 40), st.integers(1, 5), st.sampled_from(["low", "high"])),
        min_size=4,
        max_size=40,
    )
)
def test_estimate_property(rows) -> None:
    """Property: the estimate keeps satisfaction in 1-5 and days >= 0, and changes nothing at max_handoffs=99."""
    handoffs, days, sat, sev = map(list, zip(*rows))
    df = _toy(handoffs, days, sat, severity=sev)
    try:
        est = cr.single_owner_estimate(df, max_handoffs=1)
    except ValueError as exc:
        assert "do not vary" in str(exc)
        return
    assert 1 <= est.loc["single_owner_estimate", "mean_satisfaction"] <= 5
    assert est.loc["single_owner_estimate", "mean_days"] >= 0
    same = cr.single_owner_estimate(df, max_handoffs=99)
    assert np.allclose(same.iloc[0, :2].to_numpy(), same.iloc[1, :2].to_numpy())


def test_bad_input() -> None:
    good = _toy([0, 1, 2], [1, 2, 3], [5, 4, 3])
    with pytest.raises(ValueError, match="missing column"):
        cr.handoff_table(good.drop(columns="handoffs"))
    with pytest.raises(TypeError, match="DataFrame"):
        cr.handoff_table([1, 2, 3])
    with pytest.raises(ValueError, match="types present: 'complaint'"):
        cr.handoff_table(good, kind="repair")
    with pytest.raises(ValueError, match="whole numbers >= 0"):
        cr.handoff_table(good.assign(handoffs=[0, -1, 2]))
    with pytest.raises(ValueError, match="scores 1-5"):
        cr.handoff_table(good.assign(satisfaction_after=[5, 9, 3]))
    with pytest.raises(ValueError, match="closed before it was opened"):
        cr.handoff_table(good.assign(closed_date=pd.Timestamp("2024-01-01")))
    with pytest.raises(ValueError, match="missing values"):
        cr.handoff_table(good.assign(satisfaction_after=[5, None, 3]))
    assert len(cr.handoff_table(good.assign(satisfaction_after=[5, None, 3]), dropna=True)) == 2
    with pytest.raises(ValueError, match="method must be one of"):
        cr.handoff_correlation(good, method="cosine")
    with pytest.raises(ValueError, match="at least 3"):
        cr.handoff_correlation(good.iloc[:2])
    with pytest.raises(ValueError, match="max_handoffs must be at least 1"):
        cr.handoff_table(good, max_handoffs=0)
    with pytest.raises(ValueError, match="missing column"):
        cr.handoff_slopes(good.drop(columns="severity"))
    with pytest.raises(ValueError, match="do not vary"):
        cr.handoff_slopes(_toy([1, 1, 1], [1, 2, 3], [5, 4, 3]))
    with pytest.raises(TypeError, match="dropna must be True or False"):
        cr.complaints(good, dropna="yes")
    with pytest.raises(ValueError, match="still open"):
        cr.resolution_days(good.assign(closed_date=[pd.Timestamp("2025-01-02"), pd.NaT, pd.NaT]))

"""Tests for kamcourse.loyalty: zones, customer types, loyalty types, the satisfaction trap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamcourse.loyalty import (
    customer_type,
    loyalty_type,
    relative_patronage,
    repurchase_by_satisfaction,
    satisfaction_zone,
)


def test_zones_on_five_point_scale() -> None:
    """Kit convention for Jones & Sasser (1995) zones on 1-5: <=2 defection, 3-4 indifference, 5 affection."""
    assert satisfaction_zone([1, 2, 3, 4, 5]).tolist() == [
        "defection", "defection", "indifference", "indifference", "affection"]
    assert satisfaction_zone(4.6) == "affection"
    assert satisfaction_zone(2.4) == "defection"


def test_zones_map_other_scales_proportionally() -> None:
    """Documented mapping: 1-3 / 4-6 / 7 on 1-7; 1-4 / 5-8 / 9-10 on 1-10."""
    assert satisfaction_zone(list(range(1, 8)), scale=7).tolist() == (
        ["defection"] * 3 + ["indifference"] * 3 + ["affection"])
    assert satisfaction_zone(list(range(1, 11)), scale=10).tolist() == (
        ["defection"] * 4 + ["indifference"] * 4 + ["affection"] * 2)


def test_zone_keeps_series_index() -> None:
    s = pd.Series([5, 1], index=["c1", "c2"])
    assert satisfaction_zone(s).to_dict() == {"c1": "affection", "c2": "defection"}


@pytest.mark.parametrize(
    "score, scale, match",
    [
        (6, 5, "score must be between 1 and 5, got 6"),
        (0, 5, "got 0"),
        ([3, 11], 10, "got 11 at 1"),
        (3, 4, "scale must be one of 5, 7, 10; got 4"),
        ([3, np.nan], 5, "score contains 1 missing value"),
        (float("nan"), 5, "missing value"),
    ],
)
def test_zone_bad_input(score, scale, match) -> None:
    with pytest.raises(ValueError, match=match):
        satisfaction_zone(score, scale=scale)


def test_customer_types_on_hand_points() -> None:
    """Jones & Sasser (1995): apostle / mercenary / hostage / defector."""
    out = customer_type([5, 5, 2, 2], [0.9, 0.1, 0.9, 0.1], satisfaction_threshold=4, loyalty_threshold=0.5)
    assert out.tolist() == ["apostle", "mercenary", "hostage", "defector"]


def test_dick_basu_quadrants_on_hand_points() -> None:
    """Dick & Basu (1994): loyalty / latent / spurious / none; at the threshold counts as high."""
    att = [8, 8, 3, 3, 5]
    rep = [10, 2, 10, 2, 6]
    out = loyalty_type(att, rep, attitude_threshold=5, repeat_threshold=6)
    assert out.tolist() == ["loyalty", "latent", "spurious", "none", "loyalty"]


def test_dick_basu_default_thresholds_are_medians() -> None:
    att = pd.Series([1, 2, 3, 4], index=list("abcd"))  # median 2.5
    rep = pd.Series([4, 3, 2, 1], index=list("abcd"))  # median 2.5
    out = loyalty_type(att, rep)
    assert out.to_dict() == {"a": "spurious", "b": "spurious", "c": "latent", "d": "latent"}
    # the mean instead moves nothing here but is accepted
    assert loyalty_type(att, rep, "mean", "mean").tolist() == out.tolist()


def test_loyalty_type_bad_input() -> None:
    with pytest.raises(ValueError, match="attitude and repeat must have the same length, got 2 and 1"):
        loyalty_type([1, 2], [1])
    with pytest.raises(ValueError, match="repeat contains 1 missing value"):
        loyalty_type([1, 2], [1, np.nan])
    with pytest.raises(TypeError, match="attitude must hold numbers"):
        loyalty_type(["high", "low"], [1, 2])
    with pytest.raises(ValueError, match="repeat_threshold must be 'mean', 'median' or a number"):
        loyalty_type([1, 2], [1, 2], repeat_threshold="top")


def _trap_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    surveys = pd.DataFrame({
        "customer_id": [1, 2, 3, 4, 5, 6, 7, 1],
        "year": [2023, 2023, 2023, 2023, 2023, 2023, 2023, 2024],
        "overall_satisfaction": [5, 5, 4, 4, 4, 2, 3, 5],
    })
    orders = pd.DataFrame({
        "customer_id": [1, 2, 3, 1, 6],
        "order_date": pd.to_datetime(["2024-01-10", "2024-06-01", "2024-02-02", "2025-03-03", "2023-05-05"]),
    })
    return surveys, orders


def test_repurchase_by_satisfaction_counts_next_year_orders() -> None:
    surveys, orders = _trap_data()
    t = repurchase_by_satisfaction(surveys, orders)
    assert list(t.index) == [2, 3, 4, 5]
    # customer 6 ordered in 2023 (the survey year), not 2024: no repurchase
    assert t.loc[2, "repurchased"] == 0
    assert t.loc[4, "surveys"] == 3 and t.loc[4, "repurchased"] == 1
    # 2024 survey of customer 1 counts (2025 is observed: last order 2025-03-03)
    assert t.loc[5, "surveys"] == 3 and t.loc[5, "repurchase_rate"] == 1.0
    assert t.loc[5, "zone"] == "affection" and t.loc[2, "zone"] == "defection"
    assert (t["defection_rate"] + t["repurchase_rate"]).eq(1).all()


def test_repurchase_drops_surveys_without_an_observed_next_year() -> None:
    surveys, orders = _trap_data()
    t = repurchase_by_satisfaction(surveys, orders, observation_end="2024-12-31")
    assert t.loc[5, "surveys"] == 2
    with pytest.raises(ValueError, match="no survey year has an observed next year"):
        repurchase_by_satisfaction(surveys, orders, observation_end="2023-12-31")


def test_repurchase_bad_input() -> None:
    surveys, orders = _trap_data()
    with pytest.raises(ValueError, match=r"orders is missing column\(s\) 'order_date'; columns present: customer_id"):
        repurchase_by_satisfaction(surveys, orders.drop(columns="order_date"))
    bad = surveys.astype({"overall_satisfaction": float})
    bad.loc[0, "overall_satisfaction"] = np.nan
    with pytest.raises(ValueError, match=r"surveys\['overall_satisfaction'\] contains 1 missing value"):
        repurchase_by_satisfaction(bad, orders)


def test_satisfaction_trap_in_company_data() -> None:
    """The company data has the Jones & Sasser shape: repurchase is flat below the top box and
    jumps at 5; merely satisfied (4) customers defect far more often than totally satisfied (5) ones."""
    from kamcourse import data

    t = repurchase_by_satisfaction(data.load("surveys"), data.load("orders"))
    assert list(t.index) == [1, 2, 3, 4, 5]
    rates = t["repurchase_rate"]
    assert rates[5] == rates.max()
    assert rates[5] - rates[4] > (rates[4] - rates[1])  # the step at the top box is the big one
    assert t.loc[4, "defection_rate"] > 5 * t.loc[5, "defection_rate"]


def test_relative_patronage_against_the_customers_own_past() -> None:
    orders = pd.DataFrame({"customer_id": ["a", "a", "a", "a", "b", "b", "c"],
                           "order_id": ["o1", "o1", "o2", "o3", "o4", "o5", "o6"],  # o1 has two lines: one order
                           "order_date": pd.to_datetime(["2023-03-01", "2023-03-01", "2024-05-01", "2025-02-01",
                                                         "2022-01-10", "2024-06-10", "2025-04-01"])})
    r = relative_patronage(orders, 2025, baseline_years=3)
    assert r["a"] == 1.0            # one order a year, as usual
    assert r["b"] == 0.0            # bought in the baseline years, nothing in 2025
    assert np.isnan(r["c"])         # new customer: no usual level, NaN (never dropped silently)
    assert relative_patronage(orders, 2025, baseline_years=1)["a"] == 1.0
    with pytest.raises(ValueError, match="year: no orders in 2026"):
        relative_patronage(orders, 2026)
    with pytest.raises(ValueError, match="baseline_years must be at least 1"):
        relative_patronage(orders, 2025, baseline_years=0)
    with pytest.raises(ValueError, match="orders is missing column"):
        relative_patronage(orders.drop(columns="order_id"), 2025)


def test_relative_patronage_does_not_track_size_like_an_order_count() -> None:
    """Issue 12: repeat patronage as an order count tracks account size (Dick & Basu 1994 mean *relative* patronage)."""
    from kamcourse import data

    orders = data.load("orders")
    size = orders.groupby("customer_id")["net_revenue"].sum()
    relative = relative_patronage(orders, 2025).dropna()
    count = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["order_id"].nunique()
    count = count.reindex(relative.index, fill_value=0)
    assert count.corr(size[count.index], method="spearman") > 0.6
    assert abs(relative.corr(size[relative.index], method="spearman")) < 0.2

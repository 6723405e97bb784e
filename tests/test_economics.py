"""Tests for kamcourse.economics: discount break-even, customer profitability, whale curve."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kamcourse.economics import (
    breakeven_table,
    breakeven_volume_decrease,
    breakeven_volume_increase,
    customer_profitability,
    whale_curve,
    whale_peak,
)

# --- break-even ------------------------------------------------------------------


def test_course_materials_discount_example() -> None:
    """Course materials (CONTENT §7, §10): 20% gross margin, 5% discount -> 33% more volume."""
    assert breakeven_volume_increase(0.20, 0.05) == pytest.approx(1 / 3)


def test_price_increase_mirror() -> None:
    """CONTENT §7 (invictuslv.com): 30% margin, +10% price -> 25% fewer units keep profit."""
    assert breakeven_volume_decrease(0.30, 0.10) == pytest.approx(0.25)


def test_breakeven_keeps_gross_profit() -> None:
    m, d = 0.35, 0.12
    q_new = 1 + breakeven_volume_increase(m, d)
    assert q_new * (m - d) == pytest.approx(m)
    q_up = 1 - breakeven_volume_decrease(m, d)
    assert q_up * (m + d) == pytest.approx(m)


@pytest.mark.parametrize("margin", [0, 1, -0.2, 1.5])
def test_margin_outside_open_interval(margin) -> None:
    with pytest.raises(ValueError, match=rf"margin must be in \(0, 1\), got {margin}"):
        breakeven_volume_increase(margin, 0.01)
    with pytest.raises(ValueError, match="margin must be in"):
        breakeven_volume_decrease(margin, 0.01)


def test_negative_discount_and_increase() -> None:
    with pytest.raises(ValueError, match="discount must not be negative, got -0.05"):
        breakeven_volume_increase(0.2, -0.05)
    with pytest.raises(ValueError, match="increase must not be negative"):
        breakeven_volume_decrease(0.2, -0.05)


@pytest.mark.parametrize("discount", [0.2, 0.3])
def test_discount_at_or_above_margin(discount) -> None:
    with pytest.raises(ValueError, match=rf"no volume recovers.*discount={discount:g} >= margin=0.2"):
        breakeven_volume_increase(0.2, discount)


def test_non_numbers_raise_type_error() -> None:
    with pytest.raises(TypeError, match="margin must be a number"):
        breakeven_volume_increase("20%", 0.05)
    with pytest.raises(ValueError, match="finite"):
        breakeven_volume_increase(float("nan"), 0.05)


margins = st.floats(min_value=0.01, max_value=0.99)
fractions = st.floats(min_value=0.0, max_value=0.98)


@settings(max_examples=100, deadline=None)
@given(margins, fractions, fractions)
def test_breakeven_rises_with_the_discount(m, d1, d2) -> None:
    lo, hi = sorted((d1, d2))
    assume(hi < m)
    assert breakeven_volume_increase(m, lo) <= breakeven_volume_increase(m, hi)


@settings(max_examples=100, deadline=None)
@given(margins, margins, fractions)
def test_breakeven_falls_with_the_margin(m1, m2, d) -> None:
    lo, hi = sorted((m1, m2))
    assume(d < lo)
    assert breakeven_volume_increase(hi, d) <= breakeven_volume_increase(lo, d)


def test_breakeven_table() -> None:
    table = breakeven_table([0.2, 0.4], [0.05, 0.2, 0.4])
    assert table.loc[0.05, 0.2] == pytest.approx(1 / 3)
    assert np.isnan(table.loc[0.2, 0.2]) and np.isnan(table.loc[0.4, 0.4])
    assert table.loc[0.2, 0.4] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="margins must be in"):
        breakeven_table([1.2], [0.1])
    with pytest.raises(ValueError, match="at least one"):
        breakeven_table([], [0.1])


# --- profitability ------------------------------------------------------------------


@pytest.fixture
def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "C", "A"],
            "order_date": pd.to_datetime(["2024-03-01", "2025-01-05", "2025-02-01", "2025-06-01", "2025-03-01"]),
            "net_revenue": [50.0, 100.0, 50.0, 10.0, 100.0],
            "cost_of_goods": [30.0, 70.0, 30.0, 6.0, 70.0],
        }
    )


@pytest.fixture
def cts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "D"],
            "year": [2024, 2025, 2025, 2025],
            "total_cost": [10.0, 80.0, 5.0, 3.0],
        }
    )


def test_profitability_per_customer(orders, cts) -> None:
    table = customer_profitability(orders, cts)
    assert list(table.columns) == ["revenue", "gross_profit", "cost_to_serve", "net_profit", "gross_margin", "net_margin"]
    a = table.loc["A"]
    assert a["revenue"] == 250 and a["gross_profit"] == 80 and a["cost_to_serve"] == 90 and a["net_profit"] == -10
    assert a["net_margin"] == pytest.approx(-0.04)
    # C has orders but no cost row: cost 0; D has costs but no orders: revenue 0, margin NaN
    assert table.loc["C", "cost_to_serve"] == 0 and table.loc["C", "net_profit"] == pytest.approx(4)
    assert table.loc["D", "net_profit"] == -3 and np.isnan(table.loc["D", "net_margin"])
    assert table["net_profit"].is_monotonic_decreasing


def test_profitability_by_year_and_single_year(orders, cts) -> None:
    by_year = customer_profitability(orders, cts, by_year=True)
    assert by_year.index.names == ["customer_id", "year"]
    assert by_year.loc[("A", 2024), "net_profit"] == pytest.approx(10)
    assert by_year.loc[("A", 2025), "net_profit"] == pytest.approx(-20)
    one = customer_profitability(orders, cts, year=2024)
    assert one.index.tolist() == ["A"] and one.loc["A", "revenue"] == 50
    with pytest.raises(ValueError, match="year=1999 selects no orders"):
        customer_profitability(orders, cts, year=1999)


def test_profitability_bad_inputs(orders, cts) -> None:
    with pytest.raises(ValueError, match=r"orders is missing column\(s\) 'cost_of_goods'; columns present"):
        customer_profitability(orders.drop(columns="cost_of_goods"), cts)
    with pytest.raises(ValueError, match="cost_to_serve is missing column"):
        customer_profitability(orders, cts.rename(columns={"total_cost": "cost"}))
    bad = orders.copy()
    bad.loc[1, "net_revenue"] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        customer_profitability(bad, cts)
    with pytest.raises(TypeError, match="DataFrame"):
        customer_profitability({"customer_id": []}, cts)


# --- whale curve ------------------------------------------------------------------


def test_whale_curve_peaks_above_100_and_ends_at_100() -> None:
    profit = pd.Series({"D": -20.0, "B": 50.0, "A": 60.0, "C": 10.0})
    curve = whale_curve(profit)
    assert curve.index.tolist() == ["A", "B", "C", "D"]
    np.testing.assert_allclose(curve["cum_profit_share"], [0.6, 1.1, 1.2, 1.0])
    np.testing.assert_allclose(curve["cum_customer_share"], [0.25, 0.5, 0.75, 1.0])
    assert whale_peak(profit) == pytest.approx((0.75, 1.2))


def test_whale_curve_without_losses_peaks_at_the_end() -> None:
    assert whale_peak(pd.Series([3.0, 1.0, 0.0])) == pytest.approx((2 / 3, 1.0))


def test_whale_curve_bad_inputs() -> None:
    with pytest.raises(ValueError, match="total profit must be positive"):
        whale_curve(pd.Series([10.0, -20.0]))
    with pytest.raises(ValueError, match="NaN"):
        whale_curve(pd.Series([10.0, np.nan]))
    with pytest.raises(ValueError, match="empty"):
        whale_peak(pd.Series([], dtype=float))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(min_value=-1e5, max_value=1e5, allow_nan=False), min_size=1, max_size=50))
def test_whale_curve_ends_at_100_percent(profits) -> None:
    """Property: with a positive total the curve ends at (1, 1) and the peak is >= 1."""
    assume(sum(profits) > 1e-6 * max(1.0, max(abs(p) for p in profits)))
    curve = whale_curve(pd.Series(profits))
    assert curve["cum_profit_share"].iloc[-1] == 1.0
    assert curve["cum_customer_share"].iloc[-1] == 1.0
    assert whale_peak(pd.Series(profits))[1] >= 1.0 - 1e-9
    assert (np.diff(curve["profit"].to_numpy()) <= 0).all()

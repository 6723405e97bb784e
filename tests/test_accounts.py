"""Tests for kamcourse.accounts: Pareto/ABC, pyramid, portfolio matrix, scoring, identification rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import accounts
from kamcourse.accounts import (
    abc_classes,
    customer_pyramid,
    pareto_table,
    portfolio_quadrant,
    pyramid_table,
    score_accounts,
    strategic_key_accounts,
    top_share,
)

positive_values = st.lists(
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False), min_size=1, max_size=60
).filter(lambda v: sum(v) > 0)


# --- Pareto ------------------------------------------------------------------


def test_pareto_table_sorted_desc_with_shares() -> None:
    table = pareto_table(pd.Series({"a": 10.0, "b": 60.0, "c": 30.0}))
    assert table.index.tolist() == ["b", "c", "a"]
    assert list(table.columns) == ["value", "share", "cum_share", "cum_customer_share"]
    np.testing.assert_allclose(table["cum_share"], [0.6, 0.9, 1.0])
    np.testing.assert_allclose(table["cum_customer_share"], [1 / 3, 2 / 3, 1.0])


def test_pareto_ties_broken_by_label() -> None:
    table = pareto_table(pd.Series({"z": 5.0, "a": 5.0, "m": 9.0}))
    assert table.index.tolist() == ["m", "a", "z"]


def test_pareto_accepts_a_list() -> None:
    assert pareto_table([1, 3, 2])["value"].tolist() == [3.0, 2.0, 1.0]


@settings(max_examples=80, deadline=None)
@given(positive_values)
def test_cumulative_shares_rise_to_one(values) -> None:
    """Property: cum_share and cum_customer_share never fall and end at exactly 1."""
    table = pareto_table(pd.Series(values))
    for col in ("cum_share", "cum_customer_share"):
        diffs = np.diff(table[col].to_numpy())
        assert (diffs >= -1e-12).all()
        assert table[col].iloc[-1] == 1.0
    assert (np.diff(table["value"].to_numpy()) <= 0).all()


def test_top_share_pareto_example() -> None:
    values = pd.Series([50, 30, 10, 5, 5], index=list("abcde"))
    assert top_share(values, 0.2) == pytest.approx(0.5)
    assert top_share(values, 0.4) == pytest.approx(0.8)
    assert top_share(values, 0.3) == pytest.approx(0.65)  # interpolated
    assert top_share(values, 1.0) == pytest.approx(1.0)


def test_top_share_of_equal_customers_is_the_fraction() -> None:
    assert top_share(pd.Series([1.0] * 10), 0.2) == pytest.approx(0.2)


@pytest.mark.parametrize("top", [0, -0.1, 1.5])
def test_top_share_rejects_bad_fraction(top) -> None:
    with pytest.raises(ValueError, match=r"top must be in \(0, 1\]"):
        top_share(pd.Series([1.0, 2.0]), top)


@pytest.mark.parametrize(
    "values, message",
    [
        (pd.Series({"a": 1.0, "b": np.nan}), "NaN"),
        (pd.Series({"a": 1.0, "b": -2.0}), "must not be negative, got -2 at 'b'"),
        (pd.Series({"a": 0.0, "b": 0.0}), "positive total"),
        (pd.Series([1.0, 2.0], index=["a", "a"]), "duplicate"),
        (pd.Series([], dtype=float), "empty"),
    ],
)
def test_bad_values_raise_in_pareto_pyramid_abc(values, message) -> None:
    for func in (pareto_table, customer_pyramid, abc_classes):
        with pytest.raises(ValueError, match=message):
            func(values)


def test_non_numeric_values_raise_type_error() -> None:
    with pytest.raises(TypeError, match="values must hold numbers"):
        pareto_table(pd.Series(["a", "b"]))


# --- ABC -----------------------------------------------------------------------


def test_abc_crossing_customer_is_in_the_class_being_filled() -> None:
    values = pd.Series({"a": 50, "b": 35, "c": 10, "d": 3, "e": 2})
    # cumulative before: a 0, b .50, c .85, d .95, e .98
    assert abc_classes(values).to_dict() == {"a": "A", "b": "A", "c": "B", "d": "C", "e": "C"}


def test_abc_exact_cutoff_closes_the_class() -> None:
    values = pd.Series({"a": 80, "b": 15, "c": 5})
    assert abc_classes(values).tolist() == ["A", "B", "C"]


def test_abc_keeps_input_order_and_name() -> None:
    values = pd.Series({"small": 1, "big": 99})
    out = abc_classes(values)
    assert out.index.tolist() == ["small", "big"] and out.name == "abc_class"
    assert out.tolist() == ["C", "A"]  # 99% is already past the B cutoff (95%)


@pytest.mark.parametrize("cutoffs", [(0.95, 0.8), (0.0, 0.5), (0.5, 1.2), (0.8, 0.8)])
def test_abc_bad_cutoffs(cutoffs) -> None:
    with pytest.raises(ValueError, match="cutoffs"):
        abc_classes(pd.Series([1.0, 2.0]), cutoffs)


def test_abc_cutoffs_not_a_pair() -> None:
    with pytest.raises(TypeError, match="cutoffs must be a pair"):
        abc_classes(pd.Series([1.0, 2.0]), 0.8)


@settings(max_examples=60, deadline=None)
@given(positive_values)
def test_abc_class_a_holds_at_least_the_cutoff(values) -> None:
    s = pd.Series(values)
    classes = abc_classes(s)
    assert s[classes == "A"].sum() >= 0.8 * s.sum() - 1e-6
    assert set(classes) <= {"A", "B", "C"}


# --- pyramid -------------------------------------------------------------------


def test_pyramid_counts_on_1000_customers() -> None:
    """Course materials / CONTENT §5.5: 1% / 4% / 15% / 80% -> 10/40/150/800 of 1,000."""
    rng = np.random.default_rng(7)
    values = pd.Series(rng.permutation(np.arange(1, 1001)).astype(float), index=[f"C{i}" for i in range(1000)])
    tiers = customer_pyramid(values)
    assert tiers.value_counts().to_dict() == {"vip": 10, "major": 40, "ordinary": 150, "small": 800}
    # the 10 largest are the VIPs
    assert set(tiers[tiers == "vip"].index) == set(values.nlargest(10).index)
    assert tiers.index.equals(values.index)


def test_pyramid_tie_breaking_is_by_label() -> None:
    values = pd.Series([5.0] * 100, index=[f"C{i:03d}" for i in range(99, -1, -1)])
    tiers = customer_pyramid(values)
    assert tiers["C000"] == "vip" and tiers["C099"] == "small"


@pytest.mark.parametrize(
    "shares, message",
    [
        ((0.1, 0.2, 0.3, 0.3), "sum to 1"),
        ((0.5, 0.5), "hold 4 fractions"),
        ((-0.1, 0.2, 0.3, 0.6), "not be negative"),
    ],
)
def test_pyramid_bad_shares(shares, message) -> None:
    with pytest.raises(ValueError, match=message):
        customer_pyramid(pd.Series([1.0, 2.0]), shares)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=400),
    st.lists(st.integers(min_value=0, max_value=100), min_size=4, max_size=4).filter(lambda w: sum(w) > 0),
)
def test_pyramid_tiers_match_shares_within_one_customer(n, weights) -> None:
    """Property: each tier holds share × n customers, within one."""
    shares = tuple(w / sum(weights) for w in weights)
    values = pd.Series(np.arange(n, 0, -1, dtype=float))
    counts = customer_pyramid(values, shares).value_counts()
    for tier, share in zip(accounts.PYRAMID_TIERS, shares):
        assert abs(counts.get(tier, 0) - share * n) <= 1.0 + 1e-9
    assert counts.sum() == n


def test_pyramid_table_sums() -> None:
    values = pd.Series(range(100, 0, -1), index=range(100))
    table = pyramid_table(values)
    assert table["customers"].tolist() == [1, 4, 15, 80]
    assert table["revenue"].sum() == pytest.approx(5050)
    assert table["revenue_share"].sum() == pytest.approx(1.0)
    assert table.loc["vip", "revenue"] == 100


# --- portfolio matrix ----------------------------------------------------------


def test_portfolio_four_quadrants() -> None:
    """Course materials: 大客户 / 重点开发客户 / 维持关系客户 / 机会主义客户."""
    attr = pd.Series({"A": 9, "B": 8, "C": 2, "D": 1})
    strength = pd.Series({"A": 7, "B": 1, "C": 9, "D": 2})
    out = portfolio_quadrant(attr, strength, threshold=5)
    assert out.to_dict() == {"A": "key", "B": "key_development", "C": "maintenance", "D": "opportunistic"}


def test_portfolio_threshold_is_inclusive_and_default_median() -> None:
    attr = pd.Series({"A": 5.0, "B": 4.0})
    strength = pd.Series({"A": 5.0, "B": 5.0})
    assert portfolio_quadrant(attr, strength, threshold=5).tolist() == ["key", "maintenance"]
    # medians: attractiveness 4.5, strength 5 (B's strength is at the median: high)
    assert portfolio_quadrant(attr, strength).tolist() == ["key", "maintenance"]


def test_portfolio_threshold_pair_and_alignment() -> None:
    attr = pd.Series({"A": 9, "B": 1})
    strength = pd.Series({"B": 30, "A": 10})  # other order, same customers
    out = portfolio_quadrant(attr, strength, threshold=(5, 20))
    assert out.to_dict() == {"A": "key_development", "B": "maintenance"}


def test_portfolio_bad_inputs() -> None:
    with pytest.raises(ValueError, match="same customers"):
        portfolio_quadrant(pd.Series({"A": 1}), pd.Series({"B": 1}))
    with pytest.raises(ValueError, match="NaN"):
        portfolio_quadrant(pd.Series({"A": np.nan}), pd.Series({"A": 1}))
    with pytest.raises(ValueError, match="one number or a pair"):
        portfolio_quadrant(pd.Series({"A": 1}), pd.Series({"A": 1}), threshold=(1, 2, 3))
    with pytest.raises(TypeError, match="threshold"):
        portfolio_quadrant(pd.Series({"A": 1}), pd.Series({"A": 1}), threshold="high")
    with pytest.raises(ValueError, match="same length"):
        portfolio_quadrant([1, 2], [1])


# --- scoring -------------------------------------------------------------------


@pytest.fixture
def criteria() -> pd.DataFrame:
    return pd.DataFrame(
        {"revenue": [100, 50, 0], "growth": [0.0, 0.2, 0.1], "payment_days": [90, 30, 60], "flat": [1, 1, 1]},
        index=["A", "B", "C"],
    )


def test_score_accounts_min_max_weighted(criteria) -> None:
    score = score_accounts(criteria, {"revenue": 2, "growth": 1, "payment_days": 1}, lower_is_better=["payment_days"])
    # A: (2*1 + 0 + 0)/4; B: (2*.5 + 1 + 1)/4; C: (0 + .5 + .5)/4
    np.testing.assert_allclose(score.to_numpy(), [0.5, 0.75, 0.25])
    assert score.name == "score"


def test_score_weights_are_normalised(criteria) -> None:
    a = score_accounts(criteria, {"revenue": 1, "growth": 1})
    b = score_accounts(criteria, {"revenue": 10, "growth": 10})
    pd.testing.assert_series_equal(a, b)
    assert a.between(0, 1).all()


def test_score_constant_column_contributes_zero(criteria) -> None:
    assert (score_accounts(criteria, {"flat": 1}) == 0).all()
    np.testing.assert_allclose(
        score_accounts(criteria, {"flat": 1, "revenue": 1}).to_numpy(), [0.5, 0.25, 0.0]
    )


@pytest.mark.parametrize(
    "weights, error, message",
    [
        ({"profit": 1}, ValueError, "missing column.*'profit'.*columns present: revenue"),
        ({"revenue": -1}, ValueError, r"weights\['revenue'\] must not be negative"),
        ({"revenue": 0, "growth": 0}, ValueError, "not all be zero"),
        ({}, ValueError, "empty"),
        ({"revenue": "high"}, TypeError, r"weights\['revenue'\] must be a number"),
    ],
)
def test_score_bad_weights(criteria, weights, error, message) -> None:
    with pytest.raises(error, match=message):
        score_accounts(criteria, weights)


def test_score_nan_and_lower_is_better_checks(criteria) -> None:
    bad = criteria.astype({"revenue": float})
    bad.loc["B", "revenue"] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        score_accounts(bad, {"revenue": 1})
    with pytest.raises(ValueError, match="lower_is_better"):
        score_accounts(criteria, {"revenue": 1}, lower_is_better=["growth"])
    with pytest.raises(TypeError, match="weights must be a dict"):
        score_accounts(criteria, [("revenue", 1)])


# --- identification rule -------------------------------------------------------


def _orders(rows: dict[str, list[float]], start: int = 2021) -> pd.DataFrame:
    recs = []
    for cust, amounts in rows.items():
        for i, amount in enumerate(amounts):
            recs.append((cust, pd.Timestamp(f"{start + i}-06-30"), amount))
    return pd.DataFrame(recs, columns=["customer_id", "order_date", "net_revenue"])


def test_strategic_rule_share_and_growth() -> None:
    """Course materials: share above X% and growth above Y% three years running (kit: X=1%, Y=10%)."""
    orders = _orders(
        {
            "grower": [100, 100, 115, 130, 150],  # +15%, +13%, +15.4%: strategic if its share is large enough
            "flat_big": [5000, 5000, 5000, 5000, 5000],  # big share, no growth
            "tiny_grower": [1, 1, 2, 4, 8],  # growth but share well below 1%
            "dip": [100, 100, 130, 125, 170],  # one year of decline
        }
    )
    table = strategic_key_accounts(orders)
    assert table.loc["grower", "strategic"]
    assert not table.loc["flat_big", "strategic"] and table.loc["flat_big", "share_ok"]
    assert not table.loc["tiny_grower", "strategic"] and table.loc["tiny_grower", "growth_ok"]
    assert table.loc["dip", "growth_years"] == 2 and not table.loc["dip", "strategic"]
    assert {"growth_2023", "growth_2024", "growth_2025"} <= set(table.columns)
    assert table.loc["grower", "growth_2023"] == pytest.approx(0.15)
    assert table.index[0] == "flat_big"  # sorted by share


def test_strategic_rule_thresholds_matter() -> None:
    orders = _orders({"a": [100, 100, 108, 117, 126], "b": [1000, 1000, 1000, 1000, 1000]})
    assert not strategic_key_accounts(orders).loc["a", "strategic"]  # ~8% growth < 10%
    assert strategic_key_accounts(orders, growth_threshold=0.05).loc["a", "strategic"]
    assert not strategic_key_accounts(orders, share_threshold=0.5, growth_threshold=0.05).loc["a", "strategic"]


def test_strategic_rule_zero_base_year_is_not_growth() -> None:
    orders = _orders({"new": [0, 0, 10, 20, 40], "old": [50, 50, 50, 50, 50]})
    table = strategic_key_accounts(orders)
    assert np.isnan(table.loc["new", "growth_2023"]) and not table.loc["new", "strategic"]


def test_strategic_rule_window_checks() -> None:
    orders = _orders({"a": [1, 2, 3]})
    with pytest.raises(ValueError, match="every year from 2020 to 2023"):
        strategic_key_accounts(orders)
    assert strategic_key_accounts(orders, years=2).loc["a", "growth_years"] == 2
    with pytest.raises(ValueError, match="missing column"):
        strategic_key_accounts(orders.drop(columns="net_revenue"))
    with pytest.raises(ValueError, match="share_threshold"):
        strategic_key_accounts(orders, share_threshold=1.5)

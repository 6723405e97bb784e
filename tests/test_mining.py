"""Tests for kamcourse.mining: features, churn table, lift and gains, the retention-offer threshold, baskets, clusters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import mining

LOG = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "b", "c"],
    "order_id": ["o1", "o1", "o2", "o3", "o4", "o5"],
    "order_date": pd.to_datetime(["2024-01-15", "2024-01-15", "2025-03-01", "2024-06-01", "2024-12-20", "2025-06-01"]),
    "net_revenue": [100.0, 50.0, 200.0, 80.0, 20.0, 10.0],
    "cost_of_goods": [70.0, 30.0, 150.0, 60.0, 15.0, 8.0],
})

# --------------------------------------------------------------------------- features


def test_customer_features_by_hand() -> None:
    """Windows of 365 days up to and including as_of; an order's lines count once (RFM, Hughes 1994)."""
    f = mining.customer_features(LOG, "2025-03-31", cost_col="cost_of_goods")
    assert list(f.index) == ["a", "b"]  # c orders after the date: not known yet
    a = f.loc["a"]
    assert a["recency_days"] == 30 and a["tenure_days"] == (pd.Timestamp("2025-03-31") - pd.Timestamp("2024-01-15")).days
    assert a["orders"] == 1 and a["revenue"] == 200 and a["revenue_previous"] == 150
    assert a["trend"] == round(200 / 350, 3) and a["gross_profit"] == 50
    b = f.loc["b"]
    assert b["orders"] == 2 and b["revenue"] == 100 and b["revenue_previous"] == 0 and b["trend"] == 1.0


@given(st.integers(1, 400), st.floats(1.0, 1e6))
@settings(max_examples=40, deadline=None)
def test_features_do_not_see_the_future(days_after: int, value: float) -> None:
    """Leakage: an order after as_of, however large, changes nothing in the features."""
    as_of = pd.Timestamp("2025-03-31")
    later = pd.DataFrame({"customer_id": ["a"], "order_id": ["new"], "order_date": [as_of + pd.Timedelta(days=days_after)],
                          "net_revenue": [value], "cost_of_goods": [value / 2]})
    before = mining.customer_features(LOG, as_of)
    after = mining.customer_features(pd.concat([LOG, later]), as_of)
    pd.testing.assert_frame_equal(before, after)


def test_features_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="no order is dated on or before as_of 2020-01-01"):
        mining.customer_features(LOG, "2020-01-01")
    with pytest.raises(ValueError, match="window_days must be at least 1"):
        mining.customer_features(LOG, "2025-03-31", window_days=0)
    with pytest.raises(ValueError, match="order_date"):
        mining.customer_features(LOG.drop(columns="order_date"), "2025-03-31")


# --------------------------------------------------------------------------- churn table


def test_churn_label_comes_from_after_the_cutoff() -> None:
    t = mining.churn_table(LOG, "2024-12-31", horizon_days=150, active_days=365)
    # a last ordered 2024-01-15 (351 days before: active) and orders again 2025-03-01 (60 days after)
    # b ordered 2024-12-20 and never again within 150 days
    assert t["churned"].to_dict() == {"a": False, "b": True}
    assert t.loc["a", "recency_days"] == 351
    assert "gross_profit" in t.columns


def test_churn_table_refuses_a_window_past_the_data() -> None:
    """A customer who has not ordered *yet* is not lost: the label window must lie inside the data."""
    with pytest.raises(ValueError, match=r"ends on 2025-10-28, after observation_end 2025-06-01"):
        mining.churn_table(LOG, "2025-01-31", horizon_days=270)
    t = mining.churn_table(LOG, "2025-01-31", horizon_days=270, observation_end="2025-12-31")
    assert t["churned"].to_dict() == {"b": True}  # a has been silent for 382 days: lost already, not at risk


def test_churn_panel_stacks_cutoffs_and_inputs_are_logs() -> None:
    panel = mining.churn_panel(LOG, ["2024-06-30", "2024-12-31"], horizon_days=150)
    assert panel.index.names == ["cutoff", "customer_id"]
    assert panel.loc[pd.Timestamp("2024-06-30")].index.tolist() == ["a", "b"]
    x = mining.churn_inputs(panel)
    assert list(x.columns) == list(mining.CHURN_INPUTS)
    np.testing.assert_allclose(x["recency_log"], np.log1p(panel["recency_days"]))
    with pytest.raises(ValueError, match="cutoffs is empty"):
        mining.churn_panel(LOG, [])


# --------------------------------------------------------------------------- lift and gains

scores = st.lists(st.tuples(st.booleans(), st.integers(0, 6)), min_size=10, max_size=80).filter(
    lambda rows: any(y for y, _ in rows))


@given(scores)
@settings(max_examples=80, deadline=None)
def test_gini_is_the_auc_identity(rows) -> None:
    """Gini on the gains curve = (2 AUC - 1)(1 - churn rate), ties included (AUC from scikit-learn)."""
    from sklearn.metrics import roc_auc_score

    y = np.array([int(r[0]) for r in rows])
    s = np.array([float(r[1]) for r in rows])
    g = mining.gini_coefficient(y, s)
    if y.min() == y.max():
        assert g == pytest.approx(0.0, abs=1e-12)
    else:
        assert g == pytest.approx((2 * roc_auc_score(y, s) - 1) * (1 - y.mean()), abs=1e-12)


@given(scores, st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_gains_table_does_not_depend_on_the_order_of_tied_rows(rows, rnd) -> None:
    """Ties are shared in expectation, so shuffling the rows gives the same table."""
    y = np.array([int(r[0]) for r in rows])
    s = np.array([float(r[1]) for r in rows])
    perm = list(range(len(y)))
    rnd.shuffle(perm)
    a = mining.gains_table(y, s, bins=5)
    b = mining.gains_table(y[perm], s[perm], bins=5)
    pd.testing.assert_frame_equal(a, b, atol=1e-12)
    assert a["churners"].sum() == pytest.approx(y.sum())
    assert a["cum_gains"].iloc[-1] == pytest.approx(1.0)
    assert a["customers"].sum() == len(y)


@given(scores, st.integers(2, 9), st.integers(2, 23))
@settings(max_examples=60, deadline=None)
def test_gains_are_the_expected_churners_found_with_ties_contacted_at_random(rows, bins, points) -> None:
    """Brute force: after contacting k customers, the churners above the tie group cut by k, plus the
    group's churners times the share of the group contacted (the expected value of a random order)."""
    y = np.array([int(r[0]) for r in rows])
    s = np.array([float(r[1]) for r in rows])
    n = len(y)

    def expected(k: float) -> float:
        whole = int(np.floor(k))
        cut = np.sort(s)[::-1][min(whole, n - 1)] if whole < n else -np.inf
        above, group = s > cut, s == cut
        at = lambda m: y[above].sum() + (m - above.sum()) / max(group.sum(), 1) * y[group].sum()  # noqa: E731
        f = at(whole) if whole < n else y.sum()
        return f + (k - whole) * ((at(whole + 1) if whole + 1 < n else y.sum()) - f) if k > whole else f

    table = mining.gains_table(y, s, bins=bins)
    edges = np.floor(np.arange(1, bins + 1) * n / bins + 0.5)
    np.testing.assert_allclose(table["cum_gains"], [expected(k) / y.sum() for k in edges], atol=1e-12)
    curve = mining.cumulative_gains(y, s, points=points)
    np.testing.assert_allclose(curve["share_captured"], [expected(x * n) / y.sum() for x in curve["share_contacted"]],
                               atol=1e-12)


def test_gains_table_by_hand_and_no_model() -> None:
    """Top-decile lift (Neslin et al. 2006): churn rate of the top 10% over the overall rate."""
    y = np.r_[np.ones(6), np.zeros(94)]
    s = np.r_[np.linspace(1, 0.9, 6), np.linspace(0.5, 0, 94)]
    t = mining.gains_table(y, s)
    assert t.loc[1, "churners"] == 6 and t.loc[1, "lift"] == pytest.approx(10.0)
    assert mining.top_decile_lift(y, s) == pytest.approx(10.0)
    assert mining.gini_coefficient(y, s) == pytest.approx(1 - 0.06)
    flat = mining.gains_table(y, np.zeros(100))  # one tie group = no model: every decile at the average
    np.testing.assert_allclose(flat["lift"], 1.0)
    np.testing.assert_allclose(flat["cum_gains"], np.arange(1, 11) / 10)


def test_gains_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="no positive outcome"):
        mining.gains_table([0, 0, 0], [0.1, 0.2, 0.3], bins=2)
    with pytest.raises(ValueError, match="bins must not exceed the number of customers"):
        mining.gains_table([1, 0], [0.1, 0.2], bins=3)
    with pytest.raises(ValueError, match=r"score must be finite numbers, got nan at position 1"):
        mining.gains_table([1, 0], [0.1, float("nan")], bins=2)
    with pytest.raises(ValueError, match="y_true must hold only 0/1"):
        mining.cumulative_gains(["yes", "no"], [0.1, 0.2])


def test_scored_outcomes_gate_names_the_parameter_and_the_value() -> None:
    from kamcourse.validation import scored_outcomes

    y, s = scored_outcomes(pd.Series([True, False]), np.array([3, 1]))
    assert y.dtype == np.int8 and s.dtype == np.float64 and s.tolist() == [3.0, 1.0]
    with pytest.raises(TypeError, match="y_true must be one column"):
        scored_outcomes(pd.DataFrame({"a": [1, 0]}), [0.1, 0.2])
    with pytest.raises(TypeError, match="score must be a list, array or Series"):
        scored_outcomes([1, 0], 0.5)
    with pytest.raises(TypeError, match="score must hold numbers, got <U4 values such as 'high'"):
        scored_outcomes([1, 0], ["high", "low"])
    with pytest.raises(ValueError, match="y_true must hold only 0/1 or True/False, got 0.5 at position 0"):
        scored_outcomes([0.5, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="churned must be one-dimensional"):
        scored_outcomes(np.zeros((2, 2)), [0.1, 0.2], name_y="churned")
    with pytest.raises(ValueError, match="y_true is empty"):
        scored_outcomes([], [])


# --------------------------------------------------------------------------- retention offer


def test_offer_threshold_is_cost_over_success_times_value() -> None:
    assert mining.offer_threshold(3000, 50_000, 0.3) == pytest.approx(0.2)
    per = mining.offer_threshold(1000, pd.Series({"x": 10_000.0, "y": 2_000.0}), 0.5)
    assert per.to_dict() == pytest.approx({"x": 0.2, "y": 1.0})
    with pytest.raises(ValueError, match="success_rate must be above 0"):
        mining.offer_threshold(1000, 10_000, 0)
    with pytest.raises(ValueError, match="offer_cost must not be negative"):
        mining.offer_threshold(-1, 10_000, 0.5)
    with pytest.raises(ValueError, match="value_at_risk must be positive"):
        mining.offer_threshold(1000, 0, 0.5)


def test_campaign_by_the_break_even_rule_by_hand() -> None:
    y = [1, 0, 1, 0]
    p = [0.5, 0.5, 0.1, 0.9]
    v = [10_000.0, 10_000.0, 100_000.0, 1_000.0]
    # p*s*V - c with s = 0.4, c = 1000: 1000, 1000, 3000, -640 -> the first three get the offer
    out = mining.retention_campaign(y, p, v, offer_cost=1000, success_rate=0.4)
    assert out["contacted"] == 3 and out["churners_reached"] == 2
    assert out["value_kept"] == pytest.approx(0.4 * 110_000) and out["profit"] == pytest.approx(44_000 - 3000)
    curve = mining.profit_curve(y, p, v, 1000, 0.4, thresholds=[0.0, 0.4, 0.95])
    assert curve["contacted"].tolist() == [4, 3, 0]
    assert curve.loc[0.95, "profit"] == 0.0


# --------------------------------------------------------------------------- baskets


def test_rule_measures_agree_with_mlxtend() -> None:
    """Agrawal, Imieliński & Swami (1993): support, confidence; lift = confidence / support(C). mlxtend agrees."""
    from mlxtend.frequent_patterns import apriori, association_rules

    rng = np.random.default_rng(5)
    baskets = pd.DataFrame(rng.random((200, 4)) < [0.5, 0.4, 0.3, 0.2], columns=["p", "q", "r", "s"])
    baskets["q"] |= baskets["p"] & (rng.random(200) < 0.5)
    rules = association_rules(apriori(baskets, min_support=0.01, use_colnames=True), metric="lift", min_threshold=0)
    assert len(rules) > 20
    for rule in rules.itertuples(index=False):
        ours = mining.rule_measures(baskets, sorted(rule.antecedents), sorted(rule.consequents))
        assert ours["support"] == pytest.approx(rule.support)
        assert ours["confidence"] == pytest.approx(rule.confidence)
        assert ours["lift"] == pytest.approx(rule.lift)


def test_basket_matrix_and_offers() -> None:
    lines = pd.DataFrame({"quote": ["q1", "q1", "q2", "q3"], "line": ["pumps", "valves", "pumps", "cylinders"]})
    b = mining.basket_matrix(lines, "quote", "line")
    assert b.to_dict("index") == {"q1": {"cylinders": False, "pumps": True, "valves": True},
                                  "q2": {"cylinders": False, "pumps": True, "valves": False},
                                  "q3": {"cylinders": True, "pumps": False, "valves": False}}
    rules = pd.DataFrame({"antecedents": [frozenset({"pumps"}), frozenset({"cylinders"}), frozenset({"pumps"})],
                          "consequents": [frozenset({"valves"}), frozenset({"pumps"}), frozenset({"valves"})],
                          "confidence": [0.7, 0.4, 0.9], "lift": [1.5, 0.8, 1.1]})
    offers = mining.cross_sell_offers(rules, b)
    # q1 has valves already; cylinders -> pumps has lift below 1; of two rules for q2 the more confident wins
    assert offers.to_dict("records") == [
        {"basket": "q2", "cross_sell_item": "valves", "because": "pumps", "confidence": 0.9, "lift": 1.1}]
    with pytest.raises(ValueError, match="not in the baskets"):
        mining.rule_measures(b, "hoses", "pumps")
    with pytest.raises(ValueError, match="missing quote or line"):
        mining.basket_matrix(lines.assign(line=[None, "a", "b", "c"]), "quote", "line")


# --------------------------------------------------------------------------- clusters


def test_match_segments_by_hand() -> None:
    m = mining.match_segments([0, 0, 0, 1, 1, 2], ["x", "x", "y", "y", "y", "z"])
    assert m.mapping == {0: "x", 1: "y", 2: "z"}
    assert m.agreement == pytest.approx(5 / 6)
    assert m.covered == ("x", "y", "z")
    assert m.table.loc[0, "y"] == 1
    merged = mining.match_segments([0, 0, 0, 0], ["x", "x", "y", "y"])
    assert merged.covered == ("x",) and merged.agreement == 0.5 and merged.adjusted_rand == 0.0
    with pytest.raises(ValueError, match="same length"):
        mining.match_segments([0, 1], ["x"])


def test_choose_k_and_profile() -> None:
    rng = np.random.default_rng(1)
    x = np.vstack([rng.normal(c, 0.2, (15, 2)) for c in (0, 4, 8, 12)])
    table = mining.choose_k(x, ks=range(2, 7))
    assert int(table["silhouette"].idxmax()) == 4
    assert table["inertia"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="k must be below the number of customers"):
        mining.choose_k(x[:5], ks=[5])
    prof = mining.cluster_profile(pd.DataFrame({"v": [1.0, 3.0, 10.0]}), ["lo", "lo", "hi"])
    assert prof.loc["lo", "v"] == 2.0 and prof.loc["all", "customers"] == 3

"""What lesson 14 finds in the company's data, on the kit's data and on other seeds (every student has one).

The designed patterns are in the answer tables of the mining extension (datasets/instructor/designed_segments.csv,
designed_rules.csv); datasets/README.md (patterns 9-11) states the numbers these tests hold the data to.
"""

from __future__ import annotations

import itertools
import os

import numpy as np
import pandas as pd
import pytest

from kamcourse import data, mining
from kamcourse.data.extensions.mining import BUNDLES, GROWTH_BY_STAGE
from kamcourse.vocabulary import PRODUCT_LINES, STAGES

OTHER_SEEDS = tuple(int(s) for s in os.environ.get("KAMCOURSE_TEST_SEEDS", "1,2").split(",") if s.strip())
TRAIN_CUTOFFS = ["2022-12-31", "2023-03-31", "2023-06-30", "2023-09-30"]
TEST_CUTOFFS = ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"]

_CACHE: dict[object, dict[str, pd.DataFrame]] = {}


def _tables(seed) -> dict[str, pd.DataFrame]:
    if seed not in _CACHE:
        if seed == "default":
            tables = {name: data.load(name) for name in data.names()}
            tables.update({name: data.load_answers(name) for name in data.answer_names()})
        else:
            tables = data.generate(seed=seed)
        _CACHE[seed] = tables
    return _CACHE[seed]


@pytest.fixture(params=["default", *OTHER_SEEDS], ids=lambda s: f"seed-{s}")
def t(request) -> dict[str, pd.DataFrame]:
    return _tables(request.param)


# --------------------------------------------------------------------------- the extension


def test_the_extension_covers_every_customer_and_opportunity(t) -> None:
    firms, lines = t["firmographics"], t["opportunity_lines"]
    assert sorted(firms["customer_id"]) == sorted(t["customers"]["customer_id"])
    assert set(lines["product_line"]) <= set(PRODUCT_LINES)
    sums = lines.groupby("opportunity_id")["amount"].sum().round(2)
    amounts = t["opportunities"].set_index("opportunity_id")["amount"]
    assert sums.index.equals(amounts.sort_index().index)
    np.testing.assert_allclose(sums, amounts.sort_index(), atol=0.005)
    seg = t["designed_segments"].set_index("customer_id")["segment"]
    assert seg.equals(t["lifecycle_stages"].set_index("customer_id")["intended_stage"].rename("segment"))
    assert set(GROWTH_BY_STAGE) == set(STAGES)


def test_sales_growth_follows_the_designed_segments(t) -> None:
    """The designed means of the customers' own growth, within sampling error (README, firmographics)."""
    growth = t["firmographics"].set_index("customer_id")["sales_growth"]
    seg = t["designed_segments"].set_index("customer_id")["segment"]
    means = growth.groupby(seg).mean()
    for stage, (mean, sd) in GROWTH_BY_STAGE.items():
        n = int((seg == stage).sum())
        assert abs(means[stage] - mean) < 3 * sd / np.sqrt(n) + 0.006, f"{stage}: {means[stage]:.3f} vs {mean}"


# --------------------------------------------------------------------------- segmentation


def _inputs(t) -> pd.DataFrame:
    features = mining.customer_features(t["orders"], data.END_DATE)
    return mining.segmentation_inputs(features, t["firmographics"])


@pytest.mark.parametrize("method", ["kmeans", "ward"])
def test_clusters_recover_the_designed_segments(t, method) -> None:
    """k = 5 on the standardised inputs: every designed segment found, >= 90% of customers named right."""
    from sklearn.cluster import AgglomerativeClustering, KMeans
    from sklearn.preprocessing import StandardScaler

    x = _inputs(t)
    z = StandardScaler().fit_transform(x)
    model = KMeans(n_clusters=5, n_init=10, random_state=0) if method == "kmeans" else \
        AgglomerativeClustering(n_clusters=5, linkage="ward")
    labels = pd.Series(model.fit_predict(z), index=x.index)
    match = mining.match_segments(labels, t["designed_segments"].set_index("customer_id")["segment"])
    assert match.covered == tuple(sorted(STAGES)), f"segments found: {match.covered}\n{match.table}"
    assert match.agreement >= 0.90, f"agreement {match.agreement:.3f}\n{match.table}"
    assert match.adjusted_rand >= 0.80, f"adjusted Rand {match.adjusted_rand:.3f}"


def test_without_the_firmographics_decline_hides_in_the_steady_customers() -> None:
    """Why the extension adds growth: on the orders alone, k-means at k = 5 merges decline with stability."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    t = _tables("default")
    x = _inputs(t).drop(columns="sales_growth")
    labels = KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(StandardScaler().fit_transform(x))
    match = mining.match_segments(pd.Series(labels, index=x.index),
                                  t["designed_segments"].set_index("customer_id")["segment"])
    assert "decline" not in match.covered


# --------------------------------------------------------------------------- association rules


def _pair_lifts(baskets: pd.DataFrame) -> dict[tuple[str, str], float]:
    return {(a, c): float(mining.rule_measures(baskets, a, c)["lift"])
            for a, c in itertools.combinations(sorted(baskets.columns), 2)}


def test_the_designed_bundles_are_the_strong_rules(t) -> None:
    """Each designed rule: lift >= 1.4 and confidence at least its add probability; other pairs: lift < 1.2."""
    baskets = mining.basket_matrix(t["opportunity_lines"], "opportunity_id", "product_line")
    for antecedent, consequent, q in BUNDLES:
        m = mining.rule_measures(baskets, list(antecedent), consequent)
        assert m["lift"] >= 1.4 and m["confidence"] >= q, f"{antecedent} -> {consequent}: {m.round(3).to_dict()}"
    linked = {frozenset(a) | {c} for a, c, _ in BUNDLES}
    linked = {frozenset(p) for s in linked for p in itertools.combinations(sorted(s), 2)}
    for pair, lift in _pair_lifts(baskets).items():
        if frozenset(pair) not in linked:
            assert lift < 1.2, f"{pair} has lift {lift:.2f} but no bundle links them"


def test_the_orders_hold_no_rule(t) -> None:
    """The core orders draw lines independently: no pair of product lines has a lift above 1.05."""
    baskets = mining.basket_matrix(t["orders"], "order_id", "product_line")
    lifts = _pair_lifts(baskets)
    assert max(lifts.values()) <= 1.05, max(lifts.items(), key=lambda kv: kv[1])


# --------------------------------------------------------------------------- churn


def _churn_scores(t) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train = mining.churn_panel(t["orders"], TRAIN_CUTOFFS)
    test = mining.churn_panel(t["orders"], TEST_CUTOFFS)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(mining.churn_inputs(train), train["churned"])
    return train, test, model.predict_proba(mining.churn_inputs(test))[:, 1]


def test_training_labels_end_before_the_test_starts() -> None:
    """The time-based split of the lesson: 270-day label windows of training end before the first test cut-off."""
    last_label_day = pd.Timestamp(TRAIN_CUTOFFS[-1]) + pd.Timedelta(days=270)
    assert last_label_day < pd.Timestamp(TEST_CUTOFFS[0])
    assert pd.Timestamp(TEST_CUTOFFS[-1]) + pd.Timedelta(days=270) <= data.END_DATE


def test_the_churn_model_beats_the_naive_baselines_on_held_out_data(t) -> None:
    """Held-out quarters: the model against no model (everyone scored the same) and against guessing 'nobody leaves'.

    Default data (measured): AUC 0.950, top-decile lift 8.2, Gini 0.83; accuracy at 0.5 is 96.7% against
    92.5% for predicting that nobody churns; the days since the last order alone reach AUC 0.945.
    """
    from sklearn.metrics import roc_auc_score

    train, test, p = _churn_scores(t)
    y = test["churned"].to_numpy()
    no_model = np.full(len(y), train["churned"].mean())
    assert roc_auc_score(y, p) >= 0.88 and roc_auc_score(y, no_model) == 0.5
    assert mining.top_decile_lift(y, p) >= 5.0 and mining.top_decile_lift(y, no_model) == pytest.approx(1.0)
    assert mining.gini_coefficient(y, p) >= 0.7
    accuracy, majority = float(((p >= 0.5) == y).mean()), float(1 - y.mean())
    assert accuracy > majority + 0.02, f"accuracy {accuracy:.3f}, predicting 'nobody churns' {majority:.3f}"
    recency_auc = roc_auc_score(y, test["recency_days"])
    assert roc_auc_score(y, p) >= recency_auc - 0.02, "the model must not do worse than the recency rule alone"


def test_the_break_even_rule_earns_more_than_offering_to_all_or_none(t) -> None:
    """The cost-based threshold (c / (s V), V = gross profit x margin multiple) against the naive policies."""
    from kamcourse import clv

    _, test, p = _churn_scores(t)
    value = test["gross_profit"].clip(lower=1.0) * clv.margin_multiple(0.8, 0.10)
    rule = mining.retention_campaign(test["churned"], p, value, offer_cost=3000, success_rate=0.3)
    everybody = mining.retention_campaign(test["churned"], p, value, offer_cost=3000, success_rate=0.3, threshold=0)
    assert rule["profit"] > 0 and rule["profit"] > everybody["profit"]
    assert rule["contacted"] < len(test) / 4

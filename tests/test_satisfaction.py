"""Tests for kamcourse.satisfaction: disconfirmation, Kano, IPA, NPS, indicators."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import satisfaction as sat
from kamcourse.satisfaction import (
    KANO_ANSWERS,
    disconfirmation,
    importance_performance,
    kano_answer,
    kano_category,
    kano_from_counts,
    kano_table,
    nps,
    nps_group,
)

# ---------------------------------------------------------------------------
# disconfirmation (Oliver 1980)


def test_disconfirmation_scalars_follow_oliver_1980() -> None:
    """Oliver (1980): above expectation -> positive, equal -> confirmation, below -> negative."""
    assert disconfirmation(6, 5) == "positive"
    assert disconfirmation(5, 5) == "confirmation"
    assert disconfirmation(4, 5) == "negative"


def test_disconfirmation_tolerance_widens_confirmation() -> None:
    assert disconfirmation(5.4, 5, tolerance=0.5) == "confirmation"
    assert disconfirmation(4.6, 5, tolerance=0.5) == "confirmation"
    assert disconfirmation(5.6, 5, tolerance=0.5) == "positive"
    assert disconfirmation(4.4, 5, tolerance=0.5) == "negative"


def test_disconfirmation_vectorised_keeps_index() -> None:
    p = pd.Series([4, 5, 6], index=["a", "b", "c"])
    e = pd.Series([5, 5, 5], index=["a", "b", "c"])
    out = disconfirmation(p, e)
    assert list(out.index) == ["a", "b", "c"]
    assert out.tolist() == ["negative", "confirmation", "positive"]
    # a scalar expectation is not accepted with a list: both must be sequences or numbers
    assert disconfirmation(np.array([7.0, 1.0]), [6, 2]).tolist() == ["positive", "negative"]


@pytest.mark.parametrize(
    "args, match",
    [
        (([1, 2], [1]), "same length"),
        ((float("nan"), 3), "perceived must be a finite number, got nan"),
        (([1, np.nan], [1, 2]), "perceived contains 1 missing value"),
        ((5, 5, -0.1), "tolerance must not be negative, got -0.1"),
        ((pd.Series([1, 2], index=[0, 1]), pd.Series([1, 2], index=[1, 2])), "same index"),
    ],
)
def test_disconfirmation_bad_input(args, match) -> None:
    with pytest.raises(ValueError, match=match):
        disconfirmation(*args)


def test_disconfirmation_rejects_text() -> None:
    with pytest.raises(TypeError, match="perceived must be a number, got 'high'"):
        disconfirmation("high", 3)


# ---------------------------------------------------------------------------
# Kano evaluation table (CONTENT §2.3; Berger et al. 1993; stp4/stp25kano README)

EXPECTED_TABLE = {  # rows functional, columns dysfunctional, order like/must-be/neutral/live-with/dislike
    "like": "Q A A A O",
    "must_be": "R I I I M",
    "neutral": "R I I I M",
    "live_with": "R I I I M",
    "dislike": "R R R R Q",
}
LETTER = {"A": "attractive", "O": "one_dimensional", "M": "must_be", "I": "indifferent",
          "R": "reverse", "Q": "questionable"}
CELLS = [
    (f, d, LETTER[EXPECTED_TABLE[f].split()[j]])
    for f in KANO_ANSWERS
    for j, d in enumerate(KANO_ANSWERS)
]


@pytest.mark.parametrize("functional, dysfunctional, expected", CELLS)
def test_kano_evaluation_table_all_25_cells(functional, dysfunctional, expected) -> None:
    """Every cell of the Kano evaluation table (Berger et al. 1993, as in CONTENT §2.3)."""
    assert kano_category(functional, dysfunctional) == expected


def test_kano_table_cell_counts() -> None:
    """CONTENT §2.3: the 25 cells hold Q 2, A 3, O 1, M 3, I 9, R 7."""
    counts = Counter(kano_category(f, d) for f, d in itertools.product(KANO_ANSWERS, KANO_ANSWERS))
    assert counts == {"questionable": 2, "attractive": 3, "one_dimensional": 1, "must_be": 3,
                      "indifferent": 9, "reverse": 7}
    table_counts = Counter(sat.KANO_EVALUATION_TABLE.to_numpy().ravel())
    assert table_counts == counts


def test_kano_codes_1_to_5_follow_the_answer_order() -> None:
    for i, f in enumerate(KANO_ANSWERS, start=1):
        for j, d in enumerate(KANO_ANSWERS, start=1):
            assert kano_category(i, j) == kano_category(f, d)
    assert kano_category("1", "5") == "one_dimensional"
    assert kano_category(1.0, np.int64(5)) == "one_dimensional"


@pytest.mark.parametrize(
    "text, key",
    [
        ("我喜欢", "like"), ("喜欢", "like"), ("I like it", "like"), ("LIKE", "like"),
        ("理应如此", "must_be"), ("理应如此(必须的)", "must_be"), ("理应如此（必须的）", "must_be"),
        ("必须的", "must_be"), ("理所当然", "must_be"), ("must-be", "must_be"), ("Must be", "must_be"),
        ("I expect it", "must_be"),
        ("无所谓", "neutral"), ("中立", "neutral"), ("I am neutral", "neutral"),
        ("能忍受", "live_with"), ("可以忍受", "live_with"), ("live-with", "live_with"),
        ("I can live with it", "live_with"), ("I can tolerate it", "live_with"),
        ("我不喜欢", "dislike"), ("不喜欢", "dislike"), ("I dislike it", "dislike"), (" dislike ", "dislike"),
    ],
)
def test_kano_answer_accepts_common_wordings(text, key) -> None:
    assert kano_answer(text) == key


@pytest.mark.parametrize("bad", ["maybe", "", "6", 0, 6, 2.5, True, None, float("nan")])
def test_kano_unknown_answer_lists_the_accepted_ones(bad) -> None:
    with pytest.raises(ValueError) as err:
        kano_category(bad, "like")
    msg = str(err.value)
    assert msg.startswith("functional must be one of the Kano answers")
    for word in (*KANO_ANSWERS, "1-5", "我喜欢", "能忍受"):
        assert word in msg
    assert repr(bad) in msg


def test_kano_unknown_dysfunctional_is_named() -> None:
    with pytest.raises(ValueError, match="dysfunctional must be one of"):
        kano_category("like", "sometimes")


# ---------------------------------------------------------------------------
# Better / Worse and the tie rule


def test_better_worse_on_hand_counts_with_r_and_q() -> None:
    """Berger et al. (1993): Better = (A+O)/(A+O+M+I), Worse = -(O+M)/(A+O+M+I); R, Q excluded."""
    r = kano_from_counts({"A": 2, "O": 5, "M": 5, "I": 3, "R": 4, "Q": 1})
    assert r["n"] == 20
    assert r["better"] == pytest.approx(7 / 15)
    assert r["worse"] == pytest.approx(-10 / 15)
    assert r["worse"] <= 0  # the kit's sign convention: Worse is printed negative
    # adding R and Q answers does not move the coefficients
    r2 = kano_from_counts({"A": 2, "O": 5, "M": 5, "I": 3, "R": 40, "Q": 9})
    assert (r2["better"], r2["worse"]) == (r["better"], r["worse"])


def test_category_strength_matches_stp25kano_example() -> None:
    """Lee & Newcomb (1997) strength = % top - % second, as in the stp25kano README table
    ("Service app": M 95, O 123, A 45, I 33, n 296 -> strength 9%, total strength 89%,
    CS+ 0.568, CS- -0.736)."""
    r = kano_from_counts({"M": 95, "O": 123, "A": 45, "I": 33})
    assert r["category"] == "one_dimensional"
    assert round(r["strength"] * 100) == 9
    assert round(r["total_strength"] * 100) == 89
    assert round(r["better"], 3) == 0.568
    assert round(r["worse"], 3) == -0.736


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({"M": 4, "O": 4, "A": 4, "I": 4}, "must_be"),
        ({"O": 4, "A": 4, "I": 4}, "one_dimensional"),
        ({"A": 4, "I": 4}, "attractive"),
        ({"I": 4, "A": 3}, "indifferent"),
        ({"M": 3, "I": 3, "R": 2}, "must_be"),
        ({"I": 5, "R": 5, "Q": 5}, "indifferent"),
    ],
)
def test_tie_rule_m_over_o_over_a_over_i(counts, expected) -> None:
    """Matzler et al. (1996): ties are broken M > O > A > I (R and Q after them: kit convention)."""
    assert kano_from_counts(counts)["category"] == expected


def test_a_mostly_reverse_feature_is_reverse() -> None:
    """Kit convention: the mode is taken over all six categories, so a feature most answer R is reverse,
    while Better/Worse still leave R out."""
    r = kano_from_counts({"A": 6, "O": 6, "M": 10, "I": 34, "R": 102, "Q": 22})
    assert r["category"] == "reverse"
    assert r["worse"] == pytest.approx(-16 / 56)


def test_tie_margin_treats_near_ties_as_ties() -> None:
    """stp25kano's "Loan machine": A 93, O 87 -> max category A, but O under M>O>A>I with a 5-point window."""
    counts = {"M": 65, "O": 87, "A": 93, "I": 51}
    assert kano_from_counts(counts)["category"] == "attractive"
    assert kano_from_counts(counts, tie_margin=0.05)["category"] == "one_dimensional"


def test_only_reverse_and_questionable_answers() -> None:
    r = kano_from_counts({"R": 3, "Q": 1})
    assert r["category"] == "reverse"
    assert np.isnan(r["better"]) and np.isnan(r["worse"])


@pytest.mark.parametrize(
    "counts, exc, match",
    [
        ({"A": -1}, ValueError, r"counts\['A'\] must be a whole number >= 0, got -1"),
        ({"A": 1.5}, ValueError, "whole number"),
        ({"X": 1}, ValueError, "unknown key 'X'"),
        ({"A": 0}, ValueError, "all zero"),
        ({"A": float("nan")}, ValueError, "finite"),
        ({"A": "3"}, TypeError, "must be a number"),
        ([1, 2], TypeError, "mapping"),
    ],
)
def test_kano_from_counts_bad_input(counts, exc, match) -> None:
    with pytest.raises(exc, match=match):
        kano_from_counts(counts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=6, max_size=6).filter(lambda c: sum(c[:4]) > 0))
def test_better_and_worse_stay_in_range(c) -> None:
    """Property: Better in [0, 1], Worse in [-1, 0] (Berger et al. 1993)."""
    r = kano_from_counts(dict(zip("AOMIRQ", c)))
    assert 0.0 <= r["better"] <= 1.0
    assert -1.0 <= r["worse"] <= 0.0
    assert 0.0 <= r["strength"] <= 1.0
    assert r["category"] in set(sat.KANO_CATEGORIES)
    counts = dict(zip("AOMIRQ", c))
    assert counts[sat.KANO_CODES[r["category"]]] == max(c)  # the category is a mode


# ---------------------------------------------------------------------------
# kano_table


def _responses() -> pd.DataFrame:
    rows = (
        [("tracking", "like", "neutral")] * 5      # A
        + [("tracking", "like", "dislike")] * 2    # O
        + [("tracking", "neutral", "neutral")] * 2 # I
        + [("tracking", "like", "like")]           # Q
        + [("stock", "neutral", "dislike")] * 6    # M
        + [("stock", "like", "dislike")] * 3       # O
        + [("stock", "dislike", "like")] * 1       # R
    )
    return pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])


def test_kano_table_counts_and_coefficients() -> None:
    t = kano_table(_responses())
    assert list(t.index) == ["tracking", "stock"]
    assert t.loc["tracking", ["A", "O", "M", "I", "R", "Q"]].tolist() == [5, 2, 0, 2, 0, 1]
    assert t.loc["stock", ["A", "O", "M", "I", "R", "Q"]].tolist() == [0, 3, 6, 0, 1, 0]
    assert t.loc["tracking", "category"] == "attractive"
    assert t.loc["stock", "category"] == "must_be"
    assert t.loc["tracking", "better"] == pytest.approx(7 / 9)
    assert t.loc["tracking", "worse"] == pytest.approx(-2 / 9)
    assert t.loc["stock", "better"] == pytest.approx(3 / 9)
    assert t.loc["stock", "worse"] == pytest.approx(-1.0)
    assert t["A"].dtype.kind == "i" and t["better"].dtype.kind == "f"


def test_kano_table_mixed_codes_and_chinese() -> None:
    r = pd.DataFrame({"feature": ["f"] * 3, "functional": [1, "我喜欢", "like"],
                      "dysfunctional": ["无所谓", 3, "neutral"]})
    assert kano_table(r).loc["f", "A"] == 3


def test_kano_table_bad_input() -> None:
    with pytest.raises(ValueError, match="responses is empty"):
        kano_table(pd.DataFrame(columns=["feature", "functional", "dysfunctional"]))
    with pytest.raises(ValueError, match=r"missing column\(s\) 'dysfunctional'; columns present: feature, functional"):
        kano_table(pd.DataFrame({"feature": ["f"], "functional": ["like"]}))
    with pytest.raises(TypeError, match="responses must be a pandas DataFrame"):
        kano_table([("f", "like", "like")])
    bad = _responses()
    bad.loc[3, "dysfunctional"] = None
    with pytest.raises(ValueError, match=r"responses\['dysfunctional'\] contains 1 missing value"):
        kano_table(bad)
    bad = _responses()
    bad.loc[0, "functional"] = "love it"
    with pytest.raises(ValueError, match=r"responses\['functional'\] must be one of the Kano answers.*'love it'"):
        kano_table(bad)


# ---------------------------------------------------------------------------
# attributes, satisfaction index, IPA


def test_attribute_summary_and_index() -> None:
    s = pd.DataFrame({
        "expectation_quality": [6, 6], "performance_quality": [7, 5], "importance_quality": [7, 7],
        "expectation_price": [4, 4], "performance_price": [3, 3], "importance_price": [1, 1],
    })
    a = sat.attribute_summary(s)
    assert a.loc["quality", "gap"] == 0.0 and a.loc["quality", "disconfirmation"] == "confirmation"
    assert a.loc["price", "disconfirmation"] == "negative"
    assert sat.attribute_summary(s, tolerance=1.0).loc["price", "disconfirmation"] == "confirmation"
    si = sat.satisfaction_index(s)
    # row 0: (7*1 + 1*(2/6)) / 8 * 100; row 1: (7*(4/6) + 1*(2/6)) / 8 * 100
    assert si.tolist() == pytest.approx([100 * (7 + 1 / 3) / 8, 100 * (14 / 3 + 1 / 3) / 8])
    with pytest.raises(ValueError, match=r"surveys\['performance_quality'\] must be in \[1, 7\], got 8"):
        sat.satisfaction_index(s.assign(performance_quality=[8, 5]))
    with pytest.raises(ValueError, match="missing column"):
        sat.satisfaction_index(s.drop(columns="importance_price"))


def test_ipa_quadrants_on_hand_points() -> None:
    """Martilla & James (1977) quadrants; at/above the threshold counts as high."""
    imp = [6, 6, 2, 2, 4]
    perf = [6, 2, 2, 6, 4]
    out = importance_performance(imp, perf, 4, 4)
    assert out.tolist() == ["keep_up", "concentrate_here", "low_priority", "possible_overkill", "keep_up"]
    # mean threshold = 4 here as well; median too
    assert importance_performance(imp, perf).tolist() == out.tolist()
    assert importance_performance(imp, perf, "median", "median").tolist() == out.tolist()


def test_ipa_mean_vs_median_thresholds_differ() -> None:
    imp = [1, 2, 3, 10]   # mean 4, median 2.5
    perf = [5, 5, 5, 5]
    assert importance_performance(imp, perf, "mean", 5).tolist() == [
        "possible_overkill", "possible_overkill", "possible_overkill", "keep_up"]
    assert importance_performance(imp, perf, "median", 5).tolist() == [
        "possible_overkill", "possible_overkill", "keep_up", "keep_up"]


def test_ipa_bad_input() -> None:
    with pytest.raises(ValueError, match="same length, got 2 and 3"):
        importance_performance([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="importance_threshold must be 'mean', 'median' or a number, got 'avg'"):
        importance_performance([1, 2], [1, 2], "avg")
    with pytest.raises(ValueError, match="performance contains 1 missing value"):
        importance_performance([1, 2], [1, np.nan])
    with pytest.raises(ValueError, match="importance is empty"):
        importance_performance([], [])


# ---------------------------------------------------------------------------
# NPS (Reichheld 2003)


def test_nps_cut_offs() -> None:
    """Reichheld (2003): detractors 0-6, passives 7-8, promoters 9-10."""
    groups = nps_group(range(11)).tolist()
    assert groups == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert nps([9, 10]) == 100.0
    assert nps([0, 6]) == -100.0
    assert nps([7, 8]) == 0.0
    assert nps([10, 9, 8, 7, 6]) == pytest.approx(20.0)


@pytest.mark.parametrize(
    "scores, exc, match",
    [
        ([11], ValueError, "scores must be whole numbers from 0 to 10, got 11 at 0"),
        ([-1, 5], ValueError, "got -1 at 0"),
        ([7.5], ValueError, "whole numbers from 0 to 10, got 7.5"),
        ([], ValueError, "scores is empty"),
        ([5, np.nan], ValueError, "scores contains 1 missing value"),
        (["9"], TypeError, "scores must hold numbers"),
        (9, TypeError, "scores must be a list"),
    ],
)
def test_nps_bad_input(scores, exc, match) -> None:
    with pytest.raises(exc, match=match):
        nps(scores)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_stays_in_range(scores) -> None:
    """Property: NPS lies in [-100, 100]."""
    v = nps(scores)
    assert -100.0 <= v <= 100.0


# ---------------------------------------------------------------------------
# the seven indicators (course materials) and their index (kit's weights)


def _indicator_tables():
    orders = pd.DataFrame({
        "order_id": ["o1", "o2", "o3", "o3", "o4", "o5"],
        "customer_id": ["c1", "c2", "c1", "c1", "c3", "c3"],
        "order_date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-02-01", "2025-02-01", "2025-04-01",
                                      "2025-05-01"]),
        "net_revenue": [1000.0, 500.0, 600.0, 400.0, 300.0, 200.0],
        "discount": [0.1, 0.0, 0.05, 0.05, 0.2, 0.0],
    })
    requests = pd.DataFrame({"customer_id": ["c1", "c2", "c3"], "type": ["complaint", "complaint", "repair"],
                             "opened_date": pd.to_datetime(["2025-06-01", "2025-01-01", "2025-06-01"])})
    surveys = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c1"], "year": [2025, 2025, 2025, 2024],
                            "overall_satisfaction": [5, 3, 4, 2], "repurchase_intention": [5, 3, 4, 1],
                            "likelihood_to_recommend": [9, 6, 10, 3]})
    return orders, requests, surveys


def test_seven_indicators_on_hand_data() -> None:
    """The course materials' seven indicators, with the kit's documented proxies."""
    t = sat.satisfaction_indicators(*_indicator_tables())
    assert list(t.columns) == list(sat.INDICATORS) and list(t.index) == [2025]
    r = t.loc[2025]
    assert r["reputation"] == pytest.approx(2 / 3)          # overall >= 4
    assert r["brand_insistence"] == pytest.approx(1 / 3)         # repurchase intention 5
    assert r["repurchase_rate"] == pytest.approx(1 / 2)     # c1 of {c1, c2}
    assert r["complaint_rate"] == pytest.approx(1 / 2)      # c1 of buyers {c1, c3}; c2 did not buy in 2025
    assert r["amount_per_purchase"] == pytest.approx((1000 + 300 + 200) / 3)
    assert r["discount_granted"] == pytest.approx((0.05 * 1000 + 0.2 * 300) / 1500)
    assert r["referral_rate"] == pytest.approx(2 / 3)       # promoters 9-10


def test_indicator_index_weights() -> None:
    t = sat.satisfaction_indicators(*_indicator_tables())
    s = sat.indicator_index(t)
    assert sum(sat.INDICATOR_WEIGHTS.values()) == pytest.approx(1.0)
    assert s.loc[2025, "complaint_rate"] == pytest.approx(50.0)
    assert s.loc[2025, "amount_per_purchase"] == pytest.approx(100.0)
    expected = sum(s.loc[2025, k] * w for k, w in sat.INDICATOR_WEIGHTS.items())
    assert s.loc[2025, "indicator_index"] == pytest.approx(expected)
    only_rep = {k: 0.0 for k in sat.INDICATORS} | {"reputation": 2.0}
    assert sat.indicator_index(t, only_rep).loc[2025, "indicator_index"] == pytest.approx(100 * 2 / 3)
    with pytest.raises(ValueError, match="weights is missing brand_insistence"):
        sat.indicator_index(t, {"reputation": 1.0})
    with pytest.raises(ValueError, match=r"weights\[.reputation.\] must not be negative"):
        sat.indicator_index(t, only_rep | {"reputation": -1})
    with pytest.raises(ValueError, match=r"indicators\[.reputation.\] contains 1 missing value"):
        sat.indicator_index(t.assign(reputation=np.nan).rename_axis("year"))


def test_indicators_bad_input() -> None:
    orders, requests, surveys = _indicator_tables()
    with pytest.raises(ValueError, match=r"surveys is missing column\(s\) 'likelihood_to_recommend'"):
        sat.satisfaction_indicators(orders, requests, surveys.drop(columns="likelihood_to_recommend"))
    with pytest.raises(ValueError, match="years: 2024 needs orders in 2023 and 2024"):
        sat.satisfaction_indicators(orders, requests, surveys, years=[2024])


# ---------------------------------------------------------------------------
# the company data


def test_kano_categories_match_the_intended_ones_in_company_data() -> None:
    """Each Kano feature of the company's survey gets the category the generator built in."""
    from kamcourse import data

    got = kano_table(data.load("kano_survey"))["category"]
    intended = data.load_answers("kano_intended").set_index("feature")["intended_category"]
    assert set(got.index) == set(intended.index)
    assert got.reindex(intended.index).tolist() == intended.tolist()


def test_company_survey_numbers_are_in_range() -> None:
    from kamcourse import data

    surveys = data.load("surveys")
    assert -100 <= nps(surveys["likelihood_to_recommend"]) <= 100
    si = sat.satisfaction_index(surveys)
    assert si.between(0, 100).all() and len(si) == len(surveys)
    q = importance_performance(*sat.attribute_summary(surveys)[["importance", "performance"]].T.to_numpy())
    assert set(q) <= set(sat.IPA_QUADRANTS)
    ind = sat.satisfaction_indicators(data.load("orders"), data.load("service_requests"), surveys)
    assert ind.notna().all().all() and len(ind) >= 3
    assert sat.indicator_index(ind)["indicator_index"].between(0, 100).all()

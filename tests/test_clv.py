"""Tests for kamcourse.clv formulas (Gupta & Lehmann 2003; Reichheld & Sasser 1990) and the RFM
summary (the definitions of lifetimes' summary_data_from_transaction_data)."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import require_peer

from kamcourse import clv as C
from kamcourse import i18n

# the CDNOW files as the kit ships them (byte for byte those of Hardie's site and of lifetimes)
CDNOW_DATA = Path(__file__).resolve().parents[1] / "datasets" / "cdnow"


def _life_summary(*args, **kwargs) -> pd.DataFrame:
    utils = require_peer("lifetimes.utils")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return utils.summary_data_from_transaction_data(*args, **kwargs)


@pytest.fixture(scope="module")
def cdnow_sample() -> pd.DataFrame:
    """CDNOW sample: 2,357 customers' purchases 1997-01 to 1998-06 (Fader & Hardie 2001)."""
    df = pd.read_csv(CDNOW_DATA / "CDNOW_sample.txt", sep=r"\s+", header=None,
                     names=["master_id", "customer_id", "date", "cds", "amount"])
    df["date"] = pd.to_datetime(df["date"].astype(str), format="%Y%m%d")
    return df


# ------------------------------------------------------------------ margin multiple and CLV

# CONTENT.md §4.3: r/(1+i-r), rows retention 60-90%, columns discount 10-16% (Gupta & Lehmann 2003 formula)
GUPTA_LEHMANN_TABLE = {
    0.6: [1.20, 1.15, 1.11, 1.07],
    0.7: [1.75, 1.67, 1.59, 1.52],
    0.8: [2.67, 2.50, 2.35, 2.22],
    0.9: [4.50, 4.09, 3.75, 3.46],
}


@pytest.mark.parametrize("retention", sorted(GUPTA_LEHMANN_TABLE))
@pytest.mark.parametrize("column", range(4))
def test_margin_multiple_matches_the_content_table(retention: float, column: int) -> None:
    """Gupta & Lehmann (2003), 'Customers as assets': margin multiple r/(1+i-r); the grid of CONTENT §4.3
    (values computed from the formula, two decimals)."""
    discount = (0.10, 0.12, 0.14, 0.16)[column]
    assert round(C.margin_multiple(retention, discount), 2) == GUPTA_LEHMANN_TABLE[retention][column]


def test_margin_multiple_table_is_the_grid() -> None:
    table = C.margin_multiple_table().round(2)
    assert table.to_numpy().tolist() == [GUPTA_LEHMANN_TABLE[r] for r in (0.6, 0.7, 0.8, 0.9)]
    assert table.index.name == "retention_rate" and table.columns.name == "discount_rate"


def test_other_timing_convention_adds_one() -> None:
    """CONTENT §4.3: counting a margin at t = 0 gives (1+i)/(1+i-r) = multiple + 1 (0.9, 10% -> 5.50)."""
    r, d = 0.9, 0.10
    assert (1 + d) / (1 + d - r) == pytest.approx(C.margin_multiple(r, d) + 1)
    assert round(C.margin_multiple(r, d) + 1, 2) == 5.50
    assert "+ 1" in C.margin_multiple.__doc__


def test_clv_infinite_and_finite_horizon() -> None:
    m, r, d = 100.0, 0.8, 0.10
    assert C.clv(m, r, d) == pytest.approx(m * C.margin_multiple(r, d))
    explicit = sum(m * r**t / (1 + d) ** t for t in range(1, 6))
    assert C.clv(m, r, d, periods=5) == pytest.approx(explicit)
    assert C.clv(m, r, d, periods=2000) == pytest.approx(C.clv(m, r, d))
    assert C.clv(m, r, d, acquisition_cost=50) == pytest.approx(C.clv(m, r, d) - 50)
    assert C.clv(m, 0.0, d) == 0.0
    assert C.clv(-10, r, d) < 0  # a loss-making customer
    assert C.clv(m, r, 0.0) == pytest.approx(m * r / (1 - r))


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-1e4, 1e4), st.floats(0, 0.99), st.floats(-0.5, 1.0), st.integers(1, 60),
)
def test_finite_clv_is_the_discounted_sum(margin, retention, discount, periods) -> None:
    explicit = sum(margin * (retention / (1 + discount)) ** t for t in range(1, periods + 1))
    assert C.clv(margin, retention, discount, periods=periods) == pytest.approx(explicit, rel=1e-9, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 0.94), st.floats(0.0, 0.5))
def test_more_retention_is_worth_more(retention, discount) -> None:
    assert C.margin_multiple(retention + 0.05, discount) > C.margin_multiple(retention, discount)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: C.margin_multiple(1.2, 0.1), ValueError, r"retention must be in \[0, 1\), got 1.2"),
        (lambda: C.margin_multiple(1.0, 0.1), ValueError, r"retention must be in \[0, 1\), got 1.0"),
        (lambda: C.margin_multiple(-0.1, 0.1), ValueError, r"retention must be in \[0, 1\), got -0.1"),
        (lambda: C.margin_multiple(0.8, -1.0), ValueError, "discount_rate must be greater than -1, got -1.0"),
        (lambda: C.margin_multiple(math.nan, 0.1), ValueError, "retention must be a finite number, got nan"),
        (lambda: C.margin_multiple(0.8, math.nan), ValueError, "discount_rate must be a finite number"),
        (lambda: C.margin_multiple("0.8", 0.1), TypeError, "retention must be a number"),
        (lambda: C.clv(math.nan, 0.8, 0.1), ValueError, "margin must be a finite number"),
        (lambda: C.clv(100, 0.8, 0.1, periods=0), ValueError, "periods must be at least 1, got 0"),
        (lambda: C.clv(100, 0.8, 0.1, periods=2.5), TypeError, "periods must be a whole number"),
        (lambda: C.clv(100, 0.8, 0.1, acquisition_cost=-5), ValueError, "acquisition_cost must not be negative"),
        (lambda: C.margin_multiple_table(retentions=()), ValueError, "retentions is empty"),
        (lambda: C.retention_sensitivity(100, 0.97, 0.1), ValueError, "must stay below 1"),
        (lambda: C.retention_sensitivity(100, 0.8, 0.1, points=0), ValueError, "points must be positive"),
        (lambda: C.retention_sensitivity(0, 0.8, 0.1), ValueError, "base CLV is 0"),
    ],
)
def test_bad_rates_are_named(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_retention_sensitivity_and_reichheld_sasser() -> None:
    """Reichheld & Sasser (1990), HBR 68(5): a 5-point cut in defections raised profits 85% (bank
    branches), 50% (insurance brokerage), 30% (auto service); MBNA halving 10% defections: +125%."""
    figures = C.REICHHELD_SASSER_1990["profit_increase"].to_dict()
    assert figures == {"bank_branches": 0.85, "insurance_brokerage": 0.50, "auto_service": 0.30,
                       "mbna_credit_cards": 1.25}
    assert (C.REICHHELD_SASSER_1990["defection_cut_points"] == 5).all()
    for key in figures:
        assert i18n.label(key, "zh")
    s = C.retention_sensitivity(100, 0.80, 0.10)
    # multiple 0.8/0.3 -> 0.85/0.25: 2.667 -> 3.4, +27.5%
    assert s["clv_increase"] == pytest.approx(3.4 / (0.8 / 0.3) - 1)
    assert s["improved_retention"] == pytest.approx(0.85)
    # at high retention the same 5 points are worth more (90% -> 95%: 4.5 -> 6.33, +40.7%)
    assert C.retention_sensitivity(100, 0.90, 0.10)["clv_increase"] == pytest.approx(0.95 / 0.15 / 4.5 - 1)


# ------------------------------------------------------------------ RFM summary


def test_rfm_summary_by_hand() -> None:
    log = pd.DataFrame({
        "customer": ["A", "A", "A", "B", "B", "C"],
        "date": pd.to_datetime(["2025-01-05", "2025-01-05", "2025-03-01", "2025-02-10", "2025-06-30", "2025-06-01"]),
        "amount": [100.0, 50.0, 80.0, 300.0, 200.0, 90.0],
    })
    s = C.rfm_summary(log, "customer", "date", "amount", observation_end="2025-06-30")
    assert s.loc["A"].tolist() == [1.0, 55.0, 176.0, 80.0]  # two purchases on 01-05 are one occasion
    assert s.loc["B"].tolist() == [1.0, 140.0, 140.0, 200.0]
    assert s.loc["C"].tolist() == [0.0, 0.0, 29.0, 0.0]
    assert list(s.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert s.index.name == "customer"
    weekly = C.rfm_summary(log, "customer", "date", freq="W", observation_end="2025-06-30")
    assert weekly.loc["A"].tolist() == [1.0, 8.0, 26.0]  # Mon-Sun weeks: Sun 01-05 is in the week of Mon 12-30
    monthly = C.rfm_summary(log, "customer", "date", "amount", freq="M", observation_end="2025-06-30")
    assert monthly.loc["A"].tolist() == [1.0, 2.0, 5.0, 80.0]
    assert monthly.loc["B"].tolist() == [1.0, 4.0, 4.0, 200.0]


@pytest.mark.parametrize("freq", ["D", "W"])
def test_rfm_summary_equals_lifetimes_on_cdnow(cdnow_sample, freq) -> None:
    """lifetimes 0.11.3 summary_data_from_transaction_data on the CDNOW sample."""
    ours = C.rfm_summary(cdnow_sample, "customer_id", "date", "amount", freq=freq)
    theirs = _life_summary(cdnow_sample, "customer_id", "date", "amount", freq=freq)
    pd.testing.assert_frame_equal(ours, theirs)
    ours = C.rfm_summary(cdnow_sample, "customer_id", "date", observation_end="1998-12-31", freq=freq)
    theirs = _life_summary(cdnow_sample, "customer_id", "date", observation_period_end="1998-12-31", freq=freq)
    pd.testing.assert_frame_equal(ours, theirs)


def test_rfm_summary_reproduces_the_cdnow_calibration_summary(cdnow_sample) -> None:
    """Fader, Hardie & Lee (2005): the 39-week calibration period ends 1997-09-30; recency and T in
    weeks (days / 7, rounded to 2 decimals in the published file)."""
    cal = cdnow_sample[cdnow_sample["date"] <= "1997-09-30"]
    s = C.rfm_summary(cal, "customer_id", "date", "amount", observation_end="1997-09-30")
    ref = pd.read_csv(CDNOW_DATA / "cdnow_customers_summary_with_transactions.csv").set_index("ID")
    assert len(s) == 2357
    assert (s["frequency"].to_numpy() == ref["x"].to_numpy()).all()
    assert np.abs(s["recency"].to_numpy() / 7 - ref["t_x"].to_numpy()).max() < 0.0051
    assert np.abs(s["T"].to_numpy() / 7 - ref["T"].to_numpy()).max() < 0.0051
    assert np.abs(s["monetary_value"].to_numpy() - ref["zbar"].to_numpy()).max() < 0.0051


@st.composite
def _logs(draw):
    n = draw(st.integers(1, 60))
    customers = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 400), min_size=n, max_size=n))
    amounts = draw(st.lists(st.floats(0.5, 1000, allow_nan=False), min_size=n, max_size=n))
    extra = draw(st.integers(0, 30))
    log = pd.DataFrame({"customer": customers,
                        "date": pd.Timestamp("2024-01-03") + pd.to_timedelta(days, unit="D"),
                        "amount": np.round(amounts, 2)})
    return log, log["date"].max() + pd.Timedelta(days=extra)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_logs(), st.sampled_from(["D", "W"]), st.booleans())
def test_rfm_summary_equals_lifetimes_on_random_logs(data, freq, with_amount) -> None:
    log, end = data
    amount = "amount" if with_amount else None
    ours = C.rfm_summary(log, "customer", "date", amount, observation_end=end, freq=freq)
    theirs = _life_summary(log, "customer", "date", amount, observation_period_end=end, freq=freq)
    pd.testing.assert_frame_equal(ours, theirs, check_exact=False, rtol=1e-9)


def test_rfm_summary_equals_lifetimes_on_a_seeded_larger_log() -> None:
    rng = np.random.default_rng(42)
    n = 20_000
    log = pd.DataFrame({
        "customer": rng.integers(0, 2_000, n),
        "date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1_500, n), unit="D")
        + pd.to_timedelta(rng.integers(0, 86_400, n), unit="s"),
        "amount": rng.gamma(2.0, 30.0, n).round(2),
    })
    for freq in ("D", "W"):
        ours = C.rfm_summary(log, "customer", "date", "amount", freq=freq)
        theirs = _life_summary(log, "customer", "date", "amount", freq=freq)
        pd.testing.assert_frame_equal(ours, theirs, check_exact=False, rtol=1e-9)


def test_rfm_summary_bad_input() -> None:
    log = pd.DataFrame({"customer": ["a", "a", "b"], "date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
                        "amount": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match=r"transactions is missing column\(s\) 'value'; columns present: customer, date"):
        C.rfm_summary(log, "customer", "date", "value")
    with pytest.raises(ValueError, match=r"1 purchase\(s\) after observation_end 2025-02-15, the first on 2025-03-01"):
        C.rfm_summary(log, "customer", "date", observation_end="2025-02-15")
    with pytest.raises(ValueError, match=r"amount contains 1 missing value"):
        C.rfm_summary(log.assign(amount=[1.0, np.nan, 3.0]), "customer", "date", "amount")
    with pytest.raises(ValueError, match=r"date contains 1 missing date"):
        C.rfm_summary(log.assign(date=[pd.NaT, *log["date"][1:]]), "customer", "date")
    with pytest.raises(ValueError, match="customer contains 1 missing value"):
        C.rfm_summary(log.assign(customer=["a", None, "b"]), "customer", "date")
    with pytest.raises(TypeError, match="date must hold dates, got numbers"):
        C.rfm_summary(log.assign(date=[20250101, 20250201, 20250301]), "customer", "date")
    with pytest.raises(ValueError, match="freq must be one of 'D', 'W', 'M'; got 'Q'"):
        C.rfm_summary(log, "customer", "date", freq="Q")
    with pytest.raises(ValueError, match="transactions is empty"):
        C.rfm_summary(log.iloc[:0], "customer", "date")
    with pytest.raises(TypeError, match="amount must hold numbers"):
        C.rfm_summary(log.assign(amount=["1", "2", "x"]), "customer", "date", "amount")
    # text dates are parsed; the purchase on the observation end day counts
    s = C.rfm_summary(log.assign(date=["2025-01-01", "2025-02-01", "2025-03-01"]), "customer", "date",
                      observation_end="2025-03-01")
    assert s.loc["b", "T"] == 0.0


def test_rfm_scores_and_segments() -> None:
    summary = pd.DataFrame({"frequency": [0, 2, 5, 1, 8], "recency": [0, 30, 90, 10, 99],
                            "T": [100, 40, 95, 100, 100], "monetary_value": [0, 50, 80, 20, 300]},
                           index=list("abcde"))
    scores = C.rfm_scores(summary)
    assert scores["time_since_last"].tolist() == [100, 10, 5, 90, 1]
    assert scores["r_score"].tolist() == [1, 3, 4, 2, 5]
    assert scores["f_score"].tolist() == [1, 3, 4, 2, 5]
    assert scores["rfm_cell"]["e"] == "555" and scores["rfm_score"]["e"] == 15
    seg = C.rfm_segments(scores)
    assert seg["e"] == "important_value" and seg["a"] == "general_win_back"
    assert set(C.RFM_SEGMENTS.values()) == {
        "important_value", "important_development", "important_retention", "important_win_back",
        "general_value", "general_development", "general_retention", "general_win_back"}
    for key in C.RFM_SEGMENTS.values():
        assert i18n.label(key, "zh").endswith("客户")
    # ties share the lowest score: all one-time buyers get F = 1
    tied = C.rfm_scores(summary.assign(frequency=[0, 0, 0, 0, 3], recency=[0, 0, 0, 0, 50]))
    assert tied["f_score"].tolist() == [1, 1, 1, 1, 5]
    with pytest.raises(ValueError, match="larger than T"):
        C.rfm_scores(summary.assign(recency=[0, 50, 90, 10, 99]))
    with pytest.raises(ValueError, match=r"missing column\(s\) 'monetary_value'"):
        C.rfm_scores(summary.drop(columns="monetary_value"))
    with pytest.raises(ValueError, match="thresholds key must be one of"):
        C.rfm_segments(scores, thresholds={"x_score": 3})


def test_reichheld_sasser_examples_lie_in_the_articles_range() -> None:
    """Reichheld & Sasser (1990), HBR 68(5): a 5-point cut in defections raised profits 25%-85% across the
    industries studied (quoted again by Heskett et al. 1994, HBR 72(2)); the courseware's 25%-85% is that range."""
    five_points = C.REICHHELD_SASSER_1990.drop(index="mbna_credit_cards")["profit_increase"]
    assert five_points.between(0.25, 0.85).all() and five_points.max() == 0.85
    assert "25% to 85%" in C.retention_sensitivity.__doc__

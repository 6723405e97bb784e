"""Tests for the CLV models: BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader, Hardie &
Lee 2005b), against the published CDNOW estimates and the lifetimes package as the peer."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from peers import require_peer

from kamcourse.clv import (
    BGNBD,
    ConvergenceError,
    GammaGamma,
    fit_bgnbd,
    fit_gamma_gamma,
    predicted_clv,
)

# the CDNOW files as the kit ships them (byte for byte those of Hardie's site and of lifetimes)
CDNOW_DATA = Path(__file__).resolve().parents[1] / "datasets" / "cdnow"

# Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), p. 280:
# CDNOW 39-week calibration sample, 2,357 customers, time in weeks.
PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LL = -9582.4


def _lifetimes():
    return require_peer("lifetimes")


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    """cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T (weeks), zbar."""
    return pd.read_csv(CDNOW_DATA / "cdnow_customers_summary_with_transactions.csv").set_index("ID")


@pytest.fixture(scope="module")
def bgnbd(cdnow) -> BGNBD:
    return fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"])


@pytest.fixture(scope="module")
def life_bg(cdnow):
    lt = _lifetimes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lt.BetaGeoFitter().fit(cdnow["x"], cdnow["t_x"], cdnow["T"])


# ------------------------------------------------------------------ BG/NBD


@pytest.mark.parametrize("name", ["r", "alpha", "a", "b"])
def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd, name) -> None:
    """FHL (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 on the CDNOW calibration sample."""
    assert getattr(bgnbd, name) == pytest.approx(PUBLISHED[name], rel=0.005)


def test_bgnbd_log_likelihood_is_the_published_one(bgnbd, cdnow) -> None:
    """FHL (2005): log-likelihood -9582.4 at the maximum (total over 2,357 customers, weeks)."""
    assert bgnbd.log_likelihood == pytest.approx(PUBLISHED_LL, abs=0.1)
    assert bgnbd.n_customers == 2357 and bgnbd.converged
    assert "success" in bgnbd.message.lower()
    assert bgnbd.params == {k: getattr(bgnbd, k) for k in ("r", "alpha", "a", "b")}


def test_the_summary_file_and_the_plain_summary_agree(cdnow) -> None:
    plain = pd.read_csv(CDNOW_DATA / "cdnow_customers_summary.csv").set_index("ID")
    m = fit_bgnbd(plain["frequency"], plain["recency"], plain["T"])
    assert m.r == pytest.approx(PUBLISHED["r"], rel=0.005)
    assert len(plain) == len(cdnow) == 2357


def test_bgnbd_parameters_match_lifetimes(bgnbd, life_bg) -> None:
    for name in ("r", "alpha", "a", "b"):
        assert getattr(bgnbd, name) == pytest.approx(life_bg.params_[name], rel=1e-4)


def test_bgnbd_predictions_match_lifetimes(bgnbd, life_bg, cdnow) -> None:
    """Same parameters -> same formulas: eq. (9), (10) and P(alive) of FHL (2005) as in lifetimes."""
    ref = BGNBD(**{k: float(life_bg.params_[k]) for k in ("r", "alpha", "a", "b")},
                log_likelihood=0.0, n_customers=2357, converged=True, iterations=0)
    x, tx, T = cdnow["x"], cdnow["t_x"], cdnow["T"]
    np.testing.assert_allclose(ref.prob_alive(x, tx, T), life_bg.conditional_probability_alive(x, tx, T), rtol=1e-10)
    for t in (1.0, 10.0, 39.0, 78.0):
        np.testing.assert_allclose(
            ref.conditional_expected_purchases(t, x, tx, T),
            life_bg.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T), rtol=1e-8)
    ts = np.array([1.0, 39.0, 78.0])
    np.testing.assert_allclose(ref.expected_purchases(ts), life_bg.expected_number_of_purchases_up_to_time(ts),
                               rtol=1e-8)
    assert isinstance(ref.expected_purchases(39.0), float)


def test_bgnbd_results_keep_the_customer_index(bgnbd, cdnow) -> None:
    p = bgnbd.prob_alive(cdnow["x"], cdnow["t_x"], cdnow["T"])
    assert isinstance(p, pd.Series) and (p.index == cdnow.index).all()
    assert p[cdnow["x"] == 0].eq(1.0).all()
    assert ((p > 0) & (p <= 1)).all()
    # the forecast for the 39-week holdout (1997-10-01 to 1998-06-30) against what the customers did:
    # purchase days in CDNOW_sample.txt after the calibration period (computed here, 1,882)
    log = pd.read_csv(CDNOW_DATA / "CDNOW_sample.txt", sep=r"\s+", header=None,
                      names=["master_id", "customer_id", "date", "cds", "amount"])
    actual = len(log[log["date"] > 19970930].drop_duplicates(["customer_id", "date"]))
    predicted = bgnbd.conditional_expected_purchases(39, cdnow["x"], cdnow["t_x"], cdnow["T"]).sum()
    assert actual == 1882
    assert 0.85 < predicted / actual < 1.15


def test_time_unit_changes_only_alpha(cdnow) -> None:
    """Fitting in days instead of weeks: r, a, b stay, alpha scales by 7, and the total log-likelihood
    shifts by -sum(x) * ln 7 (the likelihood of recency is a density in time)."""
    weeks = fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"])
    days = fit_bgnbd(cdnow["x"], cdnow["t_x"] * 7, cdnow["T"] * 7)
    for name in ("r", "a", "b"):
        assert getattr(days, name) == pytest.approx(getattr(weeks, name), rel=1e-4)
    assert days.alpha == pytest.approx(7 * weeks.alpha, rel=1e-4)
    assert days.log_likelihood == pytest.approx(weeks.log_likelihood - cdnow["x"].sum() * math.log(7), abs=1e-3)


def _simulate_bgnbd(r, alpha, a, b, T, rng):
    """Draw histories from the BG/NBD story: Poisson purchases at rate λ ~ Gamma(r, α) while alive;
    after each repeat purchase the customer drops out with probability p ~ Beta(a, b)."""
    n = len(T)
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    x, tx = np.zeros(n), np.zeros(n)
    for i in range(n):
        t = 0.0
        while True:
            t += rng.exponential(1 / lam[i])
            if t > T[i]:
                break
            x[i] += 1
            tx[i] = t
            if rng.random() < p[i]:
                break
    return x, tx


def test_bgnbd_recovers_simulated_parameters() -> None:
    rng = np.random.default_rng(2005)
    T = rng.uniform(30, 40, 10_000)
    x, tx = _simulate_bgnbd(0.24, 4.4, 0.79, 2.4, T, rng)
    m = fit_bgnbd(x, tx, T)
    assert m.r == pytest.approx(0.24, rel=0.10)
    assert m.alpha == pytest.approx(4.4, rel=0.10)
    assert m.a / (m.a + m.b) == pytest.approx(0.79 / (0.79 + 2.4), rel=0.10)  # mean drop-out probability


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 30), st.floats(0, 50), st.floats(0, 50), st.floats(0.1, 30))
def test_prob_alive_falls_with_silence(x, t_x, extra, later) -> None:
    """A repeat buyer silent for longer is less likely to be alive; one without repeats is alive."""
    m = BGNBD(**PUBLISHED, log_likelihood=0.0, n_customers=1, converged=True, iterations=0)
    T = t_x + extra
    p_now = m.prob_alive(x, t_x, T)
    assert 0 < p_now <= 1
    assert m.prob_alive(x, t_x, T + later) <= p_now
    assert m.prob_alive(0, 0, T) == 1.0


@pytest.mark.parametrize(
    ("f", "r", "T", "message"),
    [
        ([1, 2], [5.0, 40.0], [30.0, 30.0], r"some recency values are larger than T: recency 40 > T 30 at 1"),
        ([1, -2], [5.0, 4.0], [30.0, 30.0], "frequency must not be negative"),
        ([1, 2.5], [5.0, 4.0], [30.0, 30.0], r"frequency must be whole numbers .* got 2.5 at 1"),
        ([1, np.nan], [5.0, 4.0], [30.0, 30.0], r"frequency contains 1 missing value"),
        ([1, 2], [5.0, np.nan], [30.0, 30.0], r"recency contains 1 missing value"),
        ([1, 2], [5.0, 4.0], [30.0, np.nan], r"T contains 1 missing value"),
        ([0, 2], [5.0, 4.0], [30.0, 30.0], "recency must be 0 when frequency is 0"),
        ([1, 2], [-5.0, 4.0], [30.0, 30.0], "recency must not be negative"),
        ([1, 2], [5.0, 4.0], [30.0], "one value per customer"),
        ([0, 0], [0.0, 0.0], [30.0, 30.0], "nobody made a repeat purchase"),
        ([], [], [], "frequency is empty"),
    ],
)
def test_fit_bgnbd_bad_input(f, r, T, message) -> None:
    with pytest.raises(ValueError, match=message):
        fit_bgnbd(f, r, T)


def test_prediction_methods_check_their_input(bgnbd) -> None:
    with pytest.raises(ValueError, match="larger than T"):
        bgnbd.prob_alive(2, 40.0, 30.0)
    with pytest.raises(ValueError, match="t must not be negative"):
        bgnbd.expected_purchases(-1)
    with pytest.raises(ValueError, match="t must not be negative"):
        bgnbd.conditional_expected_purchases(-3, 1, 2.0, 5.0)
    with pytest.raises(TypeError, match="frequency must hold numbers"):
        bgnbd.prob_alive(["a"], [1.0], [2.0])


def test_non_convergence_is_reported(cdnow) -> None:
    with pytest.raises(ConvergenceError, match="did not converge after 1 iteration"):
        fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"], max_iter=1)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        m = fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"], max_iter=1, strict=False)
    assert m.converged is False
    with pytest.raises(ValueError, match="max_iter must be at least 1, got 0"):
        fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"], max_iter=0)


# ------------------------------------------------------------------ Gamma-Gamma


@pytest.fixture(scope="module")
def repeaters(cdnow) -> pd.DataFrame:
    return cdnow[cdnow["x"] > 0]


@pytest.fixture(scope="module")
def life_gg(repeaters):
    lt = _lifetimes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lt.GammaGammaFitter().fit(repeaters["x"], repeaters["zbar"])


@pytest.mark.parametrize("name", ["p", "q", "v"])
def test_gamma_gamma_matches_lifetimes(repeaters, life_gg, name) -> None:
    """lifetimes' GammaGammaFitter on the CDNOW repeat buyers (946 customers): p ~ 6.25, q ~ 3.74, v ~ 15.45."""
    gg = fit_gamma_gamma(repeaters["x"], repeaters["zbar"])
    assert getattr(gg, name) == pytest.approx(life_gg.params_[name], rel=0.005)
    assert gg.n_customers == 946 and gg.converged


def test_gamma_gamma_log_likelihood_and_expected_spend(repeaters, life_gg, cdnow) -> None:
    gg = fit_gamma_gamma(repeaters["x"], repeaters["zbar"])
    life_ll = -life_gg._negative_log_likelihood_ * len(repeaters)
    assert gg.log_likelihood == pytest.approx(life_ll, abs=0.01)
    ours = gg.expected_spend(cdnow["x"], cdnow["zbar"])
    theirs = life_gg.conditional_expected_average_profit(cdnow["x"], cdnow["zbar"])
    np.testing.assert_allclose(ours, theirs, rtol=1e-4)
    assert ours[cdnow["x"] == 0].eq(ours[cdnow["x"] == 0].iloc[0]).all()
    assert gg.mean_spend == pytest.approx(gg.p * gg.v / (gg.q - 1))
    assert gg.params == {"p": gg.p, "q": gg.q, "v": gg.v}


def test_gamma_gamma_bad_input() -> None:
    with pytest.raises(ValueError, match="frequency must be at least 1 for the Gamma-Gamma model, got 0 at 0"):
        fit_gamma_gamma([0, 2], [0.0, 35.5])
    with pytest.raises(ValueError, match="monetary_value must be positive"):
        fit_gamma_gamma([1, 2], [-3.0, 35.5])
    with pytest.raises(ValueError, match="monetary_value contains 1 missing value"):
        fit_gamma_gamma([1, 2], [np.nan, 35.5])
    with pytest.raises(ValueError, match="frequency must be whole numbers"):
        fit_gamma_gamma([1.5, 2], [3.0, 35.5])
    with pytest.raises(ValueError, match="frequency is empty"):
        fit_gamma_gamma([], [])
    gg = GammaGamma(6.25, 3.74, 15.44, 0.0, 1, True, 0)
    with pytest.raises(ValueError, match="monetary_value must not be negative"):
        gg.expected_spend([1], [-2.0])


def test_gamma_gamma_non_convergence(repeaters) -> None:
    with pytest.raises(ConvergenceError, match="Gamma-Gamma fit did not converge"):
        fit_gamma_gamma(repeaters["x"], repeaters["zbar"], max_iter=1)


# ------------------------------------------------------------------ model-based CLV


def test_predicted_clv_equals_lifetimes(bgnbd, life_bg, repeaters, life_gg, cdnow) -> None:
    """lifetimes' GammaGammaFitter.customer_lifetime_value: 12 months, 1% monthly, weeks (4.345 per month)."""
    ref_bg = BGNBD(**{k: float(life_bg.params_[k]) for k in ("r", "alpha", "a", "b")},
                   log_likelihood=0.0, n_customers=2357, converged=True, iterations=0)
    ref_gg = GammaGamma(**{k: float(life_gg.params_[k]) for k in ("p", "q", "v")},
                        log_likelihood=0.0, n_customers=946, converged=True, iterations=0)
    ours = predicted_clv(ref_bg, ref_gg, cdnow["x"], cdnow["t_x"], cdnow["T"], cdnow["zbar"],
                         months=12, discount_rate=0.01, time_unit="W")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = life_gg.customer_lifetime_value(life_bg, cdnow["x"], cdnow["t_x"], cdnow["T"], cdnow["zbar"],
                                                 time=12, discount_rate=0.01, freq="W")
    np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), rtol=1e-6)
    half = predicted_clv(ref_bg, ref_gg, cdnow["x"], cdnow["t_x"], cdnow["T"], cdnow["zbar"], time_unit="W",
                         months=12, margin=0.5)
    np.testing.assert_allclose(half.to_numpy(), 0.5 * ours.to_numpy())
    assert (predicted_clv(ref_bg, ref_gg, cdnow["x"], cdnow["t_x"], cdnow["T"], cdnow["zbar"], time_unit="W",
                          months=24) >= ours - 1e-12).all()


def test_predicted_clv_bad_input(bgnbd) -> None:
    gg = GammaGamma(6.25, 3.74, 15.44, 0.0, 1, True, 0)
    with pytest.raises(TypeError, match="purchases must be a fitted BGNBD"):
        predicted_clv("model", gg, [1], [1.0], [2.0], [10.0])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time_unit must be one of"):
        predicted_clv(bgnbd, gg, [1], [1.0], [2.0], [10.0], time_unit="H")
    with pytest.raises(ValueError, match=r"margin must be in \(0, 1\]"):
        predicted_clv(bgnbd, gg, [1], [1.0], [2.0], [10.0], margin=1.5)
    with pytest.raises(ValueError, match="discount_rate must be greater than -1"):
        predicted_clv(bgnbd, gg, [1], [1.0], [2.0], [10.0], discount_rate=-1)
    with pytest.raises(ValueError, match="monetary_value has 2 values but frequency has 1"):
        predicted_clv(bgnbd, gg, [1], [1.0], [2.0], [10.0, 3.0])


def test_predicted_clv_without_a_spend_model_uses_the_own_average(bgnbd, cdnow) -> None:
    own = predicted_clv(bgnbd, None, cdnow["x"], cdnow["t_x"], cdnow["T"], cdnow["zbar"], time_unit="W")
    purchases = sum(
        (bgnbd.conditional_expected_purchases(k * 4.345, cdnow["x"], cdnow["t_x"], cdnow["T"])
         - bgnbd.conditional_expected_purchases((k - 1) * 4.345, cdnow["x"], cdnow["t_x"], cdnow["T"])) / 1.01**k
        for k in range(1, 13)
    )
    np.testing.assert_allclose(own.to_numpy(), (cdnow["zbar"] * purchases).to_numpy(), rtol=1e-9)
    assert (own[cdnow["x"] == 0] == 0).all()  # no repeat purchase yet: no observed spend


def test_the_kits_cdnow_loader_gives_the_same_fit() -> None:
    """kamcourse.data.load_cdnow reads the files the kit ships; the lessons fit on it."""
    from kamcourse.data import load_cdnow

    s = load_cdnow("summary")
    m = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    for name, published in PUBLISHED.items():
        assert getattr(m, name) == pytest.approx(published, rel=0.005)
    money = load_cdnow("summary_monetary").query("frequency > 0")
    gg = fit_gamma_gamma(money["frequency"], money["monetary_value"])
    assert gg.n_customers == 946


def test_a_fit_at_the_edge_of_the_model_says_so() -> None:
    """Histories with no spread in drop-out: the likelihood keeps rising as a, b -> infinity."""
    rng = np.random.default_rng(1)
    n = 50
    T = rng.uniform(1, 50, n).round(1)
    x = rng.integers(0, 9, n)
    tx = np.where(x > 0, np.round(rng.uniform(0, 1, n) * T, 1), 0.0)
    with pytest.raises(ConvergenceError, match="a towards infinity, b towards infinity"):
        fit_bgnbd(x, tx, T)

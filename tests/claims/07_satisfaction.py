"""Claims of lesson 07 (satisfaction): the attribute gaps, the Kano survey, the indicators, IPA, the index."""

from __future__ import annotations

import pandas as pd

from kamcourse import satisfaction

from . import ClaimData, claim

NB = "notebooks/07_satisfaction.ipynb"


def _attributes(data: ClaimData) -> pd.DataFrame:
    return satisfaction.attribute_summary(data.load("surveys"), tolerance=0.25)


@claim(NB, "survey-read")
def delivery_and_value_fall_short_quality_highest(data: ClaimData) -> None:
    a = _attributes(data)
    gap = a["gap"]
    worst = gap.nsmallest(2).index.tolist()
    assert worst == ["delivery_reliability", "price_value"], f"largest shortfalls {worst}"
    assert gap["delivery_reliability"] < -0.5, f"delivery gap {gap['delivery_reliability']:.2f} is not clearly short"
    assert (gap.drop(worst).abs() <= 0.25).all(), f"other gaps are not small: {gap.round(2).to_dict()}"
    assert a["performance"].idxmax() == "product_quality" and a["expectation"].idxmax() == "product_quality"


def _kano(data: ClaimData) -> pd.DataFrame:
    return satisfaction.kano_table(data.load("kano_survey"))


@claim(NB, "kano-intro")
def one_hundred_eighty_respondents_six_features(data: ClaimData) -> None:
    k = data.load("kano_survey")
    assert k["respondent_id"].nunique() == 180 and k["feature"].nunique() == 6, "not 180 respondents and six features"


@claim(NB, "kano-read")
def kano_categories_and_coefficients(data: ClaimData) -> None:
    t = _kano(data)
    expected = {"on_time_delivery": "must_be", "energy_efficiency": "one_dimensional",
                "extended_warranty": "one_dimensional", "remote_condition_monitoring": "attractive",
                "custom_paint_colour": "indifferent", "mandatory_training_course": "reverse"}
    assert t["category"].to_dict() == expected, t["category"].to_dict()
    d = t.loc["on_time_delivery"]
    assert d["worse"] < -0.6 and d["better"] < 0.3, "on-time delivery: Worse not large or Better not small"
    for f in ("energy_efficiency", "extended_warranty"):
        assert t.loc[f, "better"] > 0.6 and t.loc[f, "worse"] < -0.6, f"{f}: coefficients not both large"
    m = t.loc["remote_condition_monitoring"]
    assert m["better"] > 0.6 and m["worse"] > -0.3, "remote monitoring: Better not high or Worse not small"
    p = t.loc["custom_paint_colour"]
    assert p["better"] < 0.3 and p["worse"] > -0.3, "custom paint colour: not little effect either way"
    r = t.loc["mandatory_training_course"]
    assert r["R"] / r["n"] > 0.5, f"only {r['R']} of {r['n']} answers are reverse"


def _indicators(data: ClaimData) -> pd.DataFrame:
    return satisfaction.satisfaction_indicators(data.load("orders"), data.load("service_requests"), data.load("surveys"))


@claim(NB, "indicator-read")
def repurchase_high_enthusiasm_low(data: ClaimData) -> None:
    last = _indicators(data).iloc[-1]
    assert last["repurchase_rate"] > 0.85, f"repurchase {last['repurchase_rate']:.2f} is not high"
    for k in ("reputation", "brand_insistence", "referral_rate"):
        assert last[k] < last["repurchase_rate"] - 0.25, f"{k} {last[k]:.2f} is not much lower than repurchase"


def _ipa(data: ClaimData) -> pd.Series:
    a = _attributes(data)
    return satisfaction.importance_performance(a["importance"], a["performance"])


@claim(NB, "ipa-read")
def concentrate_on_delivery_and_value(data: ClaimData) -> None:
    q, a = _ipa(data), _attributes(data)
    assert q["delivery_reliability"] == "concentrate_here" and q["price_value"] == "concentrate_here", q.to_dict()
    assert q["product_quality"] == "keep_up"
    assert q["technical_support"] == "possible_overkill" and q["responsiveness"] == "possible_overkill", q.to_dict()
    assert a.loc["delivery_reliability", "importance"] >= a["importance"].nlargest(2).iloc[-1], "delivery is not very important"


@claim(NB, "index-per-customer-read")
def yearly_means_move_little_spread_is_wide(data: ClaimData) -> None:
    s = data.load("surveys")
    s["satisfaction_index"] = satisfaction.satisfaction_index(s)
    by_year = s.groupby("year")["satisfaction_index"]
    spread = by_year.mean().max() - by_year.mean().min()
    assert spread < 5, f"yearly means move by {spread:.1f} points"
    assert (by_year.std() > 12).all(), f"within-year spreads {by_year.std().round(1).tolist()}"


@claim(NB, "summary")
def summary_reads(data: ClaimData) -> None:
    t = _kano(data)
    assert t.loc["on_time_delivery", "category"] == "must_be" and t.loc["remote_condition_monitoring", "category"] == "attractive"
    last = _indicators(data).iloc[-1]
    assert last["repurchase_rate"] > 0.85 and last["referral_rate"] < 0.4, "not 'keep buying but seldom recommend'"
    concentrate_on_delivery_and_value(data)

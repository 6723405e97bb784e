"""Callbacks of the satisfaction / development explorers: moving a control changes the result."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.widgets.satisfaction_development import funnel_explorer, ipa_explorer, kano_explorer


def test_kano_explorer_moves_category_and_coefficients() -> None:
    box = kano_explorer({"A": 12, "O": 8, "M": 3, "I": 5, "R": 0, "Q": 0})
    assert set(box.controls) == set("AOMIRQ")
    assert box.state["category"] == "attractive"
    assert box.state["better"] == pytest.approx(20 / 28)
    box.controls["M"].value = 20           # must-be now dominates
    assert box.state["category"] == "must_be"
    assert box.state["worse"] == pytest.approx(-28 / 45)
    box.controls["O"].value = 20           # O ties M: the tie rule M > O keeps must-be
    assert box.state["category"] == "must_be"
    box.controls["O"].value = 21
    assert box.state["category"] == "one_dimensional"
    box.controls["R"].value = 10           # reverse answers do not move Better/Worse
    assert box.state["better"] == pytest.approx((12 + 21) / (12 + 21 + 20 + 5))
    assert box.state["category"] == "one_dimensional"
    assert "one-dimensional" in box.text.value
    box.controls["R"].value = 50           # ... but once most answers are R the feature is reverse
    assert box.state["category"] == "reverse"
    assert box.state["better"] == pytest.approx((12 + 21) / (12 + 21 + 20 + 5))


def test_kano_explorer_all_zero_does_not_fail() -> None:
    box = kano_explorer({k: 0 for k in "AOMIRQ"})
    assert box.state["category"] == "indifferent"


def test_kano_explorer_labels_follow_language() -> None:
    i18n.set_language("zh")
    box = kano_explorer()
    assert "魅力型" in box.controls["A"].description
    assert box.state["figure_title"] == i18n.label("kano_plot_title", "zh")


def test_ipa_explorer_threshold_modes() -> None:
    imp = pd.Series({"q": 7.0, "d": 6.0, "o": 2.0, "p": 1.0})     # mean 4.0, median 4.0
    perf = pd.Series({"q": 6.0, "d": 2.5, "o": 2.0, "p": 10.0})   # mean 5.125, median 4.25
    box = ipa_explorer(imp, perf)
    assert box.state["quadrants"].to_dict() == {"q": "keep_up", "d": "concentrate_here", "o": "low_priority",
                                    "p": "possible_overkill"}
    box.controls["performance_mode"].value = "fixed"
    box.controls["performance_value"].value = 2.0
    assert box.state["quadrants"]["d"] == "keep_up" and box.state["quadrants"]["o"] == "possible_overkill"
    box.controls["importance_mode"].value = "fixed"
    box.controls["importance_value"].value = 6.5
    assert box.state["quadrants"]["d"] == "possible_overkill"
    box.controls["performance_mode"].value = "median"
    assert box.state["quadrants"]["q"] == "keep_up" and box.state["quadrants"]["d"] == "low_priority"


@pytest.fixture
def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {"cost_per_contact": [100.0, 400.0], "qualification_rate": [0.5, 0.4], "win_rate": [0.4, 0.2],
         "revenue_per_customer": [30_000.0, 20_000.0]},
        index=pd.Index(["referral_chain", "trade_shows"], name="method"),
    )


def test_funnel_explorer_budget_and_rates(comparison) -> None:
    box = funnel_explorer(comparison, budget=10_000, margin=0.3)
    r = box.state["funnel"].loc["referral_chain"]
    assert r["customers"] == pytest.approx(20)
    box.controls["budget"].value = 20_000
    assert box.state["funnel"].loc["referral_chain", "customers"] == pytest.approx(40)
    box.controls["win_rate"].value = 0.2
    assert box.state["funnel"].loc["referral_chain", "customers"] == pytest.approx(20)
    assert box.state["funnel"].loc["referral_chain", "cost_per_customer"] == pytest.approx(1000)
    assert box.state["funnel"].loc["referral_chain", "roi"] == pytest.approx((20 * 30_000 * 0.3 - 20_000) / 20_000)


def test_funnel_explorer_method_loads_measured_rates(comparison) -> None:
    box = funnel_explorer(comparison, budget=10_000)
    box.controls["win_rate"].value = 0.9
    box.controls["method"].value = "trade_shows"
    assert box.controls["win_rate"].value == pytest.approx(0.2)
    assert box.controls["cost_per_contact"].value == pytest.approx(400)
    assert list(box.state["funnel"].index) == ["trade_shows"]
    assert box.state["funnel"].loc["trade_shows", "customers"] == pytest.approx(10_000 / 400 * 0.4 * 0.2)


def test_funnel_explorer_from_prospects() -> None:
    p = pd.DataFrame({"method": ["online"] * 4, "cost": [10.0] * 4, "contacted": [True, True, True, False],
                      "qualified": [True, True, False, False], "won": [True, False, False, False],
                      "first_year_revenue": [5000.0, 0, 0, 0]})
    box = funnel_explorer(prospects=p, budget=1000)
    assert box.controls["cost_per_contact"].value == pytest.approx(40 / 3)
    with pytest.raises(ValueError, match="needs comparison or prospects"):
        funnel_explorer()

"""Tests for the data mining explorer: the callbacks, driven by changing the controls."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from kamcourse import mining
from kamcourse.widgets.data_mining import retention_offer_explorer

RNG = np.random.default_rng(11)
Y = (RNG.random(300) < 0.1).astype(int)
P = np.clip(0.5 * Y + RNG.random(300) * 0.5, 0, 1)
V = RNG.lognormal(10, 1, 300)


def test_the_explorer_reports_the_break_even_campaign() -> None:
    box = retention_offer_explorer(Y, P, V, offer_cost=3000, success_rate=0.3, draw=False)
    expected = mining.retention_campaign(Y, P, V, 3000, 0.3)
    assert box.state["contacted"] == expected["contacted"] and box.state["profit"] == pytest.approx(expected["profit"])
    assert box.state["threshold"] == pytest.approx(3000 / (0.3 * np.median(V)))
    assert box.state["profit_all"] == pytest.approx(mining.retention_campaign(Y, P, V, 3000, 0.3, threshold=0)["profit"])
    assert f"<b>{box.state['threshold']:.2f}</b>" in box.text.value and "30%" in box.text.value


def test_a_dearer_offer_goes_to_fewer_customers() -> None:
    box = retention_offer_explorer(Y, P, V, draw=False)
    before = box.state["contacted"]
    box.controls["offer_cost"].value = 12_000
    assert box.state["contacted"] < before
    box.controls["success_rate"].value = 1.0
    assert box.state["threshold"] == pytest.approx(12_000 / np.median(V))
    assert box.state["best_profit"] >= box.state["curve"]["profit"].iloc[0]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="value_at_risk must have one value per customer"):
        retention_offer_explorer(Y, P, V[:10], draw=False)
    with pytest.raises(ValueError, match="success_rate must be above 0"):
        retention_offer_explorer(Y, P, V, success_rate=0.0, draw=False)

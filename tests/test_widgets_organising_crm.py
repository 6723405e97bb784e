"""Tests for the selection explorer: the callbacks, driven by changing the sliders."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import math

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.crm_implementation import CRM_OPTIONS, decision_matrix, weight_to_switch
from kamcourse.widgets.organising_crm import selection_explorer


def test_equal_weights_pick_the_cloud_system() -> None:
    box = selection_explorer(draw=False)
    m = decision_matrix(CRM_OPTIONS, dict.fromkeys(CRM_OPTIONS.columns, 1.0))
    assert box.state["winner"] == "cloud_saas" and box.state["margin"] == pytest.approx(m["margin"].iloc[0])
    assert "cloud CRM" in box.text.value


def test_moving_a_weight_past_its_switch_point_changes_the_winner() -> None:
    box = selection_explorer(draw=False)
    switch = box.state["switch_at"]["cost_of_ownership"]
    assert switch == pytest.approx(weight_to_switch(CRM_OPTIONS, dict.fromkeys(CRM_OPTIONS.columns, 1.0),
                                                    "cost_of_ownership"))
    box.controls["cost_of_ownership"].value = math.ceil(switch * 2) / 2 + 0.5
    assert box.state["winner"] != "cloud_saas"


def test_all_weights_zero_shows_a_message() -> None:
    box = selection_explorer(draw=False)
    with box.hold():
        for slider in box.controls.values():
            slider.value = 0.0
    assert box.state["winner"] is None and i18n.label("all_weights_zero") in box.text.value


def test_own_scores_and_weights_and_a_figure() -> None:
    scores = pd.DataFrame({"fit": [4, 3], "cost": [2, 5]}, index=["A", "B"])
    box = selection_explorer(scores, {"fit": 4, "cost": 1})
    assert box.state["winner"] == "A" and box.state["draws"] == 1
    assert box.state["switch_at"]["cost"] == pytest.approx(4 / 3)
    with pytest.raises(ValueError, match="unknown criterion"):
        selection_explorer(scores, {"price": 1}, draw=False)


def test_in_chinese() -> None:
    i18n.set_language("zh")
    box = selection_explorer(draw=False)
    assert "排名第一" in box.text.value and box.controls["mobile_app"].description == "移动端应用"

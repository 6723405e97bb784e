"""Tests for the key-account explorers: the callbacks, driven by changing the controls."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.widgets.key_accounts import discount_explorer, portfolio_explorer


def test_discount_explorer_course_example() -> None:
    """Course materials: 20% margin, 5% discount -> 33% more volume."""
    box = discount_explorer(draw=False)
    assert box.state["increase"] == pytest.approx(1 / 3)
    assert "33.3%" in box.children[1].value


def test_discount_explorer_follows_the_sliders() -> None:
    box = discount_explorer(draw=False)
    box.controls["margin"].value = 0.30
    box.controls["discount"].value = 0.10
    assert box.state["increase"] == pytest.approx(0.5)
    assert "50.0%" in box.state["message"]


def test_discount_at_or_above_margin_shows_the_message() -> None:
    box = discount_explorer(draw=False)
    box.controls["discount"].value = 0.20  # equals the margin
    assert box.state["increase"] is None
    assert box.state["message"] == i18n.label("no_volume_recovers")
    assert "No volume recovers" in box.children[1].value
    box.controls["discount"].value = 0.10  # and it recovers
    assert box.state["increase"] == pytest.approx(1.0)


def test_discount_explorer_redraws_the_figure() -> None:
    box = discount_explorer()
    assert box.state["draws"] == 1 and box.state["figure_title"] == i18n.label("breakeven_title")
    box.controls["discount"].value = 0.30  # no point to mark: still draws, no error
    assert box.state["draws"] == 2 and box.state["increase"] is None


def test_discount_explorer_start_values() -> None:
    box = discount_explorer(margin=0.9, discount=0.6, draw=False)  # outside the usual slider ranges
    assert box.controls["margin"].value == 0.9 and box.state["increase"] == pytest.approx(2.0)
    with pytest.raises(ValueError, match=r"margin must be in \(0, 1\)"):
        discount_explorer(margin=1.2, draw=False)
    with pytest.raises(ValueError, match="discount must not be negative"):
        discount_explorer(discount=-0.1, draw=False)


def test_discount_explorer_in_chinese() -> None:
    i18n.set_language("zh")
    box = discount_explorer(draw=False)
    assert "毛利" in box.state["message"] and box.controls["margin"].description == "毛利率"


@pytest.fixture
def criteria() -> pd.DataFrame:
    return pd.DataFrame(
        {"revenue": [9, 8, 2, 1, 5], "growth": [0.0, 1.0, 1.0, 0.0, 0.5], "share": [7, 1, 9, 2, 5]},
        index=["A", "B", "C", "D", "E"],
    )


def test_portfolio_explorer_counts_and_key_list(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength="share", names=pd.Series({"A": "Alpha"}), draw=False)
    assert box.state["counts"] == {"key": 2, "key_development": 1, "maintenance": 1, "opportunistic": 1}
    assert box.state["key_accounts"] == ["A", "E"]
    assert "Alpha" in box.children[1].value


def test_portfolio_explorer_thresholds_move_accounts(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength="share", draw=False)
    box.controls["strength_threshold"].value = 8
    assert box.state["key_accounts"] == []
    box.controls["strength_threshold"].value = 1
    box.controls["attractiveness_threshold"].value = 0.0
    assert box.state["counts"]["key"] == 5


def test_portfolio_explorer_weights_change_attractiveness(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1, "growth": 0}, strength="share", draw=False)
    before = box.state["attractiveness"].copy()
    box.controls["weight:revenue"].value = 0
    box.controls["weight:growth"].value = 1
    assert box.state["attractiveness"]["C"] == pytest.approx(1.0) and before["C"] < 0.2
    box.controls["weight:growth"].value = 0  # all weights zero: a message, no crash
    assert box.state["counts"] is None
    assert i18n.label("weights_all_zero") in box.children[1].value


def test_portfolio_explorer_redraws_and_validates(criteria) -> None:
    box = portfolio_explorer(criteria, {"revenue": 1}, strength=criteria["share"])
    assert box.state["draws"] == 1 and box.state["figure_title"] == i18n.label("portfolio_matrix")
    box.controls["strength_threshold"].value = 3
    assert box.state["draws"] == 2
    with pytest.raises(ValueError, match="missing column"):
        portfolio_explorer(criteria, {"profit": 1}, strength="share", draw=False)
    with pytest.raises(ValueError, match="missing column"):
        portfolio_explorer(criteria, {"revenue": 1}, strength="wallet", draw=False)

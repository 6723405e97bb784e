"""Every explorer follows one contract (issue 11): an Explorer with controls, state, update(), hold(), text, output."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w
import pandas as pd
import pytest

from kamcourse import widgets
from kamcourse.widgets.base import Explorer

ORDERS = pd.DataFrame({
    "customer": ["a"] * 4 + ["b"],
    "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10", "2025-05-01"]),
    "amount": [10.0, 30.0, 30.0, 30.0, 5.0],
})
CRITERIA = pd.DataFrame({"revenue": [9, 8, 2, 1], "growth": [1, 0, 1, 0], "share": [7, 1, 9, 2]},
                        index=["A", "B", "C", "D"])
COMPARISON = pd.DataFrame({"cost_per_contact": [100.0, 400.0], "qualification_rate": [0.5, 0.4],
                           "win_rate": [0.4, 0.2], "revenue_per_customer": [30_000.0, 20_000.0]},
                          index=["referral_chain", "trade_shows"])

EXPLORERS = {
    "discount_explorer": lambda draw: widgets.discount_explorer(draw=draw),
    "portfolio_explorer": lambda draw: widgets.portfolio_explorer(CRITERIA, {"revenue": 1}, "share", draw=draw),
    "delivered_value_explorer": lambda draw: widgets.delivered_value_explorer(draw=draw),
    "clv_explorer": lambda draw: widgets.clv_explorer(draw=draw),
    "lifecycle_explorer": lambda draw: widgets.lifecycle_explorer(ORDERS, "customer", "date", "amount",
                                                                  as_of="2025-06-30", draw=draw),
    "kano_explorer": lambda draw: widgets.kano_explorer(draw=draw),
    "ipa_explorer": lambda draw: widgets.ipa_explorer(pd.Series({"q": 6.5, "d": 6.0, "o": 4.0}),
                                                      pd.Series({"q": 6.0, "d": 4.5, "o": 5.5}), draw=draw),
    "funnel_explorer": lambda draw: widgets.funnel_explorer(COMPARISON, budget=10_000, draw=draw),
    "standoff_explorer": lambda draw: widgets.standoff_explorer(draw=draw),
    "retention_offer_explorer": lambda draw: widgets.retention_offer_explorer(
        [1, 0, 1, 0, 0], [0.9, 0.5, 0.4, 0.2, 0.1], [20000.0, 20000.0, 50000.0, 8000.0, 8000.0], draw=draw),
}


def test_every_explorer_is_listed_here() -> None:
    assert set(EXPLORERS) == {n for n in widgets.__all__ if n.endswith("_explorer")}


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_one_contract(name) -> None:
    box = EXPLORERS[name](False)
    assert isinstance(box, Explorer) and isinstance(box, w.VBox)
    assert box.controls and all(isinstance(c, w.ValueWidget) for c in box.controls.values())
    assert box.state and "draws" not in box.state  # draw=False: state and text only
    assert box.text.value and isinstance(box.output, w.Output)
    assert box.text in box.children and box.output in box.children


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_drawing_records_each_figure_and_leaves_none_open(name) -> None:
    import matplotlib.pyplot as plt

    box = EXPLORERS[name](True)
    assert box.state["draws"] == 1 and box.state["figure_title"]
    box.update()
    assert box.state["draws"] == 2
    assert plt.get_fignums() == []


def test_hold_recomputes_once_after_several_changes() -> None:
    box = widgets.clv_explorer()
    with box.hold():
        box.controls["retention"].value = 0.9
        box.controls["discount_rate"].value = 0.0
        assert box.state["draws"] == 1 and box.state["retention"] == 0.8  # nothing recomputed yet
    assert box.state["draws"] == 2
    assert box.state["margin_multiple"] == pytest.approx(0.9 / 0.1)


def test_a_control_change_recomputes() -> None:
    box = widgets.kano_explorer(draw=False)
    box.controls["M"].value = 40
    assert box.state["category"] == "must_be"
    assert "must-be" in box.text.value

"""Tests for the customer-value explorers: the callbacks, driven by changing the controls."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.value import COMPONENTS
from kamcourse.widgets.customer_value import (
    DEFAULT_OFFERS,
    clv_explorer,
    delivered_value_explorer,
    lifecycle_explorer,
)


def test_delivered_value_explorer_starts_from_the_offers() -> None:
    box = delivered_value_explorer(draw=False)
    assert set(box.controls) == {f"{o}:{c}" for o in DEFAULT_OFFERS.index for c in COMPONENTS}
    table = box.state["table"]
    assert table.loc["offer_a", "delivered_value"] == 20.0 and table.loc["offer_b", "delivered_value"] == 5.0
    assert box.state["best"] == "offer_a"


def test_delivered_value_explorer_follows_the_sliders() -> None:
    box = delivered_value_explorer(draw=False)
    box.controls["offer_b:time"].value = 0       # B cuts the customer's time cost by 10 -> 15
    box.controls["offer_b:service"].value = 20   # and adds 10 of service value -> 25
    assert box.state["table"].loc["offer_b", "delivered_value"] == 25.0
    assert box.state["best"] == "offer_b"
    text = box.children[1].value
    assert "customer delivered value 25" in text and "offer B" in text


def test_delivered_value_explorer_zero_cost_shows_the_error() -> None:
    box = delivered_value_explorer(draw=False)
    for comp in ("monetary", "time", "psychic", "energy"):
        box.controls[f"offer_a:{comp}"].value = 0
    assert box.state["table"] is None
    assert "total customer cost of 0" in box.children[1].value


def test_delivered_value_explorer_draws_and_speaks_chinese() -> None:
    i18n.set_language("zh")
    box = delivered_value_explorer(draw=True)
    assert box.state["draws"] == 1
    box.controls["offer_a:monetary"].value = 60
    assert box.state["draws"] == 2
    assert box.state["figure_title"] == i18n.label("delivered_value_title", "zh")
    assert "客户让渡价值" in box.children[1].value


def test_delivered_value_explorer_needs_two_offers() -> None:
    with pytest.raises(ValueError, match="exactly two offers"):
        delivered_value_explorer(pd.concat([DEFAULT_OFFERS, DEFAULT_OFFERS.rename(index={"offer_a": "c", "offer_b": "d"})]))


def test_clv_explorer_gupta_lehmann() -> None:
    """Gupta & Lehmann (2003): margin multiple 0.8/(1.1-0.8) = 2.67; 0.9 -> 4.50."""
    box = clv_explorer(draw=False)
    assert box.state["margin_multiple"] == pytest.approx(0.8 / 0.3)
    assert box.state["clv"] == pytest.approx(100 * 0.8 / 0.3)
    assert box.state["clv_plus_5"] == pytest.approx(100 * 0.85 / 0.25)
    box.controls["retention"].value = 0.9
    assert round(box.state["margin_multiple"], 2) == 4.50
    box.controls["discount_rate"].value = 0.16
    assert round(box.state["margin_multiple"], 2) == 3.46
    box.controls["margin"].value = 200
    assert box.state["clv"] == pytest.approx(200 * 0.9 / 0.26)
    assert "3.46" in box.children[1].value


def test_clv_explorer_zero_margin_and_drawing() -> None:
    box = clv_explorer(draw=True)
    box.controls["margin"].value = 0
    assert box.state["clv"] == 0 and box.state["increase"] is None
    assert box.state["figure_title"] == i18n.label("clv_retention_title")
    with pytest.raises(ValueError, match="retention must be in"):
        clv_explorer(retention=1.0)


@pytest.fixture
def orders() -> pd.DataFrame:
    return pd.DataFrame({"customer": ["a"] * 4 + ["b"],
                         "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10",
                                                 "2025-05-01"]),
                         "amount": [10.0, 30.0, 30.0, 30.0, 5.0]})


def test_lifecycle_explorer_follows_the_picker(orders) -> None:
    box = lifecycle_explorer(orders, "customer", "date", "amount", as_of="2025-06-30", draw=False)
    assert box.state["customer"] == "a"
    assert box.state["stage"] == "termination" and box.state["pattern"] == "midway_failure"
    assert box.state["curve"].sum() == 100.0
    box.controls["customer"].value = "b"
    assert box.state["stage"] == "exploration" and box.state["pattern"] == "ongoing"
    assert i18n.label("exploration") in box.children[1].value


def test_lifecycle_explorer_draws_and_names(orders) -> None:
    box = lifecycle_explorer(orders, "customer", "date", "amount", customers=["b", "a"], as_of="2025-06-30",
                             names=pd.Series({"a": "Alpha", "b": "Beta"}))
    assert box.state["customer"] == "b" and box.state["draws"] == 1
    assert [label for label, _ in box.controls["customer"].options] == ["Beta (b)", "Alpha (a)"]
    assert box.state["figure_title"] == i18n.label("lifecycle_curve_title")
    with pytest.raises(ValueError, match="customer 'z' has no orders"):
        lifecycle_explorer(orders, "customer", "date", "amount", customers=["z"], draw=False)


def test_lifecycle_explorer_on_company_data() -> None:
    from kamcourse import data

    orders = data.load("orders")
    customers = data.load("customers").set_index("customer_id")
    answers = data.load_answers("lifecycle_stages").set_index("customer_id")
    pick = list(answers.index[:5])
    box = lifecycle_explorer(orders, "customer_id", "order_date", "net_revenue", customers=pick,
                             first_orders=customers["first_order_date"], draw=False)
    for cid in pick:
        box.controls["customer"].value = cid
        assert box.state["stage"] == answers.loc[cid, "intended_stage"]

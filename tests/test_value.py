"""Tests for kamcourse.value: customer delivered value (Kotler, Marketing Management 10th ed.)."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import i18n
from kamcourse.value import (
    CATERPILLAR_PRICING,
    COMPONENTS,
    COST_COMPONENTS,
    VALUE_COMPONENTS,
    WINS_ON,
    DeliveredValue,
    compare_offers,
    delivered_value,
    delivered_value_by_segment,
)


def _offers() -> pd.DataFrame:
    return pd.DataFrame(
        {"product": [70, 60, 50], "service": [20, 10, 5], "personnel": [10, 5, 5], "image": [10, 5, 5],
         "monetary": [75, 55, 50], "time": [5, 10, 5], "energy": [5, 5, 5], "psychic": [5, 5, 5]},
        index=["premium", "budget", "basic"],
    )


def test_delivered_value_is_total_value_minus_total_cost() -> None:
    """Kotler (10th ed.): CDV = TCV - TCC; TCV = product + service + personnel + image,
    TCC = monetary + time + energy + psychic (Kotler: energy 体力成本, psychic 精神成本/精力成本)."""
    dv = delivered_value(product=60, service=20, personnel=10, image=10, monetary=50, time=10, energy=5, psychic=5)
    assert dv.total_value == 100
    assert dv.total_cost == 70
    assert dv.delivered_value == 30
    assert dv.value_ratio == pytest.approx(100 / 70)


def test_result_is_frozen_and_keeps_the_components() -> None:
    dv = delivered_value(1, 2, 3, 4, 5, 6, 7, 8)
    assert dv.components() == dict(zip(COMPONENTS, map(float, range(1, 9))))
    with pytest.raises(dataclasses.FrozenInstanceError):
        dv.total_value = 0  # type: ignore[misc]
    assert DeliveredValue(1, 2, 3, 4, 5, 6, 7, 8) == dv


def test_energy_and_psychic_cost_mapping_is_pinned() -> None:
    """Kotler & Keller, Marketing Management: monetary, time, energy and psychic costs; energy is 体力成本,
    psychic is 精神成本 (the course materials' 精力成本)."""
    assert i18n.label("psychic_cost", "zh") == "精力成本"
    assert i18n.label("energy_cost", "zh") == "体力成本"
    doc = delivered_value.__doc__
    assert "精力成本" in doc and "体力成本" in doc and "精神成本" in doc
    assert COST_COMPONENTS == ("monetary", "time", "energy", "psychic")
    assert VALUE_COMPONENTS == ("product", "service", "personnel", "image")


@pytest.mark.parametrize("name", COMPONENTS)
def test_negative_component_is_refused_by_name(name: str) -> None:
    args = dict.fromkeys(COMPONENTS, 10.0)
    args[name] = -1.0
    with pytest.raises(ValueError, match=f"{name} must not be negative, got -1.0"):
        delivered_value(**args)


def test_bad_values_raise() -> None:
    with pytest.raises(ValueError, match="time must be a finite number, got nan"):
        delivered_value(1, 1, 1, 1, 1, math.nan, 1, 1)
    with pytest.raises(TypeError, match="image must be a number, got '5'"):
        delivered_value(1, 1, 1, "5", 1, 1, 1, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="total customer cost"):
        delivered_value(10, 0, 0, 0, 0, 0, 0, 0)


def test_caterpillar_example() -> None:
    """Kotler & Keller, pricing chapter: 90,000 + 7,000 + 6,000 + 5,000 + 2,000 = 110,000 of value;
    after a 10,000 discount the price is 100,000: the customer pays 10,000 more than for the
    competitor's tractor and gets 20,000 more value, so delivered value is 10,000 higher."""
    table = CATERPILLAR_PRICING.set_index("item")["amount"]
    assert table["competitor_equivalent_price"] == 90_000
    premiums = CATERPILLAR_PRICING.loc[CATERPILLAR_PRICING["kind"] == "value", "amount"]
    assert premiums.tolist() == [7_000, 6_000, 5_000, 2_000] and premiums.sum() == 20_000
    assert CATERPILLAR_PRICING["amount"].sum() == 100_000
    offers = pd.DataFrame(
        {"product": [110_000, 90_000], "service": 0, "personnel": 0, "image": 0,
         "monetary": [100_000, 90_000], "time": 0, "energy": 0, "psychic": 0},
        index=["caterpillar", "competitor"],
    )
    table = compare_offers(offers)
    assert table.loc["caterpillar", "delivered_value"] - table.loc["competitor", "delivered_value"] == 10_000
    assert table.index[0] == "caterpillar"


def test_compare_offers_ranks_and_says_where_each_wins() -> None:
    table = compare_offers(_offers())
    assert list(table.index) == ["premium", "budget", "basic"]  # 110-90, 80-75, 65-65
    assert table["delivered_value"].tolist() == [20.0, 5.0, 0.0]
    assert table["rank"].tolist() == [1, 2, 3]
    assert table.loc["premium", "wins_on"] == "higher_value"
    assert table.loc["basic", "wins_on"] == "lower_cost"  # 65 < 75
    assert table.loc["budget", "wins_on"] == "no_single_edge"
    assert set(table["wins_on"]) <= set(WINS_ON)
    for key in WINS_ON:
        assert i18n.label(key, "zh")


def test_compare_offers_both_and_ties() -> None:
    offers = _offers().loc[["premium", "budget"]].copy()
    offers.loc["premium", "monetary"] = 40  # now the most value and the lowest cost
    table = compare_offers(offers)
    assert table.loc["premium", "wins_on"] == "value_and_cost"
    tied = pd.concat([_offers().loc[["premium"]], _offers().loc[["premium"]].rename(index={"premium": "copy"})])
    assert compare_offers(tied)["rank"].tolist() == [1, 1]


def test_compare_offers_bad_input() -> None:
    with pytest.raises(ValueError, match=r"offers is missing column\(s\) 'energy'; columns present: product"):
        compare_offers(_offers().drop(columns="energy"))
    bad = _offers().astype(float)
    bad.loc["budget", "time"] = float("nan")
    with pytest.raises(ValueError, match=r"offers\['time'\] contains 1 missing value"):
        compare_offers(bad)
    with pytest.raises(ValueError, match="must not be negative"):
        compare_offers(_offers().assign(image=[-1, 0, 0]))
    with pytest.raises(ValueError, match="offer 'premium' twice"):
        compare_offers(pd.concat([_offers(), _offers().loc[["premium"]]]))
    with pytest.raises(TypeError, match="offers must be a pandas DataFrame"):
        compare_offers([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="total customer cost of 0"):
        compare_offers(_offers().assign(monetary=0, time=0, psychic=0, energy=[0, 1, 1]))


_amount = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(_amount, min_size=8, max_size=8), _amount, st.sampled_from(COMPONENTS))
def test_adding_value_or_cutting_cost_moves_delivered_value_one_for_one(parts, delta, which) -> None:
    """The two levers of Kotler's model: +δ of value or −δ of cost raises delivered value by δ."""
    parts[4] += 1.0  # monetary cost positive
    base = delivered_value(*parts)
    assert base.delivered_value == pytest.approx(base.total_value - base.total_cost)
    changed = list(parts)
    changed[COMPONENTS.index(which)] += delta
    after = delivered_value(*changed)
    sign = 1 if which in VALUE_COMPONENTS else -1
    assert after.delivered_value - base.delivered_value == pytest.approx(sign * delta, rel=1e-9, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 1000), min_size=8, max_size=8), min_size=1, max_size=6))
def test_compare_offers_rank_follows_delivered_value(rows) -> None:
    offers = pd.DataFrame(rows, columns=list(COMPONENTS), index=[f"o{i}" for i in range(len(rows))])
    offers["monetary"] += 1
    table = compare_offers(offers)
    dv = table["delivered_value"].to_numpy()
    assert (dv[:-1] >= dv[1:]).all()
    for name, row in table.iterrows():
        single = delivered_value(*offers.loc[name, list(COMPONENTS)].tolist())
        assert row["delivered_value"] == pytest.approx(single.delivered_value)
        assert row["rank"] == 1 + (table["delivered_value"] > row["delivered_value"]).sum()


def test_segments_weigh_the_same_offers_differently() -> None:
    offers = _offers().loc[["premium", "budget"]]
    table = delivered_value_by_segment(
        offers, {"neutral": {}, "time_pressed": {"time": 3}, "price_sensitive": {"monetary": 2}}
    )
    pd.testing.assert_series_equal(
        table["neutral"], compare_offers(offers)["delivered_value"].loc[offers.index], check_names=False
    )
    assert table.idxmax().to_dict() == {"neutral": "premium", "time_pressed": "premium", "price_sensitive": "budget"}
    assert table.loc["premium", "time_pressed"] == 110 - (75 + 3 * 5 + 5 + 5)


def test_segment_weights_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown component 'speed'"):
        delivered_value_by_segment(_offers(), {"s": {"speed": 2}})
    with pytest.raises(ValueError, match=r"segment_weights\['s'\]\['time'\] must not be negative"):
        delivered_value_by_segment(_offers(), {"s": {"time": -1}})
    with pytest.raises(ValueError, match="segment_weights is empty"):
        delivered_value_by_segment(_offers(), {})
    with pytest.raises(TypeError, match="must be a dict"):
        delivered_value_by_segment(_offers(), {"s": 2})  # type: ignore[dict-item]

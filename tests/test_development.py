"""Tests for kamcourse.development: prospecting methods, funnel economics, method comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamcourse import i18n
from kamcourse.development import PROSPECTING_METHODS, method_comparison, prospecting_funnel

METHOD_KEYS = [
    "door_to_door", "consulting", "bird_dog", "center_of_influence", "referral_chain",
    "directories", "advertising", "trade_shows", "personal_observation", "online",
]


def test_prospecting_methods_table() -> None:
    t = PROSPECTING_METHODS
    assert t["key"].tolist() == METHOD_KEYS
    for col in ("key", "en", "zh", "definition", "pros", "cons", "source", "status"):
        assert col in t.columns
        assert t[col].map(lambda v: isinstance(v, str) and v.strip() != "").all(), col
    assert set(t["status"]) <= {"sourced", "kit_summary"}
    # Chinese names as the course materials (课后练习) and CONTENT §6 print them
    zh = dict(zip(t["key"], t["zh"]))
    assert zh["door_to_door"] == "逐户访问法"
    assert zh["consulting"] == "咨询寻找法"
    assert "猎犬" in zh["bird_dog"] and "委托助手" in zh["bird_dog"]
    assert zh["center_of_influence"] == "中心开花法"
    assert zh["referral_chain"] == "连锁介绍法"
    # only the door-to-door pros/cons were found in a source (CONTENT §6); the rest is the kit's summary
    assert t.set_index("key").loc["door_to_door", "status"] == "sourced"
    assert (t.set_index("key").drop("door_to_door")["status"] == "kit_summary").all()


def test_every_method_has_a_glossary_label() -> None:
    for key in METHOD_KEYS:
        assert i18n.label(key, "zh")
        assert i18n.label(key, "en")


def test_funnel_arithmetic() -> None:
    f = prospecting_funnel(budget=50_000, cost_per_contact=250, qualification_rate=0.3, win_rate=0.25,
                           revenue_per_customer=40_000, margin=0.3)
    row = f.loc["plan"]
    assert row["contacts"] == pytest.approx(200)
    assert row["leads"] == pytest.approx(60)
    assert row["customers"] == pytest.approx(15)
    assert row["cost_per_lead"] == pytest.approx(50_000 / 60)
    assert row["cost_per_customer"] == pytest.approx(50_000 / 15)
    assert row["first_year_revenue"] == pytest.approx(600_000)
    assert row["first_year_profit"] == pytest.approx(180_000)
    assert row["roi"] == pytest.approx(2.6)


def test_funnel_per_method_and_from_a_table() -> None:
    rates = pd.DataFrame({"cost_per_contact": [100.0, 400.0], "qualification_rate": [0.5, 0.4],
                          "win_rate": [0.4, 0.2], "revenue_per_customer": [30_000.0, 20_000.0]},
                         index=pd.Index(["referral_chain", "trade_shows"], name="method"))
    f1 = prospecting_funnel(rates.assign(budget=10_000.0))
    f2 = prospecting_funnel(budget={"referral_chain": 10_000.0, "trade_shows": 10_000.0},
                            cost_per_contact=rates["cost_per_contact"], qualification_rate=rates["qualification_rate"],
                            win_rate=rates["win_rate"], revenue_per_customer=rates["revenue_per_customer"])
    pd.testing.assert_frame_equal(f1, f2)
    assert f1["customers"].tolist() == pytest.approx([20.0, 2.0])
    assert f1.loc["trade_shows", "cost_per_customer"] == pytest.approx(5_000)


def test_funnel_with_no_customer_has_infinite_cost_per_customer() -> None:
    f = prospecting_funnel(1000, 10, 0.5, 0.0, 5000)
    assert f.loc["plan", "customers"] == 0
    assert np.isinf(f.loc["plan", "cost_per_customer"])
    assert f.loc["plan", "roi"] == -1.0


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"budget": 0}, ValueError, "budget must be positive, got 0.0"),
        ({"cost_per_contact": -5}, ValueError, "cost_per_contact must be positive, got -5.0"),
        ({"qualification_rate": 1.2}, ValueError, r"qualification_rate must be in \[0, 1\], got 1.2"),
        ({"win_rate": float("nan")}, ValueError, "win_rate contains 1 missing value"),
        ({"revenue_per_customer": -1}, ValueError, "revenue_per_customer must not be negative"),
        ({"margin": 2}, ValueError, r"margin must be in \[0, 1\], got 2"),
        ({"win_rate": None}, ValueError, "win_rate is required"),
        ({"budget": "lots"}, TypeError, "budget must hold numbers"),
        ({"budget": {"a": 1.0, "b": 2.0}, "cost_per_contact": {"a": 1.0, "c": 2.0}}, ValueError,
         "must cover the same methods"),
    ],
)
def test_funnel_bad_input(kwargs, exc, match) -> None:
    args = {"budget": 1000, "cost_per_contact": 10, "qualification_rate": 0.5, "win_rate": 0.2,
            "revenue_per_customer": 1000, "margin": 0.3}
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        prospecting_funnel(**args)


def test_funnel_table_missing_column_is_named() -> None:
    with pytest.raises(ValueError, match=r"budget is missing column\(s\) 'win_rate'"):
        prospecting_funnel(pd.DataFrame({"budget": [1.0], "cost_per_contact": [1.0], "qualification_rate": [0.5],
                                         "revenue_per_customer": [1.0]}))


@settings(max_examples=200, deadline=None)
@given(
    budget=st.floats(1, 1e7),
    cpc=st.floats(0.01, 1e5),
    q=st.floats(0, 1),
    w=st.floats(0, 1),
    rev=st.floats(0, 1e6),
)
def test_funnel_counts_never_increase(budget, cpc, q, w, rev) -> None:
    """Property: contacts >= leads >= customers >= 0."""
    f = prospecting_funnel(budget, cpc, q, w, rev).iloc[0]
    assert f["contacts"] >= f["leads"] >= f["customers"] >= 0


def _prospects() -> pd.DataFrame:
    return pd.DataFrame({
        "prospect_id": range(8),
        "method": ["referral_chain"] * 4 + ["door_to_door"] * 4,
        "cost": [50, 50, 50, 50, 200, 200, 200, 200],
        "contacted": [True, True, True, False, True, True, True, True],
        "qualified": [True, True, False, False, True, False, False, False],
        "won": [True, False, False, False, True, False, False, False],
        "first_year_revenue": [8000.0, 0, 0, 0, 2000.0, 0, 0, 0],
    })


def test_method_comparison_on_hand_data() -> None:
    c = method_comparison(_prospects(), margin=0.25)
    r = c.loc["referral_chain"]
    assert (r["prospects"], r["contacts"], r["leads"], r["customers"]) == (4, 3, 2, 1)
    assert r["cost"] == 200
    assert r["cost_per_contact"] == pytest.approx(200 / 3)
    assert r["qualification_rate"] == pytest.approx(2 / 3)
    assert r["win_rate"] == pytest.approx(0.5)
    assert r["conversion"] == pytest.approx(1 / 3)
    assert r["cost_per_customer"] == pytest.approx(200)
    assert r["revenue_per_customer"] == pytest.approx(8000)
    assert r["roi"] == pytest.approx((8000 * 0.25 - 200) / 200)
    d = c.loc["door_to_door"]
    assert d["cost_per_customer"] == pytest.approx(800)
    assert d["roi"] == pytest.approx((2000 * 0.25 - 800) / 800)


def test_method_comparison_feeds_the_funnel() -> None:
    """The measured rates, spent again with the same budget, win the same customers."""
    c = method_comparison(_prospects())
    plan = c[["cost_per_contact", "qualification_rate", "win_rate", "revenue_per_customer"]].assign(
        budget=c["cost"])
    f = prospecting_funnel(plan)
    # the prospects' cost includes never-contacted ones, so cost per contact already carries them
    assert f["customers"].tolist() == pytest.approx(c["customers"].tolist())


def test_method_comparison_bad_input() -> None:
    p = _prospects()
    with pytest.raises(ValueError, match=r"prospects is missing column\(s\) 'won'; columns present: prospect_id, method"):
        method_comparison(p.drop(columns="won"))
    with pytest.raises(ValueError, match="prospects is empty"):
        method_comparison(p.iloc[:0])
    bad = p.copy()
    bad.loc[2, "won"] = True
    with pytest.raises(ValueError, match="not contacted/qualified first"):
        method_comparison(bad)
    bad = p.astype({"first_year_revenue": float})
    bad.loc[1, "first_year_revenue"] = np.nan
    with pytest.raises(ValueError, match=r"prospects\['first_year_revenue'\] contains 1 missing value"):
        method_comparison(bad)
    with pytest.raises(ValueError, match=r"margin must be in \[0, 1\]"):
        method_comparison(p, margin=1.5)


# ---------------------------------------------------------------------------
# pipeline, orientation, acquisition value

from kamcourse.development import (  # noqa: E402
    MARKETING_LEVERS,
    ORIENTATION,
    ORIENTATION_ASPECTS,
    ORIENTATIONS,
    PIPELINE_STAGES,
    acquisition_value,
    development_orientation,
    orientation_table,
    pipeline_stages,
    pipeline_summary,
)


def _opportunities() -> pd.DataFrame:
    return pd.DataFrame({
        "opportunity_id": list("abcdef"),
        "staff_id": ["S1", "S1", "S1", "S2", "S2", "S2"],
        "stage": ["closed_won", "closed_lost", "closed_lost", "closed_lost", "negotiation", "closed_won"],
        "furthest_stage": ["closed_won", "negotiation", "qualification", "prospecting", "negotiation", "closed_won"],
        "won": [True, False, False, False, False, True],
        "amount": [100.0, 50.0, 40.0, 30.0, 80.0, 300.0],
        "created_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-03-01", "2025-10-01",
                                        "2025-01-01"]),
        "close_date": pd.to_datetime(["2025-02-01", "2025-04-02", "2025-03-11", "2025-03-21", None,
                                      "2025-05-01"]),
    })


def test_pipeline_stages_counts_closed_deals() -> None:
    t = pipeline_stages(_opportunities())
    assert list(t.index) == list(PIPELINE_STAGES)
    assert t["reached"].tolist() == [5, 4, 3, 3, 2]
    assert t.loc["qualification", "stage_conversion"] == pytest.approx(3 / 4)
    assert t.loc["negotiation", "stage_conversion"] == pytest.approx(2 / 3)
    assert np.isnan(t.loc["closed_won", "stage_conversion"])
    assert t.loc["closed_won", "share_of_created"] == pytest.approx(2 / 5)
    t_all = pipeline_stages(_opportunities(), include_open=True)
    assert t_all["reached"].tolist() == [6, 5, 4, 4, 2]


def test_pipeline_reached_never_increases() -> None:
    t = pipeline_stages(_opportunities(), include_open=True)
    assert t["reached"].is_monotonic_decreasing


def test_pipeline_summary_win_rate_and_cycle() -> None:
    s = pipeline_summary(_opportunities())
    r = s.loc["all"]
    assert (r["opportunities"], r["open"], r["closed"], r["won"]) == (6, 1, 5, 2)
    assert r["win_rate"] == pytest.approx(0.4)
    assert r["won_amount"] == 400 and r["mean_won_amount"] == 200
    assert r["cycle_days_won"] == pytest.approx((31 + 120) / 2)
    assert r["cycle_days_lost"] == pytest.approx(20)
    by = pipeline_summary(_opportunities(), by="staff_id")
    assert by["win_rate"].to_dict() == pytest.approx({"S1": 1 / 3, "S2": 1 / 2})


def test_pipeline_bad_input() -> None:
    o = _opportunities()
    with pytest.raises(ValueError, match=r"opportunities is missing column\(s\) 'furthest_stage'"):
        pipeline_stages(o.drop(columns="furthest_stage"))
    bad = o.copy()
    bad.loc[0, "furthest_stage"] = "signed"
    with pytest.raises(ValueError, match=r"furthest_stage'\] holds unknown stage 'signed'; valid: prospecting"):
        pipeline_stages(bad)
    bad = o.copy()
    bad.loc[0, "close_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"close_date'\] of a closed deal contains 1 missing value\(s\) \(NaN\), first at 0"):
        pipeline_summary(bad)
    with pytest.raises(ValueError, match="no closed opportunity"):
        pipeline_stages(o[o["stage"] == "negotiation"])


def test_orientation_contrasts_the_two_strategies() -> None:
    """Course materials: marketing-oriented = attractive 4Ps; selling-oriented = find (prospecting) then persuade.

    Every prospecting method, advertising and trade shows included, is a tool of the selling-oriented route.
    """
    assert ORIENTATIONS == ("marketing_oriented", "selling_oriented")
    assert {m: ORIENTATION[m] for m in METHOD_KEYS} == dict.fromkeys(METHOD_KEYS, "selling_oriented")
    assert [ORIENTATION[lever] for lever in MARKETING_LEVERS] == ["marketing_oriented"] * 4
    assert development_orientation("advertising") == "selling_oriented"
    assert development_orientation("trade_shows") == "selling_oriented"
    assert development_orientation(pd.Series(["price"], index=["c9"])).to_dict() == {"c9": "marketing_oriented"}
    with pytest.raises(ValueError, match="levers must be one of 'product'.*got 'cold_call'"):
        development_orientation("cold_call")
    with pytest.raises(ValueError, match="levers contains 1 missing value"):
        development_orientation(["online", None])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_orientation_table_has_every_aspect_for_both_strategies(language) -> None:
    table = orientation_table(language)
    assert table.index.tolist() == list(ORIENTATION_ASPECTS) and table.columns.tolist() == list(ORIENTATIONS)
    assert table.map(lambda t: isinstance(t, str) and len(t) > 1 and not t.startswith("orient_")).all().all()
    if language == "zh":  # the materials' words: 最高境界 ... 理想途径; 没有明显特色或缺乏吸引力
        assert "最高境界" in table.loc["when", "marketing_oriented"]
        assert "缺乏吸引力" in table.loc["when", "selling_oriented"]


def test_acquisition_value() -> None:
    customers = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4"],
                              "acquisition_method": ["advertising", "referral_chain", "referral_chain", "trade_shows"]})
    orders = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4", "c4"],
                           "net_revenue": [100.0, 900.0, 50.0, 10.0, 20.0],
                           "order_date": pd.to_datetime(["2025-06-01", "2025-10-01", "2023-01-05", "2024-12-31",
                                                         "2025-12-31"])})
    t = acquisition_value(customers, orders)
    assert t.loc["referral_chain", "active_share"] == 0.5
    assert t.loc["referral_chain", "revenue_12m_per_active_customer"] == 900.0
    assert t.loc["referral_chain", "revenue_12m_per_customer"] == 450.0
    assert t.loc["trade_shows", "revenue_12m"] == 20.0  # 2024-12-31 is outside the 365 days up to 2025-12-31
    assert "orientation" not in t.columns  # every method is a selling-oriented tool: nothing to split on
    o = acquisition_value(customers.assign(region=["east", "east", "north", "north"]), orders, by="region")
    assert o.loc["east", "customers"] == 2 and o.loc["east", "revenue_12m"] == 1000.0
    with pytest.raises(ValueError, match="customers is missing column.*region"):
        acquisition_value(customers, orders, by="region")
    with pytest.raises(ValueError, match="unknown method 'cold_call'"):
        acquisition_value(customers.assign(acquisition_method="cold_call"), orders)


def test_company_prospects_and_pipeline() -> None:
    from kamcourse import data

    prospects = data.load("prospects")
    assert set(prospects["method"]) == set(METHOD_KEYS)  # the data uses the module's keys
    c = method_comparison(prospects)
    assert (c["contacts"] >= c["leads"]).all() and (c["leads"] >= c["customers"]).all()
    assert c["cost_per_customer"].max() > 5 * c["cost_per_customer"].min()  # methods differ in cost
    assert c["conversion"].max() > 3 * c["conversion"].min()                 # ... and in conversion
    stages = pipeline_stages(data.load("opportunities"))
    assert stages["reached"].is_monotonic_decreasing
    customers = data.load("customers")
    assert set(customers["acquisition_method"]) <= set(METHOD_KEYS)
    assert acquisition_value(customers, data.load("orders"))["customers"].sum() == len(customers)

"""The patterns built into chapter 12-13's extension tables, found by the kit's functions on three seeds.

Each extension records what it built in an answer table (``activity_gaps``, ``service_design``,
``loyalty_design``, ``consent_breaches``, ``campaign_design``); these tests check that the functions the
lessons and assignments use (``maintenance``, ``service``, ``loyalty_programme``, ``communication``)
recover them on the kit's data and on two other seeds (every student gets a seed of their own). The
thresholds are this kit's convention: wide enough for any seed, narrow enough to fail without the pattern.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest

from kamcourse import accounts, communication, data, lifecycle, loyalty_programme, maintenance, service

END = data.END_DATE
SEEDS = ("default", *(int(s) for s in os.environ.get("KAMCOURSE_TEST_SEEDS", "1,2").split(",") if s.strip()))
_CACHE: dict[object, dict[str, pd.DataFrame]] = {}


def _tables(seed) -> dict[str, pd.DataFrame]:
    if seed not in _CACHE:
        if seed == "default":
            _CACHE[seed] = {**{n: data.load(n) for n in data.names()},
                            **{n: data.load_answers(n) for n in data.answer_names()}}
        else:
            _CACHE[seed] = data.generate(seed=seed)
    return _CACHE[seed]


@pytest.fixture(params=SEEDS, ids=lambda s: f"seed-{s}", scope="module")
def t(request) -> dict[str, pd.DataFrame]:
    return _tables(request.param)


def _tiers_stages(t) -> tuple[pd.Series, pd.Series]:
    orders, customers = t["orders"], t["customers"].set_index("customer_id")
    tiers = accounts.abc_classes(orders.groupby("customer_id")["net_revenue"].sum())
    stages = lifecycle.classify_stages(orders, "customer_id", "order_date", "net_revenue", as_of=END,
                                       first_orders=customers["first_order_date"])
    return tiers, stages


def test_contact_gaps_are_found_by_plan_against_history(t):
    """activity_gaps: neglected key accounts are the least covered; over-served small accounts exceed the plan."""
    tiers, stages = _tiers_stages(t)
    plan = maintenance.contact_plan(tiers, stages)
    start = END - pd.Timedelta(days=364)
    actual = maintenance.touch_counts(t["activities"], start, END, customers=plan.index)
    cmp = maintenance.plan_vs_actual(plan, actual)
    gaps = t["activity_gaps"]
    neglected = gaps.loc[gaps["gap"] == "neglected_key_account", "customer_id"]
    assert len(neglected) >= 2
    assert (actual.loc[neglected, ["visit", "review_meeting"]] == 0).all().all(), actual.loc[neglected]
    assert cmp.loc[neglected, "coverage"].max() < 0.1, cmp.loc[neglected, "coverage"]
    over = gaps.loc[gaps["gap"] == "over_served", "customer_id"]
    over = over[over.isin(cmp.index[cmp["tier"] == "C"])]
    assert len(over) >= 3 and (cmp.loc[over, "coverage"] > 1.5).mean() >= 0.8, cmp.loc[over, "coverage"]


def test_lost_customers_are_not_called(t):
    """activity_gaps lost_not_called: no touch later than 120 days after a lost customer's last order."""
    _, stages = _tiers_stages(t)
    lost = stages.index[stages == "termination"]
    last = t["orders"].groupby("customer_id")["order_date"].max()
    acts = t["activities"]
    late = acts[acts["customer_id"].isin(lost) & (acts["activity_date"] > acts["customer_id"].map(last)
                                                   + pd.Timedelta(days=120))]
    assert len(lost) > 20 and late.empty, late


def test_differentiated_service_and_root_cause_pareto(t):
    """service_details: A-tier requests answered faster than C-tier; three root causes make about two thirds."""
    tiers, _ = _tiers_stages(t)
    r = t["service_requests"].merge(t["service_details"], on="request_id")
    r["tier"] = r["customer_id"].map(tiers)
    lv = service.service_levels(r, by="tier")["median_response_hours"]
    assert lv["A"] < lv["B"] < lv["C"] and lv["C"] / lv["A"] > 2, lv
    p = service.cause_pareto(r.loc[r["type"] == "complaint", "root_cause"])
    assert set(p.index[:3]) == {"order_entry_error", "supplier_defect", "picking_error"}, p
    assert 0.55 <= p["cum_share"].iloc[2] <= 0.78, p["cum_share"]


def test_fast_complaint_handling_goes_with_kept_revenue(t):
    """service_design: the generator drew faster first responses when the customer kept buying."""
    r = t["service_requests"].merge(t["service_details"], on="request_id")
    c = r[r["type"] == "complaint"]
    kept = service.revenue_kept(c, t["orders"], days=180, end=END)
    band = service.rate_by_band(c["first_response_hours"], kept["kept"], [0, 2, 8, 24, 1000])["rate"]
    assert band.iloc[0] - band.iloc[-1] > 0.25, band


def test_selection_bias_and_no_programme_effect(t):
    """loyalty_design: members bought more before the launch; invited vs held-out shows no effect."""
    members = t["loyalty_members"].set_index("customer_id")
    orders = t["orders"]
    launch = members["join_date"].min().year
    before = orders[orders["order_date"].dt.year == launch - 1].groupby("customer_id")["net_revenue"].sum()
    after = orders[orders["order_date"].dt.year >= launch].groupby("customer_id")["net_revenue"].sum() / (
        END.year - launch + 1)
    before, after = before.reindex(members.index), after.reindex(members.index).fillna(0)
    c = loyalty_programme.member_comparison(members["joined"], before, after)
    assert c.loc["ratio", "median_before"] > 1.3, c
    h = loyalty_programme.holdout_comparison(members["programme_group"], before, after)
    assert abs(h.loc["difference", "mean_growth"]) < 0.05, h
    s = loyalty_programme.points_summary(t["points_ledger"], as_of=END)
    assert 0.03 <= s["breakage"] <= 0.3, s


def test_fatigue_and_consent_breaches(t):
    """communications: open rate falls with recent messages; consent_breaches finds every designed breach."""
    f = communication.fatigue_table(t["communications"])
    assert f["open_rate"].iloc[0] > 1.5 * f["open_rate"].iloc[-1], f
    assert f["opt_out_rate"].iloc[-1] > 4 * f["opt_out_rate"].iloc[0], f
    found = communication.consent_breaches(t["communications"], t["consents"]).set_index("message_id")["breach"]
    designed = t["consent_breaches"].set_index("message_id")["breach"]
    assert set(designed.index) <= set(found.index), set(designed.index) - set(found.index)
    kinds = designed.map({"sms_blast": "no_consent", "late_opt_out_sync": "after_withdrawal"})
    assert (found.loc[designed.index] == kinds).all()


def test_randomised_campaign_recovers_the_designed_uplift(t):
    """campaign_design: the randomised test's uplift is near the designed mean; the reps' choice overstates it."""
    c, design = t["retention_campaigns"], t["campaign_design"]
    last, first = (c["campaign_id"].sort_values().unique()[i] for i in (-1, 0))
    test = c[c["campaign_id"] == last]
    u = communication.uplift(test["renewed"], test["treatment_group"])
    truth = design.loc[design["campaign_id"] == last, "true_uplift"].mean()
    assert abs(u["uplift"] - truth) < 0.03, (u["uplift"], truth)
    chosen = c[c["campaign_id"] == first]
    naive = communication.uplift(chosen["renewed"], chosen["treatment_group"])["uplift"]
    assert naive > u["uplift"] + 0.05, (naive, u["uplift"])


def test_lost_opportunity_reasons_differ_for_fading_customers(t):
    """opportunity_reasons: service, competitor and relationship dominate deals lost with fading customers."""
    _, stages = _tiers_stages(t)
    o = t["opportunities"].merge(t["opportunity_reasons"], on="opportunity_id")
    fading = o["customer_id"].map(stages).isin(["decline", "termination"])
    soft = o["closing_reason"].isin(["service", "competitor", "relationship"])
    assert soft[fading].mean() > soft[~fading].mean() + 0.25, (soft[fading].mean(), soft[~fading].mean())

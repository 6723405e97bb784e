"""Claims of lesson 13 (loyalty programmes and customer communication), checked on the default data."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, clv, communication, lifecycle, loyalty_programme

from . import claim

NB = "notebooks/13_loyalty_communication.ipynb"
END = pd.Timestamp("2025-12-31")


def _tiers_stages(data) -> tuple[pd.Series, pd.Series]:
    orders = data.load("orders")
    customers = data.load("customers").set_index("customer_id")
    tiers = accounts.abc_classes(orders.groupby("customer_id")["net_revenue"].sum())
    stages = lifecycle.classify_stages(orders, "customer_id", "order_date", "net_revenue", as_of=END,
                                       first_orders=customers["first_order_date"])
    return tiers, stages


def _revenue(data) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    members = data.load("loyalty_members").set_index("customer_id")
    orders = data.load("orders")
    before = orders[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum().reindex(members.index)
    after = (orders[orders["order_date"] >= "2023-01-01"].groupby("customer_id")["net_revenue"].sum() / 3).reindex(
        members.index).fillna(0)
    return members, before, after


def _summary(data) -> pd.Series:
    return loyalty_programme.points_summary(data.load("points_ledger"), as_of=END)


@claim(NB, "eligible-read")
def eligible_and_joined(data):
    m = data.load("loyalty_members")
    g = m["programme_group"].value_counts()
    joined = int(m["joined"].sum())
    assert len(m) == 210 and g["holdout"] == 42 and g["invited"] == 168, g.to_dict()
    assert joined == 85 and 0.45 <= joined / 168 <= 0.55, joined


@claim(NB, "points-read")
def points_economics(data):
    s = _summary(data)
    assert 6.5e6 <= s["earned"] <= 6.7e6 and 5.0e6 <= s["redeemed"] <= 5.2e6, s
    assert 0.54e6 <= s["expired"] <= 0.58e6 and 0.09 <= s["breakage"] <= 0.11, s
    assert 0.058 <= s["cost_per_point"] <= 0.062 and 0.9e6 <= s["outstanding"] <= 0.94e6, s
    assert 49_000 <= s["liability"] <= 53_000, s


@claim(NB, "tiers-read")
def tier_design(data):
    s = _summary(data)
    t = loyalty_programme.tier_summary(data.load("points_ledger"), cost_per_point=s["cost_per_point"])
    assert t["share"].idxmax() == "gold" and t.loc["gold", "members"] < t.loc["silver", "members"], t
    assert 0.85e6 <= t["bonus_points"].sum() <= 0.9e6, t["bonus_points"].sum()
    assert 51_000 <= t["bonus_cost"].sum() <= 55_000, t["bonus_cost"].sum()


@claim(NB, "members-read")
def selection_bias(data):
    members, before, after = _revenue(data)
    c = loyalty_programme.member_comparison(members["joined"], before, after)
    assert 2.2 <= c.loc["ratio", "median_after"] <= 2.6, c
    assert 2.3 <= c.loc["ratio", "median_before"] <= 2.7, c
    assert c.loc["ratio", "median_before"] >= c.loc["ratio", "median_after"] - 0.05, c


@claim(NB, "holdout-read")
def holdout_no_effect(data):
    members, before, after = _revenue(data)
    h = loyalty_programme.holdout_comparison(members["programme_group"], before, after)
    assert abs(h.loc["difference", "mean_growth"]) < 0.01, h
    assert (members["programme_group"] == "holdout").sum() == 42


@claim(NB, "break-even-read")
def break_even(data):
    s = _summary(data)
    members, _, after = _revenue(data)
    orders = data.load("orders")
    cost = (s["reward_cost"] + s["liability"]) / 3
    revenue = after[members["joined"]].sum()
    margin = 1 - orders["cost_of_goods"].sum() / orders["net_revenue"].sum()
    needed = loyalty_programme.break_even_uplift(cost, revenue, margin)
    assert 110_000 <= cost <= 130_000 and 20e6 <= revenue <= 22e6 and 0.27 <= margin <= 0.29, (cost, revenue, margin)
    assert 0.018 <= needed <= 0.022, needed


@claim(NB, "comm-actual-read")
def messages_by_tier(data):
    tiers, _ = _tiers_stages(data)
    msgs = data.load("communications")
    per = communication.messages_per_month(msgs, "2025-01-01", "2025-12-31")
    tier = msgs.drop_duplicates("contact_id").set_index("contact_id")["customer_id"].map(tiers)
    mean = per.groupby(tier).mean()
    assert 3.5 <= mean["C"] <= 3.9 and 1.3 <= mean["A"] <= 1.7 and mean["A"] < mean["B"] < mean["C"], mean.to_dict()


@claim(NB, "fatigue-read")
def fatigue(data):
    f = communication.fatigue_table(data.load("communications"))
    assert 0.35 <= f.loc["0", "open_rate"] <= 0.4 and 0.18 <= f.loc["6+", "open_rate"] <= 0.22, f
    assert 0.002 <= f.loc["0", "opt_out_rate"] <= 0.004 and 0.024 <= f.loc["6+", "opt_out_rate"] <= 0.03, f
    assert 7 <= f.loc["6+", "opt_out_rate"] / f.loc["0", "opt_out_rate"] <= 13, f


@claim(NB, "consent-read")
def consent(data):
    b = communication.consent_breaches(data.load("communications"), data.load("consents"))
    no = b[b["breach"] == "no_consent"]
    late = b[b["breach"] == "after_withdrawal"]
    assert len(no) == 144 and (no["channel"] == "sms").all() and (no["sent_date"].dt.month == 3).mean() > 0.95, no
    assert len(late) == 98 and (late["channel"] == "wechat").mean() > 0.95, late["channel"].value_counts()


@claim(NB, "campaign-2024-read")
def campaign_rep_choice(data):
    tiers, _ = _tiers_stages(data)
    c = data.load("retention_campaigns").query("campaign_id == 'RC2024'").set_index("customer_id")
    u = communication.uplift(c["renewed"], c["treatment_group"])
    assert 0.18 <= u["uplift"] <= 0.22, u
    share_a = c.index.to_series().map(tiers).eq("A").groupby(c["treatment_group"]).mean()
    assert 0.42 <= share_a["treatment"] <= 0.5 and 0.12 <= share_a["control"] <= 0.17, share_a.to_dict()


@claim(NB, "campaign-2025-read")
def campaign_randomised(data):
    _, stages = _tiers_stages(data)
    t = data.load("retention_campaigns").query("campaign_id == 'RC2025'").set_index("customer_id")
    u = communication.uplift(t["renewed"], t["treatment_group"])
    first = communication.uplift(*data.load("retention_campaigns").query("campaign_id == 'RC2024'")[
        ["renewed", "treatment_group"]].T.to_numpy())
    assert 0.06 <= u["uplift"] <= 0.08 and u["ci_low"] < 0 and 0.16 <= u["ci_high"] <= 0.2, u
    assert 0.28 <= u["uplift"] / first["uplift"] <= 0.4 and len(t) == 235, (u["uplift"], first["uplift"])
    s = communication.uplift_by_segment(t["renewed"], t["treatment_group"], stages.reindex(t.index))["uplift"]
    assert s[["decline", "termination"]].min() >= 0.15 and s[["decline", "termination"]].max() <= 0.2, s.to_dict()
    assert s.idxmin() == "stability" and 0.02 <= s["stability"] <= 0.04, s.to_dict()


@claim(NB, "lost-reasons-read")
def lost_opportunity_reasons(data):
    _, stages = _tiers_stages(data)
    o = data.load("opportunities").merge(data.load("opportunity_reasons"), on="opportunity_id")
    fading = o["customer_id"].map(stages).isin(["decline", "termination"])
    soft = o["closing_reason"].isin(["service", "competitor", "relationship"])
    assert 0.6 <= soft[fading].mean() <= 0.72 and 0.2 <= soft[~fading].mean() <= 0.3, (soft[fading].mean(),
                                                                                         soft[~fading].mean())
    top = o.loc[~fading, "closing_reason"].value_counts(normalize=True)
    assert set(top.index[:3]) == {"price", "budget", "timing"}, top.to_dict()


def _reasons(data) -> pd.Series:
    _, stages = _tiers_stages(data)
    orders = data.load("orders")
    opportunities = data.load("opportunities").merge(data.load("opportunity_reasons"), on="opportunity_id")
    lost = stages.index[stages == "termination"]
    last = orders.groupby("customer_id")["order_date"].max()[lost]
    r = data.load("service_requests")
    bad = r[(r["type"] == "complaint") & (r["satisfaction_after"] <= 3)
            & (r["opened_date"] >= r["customer_id"].map(last) - pd.Timedelta(days=365))]
    staff = data.load("staff").set_index("staff_id")
    left = opportunities.sort_values("created_date").groupby("customer_id")["staff_id"].last().map(
        staff["leave_date"]).reindex(lost)
    visits = data.load("activities").query("kind in ['visit', 'review_meeting']")
    visited = visits[visits["activity_date"] >= visits["customer_id"].map(last) - pd.Timedelta(days=180)]["customer_id"]
    recent = opportunities[opportunities["created_date"] >= opportunities["customer_id"].map(last) - pd.Timedelta(days=730)]
    share = recent.groupby("customer_id")["closing_reason"].apply(lambda x: x.isin(["price", "competitor"]).mean())
    signals = pd.DataFrame({
        "manager_left": ((left >= last - pd.Timedelta(days=365)) & (left <= last + pd.Timedelta(days=90))).to_numpy(),
        "service_failure": lost.isin(bad["customer_id"]),
        "neglected": ((last >= "2024-07-01") & ~lost.isin(visited)).to_numpy(),
        "price_or_competitor": (share.reindex(lost).fillna(0) >= 0.5).to_numpy(),
    }, index=lost)
    return lifecycle.main_loss_reason(signals)


@claim(NB, "signals-read")
def loss_reasons(data):
    counts = _reasons(data).value_counts()
    assert counts.sum() == 60 and counts.index[0] == "unknown" and counts["unknown"] == 33, counts.to_dict()
    assert counts.index[1] == "service_failure" and counts["service_failure"] == 11, counts.to_dict()
    assert counts["price_or_competitor"] == 9 and counts["manager_left"] == 6 and counts["neglected"] == 1, counts


@claim(NB, "worth-read")
def worth_winning_back(data):
    tiers, stages = _tiers_stages(data)
    orders = data.load("orders")
    s = clv.rfm_summary(orders, "customer_id", "order_date", "net_revenue", observation_end=END, freq="W")
    model = clv.fit_bgnbd(s["frequency"], s["recency"], s["T"])
    alive = model.prob_alive(s["frequency"], s["recency"], s["T"])
    profit = (orders["net_revenue"] - orders["cost_of_goods"]).groupby(orders["customer_id"]).sum() / 5
    p = lifecycle.win_back_priority(stages, alive, profit)
    lost = p[p["stage"] == "termination"].join(_reasons(data))
    top = lost.head(5)
    assert (top.index.map(tiers) != "A").all(), top
    special = lost[lost["win_back_action"] == "special_effort"].sort_values("value_if_won_back", ascending=False).head(6)
    assert (special.index.map(tiers) == "A").all() and (special["prob_alive"] < 0.01).all(), special
    assert special["value_if_won_back"].min() > top["value_if_won_back"].max(), special
    assert special.index[0] == "C0003" and special["reason"].iloc[0] == "manager_left", special
    assert (special["reason"].iloc[1:] == "service_failure").sum() == 4, special["reason"]


@claim(NB, "breakage-read")
def breakage_by_tier(data):
    ledger = data.load("points_ledger")
    tier = data.load("loyalty_members").set_index("customer_id")["tier"]
    earned = ledger[ledger["entry"] == "earned"]
    expired = ledger[ledger["entry"] == "expired"]
    share_earned = earned.groupby(earned["customer_id"].map(tier))["points"].sum() / earned["points"].sum()
    share_expired = expired.groupby(expired["customer_id"].map(tier))["points"].sum() / expired["points"].sum()
    assert 0.1 <= share_earned["silver"] <= 0.16 and share_expired["silver"] > 0.5, (share_earned, share_expired)
    assert expired["entry_date"].dt.year.min() == 2024, expired["entry_date"].min()


@claim(NB, "summary")
def summary_reads(data):
    """Each reading the summary repeats, by the check of the cell it comes from (selection, the holdout's zero,
    the 2 % break-even, messages by tier, fatigue, the two consent breaches, the 2024 call three times the test)."""
    for check in (selection_bias, holdout_no_effect, break_even, messages_by_tier, fatigue, consent,
                  campaign_randomised):
        check(data)

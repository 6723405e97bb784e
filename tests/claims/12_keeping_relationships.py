"""Claims of lesson 12 (maintaining relationships and serving customers), checked on the default data."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, lifecycle, maintenance, service
from kamcourse.cases import complaint_relay

from . import claim

NB = "notebooks/12_keeping_relationships.ipynb"
END = pd.Timestamp("2025-12-31")


def _tiers_stages(data) -> tuple[pd.Series, pd.Series]:
    orders = data.load("orders")
    customers = data.load("customers").set_index("customer_id")
    tiers = accounts.abc_classes(orders.groupby("customer_id")["net_revenue"].sum()).rename("tier")
    stages = lifecycle.classify_stages(orders, "customer_id", "order_date", "net_revenue", as_of=END,
                                       first_orders=customers["first_order_date"])
    return tiers, stages


def _comparison(data) -> tuple[pd.DataFrame, pd.DataFrame]:
    tiers, stages = _tiers_stages(data)
    plan = maintenance.contact_plan(tiers, stages)
    actual = maintenance.touch_counts(data.load("activities"), "2025-01-01", "2025-12-31", customers=plan.index)
    return maintenance.plan_vs_actual(plan, actual), actual


def _requests(data) -> pd.DataFrame:
    tiers, _ = _tiers_stages(data)
    r = data.load("service_requests").merge(data.load("service_details"), on="request_id")
    r["tier"] = r["customer_id"].map(tiers)
    return r


@claim(NB, "tiers-read")
def tier_counts(data):
    tiers, stages = _tiers_stages(data)
    counts = tiers.value_counts()
    assert (counts["A"], counts["B"], counts["C"]) == (64, 83, 153), f"tiers {counts.to_dict()}"
    a = stages[tiers == "A"].value_counts()
    assert a.idxmax() == "stability" and a["stability"] > len(stages[tiers == "A"]) / 2, f"A stages {a.to_dict()}"
    assert 0 < a.get("decline", 0) <= 15 and 0 < a.get("termination", 0) <= 10, f"A stages {a.to_dict()}"


@claim(NB, "plan-read")
def plan_hours(data):
    tiers, stages = _tiers_stages(data)
    plan = maintenance.contact_plan(tiers, stages)
    hours = maintenance.plan_hours(plan)
    assert 9_900 <= hours.sum() <= 10_300, f"plan needs {hours.sum():.0f} hours"
    a = hours[plan["tier"] == "A"].sum()
    assert 4_650 <= a <= 4_950 and a < hours.sum() / 2, f"A accounts need {a:.0f} of {hours.sum():.0f}"


@claim(NB, "capacity-read")
def capacity_cut(data):
    tiers, stages = _tiers_stages(data)
    fitted = maintenance.fit_to_capacity(maintenance.contact_plan(tiers, stages), 14 * 450)
    by = fitted.groupby("tier")[["visit", "call", "share_kept"]].mean()
    assert by.loc["A", "share_kept"] == 1.0, f"A keeps {by.loc['A', 'share_kept']}"
    assert 0.2 <= by.loc["B", "share_kept"] <= 0.3 and by.loc["B", "visit"] < 0.5, f"B {by.loc['B'].to_dict()}"
    assert by.loc["C", "visit"] == 0 and by.loc["C", "call"] > 0, f"C {by.loc['C'].to_dict()}"


@claim(NB, "mix-read")
def maintenance_mix(data):
    tiers, _ = _tiers_stages(data)
    mix = maintenance.maintenance_mix(data.load("activities"), by=tiers)
    for tier, row in mix.iterrows():
        shares = row[list(maintenance.MAINTENANCE_KINDS)]
        assert shares.idxmax() == "information_maintenance", f"{tier}: largest is {shares.idxmax()}"
        assert 0.4 <= row["information_maintenance"] <= 0.55, f"{tier}: information {row['information_maintenance']}"
        assert 0.18 <= row["emotional_maintenance"] <= 0.3, f"{tier}: emotional {row['emotional_maintenance']}"


@claim(NB, "compare-read")
def plan_against_history(data):
    comparison, _ = _comparison(data)
    total = comparison["actual_hours"].sum()
    assert 5_900 <= total <= 6_300, f"actual hours {total:.0f}"
    by = comparison.groupby("tier")[["planned_hours", "actual_hours"]].sum()
    share = by["actual_hours"] / by["planned_hours"]
    assert 0.55 <= share["A"] <= 0.65, f"A got {share['A']:.2f} of plan"
    assert 0.8 <= share["C"] < 1.0 and share["C"] > share["A"], f"C got {share['C']:.2f} of plan"


@claim(NB, "gap-neglect-read")
def neglected_key_accounts(data):
    comparison, actual = _comparison(data)
    core = comparison[(comparison["tier"] == "A") & comparison["stage"].isin(["formation", "stability"])]
    low = core.sort_values("coverage").join(actual)
    first4, fifth = low.head(4), low.iloc[4]
    assert (first4["stage"] == "stability").all(), first4["stage"].tolist()
    assert (first4[["visit", "review_meeting"]] == 0).all().all(), first4[["visit", "review_meeting"]]
    assert (first4["call"] <= 2).all() and (first4["greeting"] > 0).all(), first4[["call", "greeting"]]
    assert (first4["coverage"] < 0.02).all(), first4["coverage"].tolist()
    assert fifth["visit"] >= 1 and fifth["call"] >= 3, fifth


@claim(NB, "gap-handover-read")
def handover_silences(data):
    tiers, stages = _tiers_stages(data)
    customers = data.load("customers").set_index("customer_id")
    staff = data.load("staff").set_index("staff_id")
    active = tiers.index[(tiers != "C") & (stages != "termination")]
    silence = maintenance.longest_silence(data.load("activities"), "2024-01-01", END, customers=active,
                                          since=customers["first_order_date"])
    top = silence.head(4).join(customers["account_manager_id"])
    successors = top[top["account_manager_id"].isin(["S035", "S036"])]
    assert len(successors) == 3, top
    assert (successors["silent_from"].dt.year == 2024).all(), successors
    hired = staff.loc[["S035", "S036"], "hire_date"].dt.year
    assert (hired == 2024).all(), hired
    leavers = staff[(staff["role"] == "sales") & (staff["leave_date"] >= "2024-01-01")]
    assert len(leavers) == 2 and (leavers["leave_date"].dt.year == 2024).all(), leavers


@claim(NB, "gap-over-read")
def over_served_small_accounts(data):
    comparison, actual = _comparison(data)
    customers = data.load("customers").set_index("customer_id")
    small = comparison[comparison["tier"] == "C"].sort_values("actual_hours", ascending=False).head(8)
    managers = customers.loc[small.index, "account_manager_id"]
    assert (managers == "S017").all(), managers.to_dict()
    visits = actual.loc[small.index, "visit"]
    assert visits.min() >= 6 and visits.max() <= 13, visits.to_dict()
    assert (small["coverage"] > 2).all(), small["coverage"].to_dict()


@claim(NB, "gap-lost-read")
def lost_not_called(data):
    _, stages = _tiers_stages(data)
    orders, acts = data.load("orders"), data.load("activities")
    lost = stages.index[stages == "termination"]
    last = orders.groupby("customer_id")["order_date"].max()
    late = acts[acts["customer_id"].isin(lost)
                & (acts["activity_date"] > acts["customer_id"].map(last) + pd.Timedelta(days=120))]
    assert len(lost) == 60 and late["customer_id"].nunique() == 0, (len(lost), late["customer_id"].nunique())


@claim(NB, "levels-severity-read")
def levels_by_severity(data):
    lv = service.service_levels(_requests(data), by="severity")
    assert lv["median_response_hours"].idxmin() == "high" and 1.0 <= lv.loc["high", "median_response_hours"] <= 1.5, lv
    assert lv["mean_days_to_close"].idxmax() == "high" and lv.loc["high", "mean_days_to_close"] > 11, lv
    assert lv["resolution_missed"].idxmax() == "high" and 0.42 <= lv.loc["high", "resolution_missed"] < 0.5, lv
    assert (lv["first_contact_resolution"] < 0.25).all(), lv["first_contact_resolution"]


@claim(NB, "levels-channel-read")
def levels_by_channel(data):
    lv = service.service_levels(_requests(data), by="channel")
    assert lv["response_missed"].idxmax() == "email" and 0.45 <= lv.loc["email", "response_missed"] <= 0.55, lv
    assert lv["first_contact_resolution"].idxmin() == "sales_rep", lv
    assert 0.04 <= lv.loc["sales_rep", "first_contact_resolution"] <= 0.08, lv
    assert lv["resolution_missed"].idxmax() == "sales_rep", lv


@claim(NB, "levels-handoffs-read")
def levels_by_handoffs(data):
    lv = service.service_levels(_requests(data), by="handoffs")
    assert lv.loc[0, "resolution_missed"] == 0, lv
    assert 0.6 <= lv.loc[2, "resolution_missed"] <= 0.72, lv
    assert (lv.loc[lv.index >= 3, "resolution_missed"] >= 0.9).all(), lv


@claim(NB, "backlog-read")
def backlog_small(data):
    counts = service.backlog(_requests(data), pd.date_range("2025-01-31", END, freq="ME"))
    assert counts.min() == 2 and counts.max() == 7, counts.tolist()


@claim(NB, "differentiated-read")
def differentiated_service(data):
    tiers, _ = _tiers_stages(data)
    lv = service.service_levels(_requests(data), by="tier")
    assert 3.0 <= lv.loc["A", "median_response_hours"] <= 4.0, lv
    assert 11.0 <= lv.loc["C", "median_response_hours"] <= 13.0, lv
    orders = data.load("orders")
    year = orders[orders["order_date"].dt.year == 2025]
    revenue = year.groupby("customer_id")["net_revenue"].sum()
    gp = (year["net_revenue"] - year["cost_of_goods"]).groupby(year["customer_id"]).sum()
    cost = service.cost_to_serve_by_tier(data.load("cost_to_serve").query("year == 2025"), revenue, gp, tiers)
    per = cost["cost_to_serve_per_customer"]
    assert per.idxmax() == "A" and 8 <= per["A"] / per["C"] <= 12, per
    assert cost["cost_share"].idxmax() == "C" and 0.27 <= cost.loc["C", "cost_share"] <= 0.31, cost["cost_share"]
    assert 0.15 <= cost.loc["A", "cost_share"] <= 0.19, cost["cost_share"]


@claim(NB, "pareto-read")
def root_cause_pareto(data):
    r = _requests(data)
    p = service.cause_pareto(r.loc[r["type"] == "complaint", "root_cause"])
    assert list(p.index[:3]) == ["order_entry_error", "supplier_defect", "picking_error"], list(p.index[:3])
    assert 0.58 <= p["cum_share"].iloc[2] <= 0.7, p["cum_share"].iloc[2]
    assert int(p["vital_few"].sum()) == 5 and p["cum_share"].iloc[4] >= 0.8, p
    fix = p.loc[["order_entry_error", "picking_error"], "share"].sum()
    assert 0.37 <= fix <= 0.43, fix


@claim(NB, "follow-up-read")
def follow_up_by_tier(data):
    r = _requests(data)
    f = r[r["type"] == "complaint"].groupby("tier")["followed_up"].mean()
    assert 0.7 <= f["A"] <= 0.8 and f["C"] < 0.4, f.to_dict()


@claim(NB, "speed-read")
def speed_and_kept(data):
    r = _requests(data)
    c = r[r["type"] == "complaint"]
    kept = service.revenue_kept(c, data.load("orders"), days=180, end=END)
    t = service.rate_by_band(c["first_response_hours"], kept["kept"], [0, 2, 8, 24, 1000])
    assert 0.93 <= t["rate"].iloc[0] <= 0.97, t
    assert 0.4 <= t["rate"].iloc[-1] <= 0.55, t


@claim(NB, "paradox-read")
def no_paradox(data):
    g = service.recovery_groups(data.load("service_requests"), data.load("surveys"))
    for col in ("overall_satisfaction", "repurchase_intention", "likelihood_to_recommend"):
        assert g.loc["recovered_well", col] < g.loc["no_complaint", col], f"{col}: {g[col].to_dict()}"


@claim(NB, "relay-read")
def relay_channel(data):
    r = _requests(data)
    c = r[r["type"] == "complaint"]
    table = complaint_relay.handoff_table(c, max_handoffs=4, dropna=True)
    assert table["mean_days"].is_monotonic_increasing and table["mean_satisfaction"].is_monotonic_decreasing, table
    via = (c["channel"] == "sales_rep").groupby(c["handoffs"].clip(upper=4)).mean()
    assert via[0] < 0.1 and 0.55 <= via[4] <= 0.65, via.to_dict()


@claim(NB, "capacity-intro")
def fourteen_account_managers_fewer_hours_than_the_plan(data):
    staff = data.load("staff")
    managers = int(((staff["role"] == "sales") & staff["leave_date"].isna()).sum())
    assert managers == 14, f"Hydra has {managers} account managers (sales staff still employed), not 14"
    tiers, stages = _tiers_stages(data)
    hours = maintenance.plan_hours(maintenance.contact_plan(tiers, stages)).sum()
    assert hours > 14 * 450, f"the plan asks for {hours:.0f} hours, not more than 6,300"


@claim(NB, "summary")
def summary_reads(data):
    """Each reading the summary repeats, by the check of the cell it comes from."""
    for check in (capacity_cut, plan_against_history, neglected_key_accounts, handover_silences,
                  over_served_small_accounts, lost_not_called, levels_by_channel, levels_by_handoffs,
                  differentiated_service, root_cause_pareto, speed_and_kept, no_paradox):
        check(data)

"""Claims of assignment A15 (the model answer of Question 6), read on the default data of lesson 15."""

from __future__ import annotations

from kamcourse import data as kit_data
from kamcourse import kam_organisation as ko

from . import claim

NB = "assignments/a15_kam_organisation/a15_kam_organisation.ipynb"
TABLES = ("customers", "orders", "cost_to_serve", "surveys", "service_requests", "contacts", "buying_centre", "staff")


@claim(NB, "q6-answer")
def the_model_plan_reads_c0190(data) -> None:
    orders = data.load("orders")
    r25 = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["net_revenue"].sum()
    key = list(r25.sort_values(ascending=False).index[: round(0.2 * len(r25))])
    cov = ko.decider_coverage(data.load("contacts"), data.load("buying_centre"), data.load("staff"),
                              kit_data.END_DATE, accounts=key)
    visit_first = r25[cov.index[cov["uncovered"]]].idxmax()
    assert visit_first == "C0190" and key.index("C0190") == 3, visit_first
    plan = ko.account_plan("C0190", {n: data.load(n) for n in TABLES}, targets={"renewal_rate": 1.0},
                           as_of=kit_data.END_DATE)
    h = plan.history
    assert round(h.loc[2022, "revenue"] / 1e6, 2) == 1.32 and round(h.loc[2025, "revenue"] / 1e6, 2) == 1.15
    assert round(h.loc[2025, "share_of_company"], 3) == 0.022 and (h["net_profit"] < 0).all()
    assert round(h.loc[2025, "net_profit"], -3) == -254_000 and h.loc[2025, "satisfaction"] == 2
    assert data.load("customers").set_index("customer_id").loc["C0190", "payment_terms_days"] == 180
    c = plan.contacts
    deciders = c[c["buying_role"] == "decider"].sort_values("days_since_met")
    assert set(c["staff_id"].dropna()) == {"S022"} and c["contact_id"].notna().sum() == 6
    assert deciders["days_since_met"].tolist() == [468, 662] and deciders["contact_id"].tolist() == ["P00628", "P00629"]
    assert set(plan.flagged_risks()) == {"single_threaded", "decider_not_met", "loss_making", "low_satisfaction"}
    assert round(plan.risks.loc["revenue_decline", "evidence"], 2) == 0.95

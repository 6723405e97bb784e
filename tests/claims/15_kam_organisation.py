"""Claims of lesson 15 (organising for key accounts): each checked on the default data the lesson loads."""

from __future__ import annotations

import pandas as pd

from kamcourse import data as kit_data
from kamcourse import economics, relationship
from kamcourse import kam_organisation as ko

from . import claim

NB = "notebooks/15_kam_organisation.ipynb"
PLAN_TABLES = ("customers", "orders", "cost_to_serve", "surveys", "service_requests", "contacts", "buying_centre", "staff")
UNCOVERED = {"C0086", "C0139", "C0184", "C0190", "C0278"}


def _key_accounts(data) -> pd.Index:
    orders = data.load("orders")
    r = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["net_revenue"].sum()
    return r.sort_values(ascending=False).index[: round(0.2 * len(r))]


def _coverage(data, accounts=None) -> pd.DataFrame:
    return ko.decider_coverage(data.load("contacts"), data.load("buying_centre"), data.load("staff"),
                               kit_data.END_DATE, accounts=accounts)


def _revenue(data) -> pd.Series:
    return data.load("orders").groupby("customer_id")["net_revenue"].sum()


def _plan(data) -> ko.AccountPlan:
    targets = {"satisfaction_mean": 4.0, "renewal_rate": 1.0, "key_account_revenue_share": 0.022, "response_days": 5.0}
    return ko.account_plan("C0190", {n: data.load(n) for n in PLAN_TABLES}, targets=targets, as_of=kit_data.END_DATE)


@claim(NB, "levels-vs-roles-read")
def gatekeepers_split_into_buyers_and_gatekeepers(data) -> None:
    table = pd.crosstab(data.load("contacts")["decision_level"], data.load("buying_centre")["buying_role"])
    assert (table > 0).sum(axis=1).to_dict() == {"decision_maker": 1, "gatekeeper": 2, "influencer": 1, "user": 1}
    gate = table.loc["gatekeeper"]
    assert (gate.sum(), gate["buyer"], gate["gatekeeper"]) == (252, 171, 81), gate.to_dict()


@claim(NB, "buying-centre-map-read")
def few_key_accounts_know_every_role(data) -> None:
    roles = ko.buying_centre_map(data.load("contacts"), data.load("buying_centre"), _key_accounts(data))
    counts = roles["roles_unknown"].value_counts()
    assert len(roles) == 48 and counts.get(0) == 19 and counts.get(1) == 20, counts.to_dict()
    assert counts.get(2, 0) + counts.get(3, 0) == 9 and counts.index.max() == 3, counts.to_dict()
    missing = (roles[list(ko.BUYING_ROLES)] == 0).sum().sort_values(ascending=False)
    assert list(missing.index[:2]) == ["gatekeeper", "user"] and missing.iloc[:2].tolist() == [22, 11], missing.to_dict()


@claim(NB, "decider-coverage-read")
def five_key_accounts_have_uncovered_deciders(data) -> None:
    key = _key_accounts(data)
    cov = _coverage(data, key)
    assert set(cov.index[cov["uncovered"]]) == UNCOVERED, sorted(cov.index[cov["uncovered"]])
    assert list(key).index("C0190") == 3, list(key).index("C0190")


@claim(NB, "coverage-link-read")
def the_uncovered_accounts_are_bow_ties(data) -> None:
    key = _key_accounts(data)
    contacts = data.load("contacts")
    model = relationship.contact_coverage(contacts[contacts["customer_id"].isin(key)], data.load("staff"))["model"]
    cov = _coverage(data, key)
    table = pd.crosstab(model, cov["uncovered"])
    assert table.loc["bow_tie", True] == 5 and table.loc["bow_tie"].sum() == 27, table
    assert table.loc["diamond"].sum() == 21 and table.loc["diamond"].get(True, 0) == 0, table


@claim(NB, "runaway-note")
def only_the_runaway_horse_has_a_decider_held_by_a_leaver(data) -> None:
    cov = _coverage(data)
    assert list(cov.index[cov["holder_left"] > 0]) == ["C0003"] and len(cov) == 300
    orders = data.load("orders")
    assert orders.loc[orders["customer_id"] == "C0003", "order_date"].max().year == 2024


@claim(NB, "concentration-read")
def the_largest_customer_brings_22_percent(data) -> None:
    c = ko.concentration(_revenue(data))
    assert c["largest"] == "C0219" and round(c["top1_share"], 3) == 0.223, c["top1_share"]
    industry = data.load("customers").set_index("customer_id").loc["C0219", "industry"]
    assert industry == "distributor", industry
    share = (_revenue(data) / _revenue(data).sum()).sort_values(ascending=False)
    assert share.index[1] == "C0003" and round(share.iloc[1], 3) == 0.050 and share.iloc[0] > 4 * share.iloc[1]
    assert round(c["top5_share"], 3) == 0.344 and round(c["top_20pct_share"], 3) == 0.788, c
    assert round(c["hhi"], 3) == 0.059 and round(c["equivalent_number"]) == 17, c


@claim(NB, "concentration-years-read")
def the_largest_customer_every_year(data) -> None:
    table = ko.concentration_by_year(data.load("orders"))
    assert (table["largest"] == "C0219").all(), table["largest"].to_dict()
    assert table["top1_share"].between(0.20, 0.24).all(), table["top1_share"].to_dict()


@claim(NB, "loss-read")
def losing_the_top_account_costs_more_profit_than_revenue(data) -> None:
    prof = economics.customer_profitability(data.load("orders"), data.load("cost_to_serve"))
    r = ko.loss_impact(prof, "C0219")
    got = [round(r[k], 3) for k in ("revenue_share", "gross_profit_share", "net_profit_share")]
    assert got == [0.223, 0.197, 0.357], got
    assert round(prof.loc["C0219", "net_margin"], 3) == 0.183
    assert round(prof["net_profit"].sum() / prof["revenue"].sum(), 3) == 0.114


@claim(NB, "dependence-advice-read")
def the_top_account_is_a_diamond(data) -> None:
    cov = relationship.contact_coverage(data.load("contacts"), data.load("staff")).loc["C0219"]
    assert (cov["model"], cov["n_owners"], cov["n_contacts"]) == ("diamond", 5, 7), cov.to_dict()


@claim(NB, "team-read")
def fewer_than_half_have_a_cross_functional_team(data) -> None:
    contacts, staff = data.load("contacts"), data.load("staff")
    holders = contacts[contacts["customer_id"].isin(_key_accounts(data))].merge(
        staff[["staff_id", "role"]].rename(columns={"role": "staff_role"}), on="staff_id")
    teams = pd.crosstab(holders["customer_id"], holders["staff_role"]) > 0
    kinds = teams.apply(lambda row: "+".join(teams.columns[row]), axis=1).value_counts().to_dict()
    assert kinds == {"sales+service+technical": 21, "sales": 21, "sales+technical": 6}, kinds


def _kpis(data, lists) -> pd.DataFrame:
    return ko.kam_kpis(data.load("orders"), data.load("surveys"), data.load("service_requests"), lists)


@claim(NB, "kpis-read")
def kpis_over_the_years(data) -> None:
    k = _kpis(data, ko.key_accounts_by_year(data.load("orders")))
    assert k.loc[2022, "renewal_rate"] == 1.0 and k.loc[2023:2025, "renewal_rate"].between(0.945, 0.965).all(), k
    assert k.loc[2022:2025, "key_account_revenue_share"].between(0.675, 0.735).all(), k["key_account_revenue_share"]
    assert (round(k.loc[2022, "response_days"], 1), round(k.loc[2025, "response_days"], 1)) == (6.7, 5.8)
    assert (round(k.loc[2023, "satisfaction_mean"], 1), round(k.loc[2025, "satisfaction_mean"], 1)) == (3.8, 3.6)
    assert k["satisfaction_mean"].idxmax() == 2023


@claim(NB, "hindsight-read")
def hindsight_renews_everyone(data) -> None:
    key = _key_accounts(data)
    k = _kpis(data, key)
    assert (k["renewal_rate"].dropna() == 1.0).all() and "C0003" not in set(key)


@claim(NB, "plan-intro")
def c0190_is_the_fourth_largest_and_uncovered(data) -> None:
    key = _key_accounts(data)
    assert list(key).index("C0190") == 3 and bool(_coverage(data, key).loc["C0190", "uncovered"])


@claim(NB, "plan-history-read")
def c0190_loses_money(data) -> None:
    h = _plan(data).history
    assert h["revenue"].idxmax() == 2022 and round(h.loc[2022, "revenue"] / 1e6, 2) == 1.32
    assert round(h.loc[2025, "revenue"] / 1e6, 2) == 1.15 and round(h.loc[2025, "share_of_company"], 3) == 0.022
    assert (h["net_profit"] < 0).all() and round(h.loc[2025, "net_profit"], -3) == -254_000, h["net_profit"]
    assert h.loc[2025, "satisfaction"] == 2
    assert data.load("customers").set_index("customer_id").loc["C0190", "payment_terms_days"] == 180


@claim(NB, "plan-contacts-read")
def one_salesperson_holds_c0190(data) -> None:
    c = _plan(data).contacts
    assert set(c["staff_id"]) == {"S022"} and len(c) == 6, c
    deciders = sorted(c.loc[c["buying_role"] == "decider", "days_since_met"])
    assert deciders == [468, 662] and set(c.loc[c["buying_role"] == "decider", "action"]) == {"meet_now"}


@claim(NB, "plan-risks-read")
def c0190_risks(data) -> None:
    plan = _plan(data)
    assert set(plan.flagged_risks()) == {"single_threaded", "decider_not_met", "loss_making", "low_satisfaction"}
    assert round(plan.risks.loc["dependence_risk", "evidence"], 3) == 0.022
    assert round(plan.risks.loc["revenue_decline", "evidence"], 2) == 0.95


@claim(NB, "plan-page")
def the_page_reads_the_records(data) -> None:
    plan = _plan(data)
    assert plan.history.loc[2025, "satisfaction"] == 2 and plan.profile["account_manager_id"] == "S022"


@claim(NB, "summary")
def the_summary_numbers(data) -> None:
    five_key_accounts_have_uncovered_deciders(data)
    the_uncovered_accounts_are_bow_ties(data)
    the_largest_customer_brings_22_percent(data)
    losing_the_top_account_costs_more_profit_than_revenue(data)
    fewer_than_half_have_a_cross_functional_team(data)

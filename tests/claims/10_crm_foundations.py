"""Claims of lesson 10 (CRM foundations): buyer types, relationship types, the process snapshot, the principles."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, crm, relationship
from kamcourse.data import END_DATE, load_answers

from . import ClaimData, claim

NB = "notebooks/10_crm_foundations.ipynb"


def _types(data: ClaimData) -> pd.Series:
    """The relationship type of every customer, as the lesson's cells compute it."""
    customers, orders = data.load("customers"), data.load("orders")
    coverage = relationship.contact_coverage(data.load("contacts"), data.load("staff"))["model"]
    ordered = orders.assign(year=orders["order_date"].dt.year).pivot_table(
        index="customer_id", columns="year", values="net_revenue", aggfunc="sum").reindex(customers["customer_id"]).notna()
    years = ordered[2025].astype(int) + (ordered[2025] & ordered[2024]) + (ordered[2025] & ordered[2024] & ordered[2023])
    tenure = (END_DATE - customers.set_index("customer_id")["first_order_date"]).dt.days / 365.25
    return crm.classify_relationships(coverage.reindex(customers["customer_id"]), years, tenure)


def _tier(data: ClaimData) -> pd.Series:
    return accounts.customer_pyramid(data.load("orders").groupby("customer_id")["net_revenue"].sum())


@claim(NB, "buyer-type-hydra-read")
def all_customers_are_business_customers(data: ClaimData) -> None:
    customers = data.load("customers")
    purpose = customers["industry"].map(lambda i: "resale" if i == "distributor" else "production")
    kinds = crm.buyer_type(["organisation"] * len(customers), purpose)
    assert len(customers) == 300 and (kinds == "business_customer").all(), kinds.value_counts().to_dict()


@claim(NB, "types-hydra-read")
def preferred_suppliers_most_partnerships_mid_pyramid(data: ClaimData) -> None:
    types, tier = _types(data), _tier(data)
    counts = types.value_counts()
    assert counts["preferred_supplier"] > len(types) / 2, counts.to_dict()
    coverage = relationship.contact_coverage(data.load("contacts"), data.load("staff"))["model"].reindex(types.index)
    bow_tie = (coverage[types == "preferred_supplier"] == "bow_tie").mean()
    assert bow_tie > 0.9, f"only {bow_tie:.2f} of the preferred suppliers are held through one salesperson (bow tie)"
    assert counts.get("partnership_type", 0) == 18, f"{counts.get('partnership_type', 0)} partnerships"
    table = pd.crosstab(tier.reindex(types.index), types)
    partners = table["partnership_type"]
    assert partners.get("small", 0) == 0, f"small customers with a partnership: {partners.get('small', 0)}"
    assert partners["major"] + partners["ordinary"] >= 0.8 * partners.sum(), partners.to_dict()
    assert table.loc["vip"].sum() == 3 and partners["vip"] == 2 and table.loc["vip", "transactional"] == 1, \
        table.loc["vip"].to_dict()
    last_order = data.load("orders").groupby("customer_id")["order_date"].max()
    vip_transactional = types[(tier.reindex(types.index) == "vip") & (types == "transactional")].index[0]
    assert last_order[vip_transactional] < END_DATE - pd.Timedelta(days=365), "the transactional VIP still buys"
    runaway = load_answers("runaway_horse")
    assert runaway["customer_id"].tolist() == [vip_transactional], f"{vip_transactional} is not the runaway-horse account"
    holder = relationship.contact_coverage(data.load("contacts"), data.load("staff")).loc[vip_transactional]
    assert holder["n_owners"] == 1 and holder["key_person_left"], "the account was not held by one person who left"


@claim(NB, "process-snapshot-read")
def process_numbers_2025(data: ClaimData) -> None:
    snap = crm.process_snapshot(data, 2025)["value"]
    assert 3.0 <= snap["collect"] < 3.5, f"contacts per customer {snap['collect']:.2f}"
    assert 0.70 <= snap["analyse"] < 0.75, f"top-20% share {snap['analyse']:.3f} is not nearly three quarters"
    assert 0.105 <= snap["customise"] < 0.115, f"mean discount {snap['customise']:.3f}"
    assert 3.5 <= snap["maintain"] < 4.0, f"visits per customer {snap['maintain']:.2f}"
    assert round(snap["evaluate"], 1) == 3.7, f"mean satisfaction {snap['evaluate']:.2f}"


@claim(NB, "principles-read")
def principles_half_three_quarters_dip_and_recovery(data: ClaimData) -> None:
    sr, sv = data.load("service_requests"), data.load("surveys")
    ind = pd.DataFrame({y: crm.principle_indicators(sr, sv, y) for y in range(2021, 2026)}).T
    assert ind["customer_orientation"].between(0.4, 0.6).all(), ind["customer_orientation"].round(3).to_dict()
    assert ind["integration_principle"].between(0.68, 0.82).all(), ind["integration_principle"].round(3).to_dict()
    change = ind["continuous_improvement"]
    assert (change[[2022, 2023, 2024]] < 0).all() and change.idxmin() == 2023 and change[2025] > 0, change.round(3).to_dict()


@claim(NB, "exercises-read")
def exercise_answers(data: ClaimData) -> None:
    customers, contacts, orders = data.load("customers"), data.load("contacts"), data.load("orders")
    single = (contacts.groupby("customer_id").size().reindex(customers["customer_id"], fill_value=0) == 1).mean()
    assert 0.17 <= single <= 0.23, f"single-contact share {single:.2f} is not about one in five"
    o = orders[orders["order_date"].dt.year == 2025]
    industry = o["customer_id"].map(customers.set_index("customer_id")["industry"])
    assert o.groupby(industry)["net_revenue"].sum().idxmax() == "distributor"
    disc = o.groupby(o["customer_id"].map(_tier(data)))["discount"].mean().reindex(accounts.PYRAMID_TIERS)
    assert disc.is_monotonic_decreasing, disc.round(3).to_dict()
    sr = data.load("service_requests")
    sr = sr[sr["opened_date"].dt.year == 2025]
    assert 0.25 <= (sr["type"] == "complaint").mean() <= 0.35, (sr["type"] == "complaint").mean()
    sv = data.load("surveys")
    sv = sv[sv["year"] == 2025]
    means = sv.groupby(sv["customer_id"].map(_types(data)))["overall_satisfaction"].mean()
    assert means.max() - means.min() < 0.1, means.round(3).to_dict()


@claim(NB, "summary")
def summary_reads(data: ClaimData) -> None:
    """Hydra's customers are all business customers; most relationships are preferred-supplier ones, and the few
    partnerships sit among the larger accounts (none among the small ones)."""
    all_customers_are_business_customers(data)
    preferred_suppliers_most_partnerships_mid_pyramid(data)

"""Claims of lesson 11 (customer information): the raw extract's quality, duplicates, before/after, grading."""

from __future__ import annotations

import pandas as pd

from kamcourse import accounts, vocabulary
from kamcourse import customer_info as ci
from kamcourse.data import END_DATE, load_answers

from . import ClaimData, claim

NB = "notebooks/11_customer_information.ipynb"


def _true_customer() -> pd.Series:
    """The instructor table: the true customer of every raw record (default data)."""
    return load_answers("raw_account_ids").set_index("record_id")["customer_id"]


def _raw(data: ClaimData) -> tuple[pd.DataFrame, pd.DataFrame]:
    return data.load("raw_accounts"), data.load("raw_contacts")


@claim(NB, "age-read")
def records_age(data: ClaimData) -> None:
    age = ci.record_age(data.load("raw_accounts")["last_updated"], END_DATE)
    assert 300 <= age.median() <= 350, f"median age {age.median():.0f} days is not about eleven months"
    assert 0.5 < (age <= 365).mean() < 0.6, f"updated within a year: {(age <= 365).mean():.2f}"
    assert 0.04 <= (age > 730).mean() <= 0.065, f"stale share {(age > 730).mean():.3f} is not about one in twenty"


@claim(NB, "rates-read")
def completeness_validity_consistency(data: ClaimData) -> None:
    a, _ = _raw(data)
    comp = ci.completeness(a, ["industry_label", "phone"])
    assert round(comp["industry_label"], 2) == 0.98 and round(comp["phone"], 2) == 0.93, comp.round(3).to_dict()
    assert round(ci.validity(a["phone"]), 2) == 0.95, ci.validity(a["phone"])
    mobiles = ci.validity(data.load("raw_contacts")["mobile"])
    assert 0.93 <= mobiles <= 0.97, f"contact mobiles valid: {mobiles:.3f}, not about 95%"
    cons = ci.consistency(a["industry_label"], vocabulary.INDUSTRIES)
    assert 0.72 <= cons <= 0.78, f"consistency {cons:.3f} is not about three in four"
    assert cons < min(comp.min(), ci.validity(a["phone"])), "consistency is not the weak point"


@claim(NB, "labels-read")
def labels_mostly_standard_then_synonyms_then_fuzzy(data: ClaimData) -> None:
    a, _ = _raw(data)
    t = ci.standardize_labels(a["industry_label"])
    n = t["match"].value_counts()
    assert n["already_standard"] > n["synonym"] > n["fuzzy"] > n["missing"] > 0, n.to_dict()
    assert "unmatched" not in n and n["missing"] <= 10, n.to_dict()
    spellings = a.loc[t["standard_key"] == "construction_machinery", "industry_label"].nunique()
    assert spellings == 5, f"construction machinery is written {spellings} ways"


@claim(NB, "duplicates-read")
def pairs_mostly_different_few_dozen_duplicates_half_dozen_reviews(data: ClaimData) -> None:
    a, _ = _raw(data)
    n = ci.duplicate_pairs(a)["decision"].value_counts()
    assert n["different"] > n["duplicate"] + n["review"], n.to_dict()
    assert 24 <= n["duplicate"] <= 48 and 4 <= n["review"] <= 8, n.to_dict()
    review = ci.duplicate_pairs(a).query("decision == 'review'")
    assert (review["phone"] == "unknown").all(), "a pair under review has a phone to compare"
    assert (review["industry"] == "agree").mean() > 0.5 and (review["industry"] != "conflict").all(), review["industry"].tolist()


@claim(NB, "groups-read")
def groups_are_the_true_customers(data: ClaimData) -> None:
    a, _ = _raw(data)
    groups = ci.duplicate_groups(a, ci.duplicate_pairs(a))
    assert len(a) == 331 and groups.nunique() == 300, (len(a), groups.nunique())
    truth = _true_customer()
    same_group = pd.crosstab(groups, truth.reindex(groups.index))
    assert ((same_group > 0).sum(axis=1) == 1).all() and ((same_group > 0).sum(axis=0) == 1).all(), "groups differ from the customers"


@claim(NB, "profile-read")
def labels_worst_uniqueness_next(data: ClaimData) -> None:
    a, c = _raw(data)
    p = ci.quality_profile(a, c, END_DATE).set_index(["table", "field", "fault"])["rate"].sort_values()
    assert p.index[0] == ("raw_accounts", "industry_label", "inconsistent_label"), p.head(2).to_dict()
    assert p.index[1] == ("raw_accounts", "company_name", "duplicate_record"), p.head(2).to_dict()
    assert (p.iloc[1:] > 0.9).all() and 0.72 <= p.iloc[0] <= 0.78 and round(p.iloc[1], 2) == 0.91, p.round(3).to_dict()


@claim(NB, "departed-intro")
def forty_departed_contacts(data: ClaimData) -> None:
    _, c = _raw(data)
    assert len(ci.departed_contacts(c)) == 40


@claim(NB, "before-after-read")
def abc_before_and_after(data: ClaimData) -> None:
    a, _ = _raw(data)
    groups = ci.duplicate_groups(a, ci.duplicate_pairs(a))
    clean = ci.merge_duplicates(a, groups)
    raw_abc = accounts.abc_classes(a.set_index("record_id")["sales_last_12m"])
    clean_abc = accounts.abc_classes(clean["sales_last_12m"])
    assert (len(a), (raw_abc == "A").sum(), len(clean), (clean_abc == "A").sum()) == (331, 71, 300, 65)
    orders = data.load("orders")
    recent = orders[orders["order_date"] > END_DATE - pd.Timedelta(days=365)].groupby("customer_id")["net_revenue"].sum()
    ids = _true_customer()
    merged = clean["sales_last_12m"].rename(index=ids)
    assert (merged.reindex(recent.index) - recent).abs().max() < 0.005, "merged sales differ from the orders"
    true_a = set(clean_abc[clean_abc == "A"].index.map(ids))
    raw_a = set(ids[raw_abc[raw_abc == "A"].index])
    lost = true_a - raw_a
    assert len(lost) == 1, f"{len(lost)} true A customers lost in the raw data"
    pieces = raw_abc[ids.reindex(raw_abc.index).isin(lost).to_numpy()]
    assert len(pieces) >= 2 and (pieces == "B").all(), f"the lost A customer's records are {pieces.to_dict()}"
    counted = ids[raw_abc[raw_abc == "A"].index].value_counts()
    assert counted.max() in (2, 3), f"a customer counted {counted.max()} times among the raw A records"
    assert a["industry_label"].nunique() > 30 and clean["industry"].nunique() == 8


@claim(NB, "grades-read")
def grades_against_revenue_classes(data: ClaimData) -> None:
    customers, orders = data.load("customers"), data.load("orders")
    contribution = ci.customer_contribution(orders, data.load("cost_to_serve"), 2025).reindex(customers["customer_id"], fill_value=0.0)
    potential = ci.cooperation_potential(ci.potential_features(customers, orders, data.load("surveys"), 2025))
    grades = ci.customer_grades(contribution, potential)["grade"]
    share = grades.value_counts(normalize=True)
    assert 0.18 <= share["A"] <= 0.25 and share["C"] > 0.5, share.round(3).to_dict()
    revenue = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["net_revenue"].sum()
    abc = accounts.abc_classes(revenue.reindex(customers["customer_id"], fill_value=0.0))
    t = pd.crosstab(abc, grades)
    assert t.loc["A"].tolist() == [41, 15, 9], t.loc["A"].to_dict()
    assert 0 < t.loc["C", "A"] <= 10, t.loc["C"].to_dict()


@claim(NB, "exercises-read")
def stale_with_one_year_and_silent_contacts(data: ClaimData) -> None:
    a, c = _raw(data)
    faults = ci.find_faults(a, c, END_DATE, max_age_days=365)
    n = int((faults["fault"] == "stale_record").sum())
    assert 130 <= n <= 150 and 0.38 <= n / len(a) <= 0.46, n
    two_years = int((ci.find_faults(a, c, END_DATE)["fault"] == "stale_record").sum())
    assert two_years == 18, f"{two_years} stale records with the two-year limit"
    silent = c[(c["status"] == "active") & (c["last_contact_date"] < END_DATE - pd.Timedelta(days=730))]
    departed = set(ci.departed_contacts(c)["contact_record_id"])
    assert len(silent) > 0 and set(silent["contact_record_id"]) <= departed, "a silent contact is not one who left"
    assert len(silent) < len(departed) / 2, "most people who left are silent"


@claim(NB, "names-read")
def a_dropped_letter_scores_91_and_trade_names_repeat(data: ClaimData) -> None:
    near = ci.name_similarity("永达打包机械有限公司", "Yonda Baling & Packaging Machinery Co., Ltd.")
    other = ci.name_similarity("永达打包机械有限公司", "永丰打包机械有限公司")
    assert round(near) == 91 and other < 60, (near, other)
    customers = data.load("customers")
    trade = customers["name_zh"].map(lambda n: ci.company_name_key(n).trade)
    shared = customers.groupby(trade)["industry"].nunique()
    assert (shared > 1).sum() >= 5, f"only {(shared > 1).sum()} trade names are used in several industries"


@claim(NB, "pseudonymise-read")
def the_pseudonymised_table_gives_the_same_counts(data: ClaimData) -> None:
    _, c = _raw(data)
    view = c[["record_id", "role", "status", "last_contact_date"]].assign(
        record_id=ci.pseudonymise(c["record_id"], "hydra-class-secret-2025"))
    assert view["record_id"].nunique() == c["record_id"].nunique(), "the number of accounts changed"
    assert sorted(view.groupby("record_id").size()) == sorted(c.groupby("record_id").size()), "contacts per account changed"
    assert not {"name", "mobile", "note"} & set(view.columns)


@claim(NB, "purpose-read")
def marital_status_has_no_purpose_birthday_has_one(data: ClaimData) -> None:
    a, c = _raw(data)
    assert ci.fields_without_purpose([*a.columns, *c.columns]) == ["marital_status"]
    filled = int(c["marital_status"].notna().sum())
    assert 0 < filled < len(c), f"marital status filled in for {filled} of {len(c)} contacts, not 'some'"
    assert "birthday" in ci.PURPOSE_REGISTER


@claim(NB, "summary")
def summary_reads(data: ClaimData) -> None:
    """The weak points of the raw extract are the industry labels, then the duplicates; dirty records mean more
    "customers", other ABC classes and dozens of "industries"; many large buyers are not grade A."""
    labels_worst_uniqueness_next(data)
    a, _ = _raw(data)
    customers = data.load("customers")
    assert len(a) > len(customers) and a["industry_label"].nunique() > 30, (len(a), a["industry_label"].nunique())
    orders = data.load("orders")
    recent = orders[orders["order_date"] > END_DATE - pd.Timedelta(days=365)].groupby("customer_id")["net_revenue"].sum()
    raw_a = (accounts.abc_classes(a.set_index("record_id")["sales_last_12m"]) == "A").sum()
    true_a = (accounts.abc_classes(recent) == "A").sum()
    assert raw_a != true_a, f"the raw extract gives as many class A records ({raw_a}) as there are A customers"
    grades_against_revenue_classes(data)

"""The raw CRM extract (extension crm_extract): every fault built in is found by the kit's functions, and nothing else.

The answer table ``raw_extract_faults`` lists what the generator made; ``customer_info.find_faults`` must
return exactly those rows, on the default data and on two other seeds.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import customer_info as ci
from kamcourse import data, vocabulary
from kamcourse.data.extensions import EXTENSIONS, crm_extract

KEY = ["table", "row_id", "fault", "field"]


@pytest.fixture(scope="module", params=[data.DEFAULT_SEED, 3, 4], ids=lambda s: f"seed{s}")
def tables(request) -> dict[str, pd.DataFrame]:
    if request.param == data.DEFAULT_SEED:
        names = ["raw_accounts", "raw_contacts", "orders", "customers"]
        out = {n: data.load(n) for n in names}
        out.update({n: data.load_answers(n) for n in ["raw_extract_faults", "raw_account_ids"]})
        return out
    return data.generate(seed=request.param)


def test_the_extension_is_registered_and_its_tables_load() -> None:
    assert crm_extract.EXTENSION in EXTENSIONS
    assert {"raw_accounts", "raw_contacts"} <= set(data.names())
    assert {"raw_extract_faults", "raw_account_ids"} <= set(data.answer_names())


def test_find_faults_finds_exactly_the_faults_built_in(tables) -> None:
    found = ci.find_faults(tables["raw_accounts"], tables["raw_contacts"], data.END_DATE)
    built = tables["raw_extract_faults"]
    got, want = set(map(tuple, found[KEY].to_numpy())), set(map(tuple, built[KEY].to_numpy()))
    assert got - want == set(), f"found but not built: {sorted(got - want)[:5]}"
    assert want - got == set(), f"built but not found: {sorted(want - got)[:5]}"


def test_every_fault_type_is_built_in(tables) -> None:
    counts = tables["raw_extract_faults"].groupby(["table", "fault"]).size()
    for table, fault in [("raw_accounts", f) for f in vocabulary.DATA_FAULTS if f != "departed_contact"] + [
            ("raw_contacts", "missing_value"), ("raw_contacts", "malformed_phone"), ("raw_contacts", "departed_contact")]:
        assert counts.get((table, fault), 0) >= 5, f"too few {fault} in {table}: {counts.get((table, fault), 0)}"
    assert set(tables["raw_extract_faults"]["fault"]) == set(vocabulary.DATA_FAULTS)


def test_the_duplicate_groups_are_the_true_customers(tables) -> None:
    accounts = tables["raw_accounts"]
    groups = ci.duplicate_groups(accounts, ci.duplicate_pairs(accounts))
    truth = tables["raw_account_ids"].set_index("record_id")["customer_id"].reindex(groups.index)
    assert groups.groupby(truth).nunique().eq(1).all(), "a customer's records are split over groups"
    assert truth.groupby(groups).nunique().eq(1).all(), "a group merges different customers"
    assert groups.nunique() == len(tables["customers"])


def test_corrected_values_are_what_the_functions_recover(tables) -> None:
    a = tables["raw_accounts"].set_index("record_id")
    f = tables["raw_extract_faults"]
    labels = f[(f["fault"] == "inconsistent_label")]
    std = ci.standardize_labels(a.loc[labels["row_id"], "industry_label"])["standard_key"]
    assert list(std) == list(labels["correct_value"]), "a label maps to the wrong industry"


def test_merged_sales_equal_the_orders(tables) -> None:
    """The split sales add up again: merging recovers each customer's last-12-months revenue to the cent."""
    accounts = tables["raw_accounts"]
    merged = ci.merge_duplicates(accounts, ci.duplicate_groups(accounts, ci.duplicate_pairs(accounts)))
    ids = tables["raw_account_ids"].set_index("record_id")["customer_id"]
    orders = tables["orders"]
    recent = orders[orders["order_date"] > data.END_DATE - pd.Timedelta(days=365)].groupby("customer_id")["net_revenue"].sum()
    got = merged["sales_last_12m"].rename(index=ids).reindex(tables["customers"]["customer_id"])
    want = recent.reindex(tables["customers"]["customer_id"], fill_value=0.0)
    assert (got - want).abs().max() < 0.005


def test_departed_contacts_have_both_kinds_of_evidence(tables) -> None:
    evidence = ci.departed_contacts(tables["raw_contacts"])["evidence"].value_counts()
    assert evidence.get("note", 0) > 0 and evidence.get("moved", 0) > 0, evidence.to_dict()


def test_a_variant_has_other_faults() -> None:
    other = data.generate(seed=5)["raw_extract_faults"]
    assert not other[KEY].equals(data.load_answers("raw_extract_faults")[KEY])

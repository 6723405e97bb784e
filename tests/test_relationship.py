"""Tests for kamcourse.relationship: Kotler's levels and matrix, KAM stages, contact coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.relationship import (
    KAM_STAGE_DESCRIPTIONS,
    KAM_STAGES,
    MCDONALD_ROGERS_DESCRIPTIONS,
    MCDONALD_ROGERS_STAGES,
    RELATIONSHIP_LEVEL_DESCRIPTIONS,
    RELATIONSHIP_LEVELS,
    contact_coverage,
    kam_stages,
    relationship_level_table,
    relationship_levels,
    relationship_matrix,
)

# The nine cells as the course materials print Kotler's matrix (关系营销的水平; CONTENT §5.4).
COURSE_MATERIALS_MATRIX = {
    ("many", "high"): ("accountable",),
    ("many", "medium"): ("reactive",),
    ("many", "low"): ("basic", "reactive"),
    ("medium", "high"): ("proactive",),
    ("medium", "medium"): ("accountable",),
    ("medium", "low"): ("reactive",),
    ("few", "high"): ("partnership",),
    ("few", "medium"): ("proactive",),
    ("few", "low"): ("accountable",),
}


def test_kotler_levels_in_order() -> None:
    """Kotler & Keller (CONTENT §5.4): basic, reactive, accountable, proactive, partnership."""
    assert RELATIONSHIP_LEVELS == ("basic", "reactive", "accountable", "proactive", "partnership")


@pytest.mark.parametrize("cell, expected", sorted(COURSE_MATERIALS_MATRIX.items()))
def test_matrix_cells_as_the_course_materials_print_them(cell, expected) -> None:
    assert relationship_levels(*cell) == expected


def test_every_level_in_the_matrix_is_a_known_level() -> None:
    assert {lvl for cell in COURSE_MATERIALS_MATRIX.values() for lvl in cell} == set(RELATIONSHIP_LEVELS)


def test_closer_relationship_with_fewer_customers_and_higher_margin() -> None:
    rank = {lvl: i for i, lvl in enumerate(RELATIONSHIP_LEVELS)}
    for margin in ("high", "medium", "low"):
        r = [max(rank[x] for x in relationship_levels(n, margin)) for n in ("many", "medium", "few")]
        assert r == sorted(r)


def test_unknown_categories_list_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="n_customers must be one of 'many', 'medium', 'few'; got 'lots'"):
        relationship_levels("lots", "high")
    with pytest.raises(ValueError, match="margin must be one of 'high', 'medium', 'low'; got 'huge'"):
        relationship_levels("few", "huge")


def test_relationship_matrix_labels_in_both_languages() -> None:
    en = relationship_matrix("en")
    assert en.shape == (3, 3) and en.loc["many", "low"] == "basic or reactive"
    zh = relationship_matrix("zh")
    # the Chinese names the course materials use: 基本型, 反应型, 责任型, 积极型, 合伙型
    assert zh.loc["few", "high"] == "合伙型" and zh.loc["many", "high"] == "责任型"
    assert zh.loc["many", "low"] == "基本型或反应型"
    i18n.set_language("zh")
    assert relationship_matrix().loc["medium", "high"] == "积极型"


def test_millman_wilson_order() -> None:
    """Millman & Wilson (1996): pre-, early-, mid-, partnership-, synergistic-, uncoupling-KAM."""
    assert KAM_STAGES == ("pre_kam", "early_kam", "mid_kam", "partnership_kam", "synergistic_kam", "uncoupling_kam")
    table = kam_stages()
    assert table.index.tolist() == list(KAM_STAGES) and table["step"].tolist() == [1, 2, 3, 4, 5, 6]
    assert table["description"].str.len().min() > 10


def test_mcdonald_rogers_order() -> None:
    """McDonald & Rogers (1998; CONTENT §5.2): exploratory, basic, cooperative, interdependent, integrated (+ disintegrating)."""
    assert [s.removesuffix("_kam") for s in MCDONALD_ROGERS_STAGES] == [
        "exploratory", "basic", "cooperative", "interdependent", "integrated", "disintegrating",
    ]
    assert kam_stages("mcdonald_rogers", "zh")["name"].str.len().min() > 0
    with pytest.raises(ValueError, match="model must be one of"):
        kam_stages("kotler")


# --- contact coverage ----------------------------------------------------------


@pytest.fixture
def contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": range(12),
            "customer_id": ["C1"] * 3 + ["C2"] * 4 + ["C3"] * 5,
            "staff_id": ["S1", "S1", "S1", "S1", "S2", "S3", "S2", "S4", "S4", "S4", "S4", "S5"],
        }
    )


def test_coverage_counts_and_models(contacts) -> None:
    table = contact_coverage(contacts)
    assert table.index.tolist() == ["C1", "C2", "C3"]
    assert table["n_contacts"].tolist() == [3, 4, 5]
    assert table["n_owners"].tolist() == [1, 3, 2]
    assert table["key_person"].tolist() == ["S1", "S2", "S4"]
    assert table["key_person_share"].tolist() == pytest.approx([1.0, 0.5, 0.8])
    # C1: one owner; C3: one person holds 80% (the kit's bow-tie threshold) -> bow tie
    assert table["model"].tolist() == ["bow_tie", "diamond", "bow_tie"]
    assert table["key_person_risk"].tolist() == [True, False, True]


def test_coverage_thresholds_are_parameters(contacts) -> None:
    table = contact_coverage(contacts, bow_tie_share=0.9, min_owners=2)
    assert table.loc["C3", "model"] == "diamond"
    assert contact_coverage(contacts, min_owners=4).loc["C2", "model"] == "bow_tie"


def test_coverage_tie_picks_smallest_staff_id() -> None:
    c = pd.DataFrame({"customer_id": ["X"] * 4, "staff_id": ["S9", "S2", "S9", "S2"]})
    row = contact_coverage(c).loc["X"]
    assert row["key_person"] == "S2" and row["key_person_share"] == 0.5
    assert row["model"] == "bow_tie"  # two owners only: below the kit's min_owners=3
    assert contact_coverage(c, min_owners=2).loc["X", "model"] == "diamond"


def test_coverage_with_staff_flags_leavers(contacts) -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["S1", "S2", "S3", "S4", "S5"],
            "leave_date": pd.to_datetime(["2024-06-30", None, "2025-03-01", None, None]),
        }
    )
    table = contact_coverage(contacts, staff)
    assert table["key_person_left"].tolist() == [True, False, False]
    assert table["owners_left"].tolist() == [1, 2, 0]  # C2: S1 and S3 have left
    # before S1 left, the bow tie is a risk but the key person is still there
    early = contact_coverage(contacts, staff, as_of="2024-01-01")
    assert early["key_person_left"].tolist() == [False, False, False]
    assert early["owners_left"].tolist() == [0, 0, 0]


def test_key_person_who_left_is_a_risk_even_in_a_diamond() -> None:
    c = pd.DataFrame({"customer_id": ["X"] * 4, "staff_id": ["S1", "S1", "S2", "S3"]})
    staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3"], "leave_date": pd.to_datetime(["2025-01-01", None, None])})
    row = contact_coverage(c, staff).loc["X"]
    assert row["model"] == "diamond" and row["key_person_risk"]


def test_coverage_bad_inputs(contacts) -> None:
    with pytest.raises(ValueError, match=r"missing column\(s\) 'staff_id'; columns present: contact_id, customer_id"):
        contact_coverage(contacts.drop(columns="staff_id"))
    with pytest.raises(TypeError, match="contacts must be a pandas DataFrame"):
        contact_coverage([("C1", "S1")])
    bad = contacts.copy()
    bad.loc[4, "staff_id"] = None
    with pytest.raises(ValueError, match=r"contacts\['staff_id'\] contains 1 missing value"):
        contact_coverage(bad)
    with pytest.raises(ValueError, match=r"bow_tie_share must be in \(0, 1\]"):
        contact_coverage(contacts, bow_tie_share=0)
    staff = pd.DataFrame({"staff_id": ["S1"], "leave_date": [pd.NaT]})
    with pytest.raises(ValueError, match="not in staff"):
        contact_coverage(contacts, staff)
    with pytest.raises(ValueError, match="staff is missing column"):
        contact_coverage(contacts, staff.drop(columns="leave_date"))


def test_descriptions_in_both_languages_match_the_constants() -> None:
    for constants in (RELATIONSHIP_LEVEL_DESCRIPTIONS, KAM_STAGE_DESCRIPTIONS, MCDONALD_ROGERS_DESCRIPTIONS):
        for key, text in constants.items():
            assert i18n.label(f"{key}_desc", "en") == text
            assert any("\u4e00" <= ch <= "\u9fff" for ch in i18n.label(f"{key}_desc", "zh"))


def test_relationship_level_table() -> None:
    table = relationship_level_table("en")
    assert table.index.tolist() == list(RELATIONSHIP_LEVELS)
    assert table.loc["partnership", "description"] == RELATIONSHIP_LEVEL_DESCRIPTIONS["partnership"]
    # the course materials' Chinese names
    assert relationship_level_table("zh")["name"].tolist() == ["基本型", "反应型", "责任型", "积极型", "合伙型"]
    with pytest.raises(ValueError, match="language must be one of"):
        relationship_level_table("fr")


def test_coverage_recovers_the_generators_contact_models() -> None:
    """On the kit's data, the kit's bow-tie/diamond rule finds the model each account was built with
    (instructor table account_profiles.coverage_model; datasets/README.md describes how contacts were made)."""
    data = pytest.importorskip("kamcourse.data")
    try:
        contacts, staff = data.load("contacts"), data.load("staff")
        intended = data.load_answers("account_profiles").set_index("customer_id")["coverage_model"]
    except FileNotFoundError:
        pytest.skip("datasets not generated")
    coverage = contact_coverage(contacts, staff)
    assert (coverage["model"] == intended.reindex(coverage.index)).mean() >= 0.98
    # the runaway-horse account: a bow tie whose key person has left (instructor table runaway_horse)
    horse = data.load_answers("runaway_horse").iloc[0]
    row = coverage.loc[horse["customer_id"]]
    assert row["model"] == "bow_tie" and row["key_person"] == horse["staff_id"] and row["key_person_left"]


def test_printed_layout_is_the_transpose() -> None:
    """Course materials, table 关系营销的水平: margin as rows (高/中/低利润), customers as columns (很多/中等/很少)."""
    printed = relationship_matrix("zh").T
    assert printed.index.tolist() == ["high", "medium", "low"]
    assert printed.columns.tolist() == ["many", "medium", "few"]
    assert printed.loc["high"].tolist() == ["责任型", "积极型", "合伙型"]
    assert printed.loc["medium"].tolist() == ["反应型", "责任型", "积极型"]
    assert printed.loc["low"].tolist() == ["基本型或反应型", "反应型", "责任型"]

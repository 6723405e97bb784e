"""One source for the course vocabulary: the concept modules and the data generator use kamcourse.vocabulary's keys."""

from __future__ import annotations

import pytest

from kamcourse import data, development, lifecycle, relationship, satisfaction, vocabulary
from kamcourse.cases import runaway_horse
from kamcourse.data.simulate import catalog


def test_concept_modules_hand_out_the_vocabulary_objects_themselves() -> None:
    assert lifecycle.STAGES is vocabulary.STAGES
    assert satisfaction.KANO_ANSWERS is vocabulary.KANO_ANSWERS
    assert satisfaction.KANO_CATEGORIES is vocabulary.KANO_CATEGORIES
    assert satisfaction.KANO_CODES is vocabulary.KANO_CODES
    assert satisfaction.ATTRIBUTES is vocabulary.SURVEY_ATTRIBUTES
    assert development.PIPELINE_STAGES is vocabulary.PIPELINE_STAGES
    assert relationship.COVERAGE_MODELS is vocabulary.COVERAGE_MODELS
    assert data.STAGE_RULES is vocabulary.STAGE_RULES


def test_tables_built_from_the_vocabulary_agree_with_it() -> None:
    assert tuple(development.PROSPECTING_METHODS["key"]) == vocabulary.PROSPECTING_METHOD_KEYS
    assert set(vocabulary.PROSPECTING_METHOD_KEYS) <= set(development.ORIENTATION)
    assert set(runaway_horse.ROLE_MAP) == set(vocabulary.CONTACT_ROLES)
    assert set(runaway_horse.DIAMOND_ROLES) <= set(vocabulary.CONTACT_ROLES)
    table = satisfaction.KANO_EVALUATION_TABLE
    letters = {v: k for k, v in vocabulary.KANO_CODES.items()}
    for functional, row in vocabulary.KANO_EVALUATION.items():
        assert table.loc[functional].tolist() == [letters[c] for c in row]
    assert set(catalog.KANO_FEATURES.values()) <= set(vocabulary.KANO_CATEGORIES)
    assert set(catalog.KANO_MIX) <= set(vocabulary.KANO_CATEGORIES)


def test_classify_stages_defaults_are_the_stage_rules() -> None:
    import inspect

    params = inspect.signature(lifecycle.classify_stages).parameters
    rules = vocabulary.STAGE_RULES
    assert params["exploration_days"].default == rules["exploration_max_tenure_days"] == 273
    assert params["formation_days"].default == rules["formation_max_tenure_days"] == 913
    assert params["termination_days"].default == rules["termination_min_recency_days"] == 270
    assert params["growth_ratio"].default == rules["formation_min_growth"] == 1.3
    assert params["decline_ratio"].default == rules["decline_max_ratio"] == 0.75


@pytest.mark.parametrize(
    ("table", "column", "keys"),
    [
        ("customers", "industry", vocabulary.INDUSTRIES),
        ("customers", "region", vocabulary.REGIONS),
        ("customers", "size_band", vocabulary.SIZE_BANDS),
        ("customers", "acquisition_method", vocabulary.PROSPECTING_METHOD_KEYS),
        ("staff", "role", vocabulary.STAFF_ROLES),
        ("contacts", "role", vocabulary.CONTACT_ROLES),
        ("contacts", "decision_level", vocabulary.DECISION_LEVELS),
        ("opportunities", "furthest_stage", vocabulary.PIPELINE_STAGES),
        ("opportunities", "stage", (*vocabulary.PIPELINE_STAGES, *vocabulary.CLOSED_STAGES)),
        ("orders", "product_line", vocabulary.PRODUCT_LINES),
        ("service_requests", "type", vocabulary.SERVICE_TYPES),
        ("service_requests", "severity", vocabulary.SEVERITIES),
        ("kano_survey", "functional", vocabulary.KANO_ANSWERS),
        ("kano_survey", "dysfunctional", vocabulary.KANO_ANSWERS),
        ("prospects", "method", vocabulary.PROSPECTING_METHOD_KEYS),
    ],
)
def test_the_data_speaks_the_vocabulary(table, column, keys) -> None:
    values = set(data.load(table)[column])
    assert values <= set(keys), f"{table}.{column} holds {sorted(values - set(keys))}"


def test_the_answer_tables_and_the_survey_columns_speak_the_vocabulary() -> None:
    assert set(data.load_answers("lifecycle_stages")["intended_stage"]) == set(vocabulary.STAGES)
    assert set(data.load_answers("account_profiles")["coverage_model"]) == set(vocabulary.COVERAGE_MODELS)
    assert set(data.load_answers("kano_intended")["intended_category"]) <= set(vocabulary.KANO_CATEGORIES)
    columns = set(data.load("surveys").columns)
    for attr in vocabulary.SURVEY_ATTRIBUTES:
        assert {f"expectation_{attr}", f"performance_{attr}", f"importance_{attr}"} <= columns


def test_the_practice_crm_speaks_the_vocabulary() -> None:
    """The practice CRM's key lists are the vocabulary's objects (read from the source: no Django set-up needed);
    its one written-out list, the service request types in the form's order, holds exactly the vocabulary's keys."""
    import ast
    from pathlib import Path

    web = Path(vocabulary.__file__).parent / "practice" / "web"
    imported = set()
    for path in web.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module == "kamcourse.vocabulary":
                imported |= {a.name for a in node.names}
    assert {"INDUSTRIES", "REGIONS", "SIZE_BANDS", "CONTACT_ROLES", "DECISION_LEVELS", "PROSPECTING_METHOD_KEYS",
            "STAFF_ROLES", "SEVERITIES", "PIPELINE_STAGES", "CLOSED_STAGES"} <= imported
    tree = ast.parse((web / "service" / "models.py").read_text(encoding="utf-8"))
    request_types = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                         and any(getattr(t, "id", "") == "REQUEST_TYPES" for t in n.targets))
    assert sorted(request_types) == sorted(vocabulary.SERVICE_TYPES)

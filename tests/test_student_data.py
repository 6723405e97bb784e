"""Per-student data variants (issues 6, 14): same tables and patterns, different numbers,
deterministic from a course secret and the id; a student's server and grading kernel get only
that student's key, never the secret; graded against the submission owner's variant."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kamcourse import data
from kamcourse.accounts import top_share
from kamcourse.data import variants


@pytest.fixture(autouse=True)
def _clean_identity(monkeypatch, tmp_path):
    for key in ("KAMCOURSE_STUDENT", "JUPYTERHUB_USER", "NBGRADER_EXECUTION", "KAMCOURSE_SECRET", variants.KEY_ENV):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("KAMCOURSE_VARIANT_CACHE", str(tmp_path / "variants"))
    variants._variant_frames.cache_clear()
    data.set_student(None)
    yield
    data.set_student(None)
    variants._variant_frames.cache_clear()


def test_variants_share_tables_but_not_numbers() -> None:
    alice, bob = data.for_student("alice"), data.for_student("bob")
    for name in data.names():
        a, b, default = alice.load(name), bob.load(name), data.load(name)
        assert list(a.columns) == list(default.columns) == list(b.columns), name
        assert dict(a.dtypes.astype(str)) == dict(default.dtypes.astype(str)), name
    assert alice.load("orders")["net_revenue"].sum() != bob.load("orders")["net_revenue"].sum()
    # the tables only a11 and a14 read (raw CRM extract, firmographics, quote lines) are per student as well
    for name in ("raw_accounts", "raw_contacts", "firmographics", "opportunity_lines"):
        assert not alice.load(name).equals(bob.load(name)), f"{name} is the same for two students"


def test_variants_are_deterministic_and_depend_on_the_secret() -> None:
    first = data.for_student("alice", "course-2026").load("orders")
    variants._variant_frames.cache_clear()
    again = data.for_student("alice", "course-2026").load("orders")
    pd.testing.assert_frame_equal(first, again)
    assert data.seed_for("alice", "course-2026") != data.seed_for("alice", "other-secret")


@pytest.mark.parametrize("student", ["alice", "bob", "2024001"])
def test_variants_keep_the_teaching_patterns(student) -> None:
    orders = data.for_student(student).load("orders")
    revenue = orders.groupby("customer_id")["net_revenue"].sum()
    assert 0.65 <= top_share(revenue, 0.2) <= 0.9


def test_whose_notebook_is_it(monkeypatch) -> None:
    assert data.student_id() is None and data.my_data().seed is None  # public default data
    monkeypatch.setenv("JUPYTERHUB_USER", "hubuser")
    assert data.student_id() == "hubuser"
    data.set_student("explicit")
    assert data.student_id() == "explicit"
    # while grading, the owner named by the grader wins over anything the notebook says
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("KAMCOURSE_STUDENT", "owner")
    assert data.student_id() == "owner"
    assert data.my_data().seed == data.seed_for("owner")


@pytest.mark.security
def test_a_key_gives_its_own_student_the_variant_and_nobody_else(monkeypatch) -> None:
    """On the hub a student's server holds only their key: it chooses their variant without the secret,
    and it is no help for a classmate's variant (issue 14)."""
    secret = "hub-secret-2026"
    alice_seed, bob_seed = data.seed_for("alice", secret), data.seed_for("bob", secret)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    monkeypatch.setenv(variants.KEY_ENV, variants.student_key("alice", secret))
    assert data.my_data().seed == alice_seed, "Alice's key alone gives Alice's variant"
    assert data.for_student("bob").seed != bob_seed, "without the secret, Bob's variant is out of reach"
    data.set_student("bob")
    assert data.my_data().seed != bob_seed
    # the key is an HMAC: it is not the secret, and one student's key says nothing of another's
    key = variants.student_key("alice", secret)
    assert secret not in key and len(key) == 64 and key != variants.student_key("bob", secret)
    import hashlib
    import hmac

    assert key == hmac.new(secret.encode(), b"alice", hashlib.sha256).hexdigest()  # RFC 2104 HMAC-SHA256


@pytest.mark.security
def test_the_grader_uses_the_secret_and_the_kernel_the_owners_key(monkeypatch) -> None:
    secret = "grading-secret"
    monkeypatch.setenv("KAMCOURSE_SECRET", secret)
    expected = data.seed_for("owner")
    monkeypatch.delenv("KAMCOURSE_SECRET")
    for key, value in {"NBGRADER_EXECUTION": "autograde", "KAMCOURSE_STUDENT": "owner",
                       variants.KEY_ENV: variants.student_key("owner", secret)}.items():
        monkeypatch.setenv(key, value)
    data.set_student("someone-else")  # a notebook cannot change whose data is graded
    assert data.my_data().seed == expected


def test_bad_student_id() -> None:
    with pytest.raises(ValueError, match="student must be a non-empty id"):
        data.for_student("  ")
    with pytest.raises(ValueError, match="unknown table 'ordrs'"):
        data.for_student("alice").load("ordrs")


def test_grading_generates_a_students_variant_once(monkeypatch) -> None:
    """The grader writes only the tables an assignment loads; its checks and the kernel read them (issue 14)."""
    made: list[tuple[str, ...]] = []
    real = variants.generate
    monkeypatch.setattr(variants, "generate", lambda **kw: made.append(kw["tables"]) or real(**kw))
    variants._generated.cache_clear()
    folder = variants.variant_folder("alice", "course-2026", tables=("orders",))
    assert folder is not None and sorted(p.name for p in folder.iterdir()) == ["orders.csv"]
    alice = data.for_student("alice", "course-2026")
    checks = alice.load("orders")  # the grader's checks, in the grader's process
    variants._variant_frames.cache_clear()  # the grading kernel: another process, reading the folder
    variants._generated.cache_clear()
    kernel = alice.load("orders")
    pd.testing.assert_frame_equal(checks, kernel, check_exact=True)
    assert len(made) == 1, made
    alice.load("customers")  # a table the grader did not write: generated where it is loaded, with its group
    assert len(made) == 2 and {p.stem for p in folder.iterdir()} == set(variants._CORE_TABLES)


def _literal(value) -> str | None:
    if isinstance(value, (bool, int, float, str)):
        return repr(value)
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        return repr(value.item())
    return None


@pytest.mark.slow
@pytest.mark.security
# a07 (survey data); a10 and a11, the CRM chapter's (the raw CRM extract, whose faults differ per student)
@pytest.mark.parametrize("name", ["a07_satisfaction", "a10_crm_foundations", "a11_customer_information"])
def test_a_classmates_pasted_answers_fail(name, tmp_path, monkeypatch) -> None:
    """Alice solves the assignment on her data; Bob pastes Alice's numbers: graded against Bob's variant they fail."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from roundtrip import ROOT, build_submission, meta, solution_source
    from roundtrip import Course as RoundtripCourse

    from kamcourse.instructor import Course, grade, release
    from kamcourse.instructor.checker import assigned_names

    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "assignments" / name, tmp_path / "assignments" / name)
    course = Course(tmp_path)
    release([name], course=course, out=io.StringIO())
    # Alice's answers as literal values, computed the way her notebook would
    source = nbformat.read(tmp_path / "assignments" / name / f"{name}.ipynb", as_version=4)
    monkeypatch.setenv("KAMCOURSE_STUDENT", "alice")
    namespace: dict = {"display": lambda *a, **k: None}
    pasted: dict[str, str] = {}
    for cell in source.cells:
        if cell.cell_type != "code" or meta(cell).get("grade"):
            continue
        code = solution_source(cell) if meta(cell).get("solution") else cell.source
        exec(compile(code, "<cell>", "exec"), namespace)  # noqa: S102 - the kit's own source notebook
        if meta(cell).get("solution"):
            lines = [f"{n} = {_literal(namespace[n])}" for n in assigned_names(code) if _literal(namespace.get(n)) is not None]
            if lines:
                pasted[meta(cell)["grade_id"]] = "\n".join(lines)
    monkeypatch.delenv("KAMCOURSE_STUDENT")
    assert pasted, f"{name} should have answers that are plain numbers"
    rc = RoundtripCourse(tmp_path, name)
    for student, spec in {"alice": "solution", "bob": {"__base__": "solution", **pasted}}.items():
        folder = tmp_path / "submitted" / student / name
        folder.mkdir(parents=True)
        for nb_name, nb in build_submission(rc, spec).items():
            nbformat.write(nb, folder / nb_name)
    rows = {r.student: r for r in grade(name, course=course, jobs=2, out=io.StringIO())}
    alice_lost = [v["grade_id"] for v in rows["alice"].verdicts if not v["passed"]]
    bob_lost = [v["grade_id"] for v in rows["bob"].verdicts if not v["passed"]]
    assert alice_lost == [], f"Alice's own solution must earn everything on her data: {rows['alice']}"
    assert bob_lost, "Bob's pasted numbers must fail on his own data"
    assert rows["bob"].score < rows["alice"].score

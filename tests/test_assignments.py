"""Every nbgrader assignment: no leaks to students, the solution earns everything,
a blank notebook nothing, a plausible wrong answer part of the points.

Wrong answers live in ``tests/assignment_answers/<assignment>.py`` as
``WRONG = {grade_id: source, ...}`` (``"__base__": "solution"`` starts from the
solution), so they are never released with the assignment. An answers file may also name, in
``LOSES``, the grade cells its wrong submission must lose: then it must lose those and no other.
"""

from __future__ import annotations

import nbformat
import pytest
from roundtrip import (
    ASSIGNMENTS,
    HIDDEN_BLOCK,
    SOLUTION_BLOCK,
    answers,
    assignment_names,
    make_course,
    meta,
    roundtrip,
    three_submissions,
    total,
)

NAMES = assignment_names()
# A Chinese twin (<name>_zh) runs the English program: tests/test_translation.py checks its code cell by cell and
# tests/test_translation_assignments.py grades a sample of twins against their English assignment. The full round
# trip here runs on the English sources. Every twin is released by `kamcourse release` (its own leak check) when
# the student edition is built, and tests/test_edition.py searches that edition, every file of it, for every
# solution and hidden-test line and every nbgrader marker: releasing each twin once more here would test nothing new.
# Tests of one assignment share its scratch course: keep them on one xdist worker.
ENGLISH = [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in NAMES if not n.endswith("_zh")]
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")




def _secret_lines(cells) -> set[str]:
    """Non-trivial lines of solutions and hidden tests (what must never reach students)."""
    lines: set[str] = set()
    for cell in cells:
        m = meta(cell)
        blocks = []
        if m.get("solution") and cell.cell_type == "code":
            blocks += SOLUTION_BLOCK.findall(cell.source)
        if m.get("grade"):
            blocks += HIDDEN_BLOCK.findall(cell.source)
        for block in blocks:
            for line in block.splitlines():
                s = line.strip()
                if len(s) >= 12 and not s.startswith("#"):
                    lines.add(s)
    return lines


def test_assignments_exist() -> None:
    assert "a00_getting_started" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_source_is_well_formed(name: str) -> None:
    for path in sorted((ASSIGNMENTS / name).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.get("outputs") for c in code), f"{path.name}: clear outputs"
        graded = [c for c in nb.cells if meta(c).get("grade")]
        auto = [c for c in graded if c.cell_type == "code"]
        manual = [c for c in graded if c.cell_type == "markdown" and meta(c).get("solution")]
        assert auto, f"{path.name}: no autograded test cell"
        assert manual, f"{path.name}: no manually graded written answer"
        for cell in manual:
            assert "rubric" in cell.source.lower(), f"{meta(cell)['grade_id']}: written answer needs a rubric"
        assert any(HIDDEN_BLOCK.search(c.source) for c in auto), f"{path.name}: no hidden tests"
        ids = [meta(c)["grade_id"] for c in nb.cells if meta(c)]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate grade_id"


@pytest.mark.slow
@pytest.mark.parametrize("name", ENGLISH)
@pytest.mark.security
def test_student_version_has_no_solution_or_hidden_test(name: str, course_for) -> None:
    course = course_for(name)
    assert course.released, "generate_assignment produced no notebook"
    for src_path in course.source_notebooks():
        secrets = _secret_lines(nbformat.read(src_path, as_version=4).cells)
        assert secrets, f"{src_path.name}: nothing secret found; check the markers"
        released = (course.root / "release" / name / src_path.name).read_text(encoding="utf-8")
        for marker in MARKERS:
            assert marker not in released, f"{marker!r} left in the student version of {src_path.name}"
        leaked = sorted(s for s in secrets if s in released)
        assert not leaked, f"student version of {src_path.name} leaks: {leaked[:3]}"


@pytest.mark.slow
def test_plain_nbgrader_round_trip(tmp_path) -> None:
    """The kit's assignments stay plain nbgrader assignments: nbgrader's own commands grade them."""
    name = "a00_getting_started"
    course = make_course(name, tmp_path, cli=True)
    scores = roundtrip(name, three_submissions(name), tmp_path, course=course, engine="nbgrader")
    assert total(scores["solution"])[0] == total(scores["solution"])[1] > 0
    assert total(scores["blank"])[0] == 0
    assert 0 < total(scores["wrong"])[0] < total(scores["wrong"])[1]


@pytest.mark.slow
@pytest.mark.parametrize("name", ENGLISH)
def test_grading_round_trip(name: str, graded_for) -> None:
    """Graded the way instructors grade with the kit (`kamcourse grade`: checks outside the
    student's kernel, each student on their own data variant)."""
    scores = graded_for(name)
    got, possible = total(scores["solution"])
    assert possible > 0
    assert got == pytest.approx(possible), f"the solution earns {got}/{possible}: {scores['solution']}"
    blank, _ = total(scores["blank"])
    assert blank == 0, f"an unanswered notebook earns {blank}: {scores['blank']}"
    wrong, _ = total(scores["wrong"])
    assert 0 < wrong < possible, f"a plausible wrong answer should earn part: {wrong}/{possible}"
    loses = getattr(answers(name), "LOSES", None)  # optional: the cells each wrong answer must fail, and only those
    if loses is not None:
        lost = {g for g, (got, most) in scores["wrong"].items() if got < most}
        assert lost == set(loses), f"the wrong answers lose {sorted(lost)}, expected {sorted(loses)}"

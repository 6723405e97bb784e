"""The assignments' rules that are not about grading mechanics (issues 12 and 21).

- Half of the autograded points need reasoning: ``docs/CONTRIBUTING.md`` records, per assignment,
  which test cells count and why; this test reads that record and checks it against the notebooks.
- Grade cells are small: 0.5 or 1 point, so partial work earns partial credit.
- Feedback that helps: every test cell imports ``kamcourse.checks`` and ends with ``passed("<q>")``
  after its hidden block, so a student sees "q1 passed" (or one line saying what is wrong).
- Tests read only what ``kamcourse grade`` carries out of the student's kernel: names assigned at the
  top level of a solution block, or defined by the instructor's cells or the test itself.
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "docs" / "CONTRIBUTING.md"
KINDS = {"formula", "inverse", "interpretation", "decision", "application"}
ROW = re.compile(r"^\|\s*([a-z]\d\d_\w+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|(.*?)\|(.*?)\|\s*$")
CELL = re.compile(r"^\s*(\w+)\s*\((\w+)\)\s*$")


def _english_assignments() -> list[str]:
    return sorted(p.name for p in (ROOT / "assignments").iterdir()
                  if p.is_dir() and not p.name.endswith("_zh") and list(p.glob("*.ipynb")))


def parse_record(text: str) -> dict[str, dict]:
    """The rows of the reasoning record: ``{assignment: {"auto", "reasoning", "cells": {grade_id: kind}, "why"}}``."""
    start = text.index("<!-- reasoning-record")
    end = text.index("<!-- /reasoning-record -->")
    rows: dict[str, dict] = {}
    for line in text[start:end].splitlines():
        found = ROW.match(line)
        if not found:
            continue
        name, auto, reasoning, cells, why = found.groups()
        parsed = {}
        for item in cells.split(","):
            cell = CELL.match(item)
            assert cell, f"{name}: cannot read {item!r}; write 'grade_id (kind)'"
            parsed[cell.group(1)] = cell.group(2)
        rows[name] = {"auto": float(auto), "reasoning": float(reasoning), "cells": parsed, "why": why.strip()}
    return rows


def _graded_code(name: str) -> dict[str, tuple[float, str]]:
    nb = nbformat.read(ROOT / "assignments" / name / f"{name}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            out[meta["grade_id"]] = (float(meta["points"]), cell.source)
    return out


def rule_problems(name: str, row: dict | None, graded: dict[str, tuple[float, str]]) -> list[str]:
    """Why an assignment breaks the half-understanding rule (empty when it keeps it)."""
    if row is None:
        return [f"{name}: no row in the reasoning record of docs/CONTRIBUTING.md"]
    problems = []
    unknown = sorted(set(row["cells"]) - set(graded))
    if unknown:
        problems.append(f"{name}: the record names cells that are not autograded test cells: {unknown}")
    kinds = sorted(set(row["cells"].values()) - KINDS)
    if kinds:
        problems.append(f"{name}: unknown kinds {kinds}; use one of {sorted(KINDS)}")
    if not row["why"]:
        problems.append(f"{name}: say why the cells need reasoning")
    total = sum(points for points, _ in graded.values())
    reasoning = sum(graded[g][0] for g in row["cells"] if g in graded)
    if reasoning < total / 2:
        problems.append(f"{name}: reasoning cells are worth {reasoning:g} of {total:g} autograded points, less than half")
    if (row["auto"], row["reasoning"]) != (total, reasoning):
        problems.append(f"{name}: the record says {row['auto']:g} autograded / {row['reasoning']:g} reasoning, "
                        f"the notebook has {total:g} / {reasoning:g}")
    return problems


RECORDED = parse_record(RECORD.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", _english_assignments())
def test_half_of_the_autograded_points_need_reasoning(name: str) -> None:
    problems = rule_problems(name, RECORDED.get(name), _graded_code(name))
    assert not problems, "\n".join(problems)


def test_every_recorded_assignment_exists() -> None:
    assert set(RECORDED) == set(_english_assignments())


def test_the_rule_check_can_fail() -> None:
    """A record whose reasoning cells are worth less than half, or name a missing cell, is refused."""
    graded = {"q1_tests": (1.0, ""), "q2_tests": (1.0, ""), "q3_tests": (0.5, "")}
    row = {"auto": 2.5, "reasoning": 1.0, "cells": {"q1_tests": "inverse"}, "why": "x"}
    assert any("less than half" in p for p in rule_problems("demo", row, graded))
    row = {"auto": 2.5, "reasoning": 1.0, "cells": {"q9_tests": "inverse", "q1_tests": "recall"}, "why": "x"}
    problems = " ".join(rule_problems("demo", row, graded))
    assert "q9_tests" in problems and "recall" in problems
    row = {"auto": 2.5, "reasoning": 2.0, "cells": {"q1_tests": "inverse", "q2_tests": "formula"}, "why": "x"}
    assert rule_problems("demo", row, graded) == []
    assert rule_problems("demo", None, graded)


@pytest.mark.parametrize("name", _english_assignments())
def test_grade_cells_are_small_and_say_passed(name: str) -> None:
    for grade_id, (points, source) in _graded_code(name).items():
        assert points in (0.5, 1.0), f"{name}#{grade_id}: {points:g} points; use cells of 0.5 or 1 point, one value each"
        assert "from kamcourse.checks import" in source, f"{name}#{grade_id}: import passed from kamcourse.checks"
        last = source.rstrip().splitlines()[-1]
        assert re.fullmatch(r'passed\("q\d+[a-z]?"\)', last), f"{name}#{grade_id}: end the cell with passed(\"qN\"), not {last!r}"
        hidden_end = source.find("### END HIDDEN TESTS")
        assert 0 <= hidden_end < source.rfind("passed("), f"{name}#{grade_id}: passed(...) goes after the hidden tests"


@pytest.mark.parametrize("name", _english_assignments())
def test_written_answers_carry_a_rubric(name: str) -> None:
    nb = nbformat.read(ROOT / "assignments" / name / f"{name}.ipynb", as_version=4)
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert written, f"{name}: no written answer"
    for cell in written:
        assert "**Rubric" in cell.source, f"{name}#{cell.metadata['nbgrader']['grade_id']}: no rubric"


def _read_names(source: str) -> set[str]:
    """Names a cell reads that it does not define itself (arguments, loop targets and imports count as its own)."""
    tree = ast.parse(source)
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            own.add(node.id)
        elif isinstance(node, ast.arg):
            own.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            own |= {(a.asname or a.name).split(".")[0] for a in node.names}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return used - own - set(dir(builtins))


@pytest.mark.parametrize("name", _english_assignments())
def test_test_cells_read_only_names_the_grader_carries(name: str) -> None:
    from kamcourse.instructor.checker import SOLUTION_RE, assigned_names

    nb = nbformat.read(ROOT / "assignments" / name / f"{name}.ipynb", as_version=4)
    known = {"display"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            known |= set(assigned_names("".join(SOLUTION_RE.findall(cell.source)) or cell.source))
        elif meta.get("grade"):
            missing = sorted(_read_names(cell.source) - known)
            assert not missing, (f"{name}#{meta['grade_id']} reads {missing}: assign them at the top level of a "
                                 "solution block (names given outside it, or only inside if/for, stay in the kernel)")
        else:
            known |= set(assigned_names(cell.source))

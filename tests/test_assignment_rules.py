"""The assignments' rules that are not about grading mechanics (issues 12 and 21).

- Half of the autograded points need reasoning: ``docs/CONTRIBUTING.md`` records, per assignment,
  which test cells count and why; this test reads that record and checks it against the notebooks.
- Grade cells are small: 0.5 or 1 point, so partial work earns partial credit.
- Feedback that helps: every test cell (English and Chinese) imports ``kamcourse.checks`` and ends with ``passed("<q>")``
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
    nb = nbformat.read(ROOT / "assignments" / name / f"{name.removesuffix('_zh')}.ipynb", as_version=4)
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


@pytest.mark.parametrize("name", [n for e in _english_assignments() for n in (e, f"{e}_zh")])
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


# --------------------------------------------------------------------------- issue 21: feedback that helps, run

#: Runs cells in an IPython shell (the one-line display of kamcourse.checks is IPython's), printing a marker first.
_SHELL = """\
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance(colors="nocolor")
for source in json.loads(sys.stdin.read()):
    print("@@cell@@", flush=True)
    shell.run_cell(source)
"""


def _visible(source: str) -> str:
    """A test cell as the student version has it (nbgrader removes the hidden block)."""
    return re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "", source, flags=re.S)


@pytest.mark.parametrize("name, language, wrong, passed", [
    ("a01_key_accounts", "en", "the values must add up to the total net revenue", "q1 passed"),
    ("a01_key_accounts_zh", "zh", "各数值之和应等于净收入总额", "第 1 题通过"),
])
def test_a01_q1_visible_test_catches_summed_quantity_in_one_line_and_says_passed(name, language, wrong, passed) -> None:
    """Issue 21: summing `quantity` instead of revenue (the right shape, the wrong column) fails the visible test
    with one line naming the mistake, no traceback; the solution prints "passed" in the notebook's language."""
    import json
    import subprocess
    import sys

    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source
             for c in nbformat.read(ROOT / "assignments" / name / "a01_key_accounts.ipynb", as_version=4).cells}
    solution = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cells["q1_answer"], re.S).group(1)
    test = _visible(cells["q1_tests"])
    setup = ("import numpy as np, pandas as pd\nfrom kamcourse import i18n\n"
             f"i18n.set_language({language!r})\n"
             "orders = pd.DataFrame({'customer_id': ['C1', 'C1', 'C2', 'C3'], 'quantity': [5, 3, 2, 7],"
             " 'net_revenue': [1000.0, 500.0, 800.0, 120.0]})")
    runs = [setup, 'revenue = orders.groupby("customer_id")["quantity"].sum()', test,
            "revenue = orders", test, solution, test]
    done = subprocess.run([sys.executable, "-c", _SHELL], input=json.dumps(runs), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    shown = [re.sub(r"\x1b\[[0-9;]*m", "", s).strip() for s in done.stdout.split("@@cell@@\n")[1:]]
    assert len(shown) == len(runs), done.stdout + done.stderr
    label = "q1" if language == "en" else "第 1 题"
    assert shown[2].startswith(f"✗ {label}") and wrong in shown[2] and "\n" not in shown[2], shown[2]
    assert shown[4].startswith(f"✗ {label}") and "Series" in shown[4] and "\n" not in shown[4], shown[4]
    assert shown[6] == passed, shown[6]


def test_a01_q4_prompt_and_test_agree_on_at_least_and_more_than() -> None:
    """Issue 21: the share condition is "at least X%" (>=) and the growth condition "more than Y%" (>), in the prompt,
    and in the hidden test; the Chinese prompt's "X% 以上" includes X% (以上包括本数, as Chinese law reads it)."""

    def cells(name: str) -> dict[str, str]:
        nb = nbformat.read(ROOT / "assignments" / name / "a01_key_accounts.ipynb", as_version=4)
        return {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in nb.cells}

    en, zh = cells("a01_key_accounts"), cells("a01_key_accounts_zh")
    assert "**at least X%**" in en["q4_prompt"] and "**more than Y%**" in en["q4_prompt"]
    assert "above" not in en["q4_prompt"].split("**(a)")[0]
    assert "**X% 以上**" in zh["q4_prompt"] and "**超过 Y%**" in zh["q4_prompt"]
    for source in (en["q4_tests"], zh["q4_tests"]):
        assert "(_q4_share >= 0.01) & (_q4_g > 0.05)" in source

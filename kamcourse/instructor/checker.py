"""Grade-cell checks run outside the student's kernel (防篡改评分).

nbgrader decides a test cell by looking at its output in the student's own
kernel, where code in the notebook can redefine anything the tests use (a float
that equals everything, a silenced traceback, a patched helper). The kit
therefore re-decides every test cell here, in the grader's process:

1. the instructor's own code cells (from the *source* notebook, never the
   student's copy) are run again in a clean namespace, with the submission
   owner's data;
2. just before each test cell, the values of the names the student's answer
   cells define are taken out of the student's kernel as plain data
   (:mod:`kamcourse.instructor.codec`) and put into that namespace;
3. the test cell's visible part and then its hidden part are run there.

A part earns its points only if it passes both in the student's kernel and here.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from .codec import RemoteCallable

__all__ = ["CheckPlan", "Verdict", "plan_from_source", "run_checks", "split_hidden", "assigned_names"]

HIDDEN_RE = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)
SOLUTION_RE = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*\n?", re.S | re.M)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def split_hidden(source: str) -> tuple[str, str]:
    """Split a test cell into its visible part and its hidden part.

    Examples
    --------
    >>> split_hidden("assert a\\n### BEGIN HIDDEN TESTS\\nassert b\\n### END HIDDEN TESTS\\n")
    ('assert a\\n', 'assert b\\n')
    """
    hidden = "".join(m.group(1) for m in HIDDEN_RE.finditer(source))
    visible = HIDDEN_RE.sub("", source)
    return visible, hidden


def assigned_names(source: str) -> list[str]:
    """Top-level names a code cell binds (assignments, defs, imports, for/with targets).

    Examples
    --------
    >>> assigned_names("x = 1\\ny, z = 2, 3\\ndef f(): pass\\nimport numpy as np")
    ['x', 'y', 'z', 'f', 'np']
    """
    try:
        tree = ast.parse(_strip_magics(source))
    except SyntaxError:
        return []
    names: list[str] = []

    def add_target(t: ast.AST) -> None:
        if isinstance(t, ast.Name):
            names.append(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                add_target(e)
        elif isinstance(t, ast.Starred):
            add_target(t.value)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for t in node.targets:
                add_target(t)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            add_target(node.target)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.append((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            add_target(node.target)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    add_target(item.optional_vars)
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]


def _strip_magics(source: str) -> str:
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


@dataclass(frozen=True)
class Step:
    kind: str  # "instructor", "answer", "test"
    grade_id: str
    source: str = ""
    names: tuple[str, ...] = ()
    points: float = 0.0


@dataclass
class CheckPlan:
    """What to run for one notebook: instructor cells, answer names, tests (in order)."""

    notebook: str
    steps: list[Step] = field(default_factory=list)

    def tests(self) -> list[Step]:
        return [s for s in self.steps if s.kind == "test"]

    def names_before(self, grade_id: str) -> list[str]:
        """Names defined by answer cells above the test cell ``grade_id``."""
        names: list[str] = []
        for step in self.steps:
            if step.kind == "test" and step.grade_id == grade_id:
                return names
            if step.kind == "answer":
                names += [n for n in step.names if n not in names]
        return names


def plan_from_source(path: os.PathLike | str) -> CheckPlan:
    """Build the check plan of a *source* notebook (the instructor's version with solutions).

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> src = Path(kamcourse.__file__).parents[1] / "assignments/a00_getting_started/a00_getting_started.ipynb"
    >>> plan = plan_from_source(src)
    >>> [t.grade_id for t in plan.tests()]
    ['q1_tests', 'q2_tests']
    >>> plan.names_before("q2_tests")
    ['top_customer_share', 'cumulative', 'n_for_80_percent']
    """
    import nbformat

    nb = nbformat.read(os.fspath(path), as_version=4)
    plan = CheckPlan(notebook=os.path.splitext(os.path.basename(os.fspath(path)))[0])
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        m = _meta(cell)
        gid = m.get("grade_id") or f"cell-{index}"
        if m.get("solution"):
            solution = "".join(b for b in SOLUTION_RE.findall(cell.source)) or cell.source
            plan.steps.append(Step("answer", gid, names=tuple(assigned_names(solution))))
        elif m.get("grade"):
            plan.steps.append(Step("test", gid, source=cell.source, points=float(m.get("points", 0))))
        else:
            plan.steps.append(Step("instructor", gid, source=cell.source))
    return plan


@dataclass
class Verdict:
    """The outcome of one test cell checked outside the kernel."""

    grade_id: str
    points: float
    passed: bool
    part: str = ""  # "", "visible", "hidden", "answer"
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"grade_id": self.grade_id, "points": self.points, "passed": self.passed,
                "part": self.part, "message": self.message}


def _exec(source: str, namespace: dict, filename: str) -> None:
    code = compile(_strip_magics(source), filename, "exec")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        exec(code, namespace)  # noqa: S102 - instructor code from the source notebook


def _failing_message(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class NotebookFunction:
    """A function the student defined, called in the student's kernel; only data crosses over.

    ``caller(name, args, kwargs)`` runs it there (see :func:`kamcourse.instructor.codec.call`).
    """

    def __init__(self, name: str, caller) -> None:
        self.__name__ = name
        self._caller = caller

    def __repr__(self) -> str:
        return f"<function {self.__name__} of the notebook>"

    def __call__(self, *args, **kwargs):
        if self._caller is None:
            raise RuntimeError(f"{self.__name__}() can only run in the notebook's kernel, which is not available")
        return self._caller(self.__name__, args, kwargs)


def run_checks(plan: CheckPlan, snapshots: dict[str, dict[str, Any]], caller=None) -> list[Verdict]:
    """Run every test of ``plan`` with the student's values in ``snapshots``.

    Parameters
    ----------
    plan : CheckPlan
        From :func:`plan_from_source`.
    snapshots : dict
        ``{test grade_id: {name: decoded value}}``, taken from the student's
        kernel just before each test cell. A test without a snapshot (the
        kernel died before it) fails. The data owner is set through the
        environment by the caller.
    caller : callable, optional
        ``caller(name, args, kwargs)`` runs the notebook's function ``name`` in
        the student's kernel and returns its result as data (functions are
        never run in this process).

    Returns
    -------
    list of Verdict
        One per test cell, in notebook order.

    Examples
    --------
    >>> plan = CheckPlan("nb", [Step("answer", "a", names=("x",)),
    ...                         Step("test", "t", "assert x > 0\\n### BEGIN HIDDEN TESTS\\nassert x == 2\\n### END HIDDEN TESTS\\n", points=1)])
    >>> [v.passed for v in run_checks(plan, {"t": {"x": 2}})]
    [True]
    >>> v = run_checks(plan, {"t": {"x": 3}})[0]
    >>> (v.passed, v.part)
    (False, 'hidden')
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    # instructor cells may call display()
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins, "display": lambda *a, **k: None}
    answer_names: list[str] = []
    verdicts: list[Verdict] = []
    try:
        for step in plan.steps:
            if step.kind == "instructor":
                try:
                    _exec(step.source, namespace, f"<{step.grade_id}>")
                except Exception:  # noqa: BLE001 - instructor display cells may need student names
                    pass
            elif step.kind == "answer":
                answer_names += [n for n in step.names if n not in answer_names]
            else:
                verdicts.append(_run_test(step, namespace, answer_names, snapshots.get(step.grade_id), caller))
    finally:
        plt = sys.modules.get("matplotlib.pyplot")  # imported only if an instructor cell drew
        if plt is not None:
            plt.close("all")
    return verdicts


def _run_test(step: Step, namespace: dict, answer_names: list[str], snapshot: dict | None, caller=None) -> Verdict:
    if snapshot is None:
        return Verdict(step.grade_id, step.points, False, "answer", "not run: the notebook stopped before this test")
    for name in answer_names:
        if name in snapshot:
            value = snapshot[name]
            namespace[name] = NotebookFunction(name, caller) if isinstance(value, RemoteCallable) else value
        else:
            namespace.pop(name, None)
    visible, hidden = split_hidden(step.source)
    try:
        _exec(visible, namespace, f"<{step.grade_id}>")
    except Exception as exc:  # noqa: BLE001 - a failed check is a verdict
        return Verdict(step.grade_id, step.points, False, "visible", _failing_message(exc))
    if hidden.strip():
        try:
            _exec(hidden, namespace, f"<{step.grade_id} hidden>")
        except Exception:  # noqa: BLE001
            return Verdict(step.grade_id, step.points, False, "hidden", "a hidden check did not pass")
    return Verdict(step.grade_id, step.points, True)


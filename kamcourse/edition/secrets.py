"""What a student must not find anywhere in what they receive (学生版中不得出现的内容).

From every assignment source of a course: the solution code and hidden-test
lines (:func:`kamcourse.instructor.leaks.secret_lines`), the model answers and
rubrics of written answers (markdown cells nbgrader marks as solutions), and
the rows of the instructor answer tables (``datasets/instructor/``). A line the
lessons themselves teach word for word (e.g. ``revenue =
orders.groupby("customer_id")["net_revenue"].sum()``, lesson 01's first code
and a01's first answer), or a line of the kit's own code (``except
ValueError:``), is public course content, not a secret: it is listed apart
(:attr:`Secrets.taught`) so an instructor sees it; so is a line of a doctest
example of the kit (``converged=True, iterations=0)``, a hidden test's argument
that the kit's examples also write). The prose of the kit's docstrings and its
comments are not public code: a solution quoted there is found.
"""

from __future__ import annotations

import ast
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..instructor.leaks import MARKERS, secret_lines
from .lessons import lesson_files

__all__ = ["Secrets", "course_secrets", "find_secrets", "MIN_LENGTH"]

#: Shorter lines (``### END SOLUTION``-like scaffolding, ``else:``) say nothing about an answer.
MIN_LENGTH = 12
_TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".txt", ".csv", ".json", ".toml", ".cfg", ".yml", ".yaml", ".html", ".lock",
                  ".po", ""}


@dataclass
class Secrets:
    """The lines to search for, by kind, and the solution lines the lessons teach (not searched)."""

    lines: dict[str, str] = field(default_factory=dict)  # line -> "<assignment>: <kind>"
    rows: dict[str, str] = field(default_factory=dict)  # answer-table row -> "<table>.csv"
    taught: dict[str, str] = field(default_factory=dict)  # line -> where it is a secret


def _cell_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if len(s) >= MIN_LENGTH]


def _notebook_texts(path: Path) -> list[str]:
    """Cell sources and the text of outputs of a notebook (its JSON escapes quotes: search the parsed text)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb.get("cells", []):
        out.append("".join(cell.get("source", [])))
        for o in cell.get("outputs", []):
            out.append("".join(o.get("text", [])) + json.dumps(o.get("data", {}), ensure_ascii=False)
                       + "\n".join(o.get("traceback", [])))
    out.append(json.dumps(nb.get("metadata", {}), ensure_ascii=False))
    return out


def _code_lines(path: Path) -> list[str]:
    """The stripped lines of a Python file that are code: comments and docstrings left out, but for their examples."""
    text = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    docs: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docs.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    lines = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if n in docs:  # of a docstring, only its doctest examples are code (``>>> `` and ``... `` lines)
            if not line.startswith((">>> ", "... ")):
                continue
            line = line[4:].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def course_secrets(source: os.PathLike | str, answers: os.PathLike | str | None = None,
                   lessons: os.PathLike | str | None = None, kit: os.PathLike | str | None = None) -> Secrets:
    """Every line a student must not receive, from a course's assignment sources and answer tables (答案与评分标准).

    Parameters
    ----------
    source : path
        The course's source folder (``assignments/``: one folder per assignment).
    answers : path, optional
        The instructor answer tables' folder (``datasets/instructor/``).
    lessons : path, optional
        The lessons' folder; solution lines found word for word in a lesson go to ``taught``.
    kit : path, optional
        The kit's package source; solution lines that are a line of its code go to ``taught``.

    Returns
    -------
    Secrets

    Raises
    ------
    FileNotFoundError
        If ``source`` holds no assignment notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> root = Path(kamcourse.__file__).parents[1]
    >>> s = course_secrets(root / "assignments", root / "datasets" / "instructor", root / "notebooks", root / "kamcourse")
    >>> any("Rubric" in line for line in s.lines) and len(s.rows) > 100 and "except ValueError:" in s.taught
    True
    """
    source = Path(source)
    notebooks = sorted(p for p in source.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        raise FileNotFoundError(f"no assignment notebook in {source}")
    found = Secrets()
    for path in notebooks:
        where = f"{path.parent.name}/{path.name}"
        for line in secret_lines(path):
            found.lines.setdefault(line, f"{where}: solution or hidden test")
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "markdown" and meta.get("solution"):
                for line in _cell_lines("".join(cell["source"])):
                    found.lines.setdefault(line, f"{where}: model answer or rubric ({meta.get('grade_id')})")
    if lessons is not None:
        taught = "\n".join(t for rel in lesson_files(lessons) for t in _notebook_texts(Path(lessons) / rel))
        for line in [line for line in found.lines if line in taught]:
            found.taught[line] = found.lines.pop(line)
    if kit is not None:
        code = "\n".join(line for p in sorted(Path(kit).rglob("*.py")) if "__pycache__" not in p.parts
                          for line in _code_lines(p))
        for line in [line for line in found.lines if line in code]:
            found.taught[line] = found.lines.pop(line)
    if answers is not None:
        for table in sorted(Path(answers).glob("*.csv")):
            for line in table.read_text(encoding="utf-8").splitlines()[1:]:
                if len(line.strip()) >= MIN_LENGTH:
                    found.rows[line.strip()] = table.name
    return found


def _texts(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        try:
            return _notebook_texts(path)
        except ValueError:
            pass
    try:
        return [path.read_text(encoding="utf-8")]
    except (UnicodeDecodeError, OSError):
        return []


def find_secrets(folder: os.PathLike | str, secrets: Secrets) -> list[str]:
    """Every place under ``folder`` holding a secret line, an answer-table row, an nbgrader marker or answer folder.

    Searches every text file (notebooks by their cells and outputs, other files as
    text); skips ``.git``, virtual environments and ``node_modules``. nbgrader's
    markers count in notebooks only (the kit's own code names them).

    Parameters
    ----------
    folder : path
        What a student receives (a student edition, an installed package, a home folder).
    secrets : Secrets
        From :func:`course_secrets`.

    Returns
    -------
    list of str
        ``"<file>: <what>"`` for each find; empty when nothing leaks.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.py").write_text("answer = revenue.max() / revenue.sum()\\n")
    >>> find_secrets(folder, Secrets(lines={"answer = revenue.max() / revenue.sum()": "a00: solution"}))
    ['notes.py: a00: solution: answer = revenue.max() / revenue.sum()']
    """
    root = Path(folder)
    skip = {".git", ".venv", "venv", "node_modules", "__pycache__", ".ipynb_checkpoints"}
    finds: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in skip for part in rel.parts) or not path.is_file():
            continue
        if "instructor" in rel.parts[:-1] and path.suffix == ".csv":
            finds.append(f"{rel.as_posix()}: an instructor answer table")
        if path.suffix not in _TEXT_SUFFIXES:
            continue
        texts = _texts(path)
        text = "\n".join(texts)
        if path.suffix == ".ipynb":
            finds += [f"{rel.as_posix()}: nbgrader marker {m!r}" for m in MARKERS if m in text]
        finds += [f"{rel.as_posix()}: {what}: {line}" for line, what in secrets.lines.items() if line in text]
        if secrets.rows and path.suffix in (".csv", ".md", ".txt", ".ipynb", ""):
            present = {s.strip() for t in texts for s in t.splitlines()}
            finds += [f"{rel.as_posix()}: row of {table}: {row}" for row, table in secrets.rows.items() if row in present]
    return finds

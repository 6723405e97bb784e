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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..instructor.leaks import MARKERS, secret_lines
from .lessons import lesson_files

__all__ = ["Secrets", "course_secrets", "find_secrets", "MIN_LENGTH"]

#: Shorter lines (``### END SOLUTION``-like scaffolding, ``else:``) say nothing about an answer.
MIN_LENGTH = 12
#: Compressed files whose text a plain search cannot read (zip archives, wheels included, are opened and searched).
_COMPRESSED = {".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".parquet", ".feather", ".h5"}


@dataclass
class Secrets:
    """The lines to search for, by kind, and the solution lines the lessons teach (not searched)."""

    lines: dict[str, str] = field(default_factory=dict)  # line -> "<assignment>: <kind>"
    rows: dict[str, str] = field(default_factory=dict)  # answer-table row -> "<table>.csv"
    taught: dict[str, str] = field(default_factory=dict)  # line -> where it is a secret


def _cell_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if len(s) >= MIN_LENGTH]


def _strings(value: object) -> list[str]:
    """Every string inside a JSON value (its keys and values), unescaped: quotes in a solution line stay as written."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (k, *_strings(v))]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


def _notebook_texts(text: str) -> list[str]:
    """The parsed text of a notebook: cell sources, outputs, cell and notebook metadata (its JSON escapes quotes)."""
    nb = json.loads(text)
    out = []
    for cell in nb.get("cells", []):
        out.append("".join(cell.get("source", [])))
        out += ["\n".join(_strings(o)) for o in cell.get("outputs", [])]
        out += _strings(cell.get("metadata", {})) + _strings(cell.get("attachments", {}))
    out += _strings(nb.get("metadata", {}))
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
        taught = "\n".join(t for rel in lesson_files(lessons)
                            for t in _notebook_texts((Path(lessons) / rel).read_text(encoding="utf-8")))
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


def _texts(name: str, data: bytes) -> list[str]:
    """A file's text (bytes that are not UTF-8 replaced, so text inside a binary file is still found)."""
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".ipynb"):
        try:
            return _notebook_texts(text)
        except ValueError:
            pass
    return [text]


def _members(path: Path, rel: str) -> list[tuple[str, str, bytes]]:
    """(where, name, bytes) of a file, or of each file inside it when it is a zip archive (a wheel, a zip)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [(f"{rel}!{m}", m, archive.read(m)) for m in archive.namelist() if not m.endswith("/")]
    return [(rel, path.name, path.read_bytes())]


def find_secrets(folder: os.PathLike | str, secrets: Secrets) -> list[str]:
    """Every place under ``folder`` holding a secret line, an answer-table row, an nbgrader marker or answer folder.

    Searches every file whatever its name: notebooks by their parsed cells,
    outputs and metadata, zip archives (a wheel, a zip) by each file inside,
    every other file as text (bytes that are not UTF-8 are replaced, so text
    inside a binary file is still found); a compressed file it cannot read
    (``.gz``, ``.parquet`` ...) is itself a find. Skips ``.git``, virtual
    environments and ``node_modules``. nbgrader's markers count in notebooks
    only (the kit's own code names them).

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
        if path.suffix.lower() in _COMPRESSED:
            finds.append(f"{rel.as_posix()}: a compressed file the search cannot read")
            continue
        for where, name, data in _members(path, rel.as_posix()):
            if "instructor" in PurePosixPath(where.replace("!", "/")).parts[:-1] and name.endswith(".csv"):
                finds.append(f"{where}: an instructor answer table")
            texts = _texts(name, data)
            text = "\n".join(texts)
            if name.endswith(".ipynb"):
                finds += [f"{where}: nbgrader marker {m!r}" for m in MARKERS if m in text]
            finds += [f"{where}: {what}: {line}" for line, what in secrets.lines.items() if line in text]
            if secrets.rows:
                present = {s.strip() for t in texts for s in t.splitlines()}
                finds += [f"{where}: row of {table}: {row}" for row, table in secrets.rows.items() if row in present]
    return finds

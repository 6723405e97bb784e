"""What must never reach a student: solution code, hidden tests, nbgrader markers."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .checker import HIDDEN_RE, SOLUTION_RE

__all__ = ["MARKERS", "secret_lines", "hidden_lines", "Leak", "find_leaks"]

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS",
           "### BEGIN MARK SCHEME", "### END MARK SCHEME")
MIN_LENGTH = 12


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _lines(blocks) -> set[str]:
    out: set[str] = set()
    for block in blocks:
        for line in block.splitlines():
            s = line.strip()
            if len(s) >= MIN_LENGTH and not s.startswith("#"):
                out.add(s)
    return out


def hidden_lines(source_notebook: os.PathLike | str) -> set[str]:
    """Non-trivial lines of the hidden tests of a source notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> src = Path(kamcourse.__file__).parents[1] / "assignments/a00_getting_started/a00_getting_started.ipynb"
    >>> any("0.5" in line for line in hidden_lines(src))
    True
    """
    import nbformat

    nb = nbformat.read(os.fspath(source_notebook), as_version=4)
    return _lines(b for c in nb.cells if _meta(c).get("grade") for b in HIDDEN_RE.findall(c.source))


def secret_lines(source_notebook: os.PathLike | str) -> set[str]:
    """Non-trivial lines of solutions and hidden tests of a source notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> src = Path(kamcourse.__file__).parents[1] / "assignments/a00_getting_started/a00_getting_started.ipynb"
    >>> "top_customer_share = revenue.max() / revenue.sum()" in secret_lines(src)
    True
    """
    import nbformat

    nb = nbformat.read(os.fspath(source_notebook), as_version=4)
    blocks = [b for c in nb.cells if _meta(c).get("solution") and c.cell_type == "code" for b in SOLUTION_RE.findall(c.source)]
    return _lines(blocks) | hidden_lines(source_notebook)


@dataclass(frozen=True)
class Leak:
    """One leak found in a student-facing notebook."""

    notebook: str
    cell: str
    what: str

    def __str__(self) -> str:
        return f"{self.notebook}, cell {self.cell}: {self.what}"


def find_leaks(student_notebook: os.PathLike | str, source_notebook: os.PathLike | str) -> list[Leak]:
    """Every solution line, hidden-test line or nbgrader marker left in a student version.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> src = Path(kamcourse.__file__).parents[1] / "assignments/a00_getting_started/a00_getting_started.ipynb"
    >>> len(find_leaks(src, src)) > 0   # the source itself is full of secrets
    True
    """
    import nbformat

    secrets = secret_lines(source_notebook)
    nb = nbformat.read(os.fspath(student_notebook), as_version=4)
    name = os.path.basename(os.fspath(student_notebook))
    leaks: list[Leak] = []
    for index, cell in enumerate(nb.cells):
        label = _meta(cell).get("grade_id") or cell.get("id") or str(index)
        texts = [cell.source]
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            texts.append(str(out.get("text", "")) + str(out.get("data", "")) + "\n".join(out.get("traceback", [])))
        text = "\n".join(texts)
        for marker in MARKERS:
            if marker in text:
                leaks.append(Leak(name, label, f"nbgrader marker {marker!r}"))
        for line in sorted(secrets):
            if line in text:
                leaks.append(Leak(name, label, f"secret line {line!r}"))
    return leaks

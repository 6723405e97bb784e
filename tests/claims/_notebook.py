"""Run a lesson's own code cells for a claim whose numbers come from the lesson's inputs, not the company data.

Lesson 04 (and the Gree–Gome case) reason with illustrative or sourced inputs written in their code cells;
running those cells keeps the check tied to the inputs the reader sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[2]


def run_cells(notebook: str, *cell_ids: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Execute the named code cells of ``notebook`` (in notebook order) and return their namespace."""
    nb = nbformat.read(ROOT / notebook, as_version=4)
    cells = {c.get("id"): c for c in nb.cells if c.cell_type == "code"}
    missing = [i for i in cell_ids if i not in cells]
    if missing:
        raise KeyError(f"{notebook} has no code cell {missing}")
    ns: dict[str, Any] = dict(namespace or {})
    for c in nb.cells:
        if c.get("id") in cell_ids:
            exec(compile(c.source, f"{notebook}#{c.get('id')}", "exec"), ns)  # noqa: S102 - the kit's own lesson code
    return ns

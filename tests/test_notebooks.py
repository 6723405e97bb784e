"""Execute every lesson and case notebook top to bottom, as a student would."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _id(p: Path) -> str:
    return str(p.relative_to(ROOT / "notebooks"))


def test_there_are_notebooks() -> None:
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMCOURSE_LANG", "en")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    for attempt in (1, 2):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=180, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
            break
        except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as exc:
            # A lesson cell takes seconds. On a loaded 2-core CI machine a kernel has been seen to stop
            # answering (an infrastructure hang, not an error in the notebook): run it once more with a
            # fresh kernel. A second hang, or any error raised by a cell, fails the test.
            if attempt == 2:
                raise
            warnings.warn(f"{path.name}: {type(exc).__name__} on the first run, retrying once", stacklevel=1)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_is_stored_clean(path: Path) -> None:
    """Notebooks are committed without outputs, with stable cell ids, prose in markdown."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.from_dict(raw)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "clear outputs"
    ids = [c.get("id") for c in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids), "every cell needs a unique, stable id"
    assert nb.cells[0].cell_type == "markdown", "a lesson opens with prose, not code"

"""Execute every lesson and case notebook top to bottom, as a student would.

Speed: starting a kernel and importing numpy, pandas, matplotlib and the kit costs seconds per
notebook, most of a lesson's run. Each pytest worker therefore keeps one kernel and runs its
notebooks in it one after another; before each notebook a first cell clears the namespace
(``%reset -f``), closes figures, restores matplotlib's settings and the language, and moves to
the notebook's own folder, so every notebook still runs top to bottom from nothing it did not
import itself. A cell that raises fails the test at once. A kernel that stops answering (a
timeout, a dead kernel) is replaced by a fresh one and the notebook runs once more.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from test_formatting import FORMATTED_LESSONS, raw_floats

from kamcourse.edition.clean import keep_sources_clean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "website"))
from execute import sliced_wait_client  # noqa: E402  (waits for kernel messages in slices: nbclient#312)

_Client = sliced_wait_client()

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
CELL_TIMEOUT = 180  # a lesson cell takes seconds; a loaded 2-core machine is slow, not stuck

# Run before each notebook, in the worker's kernel: forget everything the last notebook made.
RESET = """\
%reset -f
import os as _os, sys as _sys
_state = _sys.modules.get("_kamcourse_notebook_test")
if _state is None:  # a fresh kernel: import what every lesson needs once, remember matplotlib's settings
    import types as _types
    import numpy, pandas, matplotlib, matplotlib.pyplot, ipywidgets
    import kamcourse.data, kamcourse.i18n, kamcourse.viz, kamcourse.widgets
    _state = _sys.modules["_kamcourse_notebook_test"] = _types.ModuleType("_kamcourse_notebook_test")
    _state.rc = dict(matplotlib.rcParams)
else:
    import matplotlib as _mpl, matplotlib.pyplot as _plt
    from kamcourse import i18n as _i18n
    _plt.close("all")
    _i18n.set_language(_os.environ.get("KAMCOURSE_LANG", "en"))
    dict.update(_mpl.rcParams, _state.rc)
_os.chdir({folder!r})
%reset -f
"""


def _id(p: Path) -> str:
    return str(p.relative_to(ROOT / "notebooks"))


class _WorkerKernel:
    """The kernel of this pytest worker (one per xdist worker), started on first use."""

    def __init__(self) -> None:
        self.km = None
        self.env = {**os.environ, "KAMCOURSE_LANG": "en", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}

    def get(self):
        if self.km is None or not run_sync(self.km.is_alive)():
            self.replace()
        return self.km

    def replace(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.close()
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(ROOT / "notebooks"), env=self.env)

    def close(self) -> None:
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            finally:
                self.km = None


@pytest.fixture(scope="session")
def worker_kernel():
    kernel = _WorkerKernel()
    yield kernel
    kernel.close()


def _run(path: Path, kernel: _WorkerKernel) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RESET.format(folder=str(path.parent)), id="test-reset"))
    client = _Client(nb, km=kernel.get(), timeout=CELL_TIMEOUT, kernel_name="python3")
    try:
        client.execute()
    except BaseException:
        kernel.replace()  # whatever happened, the next notebook gets a kernel nobody has touched
        raise
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    del nb.cells[0]
    return nb


def test_there_are_notebooks() -> None:
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


def _run_once_more_on_a_hang(path: Path, kernel: _WorkerKernel) -> nbformat.NotebookNode:
    for attempt in (1, 2):
        try:
            nb = _run(path, kernel)
            break
        except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as exc:
            # A kernel that stops answering is an infrastructure hang, not an error in the notebook:
            # run it once more with a fresh kernel. A second hang, or any error raised by a cell, fails.
            if attempt == 2:
                raise
            warnings.warn(f"{path.name}: {type(exc).__name__} on the first run, retrying once", stacklevel=1)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert not errors
    return nb


class _Checkout:
    root_dir = str(ROOT)


def _saved_by_make_lab(path: Path, nb: nbformat.NotebookNode) -> str:
    """The file the instructor's ``make lab`` writes when this run notebook is saved (issue 21: opening and running
    every lesson leaves ``git status`` clean): its pre-save hook, then jupyter_server's write."""
    model = {"type": "notebook", "content": json.loads(nbformat.writes(nb))}
    keep_sources_clean(model, str(path.relative_to(ROOT)), contents_manager=_Checkout())
    written = nbformat.writes(nbformat.from_dict(model["content"]), version=nbformat.NO_CONVERT)
    return written if written.endswith("\n") else written + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_runs(path: Path, worker_kernel: _WorkerKernel) -> None:
    nb = _run_once_more_on_a_hang(path, worker_kernel)
    assert _saved_by_make_lab(path, nb) == path.read_text(encoding="utf-8"), \
        "run and saved in the instructor's make lab, the lesson would differ from its committed file (git status)"
    if path.parent.name in ("notebooks", "zh") and path.stem in FORMATTED_LESSONS:  # English and Chinese
        raw = raw_floats(nb)
        assert not raw, f"raw floats printed (format them with i18n.percent/number/money or viz.format_table): {raw[:10]}"


#: The Chinese assignments (their source notebooks, solutions included). Issue 13: every Chinese counterpart runs in the
#: suite. Running the source top to bottom runs the Chinese prompts' code, every solution and every visible and hidden
#: test with its Chinese messages; full grading against English runs on a sample (test_translation_assignments.py).
CHINESE_ASSIGNMENTS = sorted((ROOT / "assignments").glob("*_zh/*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", CHINESE_ASSIGNMENTS, ids=lambda p: p.parent.name)
def test_chinese_assignment_runs_with_its_solutions(path: Path, worker_kernel: _WorkerKernel) -> None:
    nb = _run_once_more_on_a_hang(path, worker_kernel)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "通过" in printed, "the visible tests say 通过 (passed) in Chinese"


def test_a_notebook_starts_from_a_clean_namespace_in_its_own_folder(worker_kernel: _WorkerKernel, tmp_path) -> None:
    """What one notebook leaves behind (names, figures, the language, the folder) the next does not see."""
    first, second = tmp_path / "a" / "first.ipynb", tmp_path / "b" / "second.ipynb"
    for path, cells in (
        (first, ["from kamcourse import i18n\ni18n.set_language('zh')\nleftover = 1\nimport matplotlib.pyplot as plt\n"
                 "plt.figure()\nimport os\nos.chdir('/')"]),
        (second, ["import os, json, matplotlib.pyplot as plt\nfrom kamcourse import i18n\n"
                  "print(json.dumps({'names': 'leftover' in dir(), 'figures': len(plt.get_fignums()), "
                  "'lang': i18n.get_language(), 'cwd': os.getcwd()}))"]),
    ):
        path.parent.mkdir()
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]), path)
    _run(first, worker_kernel)
    nb = _run(second, worker_kernel)
    seen = json.loads(nb.cells[0].outputs[0]["text"])
    assert seen == {"names": False, "figures": 0, "lang": "en", "cwd": str(second.parent)}


def test_an_error_in_a_cell_fails_at_once(worker_kernel: _WorkerKernel, tmp_path) -> None:
    from nbclient.exceptions import CellExecutionError

    path = tmp_path / "broken.ipynb"
    cells = ["x = 1", "raise ValueError('boom')", "import time\ntime.sleep(60)"]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]), path)
    t0 = time.monotonic()
    with pytest.raises(CellExecutionError, match="boom"):
        _run(path, worker_kernel)
    assert time.monotonic() - t0 < 30


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

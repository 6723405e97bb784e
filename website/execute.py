"""Execute the site's notebooks before Sphinx reads them, several at a time, into MyST-NB's execution cache.

MyST-NB (``nb_execution_mode = "cache"``) executes a notebook when Sphinx reads it, one after
the other, so each language's build keeps one core busy and waits while a kernel starts.
``website/build.py`` calls :func:`run` first: every staged notebook that the cache does not hold
yet is executed here, as many at a time as there are cores, the longest first (durations of the
last run), and stored exactly as MyST-NB stores it (jupyter-cache, keyed by the code cells and the
kernelspec). Sphinx then finds every notebook in the cache and executes none.

The client is nbclient's, with the arguments MyST-NB gives it (timeout, no errors allowed, the
notebook's folder as working directory), plus the language's environment for the kernel. One
change: a kernel message is waited for in short slices (:mod:`kamcourse.kernel_wait`): a message
that has arrived is sometimes read only when the whole wait times out (a cell with widgets stalled
the full 60 s timeout); a short slice reads it at most half a second late, and the cell's timeout
still applies to the whole wait.
"""

from __future__ import annotations

import json
import math
import os
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamcourse.kernel_wait import read_kernel_client_in_slices

__all__ = ["Job", "run", "sliced_wait_client"]


@dataclass(frozen=True)
class Job:
    """One notebook to have in the cache: the staged file, its language's cache and the kernel's environment."""

    name: str  # e.g. "zh/cases/gree_gome": the key of its duration in the durations file
    notebook: Path  # the staged notebook; its kernel runs in its folder, as under MyST-NB
    cache: Path  # the jupyter-cache folder of its language (MyST-NB's nb_execution_cache_path)
    env: dict[str, str] = field(repr=False)  # the kernel's environment
    timeout: int = 60  # seconds per cell (MyST-NB's nb_execution_timeout)
    log: Path | None = None  # where the kernel's own output goes (appended); None: this process's


def sliced_wait_client() -> type:
    """nbclient's ``NotebookClient`` whose kernel channels wait in slices (:mod:`kamcourse.kernel_wait`).

    Also used by the tests that execute notebooks (tests/test_notebooks.py, tests/test_data_packaging.py).
    """
    from nbclient import NotebookClient

    class SlicedWaitClient(NotebookClient):
        async def async_start_new_kernel_client(self) -> Any:
            kc = await super().async_start_new_kernel_client()
            return read_kernel_client_in_slices(kc)

    return SlicedWaitClient


def _execute(job: Job) -> tuple[Any, float]:
    import nbformat

    nb = nbformat.read(job.notebook, as_version=4)
    start = time.monotonic()
    client = sliced_wait_client()(nb, timeout=job.timeout, allow_errors=False, record_timing=False,
                             resources={"metadata": {"path": str(job.notebook.parent)}})
    if job.log is None:
        client.execute(env=job.env)
    else:
        with job.log.open("a", encoding="utf-8") as log:
            client.execute(env=job.env, stdout=log, stderr=log)
    return nb, time.monotonic() - start


def run(jobs: list[Job], workers: int | None = None, durations: Path | None = None) -> dict[str, float]:
    """Execute the jobs the cache does not hold yet, ``workers`` at a time; return the seconds of each one run.

    ``durations`` (a JSON file) keeps each notebook's last duration, so the longest start first.
    Raises ``RuntimeError`` naming the notebook if a cell fails (the site is not built from a failed run).
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    caches: dict[Path, Any] = {}
    todo: list[tuple[Job, int]] = []  # the notebooks to run, with the length of their code
    for job in jobs:
        cache = caches.setdefault(job.cache, get_cache(str(job.cache)))
        nb = nbformat.read(job.notebook, as_version=4)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            todo.append((job, sum(len(c.source) for c in nb.cells if c.cell_type == "code")))
    known: dict[str, float] = {}
    if durations is not None and durations.is_file():
        known = json.loads(durations.read_text(encoding="utf-8"))
    # the longest first, so that no core is left with one long notebook at the end: the last duration,
    # else (never run) before all those, the longest code first
    order = [job for job, _ in sorted(todo, key=lambda t: (known.get(t[0].name, math.inf), t[1]), reverse=True)]
    seconds: dict[str, float] = {}
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="site-kernel") as pool:
        pending = {pool.submit(_execute, job): job for job in order}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    nb, took = future.result()
                except Exception as exc:
                    for other in pending:
                        other.cancel()
                    raise RuntimeError(f"executing {job.notebook} failed: {exc}") from exc
                caches[job.cache].cache_notebook_bundle(
                    CacheBundleIn(nb, str(job.notebook), data={"execution_seconds": took}),
                    check_validity=False, overwrite=True)
                seconds[job.name] = took
    if durations is not None and seconds:
        durations.parent.mkdir(parents=True, exist_ok=True)
        durations.write_text(json.dumps({**known, **seconds}, indent=1, sort_keys=True), encoding="utf-8")
    return seconds

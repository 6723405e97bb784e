"""A grading worker: ``python -m kamcourse.instructor.worker``.

Started by :mod:`kamcourse.instructor.grading`; reads one JSON job (a
submission) per line on stdin and answers one JSON line on stdout. For each
notebook of the submission :class:`Engine` starts a new kernel
(:class:`~kamcourse.instructor.sandbox.Kernel`), runs the notebook with
nbgrader's ``Execute`` preprocessor, takes the answers out of the kernel as
data before every test cell (:mod:`.codec`), re-decides the tests outside the
kernel (:mod:`.checker`) and writes the executed notebook to the job's
staging folder. The parent process alone writes the gradebook.
"""

from __future__ import annotations

import json
import os
import re
import select
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    # nbformat's validator (jsonschema) imports rfc3987_syntax, which builds a grammar (about 1 s of CPU in
    # every worker), only to check "iri" strings, which no notebook schema has: this process goes without
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402

from . import checker, codec
from .course import load_config
from .provisioner import VARIANTS_INSIDE, ForkServer
from .sandbox import Kernel, Limits, Sandbox

SNAPSHOT_TAG = "kamcourse-snapshot"
TIMEOUT_ENAME = "CellTimeoutError"
MAX_OUTPUT_CHARS = 100_000
_BUILTIN_ERRORS = {name: obj for name, obj in vars(__import__("builtins")).items()
                   if isinstance(obj, type) and issubclass(obj, Exception)}


def _is_grade_code(cell) -> bool:
    m = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(m.get("grade")) and not m.get("solution")


def _scrub_outputs(nb, words: list[str], limit: int = MAX_OUTPUT_CHARS) -> None:
    """Hide ``words`` (the owner's data key) in every output and cut outputs longer than ``limit`` characters."""
    note = "\n... [output truncated by kamcourse: {n:,} characters in all]\n"

    def clean(text: str) -> str:
        for word in words:
            text = text.replace(word, "[key hidden]")
        return text[:limit] + note.format(n=len(text)) if len(text) > limit else text

    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for key in ("text", "evalue"):
                if isinstance(out.get(key), str):
                    out[key] = clean(out[key])
            if "traceback" in out:
                out["traceback"] = [clean(str(t)) for t in out["traceback"]]
            for mime, value in list(out.get("data", {}).items()):
                if isinstance(value, str):
                    out["data"][mime] = clean(value)
                elif words and any(w in json.dumps(value) for w in words):
                    out["data"][mime] = json.loads(clean(json.dumps(value)))


def _kernel_caller(client, deadline: float):
    """``caller(name, args, kwargs)``: calls a function of the notebook in its own kernel; only data travels."""
    from jupyter_core.utils import run_sync

    def call(name: str, args: tuple, kwargs: dict):
        found: list[dict] = []

        def hook(msg: dict) -> None:
            data = msg.get("content", {}).get("data", {}).get(codec.CALL_MIME)
            if msg.get("msg_type") == "display_data" and isinstance(data, dict):
                found.append(data)

        timeout = min(30.0, deadline - time.monotonic())
        try:
            if timeout <= 0:
                raise TimeoutError
            run_sync(client.execute_interactive)(codec.call_cell(name, args, kwargs), store_history=False,
                                                 output_hook=hook, timeout=timeout)
        except TimeoutError:
            raise TimeoutError(f"{name}() did not return in time") from None
        if not found:
            raise RuntimeError(f"{name}() gave no result")
        if "ok" in found[-1]:
            return codec.decode(found[-1]["ok"])
        raise _BUILTIN_ERRORS.get(str(found[-1].get("raise")), RuntimeError)(str(found[-1].get("message", "")))

    return call


class Engine:
    """Grades the submissions of one assignment, one notebook per fresh kernel."""

    def __init__(self, course_root: str, assignment: str, cell_timeout: int | None, submission_timeout: float,
                 sandbox_user: str | None, unsafe: bool = False, per_student_data: bool = True,
                 rundir: str | None = None, fork_server: bool = True) -> None:
        self.root, self.assignment = Path(course_root), assignment
        self.config = load_config(self.root)
        if cell_timeout:
            self.config.Execute.timeout = int(cell_timeout)
        self.submission_timeout = submission_timeout
        self.sandbox = None if unsafe else Sandbox(sandbox_user, Limits(cpu_seconds=int(submission_timeout) + 60))
        self.rundir = Path(tempfile.mkdtemp(prefix="worker-", dir=rundir))  # the kernels' folders
        self.source_dir = self.root / self.config.CourseDirectory.get("source_directory", "source") / assignment
        sources = sorted(self.source_dir.glob("*.ipynb"))
        self.plans = {p.stem: checker.plan_from_source(p) for p in sources}
        self.per_student_data = per_student_data
        # a variant is prepared only for assignments that load one (a notebook may still make its own), and
        # only with the tables the source loads: a kernel that loads another makes it itself (slower, same data)
        from kamcourse.data.schema import STUDENT_TABLES

        code = "\n".join(c.source for p in sources for c in nbformat.read(p, as_version=4).cells)
        self.uses_data = "my_data(" in code
        self.tables = tuple(t for t in STUDENT_TABLES if re.search(rf"load\(\s*['\"]{t}['\"]", code)) or STUDENT_TABLES
        self.kernels = 0
        self._next: str | None = None
        self._making: threading.Thread | None = None
        self.preload = sorted(set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_][\w.]*)", code, re.M)))
        self.server: ForkServer | None = None
        self.fork = fork_server and self.sandbox is not None
        if self.fork:
            self.server = self._start_fork_server()

    def _start_fork_server(self) -> ForkServer:
        """The fork server for this assignment's kernels (in the sandbox; it sees no student's files)."""
        variants = None
        if self.per_student_data and self.uses_data:
            from kamcourse.data.variants import cache_root

            variants = cache_root()
        return ForkServer.start_in(self.sandbox, self.rundir, variants=variants, preload=self.preload)  # type: ignore[arg-type]

    def close(self) -> None:
        """Stop the fork server (its kernels with it)."""
        self._await_next()
        if self.server is not None:
            self.server.close()

    def grade(self, job: dict[str, Any]) -> dict[str, Any]:
        """Grade ``job`` (``student``, ``workdir``, ``stage``, ``notebooks``); return the statuses and verdicts.

        ``job["next"]``, when given, is the student whose submission this worker grades next: their data
        variant is made while this submission's notebook runs in its kernel (this process waits then).
        """
        student, workdir, stage = job["student"], Path(job["workdir"]), Path(job["stage"])
        stage.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.submission_timeout
        self._next = job.get("next")
        results = {name: self._grade_notebook(student, name, workdir / f"{name}.ipynb", stage / f"{name}.ipynb",
                                              deadline) for name in job["notebooks"]}
        return {"student": student, "notebooks": results}

    def _make_next(self) -> None:
        """Start making the next student's variant in a thread (it overlaps this notebook's run)."""
        student, self._next = self._next, None
        if not student or not (self.per_student_data and self.uses_data):
            return
        from kamcourse.data.variants import variant_folder

        def make() -> None:
            try:
                variant_folder(student, tables=self.tables)
            except Exception:  # noqa: BLE001 - made again, with its error, when that submission is graded
                pass

        self._making = threading.Thread(target=make, daemon=True)
        self._making.start()

    def _await_next(self) -> None:
        making, self._making = self._making, None
        if making is not None:
            making.join()

    # ------------------------------------------------------------------------------------
    def _identity(self, student: str) -> tuple[dict[str, str], dict[str, str]]:
        """The kernel's identity variables (the owner's key, never the secret) and its read-only data folder.

        The folder may still be empty: :meth:`_grade_notebook` fills it while the kernel starts.
        """
        if not self.per_student_data:
            return {}, {}
        from kamcourse.data.variants import KEY_ENV, student_key, variant_folder

        folder = variant_folder(student, write=False) if self.uses_data else None
        env = {"KAMCOURSE_STUDENT": student, KEY_ENV: student_key(student)}
        if folder is None:
            return env, {}
        # seen at a neutral path, so the kernel learns nothing of where the course lives
        inside = VARIANTS_INSIDE if self.sandbox else str(folder.parents[1])
        env["KAMCOURSE_VARIANT_CACHE"] = inside
        return env, {str(folder): f"{inside}/{folder.parent.name}/{folder.name}"}

    def _read(self, path: Path):
        if not path.exists():
            others = sorted(p.name for p in path.parent.glob("*.ipynb"))
            return None, "notebook missing", f"{path.name} not found" + (
                f"; found {', '.join(others)} (renamed?)" if others else "")
        try:
            return nbformat.reads(path.read_bytes().decode("utf-8"), as_version=4), "", ""
        except UnicodeDecodeError as exc:
            return None, "invalid notebook", f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        except Exception as exc:  # noqa: BLE001 - any parse failure is reported, not raised
            first = str(exc).splitlines()[0][:200] if str(exc) else ""
            return None, "invalid notebook", f"invalid notebook: {type(exc).__name__}: {first}"

    def _sanitize(self, nb, resources):
        from nbgrader.preprocessors import (
            CheckCellMetadata,
            ClearOutput,
            DeduplicateIds,
            OverwriteCells,
            OverwriteKernelspec,
        )

        seen: set[str] = set()  # a cell a student copied keeps its metadata: only the first of a grade_id counts
        for cell in nb.cells:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid is not None and gid in seen:
                del cell.metadata["nbgrader"]
            seen.add(gid)
        for cls in (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata):
            nb, resources = cls(config=self.config).preprocess(nb, resources)
        return nb

    def _grade_notebook(self, student: str, name: str, path: Path, out: Path, deadline: float) -> dict[str, Any]:
        self._await_next()  # this student's variant may be in the making
        nb, status, reason = self._read(path)
        if nb is None:
            return {"status": status, "reason": reason, "verdicts": []}
        env, readable = self._identity(student)
        self.kernels += 1  # the kernel starts while the notebook is prepared and the owner's data written
        if self.fork and (self.server is None or not self.server.alive):
            self.server = self._start_fork_server()  # it died (out of memory?): a new one for this kernel
        if self.server is not None and not self.server.ready():
            # e.g. a setuid bwrap, which keeps no capability for the server: every kernel started anew
            self.server.close()
            self.server, self.fork = None, False
        kernel = Kernel(self.rundir / f"k{self.kernels}", self.sandbox, env, readable, files_from=path.parent,
                        server=self.server)
        try:
            resources = {"nbgrader": {"student": student, "assignment": self.assignment, "notebook": name,
                                      "db_url": f"sqlite:///{self.root / 'gradebook.db'}"},
                         "metadata": {"path": str(path.parent)}, "unique_key": name}
            try:
                nb = self._sanitize(nb, resources)
            except Exception as exc:  # noqa: BLE001
                return {"status": "invalid notebook", "reason": f"{type(exc).__name__}: {str(exc)[:300]}",
                        "verdicts": []}
            if readable:
                from kamcourse.data.variants import variant_folder

                variant_folder(student, tables=self.tables)
            self._make_next()
            plan = self.plans.get(name)
            cells = []
            for cell in nb.cells:  # a snapshot of the answers before every test cell
                if _is_grade_code(cell) and plan is not None:
                    gid = cell["metadata"]["nbgrader"]["grade_id"]
                    snap = nbformat.v4.new_code_cell(codec.snapshot_cell(plan.names_before(gid)))
                    snap.metadata.update(tags=[SNAPSHOT_TAG], kamcourse_for=gid)
                    cells.append(snap)
                cells.append(cell)
            nb.cells = cells
            status, reason, client = self._execute(nb, resources, kernel, deadline)
            snapshots = self._collect_snapshots(nb)
            caller = _kernel_caller(client, deadline) if client is not None else None
            verdicts = self._check(plan, snapshots, student if self.per_student_data else "", caller)
        finally:
            kernel.shutdown()
        self._merge(nb, verdicts)
        from nbgrader.preprocessors import LimitOutput

        nb, _ = LimitOutput(config=self.config).preprocess(nb, resources)
        _scrub_outputs(nb, [v for k, v in env.items() if k.endswith("_KEY")])
        nbformat.write(nb, out)
        return {"status": status, "reason": reason, "verdicts": [v.as_dict() for v in verdicts]}

    def _execute(self, nb, resources, kernel: Kernel, deadline: float):
        """Run the notebook; returns (status, reason, client or None when the kernel is gone)."""
        from nbclient.exceptions import DeadKernelError
        from nbgrader.preprocessors import Execute

        timed_out = threading.Event()

        def watchdog() -> None:
            timed_out.set()
            kernel.kill()

        timer = threading.Timer(max(0.1, deadline - time.monotonic()), watchdog)
        timer.daemon = True
        timer.start()
        executor = Execute(config=self.config)
        executor.startup_timeout = 120
        status, reason, alive = "graded", "", True
        try:
            executor.preprocess(nb, resources, km=kernel.km)
        except Exception as exc:  # noqa: BLE001
            alive = False
            if timed_out.is_set():
                status, reason = "timed out", f"the submission ran longer than {self.submission_timeout:.0f} s and was stopped"
            elif isinstance(exc, DeadKernelError) or "kernel died" in str(exc).lower():
                tail = kernel.log_tail()
                status, reason = "kernel died", "the kernel stopped while running the notebook" + (f" ({tail})" if tail else "")
            else:
                status, reason = "error", f"{type(exc).__name__}: {str(exc)[:300]}"
        finally:
            timer.cancel()
        if status == "graded":
            slow = [c for c in nb.cells if c.cell_type == "code" and any(
                o.get("output_type") == "error" and o.get("ename") == TIMEOUT_ENAME for o in c.get("outputs", []))]
            if slow:
                ids = [c.metadata.get("nbgrader", {}).get("grade_id", c.get("id", "?")) for c in slow]
                status = "timed out"
                reason = f"cell(s) {', '.join(ids)} exceeded {self.config.Execute.timeout} s and were interrupted"
        return status, reason, (executor.kc if alive else None)

    @staticmethod
    def _collect_snapshots(nb) -> dict[str, dict[str, Any]]:
        snapshots: dict[str, dict[str, Any]] = {}
        kept = []
        for cell in nb.cells:
            if SNAPSHOT_TAG not in cell.get("metadata", {}).get("tags", []):
                kept.append(cell)
                continue
            for out in cell.get("outputs", []):
                payload = out.get("data", {}).get(codec.SNAPSHOT_MIME)
                if isinstance(payload, dict):
                    values = {}
                    for key, value in payload.items():
                        try:
                            values[str(key)] = codec.decode(value)
                        except Exception:  # noqa: BLE001 - malformed data fails its check
                            values[str(key)] = codec.Unserializable("malformed")
                    snapshots[cell.metadata["kamcourse_for"]] = values
        nb.cells = kept
        return snapshots

    def _check(self, plan, snapshots: dict, owner: str, caller) -> list[checker.Verdict]:
        """Run the tests in this process, as the submission's owner (``my_data()`` is the owner's variant).

        The worker process is the grader's alone: :func:`main` resets the ``KAMCOURSE_*`` variables per job.
        """
        if plan is None:
            return []
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        if owner:
            os.environ["KAMCOURSE_STUDENT"] = owner
        else:
            os.environ.pop("KAMCOURSE_STUDENT", None)
        cwd = os.getcwd()
        try:
            os.chdir(self.source_dir)
            return checker.run_checks(plan, snapshots, caller=caller)
        finally:
            os.chdir(cwd)

    @staticmethod
    def _merge(nb, verdicts: list[checker.Verdict]) -> None:
        by_id = {v.grade_id: v for v in verdicts}
        for cell in nb.cells:
            if not _is_grade_code(cell):
                continue
            gid = cell.metadata["nbgrader"]["grade_id"]
            verdict = by_id.get(gid)
            if cell.get("execution_count") is None and not cell.get("outputs"):
                text = "NotRun: this test did not run (the notebook stopped before it)"
                cell.outputs = [nbformat.v4.new_output("error", ename="NotRun", evalue=text[8:], traceback=[text])]
            elif verdict is not None and not verdict.passed and not any(
                    o.get("output_type") == "error" for o in cell.get("outputs", [])):
                message = verdict.message if verdict.part == "visible" else "a hidden check did not pass"
                cell.outputs.append(nbformat.v4.new_output(
                    "error", ename="CheckFailed", evalue=f"{gid}: {message}",
                    traceback=[f"CheckFailed: {gid}: {message} (checked outside the notebook's kernel)"]))



IDLE_SECONDS = 120


def main() -> int:
    """Worker entry point: grade the jobs read from stdin, one result line each on stdout.

    Each job carries its settings (a new :class:`Engine` when they change)
    and the grader's ``KAMCOURSE_*`` variables. The worker leaves
    when stdin closes or after :data:`IDLE_SECONDS` without a job.
    """
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything printed by libraries goes to stderr, not into the protocol
    engine, settings = None, None
    while select.select([sys.stdin], [], [], IDLE_SECONDS)[0]:
        line = sys.stdin.readline()
        if not line:
            break
        job = json.loads(line)
        for key in [k for k in os.environ if k.startswith("KAMCOURSE_")]:
            del os.environ[key]
        os.environ.update(job["env"])
        try:
            if job["settings"] != settings:
                if engine is not None:
                    engine.close()
                engine, settings = Engine(**job["settings"]), job["settings"]
            result = engine.grade(job)
        except Exception as exc:  # noqa: BLE001 - one bad submission never stops the worker
            result = {"error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A grading worker process: runs submissions one at a time with a warm kernel ready.

Started by :mod:`kamcourse.instructor.grade` as ``python -m
kamcourse.instructor.worker``; reads one JSON job per line on stdin and answers
one JSON line on stdout. The executed notebooks are written to the job's
staging folder; the parent writes the gradebook (one writer, no lock fights).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import nbformat

from . import checker, codec
from .course import load_config
from .sandbox import WarmKernel, sandbox_user

SNAPSHOT_TAG = "kamcourse-snapshot"
SETUP_TAG = "kamcourse-setup"
TIMEOUT_ENAME = "CellTimeoutError"


def _snapshot_source(names: list[str]) -> str:
    return (
        "def __kamcourse_snapshot():\n"
        "    __ns = {}\n"
        f"    exec(compile({codec.KERNEL_SOURCE!r}, '<kamcourse codec>', 'exec'), __ns)\n"
        "    __g = globals()\n"
        "    __out = {}\n"
        f"    for __n in {names!r}:\n"
        "        if __n in __g:\n"
        "            try:\n"
        "                __out[__n] = __ns['encode'](__g[__n])\n"
        "            except Exception as __e:\n"
        "                __out[__n] = {'__t': 'unserializable', 'type': 'error: ' + type(__e).__name__}\n"
        "    import IPython.display as __d\n"
        "    __d.display({'application/x-kamcourse-snapshot+json': __out}, raw=True)\n"
        "__kamcourse_snapshot()\n"
        "del __kamcourse_snapshot\n"
    )


def _is_grade_code(cell) -> bool:
    m = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(m.get("grade")) and not m.get("solution")


MAX_OUTPUT_CHARS = 100_000


def _limit_characters(nb, limit: int = MAX_OUTPUT_CHARS) -> None:
    """Cut any single output longer than ``limit`` characters (nbgrader only limits lines)."""
    note = "\n... [output truncated by kamcourse: {n:,} characters in all]\n"
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if isinstance(out.get("text"), str) and len(out["text"]) > limit:
                out["text"] = out["text"][:limit] + note.format(n=len(out["text"]))
            for mime, value in list(out.get("data", {}).items()):
                if isinstance(value, str) and len(value) > limit:
                    out["data"][mime] = value[:limit] + note.format(n=len(value))


class _Shutdown:
    """Shuts the kernel down (and stops its watchdog) once the checks are done."""

    def __init__(self, kernel: WarmKernel, timer: threading.Timer) -> None:
        self.kernel, self.timer = kernel, timer

    def shutdown(self) -> None:
        self.timer.cancel()
        self.kernel.shutdown()


_BUILTIN_ERRORS = {name: obj for name, obj in vars(__import__("builtins")).items()
                   if isinstance(obj, type) and issubclass(obj, Exception)}


class _KernelCaller:
    """Calls a function of the notebook in its own kernel; arguments and result travel as data."""

    def __init__(self, client, deadline: float) -> None:
        self.client, self.deadline = client, deadline

    def __call__(self, name: str, args: tuple, kwargs: dict):
        from queue import Empty

        from jupyter_core.utils import run_sync

        if not name.isidentifier():
            raise RuntimeError(f"cannot call {name!r}")
        payload = json.dumps({"args": codec.encode(list(args)), "kwargs": codec.encode(dict(kwargs))})
        code = (
            "def __kamcourse_call():\n"
            "    import json\n"
            "    __ns = {}\n"
            f"    exec(compile({codec.KERNEL_SOURCE + codec.DECODE_SOURCE!r}, '<kamcourse codec>', 'exec'), __ns)\n"
            f"    __p = json.loads({payload!r})\n"
            "    try:\n"
            f"        __r = {{'ok': __ns['encode'](globals()[{name!r}](*__ns['decode'](__p['args']), **__ns['decode'](__p['kwargs'])))}}\n"
            "    except Exception as __e:\n"
            "        __r = {'raise': type(__e).__name__, 'message': str(__e)[:300]}\n"
            "    import IPython.display as __d\n"
            "    __d.display({'application/x-kamcourse-call+json': __r}, raw=True)\n"
            "__kamcourse_call()\n"
            "del __kamcourse_call\n"
        )
        msg_id = self.client.execute(code, store_history=False, allow_stdin=False)
        result = None
        limit = min(self.deadline, time.monotonic() + 30.0)
        while True:
            remaining = limit - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{name}() did not return in time")
            try:
                msg = run_sync(self.client.get_iopub_msg)(timeout=remaining)
            except Empty:
                raise TimeoutError(f"{name}() did not return in time") from None
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "display_data":
                data = msg["content"].get("data", {}).get("application/x-kamcourse-call+json")
                if isinstance(data, dict):
                    result = data
            if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                break
        if not isinstance(result, dict):
            raise RuntimeError(f"{name}() gave no result")
        if "ok" in result:
            return codec.decode(result["ok"])
        error = _BUILTIN_ERRORS.get(str(result.get("raise")), RuntimeError)
        raise error(str(result.get("message", "")))


class Engine:
    """Grades submissions of one assignment; keeps the next kernel warm."""

    def __init__(self, course_root: str, assignment: str, cell_timeout: int | None, submission_timeout: float,
                 sandbox: str | None, use_zygote: bool = True, per_student_data: bool = True) -> None:
        self.per_student_data = per_student_data
        self.root = Path(course_root)
        self.assignment = assignment
        self.config = load_config(self.root)
        if cell_timeout:
            self.config.Execute.timeout = int(cell_timeout)
        self.submission_timeout = submission_timeout
        self.user = sandbox_user(sandbox)
        self.rundir = tempfile.mkdtemp(prefix="kamcourse-grade-")
        os.chmod(self.rundir, 0o711)
        self.source_dir = self.root / self.config.CourseDirectory.get("source_directory", "source") / assignment
        self.plans = {p.stem: checker.plan_from_source(p) for p in sorted(self.source_dir.glob("*.ipynb"))}
        self.zygote = None
        if use_zygote:
            from .sandbox import kernel_env
            from .zygote import Zygote

            try:
                env = kernel_env(self.rundir, self.user)
                self.zygote = Zygote({"MPLBACKEND": env["MPLBACKEND"], "MPLCONFIGDIR": env["MPLCONFIGDIR"],
                                      "KAMCOURSE_LANG": "en"})
            except Exception:  # noqa: BLE001 - fall back to starting kernels the usual way
                self.zygote = None
        self._next: WarmKernel | None = None
        self._prepare_next()

    # kernels ---------------------------------------------------------------------------
    def _prepare_next(self) -> None:
        try:
            self._next = WarmKernel(self.user, self.rundir, zygote=self.zygote)
        except Exception:  # noqa: BLE001 - a failed warm start is retried at use
            self._next = None

    def _take_kernel(self) -> WarmKernel:
        kernel = self._next or WarmKernel(self.user, self.rundir, zygote=self.zygote)
        self._next = None
        if not kernel.wait_ready():
            kernel.shutdown()
            kernel = WarmKernel(self.user, self.rundir)  # without the fork server, to be safe
            kernel.wait_ready()
        return kernel

    def close(self) -> None:
        if self._next is not None:
            self._next.shutdown()
            self._next = None
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None

    # grading ---------------------------------------------------------------------------
    def grade(self, job: dict[str, Any]) -> dict[str, Any]:
        student = job["student"]
        workdir = Path(job["workdir"])
        stage = Path(job["stage"])
        stage.mkdir(parents=True, exist_ok=True)
        results: dict[str, Any] = {}
        owner = student if self.per_student_data else ""
        if owner:
            self._prepare_variant(owner)
        deadline = time.monotonic() + self.submission_timeout
        for name in job["notebooks"]:
            path = workdir / f"{name}.ipynb"
            results[name] = self._grade_notebook(student, name, path, stage / f"{name}.ipynb", deadline, owner)
        return {"student": student, "notebooks": results}

    def _private_copy(self, workdir: Path) -> Path:
        """A copy of the submission folder that only the kernel's user may write.

        The kernel never works in the course tree itself, so it cannot touch it,
        and folders the sandbox user could not enter (a course under /root) do
        not matter.
        """
        private = Path(tempfile.mkdtemp(prefix="work-", dir=self.rundir))
        for path in workdir.rglob("*"):
            if path.is_symlink() or path.suffix == ".ipynb":
                continue
            target = private / path.relative_to(workdir)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        if self.user.active:
            for p in [private, *private.rglob("*")]:
                os.chown(p, self.user.uid, self.user.gid)
        return private

    @staticmethod
    def _prepare_variant(student: str) -> None:
        """Write the owner's data variant to the shared cache, so kernel and checks only read it."""
        try:
            from kamcourse.data.variants import _variant_frames, for_student

            variant = for_student(student)
            if variant.seed is not None:
                _variant_frames(variant.seed)
        except Exception:  # noqa: BLE001 - the kernel will generate it itself
            pass

    def _read(self, path: Path):
        if not path.exists():
            return None, "notebook missing"
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            nb = nbformat.reads(text, as_version=4)
        except UnicodeDecodeError as exc:
            return None, f"invalid notebook: not UTF-8 text ({exc.reason} at byte {exc.start})"
        except PermissionError:
            return None, "invalid notebook: the file cannot be read (permissions)"
        except Exception as exc:  # noqa: BLE001 - any parse failure is reported, not raised
            return None, f"invalid notebook: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        return nb, ""

    def _resources(self, student: str, name: str, workdir: Path) -> dict[str, Any]:
        return {
            "nbgrader": {"student": student, "assignment": self.assignment, "notebook": name,
                          "db_url": f"sqlite:///{self.root / 'gradebook.db'}"},
            "metadata": {"path": str(workdir)},
            "unique_key": name,
        }

    def _sanitize(self, nb, resources):
        from nbgrader.preprocessors import (
            CheckCellMetadata,
            ClearOutput,
            DeduplicateIds,
            OverwriteCells,
            OverwriteKernelspec,
        )

        # a cell a student copied keeps its nbgrader metadata: only the first of a grade_id counts
        seen: set[str] = set()
        for cell in nb.cells:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid is None:
                continue
            if gid in seen:
                del cell.metadata["nbgrader"]
            seen.add(gid)
        for cls in (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata):
            nb, resources = cls(config=self.config).preprocess(nb, resources)
        return nb, resources

    def _grade_notebook(self, student: str, name: str, path: Path, out: Path, deadline: float,
                        owner: str) -> dict[str, Any]:
        nb, problem = self._read(path)
        if nb is None:
            status = "notebook missing" if problem == "notebook missing" else "invalid notebook"
            if status == "notebook missing":
                others = sorted(p.name for p in path.parent.glob("*.ipynb"))
                problem = f"{name}.ipynb not found" + (f"; found {', '.join(others)} (renamed?)" if others else "")
            return {"status": status, "reason": problem, "verdicts": []}
        resources = self._resources(student, name, path.parent)
        try:
            nb, resources = self._sanitize(nb, resources)
        except Exception as exc:  # noqa: BLE001
            return {"status": "invalid notebook", "reason": f"{type(exc).__name__}: {str(exc)[:300]}", "verdicts": []}
        status, reason, kernel, client = self._execute(nb, resources, owner, path.parent, deadline)
        try:
            snapshots = self._collect_snapshots(nb)
            alive = status == "graded" or (status == "timed out" and reason.startswith("cell("))
            caller = _KernelCaller(client, deadline) if alive and client is not None else None
            verdicts = self._check(name, snapshots, owner, caller)
        finally:
            kernel.shutdown()
        self._merge(nb, verdicts)
        from nbgrader.preprocessors import LimitOutput

        nb, _ = LimitOutput(config=self.config).preprocess(nb, resources)
        _limit_characters(nb)
        nbformat.write(nb, out)
        return {"status": status, "reason": reason, "verdicts": [v.as_dict() for v in verdicts]}

    def _execute(self, nb, resources, owner: str, workdir: Path, deadline: float):
        from jupyter_client.kernelspec import NoSuchKernel  # noqa: F401 - import check
        from nbclient.exceptions import DeadKernelError
        from nbgrader.preprocessors import Execute

        plan = self.plans.get(resources["nbgrader"]["notebook"])
        private = self._private_copy(workdir)
        # instrument: a set-up cell first, a snapshot cell before every test cell
        cells = []
        setup = nbformat.v4.new_code_cell(
            "import os as __os\n"
            + (f"__os.environ['KAMCOURSE_STUDENT'] = {owner!r}\n" if owner else "__os.environ.pop('KAMCOURSE_STUDENT', None)\n")
            + f"__os.chdir({str(private)!r})\n"
            + "del __os\n"
        )
        setup.metadata["tags"] = [SETUP_TAG]
        cells.append(setup)
        for cell in nb.cells:
            if _is_grade_code(cell) and plan is not None:
                gid = cell.metadata["nbgrader"]["grade_id"]
                snap = nbformat.v4.new_code_cell(_snapshot_source(plan.names_before(gid)))
                snap.metadata["tags"] = [SNAPSHOT_TAG]
                snap.metadata["kamcourse_for"] = gid
                cells.append(snap)
            cells.append(cell)
        nb.cells = cells
        kernel = self._take_kernel()
        timed_out = threading.Event()

        def watchdog() -> None:
            timed_out.set()
            kernel.kill()

        timer = threading.Timer(max(0.1, deadline - time.monotonic()), watchdog)
        timer.daemon = True
        timer.start()
        status, reason = "graded", ""
        executor = None
        try:
            executor = Execute(config=self.config)
            executor.startup_timeout = 120
            executor.preprocess(nb, resources, km=kernel.km)
        except DeadKernelError as exc:
            if timed_out.is_set():
                status, reason = "timed out", f"the submission ran longer than {self.submission_timeout:.0f} s and was stopped"
            else:
                status, reason = "kernel died", f"the kernel stopped while running the notebook ({str(exc)[:120]})"
        except Exception as exc:  # noqa: BLE001
            if timed_out.is_set():
                status, reason = "timed out", f"the submission ran longer than {self.submission_timeout:.0f} s and was stopped"
            else:
                status, reason = "error", f"{type(exc).__name__}: {str(exc)[:300]}"
        finally:
            self._prepare_next()
            shutil.rmtree(private, ignore_errors=True)
        if status == "graded":
            slow = [c for c in nb.cells if c.cell_type == "code" and any(
                o.get("output_type") == "error" and o.get("ename") == TIMEOUT_ENAME for o in c.get("outputs", []))]
            if slow:
                ids = [c.metadata.get("nbgrader", {}).get("grade_id", c.get("id", "?")) for c in slow]
                status = "timed out"
                reason = f"cell(s) {', '.join(ids)} exceeded {self.config.Execute.timeout} s and were interrupted"
        client = getattr(executor, "kc", None) if executor is not None else None
        return status, reason, _Shutdown(kernel, timer), client

    def _collect_snapshots(self, nb) -> dict[str, dict[str, Any]]:
        snapshots: dict[str, dict[str, Any]] = {}
        kept = []
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if SNAPSHOT_TAG in tags:
                gid = cell.metadata.get("kamcourse_for")
                for out in cell.get("outputs", []):
                    payload = out.get("data", {}).get("application/x-kamcourse-snapshot+json")
                    if isinstance(payload, dict):
                        values = {}
                        for key, value in payload.items():
                            try:
                                values[str(key)] = codec.decode(value)
                            except Exception:  # noqa: BLE001 - malformed data fails its check
                                values[str(key)] = codec.Unserializable("malformed")
                        snapshots[gid] = values
                continue
            if SETUP_TAG in tags:
                continue
            kept.append(cell)
        nb.cells = kept
        return snapshots

    def _check(self, name: str, snapshots: dict, owner: str, caller=None) -> list[checker.Verdict]:
        plan = self.plans.get(name)
        if plan is None:
            return []
        previous = os.environ.get("KAMCOURSE_STUDENT")
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
            if previous is None:
                os.environ.pop("KAMCOURSE_STUDENT", None)
            else:
                os.environ["KAMCOURSE_STUDENT"] = previous

    @staticmethod
    def _merge(nb, verdicts: list[checker.Verdict]) -> None:
        by_id = {v.grade_id: v for v in verdicts}
        for cell in nb.cells:
            if not _is_grade_code(cell):
                continue
            gid = cell.metadata["nbgrader"]["grade_id"]
            verdict = by_id.get(gid)
            executed = cell.get("execution_count") is not None or cell.get("outputs")
            if not executed:
                cell.outputs = [nbformat.v4.new_output(
                    "error", ename="NotRun", evalue="this test did not run (the notebook stopped before it)",
                    traceback=["NotRun: this test did not run (the notebook stopped before it)"])]
                continue
            if verdict is not None and not verdict.passed:
                failed_in_kernel = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
                if not failed_in_kernel:
                    message = verdict.message if verdict.part == "visible" else "a hidden check did not pass"
                    cell.outputs.append(nbformat.v4.new_output(
                        "error", ename="CheckFailed", evalue=f"{gid}: {message}",
                        traceback=[f"CheckFailed: {gid}: {message} (checked outside the notebook's kernel)"]))


def main() -> int:
    """Worker entry point: ``python -m kamcourse.instructor.worker '<json settings>'``."""
    settings = json.loads(sys.argv[1])
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything printed by libraries goes to stderr, not into the protocol
    engine = Engine(**settings)
    out.write(json.dumps({"ready": True, "sandbox": engine.user.reason}) + "\n")
    try:
        for line in sys.stdin:
            job = json.loads(line)
            try:
                result = engine.grade(job)
            except Exception as exc:  # noqa: BLE001 - never let one job stop the worker
                result = {"student": job.get("student"), "error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(result) + "\n")
    finally:
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

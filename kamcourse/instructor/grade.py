"""``kamcourse grade``: parallel, sandboxed, batch-safe autograding that keeps nbgrader's gradebook.

Every submission in ``submitted/<student>/<assignment>/`` is run by one of
``jobs`` worker processes (:mod:`kamcourse.instructor.worker`), each notebook
in a new kernel inside a sandbox (:mod:`kamcourse.instructor.sandbox`) that
sees a private copy of the submission and nothing of the course. Test cells
are re-decided outside the student's kernel (:mod:`kamcourse.instructor.checker`).
Scores are written to ``gradebook.db`` by this process alone, so formgrader
and ``nbgrader export`` keep working. A submission is finished when its state
file is written, after its grades are committed: a run killed at any moment
loses nothing already graded, and the next run grades the rest (re-running is
idempotent). Where no sandbox is possible, grading stops and says why, unless
the instructor asks for ``unsafe`` grading.
"""

from __future__ import annotations

import csv
import fnmatch
import getpass
import hashlib
import json
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .course import Course, ensure_tools_on_path, find_course
from .sandbox import Sandbox

__all__ = ["GradeRow", "grade", "STATUSES"]

STATUSES = ("graded", "timed out", "kernel died", "notebook missing", "invalid notebook", "error")
_SEVERITY = {s: i for i, s in enumerate(("graded", "notebook missing", "invalid notebook", "timed out", "kernel died", "error"))}


@dataclass
class GradeRow:
    """One line of the grading summary."""

    student: str
    score: float
    max_score: float
    status: str
    reason: str = ""
    manual_pending: bool = False
    skipped: bool = False
    verdicts: list[dict[str, Any]] = field(default_factory=list, repr=False)


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(".ipynb_checkpoints"):
            continue
        digest.update(rel.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def _rmtree(path: Path) -> None:
    if not path.exists():
        return
    for p in path.rglob("*"):
        try:
            if not p.is_symlink():
                p.chmod(0o755 if p.is_dir() else 0o644)
        except OSError:
            pass
    shutil.rmtree(path, ignore_errors=True)


class _Worker:
    """One worker process and the thread that talks to it."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        bindir = os.path.dirname(sys.executable)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kamcourse.instructor.worker", json.dumps(self.settings)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True, env=env,
        )
        if self._readline(120) is None:
            raise RuntimeError("a grading worker did not start")

    def _readline(self, timeout: float) -> str | None:
        assert self.proc and self.proc.stdout
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return line or None

    def run(self, job: dict[str, Any], timeout: float) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc and self.proc.stdin
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.kill()
            return {"student": job["student"], "error": "the grading worker stopped"}
        line = self._readline(timeout)
        if line is None:
            timed_out = self.proc.poll() is None
            self.kill()
            if timed_out:
                return {"student": job["student"], "timeout": True}
            return {"student": job["student"], "error": "the grading worker stopped unexpectedly"}
        return json.loads(line)

    def kill(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            self.proc.wait()
            self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=20)
            except Exception:  # noqa: BLE001
                self.kill()
        self.proc = None


class _Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.done, self.stream, self.enabled = total, 0, stream, enabled
        self.start = time.monotonic()
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()

    def update(self, row: GradeRow) -> None:
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done)
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "." * (width - filled)
        line = (f"[{bar}] {self.done}/{self.total}  elapsed {elapsed:5.1f} s  ETA {eta:5.1f} s  "
                f"{row.student}: {row.status} {row.score:g}/{row.max_score:g}")
        if self.tty:
            self.stream.write("\r" + line[:150].ljust(150))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _ensure_released(course: Course, assignment: str, out: TextIO) -> list[str]:
    from nbgrader.api import Gradebook, MissingEntry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(course.db_url, course.course_id) as gb:
            try:
                return [nb.name for nb in gb.find_assignment(assignment).notebooks]
            except MissingEntry:
                pass
    from .release import generate

    print(f"{assignment} is not in the gradebook yet: generating the student version first", file=out)
    generate(assignment, course=course, check=False, out=out)
    with Gradebook(course.db_url, course.course_id) as gb:
        return [nb.name for nb in gb.find_assignment(assignment).notebooks]


def _timestamp(folder: Path):
    from nbgrader.utils import parse_utc

    stamp = folder / "timestamp.txt"
    if stamp.exists():
        try:
            return parse_utc(stamp.read_text(encoding="utf-8").strip())
        except Exception:  # noqa: BLE001 - a bad timestamp means "no timestamp"
            return None
    return None


def grade(
    assignment: str,
    *,
    course: Course | None = None,
    jobs: int | None = None,
    students: str | None = None,
    timeout: float = 600.0,
    cell_timeout: int | None = None,
    force: bool = False,
    unsafe: bool = False,
    sandbox_user: str = "nobody",
    progress: bool = True,
    per_student_data: bool = True,
    out: TextIO | None = None,
) -> list[GradeRow]:
    """Autograde every submission of ``assignment`` in parallel (并行自动评分).

    Parameters
    ----------
    assignment : str
        Assignment name (a folder of the source directory).
    course : Course, optional
        The course (default: the folder holding ``nbgrader_config.py`` above the cwd).
    jobs : int, optional
        Worker processes (default: the number of cores).
    students : str, optional
        Only students whose id matches this glob, e.g. ``"alice"`` or ``"2024*"``.
    timeout : float
        Seconds one submission may run in all before it is stopped.
    cell_timeout : int, optional
        Seconds one cell may run before it is interrupted (default: nbgrader's ``Execute.timeout``).
    force : bool
        Regrade submissions already graded and unchanged.
    unsafe : bool
        Run kernels without the sandbox, as the current user (only for
        submissions you trust: they can then read and change what you can).
    sandbox_user : str
        When run as root, the unprivileged user kernels run as.
    progress : bool
        Show a progress bar with an ETA.
    per_student_data : bool
        Run each notebook (and its checks) with the submission owner's data
        variant (``kamcourse.data.my_data()``); False: everyone the same data.
    out : file, optional
        Where to print (default: stdout).

    Returns
    -------
    list of GradeRow
        One row per submission (also written to ``reports/<assignment>-grades.csv``).

    Raises
    ------
    ValueError
        If ``jobs`` is below 1 or the assignment does not exist.
    RuntimeError
        If kernels cannot be sandboxed here and ``unsafe`` is False (the message says why).

    Examples
    --------
    >>> grade("a00_getting_started", jobs=0)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be at least 1, got 0
    """
    out = out or sys.stdout
    ensure_tools_on_path()
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    course = course or find_course()
    if not (course.source / assignment).is_dir():
        raise ValueError(f"no assignment {assignment!r} in {course.source}; assignments: {', '.join(course.assignments())}")
    if unsafe:
        how = f"UNSAFE: kernels run without a sandbox, as {getpass.getuser()}"
    else:
        why = Sandbox(sandbox_user).unavailable()
        if why:
            raise RuntimeError(f"cannot sandbox the grading kernels: {why}. Student code would run with your "
                               "rights (it could change the gradebook or read the course secret); fix the "
                               "sandbox, or grade anyway with --unsafe if you trust every submission")
        how = "kernels sandboxed with bubblewrap" + (f", as user {sandbox_user}" if os.geteuid() == 0 else "")
    notebooks = _ensure_released(course, assignment, out)
    # each student's data variant is generated once (by a worker) and read by kernel and checks
    os.environ.setdefault("KAMCOURSE_VARIANT_CACHE", str(course.reports / ".variants"))
    state_dir = course.reports / ".state" / assignment
    state_dir.mkdir(parents=True, exist_ok=True)

    folders = sorted(p for p in course.submitted.glob(f"*/{assignment}") if p.is_dir())
    if students:
        folders = [p for p in folders if fnmatch.fnmatchcase(p.parent.name, students)]
    rows: dict[str, GradeRow] = {}
    todo: list[tuple[str, Path, str]] = []
    for folder in folders:
        student = folder.parent.name
        fp = _fingerprint(folder)
        state_file = state_dir / f"{student}.json"
        if not force and state_file.exists():
            try:
                state = json.loads(state_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                state = {}
            if state.get("fingerprint") == fp:
                rows[student] = GradeRow(student, state["score"], state["max_score"], state["status"],
                                         state.get("reason", ""), state.get("manual_pending", False), skipped=True,
                                         verdicts=state.get("verdicts", []))
                continue
        todo.append((student, folder, fp))

    jobs = min(jobs or os.cpu_count() or 1, max(len(todo), 1))
    print(f"grading {len(todo)} submission(s) of {assignment} with {jobs} worker(s)"
          + (f"; {len(rows)} already graded and unchanged" if rows else "") + f" ({how})", file=out)
    settings = {"course_root": str(course.root), "assignment": assignment, "cell_timeout": cell_timeout,
                "submission_timeout": float(timeout), "sandbox_user": sandbox_user, "unsafe": unsafe,
                "per_student_data": per_student_data}
    work: queue.Queue = queue.Queue()
    for item in todo:
        work.put(item)
    results: queue.Queue = queue.Queue()
    stage_root = course.reports / ".stage" / assignment
    lock = threading.Lock()

    def prepare(student: str, folder: Path) -> Path:
        dest = course.autograded / student / assignment
        with lock:
            _rmtree(dest)
            dest.mkdir(parents=True)
            for path in folder.rglob("*"):
                rel = path.relative_to(folder)
                if path.is_symlink() or rel.parts[0] == ".ipynb_checkpoints":
                    continue
                target = dest / rel
                if path.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        shutil.copyfile(path, target)
                    except OSError:
                        pass
            for path in (course.source / assignment).rglob("*"):
                rel = path.relative_to(course.source / assignment)
                if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in rel.parts:
                    (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, dest / rel)
        return dest

    def run_worker() -> None:
        worker = _Worker(settings)
        try:
            while True:
                try:
                    student, folder, fp = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    dest = prepare(student, folder)
                    job = {"student": student, "workdir": str(dest), "stage": str(stage_root / student),
                           "notebooks": notebooks}
                    result = worker.run(job, timeout + 120)
                except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
                    result = {"student": student, "error": f"{type(exc).__name__}: {exc}"}
                results.put((student, folder, fp, result))
        finally:
            worker.close()

    threads = [threading.Thread(target=run_worker, daemon=True) for _ in range(jobs if todo else 0)]
    for t in threads:
        t.start()
    bar = _Progress(len(todo), out, progress)
    for _ in range(len(todo)):
        student, folder, fp, result = results.get()
        row = _finalize(course, assignment, notebooks, student, folder, fp, result, stage_root / student)
        rows[student] = row
        (state_dir / f"{student}.json.tmp").write_text(json.dumps({"fingerprint": fp, **asdict(row)}), encoding="utf-8")
        os.replace(state_dir / f"{student}.json.tmp", state_dir / f"{student}.json")
        bar.update(row)
    for t in threads:
        t.join()
    shutil.rmtree(stage_root, ignore_errors=True)

    ordered = [rows[k] for k in sorted(rows)]
    _write_summary(course, assignment, ordered, out)
    return ordered


def _finalize(course: Course, assignment: str, notebooks: list[str], student: str, folder: Path, fp: str,
              result: dict[str, Any], stage: Path) -> GradeRow:
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    config = course.config
    dest = course.autograded / student / assignment
    statuses: list[tuple[str, str]] = []
    verdicts: list[dict[str, Any]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(course.db_url, course.course_id) as gb:
            gb.update_or_create_student(student)
            gb.update_or_create_submission(assignment, student, timestamp=_timestamp(folder))
        if "error" in result or "timeout" in result:
            status = "timed out" if "timeout" in result else "error"
            reason = ("the grading worker was stopped after the time limit" if status == "timed out"
                      else result["error"])
            statuses.append((status, reason))
            per_notebook = {name: {"status": status} for name in notebooks}
        else:
            per_notebook = result["notebooks"]
        for name in notebooks:
            info = per_notebook.get(name, {"status": "error", "reason": "no result"})
            staged = stage / f"{name}.ipynb"
            if info.get("status") in ("graded", "timed out", "kernel died") and staged.exists():
                nb = nbformat.read(staged, as_version=4)
                resources = {"nbgrader": {"student": student, "assignment": assignment, "notebook": name,
                                          "db_url": course.db_url}, "unique_key": name}
                nb, resources = SaveAutoGrades(config=config).preprocess(nb, resources)
                nb, resources = AssignLatePenalties(config=config).preprocess(nb, resources)
                target = dest / f"{name}.ipynb"
                if target.exists() or target.is_symlink():
                    target.unlink()
                nbformat.write(nb, target)
            else:
                with Gradebook(course.db_url, course.course_id) as gb:
                    sub_nb = gb.find_submission_notebook(name, assignment, student)
                    for g in sub_nb.grades:
                        g.auto_score = 0
                        g.needs_manual_grade = False
                    gb.db.commit()
            if "reason" in info or info.get("status") != "graded":
                statuses.append((info.get("status", "error"), info.get("reason", "")))
            verdicts += [dict(v, notebook=name) for v in info.get("verdicts", [])]
        with Gradebook(course.db_url, course.course_id) as gb:
            sub = gb.find_submission(assignment, student)
            score, max_score, manual = float(sub.score), float(sub.max_score), bool(sub.needs_manual_grade)
    worst = max(statuses, key=lambda s: _SEVERITY.get(s[0], 99), default=("graded", ""))
    reasons = "; ".join(r for s, r in statuses if r)
    return GradeRow(student, score, max_score, worst[0], reasons, manual, verdicts=verdicts)


def _write_summary(course: Course, assignment: str, rows: list[GradeRow], out: TextIO) -> Path:
    course.reports.mkdir(parents=True, exist_ok=True)
    path = course.reports / f"{assignment}-grades.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["student", "score", "max_score", "status", "reason", "needs_manual_grading"])
        for r in rows:
            writer.writerow([r.student, f"{r.score:g}", f"{r.max_score:g}", r.status, r.reason,
                             "yes" if r.manual_pending else "no"])
    width = max([7] + [len(r.student) for r in rows])
    print(f"\n{'student'.ljust(width)}  {'score':>7}  {'max':>5}  status            reason", file=out)
    for r in rows:
        note = " (unchanged, not regraded)" if r.skipped else ""
        manual = " [written answers to grade]" if r.manual_pending else ""
        print(f"{r.student.ljust(width)}  {r.score:7g}  {r.max_score:5g}  {r.status:<16}  {r.reason}{note}{manual}",
              file=out)
    print(f"\nsummary written to {path}", file=out)
    return path

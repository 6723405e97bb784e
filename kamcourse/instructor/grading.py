"""``kamcourse grade``: parallel, sandboxed, batch-safe autograding that keeps nbgrader's gradebook.

Every submission in ``submitted/<student>/<assignment>/`` is graded by one of
``jobs`` worker processes (``python -m kamcourse.instructor.worker``, which
import the grading code once and stay for the next run in the same process for
a while). There each notebook runs in a new kernel
inside a sandbox (:mod:`.sandbox`) that sees a private copy of the submission
and nothing of the course, and its test cells are re-decided outside the
kernel (:mod:`.worker`, :mod:`.checker`). Scores
are written to ``gradebook.db`` by this process alone, so formgrader and
``nbgrader export`` keep working. A submission is finished when its state
file is written, after its grades are committed: a run killed at any moment
loses nothing already graded, and the next run grades the rest (re-running is
idempotent). Where no sandbox is possible, grading stops and says why, unless
the instructor asks for ``unsafe`` grading.
"""

from __future__ import annotations

import atexit
import csv
import fnmatch
import getpass
import hashlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .course import Course, ensure_tools_on_path, find_course
from .sandbox import Sandbox

__all__ = ["GradeRow", "grade", "STATUSES", "close_workers"]

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


def _files(folder: Path):
    """The files of a submission folder (no symbolic links, no Jupyter checkpoints)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not path.is_symlink() and ".ipynb_checkpoints" not in rel.parts:
            yield path, rel


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path, rel in _files(folder):
        digest.update(rel.as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def _prepare(course: Course, assignment: str, student: str, folder: Path) -> Path:
    """nbgrader's ``autograded/<student>/<assignment>``: the submission, plus the source's other files."""
    dest = course.autograded / student / assignment
    if dest.exists():
        for p in dest.rglob("*"):  # autograded notebooks are read-only
            if not p.is_symlink():
                p.chmod(0o755 if p.is_dir() else 0o644)
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    source = course.source / assignment
    copies = [(p, r) for p, r in _files(folder)] + [(p, r) for p, r in _files(source) if p.suffix != ".ipynb"]
    for path, rel in copies:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(path, dest / rel)
        except OSError:
            pass  # an unreadable file is graded as missing
    return dest


class _Worker:
    """A worker process (``python -m kamcourse.instructor.worker``): one JSON job per line in, one result out."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
        self.proc = subprocess.Popen([sys.executable, "-m", "kamcourse.instructor.worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, start_new_session=True, env=env)
        self.item: tuple | None = None
        self.queued: tuple | None = None  # the submission it grades next (its data is made meanwhile)
        self.deadline = 0.0

    def send(self, item: tuple, job: dict[str, Any], limit: float) -> None:
        self.item, self.deadline = item, time.monotonic() + limit
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()  # its kernel dies with it (bwrap --die-with-parent)
        else:
            self.proc.stdin.close()
        self.proc.wait()


#: Workers kept for the next run in this process (they leave by themselves after a while).
_IDLE: list[_Worker] = []


def close_workers() -> None:
    """Stop the worker processes kept between two runs of :func:`grade` in this process.

    Examples
    --------
    >>> close_workers()
    """
    while _IDLE:
        _IDLE.pop().stop()


atexit.register(close_workers)


def _run(course: Course, assignment: str, settings: dict[str, Any], todo: list, notebooks: list[str],
         jobs: int, limit: float):
    """Grade ``todo`` on ``jobs`` worker processes; yield ``(item, result)`` as each submission ends."""
    rundir = tempfile.mkdtemp(prefix="kamcourse-grade-")
    settings = dict(settings, rundir=rundir)
    env = {k: v for k, v in os.environ.items() if k.startswith("KAMCOURSE_")}  # the secret, the cache
    alive = [w for w in _IDLE if w.proc.poll() is None]
    _IDLE.clear()
    n = jobs if todo else 0
    workers = alive[:n] + [_Worker() for _ in range(n - len(alive[:n]))]
    for extra in alive[n:]:
        extra.stop()
    pending = list(todo)

    def refill() -> list[tuple[Any, dict[str, Any]]]:
        """Give each idle worker the next submission; the submissions that could not be sent, with the error."""
        failed = []
        for i, worker in enumerate(workers):
            if worker.item is None and (worker.queued or pending):
                if worker.proc.poll() is not None:
                    queued, workers[i] = worker.queued, _Worker()
                    worker = workers[i]
                    worker.queued = queued
                item, worker.queued = worker.queued or pending.pop(0), None
                if pending:  # reserved for this worker, so that it makes that student's data while this one runs
                    worker.queued = pending.pop(0)
                student, folder, _ = item
                job = {"student": student, "notebooks": notebooks, "settings": settings, "env": env,
                       "stage": str(course.reports / ".stage" / assignment / student),
                       "next": worker.queued[0] if worker.queued else None}
                try:
                    job["workdir"] = str(_prepare(course, assignment, student, folder))
                    worker.send(item, job, limit)
                except OSError as exc:  # a broken pipe: the worker died before its job
                    worker.item = None
                    failed.append((item, {"error": f"{type(exc).__name__}: {exc}"}))
        return failed

    try:
        yield from refill()
        while pending or any(w.item or w.queued for w in workers):
            ended = []
            busy = {w.proc.stdout: w for w in workers if w.item}
            ready, _, _ = select.select(list(busy), [], [], 1.0) if busy else ([], [], [])
            for stream in ready:
                worker, line = busy[stream], stream.readline()
                item, worker.item = worker.item, None
                if line:
                    ended.append((item, json.loads(line)))
                else:
                    worker.stop(kill=True)
                    ended.append((item, {"error": "the grading worker stopped unexpectedly "
                                                  f"(exit code {worker.proc.returncode})"}))
            for worker in workers:
                if worker.item and time.monotonic() > worker.deadline:
                    item, worker.item = worker.item, None
                    worker.stop(kill=True)
                    ended.append((item, {"timeout": True}))
            # the next submissions start before the caller saves these scores: the workers never wait for the gradebook
            ended += refill()
            yield from ended
    finally:
        for worker in workers:
            if worker.item is None and worker.proc.poll() is None:
                _IDLE.append(worker)
            else:
                worker.stop(kill=worker.proc.poll() is None)
        shutil.rmtree(rundir, ignore_errors=True)


def _progress(done: int, total: int, start: float, row: GradeRow, stream: TextIO) -> None:
    elapsed = time.monotonic() - start
    eta = elapsed / done * (total - done)
    bar = ("#" * int(24 * done / max(total, 1))).ljust(24, ".")
    line = (f"[{bar}] {done}/{total}  elapsed {elapsed:5.1f} s  ETA {eta:5.1f} s  "
            f"{row.student}: {row.status} {row.score:g}/{row.max_score:g}")
    if hasattr(stream, "isatty") and stream.isatty():
        stream.write("\r" + line[:150].ljust(150) + ("\n" if done == total else ""))
    else:
        stream.write(line + "\n")
    stream.flush()


def _ensure_released(course: Course, assignment: str, out: TextIO) -> list[str]:
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            return [nb.name for nb in gb.find_assignment(assignment).notebooks]
        except MissingEntry:
            pass
    from .releasing import student_version

    print(f"{assignment} is not in the gradebook yet: generating the student version first", file=out)
    student_version(assignment, course=course, check=False, out=out)
    with course.gradebook() as gb:
        return [nb.name for nb in gb.find_assignment(assignment).notebooks]


def _timestamp(folder: Path):
    from nbgrader.utils import parse_utc

    try:
        return parse_utc((folder / "timestamp.txt").read_text(encoding="utf-8").strip())
    except Exception:  # noqa: BLE001 - no or a bad timestamp means "no timestamp"
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
    fork_server: bool = True,
    out: TextIO | None = None,
) -> list[GradeRow]:
    """Autograde every submission of ``assignment`` in parallel, each in a sandbox (并行自动评分).

    Parameters
    ----------
    assignment : str
        Assignment name (a folder of the source directory).
    course : Course, optional
        The course (default: the folder holding ``nbgrader_config.py`` above the cwd).
    jobs : int, optional
        Submissions graded at once (default: the number of cores).
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
    fork_server : bool
        Fork each sandboxed kernel from a process that has imported the kernel's
        libraries once (:mod:`kamcourse.instructor.forkserver`); False: start
        each kernel anew (slower; the same walls).
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
    # each student's data variant is generated once and read by the kernel and the checks
    os.environ.setdefault("KAMCOURSE_VARIANT_CACHE", str(course.reports / ".variants"))
    state_dir = course.reports / ".state" / assignment
    state_dir.mkdir(parents=True, exist_ok=True)

    folders = sorted(p for p in course.submitted.glob(f"*/{assignment}") if p.is_dir())
    if students:
        folders = [p for p in folders if fnmatch.fnmatchcase(p.parent.name, students)]
    rows: dict[str, GradeRow] = {}
    todo: list[tuple[str, Path, str]] = []
    for folder in folders:
        student, fp = folder.parent.name, _fingerprint(folder)
        try:
            state = json.loads((state_dir / f"{student}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        if not force and state.get("fingerprint") == fp:
            rows[student] = GradeRow(**{k: v for k, v in state.items() if k not in ("fingerprint", "skipped")},
                                     skipped=True)
        else:
            todo.append((student, folder, fp))

    jobs = min(jobs or os.cpu_count() or 1, max(len(todo), 1))
    print(f"grading {len(todo)} submission(s) of {assignment}, {jobs} at a time"
          + (f"; {len(rows)} already graded and unchanged" if rows else "") + f" ({how})", file=out)
    settings = {"course_root": str(course.root), "assignment": assignment, "cell_timeout": cell_timeout,
                "submission_timeout": float(timeout), "sandbox_user": sandbox_user, "unsafe": unsafe,
                "per_student_data": per_student_data, "fork_server": fork_server}
    start = time.monotonic()
    for done, ((student, folder, fp), result) in enumerate(
            _run(course, assignment, settings, todo, notebooks, jobs, timeout + 120), 1):
        row = _finalize(course, assignment, notebooks, student, folder, result)
        rows[student] = row
        state = state_dir / f"{student}.json"
        state.with_suffix(".tmp").write_text(json.dumps({"fingerprint": fp, **asdict(row)}), encoding="utf-8")
        os.replace(state.with_suffix(".tmp"), state)
        if progress:
            _progress(done, len(todo), start, row, out)
    shutil.rmtree(course.reports / ".stage" / assignment, ignore_errors=True)
    ordered = [rows[k] for k in sorted(rows)]
    _write_summary(course, assignment, ordered, out)
    return ordered


def _finalize(course: Course, assignment: str, notebooks: list[str], student: str, folder: Path,
              result: dict[str, Any]) -> GradeRow:
    """Save one submission's scores in the gradebook (nbgrader's own preprocessors) and its graded notebooks."""
    import nbformat
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    config = course.config
    dest = course.autograded / student / assignment
    stage = course.reports / ".stage" / assignment / student
    statuses: list[tuple[str, str]] = []
    verdicts: list[dict[str, Any]] = []
    if "error" in result or "timeout" in result:
        status = "timed out" if "timeout" in result else "error"
        statuses.append((status, "the submission's grading was stopped after the time limit"
                         if status == "timed out" else result["error"]))
    per_notebook = result.get("notebooks", {})
    with course.gradebook() as gb:
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student, timestamp=_timestamp(folder))
        for name in notebooks:
            info = per_notebook.get(name, {"status": statuses[0][0] if statuses else "error"})
            staged = stage / f"{name}.ipynb"
            if info.get("status") in ("graded", "timed out", "kernel died") and staged.exists():
                nb = nbformat.read(staged, as_version=4)
                resources = {"nbgrader": {"student": student, "assignment": assignment, "notebook": name,
                                          "db_url": course.db_url}, "unique_key": name}
                for preprocessor in (SaveAutoGrades, AssignLatePenalties):
                    nb, resources = preprocessor(config=config).preprocess(nb, resources)
                (dest / f"{name}.ipynb").unlink(missing_ok=True)
                nbformat.write(nb, dest / f"{name}.ipynb")
            else:
                for g in gb.find_submission_notebook(name, assignment, student).grades:
                    g.auto_score, g.needs_manual_grade = 0, False
                gb.db.commit()
            if "reason" in info or info.get("status") != "graded":
                statuses.append((info.get("status", "error"), info.get("reason", "")))
            verdicts += [dict(v, notebook=name) for v in info.get("verdicts", [])]
        gb.db.expire_all()  # the preprocessors wrote through their own connections
        sub = gb.find_submission(assignment, student)
        score, max_score, manual = float(sub.score), float(sub.max_score), bool(sub.needs_manual_grade)
    worst = max(statuses, key=lambda s: _SEVERITY.get(s[0], 99), default=("graded", ""))
    reasons = "; ".join(dict.fromkeys(r for _, r in statuses if r))
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

"""nbgrader round trip for the assignment tests.

``roundtrip(assignment, submissions, workdir)`` copies one assignment's source
folder into a scratch course, makes the student version with
``nbgrader generate_assignment``, builds one submission per entry of
``submissions``, autogrades them all in one ``nbgrader autograde`` run and
returns the scores read back from the gradebook.

A submission is described by:

- ``"solution"``: every answer cell filled with the source's solution;
- ``"blank"``: the student version untouched;
- a dict ``{grade_id: source}``: the student version with those answer cells
  replaced (the key ``"__base__": "solution"`` starts from the solution instead).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ROOT / "assignments"
SOLUTION_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*\n?", re.S | re.M)
HIDDEN_BLOCK = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)


def assignment_names() -> list[str]:
    return sorted(p.name for p in ASSIGNMENTS.iterdir() if p.is_dir() and list(p.glob("*.ipynb")))


def nbgrader(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("nbgrader")
    # nbgrader runs `alembic` for the gradebook: the venv's bin must be on PATH
    env = dict(os.environ, PYTHONWARNINGS="ignore", PATH=f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def solution_source(cell) -> str:
    """The answer a perfect student would type: the solution without nbgrader markers."""
    src = cell.source
    if cell.cell_type == "markdown":
        return src
    return SOLUTION_BLOCK.sub(lambda m: m.group(1), src)


@dataclass
class Course:
    root: Path
    assignment: str
    released: list[Path] = field(default_factory=list)

    def source_notebooks(self) -> list[Path]:
        return sorted((self.root / "assignments" / self.assignment).glob("*.ipynb"))


_EMPTY_GRADEBOOK: dict[str, bytes] = {}


def _empty_gradebook() -> bytes:
    """An empty gradebook of the kit's course, made once per process.

    nbgrader runs the ``alembic`` command (a new Python process, 1-2 s of CPU)
    for every new gradebook; the scratch courses start from a copy instead.
    """
    if "db" not in _EMPTY_GRADEBOOK:
        import tempfile

        from nbgrader.api import Gradebook

        from kamcourse.instructor.course import ensure_tools_on_path

        ensure_tools_on_path()  # nbgrader runs `alembic` from the environment's bin folder
        with tempfile.TemporaryDirectory() as tmp:
            Gradebook(f"sqlite:///{tmp}/gradebook.db", course_id="kamcourse").close()
            _EMPTY_GRADEBOOK["db"] = Path(tmp, "gradebook.db").read_bytes()
    return _EMPTY_GRADEBOOK["db"]


def make_course(assignment: str, workdir: Path, cli: bool = False) -> Course:
    """Copy the assignment into a scratch course and generate the student version.

    ``cli=True`` runs the ``nbgrader generate_assignment`` command; otherwise
    nbgrader's own API runs in this process (no command start-up cost).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "gradebook.db").write_bytes(_empty_gradebook())
    shutil.copy(ROOT / "nbgrader_config.py", workdir / "nbgrader_config.py")
    shutil.copytree(ASSIGNMENTS / assignment, workdir / "assignments" / assignment, dirs_exist_ok=True)
    if cli:
        nbgrader(["generate_assignment", assignment, "--force"], cwd=workdir)
    else:
        from kamcourse.instructor import Course as KitCourse
        from kamcourse.instructor.releasing import student_version

        student_version(assignment, course=KitCourse(workdir), check=False)
    course = Course(workdir, assignment)
    course.released = sorted((workdir / "release" / assignment).glob("*.ipynb"))
    return course


def build_submission(course: Course, spec) -> dict[str, nbformat.NotebookNode]:
    out = {}
    for src_path in course.source_notebooks():
        source = nbformat.read(src_path, as_version=4)
        student = nbformat.read(course.root / "release" / course.assignment / src_path.name, as_version=4)
        solutions = {meta(c)["grade_id"]: solution_source(c) for c in source.cells if meta(c).get("solution")}
        answers: dict[str, str] = {}
        if spec == "solution":
            answers = dict(solutions)
        elif isinstance(spec, dict):
            if spec.get("__base__") == "solution":
                answers = dict(solutions)
            answers.update({k: v for k, v in spec.items() if k != "__base__"})
        elif spec != "blank":
            raise ValueError(f"unknown submission spec {spec!r}")
        for cell in student.cells:
            gid = meta(cell).get("grade_id")
            if gid in answers and meta(cell).get("solution"):
                cell.source = answers[gid]
        out[src_path.name] = student
    return out


def write_submissions(course: Course, submissions: dict) -> None:
    """Write one submission folder per entry of ``submissions`` (see the module docstring)."""
    workdir, assignment = course.root, course.assignment
    for student, spec in submissions.items():
        folder = workdir / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        for other in (workdir / "release" / assignment).iterdir():
            if other.is_file() and other.suffix != ".ipynb":
                shutil.copy(other, folder / other.name)
        for name, nb in build_submission(course, spec).items():
            nbformat.write(nb, folder / name)


def roundtrip(
    assignment: str, submissions: dict, workdir: Path, course: Course | None = None, engine: str = "kamcourse"
) -> dict[str, dict[str, tuple[float, float]]]:
    """Grade each submission; return ``{student: {grade_id: (score, max_score)}}`` for autograded cells.

    ``engine="kamcourse"`` grades with ``kamcourse grade`` (parallel, checks
    outside the kernel, each student's data variant); ``engine="nbgrader"``
    with plain ``nbgrader autograde``. ``course`` reuses a scratch course made
    by :func:`make_course` in ``workdir``.
    """
    course = course or make_course(assignment, workdir)
    write_submissions(course, submissions)
    if engine == "nbgrader":
        nbgrader(["autograde", assignment, "--force"], cwd=workdir)
    else:
        import io

        from kamcourse.instructor import Course as KitCourse
        from kamcourse.instructor import grade

        rows = grade(assignment, course=KitCourse(workdir), jobs=1, progress=False, force=True, out=io.StringIO())
        broken = [r for r in rows if r.status != "graded"]
        if broken:
            raise RuntimeError(f"kamcourse grade could not grade: {broken}")
    return read_scores(workdir, assignment)


def read_scores(workdir: Path, assignment: str) -> dict[str, dict[str, tuple[float, float]]]:
    from nbgrader.api import Gradebook

    scores: dict[str, dict[str, tuple[float, float]]] = {}
    with Gradebook(f"sqlite:///{workdir / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            per = {}
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.auto_score is None and grade.cell_type == "markdown":
                        continue  # manually graded written answer
                    per[grade.name] = (float(grade.score or 0.0), float(grade.max_score))
            scores[sub.student.id] = per
    return scores


def answers(name: str):
    """The module ``tests/assignment_answers/<name>.py``: ``WRONG`` (a plausible wrong submission), optionally ``LOSES``."""
    import importlib.util

    path = ROOT / "tests" / "assignment_answers" / f"{name}.py"
    assert path.exists(), f"{path.relative_to(ROOT)} must define WRONG, a plausible wrong submission"
    spec = importlib.util.spec_from_file_location(f"answers_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def three_submissions(name: str) -> dict:
    """The round trip's submissions: the solution, a blank notebook and the plausible wrong one."""
    return {"solution": "solution", "blank": "blank", "wrong": answers(name).WRONG}


@pytest.fixture(scope="session")
def course_for(tmp_path_factory):
    """One scratch course (with its student version) per assignment, shared by the tests of one test process."""
    made = {}

    def get(name: str) -> Course:
        if name not in made:
            made[name] = make_course(name, tmp_path_factory.mktemp(name))
        return made[name]

    return get


@pytest.fixture(scope="session")
def graded_for(course_for):
    """The scores of :func:`three_submissions` graded once by ``kamcourse grade`` in the assignment's scratch course,
    shared by its round-trip test and its Chinese twin's comparison (give both the xdist group of its name)."""
    done = {}

    def get(name: str) -> dict[str, dict[str, tuple[float, float]]]:
        if name not in done:
            course = course_for(name)
            done[name] = roundtrip(name, three_submissions(name), course.root, course=course)
        return done[name]

    return get


def total(per_cell: dict[str, tuple[float, float]]) -> tuple[float, float]:
    return sum(s for s, _ in per_cell.values()), sum(m for _, m in per_cell.values())


# --------------------------------------------------------------------------- a hostile submission
HOSTILE = '''\
import json as _j, os as _os, shutil as _sh, socket as _so, subprocess as _sp, sys as _sys
_report = {}
def _attempt(name, action):
    try:
        action()
        _report[name] = "done"
    except Exception as exc:
        _report[name] = type(exc).__name__
_attempt("create a file in the course folder", lambda: open(T["course"] + "/pwned-" + MARK, "w").write("x"))
_attempt("change a classmate's submission", lambda: open(T["classmate"], "a").write(" "))
_attempt("append to the gradebook", lambda: open(T["gradebook"], "ab").write(MARK.encode()))
for _what in ("classmate", "gradebook", "secret"):
    _attempt("copy the " + _what + " to /tmp", lambda w=_what: _sh.copy(T[w], "/tmp/" + MARK + "-" + w))
_attempt("open a TCP connection", lambda: _so.create_connection(("127.0.0.1", T["port"]), timeout=3).close())
_attempt("read the source assignment", lambda: open(T["source"]).read())
_attempt("list a home folder", lambda: _os.listdir(T["home"]))
_report["secret in the environment"] = _os.environ.get("KAMCOURSE_SECRET")
_sp.Popen([_sys.executable, "-c", "import time; time.sleep(900)", MARK], start_new_session=True)
print(_j.dumps(_report))
print("secret:", _os.environ.get("KAMCOURSE_SECRET"), "my key:", _os.environ.get("KAMCOURSE_STUDENT_KEY"))
try:
    print("secret file:", open(T["secret"]).read())
except OSError:
    pass
'''


def hostile_answer(targets: dict, mark: str, answer: str) -> str:
    """An answer cell that first tries to get out of grading, then answers ``answer``.

    ``targets``: ``course``, ``classmate`` (their submitted notebook), ``gradebook``,
    ``secret`` (the secret file), ``source`` (a source notebook), ``home`` (a home
    folder) and ``port`` (a TCP port listening on the host's 127.0.0.1).
    """
    return f"T = {targets!r}\nMARK = {mark!r}\n{HOSTILE}\n{answer}\n"


def hostile_report(notebook: Path) -> dict:
    """The attempts' results the hostile cell printed, read from the autograded notebook."""
    import json

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for line in str(out.get("text", "")).splitlines():
                if line.startswith('{"create a file'):
                    return json.loads(line)
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    raise AssertionError(f"the hostile cell printed no report in {notebook}; errors: {errors[:3]}")


class Listener:
    """A TCP server on the host's 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> int:
        self._done.set()
        self._thread.join()
        self.sock.close()
        return self.accepted


def processes_with(mark: str) -> list[int]:
    """PIDs whose command line contains ``mark``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if mark.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            pass
    return found


def clean_up_hostile(mark: str) -> None:
    """Kill what a hostile cell left running and remove what it copied to /tmp (after an unsafe run)."""
    import signal

    for pid in processes_with(mark):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for path in Path("/tmp").glob(f"{mark}-*"):
        path.unlink()

"""The instructor toolkit on the kit's a00 assignment: release, parallel grading with every
robustness case of issue 6, feedback without hidden tests, LMS export, gradebook compatibility."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from roundtrip import (
    ROOT,
    Listener,
    build_submission,
    clean_up_hostile,
    hostile_answer,
    hostile_report,
    processes_with,
)
from roundtrip import Course as RoundtripCourse

from kamcourse.instructor import Course, LeakError, export, feedback, grade, release
from kamcourse.instructor.leaks import hidden_lines

A = "a00_getting_started"


def _points() -> dict[str, float]:
    nb = nbformat.read(ROOT / "assignments" / A / f"{A}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


# a00's points, read from the notebook so the tests follow the assignment: q1 and q2 autograded, q3 written
POINTS = _points()
AUTO = POINTS["q1_tests"] + POINTS["q2_tests"]
# the module's tests share one graded course: keep them on one xdist worker
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("instructor")]

CHEATS = {
    # an object that compares equal to everything (fools ==, numpy.isclose, pandas.testing)
    "cheat_equal_all": {"__base__": "solution", "q1_answer": (
        "class Anything(float):\n"
        "    def __eq__(self, other): return True\n"
        "    def __sub__(self, other): return Anything(0)\n"
        "    def __rsub__(self, other): return Anything(0)\n"
        "    def __abs__(self): return 0.0\n"
        "    def __float__(self): return 0.5\n"
        "top_customer_share = Anything(0.3)")},
    # silence how errors are reported, so failing asserts leave no error output
    "cheat_silent_errors": {"__base__": "solution", "q2_answer": (
        "n_for_80_percent = 3\n"
        "import IPython, sys\n"
        "ip = IPython.get_ipython()\n"
        "ip.showtraceback = lambda *a, **k: None\n"
        "ip._showtraceback = lambda *a, **k: None\n"
        "sys.excepthook = lambda *a: None")},
    # tamper with a helper the checks rely on
    "cheat_patched_helper": {"__base__": "solution", "q1_answer": (
        "import builtins\n"
        "builtins.abs = lambda x: 0\n"
        "top_customer_share = 0.9")},
}


def _write(root: Path, student: str, notebooks: dict[str, nbformat.NotebookNode]) -> Path:
    folder = root / "submitted" / student / A
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    return folder


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "assignments" / A, root / "assignments" / A)
    course = Course(root)
    release([A], course=course, out=io.StringIO())
    rc = RoundtripCourse(root, A)
    name = f"{A}.ipynb"

    def sub(spec):
        return build_submission(rc, spec)

    _write(root, "solution", sub("solution"))
    _write(root, "blank", sub("blank"))
    for student, spec in CHEATS.items():
        _write(root, student, sub(spec))
    # tampered test cell: the student replaced the test with `pass` and answered wrongly
    nb = sub({"q1_answer": "top_customer_share = 0.1"})[name]
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_tests":
            cell.source = "pass"
    _write(root, "tampered", {name: nb})
    # deleted test cell: restored from the source and graded
    nb = sub({"__base__": "solution", "q1_answer": "top_customer_share = 0.1"})[name]
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q1_tests"]
    _write(root, "deleted_test", {name: nb})
    # duplicated cell ids (and a copied cell), extra files
    nb = sub("solution")[name]
    dup = nbformat.from_dict(json.loads(json.dumps(nb.cells[1])))
    nb.cells.insert(2, dup)
    nb.cells[3]["id"] = nb.cells[4]["id"]
    folder = _write(root, "duplicated_ids", {name: nb})
    (folder / "notes.txt").write_text("my notes")
    (folder / "scratch.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    # renamed, missing, unreadable, not UTF-8
    folder = root / "submitted" / "renamed" / A
    folder.mkdir(parents=True)
    nbformat.write(sub("solution")[name], folder / f"{A} (1).ipynb")
    (root / "submitted" / "empty" / A).mkdir(parents=True)
    folder = root / "submitted" / "not_utf8" / A
    folder.mkdir(parents=True)
    (folder / name).write_bytes("{ \"cells\": \"中文\" }".encode("gb18030"))
    folder = root / "submitted" / "not_json" / A
    folder.mkdir(parents=True)
    (folder / name).write_text("this is not a notebook")
    # infinite loop, kernel death, huge output, syntax error
    _write(root, "infinite_loop", sub({"__base__": "solution", "q1_answer": "while True:\n    pass"}))
    _write(root, "kernel_dies", sub({"__base__": "solution", "q2_answer": "import os\nos._exit(1)"}))
    _write(root, "huge_output", sub({"__base__": "solution", "q2_answer":
                                     "print('x' * 50_000_000)\nn_for_80_percent = 2"}))
    _write(root, "syntax_error", sub({"__base__": "solution", "q1_answer": "top_customer_share = = 1"}))
    log = io.StringIO()
    started = time.monotonic()
    rows = grade(A, course=course, jobs=2, cell_timeout=10, timeout=120, out=log)
    return {"course": course, "rows": {r.student: r for r in rows}, "log": log.getvalue(),
            "seconds": time.monotonic() - started}


def auto(row) -> float:
    return row.score


def test_solution_and_blank(graded) -> None:
    rows = graded["rows"]
    assert rows["solution"].status == "graded" and rows["solution"].score == AUTO
    assert rows["solution"].max_score == AUTO + POINTS["q3_answer"]  # autograded + the written answer
    assert rows["solution"].manual_pending
    assert rows["blank"].score == 0


@pytest.mark.parametrize("student", sorted(CHEATS))
@pytest.mark.security
def test_checks_cannot_be_fooled_from_the_notebook(graded, student) -> None:
    """Each cheat solves nothing for its part and earns nothing for it (issue 6)."""
    row = graded["rows"][student]
    lost = {"cheat_equal_all": "q1_tests", "cheat_silent_errors": "q2_tests", "cheat_patched_helper": "q1_tests"}[student]
    verdict = {v["grade_id"]: v for v in row.verdicts}[lost]
    assert not verdict["passed"]
    assert row.score == AUTO - POINTS[lost]


@pytest.mark.security
def test_tampered_test_cell_is_restored(graded) -> None:
    assert graded["rows"]["tampered"].score == 0


@pytest.mark.security
def test_deleted_test_cell_is_restored_and_graded(graded) -> None:
    row = graded["rows"]["deleted_test"]
    assert row.status == "graded"
    assert row.score == POINTS["q2_tests"]  # q1 wrong (restored test fails), q2 right
    nb = nbformat.read(graded["course"].autograded / "deleted_test" / A / f"{A}.ipynb", as_version=4)
    assert any(c.metadata.get("nbgrader", {}).get("grade_id") == "q1_tests" for c in nb.cells)


def test_duplicated_ids_and_extra_files(graded) -> None:
    row = graded["rows"]["duplicated_ids"]
    assert (row.status, row.score) == ("graded", AUTO)


@pytest.mark.parametrize(
    "student, status, words",
    [
        ("renamed", "notebook missing", "renamed"),
        ("empty", "notebook missing", "not found"),
        ("not_utf8", "invalid notebook", "UTF-8"),
        ("not_json", "invalid notebook", "invalid notebook"),
        ("infinite_loop", "timed out", "q1_answer"),
        ("kernel_dies", "kernel died", "kernel"),
    ],
)
def test_broken_submissions_end_with_a_reason(graded, student, status, words) -> None:
    row = graded["rows"][student]
    assert row.status == status
    assert words in row.reason


def test_partial_credit_survives_breakage(graded) -> None:
    rows = graded["rows"]
    assert rows["infinite_loop"].score == POINTS["q2_tests"]  # q1 interrupted, q2 still graded
    assert rows["kernel_dies"].score == POINTS["q1_tests"]  # q1 graded before the kernel died
    assert rows["huge_output"].score == AUTO and rows["huge_output"].status == "graded"
    assert rows["syntax_error"].score == POINTS["q2_tests"]


def test_huge_output_is_limited(graded) -> None:
    path = graded["course"].autograded / "huge_output" / A / f"{A}.ipynb"
    assert path.stat().st_size < 2_000_000


def test_summary_csv_and_progress(graded) -> None:
    course = graded["course"]
    with (course.reports / f"{A}-grades.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["student"] for r in rows} == set(graded["rows"])
    assert all(r["status"] in {"graded", "timed out", "kernel died", "notebook missing", "invalid notebook", "error"} for r in rows)
    assert "ETA" in graded["log"] and "summary written" in graded["log"]


def test_scores_land_in_nbgraders_gradebook(graded) -> None:
    """nbgrader's own export sees the scores the kit wrote."""
    course = graded["course"]
    exe = Path(sys.executable).with_name("nbgrader")
    env = dict(os.environ, PATH=f"{exe.parent}{os.pathsep}{os.environ['PATH']}")
    subprocess.run([str(exe), "export", "--to", "grades.csv"], cwd=course.root, check=True, capture_output=True, env=env)
    with (course.root / "grades.csv").open(encoding="utf-8") as fh:
        scores = {r["student_id"]: float(r["raw_score"]) for r in csv.DictReader(fh) if r["assignment"] == A}
    assert scores["solution"] == AUTO and scores["cheat_silent_errors"] == POINTS["q1_tests"]


def test_rerun_is_idempotent(graded) -> None:
    log = io.StringIO()
    rows = grade(A, course=graded["course"], jobs=2, out=log)
    assert all(r.skipped for r in rows)
    assert {r.student: r.score for r in rows} == {k: v.score for k, v in graded["rows"].items()}
    assert "grading 0 submission(s)" in log.getvalue()


@pytest.mark.security
def test_feedback_never_shows_hidden_tests(graded) -> None:
    course = graded["course"]
    files = feedback(A, course=course, out=io.StringIO())
    assert len(files) == len(graded["rows"])
    secrets = hidden_lines(course.source / A / f"{A}.ipynb")
    assert secrets
    for path in files:
        text = path.read_text(encoding="utf-8")
        for line in secrets:
            assert line not in text, f"{path} shows hidden line {line!r}"
    cheat = (course.feedback / "cheat_silent_errors" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "q2_tests: a hidden check did not pass" in cheat
    solution = (course.feedback / "solution" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "q1_tests: passed" in solution


@pytest.mark.security
def test_feedback_scrubs_a_submission_that_prints_hidden_tests(tmp_path) -> None:
    """A submission that reads the source notebook and prints its hidden tests does not leak them."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "assignments" / A, tmp_path / "assignments" / A)
    course = Course(tmp_path)
    release([A], course=course, out=io.StringIO())
    source = tmp_path / "assignments" / A / f"{A}.ipynb"
    spy = f"print(open({str(source)!r}, encoding='utf-8').read())\ntop_customer_share = 0.5"
    _write(tmp_path, "spy", build_submission(RoundtripCourse(tmp_path, A), {"__base__": "solution", "q1_answer": spy}))
    grade(A, course=course, jobs=1, out=io.StringIO(), unsafe=True)
    (path,) = feedback(A, course=course, out=io.StringIO())
    text = path.read_text(encoding="utf-8")
    assert "[hidden]" in text
    for line in hidden_lines(source):
        escaped = json.dumps(line)[1:-1]
        assert line not in text and escaped not in text and html.escape(escaped) not in text


@pytest.mark.parametrize("fmt", ["canvas", "moodle", "csv"])
def test_export_parses_back(graded, fmt) -> None:
    course = graded["course"]
    path = export(A, fmt, course=course, out=io.StringIO())
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    if fmt == "canvas":
        assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and header[5] == A
        assert body[0][0].strip() == "Points Possible" and float(body[0][5]) == AUTO + POINTS["q3_answer"]
        got = {r[3]: float(r[5]) for r in body[1:]}
    elif fmt == "moodle":
        assert header == ["Username", "Email address", A, f"{A} feedback"]
        got = {r[0]: float(r[2]) for r in body}
    else:
        assert header[:6] == ["student_id", "first_name", "last_name", "email", "score", "max_score"]
        got = {r[0]: float(r[4]) for r in body}
    assert got == {k: v.score for k, v in graded["rows"].items()}


@pytest.mark.security
def test_release_refuses_a_leaking_student_version(tmp_path) -> None:
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "assignments" / A, tmp_path / "assignments" / A)
    path = tmp_path / "assignments" / A / f"{A}.ipynb"
    nb = nbformat.read(path, as_version=4)
    # an instructor forgot the solution markers in a read-only cell: the answer is printed for students
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("Answer: top_customer_share = revenue.max() / revenue.sum()"))
    nbformat.write(nb, path)
    with pytest.raises(LeakError, match="top_customer_share = revenue.max"):
        release([A], course=Course(tmp_path), out=io.StringIO())


def test_killed_run_loses_nothing(tmp_path) -> None:
    """kill -9 in the middle of a batch, then run again: the rest is graded, nothing twice."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "assignments" / A, tmp_path / "assignments" / A)
    course = Course(tmp_path)
    release([A], course=course, out=io.StringIO())
    rc = RoundtripCourse(tmp_path, A)
    for i in range(6):
        _write(tmp_path, f"s{i}", build_submission(rc, "solution"))
    script = ("import sys; from kamcourse.instructor import grade, Course; "
              f"grade({A!r}, course=Course(__import__('pathlib').Path({str(tmp_path)!r})), jobs=1, progress=True)")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    state = tmp_path / "reports" / ".state" / A
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(state.glob("*.json"))) < 2:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = {p.stem for p in state.glob("*.json")}
    assert 2 <= len(done_before) < 6
    rows = grade(A, course=course, jobs=2, out=io.StringIO())
    assert len(rows) == 6 and all(r.score == AUTO and r.status == "graded" for r in rows)
    assert {r.student for r in rows if r.skipped} == done_before


SECRET = "course-secret-for-the-hostile-test"


@pytest.fixture
def hostile(monkeypatch):
    """A course with a classmate's correct work and a submission whose first answer tries to get out.

    The course lies in a folder everyone may enter, its folders are 0777 and its files 0666, and the
    secret file is readable by all: file permissions stop nothing, only the sandbox can.
    """
    import tempfile

    where = Path(tempfile.mkdtemp(prefix="kc-hostile-", dir="/tmp"))
    os.chmod(where, 0o777)
    root = where / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "assignments" / A, root / "assignments" / A)
    course = Course(root)
    release([A], course=course, out=io.StringIO())
    (root / "kamcourse-secret").write_text(SECRET + "\n")
    monkeypatch.setenv("KAMCOURSE_SECRET", SECRET)
    mark = f"kc-hostile-{os.getpid()}-{time.time_ns()}"
    listener = Listener()
    name = f"{A}.ipynb"
    rc = RoundtripCourse(root, A)
    classmate = _write(root, "classmate", build_submission(rc, "solution")) / name
    targets = {"course": str(root), "classmate": str(classmate), "gradebook": str(root / "gradebook.db"),
               "secret": str(root / "kamcourse-secret"), "source": str(root / "assignments" / A / name),
               "home": os.path.expanduser("~"), "port": listener.port}
    answer = hostile_answer(targets, mark, "top_customer_share = revenue.max() / revenue.sum()")
    _write(root, "attacker", build_submission(rc, {"__base__": "solution", "q1_answer": answer}))
    for path in [root, *root.rglob("*")]:
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    before = {"classmate": classmate.read_bytes(), "course": sorted(p.name for p in root.iterdir())}
    try:
        yield {"course": course, "mark": mark, "listener": listener, "before": before, "targets": targets}
    finally:
        listener.close()
        clean_up_hostile(mark)
        shutil.rmtree(where, ignore_errors=True)


def _printed(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    return json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])


@pytest.mark.security
def test_a_hostile_submission_gets_nothing_out(hostile) -> None:
    """Issue 14: graded in the sandbox, none of the nine things gets out; the classmate keeps full marks."""
    from kamcourse.data.variants import student_key
    from kamcourse.instructor.sandbox import Sandbox

    why = Sandbox().unavailable()
    if why:
        pytest.skip(f"the grading sandbox cannot run here: {why}")
    course, mark, before = hostile["course"], hostile["mark"], hostile["before"]
    rows = {r.student: r for r in grade(A, course=course, jobs=2, out=io.StringIO())}
    accepted = hostile["listener"].close()
    root = course.root
    attacker_nb = course.autograded / "attacker" / A / f"{A}.ipynb"
    report = hostile_report(attacker_nb)
    assert [k for k, v in report.items() if v == "done"] == [], report
    # each of the nine, checked on the host
    assert sorted(p.name for p in root.iterdir()) == sorted({*before["course"], "autograded", "reports"}), \
        "a file was created in the course folder"
    assert (root / "submitted" / "classmate" / A / f"{A}.ipynb").read_bytes() == before["classmate"]
    assert mark.encode() not in (root / "gradebook.db").read_bytes(), "bytes were appended to the gradebook"
    assert not list(Path("/tmp").glob(f"{mark}-*")), "the classmate's notebook, gradebook or secret reached /tmp"
    assert accepted == 0, "a TCP connection to the host's 127.0.0.1 was opened"
    assert report["secret in the environment"] is None and SECRET not in _printed(attacker_nb)
    pages = feedback(A, course=course, out=io.StringIO())
    key = student_key("attacker", SECRET)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert SECRET not in text and key not in text, f"{page} shows the secret or a key"
    assert "[key hidden]" in _printed(attacker_nb), "the attacker printed their key: it is hidden"
    assert report["read the source assignment"] == report["list a home folder"] == "FileNotFoundError", report
    assert not processes_with(mark), "a process the submission started outlived grading"
    assert rows["classmate"].score == AUTO and all(v["passed"] for v in rows["classmate"].verdicts)
    assert rows["attacker"].status == "graded"


@pytest.mark.security
def test_the_same_submission_gets_out_without_the_sandbox(hostile) -> None:
    """The control experiment: with --unsafe the same cell does get out (so the test above can fail),
    and feedback still hides the secret the cell printed."""
    course, mark = hostile["course"], hostile["mark"]
    grade(A, course=course, jobs=1, out=io.StringIO(), unsafe=True)
    report = hostile_report(course.autograded / "attacker" / A / f"{A}.ipynb")
    assert report["create a file in the course folder"] == "done" and (course.root / f"pwned-{mark}").exists()
    assert report["append to the gradebook"] == report["copy the secret to /tmp"] == "done"
    assert SECRET in _printed(course.autograded / "attacker" / A / f"{A}.ipynb"), "the cell printed the secret file"
    assert hostile["listener"].close() >= 1
    for page in feedback(A, course=course, out=io.StringIO()):
        assert SECRET not in page.read_text(encoding="utf-8")

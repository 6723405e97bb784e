"""Grade students' practice databases and write the scores for the gradebook (成绩).

``kamcourse crm grade`` grades one database or a folder of submissions
(``SUBMISSIONS/<student id>/crm.sqlite3``, e.g. collected from each
student's JupyterHub home or handed in with ``kamcourse crm hand-in``).
Each database is graded in its own process, on a private copy, so a
student's file is never changed.

The scores are written as a CSV with the columns of ``kamcourse export
--format csv`` (``student_id, first_name, last_name, email, score,
max_score, percent``) followed by one column per chapter; with
``gradebook=`` they are also recorded in nbgrader's gradebook as an
assignment (one grade cell per chapter), so ``kamcourse export <assignment>
--format canvas|moodle|csv`` exports them with the other grades.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["grade_current_database", "grade_database_file", "grade_submissions", "write_scores_csv",
           "write_gradebook", "copy_database"]


def grade_current_database(student: str | None, secret: str | None = None, chapters=None) -> dict:
    """Grade the database Django is configured with, for ``student`` (评分).

    Returns
    -------
    dict
        ``student``, ``database_student`` (whose data the database was loaded
        with), ``chapters`` {chapter: points}, ``max`` {chapter: points},
        ``checks`` [(chapter, points, max, message)].

    Examples
    --------
    >>> callable(grade_current_database)
    True
    """
    from django.conf import settings
    from django.utils import translation

    from ..maintenance.models import Instance
    from .catalogue import CHAPTERS
    from .checks import MAX_POINTS, grade_chapter
    from .params import task_params

    instance = Instance.objects.order_by("pk").first()
    since = instance.loaded_at if instance else None
    params = task_params(student, secret, settings.CRM_WARNING_DAYS)
    result = {"student": student, "database_student": instance.student if instance else None,
              "chapters": {}, "max": {}, "checks": []}
    with translation.override("en"):
        for chapter in chapters or CHAPTERS:
            checks = grade_chapter(chapter, params, since) if since else []
            result["chapters"][chapter] = sum(c.points for c in checks)
            result["max"][chapter] = MAX_POINTS[chapter]
            result["checks"] += [(c.chapter, c.points, c.max_points, c.message) for c in checks]
    return result


def copy_database(src: str | Path, dst: str | Path) -> None:
    """A consistent copy of a SQLite database, write-ahead log included (SQLite's backup API) (数据库副本).

    Examples
    --------
    >>> import sqlite3, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sqlite3.connect(folder / "a.sqlite3").execute("CREATE TABLE t (x)").connection.commit()
    >>> copy_database(folder / "a.sqlite3", folder / "b.sqlite3")
    >>> sqlite3.connect(folder / "b.sqlite3").execute("SELECT name FROM sqlite_master").fetchone()
    ('t',)
    """
    src, dst = Path(src), Path(dst)
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def grade_database_file(path: str | Path, student: str | None, secret: str | None = None, timeout: float = 300) -> dict:
    """Grade one student's SQLite database file in a separate process, on a private copy.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    RuntimeError
        If grading fails (the message has the grader's error).

    Examples
    --------
    >>> grade_database_file("no-such.sqlite3", "alice")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no database at no-such.sqlite3
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}")
    with tempfile.TemporaryDirectory(prefix="kamcourse-crm-grade-") as tmp:
        copy = Path(tmp) / "crm.sqlite3"
        copy_database(path, copy)
        env = {**os.environ, "KAMCOURSE_CRM_DATABASE_URL": f"sqlite:///{copy}", "KAMCOURSE_CRM_HOME": tmp}
        if secret is not None:
            env["KAMCOURSE_SECRET"] = secret
        cmd = [sys.executable, "-m", "kamcourse.practice.cli", "grade-one", "--student", student or ""]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"grading {path} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def grade_submissions(folder: str | Path, secret: str | None = None, name: str = "crm.sqlite3") -> list[dict]:
    """Grade every ``<folder>/<student>/<name>``; a student whose file is missing or broken gets 0 and a note.

    Examples
    --------
    >>> import tempfile
    >>> grade_submissions(tempfile.mkdtemp())
    []
    """
    from .catalogue import CHAPTERS
    from .checks import MAX_POINTS

    results = []
    for sub in sorted(p for p in Path(folder).iterdir() if p.is_dir()):
        try:
            results.append(grade_database_file(sub / name, sub.name, secret))
        except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
            results.append({"student": sub.name, "database_student": None, "error": str(exc),
                            "chapters": dict.fromkeys(CHAPTERS, 0), "max": dict(MAX_POINTS), "checks": []})
    return results


def write_scores_csv(results: list[dict], path: str | Path) -> Path:
    """Scores in the layout of ``kamcourse export --format csv``, plus one column per chapter.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_scores_csv([{"student": "alice", "chapters": {"ch03": 6}, "max": {"ch03": 6}}],
    ...                        pathlib.Path(tempfile.mkdtemp()) / "s.csv")
    >>> out.read_text().splitlines()[1]
    'alice,,,,6,6,100.0,6'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    chapters = sorted({c for r in results for c in r["max"]})
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["student_id", "first_name", "last_name", "email", "score", "max_score", "percent", *chapters])
        for r in sorted(results, key=lambda r: r["student"] or ""):
            score, top = sum(r["chapters"].values()), sum(r["max"].values())
            w.writerow([r["student"], "", "", "", f"{score:g}", f"{top:g}", f"{100 * score / top:.1f}" if top else "0.0",
                        *(f"{r['chapters'].get(c, 0):g}" for c in chapters)])
    return path


def write_gradebook(results: list[dict], db_url: str, assignment: str = "practice_crm") -> None:
    """Record the scores in nbgrader's gradebook: one assignment, one grade cell per chapter (写入成绩册).

    Afterwards ``kamcourse export <assignment>`` exports them like any graded assignment.

    Parameters
    ----------
    results : list of dict
        From :func:`grade_submissions` or :func:`grade_database_file`.
    db_url : str
        The gradebook, e.g. ``sqlite:////course/gradebook.db``.
    assignment : str
        The assignment's name in the gradebook.

    Examples
    --------
    >>> import tempfile
    >>> url = "sqlite:///" + tempfile.mkdtemp() + "/gradebook.db"
    >>> write_gradebook([{"student": "alice", "chapters": {"ch03": 4}, "max": {"ch03": 6}}], url)
    >>> from nbgrader.api import Gradebook
    >>> with Gradebook(url) as gb:
    ...     gb.find_submission("practice_crm", "alice").score
    4.0
    """
    import warnings

    from nbgrader.api import Gradebook, MissingEntry

    # nbgrader upgrades a gradebook by running `alembic`, found on PATH: use the one beside this Python
    tools = str(Path(sys.executable).parent)
    if tools not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = tools + os.pathsep + os.environ.get("PATH", "")

    chapters = sorted({c for r in results for c in r["max"]})
    top = {c: max(r["max"].get(c, 0) for r in results) for c in chapters}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(db_url) as gb:
            gb.update_or_create_assignment(assignment)
            try:
                gb.find_notebook("tasks", assignment)
            except MissingEntry:
                gb.add_notebook("tasks", assignment)
            for c in chapters:
                gb.update_or_create_grade_cell(c, "tasks", assignment, max_score=top[c], cell_type="markdown")
            for r in results:
                if not r["student"]:
                    continue
                gb.update_or_create_student(r["student"])
                try:
                    gb.find_submission(assignment, r["student"])
                except MissingEntry:
                    gb.add_submission(assignment, r["student"])
                for c in chapters:
                    grade = gb.find_grade(c, "tasks", assignment, r["student"])
                    grade.manual_score = float(r["chapters"].get(c, 0))
                gb.db.commit()

"""``kamcourse export``: grades in the import formats of Canvas, Moodle, or a plain CSV.

Formats (one row per student in the gradebook):

- ``csv``: ``student_id, first_name, last_name, email, score, max_score, percent``.
- ``canvas``: Canvas's gradebook CSV: ``Student, ID, SIS User ID, SIS Login ID,
  Section, <assignment>``; the second row is ``Points Possible``. Canvas
  matches a row by ``ID`` (the Canvas user id, taken from nbgrader's
  ``lms_user_id`` when set) or by ``SIS Login ID`` (the nbgrader student id).
  A new column name creates a new assignment on import; to update an
  existing Canvas assignment, pass ``column="Name (12345)"`` with its Canvas id.
- ``moodle``: Moodle's grade import (CSV): ``Username, Email address, <assignment>,
  <assignment> feedback``; on import choose "Username" (or "Email address")
  to map users and map the grade column to the grade item.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

from .course import Course, ensure_tools_on_path, find_course

__all__ = ["export", "FORMATS"]

FORMATS = ("canvas", "moodle", "csv")


def _rows(course: Course, assignment: str) -> tuple[list[dict], float]:
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            max_score = float(gb.find_assignment(assignment).max_score)
        except MissingEntry:
            raise ValueError(f"assignment {assignment!r} is not in the gradebook: release and grade it first") from None
        rows = []
        for student in gb.students:
            try:
                sub = gb.find_submission(assignment, student.id)
                score = float(sub.score)
                submitted = True
            except MissingEntry:
                score, submitted = 0.0, False
            rows.append({"id": student.id, "first": student.first_name or "", "last": student.last_name or "",
                         "email": student.email or "", "lms": student.lms_user_id or "",
                         "score": score, "submitted": submitted})
    return sorted(rows, key=lambda r: r["id"]), max_score


def export(assignment: str, fmt: str = "csv", *, course: Course | None = None, path: str | Path | None = None,
           column: str | None = None, out: TextIO | None = None) -> Path:
    """Write the assignment's grades for an LMS (导出成绩).

    Parameters
    ----------
    assignment : str
        Assignment name.
    fmt : {"canvas", "moodle", "csv"}
        Import format (see the module docstring).
    course : Course, optional
        The course (default: found from the working folder).
    path : path, optional
        Output file (default ``reports/<assignment>-<fmt>.csv``).
    column : str, optional
        Grade column title (default: the assignment name).
    out : file, optional
        Where to report.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ValueError
        For an unknown format or an assignment not in the gradebook.

    Examples
    --------
    >>> export("a00_getting_started", "xls")
    Traceback (most recent call last):
    ...
    ValueError: fmt must be one of 'canvas', 'moodle', 'csv'; got 'xls'
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of 'canvas', 'moodle', 'csv'; got {fmt!r}")
    out = out or sys.stdout
    ensure_tools_on_path()
    course = course or find_course()
    rows, max_score = _rows(course, assignment)
    target = Path(path) if path else course.reports / f"{assignment}-{fmt}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    title = column or assignment
    with target.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        if fmt == "csv":
            w.writerow(["student_id", "first_name", "last_name", "email", "score", "max_score", "percent"])
            for r in rows:
                pct = 100 * r["score"] / max_score if max_score else 0.0
                w.writerow([r["id"], r["first"], r["last"], r["email"], f"{r['score']:g}", f"{max_score:g}", f"{pct:.1f}"])
        elif fmt == "canvas":
            w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
            w.writerow(["    Points Possible", "", "", "", "", f"{max_score:g}"])
            for r in rows:
                name = f"{r['last']}, {r['first']}".strip(", ") or r["id"]
                w.writerow([name, r["lms"], "", r["id"], "", f"{r['score']:g}"])
        else:
            w.writerow(["Username", "Email address", title, f"{title} feedback"])
            for r in rows:
                note = "" if r["submitted"] else "no submission"
                w.writerow([r["id"], r["email"], f"{r['score']:g}", note])
    print(f"wrote {len(rows)} grade(s) of {assignment} in {fmt} format to {target}", file=out)
    return target

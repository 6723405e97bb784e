"""``kamcourse release``: make the student version with nbgrader, then prove it leaks nothing."""

from __future__ import annotations

import sys
import warnings
from typing import TextIO

from .course import Course, ensure_tools_on_path, find_course
from .leaks import Leak, find_leaks

__all__ = ["student_version", "release", "LeakError"]


class LeakError(RuntimeError):
    """The student version contains solution code, hidden tests or nbgrader markers."""

    def __init__(self, leaks: list[Leak]) -> None:
        self.leaks = leaks
        super().__init__("the student version leaks:\n" + "\n".join(f"  {leak}" for leak in leaks[:20]))


def student_version(assignment: str, *, course: Course | None = None, check: bool = True,
                    out: TextIO | None = None) -> list[str]:
    """Run nbgrader's ``generate_assignment`` (in this process) and optionally check for leaks.

    Returns the student notebooks written. Raises :class:`LeakError` on a leak,
    ``RuntimeError`` when nbgrader fails (with its log).

    Examples
    --------
    >>> student_version("no_such_assignment")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no assignment 'no_such_assignment' in ...
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    out = out or sys.stdout
    ensure_tools_on_path()
    course = course or find_course()
    if not (course.source / assignment).is_dir():
        raise ValueError(f"no assignment {assignment!r} in {course.source}; assignments: {', '.join(course.assignments())}")
    config = course.config
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coursedir = CourseDirectory(config=config)
        api = NbGraderAPI(coursedir=coursedir, config=config)
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        raise RuntimeError(f"nbgrader could not generate {assignment}:\n{result.get('error', '')}\n{result.get('log', '')}")
    written = sorted(str(p) for p in (course.release / assignment).glob("*.ipynb"))
    if check:
        leaks: list[Leak] = []
        for path in sorted((course.release / assignment).glob("*.ipynb")):
            leaks += find_leaks(path, course.source / assignment / path.name)
        if leaks:
            raise LeakError(leaks)
    return written


def release(assignments: list[str] | None = None, *, course: Course | None = None, out: TextIO | None = None) -> dict[str, list[str]]:
    """Generate and check the student version of each assignment (all when None) (发布作业).

    Parameters
    ----------
    assignments : list of str, optional
        Names of assignments; default every assignment of the source folder.
    course : Course, optional
        The course (default: found from the working folder).
    out : file, optional
        Where to report (default stdout).

    Returns
    -------
    dict
        ``{assignment: [student notebooks written]}``.

    Raises
    ------
    LeakError
        If a student version contains solution code, hidden-test text or nbgrader markers.
    ValueError
        If an assignment does not exist.

    Examples
    --------
    >>> release(["no_such_assignment"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no assignment 'no_such_assignment' in ...
    """
    out = out or sys.stdout
    course = course or find_course()
    names = assignments or course.assignments()
    done: dict[str, list[str]] = {}
    for name in names:
        done[name] = student_version(name, course=course, check=True, out=out)
        print(f"released {name}: {len(done[name])} notebook(s) in {course.release / name}; "
              "checked: no solution code, no hidden tests, no nbgrader markers", file=out)
    return done

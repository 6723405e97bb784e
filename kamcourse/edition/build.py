"""``kamcourse student-edition OUT``: what students receive, and nothing an instructor keeps (学生版).

The student edition is a folder (give it as a zip, or publish it as a git
repository students clone and pull):

- the lessons and cases, English and Chinese (``notebooks/``);
- the company's data without the instructor answer tables (``datasets/``);
- the released (student) versions of the assignments, made by the
  instructor's :func:`kamcourse.instructor.release` (solutions, hidden tests,
  model answers and rubrics removed and checked), in a local nbgrader exchange
  (``exchange/<course>/outbound/``) that JupyterLab's *Assignments* tab lists;
- the kit to run them (``kamcourse/`` without the instructor's grading tools,
  ``pyproject.toml``, ``uv.lock``), a ``Makefile`` whose ``make lab`` sets up and
  opens the course on a working folder (``work/``), and a README in English and Chinese.

Before anything is written to ``OUT`` the whole edition is searched
(:func:`kamcourse.edition.secrets.find_secrets`) for every solution and
hidden-test line, model answer, rubric and answer-table row of the course; a
find stops the build and names the file.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from .lessons import lessons_folder
from .secrets import course_secrets, find_secrets

__all__ = ["build_student_edition", "EditionLeak", "MARKER"]

#: The file that marks a folder as a student edition (a rebuild replaces only what the builder wrote).
MARKER = ".kamcourse-edition"
_TEMPLATE = Path(__file__).with_name("template")
#: Parts of the kit a student does not get: the grading tools (they are of no use without the sources).
_INSTRUCTOR_ONLY = ("instructor",)
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")


class EditionLeak(RuntimeError):
    """The student edition would contain a solution, hidden test, model answer, rubric or answer table."""

    def __init__(self, finds: list[str]) -> None:
        self.finds = finds
        super().__init__("the student edition would leak:\n" + "\n".join(f"  {f}" for f in finds[:30]))


def _kit_checkout() -> Path:
    import kamcourse

    root = Path(kamcourse.__file__).resolve().parents[1]
    missing = [n for n in ("pyproject.toml", "uv.lock") if not (root / n).is_file()]
    if missing:
        raise FileNotFoundError(f"build the student edition from the kit's checkout: {', '.join(missing)} not found "
                                f"next to the package in {root}")
    return root


def _student_pyproject(text: str) -> str:
    """The kit's pyproject.toml without the packages a student does not get (the dependencies, hence the lock, stay)."""
    for name in _INSTRUCTOR_ONLY:
        text = re.sub(rf'^\s*"kamcourse\.{name}",\n', "", text, flags=re.M)
    return text


def _release(course, names: list[str], into: Path, out: TextIO) -> None:
    """Release the assignments with the instructor's release (in a scratch copy of the course) into ``into``."""
    from ..instructor import Course, release

    with tempfile.TemporaryDirectory(prefix="kamcourse-edition-") as tmp:
        scratch = Path(tmp)
        shutil.copy2(course.root / "nbgrader_config.py", scratch / "nbgrader_config.py")
        source = scratch / course.source.relative_to(course.root)
        for name in names:
            shutil.copytree(course.source / name, source / name, ignore=_IGNORE)
        scratch_course = Course(scratch)
        release(names, course=scratch_course, out=out)
        into.mkdir(parents=True)
        for name in names:
            shutil.copytree(scratch_course.release / name, into / name, ignore=_IGNORE)


def _write(stage: Path, course, names: list[str], out: TextIO) -> None:
    from ..data import data_folder

    kit = _kit_checkout()
    shutil.copytree(kit / "kamcourse", stage / "kamcourse",
                    ignore=shutil.ignore_patterns(*_INSTRUCTOR_ONLY, "__pycache__", "*.pyc", "*.egg-info"))
    shutil.copytree(lessons_folder(), stage / "notebooks", ignore=_IGNORE)
    shutil.copytree(data_folder(), stage / "datasets", ignore=shutil.ignore_patterns("instructor", "__pycache__"))
    (stage / "pyproject.toml").write_text(_student_pyproject((kit / "pyproject.toml").read_text(encoding="utf-8")),
                                          encoding="utf-8")
    shutil.copy2(kit / "uv.lock", stage / "uv.lock")
    for name in ("Makefile", "README.md", "README.zh.md"):
        shutil.copy2(_TEMPLATE / name, stage / name)
    shutil.copy2(_TEMPLATE / "gitignore", stage / ".gitignore")
    _release(course, names, stage / "exchange" / course.course_id / "outbound", out)
    (stage / MARKER).write_text(json.dumps({"course_id": course.course_id, "assignments": names}, indent=1) + "\n",
                                encoding="utf-8")


def _replace(stage: Path, out_dir: Path, course_id: str) -> None:
    """Move the built edition into ``out_dir``, keeping what is not the builder's (.git, work/, .venv, submissions)."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise FileExistsError(f"{out_dir} is not empty and is not a student edition ({MARKER} missing): "
                              "choose a new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    outbound = Path("exchange") / course_id / "outbound"
    for entry in stage.iterdir():
        if entry.name == "exchange":
            shutil.rmtree(out_dir / outbound, ignore_errors=True)
            (out_dir / outbound).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(stage / outbound), str(out_dir / outbound))
            continue
        target = out_dir / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        shutil.move(str(entry), str(target))


def build_student_edition(
    out_dir,
    *,
    course=None,
    assignments: list[str] | None = None,
    out: TextIO | None = None,
) -> Path:
    """Build the student edition of the course into ``out_dir`` (生成学生版).

    Parameters
    ----------
    out_dir : path
        A new (or empty) folder, or an edition built before: a rebuild replaces
        what the builder wrote and keeps ``.git``, ``work/``, ``.venv/`` and
        the exchange's ``inbound/``.
    course : kamcourse.instructor.Course, optional
        The course (default: found from the working folder, e.g. the kit's checkout).
    assignments : list of str, optional
        The assignments to release (default: every assignment of the course).
    out : file, optional
        Where to report (default stdout).

    Returns
    -------
    Path
        ``out_dir``.

    Raises
    ------
    EditionLeak
        If any file of the edition holds a solution or hidden-test line, a
        model answer, a rubric or an answer-table row (nothing is written).
    kamcourse.instructor.LeakError
        If a released notebook leaks (nbgrader's release check).
    FileExistsError
        If ``out_dir`` holds other files.
    FileNotFoundError
        If the kit is not a checkout (no ``pyproject.toml``/``uv.lock``).

    Examples
    --------
    >>> build_student_edition("x", assignments=["no_such_assignment"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no assignment 'no_such_assignment' ...
    """
    from ..data import data_folder
    from ..instructor import find_course

    out = out or sys.stdout
    course = course or find_course()
    names = list(assignments) if assignments is not None else course.assignments()
    unknown = [n for n in names if not (course.source / n).is_dir()]
    if unknown:
        raise ValueError(f"no assignment {unknown[0]!r} in {course.source}; assignments: {', '.join(course.assignments())}")
    out_dir = Path(out_dir).resolve()
    kit = _kit_checkout()
    secrets = course_secrets(course.source, data_folder() / "instructor", lessons_folder(), kit / "kamcourse")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kamcourse-edition-", dir=out_dir.parent) as tmp:
        stage = Path(tmp) / "edition"
        stage.mkdir()
        _write(stage, course, names, out)
        finds = find_secrets(stage, secrets)
        if finds:
            raise EditionLeak(finds)
        _replace(stage, out_dir, course.course_id)
    print(f"student edition in {out_dir}: {len(names)} assignment(s) released, lessons, data without answer tables; "
          f"searched for {len(secrets.lines)} solution, hidden-test, model-answer and rubric lines and "
          f"{len(secrets.rows)} answer-table rows: none found", file=out)
    if secrets.taught:
        print(f"  ({len(secrets.taught)} solution line(s) are taught word for word by the lessons or the kit's code "
              "and were not counted as secrets)", file=out)
    return out_dir

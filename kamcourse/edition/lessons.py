"""A student's working folder: copies of the lessons that are theirs to run, change and save (工作文件夹).

The course's notebooks (the instructor's checkout, or the copies installed with
the kit) are never opened directly by a student: :func:`copy_lessons` copies
them into a working folder once, and never overwrites a notebook already there,
so a student's outputs and notes stay theirs when the course is updated, and the
course files stay clean (``git status`` shows nothing).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["lessons_folder", "lesson_files", "copy_lessons", "CopyReport"]

_START = "00_start_here.ipynb"


def lessons_folder() -> Path:
    """The folder of the course's lessons: installed with the kit (``kamcourse._notebooks``) or the checkout's ``notebooks/``.

    Raises
    ------
    FileNotFoundError
        If neither holds ``00_start_here.ipynb``.

    Examples
    --------
    >>> (lessons_folder() / "00_start_here.ipynb").is_file()
    True
    """
    try:
        spec = importlib.util.find_spec("kamcourse._notebooks")
    except (ImportError, ValueError):
        spec = None
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    places.append(Path(__file__).resolve().parents[2] / "notebooks")
    for place in places:
        if (Path(place) / _START).is_file():
            return Path(place)
    raise FileNotFoundError("the course's lessons were not found (neither installed as kamcourse._notebooks nor in "
                            f"{places[-1]}); reinstall kamcourse")


def lesson_files(source: os.PathLike | str | None = None) -> list[Path]:
    """The lesson and case notebooks under ``source`` (default :func:`lessons_folder`), relative to it.

    Examples
    --------
    >>> names = [p.as_posix() for p in lesson_files()]
    >>> "00_start_here.ipynb" in names and "zh/00_start_here.ipynb" in names
    True
    """
    root = Path(source) if source is not None else lessons_folder()
    return sorted(p.relative_to(root) for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@dataclass
class CopyReport:
    """What :func:`copy_lessons` did: notebooks copied, and those left alone because the student has them."""

    folder: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.folder}: {len(self.copied)} file(s) copied (lessons, cases, the datasheet), "
                f"{len(self.kept)} already there and left as they are")


def copy_lessons(folder: os.PathLike | str, source: os.PathLike | str | None = None) -> CopyReport:
    """Copy the lessons and cases (English and Chinese) into a working folder, never overwriting (复制课程到工作文件夹).

    Also copies the datasheet ``datasets/README.md`` (the lessons refer to it).
    Run it again after a course update: new lessons arrive, a student's own
    copies are kept (delete one to get the new version).

    Parameters
    ----------
    folder : path
        The working folder (created if needed).
    source : path, optional
        Where the lessons are (default :func:`lessons_folder`).

    Returns
    -------
    CopyReport

    Raises
    ------
    ValueError
        If ``folder`` is the lessons' own folder or inside it.

    Examples
    --------
    >>> import tempfile
    >>> work = tempfile.mkdtemp()
    >>> first, again = copy_lessons(work), copy_lessons(work)
    >>> len(first.copied) > 0 and again.copied == [] and len(again.kept) == len(first.copied)
    True
    """
    root = Path(source) if source is not None else lessons_folder()
    target = Path(folder).expanduser().resolve()
    if target == root.resolve() or root.resolve() in target.parents:
        raise ValueError(f"folder must be outside the course's lessons ({root}), got {folder!r}")
    report = CopyReport(target)
    from ..data import data_folder

    files = [(root / rel, rel) for rel in lesson_files(root)]
    datasheet = data_folder() / "README.md"
    if datasheet.is_file():
        files.append((datasheet, Path("datasets") / "README.md"))
    for src, rel in files:
        dest = target / rel
        if dest.exists():
            report.kept.append(rel)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        report.copied.append(rel)
    return report

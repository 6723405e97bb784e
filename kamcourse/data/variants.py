"""Per-student variants of the company data (学生个人数据版本).

Every student gets the same tables and patterns with different numbers,
deterministic from a course secret and the student's id, so hidden checks can
recompute each student's expected answer and a classmate's pasted answers fail.

Whose notebook is it? :func:`student_id` answers, in this order:

1. while nbgrader or ``kamcourse grade`` runs the notebook
   (``NBGRADER_EXECUTION`` set): the owner of the submission, which the
   grader puts in ``KAMCOURSE_STUDENT`` (a notebook cannot change it);
2. an explicit :func:`set_student` call (on a personal machine);
3. ``KAMCOURSE_STUDENT`` (set by an instructor or a launcher);
4. ``JUPYTERHUB_USER`` (on a JupyterHub, the logged-in user);
5. nobody: the kit's public default data (the same as :func:`load`).

The secret is ``KAMCOURSE_SECRET`` (set it on the hub *and* where grading
runs, the same value), else the public default ``"kamcourse"``.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .csvio import csv_text, read_table
from .generator import END_DATE, generate
from .loaders import data_folder, load
from .schema import STUDENT_TABLES, table_of

__all__ = ["StudentData", "for_student", "my_data", "student_id", "set_student", "seed_for", "DEFAULT_SECRET"]

DEFAULT_SECRET = "kamcourse"
_explicit: str | None = None


def seed_for(student: str, secret: str | None = None) -> int:
    """The generator seed of a student's variant: a hash of the secret and the id.

    Parameters
    ----------
    student : str
        The student id (e.g. the JupyterHub user name or nbgrader student id).
    secret : str, optional
        The course secret (default ``KAMCOURSE_SECRET`` or ``"kamcourse"``).

    Returns
    -------
    int
        A seed in [0, 2**32).

    Raises
    ------
    ValueError
        If ``student`` is empty.

    Examples
    --------
    >>> seed_for("alice", "s3cret") == seed_for("alice", "s3cret")
    True
    >>> seed_for("alice", "s3cret") != seed_for("bob", "s3cret")
    True
    """
    if not isinstance(student, str) or not student.strip():
        raise ValueError(f"student must be a non-empty id, got {student!r}")
    secret = secret if secret is not None else os.environ.get("KAMCOURSE_SECRET", DEFAULT_SECRET)
    digest = hashlib.sha256(f"{secret}\0{student.strip()}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16)


def set_student(student: str | None) -> None:
    """Say whose data this notebook uses, on a machine without JupyterHub (设置学号).

    Ignored while a grader runs the notebook (the grader knows the owner).

    Examples
    --------
    >>> set_student("alice"); student_id() == "alice" or "NBGRADER_EXECUTION" in os.environ
    True
    >>> set_student(None)
    """
    global _explicit
    if student is not None and (not isinstance(student, str) or not student.strip()):
        raise ValueError(f"student must be a non-empty id or None, got {student!r}")
    _explicit = student.strip() if student else None


def student_id() -> str | None:
    """The id of the student whose notebook this is, or None (see the module docstring).

    Examples
    --------
    >>> set_student(None)
    >>> student_id() in (None, os.environ.get("KAMCOURSE_STUDENT"), os.environ.get("JUPYTERHUB_USER"))
    True
    """
    env = os.environ
    if env.get("NBGRADER_EXECUTION") and env.get("KAMCOURSE_STUDENT"):
        return env["KAMCOURSE_STUDENT"]
    if _explicit:
        return _explicit
    return env.get("KAMCOURSE_STUDENT") or env.get("JUPYTERHUB_USER") or None


@dataclass(frozen=True)
class StudentData:
    """One student's variant of the company data; ``load(name)`` works like :func:`kamcourse.data.load`."""

    student: str | None
    seed: int | None

    def load(self, name: str) -> pd.DataFrame:
        """Load one table of this variant (a fresh copy).

        Examples
        --------
        >>> for_student(None).load("customers").shape[0]
        300
        """
        if self.seed is None:
            return load(name)
        if name not in STUDENT_TABLES:
            load(name)  # raises the usual message listing the valid names
        return _variant_frames(self.seed)[name].copy()

    @property
    def end_date(self) -> pd.Timestamp:
        return pd.Timestamp(END_DATE)


@functools.lru_cache(maxsize=1)
def _generator_key() -> str:
    """Changes whenever the generator's output changes (the default data's checksums do)."""
    try:
        sums = (data_folder() / "SHA256SUMS").read_bytes()
    except OSError:
        sums = b"unknown"
    return hashlib.sha256(sums).hexdigest()[:12]


def _cache_folder(seed: int) -> Path | None:
    root = os.environ.get("KAMCOURSE_VARIANT_CACHE")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "kamcourse", "variants")
    return Path(root) / _generator_key() / str(seed)


@functools.lru_cache(maxsize=8)
def _variant_frames(seed: int) -> dict[str, pd.DataFrame]:
    folder = _cache_folder(seed)
    if folder is not None:
        try:  # the variant cache holds the CSV text write_datasets() would write for this seed
            return {n: read_table(folder / f"{n}.csv", table_of(n)) for n in STUDENT_TABLES}
        except OSError:  # not there yet, or not readable by this user
            pass
    frames = {n: df for n, df in generate(seed=seed).items() if n in STUDENT_TABLES}
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for n, df in frames.items():
                tmp = folder / f".{n}.csv.{os.getpid()}"
                tmp.write_text(csv_text(df, table_of(n)), encoding="utf-8")
                os.replace(tmp, folder / f"{n}.csv")
        except OSError:
            pass  # a read-only cache only costs time
    return frames


def for_student(student: str | None = None, secret: str | None = None) -> StudentData:
    """A student's variant of the company data (same tables and patterns, different numbers).

    Parameters
    ----------
    student : str or None
        The student id; None gives the kit's public default data.
    secret : str, optional
        The course secret (default ``KAMCOURSE_SECRET`` or ``"kamcourse"``).

    Returns
    -------
    StudentData
        Use ``.load(name)`` as you would :func:`kamcourse.data.load`.

    Raises
    ------
    ValueError
        If ``student`` is an empty string.

    Examples
    --------
    >>> alice, bob = for_student("alice", "demo"), for_student("bob", "demo")
    >>> list(alice.load("orders").columns) == list(bob.load("orders").columns)
    True
    >>> bool(alice.load("orders")["net_revenue"].sum() != bob.load("orders")["net_revenue"].sum())
    True
    """
    if student is None:
        return StudentData(None, None)
    return StudentData(student.strip(), seed_for(student, secret))


def my_data() -> StudentData:
    """The data of the student whose notebook this is (see :func:`student_id`).

    Assignments load their tables with ``data.my_data().load(name)``: on a
    JupyterHub each student sees their own variant, the grader recomputes with
    the submission owner's, and without any id it is the public default data.

    Examples
    --------
    >>> set_student(None)
    >>> isinstance(my_data(), StudentData)
    True
    """
    return for_student(student_id())


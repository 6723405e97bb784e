"""Per-student variants of the company data (学生个人数据版本).

Every student gets the same tables and patterns with different numbers,
deterministic from a course secret and the student's id, so hidden checks can
recompute each student's expected answer and a classmate's pasted answers fail.

The secret itself never reaches a student's kernel. A student's variant is
chosen by their *key*, ``HMAC-SHA256(secret, student id)`` (:func:`student_key`):
JupyterHub gives each student's server only that student's key
(``KAMCOURSE_STUDENT_KEY``), and ``kamcourse grade`` gives each grading kernel
only the submission owner's key. A key reveals neither the secret nor another
student's key (HMAC is a pseudo-random function), so a student cannot compute
a classmate's variant.

Whose notebook is it? :func:`student_id` answers, in this order:

1. while nbgrader or ``kamcourse grade`` runs the notebook
   (``NBGRADER_EXECUTION`` set): the owner of the submission, which the
   grader puts in ``KAMCOURSE_STUDENT`` (a notebook cannot change it);
2. an explicit :func:`set_student` call (on a personal machine);
3. ``KAMCOURSE_STUDENT`` (set by an instructor or a launcher);
4. ``JUPYTERHUB_USER`` (on a JupyterHub, the logged-in user);
5. nobody: the kit's public default data (the same as :func:`load`).

Which key? For a student id, in this order: the key made from the secret
passed to :func:`for_student` or set in ``KAMCOURSE_SECRET`` (where the
instructor grades); ``KAMCOURSE_STUDENT_KEY`` when it belongs to that student
(``KAMCOURSE_STUDENT``, else ``JUPYTERHUB_USER``); else the key made from the
public default secret ``"kamcourse"`` (a laptop, where nothing is secret).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .csvio import csv_text, read_table
from .extensions import EXTENSIONS
from .generator import END_DATE, generate
from .loaders import data_folder, load
from .schema import STUDENT_TABLES, table_of

__all__ = ["StudentData", "for_student", "my_data", "student_id", "set_student", "seed_for", "student_key",
           "variant_folder", "cache_root", "DEFAULT_SECRET", "KEY_ENV"]

DEFAULT_SECRET = "kamcourse"
#: Environment variable holding the key of the student whose server or grading kernel this is.
KEY_ENV = "KAMCOURSE_STUDENT_KEY"
_explicit: str | None = None


def _check_id(student: object) -> str:
    if not isinstance(student, str) or not student.strip():
        raise ValueError(f"student must be a non-empty id, got {student!r}")
    return student.strip()


def student_key(student: str, secret: str | None = None) -> str:
    """A student's key to their data variant (学生数据密钥): an HMAC of the course secret and the id.

    ``key = HMAC-SHA256(secret, student)``, written in hex. Knowing keys (one's
    own, or several) does not help to find the secret or any other key: HMAC is
    a pseudo-random function (Bellare, Canetti & Krawczyk 1996, "Keying hash
    functions for message authentication", CRYPTO '96; RFC 2104). Handing each
    student only their key is this kit's convention.

    Parameters
    ----------
    student : str
        The student id (the JupyterHub user name, the nbgrader student id).
    secret : str, optional
        The course secret (default ``KAMCOURSE_SECRET`` when set and not empty, else ``"kamcourse"``).

    Returns
    -------
    str
        64 hex characters.

    Raises
    ------
    ValueError
        If ``student`` is empty.

    Examples
    --------
    >>> len(student_key("alice", "s3cret"))
    64
    >>> student_key("alice", "s3cret") == student_key("alice", "other")
    False
    """
    student = _check_id(student)
    if secret is None:
        secret = os.environ.get("KAMCOURSE_SECRET") or DEFAULT_SECRET
    return hmac.new(secret.encode("utf-8"), student.encode("utf-8"), hashlib.sha256).hexdigest()


def _key_of(student: str, secret: str | None) -> str:
    """The key of ``student`` from what this process may know (see the module docstring)."""
    if secret is None and not os.environ.get("KAMCOURSE_SECRET"):
        own = os.environ.get(KEY_ENV, "")
        owner = os.environ.get("KAMCOURSE_STUDENT") or os.environ.get("JUPYTERHUB_USER")
        if own and owner and owner.strip() == student:
            return own
    return student_key(student, secret)


def seed_for(student: str, secret: str | None = None) -> int:
    """The generator seed of a student's variant, derived from the student's key.

    ``seed = first 32 bits of SHA-256(key)`` with ``key = student_key(student, secret)``
    (this kit's convention).

    Parameters
    ----------
    student : str
        The student id (e.g. the JupyterHub user name or nbgrader student id).
    secret : str, optional
        The course secret (default: see the module docstring).

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
    key = _key_of(_check_id(student), secret)
    return int(hashlib.sha256(key.encode("ascii")).hexdigest()[:8], 16)


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
        return _variant_frames(self.seed, (name,))[name].copy()

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


def cache_root() -> Path:
    """The folder of every cached variant (变体缓存根目录): ``<root>/<generator>/<seed>/<table>.csv``.

    ``$KAMCOURSE_VARIANT_CACHE`` when set, else ``$XDG_CACHE_HOME/kamcourse/variants``
    (default ``~/.cache/kamcourse/variants``), the XDG base-directory convention
    (freedesktop.org, "XDG Base Directory Specification", version 0.8).

    Returns
    -------
    pathlib.Path
        The folder (it may not exist yet).

    Examples
    --------
    >>> import os
    >>> os.environ["KAMCOURSE_VARIANT_CACHE"] = "/srv/variants"
    >>> str(cache_root())
    '/srv/variants'
    >>> del os.environ["KAMCOURSE_VARIANT_CACHE"]
    """
    root = os.environ.get("KAMCOURSE_VARIANT_CACHE")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "kamcourse", "variants")
    return Path(root)


def _cache_folder(seed: int) -> Path:
    return cache_root() / _generator_key() / str(seed)


@functools.lru_cache(maxsize=32)
def _variant_frames(seed: int, names: tuple[str, ...] = STUDENT_TABLES, drawn: bool = True) -> dict[str, pd.DataFrame]:
    """The tables ``names`` of a variant: each read from the cache folder, else generated and written there.

    ``drawn``: also write the tables generated with them (see :func:`_drawn_with`), so that a notebook
    loading one table after another reads the next; False writes only ``names`` (grading writes just the
    tables an assignment loads, and its kernel, with a read-only cache folder, reads them).
    """
    folder = _cache_folder(seed)
    frames, missing = {}, []
    for name in names:
        try:  # the variant cache holds the CSV text write_datasets() would write for this seed
            frames[name] = read_table(folder / f"{name}.csv", table_of(name))
        except OSError:  # not there yet, or not readable by this user
            missing.append(name)
    if missing:
        made = _generated(seed, _drawn_with(tuple(missing)))
        frames.update((name, made[name]) for name in missing)
        _write(folder, {name: df for name, df in made.items()
                        if name in missing or drawn and not (folder / f"{name}.csv").is_file()})
    return {name: frames[name] for name in names}


@functools.lru_cache(maxsize=2)
def _generated(seed: int, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The generator's tables ``names`` for ``seed``, made once in this process."""
    return generate(seed=seed, tables=names)


_EXTENSION_TABLES = frozenset(t.name for ext in EXTENSIONS for t in ext.tables)
_CORE_TABLES = tuple(n for n in STUDENT_TABLES if n not in _EXTENSION_TABLES)


def _drawn_with(names: tuple[str, ...]) -> tuple[str, ...]:
    """The tables to make with ``names``: the core tables (one draw, generated together), else all of them.

    A process then generates a variant at most twice: the core tables (fast), and everything once it loads
    a later chapter's table (each extension draws from the tables before it).
    """
    return STUDENT_TABLES if _EXTENSION_TABLES & set(names) else _CORE_TABLES


def _write(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n, df in frames.items():
            tmp = folder / f".{n}.csv.{os.getpid()}"
            tmp.write_text(csv_text(df, table_of(n)), encoding="utf-8")
            os.replace(tmp, folder / f"{n}.csv")
    except OSError:
        pass  # a read-only cache only costs time


def variant_folder(student: str, secret: str | None = None, write: bool = True,
                   tables: tuple[str, ...] = STUDENT_TABLES) -> Path | None:
    """Write a student's variant to the cache folder (if not there yet) and return the folder (变体缓存).

    The folder is ``$KAMCOURSE_VARIANT_CACHE/<generator>/<seed>/`` (default
    ``~/.cache/kamcourse/variants``) and holds one CSV per student table.
    ``kamcourse grade`` writes each submission owner's variant there once and
    lets the grading kernel read only that folder.

    Parameters
    ----------
    student : str
        The student id.
    secret : str, optional
        The course secret (default: see the module docstring).
    write : bool
        False: only make the (maybe empty) folder and return it, to fill it later.
    tables : tuple of str
        The tables to write (default all; the core tables alone are generated
        several times faster than the chapters' extensions).

    Returns
    -------
    pathlib.Path or None
        The folder, or None when the cache cannot be written.

    Raises
    ------
    ValueError
        If ``student`` is empty.

    Examples
    --------
    >>> folder = variant_folder("alice", "demo")
    >>> folder is None or (folder / "orders.csv").is_file()
    True
    """
    seed = seed_for(student, secret)
    folder = _cache_folder(seed)
    if not write:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder
    frames = _variant_frames(seed, tuple(tables), drawn=False)
    if not all((folder / f"{n}.csv").is_file() for n in tables):
        _write(folder, frames)  # read earlier in this process, from another cache folder
    return folder if all((folder / f"{n}.csv").is_file() for n in tables) else None


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
    return StudentData(_check_id(student), seed_for(student, secret))


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


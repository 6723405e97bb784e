"""Read and write the company's tables as CSV files (数据读取与写出).

:func:`load` reads the kit's ``datasets/`` (or the folder ``KAMCOURSE_DATA_DIR``
names); :func:`write_datasets` writes a seed's tables there. The CSV layout
and the column types are :mod:`kamcourse.data.csvio`'s.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
from pathlib import Path

import pandas as pd

from .csvio import csv_text, read_table
from .generator import DEFAULT_SEED, generate
from .schema import ANSWER_TABLES, STUDENT_TABLES, table_of
from .shipped import repo_datasets, shipped_folder

__all__ = [
    "names", "answer_names", "load", "load_answers", "write_datasets", "data_folder", "repo_datasets", "dataset_texts",
    "sha256sums",
]

#: Environment variable that points :func:`load` at another folder (e.g. a student's variant).
DATA_DIR_ENV = "KAMCOURSE_DATA_DIR"
_SUMS = "SHA256SUMS"


def names() -> list[str]:
    """Return the names of the student tables (学生可用的数据表).

    Examples
    --------
    >>> names()[:3]
    ['customers', 'staff', 'contacts']
    >>> len(names()) >= 10  # the ten core tables, then those the chapters' extensions add
    True
    """
    return list(STUDENT_TABLES)


def answer_names() -> list[str]:
    """Return the names of the instructor-only answer tables (教师答案表).

    Examples
    --------
    >>> answer_names()[:4]  # the core answer tables, then those the chapters' extensions add
    ['lifecycle_stages', 'runaway_horse', 'kano_intended', 'account_profiles']
    """
    return list(ANSWER_TABLES)


# --------------------------------------------------------------------------- where the files are


def data_folder() -> Path:
    """Return the folder :func:`load` reads (数据文件夹).

    In order: the folder named by the environment variable
    ``KAMCOURSE_DATA_DIR``; the datasets installed with the package
    (``kamcourse._datasets`` in a wheel); the ``datasets/`` folder of a source
    checkout (editable install).

    Raises
    ------
    FileNotFoundError
        If none of them holds the tables.

    Examples
    --------
    >>> (data_folder() / "customers.csv").is_file()
    True
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        folder = Path(env).expanduser()
        if not (folder / "customers.csv").is_file():
            raise FileNotFoundError(
                f"{DATA_DIR_ENV}={env!r} holds no customers.csv; write the tables there with "
                "kamcourse.data.write_datasets(folder, seed=...) or unset the variable"
            )
        return folder
    folder = shipped_folder("", "customers.csv")
    if folder is not None:
        return folder
    repo = repo_datasets()
    raise FileNotFoundError(
        "the kit's datasets were not found (neither installed as kamcourse._datasets nor in "
        f"{repo}); reinstall kamcourse or run `python -m kamcourse.data {repo}`"
    )


def _suggest(name: object, valid: list[str]) -> str:
    close = difflib.get_close_matches(str(name), valid, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _table_name(name: object, answers: bool) -> str:
    """``name`` if it names a student table (an answer table with ``answers``); the message lists the valid ones."""
    what, valid, others = ("answer table", ANSWER_TABLES, STUDENT_TABLES) if answers else ("table", STUDENT_TABLES, ANSWER_TABLES)
    if not isinstance(name, str):
        article = "an" if answers else "a"
        raise TypeError(f"name must be {article} {what} name (str), got {name!r} ({type(name).__name__})")
    if name not in valid:
        hint = _suggest(name, list(valid))
        if name in others:
            hint = (f"; {name!r} is a student table: use load({name!r})" if answers
                    else f"; {name!r} is an instructor table: use load_answers({name!r})")
        raise ValueError(f"unknown {what} {name!r}; valid names: {', '.join(valid)}{hint}")
    return name


@functools.lru_cache(maxsize=32)
def _cached(path: str, mtime: float, name: str) -> pd.DataFrame:
    return read_table(path, table_of(name))


def _load_file(path: Path, name: str) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; regenerate the tables with kamcourse.data.write_datasets()")
    return _cached(str(path), path.stat().st_mtime, name).copy()


def load(name: str) -> pd.DataFrame:
    """Load one table of the fictional company's CRM data (读取CRM数据表).

    Dates come parsed (``datetime64``); flags are ``bool``; missing values
    (an open opportunity's ``close_date``, a current employee's
    ``leave_date``, ...) are ``NaT``/``NaN``/``<NA>``, never dropped.
    Each call returns a fresh copy, so changing it changes nothing else.

    Parameters
    ----------
    name : str
        One of :func:`names`: ``"customers"``, ``"staff"``, ``"contacts"``,
        ``"opportunities"``, ``"orders"``, ``"cost_to_serve"``,
        ``"service_requests"``, ``"surveys"``, ``"kano_survey"``, ``"prospects"``.

    Returns
    -------
    pandas.DataFrame
        The columns are described in ``datasets/README.md``.

    Raises
    ------
    ValueError
        If ``name`` is not a table; the message lists the valid names and the closest.
    TypeError
        If ``name`` is not a string.

    Examples
    --------
    >>> orders = load("orders")
    >>> list(orders.columns[:4])
    ['order_id', 'line_no', 'customer_id', 'order_date']
    >>> str(orders["order_date"].dtype).startswith("datetime64")
    True
    >>> load("ordrs")
    Traceback (most recent call last):
    ...
    ValueError: unknown table 'ordrs'; valid names: customers, staff, contacts, opportunities, orders, ...; did you mean 'orders'?
    """
    return _load_file(data_folder() / f"{_table_name(name, answers=False)}.csv", name)


def load_answers(name: str) -> pd.DataFrame:
    """Load an instructor-only answer table (教师答案表).

    ``lifecycle_stages`` (each customer's intended lifecycle stage and
    pattern), ``runaway_horse`` (the account held by one salesperson who
    left), ``kano_intended`` (each Kano feature's built-in category),
    ``account_profiles`` (annual potential, base discount, special terms,
    intended loss-maker, contact model). They live in ``datasets/instructor/``
    of the kit's checkout only: the wheel and the student edition do not carry
    them, so a student who installs the kit cannot read them.

    Parameters
    ----------
    name : str
        One of :func:`answer_names`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        If ``name`` is not an answer table (the message lists the valid ones).
    FileNotFoundError
        If the answer tables are not there (an installed kit); the message says where they are.

    Examples
    --------
    >>> load_answers("kano_intended").set_index("feature").loc["on_time_delivery", "intended_category"]
    'must_be'
    >>> list(load_answers("runaway_horse").columns)
    ['customer_id', 'staff_id', 'leave_date']
    """
    path = data_folder() / "instructor" / f"{_table_name(name, answers=True)}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"the instructor answer table {name!r} is not installed: answer tables stay in the instructor's checkout "
            f"of the kit (datasets/instructor/), never in what students receive (the wheel, the student edition). "
            f"An instructor without the checkout writes them with `kamcourse data write FOLDER` and sets "
            f"{DATA_DIR_ENV}=FOLDER"
        )
    return _load_file(path, name)


# --------------------------------------------------------------------------- writing


def _relpath(name: str) -> str:
    return f"instructor/{name}.csv" if name in ANSWER_TABLES else f"{name}.csv"


def dataset_texts(seed: int | None = None, n_customers: int = 300, years: int = 5) -> dict[str, str]:
    """Return the CSV text of every table, keyed by its path inside ``datasets/``.

    Examples
    --------
    >>> texts = dataset_texts(seed=3, n_customers=40, years=2)
    >>> texts["customers.csv"].splitlines()[0]
    'customer_id,name,name_zh,industry,region,size_band,first_order_date,acquisition_method,account_manager_id,payment_terms_days'
    """
    frames = generate(DEFAULT_SEED if seed is None else seed, n_customers, years)
    return {_relpath(name): csv_text(frames[name], table_of(name)) for name in (*STUDENT_TABLES, *ANSWER_TABLES)}


def sha256sums(texts: dict[str, str]) -> str:
    """Return a ``sha256sum``-format listing of the files in ``texts``.

    Examples
    --------
    >>> sha256sums({"a.csv": "x\\n"}).split()[1]
    'a.csv'
    """
    lines = [f"{hashlib.sha256(t.encode('utf-8')).hexdigest()}  {p}" for p, t in sorted(texts.items())]
    return "\n".join(lines) + "\n"


def write_datasets(folder, seed: int | None = None, n_customers: int = 300, years: int = 5) -> list[Path]:
    """Write every table of a seed as CSV, plus ``SHA256SUMS`` (写出数据文件).

    With the defaults this rewrites the kit's ``datasets/`` byte for byte;
    with another seed it makes a student's variant, which :func:`load` reads
    when the environment variable ``KAMCOURSE_DATA_DIR`` points at it.
    The datasheet ``README.md`` is not written (it is kept by hand).

    Parameters
    ----------
    folder : str or os.PathLike
        Target folder (created if needed); answer tables go to ``instructor/``.
    seed, n_customers, years
        As for :func:`kamcourse.data.generate`; ``seed=None`` means ``DEFAULT_SEED``.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = write_datasets(tmp, seed=5, n_customers=30, years=2)
    ...     [p.name for p in files][:2], files[-1].name
    (['customers.csv', 'staff.csv'], 'SHA256SUMS')
    """
    folder = Path(folder)
    texts = dataset_texts(seed, n_customers, years)
    (folder / "instructor").mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in texts.items():
        path = folder / rel
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    sums = folder / _SUMS
    sums.write_bytes(sha256sums(texts).encode("utf-8"))
    written.append(sums)
    return written

"""The company's CRM as a real SQLite database (客户关系管理数据库).

:func:`crm` builds the database from the CSV tables on first use, with the
primary keys, foreign keys and indexes of the schema, into a cache folder
outside the repository, keyed by the data's checksum (it is rebuilt when the
data change). The cache folder is, in order: ``$KAMCOURSE_CACHE_DIR``,
``$XDG_CACHE_HOME/kamcourse``, ``~/.cache/kamcourse``; if that cannot be
written, a ``kamcourse-<user>`` folder in the system's temporary folder.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd

from .loaders import data_folder, load
from .schema import SCHEMA_VERSION, STUDENT_TABLES, TABLES, Table

__all__ = ["crm", "crm_path", "schema_sql"]

CACHE_ENV = "KAMCOURSE_CACHE_DIR"

_SQL_TYPES = {"str": "TEXT", "date": "TEXT", "int": "INTEGER", "Int": "INTEGER", "money": "REAL", "num": "REAL", "bool": "INTEGER"}


def _table_sql(t: Table) -> list[str]:
    cols = []
    for name, kind in t.columns:
        sql = f"    {name} {_SQL_TYPES[kind]}"
        if kind == "bool":
            sql += f" CHECK ({name} IN (0, 1))"
        if kind == "date":
            sql += f" CHECK ({name} IS NULL OR date({name}) = {name})"
        cols.append(sql)
    cols.append(f"    PRIMARY KEY ({', '.join(t.primary_key)})")
    for col, ref, refcol in t.foreign_keys:
        cols.append(f"    FOREIGN KEY ({col}) REFERENCES {ref} ({refcol})")
    stmts = [f"CREATE TABLE {t.name} (\n" + ",\n".join(cols) + "\n);"]
    for idx in t.indexes:
        stmts.append(f"CREATE INDEX idx_{t.name}_{'_'.join(idx)} ON {t.name} ({', '.join(idx)});")
    return stmts


def schema_sql() -> str:
    """Return the ``CREATE TABLE``/``CREATE INDEX`` statements of the database (数据库结构).

    Examples
    --------
    >>> print(schema_sql().splitlines()[0])
    CREATE TABLE staff (
    >>> "FOREIGN KEY (customer_id) REFERENCES customers (customer_id)" in schema_sql()
    True
    """
    order = ["staff", "customers"] + [n for n in STUDENT_TABLES if n not in ("staff", "customers")]
    return "\n".join(s for name in order for s in _table_sql(TABLES[name])) + "\n"


def _data_key(folder: Path) -> str:
    h = hashlib.sha256(f"kamcourse-crm schema {SCHEMA_VERSION}\n".encode())
    h.update(schema_sql().encode())
    sums = folder / "SHA256SUMS"
    if sums.is_file():
        h.update(sums.read_bytes())
    else:
        for name in STUDENT_TABLES:
            h.update((folder / f"{name}.csv").read_bytes())
    return h.hexdigest()[:16]


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
        return True
    except OSError:
        return False


def _cache_dirs() -> list[Path]:
    env = os.environ.get(CACHE_ENV)
    if env:
        first = Path(env).expanduser()
    elif os.environ.get("XDG_CACHE_HOME"):
        first = Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "kamcourse"
    else:
        first = Path.home() / ".cache" / "kamcourse"
    try:
        user = str(os.getuid())
    except AttributeError:  # Windows
        user = os.environ.get("USERNAME", "user")
    return [first, Path(tempfile.gettempdir()) / f"kamcourse-{user}"]


def _rows(frame: pd.DataFrame, t: Table) -> list[tuple]:
    cols = {}
    for name, kind in t.columns:
        s = frame[name]
        if kind == "date":
            vals = s.dt.strftime("%Y-%m-%d").astype(object)
        elif kind == "bool":
            vals = s.astype(int).astype(object)
        elif kind in ("int", "Int"):
            vals = s.astype(object)
        elif kind in ("money", "num"):
            vals = s.astype(float).astype(object)
        else:
            vals = s.astype(object)
        cols[name] = [None if pd.isna(v) else (int(v) if kind in ("int", "Int", "bool") else v) for v in vals]
    return list(zip(*(cols[name] for name, _ in t.columns)))


def _build(path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.executescript(schema_sql())
        order = ["staff", "customers"] + [n for n in STUDENT_TABLES if n not in ("staff", "customers")]
        for name in order:
            t = TABLES[name]
            marks = ", ".join("?" for _ in t.columns)
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", _rows(load(name), t))
        con.commit()
        con.execute("PRAGMA foreign_keys = ON")
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise RuntimeError(f"the data break {len(bad)} foreign key(s), e.g. {bad[0]}")
    finally:
        con.close()
    os.replace(tmp, path)


def crm_path() -> Path:
    """Build the SQLite copy of the data if needed and return its path (数据库文件路径).

    Returns
    -------
    pathlib.Path
        ``crm-<checksum>.sqlite`` in the cache folder (see the module docstring).

    Examples
    --------
    >>> crm_path().suffix
    '.sqlite'
    """
    folder = data_folder()
    name = f"crm-{_data_key(folder)}.sqlite"
    last_error: OSError | None = None
    for cache in _cache_dirs():
        if not _writable(cache):
            continue
        path = cache / name
        if path.is_file():
            return path
        try:
            _build(path)
            return path
        except OSError as exc:  # e.g. the disk is full: try the next folder
            last_error = exc
    raise OSError(f"no writable cache folder for the CRM database (tried {[str(c) for c in _cache_dirs()]}): {last_error}")


def crm(writable: bool = False) -> sqlite3.Connection:
    """Open the company's CRM as a SQLite database (客户关系管理数据库).

    The same ten tables as :func:`kamcourse.data.load`, with primary keys,
    foreign keys (``PRAGMA foreign_key_list(orders)``) and indexes; dates are
    ``YYYY-MM-DD`` text (SQLite's date functions read them), flags 0/1.
    Foreign-key enforcement is switched on for the connection.

    Parameters
    ----------
    writable : bool
        False (default): read-only connection to the cached file (``CREATE
        TEMP VIEW`` still works). True: a private in-memory copy you may change.

    Returns
    -------
    sqlite3.Connection

    Examples
    --------
    >>> con = crm()
    >>> sql = '''SELECT c.industry, ROUND(SUM(o.net_revenue)) AS revenue
    ...          FROM orders o JOIN customers c USING (customer_id)
    ...          GROUP BY c.industry ORDER BY revenue DESC'''
    >>> len(con.execute(sql).fetchall())
    8
    >>> con.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    300
    >>> con.close()
    """
    path = crm_path()
    con = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    if writable:
        mem = sqlite3.connect(":memory:")
        con.backup(mem)
        con.close()
        con = mem
    con.execute("PRAGMA foreign_keys = ON")
    return con

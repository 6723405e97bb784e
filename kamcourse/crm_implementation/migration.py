"""Data migration (数据迁移): did every record arrive, once, whole and right? Reconciling source and target.

Moving the customer records from the old spreadsheets into a new CRM system is a step of its own in the
course materials (数据迁移与集成, 《客户关系管理》教案 第四章). Before the move, the source is cleaned with the
data-quality checks of lesson 11 (Customer information); after it, the target is **reconciled** with the
source, the way accountants reconcile two ledgers:

- *counts and control totals*: as many customers, the same sum of revenue (:func:`reconcile`);
- *record by record*: nothing lost, nothing loaded twice, no required field empty, no text garbled by a
  wrong character encoding, no value changed on the way, no reference to a person or record that does
  not exist (:func:`record_faults`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_number, require_columns
from ..vocabulary import MIGRATION_FAULTS

__all__ = ["MIGRATION_FAULTS", "looks_garbled", "reconcile", "record_faults"]

_CJK = re.compile(r"[\u3400-\u9fff]")


def looks_garbled(text: Any) -> bool:
    """Whether a Chinese text field looks garbled by a wrong character encoding (乱码).

    True when the text holds ``?`` or the Unicode replacement character ``\\ufffd`` (what a database
    column that cannot store Chinese leaves behind), or holds no Chinese character at all. Missing
    values are not garbled (they are missing). A heuristic for Chinese-name fields: this kit's rule.

    Parameters
    ----------
    text : object
        One field's value.

    Returns
    -------
    bool

    Examples
    --------
    >>> looks_garbled("永达打包机械有限公司"), looks_garbled("??????????"), looks_garbled("Yongda"), looks_garbled(None)
    (False, True, True, False)
    """
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return False
    s = str(text)
    return "?" in s or "\ufffd" in s or not _CJK.search(s)


def reconcile(
    source: pd.DataFrame, target: pd.DataFrame, key: str, totals: Iterable[str] = (), tolerance: float = 0.005
) -> pd.DataFrame:
    """Reconcile a migrated table with its source: counts, keys and control totals (迁移核对).

    ===========================  =========================================================
    check                        passes when
    ===========================  =========================================================
    ``rows``                     the target has as many rows as the source
    ``distinct_keys``            as many distinct keys
    ``keys_missing``             no source key is absent from the target
    ``keys_extra``               no target key is absent from the source
    ``keys_duplicated``          no key appears twice in the target
    ``total_<col>``              the column sums agree within ``tolerance``
    ===========================  =========================================================

    Counts and control totals are the cheapest test of a migration; they say *that* something is wrong,
    :func:`record_faults` says *where*. Source: the usual reconciliation of a data migration (this kit's
    list of checks).

    Parameters
    ----------
    source, target : pandas.DataFrame
        The records before and after the migration, each with ``key`` and the ``totals`` columns.
    key : str
        The column identifying a record (e.g. ``"customer_id"``).
    totals : iterable of str, default ()
        Numeric columns whose sums must agree (control totals).
    tolerance : float, default 0.005
        Largest absolute difference of a total that still counts as equal.

    Returns
    -------
    pandas.DataFrame
        Index ``check``; columns ``source``, ``target``, ``difference`` (target − source) and ``passed``.
        For the key checks ``source`` is NaN and ``target`` is the number of offending keys.

    Raises
    ------
    TypeError
        If a table is not a DataFrame or a total column holds text.
    ValueError
        If a column is missing, a key is missing (NaN) or ``tolerance`` is negative.

    Examples
    --------
    >>> src = pd.DataFrame({"id": ["a", "b", "c"], "revenue": [10.0, 20.0, 30.0]})
    >>> tgt = pd.DataFrame({"id": ["a", "b", "b"], "revenue": [10.0, 20.0, 20.0]})
    >>> reconcile(src, tgt, "id", totals=["revenue"])[["target", "difference", "passed"]]
                     target  difference  passed
    check
    rows                3.0         0.0    True
    distinct_keys       2.0        -1.0   False
    keys_missing        1.0         1.0   False
    keys_extra          0.0         0.0    True
    keys_duplicated     1.0         1.0   False
    total_revenue      50.0       -10.0   False
    """
    cols = [key, *totals]
    require_columns(source, cols, "source")
    require_columns(target, cols, "target")
    require_columns(source, [key], "source", complete=True)
    require_columns(target, [key], "target", complete=True)
    tol = check_number(tolerance, "tolerance", low=0)
    src_keys, tgt_keys = set(source[key]), set(target[key])
    counts = target[key].value_counts()
    nan = float("nan")
    rows = {
        "rows": (len(source), len(target)),
        "distinct_keys": (len(src_keys), len(tgt_keys)),
        "keys_missing": (nan, len(src_keys - tgt_keys)),
        "keys_extra": (nan, len(tgt_keys - src_keys)),
        "keys_duplicated": (nan, int((counts > 1).sum())),
    }
    for col in totals:
        a = as_numeric_series(source[col], f"source[{col!r}]", allow_negative=True, allow_empty=True).sum()
        b = as_numeric_series(target[col], f"target[{col!r}]", allow_negative=True, allow_empty=True).sum()
        rows[f"total_{col}"] = (round(float(a), 2), round(float(b), 2))
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["source", "target"]).astype(float)
    key_checks = table["source"].isna()
    table["difference"] = np.where(key_checks, table["target"], table["target"] - table["source"]).round(2)
    totals_ok = (table["difference"].abs() <= tol + 1e-9)
    table["passed"] = np.where(key_checks, table["target"] == 0, totals_ok).astype(bool)
    table.index.name = "check"
    return table


def record_faults(
    source: pd.DataFrame,
    target: pd.DataFrame,
    key: str,
    *,
    compare: Iterable[str] = (),
    required: Iterable[str] = (),
    text_cols: Iterable[str] = (),
    references: Mapping[str, Iterable[Any]] | None = None,
    tolerance: float = 0.005,
) -> pd.DataFrame:
    """Every fault a migration left, record by record (迁移错误清单).

    ===================== ===========================================================================
    fault                 a record of the target is faulty when
    ===================== ===========================================================================
    ``missing_record``    its key is in the source but not in the target
    ``duplicate_record``  its key appears more than once in the target (one row per key)
    ``missing_value``     a ``required`` column is empty
    ``garbled_text``      a ``text_cols`` value looks garbled (:func:`looks_garbled`)
    ``value_mismatch``    a ``compare`` column differs from the source's value for the key
                          (numbers: by more than ``tolerance``)
    ``invalid_reference`` a ``references`` column holds a value outside its valid set (e.g. an
                          account manager id that is no member of staff)
    ===================== ===========================================================================

    Source: the usual record-level checks of a data migration (completeness, uniqueness, validity,
    accuracy, referential integrity); this kit's list.

    Parameters
    ----------
    source, target : pandas.DataFrame
        The records before and after the migration.
    key : str
        The identifying column.
    compare : iterable of str
        Columns whose value must be the same in source and target.
    required : iterable of str
        Columns that must not be empty in the target.
    text_cols : iterable of str
        Chinese text columns of the target to check for garbled text.
    references : mapping, optional
        ``{column: valid values}`` for the target.
    tolerance : float, default 0.005
        Largest absolute difference of a compared number that still counts as equal.

    Returns
    -------
    pandas.DataFrame
        One row per fault, sorted by key: ``record`` (the record's key), ``column`` and ``fault`` (a key of
        :data:`MIGRATION_FAULTS`).

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing or a key is missing (NaN).

    Examples
    --------
    >>> src = pd.DataFrame({"id": ["a", "b", "c"], "name": ["永达", "德力", "金祥"], "owner": ["S1", "S2", "S1"],
    ...                     "revenue": [10.0, 20.0, 30.0]})
    >>> tgt = pd.DataFrame({"id": ["a", "b", "b"], "name": ["永达", "??", "??"], "owner": ["S1", "s2", "s2"],
    ...                     "revenue": [10.0, 0.002, 0.002]})
    >>> record_faults(src, tgt, "id", compare=["revenue"], text_cols=["name"], references={"owner": ["S1", "S2"]})
      record   column              fault
    0      b       id   duplicate_record
    1      b     name       garbled_text
    2      b    owner  invalid_reference
    3      b  revenue     value_mismatch
    4      c       id     missing_record
    """
    compare, required, text_cols = list(compare), list(required), list(text_cols)
    references = dict(references or {})
    require_columns(source, [key, *compare], "source", complete=False)
    require_columns(target, [key, *compare, *required, *text_cols, *references], "target")
    require_columns(source, [key], "source", complete=True)
    require_columns(target, [key], "target", complete=True)
    tol = check_number(tolerance, "tolerance")
    found: list[tuple[Any, str, str]] = []
    found += [(k, key, "missing_record") for k in sorted(set(source[key]) - set(target[key]))]
    counts = target[key].value_counts()
    found += [(k, key, "duplicate_record") for k in counts.index[counts > 1]]
    first = target.drop_duplicates(key, keep="first").set_index(key)
    for col in required:
        empty = first[col].isna() | first[col].astype(str).str.strip().eq("")
        found += [(k, col, "missing_value") for k in first.index[empty]]
    for col in text_cols:
        found += [(k, col, "garbled_text") for k in first.index[first[col].map(looks_garbled).astype(bool)]]
    src = source.drop_duplicates(key, keep="first").set_index(key)
    both = first.index.intersection(src.index)
    for col in compare:
        a, b = src.loc[both, col], first.loc[both, col]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            differ = ~np.isclose(a.to_numpy(float), b.to_numpy(float), rtol=0.0, atol=tol, equal_nan=True)
        else:
            differ = (a.astype(str) != b.astype(str)).to_numpy()
        found += [(k, col, "value_mismatch") for k in both[differ]]
    for col, valid in references.items():
        ok = set(valid)
        bad = first[col].notna() & ~first[col].isin(ok)
        found += [(k, col, "invalid_reference") for k in first.index[bad]]
    table = pd.DataFrame(found, columns=["record", "column", "fault"])
    assert set(table["fault"]) <= set(MIGRATION_FAULTS)
    return table.sort_values(["record", "fault"], kind="stable").reset_index(drop=True)

"""The tables as typed frames and as CSV text (数据表与CSV): one set of rules for the writer and the reader.

A table's schema (:mod:`kamcourse.data.schema`) says each column's kind; the
generator's frames get the reader's types directly (:func:`typed_frame`), the
CSV text is written from them (:func:`csv_text`) and read back by
:func:`read_table`, so ``read_table(csv_text(typed_frame(df)))`` gives the same
frame. The CSV layout is fixed so files are byte-for-byte reproducible:
columns in schema order, money with two decimals, dates ``YYYY-MM-DD``, ``\\n``
line ends, UTF-8 without BOM, ``True``/``False`` for flags, empty cells for
missing values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .schema import Table

__all__ = ["DATE_DTYPE", "STR_DTYPE", "typed_frame", "csv_text", "read_table"]

#: The dtype of a date column of a loaded table (what pandas makes of a ``YYYY-MM-DD`` column).
DATE_DTYPE = pd.to_datetime(pd.Series(["2025-12-31"]), format="%Y-%m-%d").dtype
#: The dtype of a text column of a loaded table (missing text is NaN).
STR_DTYPE = pd.Series(["x"], dtype=str).dtype


def _missing_columns(df: pd.DataFrame, table: Table) -> None:
    missing = [c for c in table.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"table {table.name!r} is missing column(s) {missing}")


def typed_frame(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The table's columns in schema order with the types :func:`read_table` gives them.

    Money and two-decimal numbers are rounded to cents (as the CSV keeps
    them), dates become ``DATE_DTYPE``, text ``STR_DTYPE`` (missing = NaN),
    whole numbers ``int64`` (``Int64`` where they may be missing), flags ``bool``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table's columns (dates as datetimes or ``YYYY-MM-DD`` text).
    table : Table
        Its schema.

    Returns
    -------
    pandas.DataFrame
        A new frame with a fresh ``RangeIndex``.

    Raises
    ------
    ValueError
        If a column of the schema is missing.

    Examples
    --------
    >>> from kamcourse.data.schema import ANSWERS
    >>> t = typed_frame(pd.DataFrame({"customer_id": ["C1"], "annual_potential": [1234.567],
    ...     "base_discount": [0.125], "special_terms": [1], "loss_making_intended": [0],
    ...     "coverage_model": ["diamond"]}), ANSWERS["account_profiles"])
    >>> t["annual_potential"].tolist(), t["special_terms"].tolist()
    ([1234.57], [True])
    """
    _missing_columns(df, table)
    out: dict[str, Any] = {}
    for col, kind in table.columns:
        s = df[col].reset_index(drop=True)
        if kind in ("money", "num"):
            out[col] = s.astype(float).round(2) + 0.0
        elif kind == "date":
            out[col] = pd.to_datetime(s, format="%Y-%m-%d").astype(DATE_DTYPE)
        elif kind == "int":
            out[col] = s.astype("int64")
        elif kind == "Int":
            out[col] = s.astype("Int64")
        elif kind == "bool":
            out[col] = s.astype(bool)
        else:
            out[col] = s.astype(object).where(s.notna(), np.nan).astype(STR_DTYPE)
    return pd.DataFrame(out)


def csv_text(df: pd.DataFrame, table: Table) -> str:
    """The CSV text of a table (the layout of ``datasets/``, byte for byte).

    Parameters
    ----------
    df : pandas.DataFrame
        The table, e.g. from :func:`typed_frame` or :func:`kamcourse.data.load`.
    table : Table
        Its schema.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If a column of the schema is missing.

    Examples
    --------
    >>> from kamcourse.data.schema import ANSWERS
    >>> df = pd.DataFrame({"feature": ["on_time_delivery"], "intended_category": ["must_be"]})
    >>> csv_text(df, ANSWERS["kano_intended"])
    'feature,intended_category\\non_time_delivery,must_be\\n'
    """
    _missing_columns(df, table)
    frame = df[table.column_names].copy()
    for col, kind in table.columns:
        if kind in ("money", "num"):  # formatted here: pandas' float_format is several times slower
            values = (frame[col].astype(float).round(2) + 0.0).tolist()
            frame[col] = pd.Series(["" if v != v else f"{v:.2f}" for v in values], index=frame.index, dtype=object)
        elif kind == "date" and pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        elif kind == "bool":
            frame[col] = frame[col].astype(bool)
        elif kind == "Int":
            frame[col] = frame[col].astype("Int64")
    return frame.to_csv(index=False, lineterminator="\n")


def read_table(source: Any, table: Table) -> pd.DataFrame:
    """Read one table's CSV (a path or a file-like object) with its schema's types.

    Parameters
    ----------
    source : str, path or file-like
        The CSV file.
    table : Table
        Its schema.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        If the columns are not the schema's, or a flag is not ``True``/``False``.

    Examples
    --------
    >>> import io
    >>> from kamcourse.data.schema import ANSWERS
    >>> read_table(io.StringIO("feature,intended_category\\nx,must_be\\n"), ANSWERS["kano_intended"]).shape
    (1, 2)
    """
    dtypes = {col: {"int": "int64", "money": "float64", "num": "float64"}.get(kind, str) for col, kind in table.columns}
    df = pd.read_csv(source, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
    expected = table.column_names
    if list(df.columns) != expected:
        raise ValueError(
            f"{table.name}.csv has columns {list(df.columns)}, expected {expected}; "
            "regenerate it with kamcourse.data.write_datasets()"
        )
    for col, kind in table.columns:
        if kind == "date":
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
        elif kind == "Int":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif kind == "bool":
            bad = ~df[col].isin(["True", "False"])
            if bad.any():
                raise ValueError(f"{table.name}.{col} holds {df[col][bad].iloc[0]!r}, expected True/False")
            df[col] = df[col] == "True"
    return df

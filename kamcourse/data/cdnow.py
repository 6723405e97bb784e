"""The CDNOW data set (CDNOW 数据集), read from the files of the installed ``lifetimes`` package.

CDNOW was an online CD retailer; the data (Fader & Hardie 2001) follow the
cohort of customers whose first purchase was in the first quarter of 1997,
to the end of June 1998. It is the standard data set of the BG/NBD paper
(Fader, Hardie & Lee 2005). The ``lifetimes`` package ships the files; this
module reads them without importing ``lifetimes`` (whose own loader uses
``pkg_resources``, gone from setuptools 82 on).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pandas as pd

__all__ = ["load_cdnow", "CDNOW_KINDS"]

#: The kinds :func:`load_cdnow` knows.
CDNOW_KINDS: tuple[str, ...] = ("sample", "master", "summary", "summary_monetary")

_INSTALL_HINT = "pip install lifetimes"


def _lifetimes_datasets() -> Path:
    try:
        spec = importlib.util.find_spec("lifetimes")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the CDNOW data are read from the files of the `lifetimes` package, which is not "
            f"installed; install it with `{_INSTALL_HINT}` (the kit's test extra pins lifetimes==0.11.3)"
        )
    for loc in spec.submodule_search_locations:
        folder = Path(loc) / "datasets"
        if (folder / "CDNOW_sample.txt").is_file():
            return folder
    raise FileNotFoundError(
        f"the installed `lifetimes` package has no datasets/CDNOW_sample.txt; reinstall it with `{_INSTALL_HINT}`"
    )


def _transactions(path: Path, columns: list[str], skiprows: int) -> pd.DataFrame:
    df = pd.read_csv(path, sep=r"\s+", header=None, names=columns, skiprows=skiprows, dtype=str)
    out = pd.DataFrame(
        {
            "customer_id": df["customer_id"].astype("int64"),
            "date": pd.to_datetime(df["date"], format="%Y%m%d"),
            "number_of_cds": df["number_of_cds"].astype("int64"),
            "dollar_value": df["dollar_value"].astype("float64"),
        }
    )
    return out


@functools.lru_cache(maxsize=4)
def _read(kind: str) -> pd.DataFrame:
    folder = _lifetimes_datasets()
    if kind == "sample":
        # columns: CDNOW master id, id within the sample (1..2357, as in the summary), date, CDs, dollars
        cols = ["master_id", "customer_id", "date", "number_of_cds", "dollar_value"]
        return _transactions(folder / "CDNOW_sample.txt", cols, skiprows=0)
    if kind == "master":
        cols = ["customer_id", "date", "number_of_cds", "dollar_value"]
        return _transactions(folder / "CDNOW_master.txt", cols, skiprows=1)
    if kind == "summary":
        df = pd.read_csv(folder / "cdnow_customers_summary.csv", index_col="ID")
        df.index.name = "customer_id"
        return df[["frequency", "recency", "T"]].astype({"frequency": "int64"})
    df = pd.read_csv(folder / "cdnow_customers_summary_with_transactions.csv", index_col="ID")
    df.index.name = "customer_id"
    df = df.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary_value"})
    return df[["frequency", "recency", "T", "monetary_value"]].astype({"frequency": "int64"})


def load_cdnow(kind: str = "sample") -> pd.DataFrame:
    """Load the CDNOW data set (CDNOW 客户交易数据), the classic CLV example.

    Source: Fader & Hardie (2001); used by Fader, Hardie & Lee (2005) to fit
    the BG/NBD model. Read from the files the ``lifetimes`` package installs,
    without importing ``lifetimes``.

    Parameters
    ----------
    kind : {"sample", "master", "summary", "summary_monetary"}
        ``"sample"``: transactions of the 2,357 customers of the 1/10 sample,
        columns ``customer_id`` (1-2357, the ids of the summaries), ``date``,
        ``number_of_cds``, ``dollar_value``. ``"master"``: the same columns
        for all 23,570 customers. ``"summary"``: the 39-week calibration
        summary of the sample (``frequency``, ``recency``, ``T`` in weeks),
        indexed by ``customer_id``. ``"summary_monetary"``: the same plus
        ``monetary_value`` (mean dollar value of the repeat purchases; the
        file's columns ``x, t_x, T, zbar`` renamed).

    Returns
    -------
    pandas.DataFrame
        A fresh copy each call.

    Raises
    ------
    ValueError
        If ``kind`` is not one of the four kinds.
    ModuleNotFoundError
        If ``lifetimes`` is not installed (the message says ``pip install lifetimes``).

    Examples
    --------
    >>> sample = load_cdnow("sample")
    >>> list(sample.columns)
    ['customer_id', 'date', 'number_of_cds', 'dollar_value']
    >>> sample["customer_id"].nunique()
    2357
    >>> load_cdnow("summary").shape
    (2357, 3)
    >>> load_cdnow("smple")
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of 'sample', 'master', 'summary', 'summary_monetary'; got 'smple'
    """
    if kind not in CDNOW_KINDS:
        valid = ", ".join(repr(k) for k in CDNOW_KINDS)
        raise ValueError(f"kind must be one of {valid}; got {kind!r}")
    return _read(kind).copy()

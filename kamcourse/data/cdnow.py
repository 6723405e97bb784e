"""The CDNOW data set (CDNOW 数据集), shipped with the kit in ``datasets/cdnow/``.

CDNOW was an online CD retailer; the data (Fader & Hardie 2001) follow the
cohort of customers whose first purchase was in the first quarter of 1997,
to the end of June 1998. It is the standard data set of the BG/NBD paper
(Fader, Hardie & Lee 2005). The files are those Bruce Hardie distributes and
the ``lifetimes`` package ships, byte for byte (source and terms:
``datasets/README.md``); the kit reads its own copy, so lesson 06 needs no
package beyond the kit's declared dependencies.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..validation import check_choice
from .shipped import repo_datasets, shipped_folder

__all__ = ["load_cdnow", "CDNOW_KINDS"]

#: The kinds :func:`load_cdnow` knows.
CDNOW_KINDS: tuple[str, ...] = ("sample", "master", "summary", "summary_monetary")

_MARKER = "CDNOW_sample.txt"


def _cdnow_folder() -> Path:
    """``kamcourse/_datasets/cdnow`` of an installed wheel, else ``datasets/cdnow`` of a source checkout."""
    folder = shipped_folder("cdnow", _MARKER)
    if folder is not None:
        return folder
    repo = repo_datasets() / "cdnow"
    raise FileNotFoundError(
        f"the CDNOW files were not found (neither installed as kamcourse/_datasets/cdnow nor in {repo}); "
        "reinstall kamcourse (pip install --force-reinstall kamcourse)"
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
    folder = _cdnow_folder()
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

    Source: Fader & Hardie (2001), "Forecasting repeat sales at CDNOW: a case
    study", *Interfaces* 31(3); used by Fader, Hardie & Lee (2005) to fit the
    BG/NBD model. The files ship with the kit (``datasets/cdnow/``, checked
    by its ``SHA256SUMS``); no other package is needed.

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
    FileNotFoundError
        If the kit's copy of the files is missing (a broken installation).

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
    check_choice(kind, "kind", CDNOW_KINDS)
    return _read(kind).copy()

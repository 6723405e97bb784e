"""Lifecycle patterns (客户生命周期模式): the path a relationship took through the stages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..validation import check_keys, check_positive_int
from ..vocabulary import STAGES

__all__ = ["PATTERNS", "lifecycle_pattern", "lifecycle_patterns"]

#: Lifecycle patterns (this kit's convention, after the four patterns Chinese
#: textbooks attribute to 陈明亮 2003): early abort
#: (早期流产型), mid-way failure (中途夭折型), early exit (提前退出型),
#: long-lasting (长久保持型); ``"ongoing"`` for a relationship still developing.
PATTERNS: tuple[str, ...] = ("early_abort", "midway_failure", "early_exit", "long_lasting", "ongoing")


def lifecycle_pattern(path: Iterable[Any], min_stable: int = 4) -> str:
    """Name the path one relationship took through the stages (客户生命周期模式).

    This kit's convention, after the four patterns Chinese textbooks attribute
    to 陈明亮 (2003, 客户生命周期模式研究; the attribution, the names and the
    rules below are not confirmed against the paper: they are the kit's
    reading), read from the stages in time order:

    - ``"long_lasting"`` (长久保持型): in stability now, and in at least
      ``min_stable`` readings in all (year-on-year noise may interrupt it);
    - ``"early_exit"`` (提前退出型): reached stability, now in decline or
      terminated (the relationship left its best stage);
    - ``"midway_failure"`` (中途夭折型): reached formation but never
      stability, now in decline or terminated;
    - ``"early_abort"`` (早期流产型): never got past exploration, now in
      decline or terminated;
    - ``"ongoing"``: still developing (exploration, formation, or stable in
      fewer than ``min_stable`` readings).

    Parameters
    ----------
    path : iterable
        Stage keys in time order (a row of :func:`stage_history`); missing
        values (before the first order) are skipped.
    min_stable : int
        Readings in stability needed to count as long-lasting (default 4,
        a year of quarterly readings).

    Returns
    -------
    str
        One of :data:`PATTERNS`.

    Raises
    ------
    ValueError
        If a stage key is unknown, the path is empty, or ``min_stable`` < 1.

    Examples
    --------
    >>> lifecycle_pattern(["exploration", "formation", "stability", "stability",
    ...                    "stability", "stability"])
    'long_lasting'
    >>> lifecycle_pattern(["formation", "stability", "stability", "decline"])
    'early_exit'
    >>> lifecycle_pattern(["exploration", "formation", "decline", "termination"])
    'midway_failure'
    >>> lifecycle_pattern(["exploration", "termination"])
    'early_abort'
    """
    min_stable = check_positive_int(min_stable, "min_stable")
    seq = [s for s in path if not (s is None or (isinstance(s, float) and np.isnan(s)))]
    if not seq:
        raise ValueError("path has no stage; give the stages in time order")
    seq = check_keys([str(s) for s in seq], "path", STAGES, "stage").tolist()
    now = seq[-1]
    if now in ("decline", "termination"):
        if "stability" in seq:
            return "early_exit"
        return "midway_failure" if "formation" in seq else "early_abort"
    if now == "stability":
        return "long_lasting" if seq.count("stability") >= min_stable else "ongoing"
    return "ongoing"


def lifecycle_patterns(history: pd.DataFrame, min_stable: int = 4) -> pd.Series:
    """:func:`lifecycle_pattern` for every customer (row) of a :func:`stage_history` table.

    Parameters
    ----------
    history : DataFrame
        Customers x dates of stage keys, oldest date first.
    min_stable : int
        As for :func:`lifecycle_pattern`.

    Returns
    -------
    Series
        Pattern key per customer, named ``pattern``.

    Raises
    ------
    TypeError
        If ``history`` is not a DataFrame.
    ValueError
        As :func:`lifecycle_pattern`.

    Examples
    --------
    >>> h = pd.DataFrame([["exploration", "formation", "decline"],
    ...                   [None, "exploration", "formation"]], index=["a", "b"])
    >>> lifecycle_patterns(h).to_dict()
    {'a': 'midway_failure', 'b': 'ongoing'}
    """
    if not isinstance(history, pd.DataFrame):
        raise TypeError(f"history must be a DataFrame (customers x dates), got {type(history).__name__}")
    values = [lifecycle_pattern(row, min_stable) for row in history.itertuples(index=False, name=None)]
    return pd.Series(values, index=history.index, name="pattern")

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
#: long-lasting (长久保持型); ``"ongoing"`` for a relationship whose pattern is
#: not settled yet (still developing, or in a decline too short to call).
PATTERNS: tuple[str, ...] = ("early_abort", "midway_failure", "early_exit", "long_lasting", "ongoing")


def lifecycle_pattern(path: Iterable[Any], min_stable: int = 4, min_decline: int = 5) -> str:
    """Name the path one relationship took through the stages (客户生命周期模式).

    This kit's convention, after the four patterns Chinese textbooks attribute
    to 陈明亮 (2003, 客户生命周期模式研究; the attribution, the names and the
    rules below are not confirmed against the paper: they are the kit's
    reading), read from the stages in time order. A relationship has *ended*
    when it is terminated now, or when its latest ``min_decline`` readings
    or more are all decline; a shorter decline at the end is a dip, which
    may still recover (二次开发), so it names no exit pattern:

    - ``"long_lasting"`` (长久保持型): in stability now, and in at least
      ``min_stable`` readings in all (year-on-year noise may interrupt it);
    - ``"early_exit"`` (提前退出型): reached stability, then ended;
    - ``"midway_failure"`` (中途夭折型): reached formation but never
      stability, then ended;
    - ``"early_abort"`` (早期流产型): never got past exploration, then ended;
    - ``"ongoing"``: not settled yet: exploration, formation, stable in fewer
      than ``min_stable`` readings, or in a decline shorter than ``min_decline``
      readings.

    Parameters
    ----------
    path : iterable
        Stage keys in time order (a row of :func:`stage_history`); missing
        values (before the first order) are skipped.
    min_stable : int
        Readings in stability needed to count as long-lasting (default 4,
        a year of quarterly readings).
    min_decline : int
        Consecutive decline readings at the end of the path that end a
        relationship (default 5: more than a year of quarterly readings,
        so a single year's dip is not an exit).

    Returns
    -------
    str
        One of :data:`PATTERNS`.

    Raises
    ------
    ValueError
        If a stage key is unknown, the path is empty, or ``min_stable`` or
        ``min_decline`` < 1.

    References
    ----------
    .. [1] 陈明亮 (2003). 客户生命周期模式研究. 浙江大学学报(人文社会科学版) 33(6)
       (as Chinese textbooks cite it; the patterns' names; the rules are this kit's).

    Examples
    --------
    >>> lifecycle_pattern(["exploration", "formation", "stability", "stability",
    ...                    "stability", "stability"])
    'long_lasting'
    >>> lifecycle_pattern(["formation", "stability", "stability", "termination"])
    'early_exit'
    >>> lifecycle_pattern(["stability"] * 6 + ["decline"] * 2)  # a dip, not (yet) an exit
    'ongoing'
    >>> lifecycle_pattern(["stability"] * 6 + ["decline"] * 5)
    'early_exit'
    >>> lifecycle_pattern(["exploration", "formation", "decline", "termination"])
    'midway_failure'
    >>> lifecycle_pattern(["exploration", "termination"])
    'early_abort'
    """
    min_stable = check_positive_int(min_stable, "min_stable")
    min_decline = check_positive_int(min_decline, "min_decline")
    seq = [s for s in path if not (s is None or (isinstance(s, float) and np.isnan(s)))]
    if not seq:
        raise ValueError("path has no stage; give the stages in time order")
    seq = check_keys([str(s) for s in seq], "path", STAGES, "stage").tolist()
    now = seq[-1]
    if now == "termination" or (now == "decline" and _trailing(seq, "decline") >= min_decline):
        if "stability" in seq:
            return "early_exit"
        return "midway_failure" if "formation" in seq else "early_abort"
    if now == "stability":
        return "long_lasting" if seq.count("stability") >= min_stable else "ongoing"
    return "ongoing"


def _trailing(seq: list[str], stage: str) -> int:
    """How many readings at the end of ``seq`` are ``stage``."""
    n = 0
    for s in reversed(seq):
        if s != stage:
            break
        n += 1
    return n


def lifecycle_patterns(history: pd.DataFrame, min_stable: int = 4, min_decline: int = 5) -> pd.Series:
    """:func:`lifecycle_pattern` for every customer (row) of a :func:`stage_history` table.

    Parameters
    ----------
    history : DataFrame
        Customers x dates of stage keys, oldest date first.
    min_stable, min_decline : int
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
    >>> h = pd.DataFrame([["exploration", "formation", "termination"],
    ...                   [None, "exploration", "formation"]], index=["a", "b"])
    >>> lifecycle_patterns(h).to_dict()
    {'a': 'midway_failure', 'b': 'ongoing'}
    """
    if not isinstance(history, pd.DataFrame):
        raise TypeError(f"history must be a DataFrame (customers x dates), got {type(history).__name__}")
    values = [lifecycle_pattern(row, min_stable, min_decline) for row in history.itertuples(index=False, name=None)]
    return pd.Series(values, index=history.index, name="pattern")

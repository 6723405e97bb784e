"""The Net Promoter Score (净推荐值, NPS; Reichheld 2003)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series

__all__ = ["nps", "nps_group"]


def _nps_scores(scores: Any) -> pd.Series:
    s = as_numeric_series(scores, "scores")
    bad = (s < 0) | (s > 10) | (s != np.round(s))
    if bad.any():
        first = s.index[bad.to_numpy()][0]
        raise ValueError(f"scores must be whole numbers from 0 to 10, got {s[first]:g} at {first!r}")
    return s


def nps_group(scores: Any) -> pd.Series:
    """Promoter, passive or detractor for each 0-10 recommendation score (NPS 分组).

    Reichheld (2003, *Harvard Business Review*, "The one number you need to
    grow"): promoters answer 9-10, passives 7-8, detractors 0-6 to "How likely
    is it that you would recommend us to a friend or colleague?".

    Parameters
    ----------
    scores : list, array or Series of int
        Whole numbers 0-10.

    Returns
    -------
    pandas.Series
        ``"promoter"``, ``"passive"`` or ``"detractor"``.

    Raises
    ------
    ValueError
        If a score is outside 0-10, not whole, NaN, or the input is empty.

    Examples
    --------
    >>> nps_group([10, 8, 6]).tolist()
    ['promoter', 'passive', 'detractor']
    """
    s = _nps_scores(scores)
    out = np.select([s >= 9, s >= 7], ["promoter", "passive"], default="detractor")
    return pd.Series(out, index=s.index, dtype=object, name="nps_group")


def nps(scores: Any) -> float:
    """Net Promoter Score (净推荐值, NPS), in [-100, 100].

    NPS = % promoters (9-10) - % detractors (0-6) of all respondents
    (Reichheld 2003, *Harvard Business Review* 81(12)); passives (7-8) count
    in the total only.

    Parameters
    ----------
    scores : list, array or Series of int
        Answers 0-10 to the recommendation question.

    Returns
    -------
    float
        Between -100 (all detractors) and 100 (all promoters).

    Raises
    ------
    TypeError
        If a score is not a number.
    ValueError
        If a score is outside 0-10 or not a whole number, NaN, or there are
        no scores.

    Examples
    --------
    >>> nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    20.0
    >>> nps([11])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 0 to 10, got 11 at 0
    """
    s = _nps_scores(scores)
    return float(100 * ((s >= 9).mean() - (s <= 6).mean()))

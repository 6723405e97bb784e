"""Importance-performance analysis (重要性-绩效分析, IPA; Martilla & James 1977)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..quadrants import two_by_two
from ..validation import paired_series, threshold_value

__all__ = ["IPA_QUADRANTS", "importance_performance"]

#: Importance-performance quadrants (Martilla & James 1977).
IPA_QUADRANTS: tuple[str, ...] = ("keep_up", "concentrate_here", "low_priority", "possible_overkill")


def importance_performance(
    importance: Any,
    performance: Any,
    importance_threshold: Any = "mean",
    performance_threshold: Any = "mean",
) -> pd.Series:
    """Importance-performance analysis quadrant of each attribute (重要性-绩效分析, IPA).

    Martilla & James (1977, *Journal of Marketing* 41(1)) place each attribute
    on a grid of importance x performance:

    - ``"keep_up"``: high importance, high performance (keep up the good work)
    - ``"concentrate_here"``: high importance, low performance
    - ``"low_priority"``: low importance, low performance
    - ``"possible_overkill"``: low importance, high performance

    A value **at or above** its threshold counts as high (this kit's convention).

    Parameters
    ----------
    importance, performance : list, array, dict or Series of numbers
        One value per attribute; same length (and index, if both Series).
    importance_threshold, performance_threshold : {"mean", "median"} or float
        Where the grid is split; default the mean of the values (the usual
        data-centred grid). A number gives a fixed cut, e.g. 4 on a 1-7 scale.

    Returns
    -------
    pandas.Series
        Quadrant keys, indexed like the input (labels via
        :func:`kamcourse.i18n.label`).

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the lengths differ, the inputs are empty, or a
        threshold is not "mean", "median" or a number.

    Examples
    --------
    >>> imp = pd.Series({"quality": 6.5, "delivery": 6.0, "ordering": 4.0, "price": 4.5})
    >>> perf = pd.Series({"quality": 6.0, "delivery": 4.0, "ordering": 3.5, "price": 6.0})
    >>> importance_performance(imp, perf).tolist()
    ['keep_up', 'concentrate_here', 'low_priority', 'possible_overkill']
    >>> importance_performance(imp, perf, 6.0, 6.0)["delivery"]
    'concentrate_here'
    """
    imp, perf = paired_series(importance, performance, "importance", "performance")
    ti = threshold_value(imp, importance_threshold, "importance_threshold")
    tp = threshold_value(perf, performance_threshold, "performance_threshold")
    return two_by_two(imp, perf, ti, tp, ("keep_up", "concentrate_here", "possible_overkill", "low_priority")).rename(
        "ipa_quadrant"
    )

"""Expectation disconfirmation (期望不一致): satisfaction as performance against expectation (Oliver 1980)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import check_number, is_scalar, paired_series

__all__ = ["DISCONFIRMATION", "disconfirmation"]

#: The three outcomes of comparing performance with expectation (Oliver 1980).
DISCONFIRMATION: tuple[str, ...] = ("positive", "confirmation", "negative")


def disconfirmation(perceived: Any, expected: Any, tolerance: float = 0.0) -> Any:
    """Compare perceived performance with expectation (期望不一致, expectation disconfirmation).

    Satisfaction follows from the gap between what a customer expected and
    what they perceive: performance above expectation is *positive
    disconfirmation* (satisfied, even delighted), equal is *confirmation*, below
    is *negative disconfirmation* (dissatisfied). Source: Oliver (1980),
    *Journal of Marketing Research* 17(4); the courseware form "实际体验高于期望值
    则满意" is from the course materials.

    gap = perceived - expected; ``"positive"`` if gap > tolerance,
    ``"negative"`` if gap < -tolerance, else ``"confirmation"``.

    Parameters
    ----------
    perceived, expected : number or list/array/Series of numbers
        Perceived performance and expectation on the same scale (e.g. 1-7).
        Two sequences must have the same length (and the same index if both
        are Series).
    tolerance : float, default 0.0
        Gaps within +/- tolerance count as confirmation (this kit's
        convention for a "zone of tolerance"); must be >= 0.

    Returns
    -------
    str or pandas.Series
        ``"positive"``, ``"confirmation"`` or ``"negative"``; a Series of
        these when the inputs are sequences.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the tolerance is negative, or the lengths differ.

    Examples
    --------
    >>> disconfirmation(6, 5)
    'positive'
    >>> disconfirmation(5.2, 5, tolerance=0.5)
    'confirmation'
    >>> disconfirmation([4, 5, 6], [5, 5, 5]).tolist()
    ['negative', 'confirmation', 'positive']
    >>> disconfirmation(4, float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: expected must be a finite number, got nan
    """
    tol = check_number(tolerance, "tolerance", low=0)
    if is_scalar(perceived) and is_scalar(expected):
        gap = check_number(perceived, "perceived") - check_number(expected, "expected")
        return "positive" if gap > tol else "negative" if gap < -tol else "confirmation"
    p, e = paired_series(perceived, expected, "perceived", "expected")
    gap = p - e
    out = np.select([gap > tol, gap < -tol], ["positive", "negative"], default="confirmation")
    return pd.Series(out, index=p.index, dtype=object, name="disconfirmation")

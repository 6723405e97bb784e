"""Two-by-two matrices (四象限矩阵): place each item by whether it is high on two measures.

The course reads many things off a 2 x 2 grid: the importance-performance
grid (Martilla & James 1977), loyalty types (Dick & Basu 1994), customer
types (Jones & Sasser 1995). :func:`two_by_two` is the one rule they share:
a value **at or above** its threshold counts as high (this kit's convention).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["two_by_two"]


def two_by_two(
    x: pd.Series, y: pd.Series, x_threshold: float, y_threshold: float, names: tuple[str, str, str, str]
) -> pd.Series:
    """The quadrant of each item on a 2 x 2 grid (四象限分类).

    ``names`` gives the four quadrant keys in the order (high x & high y,
    high x & low y, low x & high y, low x & low y); a value at or above its
    threshold is high (this kit's convention).

    Parameters
    ----------
    x, y : pandas.Series
        The two measures, on one index (see :func:`kamcourse.validation.paired_series`).
    x_threshold, y_threshold : float
        Where high begins on each axis.
    names : tuple of four str
        The quadrant keys.

    Returns
    -------
    pandas.Series
        One key per item (object dtype), indexed like ``x``.

    Examples
    --------
    >>> x = pd.Series({"a": 5.0, "b": 5.0, "c": 1.0, "d": 1.0})
    >>> y = pd.Series({"a": 9.0, "b": 2.0, "c": 9.0, "d": 2.0})
    >>> two_by_two(x, y, 3.0, 5.0, ("both", "x_only", "y_only", "neither")).tolist()
    ['both', 'x_only', 'y_only', 'neither']
    """
    hx, hy = x >= x_threshold, y >= y_threshold
    out = np.select([hx & hy, hx & ~hy, ~hx & hy], list(names[:3]), default=names[3])
    return pd.Series(out, index=x.index, dtype=object)

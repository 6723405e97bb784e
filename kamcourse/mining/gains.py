"""Lift and cumulative gains (提升度与累积增益): how much better than no model a ranking finds churners.

Sort the customers by score, highest first, and contact them in that order. The **cumulative gains**
at a fraction x of customers is the share of all churners found among the first x; with no model (a
random order) it is x itself. The **lift** of a group is its churn rate divided by the overall rate.
Neslin, Gupta, Kamakura, Lu & Mason (2006, "Defection detection", *Journal of Marketing Research*
43(2): 204-211) compare churn models by the **top-decile lift** and the **Gini coefficient**.

Customers with the same score cannot be ordered among themselves; the kit counts a tie group as if
its customers were contacted in a random order, so the gains grow linearly across it (the expected
value; a decile boundary inside a tie group may hold a fraction of a churner). One sort does all the
work, so the functions keep up with a bare numpy sort-and-cumsum (``benchmarks/lift.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import check_positive_int, scored_outcomes

__all__ = ["cumulative_gains", "gains_table", "top_decile_lift", "gini_coefficient"]


def _gains_steps(y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Customers contacted and churners found at the end of each tie group, from 0 (highest scores first)."""
    order = np.argsort(s, kind="quicksort")[::-1]
    s_sorted = s[order]
    found = np.cumsum(y[order], dtype=np.int64)
    ends = np.flatnonzero(s_sorted[1:] != s_sorted[:-1])
    ends = np.append(ends, len(s_sorted) - 1)
    contacted = np.concatenate(([0], ends + 1)).astype(np.float64)
    captured = np.concatenate(([0], found[ends])).astype(np.float64)
    return contacted, captured


def _captured_at(y: np.ndarray, s: np.ndarray, contacted: np.ndarray) -> np.ndarray:
    """Expected churners found after contacting ``contacted`` customers (any counts in [0, n]), highest first.

    One ascending sort; for each count only the tie group it falls in is looked up (``searchsorted``), so
    no array of tie groups is built. Inside a tie group the gains grow linearly (a random order within it);
    between whole counts they are linear as well, so a fractional count is interpolated.
    """
    n = len(s)
    order = np.argsort(s, kind="quicksort")
    s_asc = s[order]
    below = np.cumsum(y[order], dtype=np.int64)  # below[i - 1] = churners among the i lowest scores
    total = below[-1]

    def at(k: np.ndarray) -> np.ndarray:  # whole counts 0..n
        inner = (k > 0) & (k < n)
        v = s_asc[np.where(inner, n - k, 0)]
        lo = np.searchsorted(s_asc, v, side="left")
        hi = np.searchsorted(s_asc, v, side="right")
        c_lo = np.where(lo > 0, below[np.maximum(lo - 1, 0)], 0)
        c_hi = below[hi - 1]
        start = (n - hi).astype(np.float64)
        found = (total - c_hi) + (k - start) / (hi - lo) * (c_hi - c_lo)
        return np.where(k <= 0, 0.0, np.where(k >= n, float(total), found))

    k = np.clip(np.asarray(contacted, dtype=np.float64), 0.0, float(n))
    low = np.floor(k).astype(np.int64)
    high = np.minimum(low + 1, n)
    f_low = at(low)
    return f_low + (k - low) * (at(high) - f_low)


def _checked(y_true: Any, score: Any) -> tuple[np.ndarray, np.ndarray, int]:
    y, s = scored_outcomes(y_true, score)
    positives = int(y.sum())
    if positives == 0:
        raise ValueError("y_true has no positive outcome (no churner): gains and lift need at least one")
    return y, s, positives


def cumulative_gains(y_true: Any, score: Any, points: int = 101) -> pd.DataFrame:
    """The cumulative gains curve: share of churners found against share of customers contacted (累积增益曲线).

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a customer who churned, 0 otherwise.
    score : Series, list or array
        The model's score for each customer; higher = more likely to churn.
    points : int, default 101
        Number of equally spaced fractions from 0 to 1 at which the curve is given.

    Returns
    -------
    DataFrame
        Columns ``share_contacted`` (0 ... 1) and ``share_captured`` (the gains, 0 ... 1).

    Raises
    ------
    ValueError
        If the inputs fail :func:`kamcourse.validation.scored_outcomes`, there is no churner, or
        ``points`` < 2.

    Examples
    --------
    >>> cumulative_gains([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], points=5)
       share_contacted  share_captured
    0             0.00             0.0
    1             0.25             0.5
    2             0.50             0.5
    3             0.75             1.0
    4             1.00             1.0
    """
    points = check_positive_int(points, "points", minimum=2)
    y, s, positives = _checked(y_true, score)
    x = np.linspace(0.0, 1.0, points)
    return pd.DataFrame({"share_contacted": x, "share_captured": _captured_at(y, s, x * len(y)) / positives})


def gains_table(y_true: Any, score: Any, bins: int = 10) -> pd.DataFrame:
    """Lift and gains by score group, e.g. deciles: the table behind lift and gains charts (提升度表).

    Customers sorted by score (highest first) are cut into ``bins`` equal groups; group 1 holds the
    highest scores. For each group:

    - ``customers``, ``churners`` and ``churn_rate`` = churners / customers;
    - ``lift`` = churn_rate / overall churn rate (1 = no better than a random pick);
    - ``cum_customers``: the share of all customers in groups 1 to this one;
    - ``cum_gains``: the share of all churners they hold;
    - ``cum_lift`` = cum_gains / cum_customers.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a churner, 0 otherwise.
    score : Series, list or array
        The model's scores; higher = more likely to churn.
    bins : int, default 10
        Number of groups (10: deciles).

    Returns
    -------
    DataFrame
        Index ``group`` 1 ... bins; the columns above. Group sizes differ by at most one customer;
        a tie group split by a boundary is shared in proportion (see the module note).

    Raises
    ------
    ValueError
        If the inputs fail :func:`kamcourse.validation.scored_outcomes`, there is no churner, or
        ``bins`` is below 1 or above the number of customers.

    Examples
    --------
    >>> y = [1, 1, 0, 1, 0, 0, 0, 0, 1, 0]
    >>> s = [.9, .8, .7, .6, .5, .4, .3, .2, .1, .0]
    >>> gains_table(y, s, bins=5)[["churners", "lift", "cum_gains", "cum_lift"]]
           churners  lift  cum_gains  cum_lift
    group
    1           2.0  2.50       0.50    2.5000
    2           1.0  1.25       0.75    1.8750
    3           0.0  0.00       0.75    1.2500
    4           0.0  0.00       0.75    0.9375
    5           1.0  1.25       1.00    1.0000
    """
    bins = check_positive_int(bins, "bins")
    y, s, positives = _checked(y_true, score)
    n = len(y)
    if bins > n:
        raise ValueError(f"bins must not exceed the number of customers ({n}), got {bins}")
    edges = np.floor(np.arange(bins + 1) * n / bins + 0.5)
    found = _captured_at(y, s, edges)
    customers = np.diff(edges)
    churners = np.diff(found)
    rate = positives / n
    table = pd.DataFrame({
        "customers": customers.astype(np.int64), "churners": churners,
        "churn_rate": churners / customers, "lift": churners / customers / rate,
        "cum_customers": edges[1:] / n, "cum_gains": found[1:] / positives,
    }, index=pd.RangeIndex(1, bins + 1, name="group"))
    table["cum_lift"] = table["cum_gains"] / table["cum_customers"]
    return table


def top_decile_lift(y_true: Any, score: Any) -> float:
    """Churn rate among the 10% highest scores divided by the overall churn rate (前10%提升度).

    Neslin et al. (2006) report it for every model of their churn tournament: a top-decile lift of 3
    means the customers the model ranks highest churn three times as often as the average customer.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a churner, 0 otherwise.
    score : Series, list or array
        The model's scores.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`gains_table` (at least 10 customers are needed).

    References
    ----------
    .. [1] Neslin, S. A., Gupta, S., Kamakura, W., Lu, J., & Mason, C. H. (2006). Defection
       detection: measuring and understanding the predictive accuracy of customer churn models.
       *Journal of Marketing Research* 43(2), 204-211.

    Examples
    --------
    >>> y = [1] * 3 + [0] * 17 + [1] * 2 + [0] * 78
    >>> round(top_decile_lift(y, list(range(100, 0, -1))), 2)
    6.0
    """
    return float(gains_table(y_true, score, bins=10)["lift"].iloc[0])


def gini_coefficient(y_true: Any, score: Any) -> float:
    """Twice the area between the cumulative gains curve and the diagonal (基尼系数).

    0 for a ranking no better than chance; the largest value, reached when all churners come first,
    is 1 − churn rate. Neslin et al. (2006) report a Gini coefficient beside the top-decile lift; the
    kit computes it on the gains curve as described here (this kit's convention for the scale). It
    equals (2·AUC − 1)·(1 − churn rate), with AUC the area under the ROC curve.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a churner, 0 otherwise.
    score : Series, list or array
        The model's scores.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the inputs fail :func:`kamcourse.validation.scored_outcomes` or there is no churner.

    References
    ----------
    .. [1] Neslin, S. A., Gupta, S., Kamakura, W., Lu, J., & Mason, C. H. (2006). Defection
       detection: measuring and understanding the predictive accuracy of customer churn models.
       *Journal of Marketing Research* 43(2), 204-211.

    Examples
    --------
    >>> round(gini_coefficient([1, 0, 0, 0], [0.9, 0.5, 0.3, 0.1]), 3)   # perfect: 1 - 1/4
    0.75
    >>> gini_coefficient([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])              # one tie group: chance
    0.0
    """
    y, s, positives = _checked(y_true, score)
    contacted, captured = _gains_steps(y, s)
    x = contacted / len(y)
    g = captured / positives
    area = float(np.sum((x[1:] - x[:-1]) * (g[1:] + g[:-1]) / 2.0))
    return 2.0 * (area - 0.5)

"""The key-account portfolio matrix (大客户组合矩阵): customer attractiveness x our relative strength."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_number, paired_series

__all__ = ["QUADRANTS", "portfolio_quadrant", "portfolio_thresholds"]

#: The four account types of the portfolio matrix (names as in the course materials).
QUADRANTS: tuple[str, ...] = ("key", "key_development", "maintenance", "opportunistic")


def portfolio_thresholds(
    attractiveness: pd.Series, strength: pd.Series, threshold: float | tuple[float | None, float | None] | None = None
) -> tuple[float, float]:
    """Where "high" begins on each axis of the portfolio matrix (组合矩阵的分界线).

    One number for both axes, or ``(attractiveness, strength)``; ``None`` (or
    ``None`` inside the pair) means the median of that axis (this kit's
    convention, as :func:`portfolio_quadrant`).

    Parameters
    ----------
    attractiveness, strength : pandas.Series
        The two scores per customer (checked, e.g. by :func:`kamcourse.validation.paired_series`).
    threshold : float or pair, optional
        As for :func:`portfolio_quadrant`.

    Returns
    -------
    tuple of float
        ``(attractiveness threshold, strength threshold)``.

    Raises
    ------
    TypeError
        If a threshold is not a number.
    ValueError
        If ``threshold`` is a sequence that is not a pair.

    Examples
    --------
    >>> portfolio_thresholds(pd.Series([1.0, 3.0]), pd.Series([10.0, 20.0]), (5, None))
    (5.0, 15.0)
    """
    if threshold is None:
        t_a = t_s = None
    elif isinstance(threshold, (tuple, list)):
        if len(threshold) != 2:
            raise ValueError(f"threshold must be one number or a pair (attractiveness, strength), got {threshold!r}")
        t_a = None if threshold[0] is None else check_number(threshold[0], "threshold[0]")
        t_s = None if threshold[1] is None else check_number(threshold[1], "threshold[1]")
    else:
        t_a = t_s = check_number(threshold, "threshold")
    return (float(attractiveness.median()) if t_a is None else t_a, float(strength.median()) if t_s is None else t_s)


def portfolio_quadrant(
    attractiveness: pd.Series,
    strength: pd.Series,
    threshold: float | tuple[float | None, float | None] | None = None,
) -> pd.Series:
    """Account type from customer attractiveness × our relative strength (大客户组合矩阵).

    The course materials sort customers by how attractive the customer is to
    us (客户吸引力) and how strong we are with that customer compared with
    competitors (相对优势) into four types. The two axes are those of McDonald &
    Rogers' (1998) key account portfolio (an adapted directional policy
    matrix); the four names are the course materials'::

                              strength high        strength low
        attractiveness high   "key"                "key_development"
        attractiveness low    "maintenance"        "opportunistic"

    A value at or above its threshold counts as high (``>=``).

    Parameters
    ----------
    attractiveness : pandas.Series
        Attractiveness score per customer.
    strength : pandas.Series
        The supplier's relative strength per customer (same customers).
    threshold : float or pair, optional
        One number for both axes, or ``(attractiveness, strength)``; ``None``
        (or ``None`` inside the pair) means the median of that axis.

    Returns
    -------
    pandas.Series
        ``"key"``/``"key_development"``/``"maintenance"``/``"opportunistic"``
        per customer (index of ``attractiveness``), named ``quadrant``.

    Raises
    ------
    TypeError
        If the scores or thresholds are not numbers.
    ValueError
        If a score is NaN, the two inputs describe different customers, or
        ``threshold`` is not one number or a pair.

    References
    ----------
    .. [1] McDonald, M., & Rogers, B. (1998). *Key Account Management: Learning from
       Supplier and Customer Perspectives*. Butterworth-Heinemann.
    .. [2] Course materials (the Chinese KAM/CRM course documents the kit follows): 大客户, 重点开发客户, 维持关系客户, 机会主义客户.

    Examples
    --------
    >>> attr = pd.Series({"A": 9, "B": 8, "C": 2, "D": 1})
    >>> strength = pd.Series({"A": 7, "B": 1, "C": 9, "D": 2})
    >>> portfolio_quadrant(attr, strength, threshold=5).tolist()
    ['key', 'key_development', 'maintenance', 'opportunistic']
    >>> portfolio_quadrant(attr, strength, threshold=(5, None)).tolist()   # strength median 4.5
    ['key', 'key_development', 'maintenance', 'opportunistic']
    """
    a, s = paired_series(attractiveness, strength, "attractiveness", "strength")
    t_a, t_s = portfolio_thresholds(a, s, threshold)
    high_a = (a >= t_a).to_numpy()
    high_s = (s >= t_s).to_numpy()
    quad = np.where(
        high_a,
        np.where(high_s, "key", "key_development"),
        np.where(high_s, "maintenance", "opportunistic"),
    )
    return pd.Series(quad, index=a.index, name="quadrant")

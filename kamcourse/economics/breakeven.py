"""Discount break-even (折扣/提价的盈亏平衡销量): how much more must we sell after a price cut?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..validation import check_fraction, check_number

__all__ = ["breakeven_volume_increase", "breakeven_volume_decrease", "breakeven_table"]


def _check_margin_discount(margin: float, discount: float, discount_name: str = "discount") -> tuple[float, float]:
    m = check_fraction(margin, "margin", low=0.0, high=1.0, low_open=True, high_open=True)
    d = check_number(discount, discount_name, low=0)
    return m, d


def breakeven_volume_increase(margin: float, discount: float) -> float:
    """Extra volume needed to keep gross profit after a price cut (折扣后保持毛利所需的销量增长).

    With gross margin ``m`` and a discount ``d`` (both as fractions of the
    current price), the unit margin falls from ``m`` to ``m − d``; the same
    gross profit then needs ``Q·m = Q'·(m − d)``, i.e. a volume increase of::

        ΔQ / Q = d / (m − d)

    Source: standard pricing arithmetic (see ``docs/references.md``); the course materials'
    example: a supplier with 20% gross margin giving a 5% discount needs 33%
    more volume.

    Parameters
    ----------
    margin : float
        Gross margin as a fraction of price, in (0, 1) (毛利率).
    discount : float
        Price cut as a fraction of the current price, ``>= 0`` and below ``margin`` (折扣).

    Returns
    -------
    float
        The required relative volume increase (0.333… = +33.3%).

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``margin`` is outside (0, 1), ``discount`` is negative, or
        ``discount >= margin`` (then every unit sold at the new price earns
        nothing or loses money, so no volume recovers the profit).

    References
    ----------
    .. [1] Standard pricing arithmetic: ``Q·m = Q'·(m − d)``; see ``docs/references.md``.
    .. [2] Course materials (the Chinese KAM/CRM course documents the kit follows): 20% margin, 5% discount → 33% more volume.

    Examples
    --------
    >>> round(breakeven_volume_increase(0.20, 0.05), 4)   # course materials: 33%
    0.3333
    >>> breakeven_volume_increase(0.30, 0.0)
    0.0
    >>> breakeven_volume_increase(0.20, 0.25)
    Traceback (most recent call last):
    ...
    ValueError: no volume recovers a discount at or above the margin: discount=0.25 >= margin=0.2
    """
    m, d = _check_margin_discount(margin, discount)
    if d >= m:
        raise ValueError(f"no volume recovers a discount at or above the margin: discount={d:g} >= margin={m:g}")
    return d / (m - d)


def breakeven_volume_decrease(margin: float, increase: float) -> float:
    """Volume that may be lost after a price rise before gross profit falls (提价后可承受的销量下降).

    The mirror of :func:`breakeven_volume_increase`: a price rise ``d`` lifts
    the unit margin from ``m`` to ``m + d``, so ``Q·m = Q'·(m + d)`` gives an
    allowed relative volume drop of::

        −ΔQ / Q = d / (m + d)

    Source: standard pricing arithmetic, the mirror of the discount break-even
    (m = 30%, +10% price → 25% fewer units keep the same profit).

    Parameters
    ----------
    margin : float
        Gross margin as a fraction of price, in (0, 1).
    increase : float
        Price rise as a fraction of the current price, ``>= 0``.

    Returns
    -------
    float
        The relative volume drop that leaves gross profit unchanged (0.25 = −25%).

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``margin`` is outside (0, 1) or ``increase`` is negative.

    References
    ----------
    .. [1] Standard pricing arithmetic: ``Q·m = Q'·(m + d)``; see ``docs/references.md``.

    Examples
    --------
    >>> breakeven_volume_decrease(0.30, 0.10)
    0.25
    >>> breakeven_volume_decrease(1.3, 0.10)
    Traceback (most recent call last):
    ...
    ValueError: margin must be in (0, 1), got 1.3
    """
    m, d = _check_margin_discount(margin, increase, "increase")
    return d / (m + d)


def breakeven_table(margins: Iterable[float], discounts: Iterable[float]) -> pd.DataFrame:
    """Required volume increase for several margins and discounts (折扣盈亏平衡表).

    Each cell is :func:`breakeven_volume_increase` ``= d / (m − d)``; a cell
    where the discount reaches the margin is NaN (no volume is enough).

    Parameters
    ----------
    margins : iterable of float
        Gross margins in (0, 1) (the columns).
    discounts : iterable of float
        Discounts ``>= 0`` (the rows).

    Returns
    -------
    pandas.DataFrame
        Index ``discount``, columns ``margin``, values the relative volume increase.

    Raises
    ------
    ValueError, TypeError
        As :func:`breakeven_volume_increase` for an invalid margin or discount,
        or if either list is empty.

    Examples
    --------
    >>> breakeven_table([0.2, 0.4], [0.05, 0.2]).round(3)
    margin    0.2    0.4
    discount
    0.05    0.333  0.143
    0.20      NaN  1.000
    """
    ms = [check_fraction(m, "margins", low=0.0, high=1.0, low_open=True, high_open=True) for m in margins]
    ds = []
    for d in discounts:
        d = check_number(d, "discounts", low=0)
        ds.append(d)
    if not ms or not ds:
        raise ValueError("margins and discounts each need at least one value")
    data = [[d / (m - d) if d < m else np.nan for m in ms] for d in ds]
    return pd.DataFrame(data, index=pd.Index(ds, name="discount"), columns=pd.Index(ms, name="margin"))

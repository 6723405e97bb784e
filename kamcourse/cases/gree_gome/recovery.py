"""The discount arithmetic of the case (降价的算术): the cut, the volume that would recover it, the maker's view."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence

import pandas as pd

from ...validation import check_fraction, check_number

__all__ = [
    "ILLUSTRATIVE_RETAIL_MARGINS",
    "ILLUSTRATIVE_MAKER_MARGIN",
    "price_cut",
    "recovery_table",
    "cut_on_supply_price",
]

#: Retail gross margins used to illustrate the discount arithmetic. They are an
#: assumption of this kit, not figures from a source.
ILLUSTRATIVE_RETAIL_MARGINS: tuple[float, ...] = (0.10, 0.15, 0.20, 0.25, 0.30)
#: A maker's gross margin used to illustrate the arithmetic (assumption of this kit).
ILLUSTRATIVE_MAKER_MARGIN: float = 0.25


def price_cut(list_price: float, promo_price: float) -> float:
    """Price cut as a fraction of the list price (降价幅度).

    ``cut = (list_price - promo_price) / list_price``; the price change is
    ``-cut``. Source: the Chengdu Gome prices are from jiaoyanshi.com (2004
    press report): 1,680 -> 1,000 yuan and 3,650 -> 2,650 yuan.

    Parameters
    ----------
    list_price : float
        The usual price, > 0.
    promo_price : float
        The promotion price, in [0, list_price].

    Returns
    -------
    float
        The cut in [0, 1].

    Raises
    ------
    TypeError
        If a price is not a number.
    ValueError
        If ``list_price`` is not positive, or ``promo_price`` is negative or
        above ``list_price``.

    Examples
    --------
    >>> round(price_cut(1680, 1000), 3)
    0.405
    >>> round(price_cut(3650, 2650), 3)
    0.274
    >>> price_cut(1000, 1200)
    Traceback (most recent call last):
    ...
    ValueError: promo_price must be in [0, list_price=1000], got 1200
    """
    lp = check_number(list_price, "list_price", low=0, low_open=True)
    pp = check_number(promo_price, "promo_price")
    if not 0 <= pp <= lp:
        raise ValueError(f"promo_price must be in [0, list_price={list_price!r}], got {promo_price!r}")
    return (lp - pp) / lp


def _fractions(values: float | Iterable[float], name: str) -> list[float]:
    if isinstance(values, numbers.Real) and not isinstance(values, bool):
        values = [values]
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a number or a list of numbers, got {values!r}")
    out = [check_fraction(v, name, low_open=True, high_open=True) for v in values]
    if not out:
        raise ValueError(f"{name} is empty; give at least one value")
    return out


def recovery_table(cut: float | Sequence[float], margins: float | Sequence[float]) -> pd.DataFrame:
    """Volume increase needed to keep gross profit after a price cut (降价后的保本销量增长).

    ``volume_increase = d / (m - d)`` for a cut ``d`` and gross margin ``m``
    (both as fractions of the old price), computed by
    :func:`kamcourse.economics.breakeven_volume_increase`. When ``d >= m``
    every unit now sells at or below cost: no volume recovers the profit, and
    the table shows ``inf`` with ``recoverable`` False. Source: the formula of
    the course materials (20% margin, 5% discount -> 33% more volume); price
    break-even algebra e.g. bdsaccountants.co.nz.

    Parameters
    ----------
    cut : float or sequence of float
        Price cut(s) d, each in (0, 1).
    margins : float or sequence of float
        Gross margin(s) m before the cut, each in (0, 1). For the case use
        :data:`ILLUSTRATIVE_RETAIL_MARGINS` (an assumption of this kit).

    Returns
    -------
    pandas.DataFrame
        One row per (cut, margin): ``price_cut``, ``gross_margin``,
        ``required_volume_increase`` (fraction, ``inf`` if not recoverable),
        ``recoverable``.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is outside (0, 1) or a list is empty.

    Examples
    --------
    >>> recovery_table(0.05, 0.20).round(4)
       price_cut  gross_margin  required_volume_increase  recoverable
    0       0.05           0.2                    0.3333         True
    >>> recovery_table(0.34, [0.2, 0.5]).round(4)
       price_cut  gross_margin  required_volume_increase  recoverable
    0       0.34           0.2                       inf        False
    1       0.34           0.5                     2.125         True
    >>> recovery_table(0.34, 1.5)
    Traceback (most recent call last):
    ...
    ValueError: margins must be in (0, 1), got 1.5
    """
    from ...economics import breakeven_volume_increase

    cuts = _fractions(cut, "cut")
    ms = _fractions(margins, "margins")
    rows = []
    for d in cuts:
        for m in ms:
            ok = d < m
            rows.append(
                {
                    "price_cut": d,
                    "gross_margin": m,
                    "required_volume_increase": breakeven_volume_increase(m, d) if ok else math.inf,
                    "recoverable": ok,
                }
            )
    return pd.DataFrame(rows)


def cut_on_supply_price(retail_cut: float, retail_margin: float) -> float:
    """The retail cut seen from the maker, if the maker pays for all of it (厂家承担降价).

    A retailer with gross margin ``m`` buys at ``(1 - m)`` of the retail
    price. If it passes the whole cut ``d`` back to the maker (keeping its
    margin per unit in yuan), the maker's supply price falls by
    ``d / (1 - m)`` of itself: a larger cut than the shopper sees. Source:
    this kit's derivation (price arithmetic), no outside source.

    Parameters
    ----------
    retail_cut : float
        Cut of the retail price d, in (0, 1).
    retail_margin : float
        Retailer's gross margin m, in [0, 1), with ``d < 1 - m``.

    Returns
    -------
    float
        The cut as a fraction of the maker's supply price.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is out of range or the cut is larger than the supply price.

    Examples
    --------
    >>> round(cut_on_supply_price(0.34, 0.15), 3)
    0.4
    >>> cut_on_supply_price(0.34, 0.0)
    0.34
    >>> cut_on_supply_price(0.9, 0.2)
    Traceback (most recent call last):
    ...
    ValueError: retail_cut must be below 1 - retail_margin = 0.8, got 0.9
    """
    d = check_fraction(retail_cut, "retail_cut", low_open=True, high_open=True)
    m = check_fraction(retail_margin, "retail_margin", high_open=True)
    if d >= 1 - m:
        raise ValueError(f"retail_cut must be below 1 - retail_margin = {1 - m:g}, got {retail_cut!r}")
    return d / (1 - m)

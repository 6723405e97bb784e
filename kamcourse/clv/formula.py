"""Customer lifetime value with constant margin and retention (Gupta & Lehmann 2003).

The simplest CLV: a customer brings margin m each period while she stays; she
stays from one period to the next with probability r (retention, 保持率);
money a period away is worth 1/(1+d) of money now. The first margin arrives at
the end of period 1, after she has been retained once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..validation import check_fraction, check_number, check_positive_int

__all__ = [
    "REICHHELD_SASSER_1990",
    "margin_multiple",
    "clv",
    "margin_multiple_table",
    "retention_sensitivity",
]

#: Profit increases reported by Reichheld & Sasser (1990), "Zero defections:
#: quality comes to services", *HBR* 68(5): 105-111, for cutting the defection
#: rate by 5 percentage points (MBNA: halving a 10% defection rate): examples
#: from the article's range of 25% to 85% across the service industries
#: studied (the range Heskett et al. 1994 quote too, and the courseware's
#: 顾客流失率降低5%，利润增加25%–85%). ``profit_increase`` is a fraction (0.85 = +85%).
REICHHELD_SASSER_1990: pd.DataFrame = pd.DataFrame(
    {
        "business": ["bank_branches", "insurance_brokerage", "auto_service", "mbna_credit_cards"],
        "defection_cut_points": [5, 5, 5, 5],
        "profit_increase": [0.85, 0.50, 0.30, 1.25],
    }
).set_index("business")


def _check_retention(retention: Any) -> float:
    return check_fraction(retention, "retention", low=0.0, high=1.0, high_open=True)


def _check_discount(discount_rate: Any) -> float:
    return check_number(discount_rate, "discount_rate", low=-1, low_open=True)


def margin_multiple(retention: float, discount_rate: float) -> float:
    """Margin multiple (利润乘数): CLV per unit of margin, r / (1 + d - r).

    .. math:: \\sum_{t=1}^{\\infty} \\frac{r^t}{(1+d)^t} = \\frac{r}{1 + d - r}

    Convention: the first margin arrives at the end of period 1, after the
    customer has been retained once (Gupta & Lehmann 2003; Farris et al.,
    *Marketing Metrics*). Texts that also count a margin now, at t = 0,
    before any churn, get :math:`(1+d)/(1+d-r)`, which is this value + 1.

    Parameters
    ----------
    retention : float
        Share of customers kept from one period to the next, in [0, 1).
    discount_rate : float
        Discount rate per period, greater than -1 (0.1 = 10%).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``retention`` is outside [0, 1) or ``discount_rate`` <= -1.

    Examples
    --------
    >>> round(margin_multiple(0.8, 0.10), 2)
    2.67
    >>> round(margin_multiple(0.9, 0.10) + 1, 2)   # the "margin now" convention
    5.5
    >>> margin_multiple(1.2, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: retention must be in [0, 1), got 1.2
    """
    r = _check_retention(retention)
    d = _check_discount(discount_rate)
    return r / (1 + d - r)


def clv(
    margin: float,
    retention: float,
    discount_rate: float,
    periods: int | None = None,
    acquisition_cost: float = 0.0,
) -> float:
    """Customer lifetime value with constant margin and retention (客户终身价值).

    .. math::

        CLV = \\sum_{t=1}^{n} m \\frac{r^t}{(1+d)^t} - AC
            = m \\, q \\frac{1 - q^n}{1 - q} - AC, \\quad q = \\frac{r}{1+d}

    and for an unlimited horizon (``periods=None``) :math:`m \\, r/(1+d-r) - AC`
    (Gupta & Lehmann 2003). First margin at the end of period 1, as in
    :func:`margin_multiple`.

    Parameters
    ----------
    margin : float
        Margin per period from a retained customer (may be negative).
    retention : float
        Retention rate per period, in [0, 1).
    discount_rate : float
        Discount rate per period, greater than -1.
    periods : int, optional
        Number of periods counted; ``None`` (default) for no limit.
    acquisition_cost : float
        Cost of winning the customer, paid now (>= 0); subtracted.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If an argument is not a number, or ``periods`` is not a whole number.
    ValueError
        If ``retention`` is outside [0, 1), ``discount_rate`` <= -1,
        ``periods`` < 1, ``acquisition_cost`` < 0, or a value is NaN.

    Examples
    --------
    >>> round(clv(100, 0.8, 0.10), 2)
    266.67
    >>> round(clv(100, 0.8, 0.10, periods=1), 2)   # one period: 100 * 0.8 / 1.1
    72.73
    >>> round(clv(100, 0.8, 0.10, acquisition_cost=300), 2)   # not worth winning
    -33.33
    """
    m = check_number(margin, "margin")
    r = _check_retention(retention)
    d = _check_discount(discount_rate)
    ac = check_number(acquisition_cost, "acquisition_cost", low=0)
    q = r / (1 + d)
    if periods is None:
        return m * r / (1 + d - r) - ac
    n = check_positive_int(periods, "periods")
    if q == 1:
        return m * n - ac
    return m * q * (1 - q**n) / (1 - q) - ac


def margin_multiple_table(
    retentions: Sequence[float] = (0.6, 0.7, 0.8, 0.9),
    discount_rates: Sequence[float] = (0.10, 0.12, 0.14, 0.16),
) -> pd.DataFrame:
    """Margin multiples for a grid of retention and discount rates (利润乘数表).

    Each cell is :func:`margin_multiple` ``r / (1 + d - r)`` (Gupta & Lehmann
    2003's formula, first margin at the end of period 1); the default grid is
    retention 60-90% by discount rate 10-16%, the values computed from the
    formula (whether Gupta & Lehmann's own table uses exactly this grid is
    not confirmed).

    Parameters
    ----------
    retentions : sequence of float
        Retention rates (rows), each in [0, 1).
    discount_rates : sequence of float
        Discount rates (columns), each > -1.

    Returns
    -------
    DataFrame
        Index ``retention_rate``, columns ``discount_rate``.

    Raises
    ------
    ValueError
        If a rate is out of range or a sequence is empty.

    Examples
    --------
    >>> margin_multiple_table().round(2)
    discount_rate   0.10  0.12  0.14  0.16
    retention_rate
    0.6            1.20  1.15  1.11  1.07
    0.7            1.75  1.67  1.59  1.52
    0.8            2.67  2.50  2.35  2.22
    0.9            4.50  4.09  3.75  3.46
    """
    rs, ds = list(retentions), list(discount_rates)
    if not rs:
        raise ValueError("retentions is empty; give at least one retention rate")
    if not ds:
        raise ValueError("discount_rates is empty; give at least one discount rate")
    table = pd.DataFrame(
        [[margin_multiple(r, d) for d in ds] for r in rs],
        index=pd.Index([float(r) for r in rs], name="retention_rate"),
        columns=pd.Index([float(d) for d in ds], name="discount_rate"),
    )
    return table


def retention_sensitivity(
    margin: float,
    retention: float,
    discount_rate: float,
    points: float = 0.05,
    periods: int | None = None,
) -> pd.Series:
    """What a few more points of retention do to customer value (保持率敏感性).

    Compares :func:`clv` at ``retention`` and at ``retention + points``:
    ``clv_increase = CLV(r + points) / CLV(r) - 1``. Reichheld & Sasser
    (1990) report that cutting defections by 5 points raised *profits* by
    25% to 85% across the service industries they studied (examples in
    :data:`REICHHELD_SASSER_1990`; the range is the article's own, quoted
    again by Heskett et al. 1994, so the courseware's "25-85%" is faithful);
    their figures also count customers buying more, costing less to serve
    and referring others as they stay, which this constant-margin formula
    leaves out.

    Parameters
    ----------
    margin, retention, discount_rate, periods
        As for :func:`clv`.
    points : float
        Retention gain as a fraction (0.05 = 5 percentage points), > 0, and
        ``retention + points`` must stay below 1.

    Returns
    -------
    Series
        ``retention_rate``, ``improved_retention``, ``clv``, ``improved_clv``,
        ``clv_increase`` (a fraction).

    Raises
    ------
    ValueError
        If the rates are out of range, ``points`` <= 0, the improved
        retention reaches 1, or the base CLV is 0.

    References
    ----------
    .. [1] Reichheld, F. F., & Sasser, W. E. Jr. (1990). Zero defections: Quality comes
       to services. *Harvard Business Review* 68(5), 105-111.
    .. [2] Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E. Jr., & Schlesinger, L. A.
       (1994). Putting the service-profit chain to work. *Harvard Business Review* 72(2), 164-174.
    .. [3] Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
       Marketing* 17(1), 9-24.

    Examples
    --------
    >>> retention_sensitivity(100, 0.80, 0.10).round(3)
    retention_rate          0.800
    improved_retention      0.850
    clv                   266.667
    improved_clv          340.000
    clv_increase            0.275
    dtype: float64
    """
    r = _check_retention(retention)
    pts = check_number(points, "points")
    if pts <= 0:
        raise ValueError(f"points must be positive (a retention gain), got {points!r}")
    if r + pts >= 1:
        raise ValueError(f"retention + points must stay below 1, got {r:g} + {pts:g} = {r + pts:g}")
    base = clv(margin, r, discount_rate, periods)
    if base == 0:
        raise ValueError("the base CLV is 0 (margin 0 or retention 0): a relative increase is undefined")
    better = clv(margin, r + pts, discount_rate, periods)
    return pd.Series(
        {
            "retention_rate": r,
            "improved_retention": r + pts,
            "clv": base,
            "improved_clv": better,
            "clv_increase": better / base - 1,
        }
    )

"""Why key accounts matter beyond their size: customer share and customer assets (客户占有与客户资产).

The course materials give two reasons to manage key accounts on purpose besides "customers are not
equal" (第四章 大客户管理(一) 二): owning customers matters more than owning a market (占有客户比占有市场
更重要: market share is abstract and aggregate, *customer share* concrete, account by account), and
customers are the supplier's most important asset (客户是供应商最重要的资产: manage the *customer
assets*, all the value customers create, more than the brand). This module measures both:

- :func:`customer_share`: the share of a customer's purchases of the category that come to us
  (客户占有率, *share of wallet*);
- :func:`customer_equity`: the value of the customer base, the sum of the customers' lifetime values
  (客户资产, *customer equity*).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..clv.formula import margin_multiple
from ..validation import as_numeric_series

__all__ = ["customer_share", "customer_equity"]


def customer_share(revenue: Any, wallet: Any) -> pd.Series:
    """Customer share (客户占有率, share of wallet): what part of each customer's purchases comes to us.

    .. math:: s_i = R_i / W_i

    with :math:`R_i` our revenue from customer *i* in a period and :math:`W_i` everything the customer
    spends on the category in that period, with us and with competitors (its *wallet*). Market share
    adds everyone up; customer share says, account by account, how much of the business we hold and
    how much is left to win (course materials: 客户占有是市场占有的前提). Definition: Cooil, B.,
    Keiningham, T.L., Aksoy, L. & Hsu, M. (2007), "A longitudinal analysis of customer satisfaction and
    share of wallet", *Journal of Marketing* 71(1): 67-83. The wallet is rarely in the records: it is
    estimated (from the customer's size, or by asking the customer), so read the result as an estimate.

    Parameters
    ----------
    revenue : pandas.Series, list or dict
        Our revenue per customer (not negative).
    wallet : pandas.Series, list or dict
        The customer's purchases of the category over the same period (positive). If both are Series,
        ``wallet`` may hold more customers than ``revenue``; it must hold each of them.

    Returns
    -------
    pandas.Series
        Named ``customer_share``, on ``revenue``'s index. A value above 1 means the wallet was
        under-estimated (a customer cannot give us more than it buys).

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a revenue is negative, a wallet is not positive, a value is NaN, the lengths differ, or
        ``wallet`` lacks a customer of ``revenue``.

    Examples
    --------
    >>> revenue = pd.Series({"C1": 300_000.0, "C2": 300_000.0})
    >>> wallet = pd.Series({"C1": 400_000.0, "C2": 3_000_000.0, "C3": 1_000_000.0})
    >>> customer_share(revenue, wallet).tolist()
    [0.75, 0.1]
    >>> customer_share([10.0], [0.0])
    Traceback (most recent call last):
    ...
    ValueError: wallet must be positive, got 0.0 at 0
    """
    r = as_numeric_series(revenue, "revenue", allow_negative=False)
    w = as_numeric_series(wallet, "wallet")
    if (w <= 0).any():
        first = w.index[(w <= 0).to_numpy()][0]
        raise ValueError(f"wallet must be positive, got {float(w[first])!r} at {first!r}")
    if isinstance(revenue, pd.Series) and isinstance(wallet, pd.Series):
        missing = [k for k in r.index if k not in w.index]
        if missing:
            raise ValueError(f"wallet lacks customers of revenue: {', '.join(map(repr, missing[:5]))}")
        w = w.loc[r.index]
    elif len(r) != len(w):
        raise ValueError(f"revenue and wallet must have the same length, got {len(r)} and {len(w)}")
    else:
        w.index = r.index
    return (r / w).rename("customer_share")


def customer_equity(margins: Any, retention: float, discount_rate: float) -> float:
    """Customer equity (客户资产): the value of the customer base, the sum of its customers' lifetime values.

    .. math:: CE = \\sum_i m_i \\, \\frac{r}{1 + d - r}

    with :math:`m_i` the margin customer *i* brings per period (e.g. its net profit after cost to
    serve), :math:`r` the retention rate per period and :math:`d` the discount rate: each customer's
    lifetime value with constant margin and retention (:func:`kamcourse.clv.clv`, first margin at the
    end of the first period), summed over the current customers (Blattberg, R.C. & Deighton, J. (1996),
    "Manage marketing by the customer equity test", *Harvard Business Review* 74(4): 136-144; the
    margin multiple from Gupta, S., Lehmann, D.R. & Stuart, J.A. (2004), "Valuing customers", *Journal
    of Marketing Research* 41(1): 7-18). The course materials call it all the value customers create
    for the supplier (客户资产，即客户为供应商所创造的全部价值). Loss-making customers count with
    their negative margin.

    Parameters
    ----------
    margins : pandas.Series, list or dict
        Margin per period of each current customer (may be negative).
    retention : float
        Retention rate per period, in [0, 1).
    discount_rate : float
        Discount rate per period, greater than -1 (0.1 = 10 %).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If ``margins`` is empty or holds NaN, ``retention`` is outside [0, 1) or ``discount_rate`` <= -1.

    Examples
    --------
    >>> round(customer_equity([100.0, 300.0, -50.0], retention=0.8, discount_rate=0.1), 2)   # 350 * 0.8 / 0.3
    933.33
    >>> customer_equity([100.0], retention=1.0, discount_rate=0.1)
    Traceback (most recent call last):
    ...
    ValueError: retention must be in [0, 1), got 1.0
    """
    m = as_numeric_series(margins, "margins")
    return float(m.sum() * margin_multiple(retention, discount_rate))

"""Model-based CLV: BG/NBD purchases x Gamma-Gamma spend, discounted month by month."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_choice, check_number, check_positive_int, customer_history
from .bgnbd import BGNBD
from .gamma_gamma import GammaGamma

__all__ = ["TIME_UNITS_PER_MONTH", "predicted_clv"]

#: Time units in a month, as lifetimes counts them (``W``: 4.345 weeks, ``D``: 30 days).
TIME_UNITS_PER_MONTH: dict[str, float] = {"D": 30.0, "W": 4.345, "M": 1.0}


def predicted_clv(
    purchases: BGNBD,
    spend: GammaGamma | None,
    frequency: Any,
    recency: Any,
    T: Any,
    monetary_value: Any,
    *,
    months: int = 12,
    discount_rate: float = 0.01,
    time_unit: str = "D",
    margin: float = 1.0,
) -> pd.Series:
    """Each customer's predicted lifetime value over the coming months (基于模型的客户终身价值).

    .. math::

        CLV_i = margin \\sum_{k=1}^{months} \\frac{E[M_i]\\,
        \\big(E[Y_i(k u)] - E[Y_i((k-1) u)]\\big)}{(1 + d)^k}

    where E[Y_i(t)] is the BG/NBD conditional expected number of purchases
    in the next t time units, u the time units per month, E[M_i] the
    Gamma-Gamma expected spend per purchase and d the monthly discount rate.
    Same computation as lifetimes' ``GammaGammaFitter.customer_lifetime_value``
    (Fader, Hardie & Lee 2005b); ``margin`` turns spend into profit.

    Parameters
    ----------
    purchases : BGNBD
        Fitted purchase model (:func:`kamcourse.clv.fit_bgnbd`).
    spend : GammaGamma or None
        Fitted spend model (:func:`kamcourse.clv.fit_gamma_gamma`); ``None``
        takes each customer's own ``monetary_value`` as her future spend per
        purchase (use it when spend and frequency are correlated, which the
        Gamma-Gamma model rules out).
    frequency, recency, T, monetary_value : array-like
        Each customer's summary (:func:`kamcourse.clv.rfm_summary`), in the
        time unit the purchase model was fitted in.
    months : int
        Horizon in months (default 12).
    discount_rate : float
        Monthly discount rate, > -1 (default 0.01).
    time_unit : {"D", "W", "M"}
        The time unit of ``recency`` and ``T``.
    margin : float
        Share of spend that is profit, in (0, 1]; 1 gives revenue value.

    Returns
    -------
    Series
        Discounted value per customer on the input's index, named ``clv``.

    Raises
    ------
    TypeError
        If a model is not fitted by this package.
    ValueError
        If the summary is inconsistent (see :func:`kamcourse.clv.fit_bgnbd`),
        or ``months``, ``discount_rate``, ``time_unit`` or ``margin`` is out of range.

    Examples
    --------
    >>> from kamcourse.clv import BGNBD, GammaGamma
    >>> bg = BGNBD(0.243, 4.414, 0.793, 2.426, -9582.4, 2357, True, 0)
    >>> gg = GammaGamma(6.25, 3.74, 15.44, -4055.9, 946, True, 0)
    >>> value = predicted_clv(bg, gg, [2, 0], [30.43, 0.0], [38.86, 38.86], [22.35, 0.0],
    ...                       months=12, time_unit="W")
    >>> value.round(2).tolist()
    [36.29, 8.37]
    >>> predicted_clv(bg, None, [2], [30.43], [38.86], [22.35], time_unit="W").round(2).tolist()
    [32.88]
    """
    if not isinstance(purchases, BGNBD):
        raise TypeError(f"purchases must be a fitted BGNBD model (fit_bgnbd), got {type(purchases).__name__}")
    if spend is not None and not isinstance(spend, GammaGamma):
        raise TypeError(
            f"spend must be a fitted GammaGamma model (fit_gamma_gamma) or None, got {type(spend).__name__}"
        )
    months = check_positive_int(months, "months")
    d = check_number(discount_rate, "discount_rate", low=-1, low_open=True)
    check_choice(time_unit, "time_unit", TIME_UNITS_PER_MONTH)
    g = check_number(margin, "margin")
    if not 0 < g <= 1:
        raise ValueError(f"margin must be in (0, 1], got {margin!r}")
    f, rec, age = customer_history(frequency, recency, T)
    m = as_numeric_series(monetary_value, "monetary_value", allow_negative=False)
    if len(m) != len(f):
        raise ValueError(f"monetary_value has {len(m)} values but frequency has {len(f)}")
    if spend is None:
        m_spend = m.to_numpy()
    else:
        m_spend = spend.expected_spend(f, pd.Series(m.to_numpy(), index=f.index)).to_numpy()
    unit = TIME_UNITS_PER_MONTH[time_unit]
    total = np.zeros(len(f))
    previous = np.zeros(len(f))
    for k in range(1, months + 1):
        cumulative = purchases.conditional_expected_purchases(k * unit, f, rec, age).to_numpy()
        total += m_spend * (cumulative - previous) / (1 + d) ** k
        previous = cumulative
    return pd.Series(g * total, index=f.index, name="clv")

"""Whom to make a retention offer (挽留方案的决策阈值): the cost of the offer against the value at risk.

A churn score becomes a decision only with money attached. Contacting a customer costs ``c`` (a visit,
a discount, an engineer's day); if she would have left, the offer keeps her with probability ``s`` and
the firm keeps her value ``V`` (her customer lifetime value, lesson 06). With churn probability ``p``,
the offer pays on average ``p·s·V − c``, so it is worth making when

    p ≥ c / (s · V)        (the break-even churn probability)

(the expected-profit rule of retention targeting, e.g. Blattberg, Kim & Neslin 2008, *Database
Marketing*, Springer, ch. 24; Lemmens & Gupta 2020, "Managing churn to maximize profits", *Marketing
Science* 39(5)). Valuable customers earn an offer at a lower probability than small ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_fraction, check_number, scored_outcomes

__all__ = ["offer_threshold", "retention_campaign", "profit_curve"]


def _offer_terms(offer_cost: Any, success_rate: Any) -> tuple[float, float]:
    cost = check_number(offer_cost, "offer_cost", low=0)
    rate = check_fraction(success_rate, "success_rate")
    if rate == 0:
        raise ValueError("success_rate must be above 0: an offer that never keeps anyone is never worth making")
    return cost, rate


def offer_threshold(offer_cost: float, value_at_risk: Any, success_rate: float) -> Any:
    """The break-even churn probability c / (s·V): make the offer when the churn score is at least this (盈亏平衡阈值).

    Parameters
    ----------
    offer_cost : float
        Cost of one offer, c (yuan), paid for every customer contacted.
    value_at_risk : float or Series
        What a kept churner is worth, V (yuan): e.g. her CLV; one number or one per customer.
    success_rate : float
        Share of would-be churners the offer keeps, s, in (0, 1].

    Returns
    -------
    float or Series
        The threshold (one per customer for a Series); above 1 means "never worth it".

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If ``offer_cost`` is negative, ``success_rate`` is not in (0, 1], or a value at risk is not
        positive.

    References
    ----------
    .. [1] Blattberg, R. C., Kim, B.-D., & Neslin, S. A. (2008). *Database Marketing: Analyzing
       and Managing Customers*. Springer (churn management).
    .. [2] Lemmens, A., & Gupta, S. (2020). Managing churn to maximize profits. *Marketing
       Science* 39(5), 956-973.

    Examples
    --------
    >>> offer_threshold(offer_cost=3000, value_at_risk=50000, success_rate=0.3)
    0.2
    >>> offer_threshold(3000, pd.Series({"big": 200000.0, "small": 8000.0}), 0.3).round(3).to_dict()
    {'big': 0.05, 'small': 1.25}
    """
    cost, rate = _offer_terms(offer_cost, success_rate)
    if isinstance(value_at_risk, pd.Series) or not np.isscalar(value_at_risk):
        value = as_numeric_series(value_at_risk, "value_at_risk")
        if (value <= 0).any():
            raise ValueError(f"value_at_risk must be positive, got {float(value.min())}")
        return cost / (rate * value)
    value = check_number(value_at_risk, "value_at_risk")
    if value <= 0:
        raise ValueError(f"value_at_risk must be positive, got {value}")
    return cost / (rate * value)


def _values(value_at_risk: Any, n: int) -> np.ndarray:
    if np.isscalar(value_at_risk):
        v = check_number(value_at_risk, "value_at_risk")
        return np.full(n, v)
    v = as_numeric_series(value_at_risk, "value_at_risk", allow_negative=False).to_numpy()
    if len(v) != n:
        raise ValueError(f"value_at_risk must have one value per customer ({n}), got {len(v)}")
    return v


def retention_campaign(
    y_true: Any, score: Any, value_at_risk: Any, offer_cost: float, success_rate: float, threshold: Any = None,
) -> pd.Series:
    """What a retention campaign would have earned on customers whose outcome is now known (挽留活动的收益).

    The customers with ``score >= threshold`` get the offer (default: each customer's own break-even
    probability, :func:`offer_threshold`, so a customer is contacted when ``score·s·V ≥ c``). On
    held-out data the outcome is known, so the campaign is scored as it would have turned out:

    - ``contacted``: offers made; ``churners_reached``: contacted customers who did churn;
    - ``value_kept`` = s × the value at risk of the churners reached (on average);
    - ``cost`` = c × contacted; ``profit`` = value_kept − cost.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a customer who churned, 0 otherwise.
    score : Series, list or array
        Churn probabilities (or scores on the same scale as ``threshold``).
    value_at_risk : float or Series, list, array
        V per customer (or one number for all), in the order of ``y_true``.
    offer_cost : float
        c, the cost of one offer.
    success_rate : float
        s, the share of contacted churners the offer keeps.
    threshold : float, optional
        One threshold for everybody; default the break-even probability of each customer.

    Returns
    -------
    Series
        ``contacted``, ``churners_reached``, ``value_kept``, ``cost``, ``profit``.

    Raises
    ------
    ValueError
        If the inputs fail :func:`kamcourse.validation.scored_outcomes` or the offer terms are invalid.

    Examples
    --------
    >>> retention_campaign([1, 0, 1, 0], [0.8, 0.6, 0.3, 0.1], value_at_risk=10000, offer_cost=1000,
    ...                    success_rate=0.5, threshold=0.5)
    contacted              2.0
    churners_reached       1.0
    value_kept          5000.0
    cost                2000.0
    profit              3000.0
    dtype: float64
    """
    y, s = scored_outcomes(y_true, score)
    cost, rate = _offer_terms(offer_cost, success_rate)
    v = _values(value_at_risk, len(y))
    if threshold is None:
        contact = s * rate * v >= cost
    else:
        contact = s >= check_number(threshold, "threshold")
    kept = float(rate * np.sum(v[contact] * y[contact]))
    spent = cost * float(contact.sum())
    return pd.Series({"contacted": float(contact.sum()), "churners_reached": float(y[contact].sum()),
                      "value_kept": kept, "cost": spent, "profit": kept - spent})


def profit_curve(
    y_true: Any, score: Any, value_at_risk: Any, offer_cost: float, success_rate: float, thresholds: Any = None,
) -> pd.DataFrame:
    """The campaign's result for each threshold: where profit peaks, against offering to all or to none (利润曲线).

    Parameters
    ----------
    y_true, score, value_at_risk, offer_cost, success_rate
        As in :func:`retention_campaign`.
    thresholds : list or array, optional
        The thresholds to try (default 0, 0.01, ..., 1). Threshold 0 offers to everybody; above the
        highest score, to nobody (profit 0).

    Returns
    -------
    DataFrame
        Index ``threshold``; the columns of :func:`retention_campaign`.

    Raises
    ------
    ValueError
        As :func:`retention_campaign`.

    Examples
    --------
    >>> curve = profit_curve([1, 0, 1, 0], [0.8, 0.6, 0.3, 0.1], 10000, 1000, 0.5, thresholds=[0, 0.5, 0.9])
    >>> curve["profit"].tolist()
    [6000.0, 3000.0, 0.0]
    """
    y, s = scored_outcomes(y_true, score)
    grid = np.round(np.linspace(0.0, 1.0, 101), 2) if thresholds is None else np.asarray(thresholds, dtype=float)
    rows = {float(t): retention_campaign(y, s, value_at_risk, offer_cost, success_rate, threshold=float(t))
            for t in grid}
    out = pd.DataFrame(rows).T
    out.index.name = "threshold"
    return out

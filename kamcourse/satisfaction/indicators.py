"""The course materials' seven satisfaction indicators (客户满意的衡量指标), measured in the company data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_dates, as_numeric_series, check_no_nan, check_not_empty, check_weights, require_columns

__all__ = ["INDICATORS", "INDICATOR_WEIGHTS", "satisfaction_indicators", "indicator_index"]

#: The course materials' seven satisfaction indicators (客户满意的衡量指标).
INDICATORS: tuple[str, ...] = (
    "reputation",
    "brand_insistence",
    "repurchase_rate",
    "complaint_rate",
    "amount_per_purchase",
    "discount_granted",
    "referral_rate",
)

#: Weights of the indicator index: this kit's convention (the course materials
#: list the indicators but give no weights). Repurchase, complaints and
#: referrals are behaviour, so they weigh more than stated opinion.
INDICATOR_WEIGHTS: dict[str, float] = {
    "reputation": 0.15,
    "brand_insistence": 0.10,
    "repurchase_rate": 0.20,
    "complaint_rate": 0.15,
    "amount_per_purchase": 0.10,
    "discount_granted": 0.10,
    "referral_rate": 0.20,
}

# Indicators where a higher raw value means LESS satisfied customers.
_LOWER_IS_BETTER = ("complaint_rate", "discount_granted")


_SCORE_COLUMNS = ("overall_satisfaction", "repurchase_intention", "likelihood_to_recommend")


def _year_of(frame: pd.DataFrame, col: str, name: str) -> pd.Series:
    return as_dates(frame[col], f"{name}[{col!r}]").dt.year


def _indicator_years(years: Any, survey_years: pd.Series, buyers: pd.Series) -> list[int]:
    """The years to measure: those given, or every survey year with orders in it and the year before."""
    if years is None:
        years = sorted(y for y in survey_years.unique() if y - 1 in buyers.index and y in buyers.index)
        if not years:
            raise ValueError("no survey year has orders in it and in the year before")
        return years
    years = [int(y) for y in ([years] if np.isscalar(years) else years)]
    for y in years:
        if y not in buyers.index or y - 1 not in buyers.index:
            raise ValueError(f"years: {y} needs orders in {y - 1} and {y}")
        if not (survey_years == y).any():
            raise ValueError(f"years: no surveys in {y}")
    return years


def satisfaction_indicators(
    orders: pd.DataFrame,
    service_requests: pd.DataFrame,
    surveys: pd.DataFrame,
    years: Any = None,
) -> pd.DataFrame:
    """The course materials' seven satisfaction indicators, measured per year (客户满意的衡量指标).

    The course materials list seven ways to see whether customers are
    satisfied: 美誉度, 指名度, 回头率, 投诉率, 单交易购买额, 价格变化的敏感度 and
    向其他人员的推荐率. They name the indicators but not how to compute them;
    this kit measures each from the company's tables, with a proxy where the
    tables cannot measure the indicator itself (this kit's choice; read the
    note on each proxy before reading its number):

    ====================  ===================================================
    reputation (美誉度)    share of surveyed customers with overall
                          satisfaction >= 4 of 5. A circular proxy: it
                          measures satisfaction, not what the market says
                          about the firm (that needs non-customers: market
                          surveys, reviews)
    brand_insistence      share of surveyed customers with repurchase
    (指名度)               intention 5 of 5. 指名度 is brand insistence
                          (customers ask for the brand by name); a stated
                          intention stands in for it
    repurchase_rate       share of last year's buying customers who bought
    (回头率)               again this year (orders)
    complaint_rate        share of this year's buying customers who opened at
    (投诉率)               least one complaint (service_requests, type
                          ``"complaint"``); lower is better
    amount_per_purchase   mean net revenue per order (sum of its lines)
    (单交易购买额)
    discount_granted      revenue-weighted mean discount. It measures the
    (价格变化的敏感度:     seller's concessions, not how customers react to
    proxy)                a price change (the materials' 价格变化的敏感度, which
                          needs purchases before and after a price change);
                          lower is better
    referral_rate         share of surveyed customers who are promoters
    (推荐率)               (likelihood to recommend 9-10, Reichheld 2003)
    ====================  ===================================================

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``order_id``, ``customer_id``, ``order_date``, ``net_revenue``,
        ``discount`` (one row per order line).
    service_requests : pandas.DataFrame
        Columns ``customer_id``, ``type``, ``opened_date``.
    surveys : pandas.DataFrame
        Columns ``customer_id``, ``year``, ``overall_satisfaction``,
        ``repurchase_intention``, ``likelihood_to_recommend``.
    years : list of int, optional
        Years to measure; default every survey year whose previous year has
        orders (the repurchase rate needs it).

    Returns
    -------
    pandas.DataFrame
        Index ``year``; one column per key of :data:`INDICATORS` (raw values:
        shares in [0, 1], amount in money, discount as a fraction).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, a year has no surveys or no
        orders, or no year can be measured.

    References
    ----------
    .. [1] Course materials, 客户关系管理 chapter 4: 客户满意的衡量指标 (the seven indicators).
    .. [2] Reichheld, F. F. (2003). The one number you need to grow. *Harvard
       Business Review* 81(12) (promoters: 9-10).

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "order_id": ["o1", "o2", "o3", "o3"], "customer_id": ["c1", "c2", "c1", "c1"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-02-01", "2025-02-01"]),
    ...     "net_revenue": [1000.0, 500.0, 600.0, 400.0], "discount": [0.1, 0.0, 0.05, 0.05]})
    >>> requests = pd.DataFrame({"customer_id": ["c1"], "type": ["complaint"],
    ...                          "opened_date": pd.to_datetime(["2025-06-01"])})
    >>> surveys = pd.DataFrame({"customer_id": ["c1", "c2"], "year": [2025, 2025],
    ...     "overall_satisfaction": [5, 3], "repurchase_intention": [5, 3], "likelihood_to_recommend": [9, 6]})
    >>> satisfaction_indicators(orders, requests, surveys).T
    year                    2025
    reputation              0.50
    brand_insistence             0.50
    repurchase_rate         0.50
    complaint_rate          1.00
    amount_per_purchase  1000.00
    discount_granted       0.05
    referral_rate           0.50
    """
    require_columns(orders, ["order_id", "customer_id", "order_date", "net_revenue", "discount"], "orders")
    require_columns(service_requests, ["customer_id", "type", "opened_date"], "service_requests")
    require_columns(surveys, ["customer_id", "year", *_SCORE_COLUMNS], "surveys")
    check_not_empty(orders, "orders", "order line")
    check_not_empty(surveys, "surveys", "answered survey")
    o_year = _year_of(orders, "order_date", "orders")
    revenue = as_numeric_series(orders["net_revenue"], "orders['net_revenue']")
    discount = as_numeric_series(orders["discount"], "orders['discount']")
    check_no_nan(orders["customer_id"], "orders['customer_id']")
    buyers = orders.groupby(o_year)["customer_id"].agg(set)
    s_year = as_numeric_series(surveys["year"], "surveys['year']").astype(int)
    years = _indicator_years(years, s_year, buyers)
    complaints = service_requests[service_requests["type"] == "complaint"]
    c_year = _year_of(complaints, "opened_date", "service_requests")
    scores = {col: as_numeric_series(surveys[col], f"surveys[{col!r}]") for col in _SCORE_COLUMNS}
    rows = {}
    for y in years:
        in_year, this = s_year == y, o_year == y
        now, before = buyers[y], buyers[y - 1]
        per_order = revenue[this].groupby(orders.loc[this, "order_id"]).sum()
        complained = set(complaints.loc[c_year == y, "customer_id"])
        rows[y] = {
            "reputation": float((scores["overall_satisfaction"][in_year] >= 4).mean()),
            "brand_insistence": float((scores["repurchase_intention"][in_year] >= 5).mean()),
            "repurchase_rate": len(before & now) / len(before),
            "complaint_rate": len(complained & now) / len(now),
            "amount_per_purchase": float(per_order.mean()),
            "discount_granted": float((discount[this] * revenue[this]).sum() / revenue[this].sum()),
            "referral_rate": float((scores["likelihood_to_recommend"][in_year] >= 9).mean()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")[list(INDICATORS)]
    out.index.name = "year"
    return out


def indicator_index(indicators: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Score the seven indicators 0-100 and combine them into one index (满意度综合指数).

    Each indicator becomes a score where 100 is best (this kit's convention):
    shares x 100; complaint rate and discount granted (mean discount) as
    (1 - value) x 100, since lower is better; amount per purchase as a
    percentage of the best year in the table. The index is the weighted mean
    of the scores with :data:`INDICATOR_WEIGHTS` (this kit's weights: the
    course materials give none) or the ``weights`` given.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Output of :func:`satisfaction_indicators` (columns :data:`INDICATORS`).
    weights : mapping, optional
        Weight per indicator (>= 0, not all 0); normalised to sum to 1.

    Returns
    -------
    pandas.DataFrame
        The seven scores (0-100) and an ``indicator_index`` column, per row of
        ``indicators``.

    Raises
    ------
    ValueError
        If a column or weight is missing, a value is NaN, or a weight is negative.

    Examples
    --------
    >>> ind = pd.DataFrame({"reputation": [0.8], "brand_insistence": [0.3], "repurchase_rate": [0.9],
    ...     "complaint_rate": [0.1], "amount_per_purchase": [5000.0], "discount_granted": [0.08],
    ...     "referral_rate": [0.4]}, index=pd.Index([2025], name="year"))
    >>> indicator_index(ind).round(1).T
    year                  2025
    reputation              80.0
    brand_insistence             30.0
    repurchase_rate         90.0
    complaint_rate          90.0
    amount_per_purchase    100.0
    discount_granted       92.0
    referral_rate           40.0
    indicator_index         73.7
    """
    require_columns(indicators, list(INDICATORS), "indicators")
    check_not_empty(indicators, "indicators", "year")
    w = check_weights(INDICATOR_WEIGHTS if weights is None else weights, valid=INDICATORS, required=INDICATORS)
    total = sum(w.values())
    cols = {k: as_numeric_series(indicators[k], f"indicators[{k!r}]") for k in INDICATORS}
    scores = pd.DataFrame(index=indicators.index)
    for k, v in cols.items():
        if k == "amount_per_purchase":
            scores[k] = 100 * v / v.max() if v.max() > 0 else 0.0
        elif k in _LOWER_IS_BETTER:
            scores[k] = 100 * (1 - v)
        else:
            scores[k] = 100 * v
    scores["indicator_index"] = sum(scores[k] * w[k] for k in INDICATORS) / total
    return scores

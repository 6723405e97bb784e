"""Customer classification and A/B/C grading as the company rules do it (客户分类与分级).

The company rules (公司客户关系管理制度, 第四条、第五条; course materials) classify customers by industry,
size and years of cooperation, and grade them by two things together: an A customer makes a major
contribution *and* has long-term cooperation potential, a B customer some contribution and potential,
a C customer a small contribution and ordinary potential. Revenue alone (lesson 01's ABC classes,
:func:`kamcourse.accounts.abc_classes`) is only half of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ..accounts import score_accounts
from ..validation import as_date, as_numeric_series, check_fraction, check_positive_int, paired_series, require_columns
from ..vocabulary import SIZE_BANDS

__all__ = [
    "TENURE_BANDS", "LEVELS", "GRADES", "GRADE_MATRIX", "POTENTIAL_WEIGHTS",
    "tenure_band", "classify_customers", "rank_level", "customer_grades",
    "customer_contribution", "potential_features", "cooperation_potential",
]

#: Years of cooperation (合作年限), this kit's bands.
TENURE_BANDS: tuple[str, ...] = ("under_1y", "1_3y", "3_5y", "over_5y")
#: Levels of contribution and of potential.
LEVELS: tuple[str, ...] = ("low", "medium", "high")
#: The grades of the company rules (A/B/C级客户); shown with ``i18n.label("grade_" + g)``.
GRADES: tuple[str, ...] = ("A", "B", "C")

#: Grade of each (contribution level, potential level): the rules' A (major contribution and long-term
#: potential), B, C, completed by this kit for the mixed cases (points: low 0, medium 1, high 2;
#: 3-4 points A, 2 points B, 0-1 point C).
GRADE_MATRIX: Mapping[tuple[str, str], str] = MappingProxyType(
    {(c, p): ("C", "C", "B", "A", "A")[LEVELS.index(c) + LEVELS.index(p)] for c in LEVELS for p in LEVELS}
)

#: Weights of the cooperation-potential score (this kit's choice; the rules give none).
POTENTIAL_WEIGHTS: Mapping[str, float] = MappingProxyType({"growth": 0.4, "repurchase_intention": 0.3, "size": 0.3})


def tenure_band(first_order_date: Any, as_of: Any) -> pd.Series:
    """Years of cooperation in bands: under 1, 1-3, 3-5, over 5 years (按合作年限分类).

    Parameters
    ----------
    first_order_date : Series of dates
        Each customer's first order.
    as_of : date

    Returns
    -------
    pandas.Series
        Keys of :data:`TENURE_BANDS` (a band includes its lower bound: exactly 3 years is ``3_5y``).

    Raises
    ------
    ValueError
        If ``as_of`` is not a date or a first order lies after it.

    Examples
    --------
    >>> tenure_band(pd.Series(pd.to_datetime(["2025-06-01", "2022-12-31", "2015-01-01"])), "2025-12-31").tolist()
    ['under_1y', '3_5y', 'over_5y']
    """
    as_of = as_date(as_of, "as_of")
    d = pd.to_datetime(pd.Series(first_order_date))
    years = (as_of - d).dt.days / 365.25
    if (years < 0).any():
        raise ValueError(f"first_order_date must not lie after as_of ({as_of.date()}), got {d[years < 0].iloc[0].date()}")
    bands = np.select([years < 1, years < 3, years < 5], TENURE_BANDS[:3], TENURE_BANDS[3])
    return pd.Series(bands, index=d.index, name="tenure_band")


def classify_customers(customers: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Classify customers by industry, size and years of cooperation, as the company rules do (客户分类).

    Parameters
    ----------
    customers : pandas.DataFrame
        Columns ``customer_id``, ``industry``, ``size_band``, ``first_order_date``.
    as_of : date

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id``: ``industry``, ``size_band``, ``tenure_band``.

    Raises
    ------
    ValueError
        If a column is missing.

    References
    ----------
    .. [1] Course materials: 公司客户关系管理制度, 第四条 (by industry, by size, by years of cooperation).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": ["C1"], "industry": ["metallurgy"], "size_band": ["large_enterprise"],
    ...                   "first_order_date": pd.to_datetime(["2019-04-01"])})
    >>> classify_customers(c, "2025-12-31").loc["C1"].tolist()
    ['metallurgy', 'large_enterprise', 'over_5y']
    """
    require_columns(customers, ["customer_id", "industry", "size_band", "first_order_date"], "customers")
    out = customers.set_index("customer_id")[["industry", "size_band"]].copy()
    out["tenure_band"] = tenure_band(customers["first_order_date"], as_of).to_numpy()
    return out


def rank_level(values: Any, cutoffs: tuple[float, float] = (0.5, 0.8)) -> pd.Series:
    """Low, medium or high by percentile rank (贡献与潜力的高低): top 20 % high, next 30 % medium by default.

    Parameters
    ----------
    values : Series of numbers
        One value per customer.
    cutoffs : (float, float), default (0.5, 0.8)
        Percentile ranks where medium and high begin (this kit's choice).

    Returns
    -------
    pandas.Series
        ``"low"``, ``"medium"`` or ``"high"`` per customer: a percentile rank ``pct = rank / n``
        (ties share the highest rank) above a cutoff reaches its level.

    Raises
    ------
    ValueError
        If a value is NaN or the cutoffs are not 0 <= medium < high <= 1.

    Examples
    --------
    >>> rank_level(pd.Series([5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).tolist()
    ['low', 'low', 'high', 'low', 'medium', 'low', 'medium', 'low', 'medium', 'high']
    """
    s = as_numeric_series(values, "values")
    lo, hi = (check_fraction(c, "cutoffs", low_open=False) for c in cutoffs)
    if not lo < hi:
        raise ValueError(f"cutoffs must be (medium, high) with medium < high, got {tuple(cutoffs)}")
    pct = s.rank(method="max", pct=True).to_numpy()
    return pd.Series(np.select([pct > hi, pct > lo], ["high", "medium"], "low"), index=s.index)


def customer_grades(contribution: Any, potential: Any, cutoffs: tuple[float, float] = (0.5, 0.8)) -> pd.DataFrame:
    """A/B/C grade of each customer from contribution *and* cooperation potential (客户分级).

    Both are put in levels with :func:`rank_level` and the grade read from :data:`GRADE_MATRIX`:
    A = at least one level high and the other at least medium; B = medium and medium, or one high and
    one low; C = the rest. So a large customer whose business is shrinking can be B, and a small one
    growing fast can be B too: the grade looks forward as well as back.

    Parameters
    ----------
    contribution, potential : Series of numbers
        Per customer (same index), e.g. :func:`customer_contribution` and :func:`cooperation_potential`.
    cutoffs : (float, float), default (0.5, 0.8)
        As :func:`rank_level`, for both.

    Returns
    -------
    pandas.DataFrame
        ``contribution``, ``potential``, ``contribution_level``, ``potential_level``, ``grade``.

    Raises
    ------
    ValueError
        If the two Series are not about the same customers, or hold NaN.

    References
    ----------
    .. [1] Course materials: 公司客户关系管理制度, 第五条 (A/B/C级客户). The levels and the matrix for the
       mixed cases: this kit's convention.

    Examples
    --------
    >>> g = customer_grades(pd.Series([9, 8, 1, 2, 5], index=list("vwxyz")), pd.Series([1, 9, 8, 2, 5], index=list("vwxyz")))
    >>> g[["contribution_level", "potential_level", "grade"]]
      contribution_level potential_level grade
    v               high             low     B
    w             medium            high     A
    x                low          medium     C
    y                low             low     C
    z             medium          medium     B
    """
    c, p = paired_series(contribution, potential, "contribution", "potential")
    out = pd.DataFrame({"contribution": c, "potential": p})
    out["contribution_level"] = rank_level(c, cutoffs)
    out["potential_level"] = rank_level(p, cutoffs)
    out["grade"] = [GRADE_MATRIX[(a, b)] for a, b in zip(out["contribution_level"], out["potential_level"])]
    return out


def _revenue(orders: pd.DataFrame, year: int) -> pd.Series:
    o = orders[orders["order_date"].dt.year == year]
    return o.groupby("customer_id")["net_revenue"].sum()


def customer_contribution(orders: pd.DataFrame, cost_to_serve: pd.DataFrame, year: int) -> pd.Series:
    """Each customer's contribution in one year: revenue − cost of goods − cost to serve (客户贡献).

    Parameters
    ----------
    orders : pandas.DataFrame
        ``customer_id``, ``order_date``, ``net_revenue``, ``cost_of_goods``.
    cost_to_serve : pandas.DataFrame
        ``customer_id``, ``year``, ``total_cost``.
    year : int

    Returns
    -------
    pandas.Series
        Yuan per customer who ordered or was served that year (may be negative), named ``contribution``.

    Raises
    ------
    ValueError
        If a column is missing or ``year`` is not a positive whole number.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["C1", "C1", "C2"], "order_date": pd.to_datetime(["2025-02-01"] * 3),
    ...                   "net_revenue": [100.0, 50.0, 80.0], "cost_of_goods": [60.0, 30.0, 50.0]})
    >>> cts = pd.DataFrame({"customer_id": ["C1", "C2"], "year": [2025, 2025], "total_cost": [20.0, 40.0]})
    >>> customer_contribution(o, cts, 2025).tolist()
    [40.0, -10.0]
    """
    require_columns(orders, ["customer_id", "order_date", "net_revenue", "cost_of_goods"], "orders")
    require_columns(cost_to_serve, ["customer_id", "year", "total_cost"], "cost_to_serve")
    year = check_positive_int(year, "year")
    o = orders[orders["order_date"].dt.year == year]
    gross = (o["net_revenue"] - o["cost_of_goods"]).groupby(o["customer_id"]).sum()
    serve = cost_to_serve[cost_to_serve["year"] == year].groupby("customer_id")["total_cost"].sum()
    return gross.add(-serve, fill_value=0.0).rename("contribution")


def potential_features(customers: pd.DataFrame, orders: pd.DataFrame, surveys: pd.DataFrame, year: int) -> pd.DataFrame:
    """What the records say about a customer's cooperation potential (合作潜力的依据).

    - ``growth``: revenue change from the year before, ``(r_year − r_prev) / max(r_year, r_prev)``, in
      [−1, 1] (0 for a customer without revenue in both years; this kit's bounded growth rate);
    - ``repurchase_intention``: the customer's answer (1-5) in that year's survey, the median of the
      others when it did not answer;
    - ``size``: the size band as 1 (small), 2 (medium), 3 (large).

    Parameters
    ----------
    customers, orders, surveys : pandas.DataFrame
        The company's tables (``customer_id``, ``size_band``; ``order_date``, ``net_revenue``;
        ``year``, ``repurchase_intention``).
    year : int

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (every customer): ``growth``, ``repurchase_intention``, ``size``.

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> cu = pd.DataFrame({"customer_id": ["C1", "C2"], "size_band": ["large_enterprise", "small_enterprise"]})
    >>> o = pd.DataFrame({"customer_id": ["C1", "C1", "C2"], "order_date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-05-01"]),
    ...                   "net_revenue": [100.0, 50.0, 80.0]})
    >>> s = pd.DataFrame({"customer_id": ["C1"], "year": [2025], "repurchase_intention": [6]})
    >>> potential_features(cu, o, s, 2025).values.tolist()
    [[-0.5, 6.0, 3.0], [1.0, 6.0, 1.0]]
    """
    require_columns(customers, ["customer_id", "size_band"], "customers")
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    require_columns(surveys, ["customer_id", "year", "repurchase_intention"], "surveys")
    year = check_positive_int(year, "year")
    ids = pd.Index(customers["customer_id"], name="customer_id")
    now, before = _revenue(orders, year).reindex(ids, fill_value=0.0), _revenue(orders, year - 1).reindex(ids, fill_value=0.0)
    top = np.maximum(now, before)
    growth = ((now - before) / top.where(top > 0)).fillna(0.0)
    intent = surveys[surveys["year"] == year].groupby("customer_id")["repurchase_intention"].mean().reindex(ids)
    size = customers.set_index("customer_id")["size_band"].map({b: i + 1 for i, b in enumerate(SIZE_BANDS)})
    return pd.DataFrame({"growth": growth, "repurchase_intention": intent.fillna(intent.median()),
                         "size": size.reindex(ids).astype(float)})


def cooperation_potential(features: pd.DataFrame, weights: Mapping[str, float] = POTENTIAL_WEIGHTS) -> pd.Series:
    """One cooperation-potential score in [0, 1] per customer (合作潜力评分).

    The weighted min-max score of :func:`kamcourse.accounts.score_accounts` over the columns of
    :func:`potential_features` (lesson 01's account scoring, applied to potential).

    Parameters
    ----------
    features : pandas.DataFrame
        From :func:`potential_features`.
    weights : mapping, default :data:`POTENTIAL_WEIGHTS`

    Returns
    -------
    pandas.Series
        Named ``potential``.

    Raises
    ------
    ValueError
        As :func:`kamcourse.accounts.score_accounts`.

    Examples
    --------
    >>> f = pd.DataFrame({"growth": [-0.5, 1.0], "repurchase_intention": [6.0, 6.0], "size": [3.0, 1.0]}, index=["C1", "C2"])
    >>> cooperation_potential(f).round(2).tolist()
    [0.3, 0.4]
    """
    return score_accounts(features, dict(weights)).rename("potential")

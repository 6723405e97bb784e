"""Customer loyalty (客户忠诚): satisfaction zones, customer and loyalty types, the satisfaction trap.

- :func:`satisfaction_zone`: zones of defection, indifference and affection
  along the satisfaction-loyalty curve (Jones & Sasser 1995);
- :func:`customer_type`: apostles, mercenaries, hostages and defectors on the
  satisfaction x loyalty grid (Jones & Sasser 1995);
- :func:`loyalty_type`: true, latent, spurious and no loyalty from relative
  attitude x repeat patronage (Dick & Basu 1994);
- :func:`relative_patronage`: repeat patronage relative to the customer's own
  past, a loyalty behaviour that does not simply track the customer's size;
- :func:`repurchase_by_satisfaction`: the satisfaction trap (满意陷阱) measured in
  the company's data: next-year repurchase by satisfaction score.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .quadrants import two_by_two
from .validation import (
    as_date,
    as_dates,
    as_numeric_series,
    check_choice,
    check_not_empty,
    check_positive_int,
    is_scalar,
    paired_series,
    require_columns,
    threshold_value,
)

__all__ = [
    "ZONES",
    "CUSTOMER_TYPES",
    "LOYALTY_TYPES",
    "satisfaction_zone",
    "customer_type",
    "loyalty_type",
    "relative_patronage",
    "repurchase_by_satisfaction",
]

#: Zones of the satisfaction-loyalty curve, from low to high satisfaction.
ZONES: tuple[str, ...] = ("defection", "indifference", "affection")

#: Jones & Sasser's four customer types.
CUSTOMER_TYPES: tuple[str, ...] = ("apostle", "mercenary", "hostage", "defector")

#: Dick & Basu's four loyalty types.
LOYALTY_TYPES: tuple[str, ...] = ("loyalty", "latent", "spurious", "none")

_SCALES = (5, 7, 10)


def satisfaction_zone(score: Any, scale: int = 5) -> Any:
    """Zone of the satisfaction-loyalty curve for each satisfaction score (满意度区域).

    Jones & Sasser (1995, "Why satisfied customers defect", *Harvard Business
    Review*, Nov-Dec) describe three zones: **defection** (低满意, customers
    leave unless switching is costly), **indifference** (中间, they switch when
    something better comes along) and **affection** (very high satisfaction:
    loyal apostles). At Xerox, totally satisfied customers (5 of 5) were six
    times more likely to buy again than merely satisfied ones (4 of 5).

    The boundaries are this kit's convention. On a 1-5 scale: 1-2 defection,
    3-4 indifference, 5 (the top box) affection. Other scales are mapped
    proportionally onto 1-5, x5 = 1 + 4 (x - 1) / (scale - 1), and cut halfway
    between the 5-point scores: defection below 2.5, affection above 4.5.
    That gives 1-3 / 4-6 / 7 on a 1-7 scale and 1-4 / 5-8 / 9-10 on a 1-10 scale.

    Parameters
    ----------
    score : number or list/array/Series of numbers
        Satisfaction scores from 1 to ``scale`` (means between them are fine).
    scale : {5, 7, 10}
        The top of the rating scale (the bottom is 1).

    Returns
    -------
    str or pandas.Series
        ``"defection"``, ``"indifference"`` or ``"affection"``; a Series for
        sequence input.

    Raises
    ------
    ValueError
        If ``scale`` is not 5, 7 or 10, or a score is NaN or outside 1-scale.

    Examples
    --------
    >>> satisfaction_zone([1, 2, 3, 4, 5]).tolist()
    ['defection', 'defection', 'indifference', 'indifference', 'affection']
    >>> satisfaction_zone(6, scale=7)
    'indifference'
    >>> satisfaction_zone(9, scale=10)
    'affection'
    >>> satisfaction_zone(6)
    Traceback (most recent call last):
    ...
    ValueError: score must be between 1 and 5, got 6
    """
    check_choice(scale, "scale", _SCALES)
    scalar = is_scalar(score)
    s = as_numeric_series([score] if scalar else score, "score")
    bad = (s < 1) | (s > scale)
    if bad.any():
        first = s.index[bad.to_numpy()][0]
        where = "" if scalar else f" at {first!r}"
        raise ValueError(f"score must be between 1 and {scale}, got {s[first]:g}{where}")
    five = 1 + 4 * (s - 1) / (scale - 1)
    out = pd.Series(
        np.select([five < 2.5, five > 4.5], ["defection", "affection"], default="indifference"),
        index=s.index,
        dtype=object,
        name="zone",
    )
    return out.iloc[0] if scalar else out


def customer_type(
    satisfaction: Any,
    loyalty: Any,
    satisfaction_threshold: Any = None,
    loyalty_threshold: Any = None,
) -> pd.Series:
    """Apostle, mercenary, hostage or defector (Jones & Sasser 1995 customer types).

    The satisfaction x loyalty grid of Jones & Sasser (1995):

    - ``"apostle"`` (忠诚者/传道者): high satisfaction, high loyalty;
    - ``"mercenary"`` (唯利是图者): high satisfaction, low loyalty: they come and go;
    - ``"hostage"`` (人质): low satisfaction, high loyalty: trapped by
      switching costs or a monopoly, they leave when they can;
    - ``"defector"`` (背叛者): low, low; the extreme form is the *terrorist*
      who spreads bad word of mouth.

    A value **at or above** its threshold counts as high (this kit's convention).

    Parameters
    ----------
    satisfaction, loyalty : list, array, dict or Series of numbers
        One value per customer, same length (and index, if both Series), e.g.
        overall satisfaction 1-5 and the share of years the customer bought.
    satisfaction_threshold, loyalty_threshold : float or {"mean", "median"}, optional
        Where high begins; default the median.

    Returns
    -------
    pandas.Series
        Type keys, indexed like the input.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the lengths differ or the inputs are empty.

    Examples
    --------
    >>> customer_type([5, 5, 2, 2], [0.9, 0.2, 0.9, 0.2], 4, 0.5).tolist()
    ['apostle', 'mercenary', 'hostage', 'defector']
    """
    sat, loy = paired_series(satisfaction, loyalty, "satisfaction", "loyalty")
    ts = threshold_value(sat, satisfaction_threshold, "satisfaction_threshold")
    tl = threshold_value(loy, loyalty_threshold, "loyalty_threshold")
    return two_by_two(sat, loy, ts, tl, ("apostle", "mercenary", "hostage", "defector")).rename("customer_type")


def loyalty_type(
    attitude: Any,
    repeat: Any,
    attitude_threshold: Any = None,
    repeat_threshold: Any = None,
) -> pd.Series:
    """Loyalty type from relative attitude x repeat patronage (Dick & Basu 1994).

    Dick & Basu (1994, *Journal of the Academy of Marketing Science* 22(2))
    define loyalty as the link between relative attitude and repeat
    patronage. The 2 x 2 reading of their framework (quadrant names in the
    standard textbook reading):

    - ``"loyalty"`` (真忠诚): high attitude, high repeat;
    - ``"latent"`` (潜在忠诚): high attitude, low repeat: likes us but buys
      little (situation, price, access);
    - ``"spurious"`` (虚假/惰性忠诚): low attitude, high repeat: buys from habit
      or lack of choice, leaves when a rival appears;
    - ``"none"`` (不忠诚): low, low.

    A value **at or above** its threshold counts as high; thresholds default
    to the medians (this kit's convention).

    Parameters
    ----------
    attitude, repeat : list, array, dict or Series of numbers
        Relative attitude (e.g. likelihood to recommend 0-10) and repeat
        patronage (e.g. orders per year), one value per customer.
    attitude_threshold, repeat_threshold : float or {"mean", "median"}, optional
        Where high begins; default the median.

    Returns
    -------
    pandas.Series
        Loyalty type keys, indexed like the input.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is NaN, the lengths differ or the inputs are empty.

    Examples
    --------
    >>> loyalty_type([9, 9, 3, 3], [12, 1, 12, 1]).tolist()
    ['loyalty', 'latent', 'spurious', 'none']
    >>> loyalty_type([9, 3], [5, 5], attitude_threshold=6, repeat_threshold=6).tolist()
    ['latent', 'none']
    """
    att, rep = paired_series(attitude, repeat, "attitude", "repeat")
    ta = threshold_value(att, attitude_threshold, "attitude_threshold")
    tr = threshold_value(rep, repeat_threshold, "repeat_threshold")
    return two_by_two(att, rep, ta, tr, ("loyalty", "latent", "spurious", "none")).rename("loyalty_type")


def relative_patronage(
    orders: pd.DataFrame,
    year: int,
    baseline_years: int = 3,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    order_col: str = "order_id",
) -> pd.Series:
    """Repeat patronage relative to the customer's own past (相对重复购买).

    Dick & Basu (1994) define loyalty with *relative* patronage: how much of
    her buying a customer gives us. A plain count of orders mostly measures
    how big the customer is. Without the customer's purchases from other
    suppliers (share of wallet), this kit compares a customer's orders in
    ``year`` with what she used to place (this kit's convention)::

        relative patronage = orders in year / mean yearly orders over the
                             baseline_years before it (years with orders only)

    1 means "as many orders as usual", 0 "stopped buying", above 1 "more".

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order line, columns ``customer_id``, ``order_date``,
        ``order_id`` (an order counts once however many lines it has).
    year : int
        The year whose patronage is measured; it must have orders.
    baseline_years : int, default 3
        How many years before ``year`` make the customer's usual level.
    customer_col, date_col, order_col : str
        Column names, if different.

    Returns
    -------
    pandas.Series
        Per customer who ordered in ``year`` or in the baseline years, named
        ``relative_patronage``; NaN for a customer with no order in the
        baseline years (a new customer has no usual level yet: drop or treat
        those rows explicitly).

    Raises
    ------
    ValueError
        If columns are missing, dates are invalid, ``baseline_years`` < 1 or
        ``year`` has no orders.

    References
    ----------
    .. [1] Dick, A. S., & Basu, K. (1994). Customer loyalty: Toward an integrated
       conceptual framework. *Journal of the Academy of Marketing Science* 22(2), 99-113.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "b", "c"],
    ...     "order_id": ["o1", "o2", "o3", "o4", "o5", "o6", "o7"],
    ...     "order_date": pd.to_datetime(["2023-03-01", "2024-05-01", "2025-02-01",
    ...                                   "2023-01-10", "2024-01-10", "2024-06-10", "2025-04-01"])})
    >>> relative_patronage(orders, 2025, baseline_years=2).to_dict()
    {'a': 1.0, 'b': 0.0, 'c': nan}
    """
    require_columns(orders, [customer_col, date_col, order_col], "orders")
    baseline_years = check_positive_int(baseline_years, "baseline_years")
    years = as_dates(orders[date_col], f"orders[{date_col!r}]").dt.year
    if not (years == year).any():
        raise ValueError(f"year: no orders in {year}")
    window = years.between(year - baseline_years, year)
    counts = (orders.loc[window, order_col].groupby([orders.loc[window, customer_col], years[window]]).nunique()
              .unstack(fill_value=0).reindex(columns=range(year - baseline_years, year + 1), fill_value=0))
    usual = counts.drop(columns=year).replace(0, np.nan).mean(axis=1)
    return (counts[year] / usual).rename("relative_patronage").rename_axis(customer_col)


def repurchase_by_satisfaction(
    surveys: pd.DataFrame,
    orders: pd.DataFrame,
    score_col: str = "overall_satisfaction",
    customer_col: str = "customer_id",
    year_col: str = "year",
    date_col: str = "order_date",
    observation_end: Any = None,
    scale: int = 5,
) -> pd.DataFrame:
    """Next-year repurchase rate by satisfaction score: the satisfaction trap (客户满意陷阱).

    For every survey (customer, year, score) the customer *repurchased* if
    they placed at least one order in the following calendar year. The rate
    per score draws the satisfaction-loyalty curve; Jones & Sasser (1995)
    found it flat until the top box, where it rises steeply (satisfied is not
    yet loyal: the course materials' 满意陷阱).

    A survey of year t counts only if year t + 1 is within the observed period
    (t + 1 <= the year of ``observation_end``).

    Parameters
    ----------
    surveys : pandas.DataFrame
        Columns ``customer_id``, ``year`` and the score column.
    orders : pandas.DataFrame
        Columns ``customer_id`` and ``order_date`` (datetime).
    score_col : str, default "overall_satisfaction"
        The satisfaction score (1-``scale``; or any ordered rating).
    customer_col, year_col, date_col : str
        Column names, if different.
    observation_end : date-like, optional
        End of the data; default the last order date.
    scale : {5, 7, 10}, default 5
        Scale of the score, for the ``zone`` column (:func:`satisfaction_zone`).

    Returns
    -------
    pandas.DataFrame
        Index the score (ascending); columns surveys, repurchased,
        repurchase_rate, defection_rate (= 1 - repurchase_rate), zone.

    Raises
    ------
    ValueError
        If columns are missing (named, with those present), values are NaN,
        or no survey has an observed next year.

    Examples
    --------
    >>> surveys = pd.DataFrame({"customer_id": [1, 2, 3, 4], "year": [2024] * 4,
    ...                         "overall_satisfaction": [4, 4, 5, 5]})
    >>> orders = pd.DataFrame({"customer_id": [1, 3, 4],
    ...                        "order_date": pd.to_datetime(["2025-03-01", "2025-05-02", "2025-06-30"])})
    >>> repurchase_by_satisfaction(surveys, orders)[["surveys", "repurchase_rate", "zone"]]
                          surveys  repurchase_rate          zone
    overall_satisfaction
    4                           2              0.5  indifference
    5                           2              1.0     affection
    """
    require_columns(surveys, [customer_col, year_col, score_col], "surveys", complete=True)
    require_columns(orders, [customer_col, date_col], "orders", complete=True)
    check_not_empty(orders, "orders", "order")
    dates = as_dates(orders[date_col], f"orders[{date_col!r}]")
    end = dates.max() if observation_end is None else as_date(observation_end, "observation_end")
    bought = set(zip(orders[customer_col], dates.dt.year))
    years = as_numeric_series(surveys[year_col], f"surveys[{year_col!r}]").astype(int)
    keep = years + 1 <= end.year
    if not keep.any():
        raise ValueError(
            f"no survey year has an observed next year (observation ends {end.date()}); "
            "pass an earlier survey year or a later observation_end"
        )
    kept = surveys.loc[keep]
    rep = pd.Series([(c, y + 1) in bought for c, y in zip(kept[customer_col], years[keep])], index=kept.index)
    score = as_numeric_series(kept[score_col], f"surveys[{score_col!r}]")
    return _rates_by_score(rep, score, score_col, scale)


def _rates_by_score(repurchased: pd.Series, score: pd.Series, score_col: str, scale: int) -> pd.DataFrame:
    """Surveys, repurchases and the repurchase rate per score, with the score's satisfaction zone."""
    if (score == score.round()).all():
        score = score.astype(int)
    out = repurchased.groupby(score).agg(surveys="size", repurchased="sum")
    out.index.name = score_col
    out["repurchased"] = out["repurchased"].astype(int)
    out["repurchase_rate"] = out["repurchased"] / out["surveys"]
    out["defection_rate"] = 1 - out["repurchase_rate"]
    out["zone"] = satisfaction_zone(pd.Series(out.index, index=out.index, dtype=float), scale=scale)
    return out

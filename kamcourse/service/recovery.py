"""After the complaint (投诉之后): did the customer keep buying, and is there a service-recovery paradox?

Two questions the materials raise when they speak of turning a complaint into an opportunity (客户投诉转化
为机会, the hotel CRM manual in the course materials): does handling a complaint quickly keep the customer
buying, and can a well-handled complaint leave a customer *more* loyal than one who never had a problem
(the service-recovery paradox, McCollough & Bharadwaj 1992)? The evidence on the second is mixed
(:data:`RECOVERY_PARADOX_EVIDENCE`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.extensions.groundwork import revenue_around
from ..validation import as_date, as_dates, check_fraction, check_positive_int, require_columns, same_rows

__all__ = ["RECOVERY_PARADOX_EVIDENCE", "RECOVERY_GROUPS", "revenue_kept", "rate_by_band", "recovery_groups"]

#: What studies found about the service-recovery paradox.
RECOVERY_PARADOX_EVIDENCE = pd.DataFrame(
    [
        ("Hart, Heskett & Sasser (1990)", "Harvard Business Review 68(4)", "essay from company cases",
         "for: a good recovery can turn angry customers into loyal ones, even create more goodwill than if "
         "nothing had gone wrong"),
        ("McCollough, Berry & Yadav (2000)", "Journal of Service Research 3(2)", "empirical study",
         "against: little support; satisfaction after a failure and a recovery did not exceed that of customers "
         "without a failure"),
        ("de Matos, Henrique & Rossi (2007)", "Journal of Service Research 10(1)", "meta-analysis",
         "mixed: a positive effect on satisfaction, none on repurchase intentions, word of mouth or "
         "corporate image"),
    ],
    columns=["study", "published", "design", "finding"],
)

#: Groups of :func:`recovery_groups`: customers without a complaint in the year, and complainants by the
#: worst satisfaction they gave after a complaint was closed (5, 4, 3 or less).
RECOVERY_GROUPS: tuple[str, ...] = ("no_complaint", "recovered_well", "recovered_ok", "recovered_badly")


def revenue_kept(requests: pd.DataFrame, orders: pd.DataFrame, days: int = 180, kept_share: float = 0.75,
                 end: object = None) -> pd.DataFrame:
    """Did each customer keep buying after her request? Revenue in the ``days`` before and after (复购).

    ``before`` = net revenue in the ``days`` days up to the opening day, ``after`` = in the ``days``
    days after the closing day, ``ratio = after ÷ before``, ``kept = ratio >= kept_share``. A request is
    ``observable`` when it is closed, ``closed + days`` is not past ``end`` and ``before > 0``; ``kept``
    is <NA> otherwise. Source: this kit's convention (a B2B customer seldom stops outright after a
    complaint; she moves part of her purchases elsewhere).

    Parameters
    ----------
    requests : DataFrame
        ``customer_id``, ``opened_date``, ``closed_date`` (empty while open).
    orders : DataFrame
        ``customer_id``, ``order_date``, ``net_revenue``.
    days : int
        Length of both windows (default 180).
    kept_share : float
        Share of the revenue before that counts as "kept buying" (default 0.75).
    end : date-like, optional
        Last day of the data; default the last order date.

    Returns
    -------
    DataFrame
        ``before``, ``after``, ``ratio``, ``kept`` (boolean) and ``observable``, same index as ``requests``.

    Raises
    ------
    ValueError
        If a column is missing, a date cannot be read, ``days`` is not a positive whole number or
        ``kept_share`` is not in [0, 1].

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["a"] * 3, "net_revenue": [100.0, 90.0, 10.0],
    ...                   "order_date": pd.to_datetime(["2025-01-10", "2025-04-01", "2025-05-01"])})
    >>> r = pd.DataFrame({"customer_id": ["a"], "opened_date": ["2025-02-01"], "closed_date": ["2025-02-05"]})
    >>> revenue_kept(r, o, days=90, end="2025-12-31")
       before  after  ratio  kept  observable
    0   100.0  100.0    1.0  True        True
    """
    require_columns(requests, ["customer_id", "opened_date", "closed_date"], "requests")
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    days = check_positive_int(days, "days")
    kept_share = check_fraction(kept_share, "kept_share")
    opened = as_dates(requests["opened_date"], "requests['opened_date']").to_numpy()
    closed_s = as_dates(requests["closed_date"], "requests['closed_date']", allow_missing=True)
    closed = closed_s.fillna(pd.Series(opened, index=requests.index)).to_numpy()
    order_day = as_dates(orders["order_date"], "orders['order_date']")
    last = as_date(order_day.max() if end is None else end, "end")
    before, after, seen = revenue_around(orders.assign(order_date=order_day), requests["customer_id"].to_numpy(),
                                         opened, closed, days, last)
    observable = closed_s.notna().to_numpy() & seen & (before > 0)
    ratio = np.where(before > 0, after / np.where(before > 0, before, 1.0), np.nan)
    kept = pd.array(np.where(observable, ratio >= kept_share, pd.NA), dtype="boolean")
    return pd.DataFrame({"before": before, "after": after, "ratio": np.round(ratio, 4), "kept": kept,
                         "observable": observable}, index=requests.index)


def rate_by_band(values: pd.Series, flags: pd.Series, bands: int | list[float] = 4) -> pd.DataFrame:
    """The share of True flags in bands of a number (e.g. "kept buying" by hours to the first response).

    Parameters
    ----------
    values : Series
        The number to band (e.g. ``first_response_hours``).
    flags : Series
        True/False per row, same index (rows with <NA> are left out).
    bands : int or list of float
        Number of equal-count bands (quantiles), or the band edges.

    Returns
    -------
    DataFrame
        One row per band (an interval): ``count`` and ``rate``.

    Raises
    ------
    ValueError
        If the two Series do not share their index or a value is not a number.

    Examples
    --------
    >>> hours = pd.Series([1.0, 2.0, 3.0, 10.0, 20.0, 30.0])
    >>> kept = pd.Series([True, True, True, False, True, False])
    >>> rate_by_band(hours, kept, [0, 5, 40])
              count      rate
    (0, 5]        3  1.000000
    (5, 40]       3  0.333333
    """
    v, f = same_rows(pd.to_numeric(values, errors="coerce"), flags, "values", "flags", "rows")
    keep = f.notna() & v.notna()
    v, f = v[keep], f[keep].astype(bool)
    band = pd.qcut(v, bands, duplicates="drop") if isinstance(bands, int) else pd.cut(v, bands)
    out = f.groupby(band, observed=False).agg(count="size", rate="mean")
    out.index = out.index.astype(str)
    return out


def recovery_groups(requests: pd.DataFrame, surveys: pd.DataFrame, columns: tuple[str, ...] = (
        "overall_satisfaction", "repurchase_intention", "likelihood_to_recommend")) -> pd.DataFrame:
    """Survey answers of complainants by how well their complaints were recovered, against non-complainants.

    Each survey row (customer, year) goes to ``no_complaint`` when the customer had no closed complaint
    opened that year, else by the *worst* satisfaction she gave after one of them: 5 ``recovered_well``,
    4 ``recovered_ok``, 3 or less ``recovered_badly``. The paradox would show as ``recovered_well`` above
    ``no_complaint``. Source: the comparison of McCollough, Berry & Yadav (2000); grouping rules are this
    kit's convention.

    Parameters
    ----------
    requests : DataFrame
        ``customer_id``, ``type``, ``opened_date``, ``satisfaction_after``.
    surveys : DataFrame
        ``customer_id``, ``year`` and the ``columns``.
    columns : tuple of str
        Survey answers to average.

    Returns
    -------
    DataFrame
        One row per group (:data:`RECOVERY_GROUPS` order): ``surveys`` and the mean of each column.

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> r = pd.DataFrame({"customer_id": ["a", "b"], "type": ["complaint", "complaint"],
    ...                   "opened_date": ["2025-03-01", "2025-05-01"], "satisfaction_after": [5, 2]})
    >>> s = pd.DataFrame({"customer_id": ["a", "b", "c"], "year": [2025] * 3, "overall_satisfaction": [5, 2, 4]})
    >>> recovery_groups(r, s, columns=("overall_satisfaction",))
                     surveys  overall_satisfaction
    no_complaint           1                   4.0
    recovered_well         1                   5.0
    recovered_ok           0                   NaN
    recovered_badly        1                   2.0
    """
    require_columns(requests, ["customer_id", "type", "opened_date", "satisfaction_after"], "requests")
    require_columns(surveys, ["customer_id", "year", *columns], "surveys")
    c = requests[(requests["type"] == "complaint") & requests["satisfaction_after"].notna()]
    year = as_dates(c["opened_date"], "requests['opened_date']").dt.year
    worst = pd.to_numeric(c["satisfaction_after"]).groupby([c["customer_id"], year]).min()
    key = pd.MultiIndex.from_arrays([surveys["customer_id"], surveys["year"]])
    w = worst.reindex(key).to_numpy()
    group = np.select([np.isnan(w), w >= 5, w >= 4], ["no_complaint", "recovered_well", "recovered_ok"],
                      "recovered_badly")
    out = surveys[list(columns)].apply(pd.to_numeric).groupby(group).mean()
    out.insert(0, "surveys", pd.Series(group).value_counts())
    out = out.reindex(list(RECOVERY_GROUPS))
    out["surveys"] = out["surveys"].fillna(0).astype(int)
    return out.round(4)

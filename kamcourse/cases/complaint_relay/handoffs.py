"""Hand-offs in the company's service requests (转手次数): resolution time and satisfaction by hand-offs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...validation import as_dates, check_choice, check_positive_int, require_columns

__all__ = ["resolution_days", "complaints", "handoff_table", "handoff_correlation"]

_COLUMNS = ("type", "opened_date", "closed_date", "handoffs", "satisfaction_after")


def _checked_values(df: pd.DataFrame) -> pd.DataFrame:
    """Hand-offs as whole numbers >= 0 and satisfaction as scores 1-5, checked; adds ``days``."""
    handoffs = pd.to_numeric(df["handoffs"], errors="coerce")
    bad = handoffs.isna() | (handoffs < 0) | (handoffs != np.floor(handoffs))
    if bad.any():
        first = df.index[bad.to_numpy()][0]
        raise ValueError(
            f"service_requests['handoffs'] must be whole numbers >= 0, got {df.loc[first, 'handoffs']!r} in row {first!r}"
        )
    df["handoffs"] = handoffs.astype(int)
    df["days"] = resolution_days(df)
    sat = pd.to_numeric(df["satisfaction_after"], errors="coerce")
    if sat.isna().any() or not sat.between(1, 5).all():
        first = df.index[(sat.isna() | ~sat.between(1, 5)).to_numpy()][0]
        raise ValueError(
            f"service_requests['satisfaction_after'] must be scores 1-5, got "
            f"{df.loc[first, 'satisfaction_after']!r} in row {first!r}"
        )
    df["satisfaction_after"] = sat.astype(float)
    return df


def _without_missing(df: pd.DataFrame, needed: list[str], dropna: bool) -> pd.DataFrame:
    """Refuse requests with a missing value in ``needed``, or leave them out with ``dropna``."""
    missing = df[needed].isna()
    if not missing.any().any():
        return df
    if not dropna:
        counts = {c: int(n) for c, n in missing.sum().items() if n}
        what = ", ".join(f"{c}: {n}" for c, n in counts.items())
        hint = " (closed_date is missing while a request is still open)" if "closed_date" in counts else ""
        raise ValueError(
            f"service_requests has missing values (NaN) in {what}{hint}; "
            "pass dropna=True to leave those requests out"
        )
    df = df[~missing.any(axis=1)]
    if df.empty:
        raise ValueError("no request is left after dropping the ones with missing values")
    return df


def resolution_days(requests: pd.DataFrame, dropna: bool = False) -> pd.Series:
    """Days from opening to closing each request (处理时长).

    ``days = closed_date - opened_date`` (in days, fractions kept). Source:
    the usual definition of resolution time (this kit's convention).

    Parameters
    ----------
    requests : pandas.DataFrame
        Columns ``opened_date`` and ``closed_date`` (dates or date strings).
    dropna : bool
        Leave out requests still open (no ``closed_date``) instead of raising.

    Returns
    -------
    pandas.Series
        Days per request, same index as the (remaining) rows, name ``"days"``.

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame.
    ValueError
        If a column is missing, a request is still open (without
        ``dropna=True``) or closed before it opened.

    Examples
    --------
    >>> r = pd.DataFrame({"opened_date": ["2025-03-01", "2025-03-02"], "closed_date": ["2025-03-05", None]})
    >>> resolution_days(r, dropna=True)
    0    4.0
    Name: days, dtype: float64
    >>> resolution_days(r)
    Traceback (most recent call last):
    ...
    ValueError: 1 request(s) still open (closed_date missing), first in row 1; pass dropna=True to leave them out
    """
    require_columns(requests, ["opened_date", "closed_date"], "requests")
    opened = as_dates(requests["opened_date"], "requests['opened_date']")
    closed = as_dates(requests["closed_date"], "requests['closed_date']", allow_missing=True)
    still_open = closed.isna()
    if still_open.any() and not dropna:
        first = requests.index[still_open.to_numpy()][0]
        raise ValueError(
            f"{int(still_open.sum())} request(s) still open (closed_date missing), first in row {first!r}; "
            "pass dropna=True to leave them out"
        )
    days = ((closed - opened).dt.total_seconds() / 86400.0)[~still_open].rename("days")
    if (days < 0).any():
        first = days.index[(days < 0).to_numpy()][0]
        raise ValueError(f"request in row {first!r} is closed before it was opened")
    return days


def complaints(
    requests: pd.DataFrame, kind: str | None = "complaint", dropna: bool = False, *, columns: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The complaints (投诉) of a service-request table, checked, with their resolution ``days``.

    Keeps the rows with ``type == kind`` (all rows when ``kind`` is None) and
    adds ``days = closed_date - opened_date``. Source: this kit's data layout
    (``datasets/README.md``).

    Parameters
    ----------
    requests : pandas.DataFrame
        Columns ``type``, ``opened_date``, ``closed_date``, ``handoffs``
        (whole numbers >= 0), ``satisfaction_after`` (1-5).
    kind : str or None
        The request type to keep.
    dropna : bool
        Leave out requests with missing values (e.g. still open) instead of raising.
    columns : tuple of str, default ()
        Further columns that must be present and filled (e.g. ``("severity",)``).

    Returns
    -------
    pandas.DataFrame
        The kept rows with the columns above and ``days``.

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame or ``dropna`` not a bool.
    ValueError
        If a column is missing (the message lists those present), no request
        has type ``kind``, a value is missing (without ``dropna=True``) or out
        of range.

    Examples
    --------
    >>> r = pd.DataFrame({"type": ["complaint", "question"], "opened_date": ["2025-01-01", "2025-01-01"],
    ...                   "closed_date": ["2025-01-11", "2025-01-02"], "handoffs": [3, 0],
    ...                   "satisfaction_after": [2, 5]})
    >>> complaints(r)[["handoffs", "days", "satisfaction_after"]]
       handoffs  days  satisfaction_after
    0         3  10.0                 2.0
    >>> complaints(r, kind="repair")
    Traceback (most recent call last):
    ...
    ValueError: no service request has type 'repair'; types present: 'complaint', 'question'
    """
    require_columns(requests, [*_COLUMNS, *columns], "service_requests")
    if not isinstance(dropna, bool):
        raise TypeError(f"dropna must be True or False, got {dropna!r}")
    df = requests if kind is None else requests[requests["type"] == kind]
    if kind is not None and df.empty:
        kinds = ", ".join(map(repr, sorted(requests["type"].dropna().unique())))
        raise ValueError(f"no service request has type {kind!r}; types present: {kinds or '(none)'}")
    df = df.copy()
    for col in ("opened_date", "closed_date"):
        df[col] = as_dates(df[col], f"service_requests[{col!r}]", allow_missing=True)
    df = _without_missing(df, ["opened_date", "closed_date", "handoffs", *columns, "satisfaction_after"], dropna)
    return _checked_values(df)


def handoff_table(
    requests: pd.DataFrame,
    kind: str | None = "complaint",
    max_handoffs: int | None = None,
    dropna: bool = False,
) -> pd.DataFrame:
    """Resolution time and later satisfaction by number of hand-offs (转手次数与处理时长、满意度).

    Groups the complaints by ``handoffs`` (how many times the complaint was
    passed to another person or department) and reports the count, the
    mean and median days to resolve, and the mean ``satisfaction_after``
    (1-5). Source: the course materials' case 抱怨传递 (the pattern); the
    numbers come from the company's data.

    Parameters
    ----------
    requests : pandas.DataFrame
        See :func:`complaints`.
    kind : str or None
        Request type to analyse (``"complaint"``; None for all).
    max_handoffs : int, optional
        Put every complaint with at least this many hand-offs in one last
        group (labelled with this number), so small groups do not mislead.
    dropna : bool
        Leave out requests with missing values instead of raising.

    Returns
    -------
    pandas.DataFrame
        Index ``handoffs``; columns ``n_requests``, ``share``,
        ``mean_days``, ``median_days``, ``mean_satisfaction`` (glossary keys:
        ``.rename(columns=i18n.label)`` translates them).

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame or ``max_handoffs`` not a whole number.
    ValueError
        As :func:`complaints`; or ``max_handoffs`` < 1.

    Examples
    --------
    >>> r = pd.DataFrame({"type": "complaint", "opened_date": pd.Timestamp("2025-01-01"),
    ...                   "closed_date": pd.to_datetime(["2025-01-03", "2025-01-05", "2025-01-09", "2025-01-21"]),
    ...                   "handoffs": [0, 1, 2, 4], "satisfaction_after": [5, 4, 3, 1]})
    >>> handoff_table(r, max_handoffs=2)
              n_requests  share  mean_days  median_days  mean_satisfaction
    handoffs
    0                  1   0.25        2.0          2.0                5.0
    1                  1   0.25        4.0          4.0                4.0
    2                  2   0.50       14.0         14.0                2.0
    """
    df = complaints(requests, kind, dropna)
    if max_handoffs is not None:
        cap = check_positive_int(max_handoffs, "max_handoffs")
        df["handoffs"] = df["handoffs"].clip(upper=cap)
    g = df.groupby("handoffs", sort=True)
    table = pd.DataFrame(
        {
            "n_requests": g.size(),
            "share": g.size() / len(df),
            "mean_days": g["days"].mean(),
            "median_days": g["days"].median(),
            "mean_satisfaction": g["satisfaction_after"].mean(),
        }
    )
    table.index.name = "handoffs"
    return table


def handoff_correlation(
    requests: pd.DataFrame, kind: str | None = "complaint", method: str = "spearman", dropna: bool = False
) -> pd.Series:
    """Correlation of hand-offs with resolution days and with later satisfaction (相关系数).

    ``days_to_resolve`` = Corr(handoffs, days to resolve);
    ``satisfaction_afterwards`` = Corr(handoffs, satisfaction_after). Spearman's rank correlation (default)
    suits counts and 1-5 scores. Source: Spearman (1904); the case pattern is
    from the course materials (抱怨传递).

    Parameters
    ----------
    requests : pandas.DataFrame
        See :func:`complaints`.
    kind : str or None
        Request type to analyse.
    method : {"spearman", "pearson", "kendall"}
    dropna : bool
        Leave out requests with missing values instead of raising.

    Returns
    -------
    pandas.Series
        Index ``days_to_resolve``, ``satisfaction_afterwards``.

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame.
    ValueError
        As :func:`complaints`; an unknown ``method``; fewer than 3 complaints.

    Examples
    --------
    >>> r = pd.DataFrame({"type": "complaint", "opened_date": pd.Timestamp("2025-01-01"),
    ...                   "closed_date": pd.to_datetime(["2025-01-03", "2025-01-05", "2025-01-09", "2025-01-21"]),
    ...                   "handoffs": [0, 1, 2, 4], "satisfaction_after": [5, 4, 3, 1]})
    >>> handoff_correlation(r)
    days_to_resolve            1.0
    satisfaction_afterwards   -1.0
    dtype: float64
    """
    check_choice(method, "method", ("spearman", "pearson", "kendall"))
    df = complaints(requests, kind, dropna)
    if len(df) < 3:
        raise ValueError(f"a correlation needs at least 3 requests, got {len(df)}")
    return pd.Series(
        {
            "days_to_resolve": df["handoffs"].corr(df["days"], method=method),
            "satisfaction_afterwards": df["handoffs"].corr(df["satisfaction_after"], method=method),
        }
    )

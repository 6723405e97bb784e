"""Case "complaint relay" (抱怨传递): a complaint passed from hand to hand.

The course materials tell it so: buyer 小李 at customer B phones salesperson
小张 angrily about spare parts ordered two weeks earlier; 小张 drops
everything, scolds the internal departments and promises to bring the parts
himself that afternoon. It looks customer-oriented, but it shows unmanaged
selling: the customer and the service staff get incomplete information and
the salesperson is always reacting. The lesson: a key-account process with
clear ownership of every complaint.

This module measures the pattern in the company's ``service_requests``:
complaints handed on more often take longer to resolve and leave the customer
less satisfied (:func:`handoff_table`, :func:`handoff_correlation`), and it
*estimates* what a single-owner process (at most one hand-off) might give
(:func:`single_owner_estimate`): an estimate from the data's own relation,
which assumes that relation is causal.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from .._validate import check_choice, check_positive_int, require_columns
from . import Claim, Fact

__all__ = [
    "FACTS",
    "STORY",
    "LESSONS",
    "DISCUSSION_QUESTIONS",
    "resolution_days",
    "complaints",
    "handoff_table",
    "handoff_correlation",
    "handoff_slopes",
    "single_owner_estimate",
]

#: The numbers of the story as the course materials give them.
FACTS: Mapping[str, Fact] = MappingProxyType(
    {
        "order_age_weeks": Fact(2, "weeks", ("course_materials",), "course_materials",
                                "spare parts ordered two weeks before the angry call"),
    }
)

#: The story, step by step, as the course materials tell it (glossary keys).
STORY: tuple[Claim, ...] = (
    Claim("cr_story_call", ("course_materials",), "course_materials"),
    Claim("cr_story_scramble", ("course_materials",), "course_materials"),
    Claim("cr_story_promise", ("course_materials",), "course_materials"),
    Claim("cr_story_diagnosis", ("course_materials",), "course_materials"),
)

#: What a key-account process changes, with its support.
LESSONS: tuple[Claim, ...] = (
    Claim("cr_lesson_process", ("course_materials",), "course_materials"),
    Claim("cr_lesson_single_owner", ("kit",), "kit_summary"),
    Claim("cr_lesson_closed_loop", ("kit",), "kit_summary"),
    Claim("cr_lesson_escalation", ("kit",), "kit_summary"),
    Claim("cr_lesson_recovery", ("jones_sasser_1995",), "sourced"),
    Claim("cr_lesson_acsi", ("fornell_1996",), "sourced"),
)

#: Questions for class discussion (glossary keys).
DISCUSSION_QUESTIONS: tuple[str, ...] = ("cr_q_customer_oriented", "cr_q_who_owns", "cr_q_causal", "cr_q_measure")

_COLUMNS = ("type", "opened_date", "closed_date", "handoffs", "satisfaction_after")


def _prepared(requests: pd.DataFrame, kind: str | None, dropna: bool, need_satisfaction: bool = True,
              extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Checked copy of the requests of one type, with a ``days`` column."""
    require_columns(requests, [*_COLUMNS, *extra], "service_requests")
    if not isinstance(dropna, bool):
        raise TypeError(f"dropna must be True or False, got {dropna!r}")
    df = requests if kind is None else requests[requests["type"] == kind]
    if kind is not None and df.empty:
        kinds = ", ".join(map(repr, sorted(requests["type"].dropna().unique())))
        raise ValueError(f"no service request has type {kind!r}; types present: {kinds or '(none)'}")
    df = df.copy()
    for col in ("opened_date", "closed_date"):
        try:
            df[col] = pd.to_datetime(df[col])
        except (ValueError, TypeError) as exc:
            raise ValueError(f"service_requests[{col!r}] must hold dates: {exc}") from None
    needed = ["opened_date", "closed_date", "handoffs", *extra] + (["satisfaction_after"] if need_satisfaction else [])
    missing = df[needed].isna()
    if missing.any().any():
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
    handoffs = pd.to_numeric(df["handoffs"], errors="coerce")
    bad = handoffs.isna() | (handoffs < 0) | (handoffs != np.floor(handoffs))
    if bad.any():
        first = df.index[bad.to_numpy()][0]
        raise ValueError(
            f"service_requests['handoffs'] must be whole numbers >= 0, got {df.loc[first, 'handoffs']!r} in row {first!r}"
        )
    df["handoffs"] = handoffs.astype(int)
    df["days"] = resolution_days(df)
    if need_satisfaction:
        sat = pd.to_numeric(df["satisfaction_after"], errors="coerce")
        if sat.isna().any() or not sat.between(1, 5).all():
            first = df.index[(sat.isna() | ~sat.between(1, 5)).to_numpy()][0]
            raise ValueError(
                f"service_requests['satisfaction_after'] must be scores 1-5, got "
                f"{df.loc[first, 'satisfaction_after']!r} in row {first!r}"
            )
        df["satisfaction_after"] = sat.astype(float)
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
    opened = pd.to_datetime(requests["opened_date"])
    closed = pd.to_datetime(requests["closed_date"])
    if opened.isna().any():
        first = requests.index[opened.isna().to_numpy()][0]
        raise ValueError(f"requests['opened_date'] is missing in row {first!r}")
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


def complaints(requests: pd.DataFrame, kind: str | None = "complaint", dropna: bool = False) -> pd.DataFrame:
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
    return _prepared(requests, kind, dropna)


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
    df = _prepared(requests, kind, dropna)
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
    df = _prepared(requests, kind, dropna)
    if len(df) < 3:
        raise ValueError(f"a correlation needs at least 3 requests, got {len(df)}")
    return pd.Series(
        {
            "days_to_resolve": df["handoffs"].corr(df["days"], method=method),
            "satisfaction_afterwards": df["handoffs"].corr(df["satisfaction_after"], method=method),
        }
    )


def _within_slope(x: pd.Series, y: pd.Series, groups: pd.Series | None) -> float:
    if groups is not None:
        x = x - x.groupby(groups).transform("mean")
        y = y - y.groupby(groups).transform("mean")
    else:
        x = x - x.mean()
        y = y - y.mean()
    denom = float((x * x).sum())
    if denom == 0:
        raise ValueError("handoffs do not vary (within each group): no slope can be estimated")
    return float((x * y).sum()) / denom


def handoff_slopes(
    requests: pd.DataFrame, kind: str | None = "complaint", by: str | None = "severity", dropna: bool = False
) -> pd.Series:
    """How many days, and how much satisfaction, each extra hand-off goes with (每多转手一次).

    Least-squares slopes of ``days`` and of ``satisfaction_after`` on
    ``handoffs``; with ``by`` (e.g. ``"severity"``) the slopes are estimated
    *within* each group (a fixed-effects regression), so that severe
    complaints, which may both travel further and take longer, do not inflate
    them::

        slope = sum((x - mean_g(x)) * (y - mean_g(y))) / sum((x - mean_g(x))**2)

    Source: ordinary least squares with group fixed effects (e.g. Wooldridge,
    *Introductory Econometrics*, ch. 14). An association, not a proof of cause.

    Parameters
    ----------
    requests : pandas.DataFrame
        See :func:`complaints`; with ``by`` also that column.
    kind : str or None
        Request type to analyse.
    by : str or None
        Column to hold fixed (None: one pooled slope).
    dropna : bool
        Leave out requests with missing values instead of raising.

    Returns
    -------
    pandas.Series
        ``days_per_handoff`` and ``satisfaction_per_handoff``.

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame.
    ValueError
        As :func:`complaints`; if ``handoffs`` never varies.

    Examples
    --------
    >>> r = pd.DataFrame({"type": "complaint", "severity": ["low", "low", "high", "high"],
    ...                   "opened_date": pd.Timestamp("2025-01-01"),
    ...                   "closed_date": pd.to_datetime(["2025-01-02", "2025-01-05", "2025-01-11", "2025-01-14"]),
    ...                   "handoffs": [0, 1, 2, 3], "satisfaction_after": [5, 4, 3, 2]})
    >>> handoff_slopes(r)
    days_per_handoff            3.0
    satisfaction_per_handoff   -1.0
    dtype: float64
    >>> handoff_slopes(r, by=None).round(2)   # pooled: severity inflates the slope
    days_per_handoff            4.2
    satisfaction_per_handoff   -1.0
    dtype: float64
    """
    df = _prepared(requests, kind, dropna, extra=(by,) if by is not None else ())
    return _slopes(df, by)


def _slopes(df: pd.DataFrame, by: str | None) -> pd.Series:
    groups = df[by] if by is not None else None
    x = df["handoffs"].astype(float)
    return pd.Series(
        {
            "days_per_handoff": _within_slope(x, df["days"], groups),
            "satisfaction_per_handoff": _within_slope(x, df["satisfaction_after"], groups),
        }
    )


def single_owner_estimate(
    requests: pd.DataFrame,
    kind: str | None = "complaint",
    max_handoffs: int = 1,
    by: str | None = "severity",
    dropna: bool = False,
) -> pd.DataFrame:
    """ESTIMATE of resolution time and satisfaction if every complaint had one owner (单一负责人流程估计).

    Every complaint with more than ``max_handoffs`` hand-offs is moved along
    the data's own relation (:func:`handoff_slopes`) to ``max_handoffs``::

        days_est         = max(days - b_days * (handoffs - max_handoffs), 0)
        satisfaction_est = clip(satisfaction - b_sat * (handoffs - max_handoffs), 1, 5)

    It is an estimate under a strong assumption: that the hand-offs *cause*
    the extra days and the lower satisfaction (and nothing else changes).
    Source: this kit's what-if calculation on the company's data.

    Parameters
    ----------
    requests : pandas.DataFrame
        See :func:`complaints`.
    kind : str or None
        Request type to analyse.
    max_handoffs : int
        Hand-offs a single-owner process still allows (>= 0; default 1).
    by : str or None
        Column held fixed when estimating the slopes (see :func:`handoff_slopes`).
    dropna : bool
        Leave out requests with missing values instead of raising.

    Returns
    -------
    pandas.DataFrame
        Index ``current_process``, ``single_owner_estimate``; columns ``mean_days``,
        ``mean_satisfaction``, ``share_over_max`` (share of complaints with
        more than ``max_handoffs`` hand-offs).

    Raises
    ------
    TypeError
        If ``requests`` is not a DataFrame or ``max_handoffs`` not a whole number.
    ValueError
        As :func:`handoff_slopes`; ``max_handoffs`` < 0.

    Examples
    --------
    >>> r = pd.DataFrame({"type": "complaint", "severity": ["low", "low", "high", "high"],
    ...                   "opened_date": pd.Timestamp("2025-01-01"),
    ...                   "closed_date": pd.to_datetime(["2025-01-02", "2025-01-05", "2025-01-11", "2025-01-14"]),
    ...                   "handoffs": [0, 1, 2, 3], "satisfaction_after": [5, 4, 3, 2]})
    >>> single_owner_estimate(r)
                           mean_days  mean_satisfaction  share_over_max
    process
    current_process             7.00               3.50             0.5
    single_owner_estimate       4.75               4.25             0.0
    """
    cap = check_positive_int(max_handoffs, "max_handoffs", minimum=0)
    df = _prepared(requests, kind, dropna, extra=(by,) if by is not None else ())
    slopes = _slopes(df, by)
    excess = (df["handoffs"] - cap).clip(lower=0)
    days = (df["days"] - slopes["days_per_handoff"] * excess).clip(lower=0)
    sat = (df["satisfaction_after"] - slopes["satisfaction_per_handoff"] * excess).clip(1, 5)
    return pd.DataFrame(
        {
            "mean_days": [df["days"].mean(), days.mean()],
            "mean_satisfaction": [df["satisfaction_after"].mean(), sat.mean()],
            "share_over_max": [float((excess > 0).mean()), 0.0],
        },
        index=pd.Index(["current_process", "single_owner_estimate"], name="process"),
    )

"""What a single-owner complaint process might give (单一负责人估算): slopes per hand-off, and the estimate."""

from __future__ import annotations

import pandas as pd

from ...validation import check_positive_int
from .handoffs import complaints

__all__ = ["handoff_slopes", "single_owner_estimate"]


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
    df = complaints(requests, kind, dropna, columns=(by,) if by is not None else ())
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
    df = complaints(requests, kind, dropna, columns=(by,) if by is not None else ())
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

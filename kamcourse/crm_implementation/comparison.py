"""Before and after (实施前后对比), done honestly: against the trend, and with a placebo date.

"Since the CRM system went live, service requests close faster" is the sentence every project report
wants to write. A plain before/after comparison credits the system with everything that changed at the
same time: a trend that was already there, the season, a new product, staff who left, a different mix of
customers. Two cheap safeguards:

- compare the after-period with what the **before-trend** predicted, not with the before-average
  (:func:`before_after`);
- run the same comparison at a **placebo** date when nothing happened: if the "effect" there is as
  large, the method finds effects in noise.

The stronger design needs a comparison group that did not get the change at the same time
(difference-in-differences; Angrist & Pischke 2009, *Mostly Harmless Econometrics*, ch. 5).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, as_numeric_series, check_positive_int

__all__ = ["before_after"]


def before_after(values: pd.Series, cutover: Any, *, min_periods: int = 3) -> pd.Series:
    """Compare a measure before and after a date, plainly and against the before-trend (前后对比).

    With ``values`` a time series (e.g. monthly mean days to close a service request)::

        naive_change    = mean(after) − mean(before)
        trend           = least-squares line through the before-periods (value against time)
        expected_after  = mean of the trend line over the after-periods
        change_vs_trend = mean(after) − expected_after

    When a measure was already falling, ``naive_change`` is negative even if the change did nothing;
    ``change_vs_trend`` is then near 0. A straight-line trend is itself an assumption: say so when you
    report it. Source: the interrupted time-series comparison (e.g. Shadish, Cook & Campbell 2002,
    *Experimental and Quasi-Experimental Designs*, ch. 6); this kit's simplest form.

    Parameters
    ----------
    values : pandas.Series
        The measure, indexed by dates (one per period, e.g. the first day of each month).
    cutover : date-like
        The first day of the after-period (e.g. the go-live day).
    min_periods : int, default 3
        Periods needed on each side.

    Returns
    -------
    pandas.Series
        ``n_before``, ``n_after``, ``before_mean``, ``after_mean``, ``naive_change``, ``trend_per_year``
        (the before-trend's slope per 365 days), ``expected_after``, ``change_vs_trend``.

    Raises
    ------
    TypeError
        If ``values`` is not a Series of numbers with a date index, or ``cutover`` is not a date.
    ValueError
        If a value is NaN or a side has fewer than ``min_periods`` periods.

    Examples
    --------
    A measure falling by 1 a month all along: the plain comparison shows a drop of 6, the trend none.

    >>> months = pd.date_range("2024-01-01", periods=12, freq="MS")
    >>> falling = pd.Series(np.arange(20.0, 8.0, -1.0), index=months)
    >>> r = before_after(falling, "2024-07-01")
    >>> float(r["naive_change"]), abs(round(float(r["change_vs_trend"]), 1))
    (-6.0, 0.0)
    """
    if not isinstance(values, pd.Series) or not isinstance(values.index, pd.DatetimeIndex):
        raise TypeError("values must be a pandas Series indexed by dates (a DatetimeIndex)")
    s = as_numeric_series(values, "values").sort_index()
    day = as_date(cutover, "cutover")
    need = check_positive_int(min_periods, "min_periods")
    before, after = s[s.index < day], s[s.index >= day]
    for name, part in (("before", before), ("after", after)):
        if len(part) < need:
            raise ValueError(f"values has {len(part)} period(s) {name} {day.date()}; need at least {need}")
    t0 = s.index[0]
    x_before = (before.index - t0).days.to_numpy(float)
    x_after = (after.index - t0).days.to_numpy(float)
    slope, intercept = np.polyfit(x_before, before.to_numpy(float), 1)
    expected = float(np.mean(intercept + slope * x_after))
    return pd.Series({
        "n_before": float(len(before)), "n_after": float(len(after)),
        "before_mean": float(before.mean()), "after_mean": float(after.mean()),
        "naive_change": float(after.mean() - before.mean()), "trend_per_year": float(slope * 365),
        "expected_after": expected, "change_vs_trend": float(after.mean() - expected),
    })

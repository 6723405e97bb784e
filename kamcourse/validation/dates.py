"""Gates for dates: one date (an ``as_of``, an ``observation_end``) and a column of dates."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .series import first_label

__all__ = ["as_date", "as_dates", "as_period"]


def as_date(value: Any, name: str) -> pd.Timestamp:
    """Return one date as a time-zone-free ``Timestamp``; raise if it is not a date.

    Parameters
    ----------
    value : str, datetime, numpy.datetime64 or Timestamp
        E.g. ``"2025-12-31"``.
    name : str
        The parameter name the message uses.

    Returns
    -------
    pandas.Timestamp
        A time-zone-aware date keeps its wall-clock time and drops the zone.

    Raises
    ------
    ValueError
        If ``value`` is missing or cannot be read as a date.

    Examples
    --------
    >>> as_date("2025-12-31", "as_of")
    Timestamp('2025-12-31 00:00:00')
    >>> as_date("next year", "as_of")
    Traceback (most recent call last):
    ...
    ValueError: as_of must be a date, got 'next year'
    """
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a date, got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date, got {value!r}")
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def as_dates(values: pd.Series, name: str, *, allow_missing: bool = False) -> pd.Series:
    """Return a column of dates as a time-zone-free datetime Series; raise on numbers, text that is not a date, NaT.

    Parameters
    ----------
    values : pandas.Series
        Dates, or text that reads as dates (``"2025-03-01"``).
    name : str
        The column name the message uses, e.g. ``"order_date"``.
    allow_missing : bool, default False
        Accept missing dates (NaT) where a missing date means something, such
        as the ``leave_date`` of someone still employed.

    Returns
    -------
    pandas.Series
        datetime64 values, same index.

    Raises
    ------
    TypeError
        If the column holds numbers (e.g. 20250301): parse them first.
    ValueError
        If a value is not a date, or (unless ``allow_missing``) a date is missing.

    Examples
    --------
    >>> as_dates(pd.Series(["2025-03-01", "2025-04-01"]), "order_date").dt.month.tolist()
    [3, 4]
    >>> as_dates(pd.Series([20250301]), "order_date")
    Traceback (most recent call last):
    ...
    TypeError: order_date must hold dates, got numbers (int64); parse them first, e.g. pd.to_datetime(df[col].astype(str), format='%Y%m%d')
    >>> as_dates(pd.Series(pd.to_datetime(["2025-03-01", None])), "order_date")
    Traceback (most recent call last):
    ...
    ValueError: order_date contains 1 missing date(s) (NaT), first at 1
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"{name} must be a pandas Series of dates, got {type(values).__name__}")
    s = values
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    elif not pd.api.types.is_datetime64_any_dtype(s):
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            raise TypeError(
                f"{name} must hold dates, got numbers ({s.dtype}); parse them first, "
                "e.g. pd.to_datetime(df[col].astype(str), format='%Y%m%d')"
            )
        try:
            s = pd.to_datetime(s)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{name} holds values that are not dates: {exc}") from None
    if not allow_missing and s.isna().any():
        first = first_label(s, s.isna())
        raise ValueError(f"{name} contains {int(s.isna().sum())} missing date(s) (NaT), first at {first!r}")
    return s


def as_period(start: Any, end: Any, names: tuple[str, str] = ("start", "end")) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last day of a period (期间) as Timestamps; raise if either is not a date or end < start.

    Parameters
    ----------
    start, end : date-like
        The first and the last day (both included by the callers of this kit).
    names : (str, str), default ("start", "end")
        The parameter names the messages use.

    Returns
    -------
    tuple of pandas.Timestamp

    Raises
    ------
    ValueError
        If either is not a date, or ``end`` lies before ``start``.

    Examples
    --------
    >>> as_period("2025-01-01", "2025-03-31")
    (Timestamp('2025-01-01 00:00:00'), Timestamp('2025-03-31 00:00:00'))
    >>> as_period("2025-03-31", "2025-01-01")
    Traceback (most recent call last):
    ...
    ValueError: end must not be before start, got start 2025-03-31 and end 2025-01-01
    """
    lo, hi = as_date(start, names[0]), as_date(end, names[1])
    if hi < lo:
        raise ValueError(f"{names[1]} must not be before {names[0]}, got {names[0]} {lo.date()} and {names[1]} {hi.date()}")
    return lo, hi

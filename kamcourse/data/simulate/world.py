"""The simulation's calendar and random draws (模拟的日历与随机抽样).

Every table is drawn from one ``numpy.random.default_rng(seed)`` in a fixed
order (:class:`World` holds it); no dict/set iteration order or hash seed is
involved. Days are offsets from ``END_DATE`` (0 = 31 Dec 2025, negative before).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

from .catalog import END_DATE

__all__ = ["MISSING_DAY", "World", "check_seed", "uint", "choice_rows", "counts"]

#: The day offset that marks a missing date (an open request's close, a current employee's leave).
MISSING_DAY = np.iinfo(np.int64).min

_DAY = np.timedelta64(1, "D")


def check_seed(seed: Any) -> int:
    """Return ``seed`` as an int; a seed is a whole number >= 0.

    Examples
    --------
    >>> check_seed(7)
    7
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must not be negative, got -1
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a whole number, got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"seed must not be negative, got {seed}")
    return int(seed)


def uint(rng: np.random.Generator, lo: Any, hi: Any, size: Any = None) -> np.ndarray:
    """Uniform integers in [lo, hi] (hi clipped up to lo), one ``rng.random`` draw each.

    Examples
    --------
    >>> int(uint(np.random.default_rng(1), 5, 5))
    5
    """
    lo = np.asarray(lo)
    hi = np.maximum(np.asarray(hi), lo)
    return (lo + np.floor(rng.random(size) * (hi - lo + 1))).astype(np.int64)


def choice_rows(rng: np.random.Generator, cum: np.ndarray) -> np.ndarray:
    """One draw per row of a matrix of cumulative probabilities (the chosen column's index).

    Examples
    --------
    >>> choice_rows(np.random.default_rng(1), np.array([[0.0, 1.0], [1.0, 1.0]])).tolist()
    [1, 0]
    """
    u = rng.random(cum.shape[0])
    return np.minimum((u[:, None] > cum).sum(axis=1), cum.shape[1] - 1)


def counts(shares: np.ndarray, n: int) -> np.ndarray:
    """Split n into whole counts by shares (largest remainder, ties by position).

    Examples
    --------
    >>> counts(np.array([0.5, 0.3, 0.2]), 7).tolist()
    [4, 2, 1]
    """
    raw = shares / shares.sum() * n
    out = np.floor(raw).astype(int)
    order = np.argsort(-(raw - out), kind="stable")
    out[order[: n - out.sum()]] += 1
    return out


class World:
    """The random generator, the number of customers and the calendar while the tables are built.

    Examples
    --------
    >>> w = World(seed=7, n=40, years=3)
    >>> w.lo, str(w.dates(0)), w.year_list[0]
    (-1095, '2025-12-31', 2023)
    """

    def __init__(self, seed: int, n: int, years: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.n = n
        self.years = years
        self.end = np.datetime64(END_DATE.date(), "D")
        start = (END_DATE - pd.DateOffset(years=years) + pd.Timedelta(days=1)).date()
        self.start = np.datetime64(start, "D")
        self.lo = int((self.start - self.end) / _DAY)  # first day offset (negative)
        self.year_list = list(range(start.year, END_DATE.year + 1))

    def dates(self, offsets: Any) -> np.ndarray:
        """Day offsets as ``datetime64[D]`` dates."""
        return self.end + np.asarray(offsets, dtype=np.int64) * _DAY

    def dates_or_missing(self, offsets: Any) -> np.ndarray:
        """Like :meth:`dates`, with NaT where the offset is :data:`MISSING_DAY`."""
        offsets = np.asarray(offsets, dtype=np.int64)
        out = self.dates(np.where(offsets == MISSING_DAY, 0, offsets))
        out[offsets == MISSING_DAY] = np.datetime64("NaT")
        return out

    def year_of(self, offsets: Any) -> np.ndarray:
        """The calendar year of each day offset."""
        return self.dates(offsets).astype("datetime64[Y]").astype(int) + 1970

    def month_of(self, offsets: Any) -> np.ndarray:
        """The month (0 = January) of each day offset."""
        d = self.dates(offsets)
        return (d.astype("datetime64[M]").astype(int) % 12)

    def year_bounds(self, year: int) -> tuple[int, int]:
        """The day offsets of 1 January and 31 December of ``year``."""
        a = int((np.datetime64(f"{year}-01-01") - self.end) / _DAY)
        b = int((np.datetime64(f"{year}-12-31") - self.end) / _DAY)
        return a, b

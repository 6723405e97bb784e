"""RFM: recency, frequency and monetary value from a purchase log (RFM 分析).

:func:`rfm_summary` turns transactions into the per-customer summary the
BG/NBD and Gamma-Gamma models need, with the same definitions as the
``lifetimes`` package (``summary_data_from_transaction_data``);
:func:`rfm_scores` and :func:`rfm_segments` turn it into the classic 1-5 scores
and named segments.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import (
    as_date,
    as_numeric_series,
    check_choice,
    check_positive_int,
    check_transactions,
    require_columns,
)

__all__ = ["RFM_SEGMENTS", "rfm_summary", "rfm_scores", "rfm_segments"]

_FREQS = ("D", "W", "M")

#: The eight RFM segments (this kit's convention, after the scheme common in
#: Chinese CRM teaching): (recency, frequency, monetary) each high or low.
RFM_SEGMENTS: dict[tuple[bool, bool, bool], str] = {
    (True, True, True): "important_value",
    (True, False, True): "important_development",
    (False, True, True): "important_retention",
    (False, False, True): "important_win_back",
    (True, True, False): "general_value",
    (True, False, False): "general_development",
    (False, True, False): "general_retention",
    (False, False, False): "general_win_back",
}


def _periods(dates: np.ndarray, freq: str) -> np.ndarray:
    """Integer period numbers: days, Monday-to-Sunday weeks, or calendar months."""
    if freq == "M":
        return dates.astype("datetime64[M]").astype(np.int64)
    days = dates.astype("datetime64[D]").astype(np.int64)
    if freq == "W":
        return (days + 3) // 7  # 1970-01-01 is a Thursday; weeks start on Monday like pandas' W-SUN
    return days


def _period_label(k: int, freq: str) -> str:
    if freq == "M":
        return str(np.datetime64(int(k), "M"))
    if freq == "W":
        return str(np.datetime64(int(k) * 7 - 3, "D")) + " (week start)"
    return str(np.datetime64(int(k), "D"))


def rfm_summary(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str | None = None,
    observation_end: Any = None,
    freq: str = "D",
) -> pd.DataFrame:
    """Per-customer frequency, recency, age T (and monetary value) from a purchase log.

    Time is counted in periods of ``freq`` (days, weeks or months); several
    purchases in one period count as one purchase occasion worth their sum.

    - ``frequency`` = number of *repeat* purchase periods = distinct periods - 1;
    - ``recency`` = periods from the first to the last purchase (0 if no repeat);
    - ``T`` = periods from the first purchase to ``observation_end``;
    - ``monetary_value`` = mean value of the repeat periods (the first
      purchase is left out), 0 for customers without a repeat purchase.

    These are exactly the definitions of ``lifetimes.utils.
    summary_data_from_transaction_data`` (Davidson-Pilon, lifetimes 0.11) with
    ``freq`` ``"D"`` or ``"W"`` (weeks start on Monday); for ``"M"`` recency
    and T are whole calendar months between the months of the purchases.
    Note that this *recency* is the customer's age at her last purchase
    (Fader, Hardie & Lee 2005), not "time since the last purchase", which is
    ``T - recency``.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase (order line, invoice, ...).
    customer_col : str
        Column identifying the customer.
    date_col : str
        Column of purchase dates (datetime, or text pandas can parse).
    amount_col : str, optional
        Column of purchase values; adds ``monetary_value``.
    observation_end : date-like, optional
        End of the observation period; defaults to the last purchase date.
        A purchase in a later period raises (filter the log first).
    freq : {"D", "W", "M"}
        The time unit.

    Returns
    -------
    DataFrame
        Index: the customers (sorted, named ``customer_col``). Float columns
        ``frequency, recency, T`` and, with ``amount_col``, ``monetary_value``.

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame, the dates are numbers, or the
        amounts are not numbers.
    ValueError
        If a column is missing (the message lists those present), the log is
        empty, a value is NaN/NaT, ``freq`` is unknown, or a purchase is dated
        after ``observation_end``.

    Examples
    --------
    >>> log = pd.DataFrame({
    ...     "customer": ["A", "A", "A", "B", "B", "C"],
    ...     "date": pd.to_datetime(["2025-01-05", "2025-01-05", "2025-03-01",
    ...                             "2025-02-10", "2025-06-30", "2025-06-01"]),
    ...     "amount": [100.0, 50.0, 80.0, 300.0, 200.0, 90.0]})
    >>> rfm_summary(log, "customer", "date", "amount", observation_end="2025-06-30")
              frequency  recency      T  monetary_value
    customer
    A               1.0     55.0  176.0            80.0
    B               1.0    140.0  140.0           200.0
    C               0.0      0.0   29.0             0.0
    >>> rfm_summary(log, "customer", "date", observation_end="2025-05-31")
    Traceback (most recent call last):
    ...
    ValueError: transactions has 2 purchase(s) after observation_end 2025-05-31, the first on 2025-06-01; ...
    """
    check_choice(freq, "freq", _FREQS)
    customers, dates, amounts = check_transactions(transactions, customer_col, date_col, amount_col)
    k = _periods(dates.to_numpy(dtype="datetime64[ns]"), freq)
    k_end = _end_period(k, observation_end, freq, date_col)
    return _summary(customers, k, k_end, None if amounts is None else amounts.to_numpy(), customer_col)


def _end_period(k: np.ndarray, observation_end: Any, freq: str, date_col: str) -> int:
    """The period of ``observation_end`` (default the last purchase's); no purchase may come after it."""
    if observation_end is None:
        return int(k.max())
    end = as_date(observation_end, "observation_end")
    k_end = int(_periods(np.array([end.to_datetime64()], dtype="datetime64[ns]"), freq)[0])
    late = k > k_end
    if late.any():
        first_late = int(k[late].min())
        raise ValueError(
            f"transactions has {int(late.sum())} purchase(s) after observation_end {end.date()}, "
            f"the first on {_period_label(first_late, freq)}; keep purchases up to the end, "
            f"e.g. log[log[{date_col!r}] <= end]"
        )
    return k_end


def _summary(
    customers: pd.Series, k: np.ndarray, k_end: int, amounts: np.ndarray | None, customer_col: str
) -> pd.DataFrame:
    """frequency, recency, T (and monetary_value) per customer from each purchase's period number."""
    # no row permutation: first/last period per customer with ufunc.at, distinct periods from the
    # sorted (customer, period) keys, first-period and repeat values with bincount
    codes, uniques = pd.factorize(customers, sort=True)
    n_customers = len(uniques)
    k_min = int(k.min())
    offset = k - k_min
    first_k = np.full(n_customers, np.iinfo(np.int64).max, dtype=np.int64)
    last_k = np.full(n_customers, -1, dtype=np.int64)
    np.minimum.at(first_k, codes, offset)
    np.maximum.at(last_k, codes, offset)
    span = k_end - k_min + 1
    key = np.sort(codes.astype(np.int64) * span + offset)
    distinct = np.ones(len(key), dtype=bool)
    distinct[1:] = key[1:] != key[:-1]
    frequency = (np.bincount(key[distinct] // span, minlength=n_customers) - 1).astype(float)
    out = pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last_k - first_k).astype(float),
            "T": (k_end - k_min - first_k).astype(float),
        },
        index=pd.Index(uniques, name=customer_col),
    )
    if amounts is not None:
        repeat = offset != first_k[codes]
        total = np.bincount(codes[repeat], weights=amounts[repeat], minlength=n_customers)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["monetary_value"] = np.where(frequency > 0, total / np.maximum(frequency, 1), 0.0)
    return out


def _score(values: pd.Series, bins: int) -> pd.Series:
    pct = values.rank(method="min", pct=True)
    return np.ceil(pct * bins).clip(1, bins).astype(int)


def rfm_scores(summary: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Classic RFM scores 1..bins for recency, frequency and monetary value (RFM 评分).

    Each customer is scored by quantile, as in the classic RFM analysis of
    direct marketing (the quantile rule is this kit's convention):

    - ``r_score`` from the time since the last purchase, ``T - recency``:
      the more recent, the higher;
    - ``f_score`` from ``frequency``: the more repeat purchases, the higher;
    - ``m_score`` from ``monetary_value``: the higher the spend, the higher.

    A score is ``ceil(bins * rank / n)`` with tied customers sharing the lowest
    rank, so equal customers get equal scores (and some scores may be unused
    when many customers tie, e.g. all one-time buyers have the lowest F).

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`rfm_summary` with ``amount_col``: columns
        ``frequency, recency, T, monetary_value``.
    bins : int
        Number of score levels (default 5).

    Returns
    -------
    DataFrame
        Same index; columns ``time_since_last``, ``r_score``, ``f_score``,
        ``m_score``, ``rfm_cell`` (e.g. ``"535"``) and ``rfm_score`` (the sum).

    Raises
    ------
    ValueError
        If a column is missing, a value is NaN, ``bins`` < 2, or recency > T.

    Examples
    --------
    >>> s = pd.DataFrame({"frequency": [0, 2, 5, 1], "recency": [0, 30, 90, 10],
    ...                   "T": [100, 40, 95, 100], "monetary_value": [0, 50, 80, 20]},
    ...                  index=["a", "b", "c", "d"])
    >>> rfm_scores(s, bins=4)[["r_score", "f_score", "m_score", "rfm_cell"]]
       r_score  f_score  m_score rfm_cell
    a        1        1        1      111
    b        3        3        3      333
    c        4        4        4      444
    d        2        2        2      222
    """
    require_columns(summary, ["frequency", "recency", "T", "monetary_value"], "summary")
    bins = check_positive_int(bins, "bins", minimum=2)
    freq = as_numeric_series(summary["frequency"], "summary['frequency']", allow_negative=False)
    rec = as_numeric_series(summary["recency"], "summary['recency']", allow_negative=False)
    age = as_numeric_series(summary["T"], "summary['T']", allow_negative=False)
    money = as_numeric_series(summary["monetary_value"], "summary['monetary_value']")
    bad = (rec > age).to_numpy()
    if bad.any():
        first = summary.index[bad][0]
        raise ValueError(f"some recency values are larger than T, first at {first!r}")
    since_last = age - rec
    out = pd.DataFrame(index=summary.index)
    out["time_since_last"] = since_last
    out["r_score"] = _score(-since_last, bins)
    out["f_score"] = _score(freq, bins)
    out["m_score"] = _score(money, bins)
    out["rfm_cell"] = out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str)
    out["rfm_score"] = out[["r_score", "f_score", "m_score"]].sum(axis=1)
    return out


def rfm_segments(scores: pd.DataFrame, thresholds: dict[str, float] | None = None) -> pd.Series:
    """Name each customer's RFM segment: R, F and M each high or low (RFM 客户细分).

    A score is *high* when it is above the threshold, by default the average
    of that score over all customers. The eight combinations get the names of
    the scheme common in Chinese CRM teaching (this kit's convention; keys in
    :data:`RFM_SEGMENTS`): e.g. high R, F, M is ``"important_value"``
    (重要价值客户); low R with high F and M is ``"important_retention"``
    (重要保持客户): a big, frequent buyer who has not bought lately.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`rfm_scores` (columns ``r_score, f_score, m_score``).
    thresholds : dict, optional
        ``{"r_score": 3, ...}`` to override the averages.

    Returns
    -------
    Series
        Segment keys on the same index, named ``rfm_segment``; show them with
        ``kamcourse.i18n.label``.

    Raises
    ------
    ValueError
        If a score column is missing or holds NaN, or a threshold key is unknown.

    Examples
    --------
    >>> scores = pd.DataFrame({"r_score": [5, 1, 4, 2], "f_score": [5, 5, 1, 1],
    ...                        "m_score": [5, 4, 5, 1]}, index=list("abcd"))
    >>> rfm_segments(scores).tolist()
    ['important_value', 'important_retention', 'important_development', 'general_win_back']
    """
    cols = ["r_score", "f_score", "m_score"]
    require_columns(scores, cols, "scores")
    values = {c: as_numeric_series(scores[c], f"scores[{c!r}]") for c in cols}
    limits = {c: float(values[c].mean()) for c in cols}
    for key, value in (thresholds or {}).items():
        check_choice(key, "thresholds key", cols)
        limits[key] = float(value)
    high = {c: (values[c] > limits[c]).to_numpy() for c in cols}
    names = [RFM_SEGMENTS[(bool(r), bool(f), bool(m))] for r, f, m in zip(high["r_score"], high["f_score"], high["m_score"])]
    return pd.Series(names, index=scores.index, name="rfm_segment")

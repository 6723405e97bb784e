"""Weighted scoring of accounts (大客户综合评分) over several identification criteria."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..validation import as_numeric_series, check_weights, require_columns

__all__ = ["score_accounts"]


def score_accounts(
    df: pd.DataFrame, weights: Mapping[str, float], *, lower_is_better: Iterable[str] = ()
) -> pd.Series:
    """Weighted score of each account over several criteria (大客户综合评分).

    Each criterion column is rescaled to [0, 1] by min–max normalisation
    (reversed for criteria where lower is better, such as bad-debt risk or
    payment days), then combined with the weights, **which are normalised to
    sum to 1** so the score stays in [0, 1]::

        x'_j  = (x_j − min x_j) / (max x_j − min x_j)      (1 − that, if lower is better)
        score = Σ_j w_j · x'_j / Σ_j w_j

    A constant column cannot separate accounts: it contributes 0 for everyone.
    The criteria follow the course materials' identification criteria
    (purchases and growth, payment, risk, industry position, influence);
    the weights are the user's choice.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per account, one numeric column per criterion.
    weights : dict
        ``{column: weight}``; weights are non-negative and not all zero.
    lower_is_better : iterable of str
        Columns (among the weighted ones) where a smaller value is better.

    Returns
    -------
    pandas.Series
        Score in [0, 1] per account (index of ``df``), named ``score``.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame, ``weights`` not a dict, or a value not a number.
    ValueError
        If a weighted column is missing (the message lists those present), a
        weight is negative or all weights are zero, a criterion holds NaN, or a
        ``lower_is_better`` column has no weight.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [100, 50, 0], "growth": [0.0, 0.2, 0.1],
    ...                    "payment_days": [90, 30, 60]}, index=["A", "B", "C"])
    >>> score_accounts(df, {"revenue": 2, "growth": 1, "payment_days": 1},
    ...                lower_is_better=["payment_days"]).round(3)
    A    0.50
    B    0.75
    C    0.25
    Name: score, dtype: float64
    >>> score_accounts(df, {"profit": 1})
    Traceback (most recent call last):
    ...
    ValueError: df is missing column(s) 'profit'; columns present: revenue, growth, payment_days
    """
    w = check_weights(weights, what="column")
    require_columns(df, list(w), "df")
    total = sum(w.values())
    lower = list(lower_is_better)
    unknown = [c for c in lower if c not in w]
    if unknown:
        raise ValueError(
            f"lower_is_better names column(s) without a weight: {', '.join(map(repr, unknown))}; "
            f"weighted columns: {', '.join(map(str, w))}"
        )
    score = pd.Series(0.0, index=df.index, name="score")
    for col, weight in w.items():
        x = as_numeric_series(df[col], f"df[{col!r}]")
        x.index = df.index
        lo, hi = float(x.min()), float(x.max())
        norm = (x - lo) / (hi - lo) if hi > lo else pd.Series(0.0, index=df.index)
        if col in lower and hi > lo:
            norm = 1.0 - norm
        score = score + (weight / total) * norm
    return score.rename("score")

"""The satisfaction survey's attributes (满意度调查): mean expectation, performance and importance, and a weighted index."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..validation import as_numeric_series, check_not_empty, check_number, require_columns
from ..vocabulary import SURVEY_ATTRIBUTES
from .expectation_disconfirmation import disconfirmation

__all__ = ["ATTRIBUTES", "attribute_summary", "satisfaction_index"]

#: The six attributes of the company's satisfaction survey (columns
#: ``expectation_<attr>``, ``performance_<attr>``, ``importance_<attr>``, 1-7);
#: :data:`kamcourse.vocabulary.SURVEY_ATTRIBUTES`.
ATTRIBUTES: tuple[str, ...] = SURVEY_ATTRIBUTES


def _attributes_in(surveys: pd.DataFrame, attributes: Any, needs: tuple[str, ...]) -> list[str]:
    require_columns(surveys, [], "surveys")
    if attributes is None:
        attributes = [
            c[len("performance_"):] for c in surveys.columns
            if isinstance(c, str) and c.startswith("performance_")
        ]
        if not attributes:
            present = ", ".join(map(str, surveys.columns)) or "(none)"
            raise ValueError(
                f"surveys has no performance_<attribute> columns; columns present: {present}"
            )
    elif isinstance(attributes, str):
        attributes = [attributes]
    attributes = list(attributes)
    require_columns(surveys, [f"{p}_{a}" for a in attributes for p in needs], "surveys")
    check_not_empty(surveys, "surveys", "answered survey")
    return attributes


def attribute_summary(surveys: pd.DataFrame, attributes: Any = None, tolerance: float = 0.0) -> pd.DataFrame:
    """Mean expectation, performance and importance of each survey attribute (满意度属性汇总).

    The raw material of satisfaction analysis: for each attribute (product
    quality, delivery reliability, ...) the mean expectation, perceived
    performance and importance over the answered surveys, the gap
    performance - expectation and its reading by :func:`disconfirmation`
    (Oliver 1980).

    Parameters
    ----------
    surveys : pandas.DataFrame
        One row per answered survey with columns ``expectation_<attr>``,
        ``performance_<attr>``, ``importance_<attr>`` (scale 1-7).
    attributes : list of str, optional
        Attributes to summarise; default every ``performance_<attr>`` column.
    tolerance : float, default 0.0
        Mean gaps within +/- tolerance read as confirmation (see
        :func:`disconfirmation`).

    Returns
    -------
    pandas.DataFrame
        Index ``attribute``; columns expectation, performance, importance,
        gap, disconfirmation.

    Raises
    ------
    ValueError
        If columns are missing, the table is empty or holds NaN.

    Examples
    --------
    >>> s = pd.DataFrame({"expectation_price_value": [5, 6], "performance_price_value": [4, 5],
    ...                   "importance_price_value": [7, 6]})
    >>> attribute_summary(s)
                     expectation  performance  importance  gap disconfirmation
    attribute
    price_value              5.5          4.5         6.5 -1.0        negative
    """
    attrs = _attributes_in(surveys, attributes, ("expectation", "performance", "importance"))
    check_number(tolerance, "tolerance")
    rows = {}
    for a in attrs:
        means = {}
        for p in ("expectation", "performance", "importance"):
            col = f"{p}_{a}"
            means[p] = float(as_numeric_series(surveys[col], f"surveys[{col!r}]").mean())
        rows[a] = means
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "attribute"
    out["gap"] = out["performance"] - out["expectation"]
    out["disconfirmation"] = [disconfirmation(g, 0.0, tolerance) for g in out["gap"]]
    return out


def satisfaction_index(
    surveys: pd.DataFrame, attributes: Any = None, low: float = 1, high: float = 7
) -> pd.Series:
    """Importance-weighted satisfaction index, 0-100 (加权满意度指数).

    Each respondent's performance ratings are rescaled to 0-100 and averaged
    with their own importance ratings as weights:

        SI = 100 * sum_i w_i (p_i - low) / (high - low),  w_i = imp_i / sum_j imp_j

    This weighting is this kit's convention (the usual importance-weighted
    average of attribute scores); 0 = every attribute rated at the bottom,
    100 = every attribute at the top.

    Parameters
    ----------
    surveys : pandas.DataFrame
        Columns ``performance_<attr>`` and ``importance_<attr>``.
    attributes : list of str, optional
        Default: every ``performance_<attr>`` column.
    low, high : float, default 1 and 7
        Ends of the rating scale.

    Returns
    -------
    pandas.Series
        One index value per survey row, named ``satisfaction_index``.

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, outside [low, high], or an
        importance row sums to zero.

    Examples
    --------
    >>> s = pd.DataFrame({"performance_quality": [7, 4], "importance_quality": [6, 6],
    ...                   "performance_price": [1, 4], "importance_price": [2, 6]})
    >>> satisfaction_index(s).tolist()
    [75.0, 50.0]
    """
    lo, hi = check_number(low, "low"), check_number(high, "high")
    if hi <= lo:
        raise ValueError(f"high must be greater than low, got low={low!r}, high={high!r}")
    attrs = _attributes_in(surveys, attributes, ("performance", "importance"))
    num = pd.Series(0.0, index=surveys.index)
    den = pd.Series(0.0, index=surveys.index)
    for a in attrs:
        cols = {p: f"{p}_{a}" for p in ("performance", "importance")}
        vals = {p: as_numeric_series(surveys[c], f"surveys[{c!r}]") for p, c in cols.items()}
        for p, v in vals.items():
            bad = (v < lo) | (v > hi)
            if bad.any():
                first = v.index[bad.to_numpy()][0]
                raise ValueError(
                    f"surveys[{cols[p]!r}] must be in [{lo:g}, {hi:g}], got {v[first]:g} at {first!r}"
                )
        num += vals["importance"] * (vals["performance"] - lo) / (hi - lo)
        den += vals["importance"]
    if (den <= 0).any():
        raise ValueError("every survey needs a positive importance total")
    return (100 * num / den).rename("satisfaction_index")

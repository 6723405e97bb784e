"""Choosing a CRM system (CRM系统选型) with a weighted decision matrix, and how robust the choice is.

The system manual of the course materials lists what a CRM system offers (客户关系管理系统操作手册 1.2
功能特点): customer information, sales, service and marketing management, data analysis, system
integration, security, ease of use and a mobile app; the syllabus asks for a selection process (6.2
CRM系统的选型流程) and the hotel manual for software selection (9.1 客户关系管理软件选择). A weighted
decision matrix (加权评分法) turns these into a choice: score each option on each criterion, weight the
criteria, add up.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_not_empty, check_weights, require_columns

__all__ = ["SELECTION_CRITERIA", "CRM_OPTIONS", "decision_matrix", "weight_to_switch"]

#: Selection criteria after the system manual's list of features (1.2 功能特点), plus cost and vendor support.
SELECTION_CRITERIA: tuple[str, ...] = (
    "functional_fit", "integration", "security", "ease_of_use", "mobile_app", "cost_of_ownership", "vendor_support",
)

#: Four kinds of CRM system scored 1-5 on each criterion (5 = best; for ``cost_of_ownership`` 5 = cheapest).
#: The scores are this kit's illustration for a mid-sized Chinese B2B supplier, not measurements.
CRM_OPTIONS: pd.DataFrame = pd.DataFrame(
    {
        "functional_fit": [4, 4, 5, 3],
        "integration": [3, 4, 5, 3],
        "security": [4, 4, 3, 3],
        "ease_of_use": [5, 3, 3, 3],
        "mobile_app": [5, 3, 2, 2],
        "cost_of_ownership": [3, 2, 1, 5],
        "vendor_support": [4, 4, 2, 2],
    },
    index=pd.Index(["cloud_saas", "on_premise_package", "custom_build", "open_source"], name="option"),
)


def _matrix(scores: pd.DataFrame, weights: Mapping[str, float]) -> tuple[pd.DataFrame, pd.Series]:
    check_not_empty(scores, "scores", "option (one row per option)")
    w = check_weights(weights, "weights", valid=list(scores.columns), what="criterion")
    cols = list(w)
    require_columns(scores, cols, "scores")
    table = pd.DataFrame({c: as_numeric_series(scores[c], f"scores[{c!r}]") for c in cols}, index=scores.index)
    return table, pd.Series(w, dtype=float)


def decision_matrix(scores: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Weighted scores of the options (加权评分决策矩阵): each criterion's score times its weight, added up.

    .. math:: total_o = \\sum_c \\tilde w_c \\, s_{o,c}, \\qquad \\tilde w_c = w_c / \\sum_k w_k

    Weights are normalised to sum to 1, so the total stays on the scale of the scores (1-5 here). A
    criterion without a weight is left out. Source: the weighted-sum model of multi-criteria decision
    making (Fishburn, P.C. (1967), "Additive utilities with incomplete product sets", *Operations
    Research* 15(3)); the course materials' lists for the criteria.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per option, one column per criterion (numbers, higher = better; score cost so that a
        cheaper option scores higher).
    weights : mapping
        ``{criterion: weight}``, weights >= 0, not all 0.

    Returns
    -------
    pandas.DataFrame
        Best first: one column per weighted criterion (its contribution ``w̃_c · s_{o,c}``), ``total``,
        ``rank`` (1 = best; ties share the better rank) and ``margin`` (total minus the next option's;
        0 for the last).

    Raises
    ------
    TypeError
        If ``scores`` is not a DataFrame or a score or weight is not a number.
    ValueError
        If ``scores`` is empty, a weight names a criterion not in ``scores``, a weight is negative, or
        all are 0.

    Examples
    --------
    >>> scores = pd.DataFrame({"fit": [4, 3], "cost": [2, 5]}, index=["A", "B"])
    >>> decision_matrix(scores, {"fit": 4, "cost": 1})
       fit  cost  total  rank  margin
    A  3.2   0.4    3.6     1     0.2
    B  2.4   1.0    3.4     2     0.0
    """
    table, w = _matrix(scores, weights)
    share = w / w.sum()
    out = table.mul(share, axis=1)
    out["total"] = out.sum(axis=1).round(12)
    out["rank"] = out["total"].rank(ascending=False, method="min").astype(int)
    out = out.sort_values(["rank"], kind="stable")
    out["margin"] = (out["total"] - out["total"].shift(-1)).fillna(0.0).round(12)
    return out


def weight_to_switch(scores: pd.DataFrame, weights: Mapping[str, float], criterion: str) -> float:
    """The weight of one criterion at which the matrix's winner changes (权重敏感性分析).

    Keep every other weight fixed and move the weight of ``criterion`` from its value up or down. The
    (unnormalised) total of option *o* is a straight line in that weight, ``b_o + w · s_{o,c}``; the
    winner *A* stays first until another option *B*'s line crosses its own, at

    .. math:: w^* = (b_A - b_B) / (s_{B,c} - s_{A,c})

    The answer is the crossing nearest to the current weight among all challengers (``w* >= 0``); ``inf``
    if no weight makes another option win. A choice that flips when a weight moves a little is fragile:
    agree on the weights before scoring. Source: sensitivity analysis of the weighted-sum model
    (this kit's formulation).

    Parameters
    ----------
    scores : pandas.DataFrame
        As for :func:`decision_matrix`.
    weights : mapping
        The current weights; ``criterion`` must be among them.
    criterion : str
        The criterion whose weight moves.

    Returns
    -------
    float
        The weight at which the winner changes (on the scale of ``weights``), or ``inf``.

    Raises
    ------
    TypeError, ValueError
        As :func:`decision_matrix`; also if ``criterion`` has no weight or the current choice is a tie.

    Examples
    --------
    >>> scores = pd.DataFrame({"fit": [4, 3], "cost": [2, 5]}, index=["A", "B"])
    >>> weight_to_switch(scores, {"fit": 4, "cost": 1}, "cost")   # A wins; at cost weight 4/3 B catches up
    1.3333333333333333
    >>> weight_to_switch(scores, {"fit": 4, "cost": 1}, "fit")     # less weight on fit: at 3 the two tie
    3.0
    """
    table, w = _matrix(scores, weights)
    if criterion not in w.index:
        raise ValueError(f"criterion {criterion!r} has no weight; weights name {', '.join(w.index)}")
    total = table.mul(w, axis=1).sum(axis=1)
    best = total.max()
    leaders = total.index[np.isclose(total, best)]
    if len(leaders) > 1:
        raise ValueError(f"options {', '.join(map(str, leaders))} tie for first place; there is no winner to switch")
    a = leaders[0]
    base = total - w[criterion] * table[criterion]
    candidates = []
    for b in table.index.drop(a):
        slope = table.at[b, criterion] - table.at[a, criterion]
        if slope == 0:
            continue
        crossing = (base[a] - base[b]) / slope
        if crossing >= 0:
            candidates.append(float(crossing))
    if not candidates:
        return float("inf")
    now = float(w[criterion])
    return min(candidates, key=lambda x: (abs(x - now), x))

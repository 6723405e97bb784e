"""Figures of churn prediction: ROC curves, cumulative gains, lift by decile, profit by threshold (流失预测图)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...mining import cumulative_gains
from ...validation import check_not_empty, require_columns, scored_outcomes
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis, text_for

__all__ = ["plot_roc", "plot_gains", "plot_lift", "plot_profit_curve"]


def _scores(scores: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(scores, Mapping) or not scores:
        raise TypeError(f"scores must be a dict of model name -> scores, got {type(scores).__name__}")
    return dict(scores)


@course_figure
def plot_roc(y_true: Any, scores: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """ROC curves of one or more models, with the area under each curve in the legend (ROC曲线).

    The ROC curve plots, for every threshold, the share of churners caught (true positive rate)
    against the share of loyal customers wrongly flagged (false positive rate); the diagonal is a
    random guess (AUC 0.5). Computed with ``sklearn.metrics.roc_curve`` and ``roc_auc_score``.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a churner, 0 otherwise.
    scores : dict
        Model name (a glossary key or text) -> its scores for the same customers.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``scores`` is not a non-empty dict.
    ValueError
        If a score column fails :func:`kamcourse.validation.scored_outcomes`.

    Examples
    --------
    >>> ax = plot_roc([1, 0, 1, 0], {"logistic_regression": [0.9, 0.2, 0.6, 0.4]})
    >>> ax.get_legend().get_texts()[0].get_text()
    'logistic regression (AUC 1.00)'
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    ax = new_axes(ax)
    for k, (name, score) in enumerate(_scores(scores).items()):
        y, s = scored_outcomes(y_true, score)
        fpr, tpr, _ = roc_curve(y, s)
        ax.plot(fpr, tpr, color=PALETTE[k % len(PALETTE)], label=f"{text_for(name)} (AUC {roc_auc_score(y, s):.2f})")
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label=i18n.label("random_guess"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.legend(loc="lower right")
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    return finish(ax, title="roc_title", xlabel="false_positive_rate", ylabel="true_positive_rate")


@course_figure
def plot_gains(y_true: Any, scores: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """Cumulative gains chart: share of churners found against share of customers contacted (累积增益图).

    Each model's curve (:func:`kamcourse.mining.cumulative_gains`), the diagonal of contacting in a
    random order, and the perfect ranking that puts every churner first.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a churner, 0 otherwise.
    scores : dict
        Model name -> its scores for the same customers.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``scores`` is not a non-empty dict.
    ValueError
        If the inputs fail :func:`kamcourse.validation.scored_outcomes` or there is no churner.

    Examples
    --------
    >>> ax = plot_gains([1, 0, 0, 0], {"decision_tree": [0.9, 0.2, 0.6, 0.4]})
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['decision tree', 'no model (random order)', 'perfect model']
    """
    ax = new_axes(ax)
    rate = None
    for k, (name, score) in enumerate(_scores(scores).items()):
        curve = cumulative_gains(y_true, score)
        ax.plot(curve["share_contacted"], curve["share_captured"], color=PALETTE[k % len(PALETTE)],
                label=text_for(name))
        y, _ = scored_outcomes(y_true, score)
        rate = float(y.mean())
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label=i18n.label("no_model"))
    ax.plot([0, rate, 1], [0, 1, 1], color="black", linestyle="--", linewidth=0.8, label=i18n.label("perfect_model"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.legend(loc="lower right")
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    return finish(ax, title="gains_title", xlabel="share_contacted", ylabel="share_captured")


@course_figure
def plot_lift(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Lift of each score group (decile), highest scores first; the line at 1 is no model (提升度图).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`kamcourse.mining.gains_table` (index group, column ``lift``).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If the ``lift`` column is missing or the table is empty.

    Examples
    --------
    >>> t = pd.DataFrame({"lift": [3.0, 1.0, 0.2]}, index=pd.Index([1, 2, 3], name="group"))
    >>> ax = plot_lift(t)
    >>> [round(float(p.get_height()), 1) for p in ax.patches]
    [3.0, 1.0, 0.2]
    """
    require_columns(table, ["lift"], "table")
    check_not_empty(table, "table", "group")
    ax = new_axes(ax)
    groups = [str(g) for g in table.index]
    ax.bar(groups, table["lift"].to_numpy(dtype=float), color=PALETTE[0])
    ax.axhline(1.0, color="grey", linestyle=":", label=i18n.label("no_model"))
    for x, v in zip(groups, table["lift"]):
        ax.annotate(f"{v:.1f}", (x, v), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    ax.legend(loc="upper right")
    return finish(ax, title="lift_title", xlabel="score_group", ylabel="lift")


@course_figure
def plot_profit_curve(curve: pd.DataFrame, chosen: float | None = None, ax: Axes | None = None) -> Axes:
    """Profit of the retention campaign for each threshold, with offering to nobody at 0 (挽留利润曲线).

    Parameters
    ----------
    curve : DataFrame
        Output of :func:`kamcourse.mining.profit_curve` (index threshold, column ``profit``).
    chosen : float, optional
        A threshold to mark (e.g. the break-even probability).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If the ``profit`` column is missing or the curve is empty.

    Examples
    --------
    >>> c = pd.DataFrame({"profit": [-500.0, 800.0, 300.0, 0.0]}, index=pd.Index([0, 0.3, 0.6, 1.0], name="threshold"))
    >>> ax = plot_profit_curve(c, chosen=0.3)
    >>> float(ax.lines[1].get_xdata()[0])
    0.3
    """
    require_columns(curve, ["profit"], "curve")
    check_not_empty(curve, "curve", "threshold")
    ax = new_axes(ax)
    x = curve.index.to_numpy(dtype=float)
    profit = curve["profit"].to_numpy(dtype=float)
    ax.plot(x, profit, color=PALETTE[0], label=i18n.label("campaign_profit"))
    if chosen is not None:
        here = float(np.interp(chosen, x, profit))
        ax.plot([chosen], [here], "o", color=PALETTE[3], markersize=8, label=i18n.label("chosen_threshold"))
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.legend(loc="best")
    return finish(ax, title="profit_curve_title", xlabel="threshold", ylabel="campaign_profit")

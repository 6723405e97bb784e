"""Figures of customer satisfaction: the Kano plot and answers, the IPA grid, the indicator dashboard."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...satisfaction import INDICATORS, KANO_CODES, importance_performance
from ...validation import check_choice, paired_series, require_columns, threshold_value
from ..style import PALETTE, course_figure, finish, new_axes, text_for

__all__ = [
    "KANO_COLORS",
    "plot_kano",
    "plot_kano_counts",
    "plot_ipa",
    "plot_indicators",
]


#: Colours of the Kano categories and other keys of this chapter.
KANO_COLORS: dict[str, str] = {
    "attractive": PALETTE[2],
    "one_dimensional": PALETTE[0],
    "must_be": PALETTE[3],
    "indifferent": "#999999",
    "reverse": PALETTE[4],
    "questionable": "#CCCCCC",
    "keep_up": PALETTE[2],
    "concentrate_here": PALETTE[3],
    "low_priority": "#999999",
    "possible_overkill": PALETTE[1],
    "defection": "#F4C7B8",
    "indifference": "#F2F2F2",
    "affection": "#CDEBDD",
}


@course_figure
def plot_kano(table: pd.DataFrame, threshold: float = 0.5, ax: Axes | None = None) -> Axes:
    """Kano plot: Better against |Worse| with the four quadrants (卡诺二维分析图).

    Each feature is a point at (|Worse|, Better) (Berger et al. 1993). Split at
    ``threshold`` (0.5 is the usual reading of "strong"), the quadrants are
    attractive (high Better, low |Worse|), one-dimensional (both high),
    must-be (high |Worse|, low Better) and indifferent (both low). Points
    are coloured by the category of :func:`kamcourse.satisfaction.kano_table`.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.kano_table` (columns
        ``better``, ``worse``, ``category``; index = feature).
    threshold : float, default 0.5
        Where the quadrant lines are drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"better": [0.8, 0.3], "worse": [-0.2, -0.9],
    ...                   "category": ["attractive", "must_be"]}, index=["tracking", "stock"])
    >>> ax = plot_kano(t)
    >>> ax.get_xlabel()
    '|Worse| (dissatisfaction coefficient)'
    """
    require_columns(table, ["better", "worse", "category"], "table")
    ax = new_axes(ax)
    for x0, y0, key in ((0, 1, "attractive"), (1, 1, "one_dimensional"), (1, 0, "must_be"), (0, 0, "indifferent")):
        ax.text(
            0.02 if x0 == 0 else 0.98, 0.98 if y0 == 1 else 0.02, i18n.label(key),
            transform=ax.transAxes, ha="left" if x0 == 0 else "right", va="top" if y0 == 1 else "bottom",
            color=KANO_COLORS[key], fontsize=12, fontweight="bold", alpha=0.8,
        )
    ax.axvline(threshold, color="grey", lw=1, ls="--")
    ax.axhline(threshold, color="grey", lw=1, ls="--")
    placed: list[tuple[float, float]] = []
    rows = table[np.isfinite(table["better"].astype(float)) & np.isfinite(table["worse"].astype(float))]
    for feature, row in rows.sort_values("better", ascending=False).iterrows():
        x, y = abs(row["worse"]), row["better"]
        category = row["category"]
        off_category = category in ("reverse", "questionable")  # Better/Worse ignore R and Q answers
        ax.scatter([x], [y], s=70, color=KANO_COLORS.get(category, PALETTE[0]), zorder=3,
                   edgecolor="white", marker="X" if off_category else "o")
        text = text_for(feature) + (f" ({i18n.label(category)})" if off_category else "")
        crowded = any(abs(x - px) < 0.25 and abs(y - py) < 0.05 for px, py in placed)
        ax.annotate(text, (x, y), xytext=(6, -12 if crowded else 4), textcoords="offset points", fontsize=9)
        placed.append((x, y))
    ax.set_xlim(-0.02, 1.05)
    ax.set_ylim(-0.02, 1.05)
    return finish(ax, title="kano_plot_title", xlabel="worse_abs", ylabel="better")


@course_figure
def plot_kano_counts(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars of the Kano answers per feature (卡诺问卷各类别回答数).

    Shows how clear-cut each classification is: one dominant colour is a
    clear category, similar bars a near tie (then M > O > A > I decides).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.kano_table` (columns A, O, M, I, R, Q).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"A": [5, 0], "O": [2, 3], "M": [0, 6], "I": [2, 0], "R": [0, 1], "Q": [1, 0]},
    ...                  index=["tracking", "stock"])
    >>> ax = plot_kano_counts(t)
    >>> len(ax.patches)
    12
    """
    require_columns(table, list("AOMIRQ"), "table")
    ax = new_axes(ax)
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for category, code in KANO_CODES.items():
        values = table[code].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=KANO_COLORS[category], label=i18n.label(category),
                edgecolor="white")
        left += values
    ax.set_yticks(y, [text_for(f) for f in table.index])
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    return finish(ax, title="kano_counts_title", xlabel="answers")


@course_figure
def plot_ipa(
    importance: Any,
    performance: Any,
    importance_threshold: Any = "mean",
    performance_threshold: Any = "mean",
    ax: Axes | None = None,
) -> Axes:
    """Importance-performance grid (重要性-绩效矩阵, Martilla & James 1977).

    Performance on the x axis, importance on the y axis, split at the
    thresholds of :func:`kamcourse.satisfaction.importance_performance`; each
    attribute is coloured by its quadrant.

    Parameters
    ----------
    importance, performance : Series (or dict) of numbers
        One value per attribute; the index gives the point labels.
    importance_threshold, performance_threshold : {"mean", "median"} or float
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> imp = pd.Series({"product_quality": 6.5, "ordering_ease": 4.0})
    >>> perf = pd.Series({"product_quality": 6.0, "ordering_ease": 5.0})
    >>> ax = plot_ipa(imp, perf)
    >>> ax.get_ylabel()
    'importance'
    """
    imp, perf = paired_series(importance, performance, "importance", "performance")
    quad = importance_performance(imp, perf, importance_threshold, performance_threshold)
    ti = threshold_value(imp, importance_threshold, "importance_threshold")
    tp = threshold_value(perf, performance_threshold, "performance_threshold")
    ax = new_axes(ax)
    ax.axvline(tp, color="grey", lw=1, ls="--")
    ax.axhline(ti, color="grey", lw=1, ls="--")
    for key, x0, y0 in (("concentrate_here", 0, 1), ("keep_up", 1, 1), ("low_priority", 0, 0), ("possible_overkill", 1, 0)):
        ax.text(
            0.02 if x0 == 0 else 0.98, 0.98 if y0 == 1 else 0.02, i18n.label(key), transform=ax.transAxes,
            ha="left" if x0 == 0 else "right", va="top" if y0 == 1 else "bottom",
            color=KANO_COLORS[key], fontweight="bold", alpha=0.8,
        )
    for name in imp.index:
        ax.scatter([perf[name]], [imp[name]], s=70, color=KANO_COLORS[quad[name]], zorder=3, edgecolor="white")
        ax.annotate(text_for(name), (perf[name], imp[name]), xytext=(6, 4), textcoords="offset points", fontsize=9)
    pad_x = max(0.5, 0.15 * float(perf.max() - perf.min()))
    pad_y = max(0.5, 0.15 * float(imp.max() - imp.min()))
    ax.set_xlim(min(perf.min(), tp) - pad_x, max(perf.max(), tp) + pad_x)
    ax.set_ylim(min(imp.min(), ti) - pad_y, max(imp.max(), ti) + pad_y)
    return finish(ax, title="ipa_title", xlabel="performance", ylabel="importance")


@course_figure
def plot_indicators(scores: pd.DataFrame, year: Any = None, ax: Axes | None = None) -> Axes:
    """Dashboard of the seven satisfaction indicators and their index (客户满意指标看板).

    Horizontal bars of the seven 0-100 scores of one year (from
    :func:`kamcourse.satisfaction.indicator_index`), with the weighted index
    as a vertical line and, when earlier years are in the table, each
    indicator's previous-year score as a small mark.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`kamcourse.satisfaction.indicator_index` (index year).
    year : index label, optional
        The year to show; default the last row.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> s = pd.DataFrame({"reputation": [70.0, 80.0], "brand_insistence": [30.0, 35.0], "repurchase_rate": [85.0, 90.0],
    ...     "complaint_rate": [88.0, 90.0], "amount_per_purchase": [95.0, 100.0], "discount_granted": [91.0, 92.0],
    ...     "referral_rate": [35.0, 40.0], "indicator_index": [69.0, 73.7]}, index=[2024, 2025])
    >>> ax = plot_indicators(s)
    >>> len(ax.patches), ax.get_title()
    (7, 'The seven satisfaction indicators: 2025')
    """
    require_columns(scores, [*INDICATORS, "indicator_index"], "scores")
    if len(scores) == 0:
        raise ValueError("scores is empty")
    year = scores.index[-1] if year is None else check_choice(year, "year", scores.index)
    pos = list(scores.index).index(year)
    row = scores.loc[year]
    ax = new_axes(ax)
    y = np.arange(len(INDICATORS))
    ax.barh(y, [row[k] for k in INDICATORS], color=PALETTE[0], alpha=0.85)
    for i, k in enumerate(INDICATORS):
        ax.text(row[k] + 1, i, f"{row[k]:.0f}", va="center", fontsize=9)
    if pos > 0:
        prev = scores.iloc[pos - 1]
        ax.scatter([prev[k] for k in INDICATORS], y, marker="|", s=300, color="black", zorder=3,
                   label=str(scores.index[pos - 1]))
        ax.legend(loc="lower right")
    ax.axvline(row["indicator_index"], color=PALETTE[3], lw=2, ls="--")
    ax.text(row["indicator_index"], -0.75, f"{i18n.label('indicator_index')} {row['indicator_index']:.1f}",
            color=PALETTE[3], ha="center", va="center", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9})
    ax.set_yticks(y, [i18n.label(k) for k in INDICATORS])
    ax.set_ylim(len(INDICATORS) - 0.5, -1.1)
    ax.set_xlim(0, 110)
    finish(ax, xlabel="indicator_score")
    ax.set_title(f"{i18n.label('indicator_dashboard_title')}: {year}")
    return ax

"""Figures of lesson 16: the decision matrix, the risk matrix, adoption and record quality, the CRM scorecard."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ... import i18n
from ...validation import require_columns
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis, text_for

__all__ = ["plot_decision_matrix", "plot_risk_matrix", "plot_adoption", "plot_scorecard"]

_SHARES = ("repurchase_rate", "gross_margin", "win_rate", "staff_turnover", "adoption", "completeness")
_SCHEME_COLORS = {"no_bonus": "#FFFFFF", "count_bonus": "#F6D7C3", "quality_bonus": "#D4ECE3"}


@course_figure
def plot_decision_matrix(matrix: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Weighted scores of the options, stacked by criterion (加权评分决策矩阵图).

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`kamcourse.crm_implementation.decision_matrix` (criterion columns, ``total``, ``rank``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``total`` is missing.

    Examples
    --------
    >>> m = pd.DataFrame({"fit": [3.2, 2.4], "cost": [0.4, 1.0], "total": [3.6, 3.4], "rank": [1, 2],
    ...                   "margin": [0.2, 0.0]}, index=["A", "B"])
    >>> len(plot_decision_matrix(m).patches)
    4
    """
    require_columns(matrix, ["total"], "matrix")
    criteria = [c for c in matrix.columns if c not in ("total", "rank", "margin")]
    ax = new_axes(ax, figsize=(7.0, max(2.5, 0.55 * len(matrix) + 1.5)))
    table = matrix.iloc[::-1]
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for i, c in enumerate(criteria):
        ax.barh(y, table[c], left=left, color=PALETTE[i % len(PALETTE)], label=text_for(c), edgecolor="white")
        left += table[c].to_numpy(float)
    for yi, total in enumerate(table["total"]):
        ax.text(total + 0.03, yi, f"{total:.2f}", va="center", fontsize=9)
    ax.set_yticks(y, [text_for(k) for k in table.index])
    ax.set_xlim(0, float(table["total"].max()) * 1.15)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=min(4, len(criteria)), fontsize=8)
    return finish(ax, title="decision_matrix_title", xlabel="weighted_score")


@course_figure
def plot_risk_matrix(register: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The risks on the likelihood × impact grid, shaded by level (风险矩阵).

    Parameters
    ----------
    register : pandas.DataFrame
        :func:`kamcourse.crm_implementation.risk_register` (``likelihood``, ``impact``, ``rank``; index = risk).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> reg = pd.DataFrame({"likelihood": [4, 2], "impact": [5, 3], "rank": [1, 2]}, index=["low_adoption", "x"])
    >>> ax = plot_risk_matrix(reg)
    >>> len(ax.patches), len(ax.texts)
    (25, 2)
    """
    from ...crm_implementation import risk_level

    require_columns(register, ["likelihood", "impact", "rank"], "register")
    ax = new_axes(ax, figsize=(6.5, 5.0))
    shade = {"low": "#D4ECE3", "medium": "#FBEFC5", "high": "#F6D7C3", "critical": "#EBA98A"}
    for li in range(1, 6):
        for im in range(1, 6):
            ax.add_patch(Rectangle((im - 0.5, li - 0.5), 1, 1, facecolor=shade[risk_level(li * im)], edgecolor="white"))
    placed: dict[tuple[int, int], int] = {}
    for risk, row in register.sort_values("rank").iterrows():
        cell = (int(row["impact"]), int(row["likelihood"]))
        k = placed.get(cell, 0)
        placed[cell] = k + 1
        ax.text(cell[0], cell[1] + 0.3 - 0.22 * k, f"{int(row['rank'])}. {text_for(risk)}", ha="center", va="center",
                fontsize=7)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.grid(False)
    return finish(ax, title="risk_matrix_title", xlabel="impact", ylabel="likelihood")


@course_figure
def plot_adoption(curve: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Adoption and record quality month by month, with the incentive schemes shaded (系统使用与数据质量).

    Lines: the share of staff who entered records (adoption), the share of complete records and the
    share of duplicates; the background shows the incentive scheme in force.

    Parameters
    ----------
    curve : pandas.DataFrame
        :func:`kamcourse.crm_implementation.adoption_curve` (index = month; ``adoption``,
        ``completeness``, ``duplicate_rate``, optionally ``incentive_scheme``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> months = pd.date_range("2024-05-01", periods=3, freq="MS")
    >>> c = pd.DataFrame({"adoption": [0.8, 0.9, 0.9], "completeness": [0.85, 0.6, 0.6],
    ...                   "duplicate_rate": [0.02, 0.1, 0.1], "incentive_scheme": ["no_bonus", "count_bonus", "count_bonus"]},
    ...                  index=months)
    >>> len(plot_adoption(c).lines)
    3
    """
    require_columns(curve, ["adoption", "completeness", "duplicate_rate"], "curve")
    ax = new_axes(ax, figsize=(8.0, 4.0))
    if "incentive_scheme" in curve:
        scheme = curve["incentive_scheme"]
        starts = scheme.ne(scheme.shift()).to_numpy()
        edges = list(curve.index[starts]) + [curve.index[-1] + pd.offsets.MonthBegin(1)]
        for (a, b), key in zip(zip(edges[:-1], edges[1:]), scheme[starts]):
            ax.axvspan(a, b, color=_SCHEME_COLORS.get(key, "#FFFFFF"), alpha=0.8, lw=0)
            ax.text(a, 1.02, i18n.label(key), fontsize=8, va="bottom")
    for i, col in enumerate(("adoption", "completeness", "duplicate_rate")):
        ax.plot(curve.index, curve[col], color=PALETTE[i], marker=".", label=i18n.label(col))
    ax.set_ylim(0, 1.1)
    percent_axis(ax)
    ax.legend(loc="lower right", fontsize=8)
    return finish(ax, title="adoption_title", xlabel="month", ylabel="share")


@course_figure
def plot_scorecard(card: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The CRM scorecard as a grid: each indicator's change from its first year, green = better (评估记分卡).

    A cell is coloured by the change against the indicator's first year with data, relative to that
    value, in the better direction of :data:`kamcourse.crm_implementation.SCORECARD_INDICATORS` (green:
    better, red: worse; white: the first year or no data); the cell shows the value.

    Parameters
    ----------
    card : pandas.DataFrame
        :func:`kamcourse.crm_implementation.crm_scorecard` (index = (perspective, indicator)).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If the index is not (perspective, indicator).

    Examples
    --------
    >>> card = pd.DataFrame([[3.8, 3.7], [6.0, 5.5]], columns=[2024, 2025],
    ...     index=pd.MultiIndex.from_tuples([("customer", "satisfaction_mean"), ("process", "response_days")],
    ...                                     names=["perspective", "indicator"]))
    >>> ax = plot_scorecard(card)
    >>> len(ax.patches), len(ax.texts)
    (4, 4)
    """
    from ...crm_implementation import SCORECARD_INDICATORS

    if list(card.index.names) != ["perspective", "indicator"]:
        raise ValueError(f"card must be indexed by (perspective, indicator), got {list(card.index.names)}")
    ax = new_axes(ax, figsize=(7.5, 0.38 * len(card) + 1.2))
    for r, (key, row) in enumerate(card.iterrows()):
        indicator = key[1]
        sign = -1.0 if SCORECARD_INDICATORS.at[indicator, "direction"] == "lower" else 1.0
        base = row.dropna()
        y = len(card) - 1 - r
        for c, value in enumerate(row):
            color = "#FFFFFF"
            if pd.notna(value) and len(base) and base.index[0] != card.columns[c] and base.iloc[0] != 0:
                change = sign * (value - base.iloc[0]) / abs(base.iloc[0])
                strength = min(1.0, abs(change) / 0.25)
                color = (0.0, 0.62, 0.45, 0.15 + 0.6 * strength) if change > 0 else (0.84, 0.37, 0.0, 0.15 + 0.6 * strength)
            ax.add_patch(Rectangle((c, y), 1, 1, facecolor=color, edgecolor="#DDDDDD"))
            if pd.notna(value):
                text = f"{value:.0%}" if indicator in _SHARES else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
                ax.text(c + 0.5, y + 0.5, text, ha="center", va="center", fontsize=8)
    ax.set_xlim(0, len(card.columns))
    ax.set_ylim(0, len(card))
    ax.set_xticks(np.arange(len(card.columns)) + 0.5, [str(c) for c in card.columns])
    ax.set_yticks(np.arange(len(card))[::-1] + 0.5,
                  [f"{i18n.label(p)} · {i18n.label(i)}" for p, i in card.index], fontsize=8)
    ax.tick_params(length=0)
    ax.grid(False)
    return finish(ax, title="scorecard_title")

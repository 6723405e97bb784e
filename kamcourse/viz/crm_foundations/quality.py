"""Figures of lesson 11: the quality profile of the raw extract, the A/B/C grade grid, a before/after bar chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ... import i18n
from ...customer_info import GRADE_MATRIX, LEVELS
from ...validation import require_columns
from ...vocabulary import QUALITY_DIMENSIONS
from ..style import CATEGORY_COLORS, PALETTE, course_figure, finish, new_axes, percent_axis

__all__ = ["plot_quality_profile", "plot_grade_grid", "plot_before_after"]

_DIMENSION_COLORS = dict(zip(QUALITY_DIMENSIONS, PALETTE))


@course_figure
def plot_quality_profile(profile: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Quality rate of each check of :func:`kamcourse.customer_info.quality_profile`, coloured by dimension.

    Parameters
    ----------
    profile : pandas.DataFrame
        Columns ``dimension``, ``table``, ``field``, ``fault``, ``rate``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> p = pd.DataFrame({"dimension": ["completeness", "validity"], "table": ["raw_accounts"] * 2,
    ...                   "field": ["phone"] * 2, "fault": ["missing_value", "malformed_phone"], "rate": [0.9, 0.95]})
    >>> ax = plot_quality_profile(p)
    >>> len(ax.patches)
    2
    """
    require_columns(profile, ["dimension", "table", "field", "fault", "rate"], "profile")
    ax = new_axes(ax, figsize=(7.5, 4.2))
    labels = [f"{i18n.label(t)} · {i18n.label(f)}" for t, f in zip(profile["table"], profile["field"])]
    y = np.arange(len(profile))[::-1]
    ax.barh(y, profile["rate"], color=[_DIMENSION_COLORS.get(d, PALETTE[7]) for d in profile["dimension"]])
    for yi, rate in zip(y, profile["rate"]):
        ax.text(min(rate, 1.0) + 0.005, yi, f"{rate:.1%}", va="center", fontsize=8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0.5, 1.06)
    percent_axis(ax, "x")

    seen = list(dict.fromkeys(profile["dimension"]))
    ax.legend([Patch(color=_DIMENSION_COLORS.get(d, PALETTE[7])) for d in seen], [i18n.label(d) for d in seen],
              fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    return finish(ax, title="data_quality", xlabel="rate")


@course_figure
def plot_grade_grid(grades: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Customers per (contribution level, potential level), each cell coloured by its A/B/C grade.

    Parameters
    ----------
    grades : pandas.DataFrame
        From :func:`kamcourse.customer_info.customer_grades` (``contribution_level``,
        ``potential_level``, ``grade``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> g = pd.DataFrame({"contribution_level": ["high", "low"], "potential_level": ["medium", "low"], "grade": ["A", "C"]})
    >>> ax = plot_grade_grid(g)
    >>> ax.get_xlabel()
    'cooperation potential'
    """
    require_columns(grades, ["contribution_level", "potential_level", "grade"], "grades")
    ax = new_axes(ax, figsize=(5.5, 4.6))
    counts = pd.crosstab(grades["contribution_level"], grades["potential_level"]).reindex(
        index=LEVELS, columns=LEVELS, fill_value=0)
    for i, c in enumerate(LEVELS):
        for j, p in enumerate(LEVELS):
            g = GRADE_MATRIX[(c, p)]
            ax.add_patch(Rectangle(
                (j, i), 1, 1, facecolor=CATEGORY_COLORS[g], alpha=0.35, edgecolor="white", lw=2))
            ax.text(j + 0.5, i + 0.62, i18n.label(f"grade_{g}"), ha="center", va="center", fontsize=11, fontweight="bold")
            ax.text(j + 0.5, i + 0.32, str(int(counts.loc[c, p])), ha="center", va="center", fontsize=10)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [i18n.label(v) for v in LEVELS])
    ax.set_yticks([0.5, 1.5, 2.5], [i18n.label(v) for v in LEVELS])
    ax.grid(False)
    return finish(ax, title="grade", xlabel="potential", ylabel="contribution_level")


@course_figure
def plot_before_after(before: pd.Series, after: pd.Series, ax: Axes | None = None) -> Axes:
    """Two counts side by side per category: the same analysis on the raw extract and on clean records.

    Parameters
    ----------
    before, after : pandas.Series
        Counts (or values) per category key (e.g. ABC class), same categories.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_before_after(pd.Series({"A": 60, "B": 80, "C": 191}), pd.Series({"A": 55, "B": 80, "C": 165}))
    >>> len(ax.patches)
    6
    """
    cats = list(dict.fromkeys([*before.index, *after.index]))
    x = np.arange(len(cats))
    ax = new_axes(ax)
    for k, (series, key, color) in enumerate(((before, "raw_extract", PALETTE[3]), (after, "clean_records", PALETTE[0]))):
        vals = series.reindex(cats, fill_value=0).to_numpy(dtype=float)
        bars = ax.bar(x + (k - 0.5) * 0.38, vals, width=0.38, color=color, label=i18n.label(key))
        for b, v in zip(bars, vals):
            ax.text(b.get_x() + b.get_width() / 2, v, f"{v:.0f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [i18n.label(c) if c in i18n.GLOSSARY and len(str(c)) > 1 else str(c) for c in cats])
    ax.legend(fontsize=9)
    return ax

"""Figures of relationship maintenance: the contact plan against the history, and the plan within capacity."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ..style import PALETTE, color_for, course_figure, finish, new_axes, percent_axis

__all__ = ["plot_plan_vs_actual", "plot_capacity"]


@course_figure
def plot_plan_vs_actual(comparison: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Planned against actual contact hours per account, by tier (接触计划与实际).

    Parameters
    ----------
    comparison : DataFrame
        :func:`kamcourse.maintenance.plan_vs_actual` with a ``tier`` column.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``comparison`` lacks ``tier``, ``planned_hours`` or ``actual_hours``.

    Examples
    --------
    >>> c = pd.DataFrame({"tier": ["A", "A", "C"], "planned_hours": [80.0, 80.0, 10.0],
    ...                   "actual_hours": [40.0, 60.0, 20.0]})
    >>> ax = plot_plan_vs_actual(c)
    >>> len(ax.patches), ax.get_ylabel()
    (4, 'hours per account and year')
    """
    if not isinstance(comparison, pd.DataFrame) or not {"tier", "planned_hours", "actual_hours"} <= set(comparison.columns):
        raise TypeError("comparison must be the DataFrame of plan_vs_actual, with a tier column")
    ax = new_axes(ax)
    means = comparison.groupby("tier")[["planned_hours", "actual_hours"]].mean()
    x = np.arange(len(means))
    w = 0.38
    for k, (col, color) in enumerate((("planned_hours", "#BBBBBB"), ("actual_hours", PALETTE[0]))):
        bars = ax.bar(x + (k - 0.5) * w, means[col], w, color=color, label=i18n.label(col))
        ax.bar_label(bars, fmt="%.0f", padding=2)
    ax.set_xticks(x, [i18n.label(f"tier_{t}") for t in means.index])
    ax.legend()
    return finish(ax, title="kc_plan_vs_actual_title", ylabel="hours_per_account")


@course_figure
def plot_capacity(fitted: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of each tier's planned contact hours kept within the team's capacity (能力约束).

    Parameters
    ----------
    fitted : DataFrame
        :func:`kamcourse.maintenance.fit_to_capacity` (columns ``tier``, ``hours`` and ``share_kept``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``fitted`` lacks ``tier`` or ``share_kept``.

    Examples
    --------
    >>> f = pd.DataFrame({"tier": ["A", "B", "C"], "hours": [80.0, 10.0, 2.0], "share_kept": [1.0, 0.4, 0.2]})
    >>> ax = plot_capacity(f)
    >>> len(ax.patches)
    3
    """
    if not isinstance(fitted, pd.DataFrame) or not {"tier", "share_kept"} <= set(fitted.columns):
        raise TypeError("fitted must be the DataFrame of fit_to_capacity (columns tier, share_kept)")
    ax = new_axes(ax)
    share = fitted.groupby("tier")["share_kept"].mean()
    bars = ax.bar([i18n.label(f"tier_{t}") for t in share.index], share.to_numpy(),
                  color=[color_for(t) for t in share.index])
    ax.bar_label(bars, labels=[f"{100 * v:.0f}%" for v in share], padding=2)
    ax.set_ylim(0, 1.1)
    percent_axis(ax)
    return finish(ax, title="kc_capacity_title", ylabel="share_kept")

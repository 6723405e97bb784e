"""Figures of the loyalty programme and of communication: selection bias, break-even, fatigue, uplift."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis, text_for

__all__ = ["plot_member_comparison", "plot_break_even", "plot_fatigue", "plot_uplift"]


@course_figure
def plot_member_comparison(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Median revenue of members and non-members, before and after the launch (会员与非会员).

    Parameters
    ----------
    table : DataFrame
        :func:`kamcourse.loyalty_programme.member_comparison`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` is not that table.

    Examples
    --------
    >>> t = pd.DataFrame({"median_before": [350.0, 150.0, 2.3], "median_after": [300.0, 150.0, 2.0]},
    ...                  index=["members", "non_members", "ratio"])
    >>> ax = plot_member_comparison(t)
    >>> len(ax.patches)
    4
    """
    if not isinstance(table, pd.DataFrame) or not {"median_before", "median_after"} <= set(table.columns):
        raise TypeError("table must be the DataFrame of member_comparison")
    ax = new_axes(ax)
    rows = ["members", "non_members"]
    x = np.arange(2)
    w = 0.38
    for k, (col, color) in enumerate((("median_before", "#BBBBBB"), ("median_after", PALETTE[0]))):
        bars = ax.bar(x + (k - 0.5) * w, table.loc[rows, col], w, color=color, label=i18n.label(col))
        ax.bar_label(bars, fmt="%.0f", padding=2)
    ax.set_xticks(x, [i18n.label(r) for r in rows])
    ax.legend()
    return finish(ax, title="kc_members_title", ylabel="yearly_revenue")


@course_figure
def plot_break_even(programme_cost: float, base_revenue: float, margin: float, uplift: float | None = None,
                    ax: Axes | None = None) -> Axes:
    """The programme's profit against the revenue uplift it causes, with the break-even uplift (盈亏平衡).

    Parameters
    ----------
    programme_cost, base_revenue, margin : float
        As in :func:`kamcourse.loyalty_programme.incremental_margin`.
    uplift : float, optional
        A measured uplift, marked on the line.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_break_even(60_000, 10_000_000, 0.28, uplift=0.01)
    >>> len(ax.lines) >= 2
    True
    """
    from ...loyalty_programme import break_even_uplift

    ax = new_axes(ax)
    star = break_even_uplift(programme_cost, base_revenue, margin)
    u = np.linspace(-0.02, max(0.06, 2 * star), 100)
    ax.plot(u, u * base_revenue * margin - programme_cost, color=PALETTE[0], lw=2, label=i18n.label("incremental_margin"))
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(star, color=PALETTE[3], ls="--", label=f"{i18n.label('break_even_uplift')} {100 * star:.1f}%")
    if uplift is not None:
        ax.plot([uplift], [uplift * base_revenue * margin - programme_cost], "o", color=PALETTE[1], ms=9,
                label=i18n.label("measured_uplift"))
    percent_axis(ax, "x")
    ax.legend()
    return finish(ax, title="kc_break_even_title", xlabel="revenue_uplift", ylabel="yuan_per_year")


@course_figure
def plot_fatigue(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Open rate (line) and opt-out rate (bars) by the messages received in the 30 days before (沟通疲劳).

    Parameters
    ----------
    table : DataFrame
        :func:`kamcourse.communication.fatigue_table`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` is not that table.

    Examples
    --------
    >>> t = pd.DataFrame({"messages": [10, 10], "open_rate": [0.4, 0.2], "opt_out_rate": [0.0, 0.03]}, index=["0", "1+"])
    >>> ax = plot_fatigue(t)
    >>> len(ax.lines), len(ax.figure.axes)
    (1, 2)
    """
    if not isinstance(table, pd.DataFrame) or not {"open_rate", "opt_out_rate"} <= set(table.columns):
        raise TypeError("table must be the DataFrame of fatigue_table")
    ax = new_axes(ax)
    x = np.arange(len(table))
    ax.plot(x, table["open_rate"], color=PALETTE[0], marker="o", lw=2, label=i18n.label("open_rate"))
    ax.set_xticks(x, [str(k) for k in table.index])
    ax.set_ylim(0, max(0.5, float(table["open_rate"].max()) * 1.2))
    percent_axis(ax)
    twin = ax.twinx()
    twin.bar(x, table["opt_out_rate"], color=PALETTE[3], alpha=0.6, label=i18n.label("opt_out_rate"))
    twin.set_ylim(0, max(0.05, float(table["opt_out_rate"].max()) * 2.5))
    percent_axis(twin)
    twin.set_ylabel(i18n.label("opt_out_rate"), color=PALETTE[3])
    twin.grid(False)
    twin.spines["right"].set_visible(True)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center")
    return finish(ax, title="kc_fatigue_title", xlabel="recent_messages", ylabel="open_rate")


@course_figure
def plot_uplift(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Uplift with its confidence interval, one row per campaign or segment (提升度与置信区间).

    Parameters
    ----------
    table : DataFrame
        Rows from :func:`kamcourse.communication.uplift` (``uplift``, ``ci_low``, ``ci_high``), e.g.
        :func:`kamcourse.communication.uplift_by_segment`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` lacks a column.

    Examples
    --------
    >>> t = pd.DataFrame({"uplift": [0.2, 0.03], "ci_low": [-0.1, -0.1], "ci_high": [0.5, 0.16]},
    ...                  index=["decline", "stability"])
    >>> ax = plot_uplift(t)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['decline', 'stability']
    """
    if not isinstance(table, pd.DataFrame) or not {"uplift", "ci_low", "ci_high"} <= set(table.columns):
        raise TypeError("table must have the columns uplift, ci_low, ci_high")
    ax = new_axes(ax)
    y = np.arange(len(table))[::-1]
    u = table["uplift"].to_numpy(dtype=float)
    err = np.vstack([u - table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float) - u])
    ax.errorbar(u, y, xerr=err, fmt="o", color=PALETTE[0], capsize=4, lw=2)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [text_for(k) for k in table.index])
    percent_axis(ax, "x")
    return finish(ax, title="kc_uplift_title", xlabel="uplift")

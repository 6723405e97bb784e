"""Figures of the complaint-relay case: resolution and satisfaction by hand-offs, the single-owner estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ..style import PALETTE, course_figure, finish, new_axes

__all__ = [
    "complaint_handoffs",
    "complaint_estimate",
]


@course_figure
def complaint_handoffs(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Mean days to resolve (bars) and satisfaction afterwards (line) by hand-offs (转手次数).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kamcourse.cases.complaint_relay.handoff_table`.
    ax : matplotlib Axes, optional
        The bars' Axes; the line goes on a twin Axes on the right.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` lacks ``mean_days`` or ``mean_satisfaction``.

    Examples
    --------
    >>> t = pd.DataFrame({"mean_days": [3.0, 6.0, 12.0], "mean_satisfaction": [4.5, 3.9, 2.8]},
    ...                  index=pd.Index([0, 1, 2], name="handoffs"))
    >>> ax = complaint_handoffs(t)
    >>> len(ax.patches), ax.get_xlabel()
    (3, 'hand-offs')
    """
    if not isinstance(table, pd.DataFrame) or not {"mean_days", "mean_satisfaction"} <= set(table.columns):
        raise TypeError("table must be the DataFrame of handoff_table (columns mean_days, mean_satisfaction)")
    ax = new_axes(ax)
    x = np.arange(len(table))
    ax.bar(x, table["mean_days"], color=PALETTE[0], alpha=0.85, label=i18n.label("mean_days"))
    ax.set_xticks(x, [str(v) for v in table.index])
    twin = ax.twinx()
    twin.plot(x, table["mean_satisfaction"], color=PALETTE[3], marker="o", lw=2, label=i18n.label("mean_satisfaction"))
    twin.set_ylim(1, 5)
    twin.set_ylabel(i18n.label("mean_satisfaction"), color=PALETTE[3])
    twin.grid(False)
    twin.spines["right"].set_visible(True)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    return finish(ax, title="cr_handoffs_title", xlabel="handoffs", ylabel="mean_days")


@course_figure
def complaint_estimate(estimate: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Current process vs the single-owner estimate, days and satisfaction (单一负责人估计).

    The title and legend say it is an estimate.

    Parameters
    ----------
    estimate : pandas.DataFrame
        :func:`kamcourse.cases.complaint_relay.single_owner_estimate`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``estimate`` is not that table.

    Examples
    --------
    >>> e = pd.DataFrame({"mean_days": [9.0, 6.0], "mean_satisfaction": [3.2, 3.8], "share_over_max": [0.5, 0.0]},
    ...                  index=["current_process", "single_owner_estimate"])
    >>> ax = complaint_estimate(e)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['mean days to resolve', 'mean satisfaction afterwards (1-5)']
    """
    if not isinstance(estimate, pd.DataFrame) or list(estimate.index) != ["current_process", "single_owner_estimate"]:
        raise TypeError("estimate must be the DataFrame of single_owner_estimate")
    ax = new_axes(ax)
    metrics = ["mean_days", "mean_satisfaction"]
    x = np.arange(len(metrics))
    w = 0.38
    for k, (row, key, color) in enumerate(
        [("current_process", "current_process", "#BBBBBB"), ("single_owner_estimate", "single_owner_estimate", PALETTE[2])]
    ):
        values = estimate.loc[row, metrics].to_numpy(dtype=float)
        bars = ax.bar(x + (k - 0.5) * w, values, w, color=color, label=i18n.label(key),
                      hatch="//" if k else None, edgecolor="white")
        ax.bar_label(bars, fmt="%.1f", padding=2)
    ax.set_xticks(x, [i18n.label("mean_days"), i18n.label("mean_satisfaction")])
    ax.legend()
    return finish(ax, title="cr_estimate_title")

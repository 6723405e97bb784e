"""The figure of customer loyalty: the satisfaction-loyalty curve with its zones."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...loyalty import ZONES
from ...validation import require_columns
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis
from .satisfaction import KANO_COLORS

__all__ = [
    "plot_satisfaction_loyalty",
]


@course_figure
def plot_satisfaction_loyalty(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Satisfaction-loyalty curve with the zones of defection, indifference and affection.

    Draws the next-year repurchase rate for each satisfaction score
    (:func:`kamcourse.loyalty.repurchase_by_satisfaction`) over the three
    zones of Jones & Sasser (1995) (boundaries: this kit's convention).

    Parameters
    ----------
    table : pandas.DataFrame
        Index the score; columns ``repurchase_rate``, ``zone``, ``surveys``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"repurchase_rate": [0.3, 0.4, 0.5, 0.55, 0.95], "surveys": [5, 9, 30, 40, 20],
    ...                   "zone": ["defection"] * 2 + ["indifference"] * 2 + ["affection"]}, index=[1, 2, 3, 4, 5])
    >>> ax = plot_satisfaction_loyalty(t)
    >>> ax.get_xlabel()
    'satisfaction score'
    """
    require_columns(table, ["repurchase_rate", "zone"], "table")
    ax = new_axes(ax)
    scores = np.asarray(table.index, dtype=float)
    step = float(np.min(np.diff(scores))) if len(scores) > 1 else 1.0
    for zone in ZONES:
        s = scores[(table["zone"] == zone).to_numpy()]
        if len(s):
            ax.axvspan(s.min() - step / 2, s.max() + step / 2, color=KANO_COLORS[zone], zorder=0)
            ax.text((s.min() + s.max()) / 2, 1.09, i18n.label(zone), ha="center", va="top", fontsize=10)
    ax.plot(scores, table["repurchase_rate"], marker="o", color=PALETTE[0], lw=2, zorder=3)
    if "surveys" in table.columns:
        for x, y, n in zip(scores, table["repurchase_rate"], table["surveys"]):
            ax.annotate(f"n={int(n)}", (x, y), xytext=(0, -16), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xticks(scores)
    ax.set_xlim(scores.min() - step / 2, scores.max() + step / 2)
    ax.set_ylim(0, 1.1)
    percent_axis(ax, "y")
    return finish(ax, title="satisfaction_loyalty_title", xlabel="satisfaction_score", ylabel="repurchase_next_year")

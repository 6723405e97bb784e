"""The figure of the duplicate search (lesson 11): candidate pairs by trade-name similarity and decision."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...validation import check_number, require_columns
from ..style import PALETTE, course_figure, finish, new_axes

__all__ = ["plot_pair_decisions"]

_DECISION_COLORS = {"duplicate": PALETTE[3], "review": PALETTE[1], "different": PALETTE[0]}


@course_figure
def plot_pair_decisions(pairs: pd.DataFrame, threshold: float = 85.0, ax: Axes | None = None) -> Axes:
    """Candidate pairs of :func:`kamcourse.customer_info.duplicate_pairs` stacked by similarity and decision.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Columns ``name_score`` and ``decision``.
    threshold : float, default 85
        Drawn as a vertical line (the search's threshold).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> p = pd.DataFrame({"name_score": [100.0, 90.9, 100.0], "decision": ["duplicate", "review", "different"]})
    >>> ax = plot_pair_decisions(p)
    >>> ax.get_xlabel()
    'trade-name similarity'
    """
    require_columns(pairs, ["name_score", "decision"], "pairs")
    threshold = check_number(threshold, "threshold")
    ax = new_axes(ax)
    bins = np.arange(min(60.0, threshold), 102.5, 2.5)
    bottom = np.zeros(len(bins) - 1)
    for decision, color in _DECISION_COLORS.items():
        counts, _ = np.histogram(pairs.loc[pairs["decision"] == decision, "name_score"], bins=bins)
        ax.bar(bins[:-1], counts, width=2.4, bottom=bottom, align="edge", color=color, label=i18n.label(decision))
        bottom += counts
    ax.axvline(threshold, color="0.3", ls="--", lw=1)
    ax.legend(fontsize=9, loc="upper left")
    return finish(ax, title="duplicate_record", xlabel="name_score", ylabel="pairs")

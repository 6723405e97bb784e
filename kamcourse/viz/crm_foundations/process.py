"""The figure of lesson 10: the CRM process as five steps, each with its number from the company's data."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch

from ... import i18n
from ...validation import require_columns
from ..style import PALETTE, course_figure, new_axes

__all__ = ["plot_crm_process"]


def _value_text(measure: str, value: float) -> str:
    if measure in ("top20_revenue_share", "mean_discount"):
        return f"{value:.0%}"
    return f"{value:.1f}"


@course_figure
def plot_crm_process(snapshot: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The CRM process as a loop of five steps, each with the measure of :func:`kamcourse.crm.process_snapshot`.

    Parameters
    ----------
    snapshot : pandas.DataFrame
        Index the step keys in order; columns ``measure`` (glossary key) and ``value``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> snap = pd.DataFrame({"measure": ["contacts_per_customer", "top20_revenue_share", "mean_discount",
    ...     "visits_per_customer", "mean_overall_satisfaction"], "value": [3.3, 0.74, 0.11, 3.8, 3.7]},
    ...     index=["collect", "analyse", "customise", "maintain", "evaluate"])
    >>> ax = plot_crm_process(snap)
    >>> len(ax.patches)
    5
    """
    require_columns(snapshot, ["measure", "value"], "snapshot")
    ax = new_axes(ax, figsize=(9.0, 3.4))
    n = len(snapshot)
    for i, (step, row) in enumerate(snapshot.iterrows()):
        x = i * 2.0
        ax.add_patch(FancyBboxPatch(
            (x - 0.85, 0.15), 1.7, 1.7, boxstyle="round,pad=0.05", facecolor=PALETTE[i % len(PALETTE)], alpha=0.18,
            edgecolor=PALETTE[i % len(PALETTE)]))
        ax.text(x, 1.55, f"{i + 1}", ha="center", va="center", fontsize=13, fontweight="bold")
        ax.text(x, 1.1, i18n.label(f"crm_{step}"), ha="center", va="center", fontsize=8.5, wrap=True)
        ax.text(x, 0.6, _value_text(row["measure"], float(row["value"])), ha="center", va="center", fontsize=14,
                color=PALETTE[i % len(PALETTE)], fontweight="bold")
        ax.text(x, 0.28, i18n.label(row["measure"]), ha="center", va="center", fontsize=7)
        if i < n - 1:
            ax.annotate("", xy=(x + 1.15, 1.0), xytext=(x + 0.85, 1.0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    last = (n - 1) * 2.0
    ax.plot([last, last, 0], [0.12, -0.25, -0.25], color="0.4", lw=1.0, ls="--")
    ax.annotate("", xy=(0, 0.12), xytext=(0, -0.25), arrowprops={"arrowstyle": "->", "lw": 1.0, "color": "0.4"})
    ax.text(last / 2, -0.38, i18n.label("continuous_improvement"), ha="center", va="top", fontsize=8, color="0.3")
    ax.set_xlim(-1.1, last + 1.1)
    ax.set_ylim(-0.65, 2.0)
    ax.axis("off")
    ax.set_title(i18n.label("crm_process"))
    return ax

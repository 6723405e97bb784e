"""Figures of relationship levels and contact coverage: Kotler's matrix, bow tie or diamond."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ... import i18n
from ...relationship import (
    KOTLER_MATRIX,
    MARGIN_CATEGORIES,
    N_CUSTOMERS_CATEGORIES,
    RELATIONSHIP_LEVELS,
    relationship_levels,
)
from ...relationship.levels import levels_text
from ...validation import require_columns
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis

__all__ = [
    "plot_relationship_matrix",
    "plot_contact_coverage",
]


@course_figure
def plot_relationship_matrix(highlight: tuple[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Kotler's relationship-level matrix as the course materials print it (关系营销的水平).

    Margin as rows (high at the top), number of customers as columns (many,
    medium, few), the nine cells of :func:`kamcourse.relationship.relationship_levels`
    (Kotler, *Marketing Management*; course materials); the shade darkens
    with the closeness of the level.

    Parameters
    ----------
    highlight : tuple (n_customers, margin), optional
        A cell to outline, e.g. ``("few", "high")``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``highlight`` names an unknown category (the message lists the valid ones).

    Examples
    --------
    >>> ax = plot_relationship_matrix(highlight=("few", "high"))
    >>> sorted(t.get_text() for t in ax.texts)[:2]
    ['accountable', 'accountable']
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['high margin', 'medium margin', 'low margin']
    """
    ax = new_axes(ax, figsize=(6.5, 4.5))
    if highlight is not None:
        relationship_levels(*highlight)  # validates
    rank = {lvl: i for i, lvl in enumerate(RELATIONSHIP_LEVELS)}
    for r, m in enumerate(MARGIN_CATEGORIES):
        for c, n in enumerate(N_CUSTOMERS_CATEGORIES):
            levels = KOTLER_MATRIX[(n, m)]
            shade = max(rank[lv] for lv in levels) / (len(RELATIONSHIP_LEVELS) - 1)
            y = len(MARGIN_CATEGORIES) - 1 - r
            ax.add_patch(Rectangle((c, y), 1, 1, facecolor=(0.0, 0.45, 0.70, 0.12 + 0.6 * shade), edgecolor="white", lw=2))
            text = levels_text(levels).replace(" ", "\n", 1) if len(levels) > 1 else levels_text(levels)
            ax.text(c + 0.5, y + 0.5, text, ha="center", va="center", fontsize=11)
            if highlight == (n, m):
                ax.add_patch(Rectangle((c + 0.03, y + 0.03), 0.94, 0.94, fill=False, edgecolor=PALETTE[3], lw=3))
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [i18n.label(f"n_{n}") for n in N_CUSTOMERS_CATEGORIES])
    ax.set_yticks([2.5, 1.5, 0.5], [i18n.label(f"margin_{m}") for m in MARGIN_CATEGORIES])
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return finish(ax, title="relationship_matrix_title", xlabel="n_customers", ylabel="margin_level")


@course_figure
def plot_contact_coverage(
    coverage: pd.DataFrame,
    names: pd.Series | None = None,
    bow_tie_share: float = 0.8,
    ax: Axes | None = None,
) -> Axes:
    """Share of each account's contacts held by one person, bow tie or diamond (联系人覆盖).

    ``coverage`` is the table of :func:`kamcourse.relationship.contact_coverage`
    (e.g. for the key accounts only); bars are coloured by model (bow tie /
    diamond: Cheverton; McDonald & Rogers 1998), the dashed line is the
    bow-tie threshold, and the number of contacts / owners is written on each bar.

    Parameters
    ----------
    coverage : pandas.DataFrame
        With columns ``n_contacts``, ``n_owners``, ``key_person_share``, ``model``.
    names : pandas.Series, optional
        Display names by account id.
    bow_tie_share : float
        Where to draw the threshold line.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing (the message lists those present).

    Examples
    --------
    >>> cov = pd.DataFrame({"n_contacts": [3, 4], "n_owners": [1, 3], "key_person_share": [1.0, 0.5],
    ...                     "model": ["bow_tie", "diamond"]}, index=["C1", "C2"])
    >>> ax = plot_contact_coverage(cov)
    >>> len(ax.patches)
    2
    """
    require_columns(coverage, ["n_contacts", "n_owners", "key_person_share", "model"], "coverage")
    ax = new_axes(ax, figsize=(7.0, max(2.5, 0.32 * len(coverage) + 1.2)))
    table = coverage.sort_values("key_person_share", kind="stable")
    labels = [str(names.get(k, k)) if names is not None else str(k) for k in table.index]
    colors = [PALETTE[3] if m == "bow_tie" else PALETTE[2] for m in table["model"]]
    y = np.arange(len(table))
    ax.barh(y, table["key_person_share"], color=colors)
    for yi, (nc, no) in enumerate(zip(table["n_contacts"], table["n_owners"])):
        ax.text(0.01, yi, f"{int(nc)} / {int(no)}", va="center", fontsize=8, color="white")
    ax.axvline(bow_tie_share, color="black", ls="--", lw=1)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")

    ax.legend(
        handles=[Patch(color=PALETTE[3], label=i18n.label("bow_tie")), Patch(color=PALETTE[2], label=i18n.label("diamond"))],
        loc="lower right",
        title=i18n.label("contacts_per_staff"),
        title_fontsize=8,
    )
    return finish(ax, title="contact_coverage_title", xlabel="key_person_share")

"""Figures of lesson 15: the buying centre of the key accounts, revenue concentration, the KAM KPIs over the years."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ... import i18n
from ...validation import require_columns
from ...vocabulary import BUYING_ROLES
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis

__all__ = ["plot_buying_centre", "plot_concentration", "plot_kam_kpis"]


@course_figure
def plot_buying_centre(
    roles: pd.DataFrame, coverage: pd.DataFrame | None = None, names: pd.Series | None = None, ax: Axes | None = None
) -> Axes:
    """The buying centre of each account: contacts per role, deciders nobody covers in red (采购中心图).

    One row per account, one column per Webster & Wind (1972) role; each cell holds the number of
    contacts in that role (blank: nobody known). With ``coverage``
    (:func:`kamcourse.kam_organisation.decider_coverage`), the decider cell of an account whose
    deciders nobody covers is red.

    Parameters
    ----------
    roles : pandas.DataFrame
        :func:`kamcourse.kam_organisation.buying_centre_map` (one column per role).
    coverage : pandas.DataFrame, optional
        With ``uncovered`` (bool) per account.
    names : pandas.Series, optional
        Display names by account id.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a role column is missing.

    Examples
    --------
    >>> roles = pd.DataFrame({"user": [1, 0], "influencer": [2, 1], "buyer": [1, 1], "decider": [1, 1],
    ...                       "gatekeeper": [0, 1]}, index=["C1", "C2"])
    >>> ax = plot_buying_centre(roles, pd.DataFrame({"uncovered": [False, True]}, index=["C1", "C2"]))
    >>> len(ax.patches), sorted(t.get_text() for t in ax.texts)[:2]
    (10, ['1', '1'])
    """
    require_columns(roles, list(BUYING_ROLES), "roles")
    ax = new_axes(ax, figsize=(7.0, max(2.5, 0.3 * len(roles) + 1.4)))
    uncovered = coverage["uncovered"].reindex(roles.index).fillna(False) if coverage is not None else None
    for r, account in enumerate(roles.index):
        y = len(roles) - 1 - r
        for c, role in enumerate(BUYING_ROLES):
            n = int(roles.at[account, role])
            bad = role == "decider" and uncovered is not None and bool(uncovered[account])
            color = PALETTE[3] if bad else (PALETTE[0] if n else "#EEEEEE")
            alpha = 0.9 if bad else min(1.0, 0.25 + 0.25 * n) if n else 1.0
            ax.add_patch(_cell(c, y, color, alpha))
            if n:
                ax.text(c + 0.5, y + 0.5, str(n), ha="center", va="center", fontsize=8,
                        color="white" if bad or n > 1 else "black")
    ax.set_xlim(0, len(BUYING_ROLES))
    ax.set_ylim(0, len(roles))
    ax.set_xticks(np.arange(len(BUYING_ROLES)) + 0.5, [i18n.label(r) for r in BUYING_ROLES])
    labels = [str(names.get(k, k)) if names is not None else str(k) for k in roles.index]
    ax.set_yticks(np.arange(len(roles))[::-1] + 0.5, labels, fontsize=8)
    ax.tick_params(length=0)
    ax.grid(False)
    if uncovered is not None:
        ax.legend(handles=[Patch(color=PALETTE[3], label=i18n.label("deciders_uncovered"))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=1)
    return finish(ax, title="buying_centre_title")


def _cell(x: float, y: float, color: str, alpha: float) -> Rectangle:
    """One cell of a grid figure (a white-edged square)."""
    return Rectangle((x, y), 1, 1, facecolor=color, alpha=alpha, edgecolor="white", lw=1.5)


@course_figure
def plot_concentration(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Revenue concentration by year: the largest customer's and the top five's share, with the HHI (收入集中度).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kamcourse.kam_organisation.concentration_by_year` (``top1_share``, ``top5_share``, ``hhi``,
        ``equivalent_number``; index = year).
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
    >>> t = pd.DataFrame({"top1_share": [0.2, 0.25], "top5_share": [0.4, 0.45], "hhi": [0.05, 0.07],
    ...                   "equivalent_number": [20.0, 14.3]}, index=[2024, 2025])
    >>> ax = plot_concentration(t)
    >>> len(ax.patches)
    4
    """
    require_columns(table, ["top1_share", "top5_share", "hhi", "equivalent_number"], "table")
    ax = new_axes(ax, figsize=(7.0, 4.0))
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["top1_share"], width=0.4, color=PALETTE[3], label=i18n.label("top1_share"))
    ax.bar(x + 0.2, table["top5_share"], width=0.4, color=PALETTE[0], label=i18n.label("top5_share"))
    for xi, (hhi, eq) in enumerate(zip(table["hhi"], table["equivalent_number"])):
        ax.text(xi, float(table["top5_share"].iloc[xi]) + 0.02, f"HHI {hhi:.3f}\n≈{eq:.0f}", ha="center", fontsize=8)
    ax.set_xticks(x, [str(y) for y in table.index])
    ax.set_ylim(0, min(1.0, float(table["top5_share"].max()) + 0.15))
    percent_axis(ax)
    ax.legend(loc="upper left")
    return finish(ax, title="concentration_title", xlabel="year", ylabel="revenue_share")


@course_figure
def plot_kam_kpis(kpis: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The four KAM KPIs over the years, each as an index (first year with data = 100) (大客户指标趋势).

    The KPIs have different units (a 1-5 score, two shares, days), so each line is divided by its first
    value with data: a line above 100 has risen. Response days are drawn dashed (lower is better).

    Parameters
    ----------
    kpis : pandas.DataFrame
        :func:`kamcourse.kam_organisation.kam_kpis` (index = year).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a KPI column is missing.

    Examples
    --------
    >>> k = pd.DataFrame({"satisfaction_mean": [3.8, 3.9], "renewal_rate": [float("nan"), 0.95],
    ...                   "key_account_revenue_share": [0.7, 0.72], "response_days": [6.5, 6.0]}, index=[2024, 2025])
    >>> len(plot_kam_kpis(k).lines)
    5
    """
    from ...kam_organisation import KAM_KPIS, KPI_BETTER

    require_columns(kpis, list(KAM_KPIS), "kpis")
    ax = new_axes(ax, figsize=(7.0, 4.0))
    for i, kpi in enumerate(KAM_KPIS):
        s = kpis[kpi].astype(float)
        first = s.dropna()
        if first.empty:
            continue
        index = 100 * s / float(first.iloc[0])
        ax.plot(index.index, index, marker="o", color=PALETTE[i],
                ls="--" if KPI_BETTER[kpi] == "lower" else "-", label=i18n.label(kpi))
    ax.axhline(100, color="black", lw=0.8)
    ax.set_xticks(list(kpis.index), [str(y) for y in kpis.index])
    ax.legend(loc="best", fontsize=8)
    return finish(ax, title="kam_kpis_title", xlabel="year", ylabel="index_first_year")

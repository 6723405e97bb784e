"""Figures of service and complaints: a service level by group, the Pareto of causes, buying on after a complaint."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis, text_for

__all__ = ["plot_service_level", "plot_cause_pareto", "plot_kept_by_response"]


def _group_label(key: object, index_name: object) -> str:
    """A group's label: tiers as "A-tier accounts" (the key ``A`` is also a Kano category), others by glossary."""
    if index_name == "tier":
        return i18n.label(f"tier_{key}")
    return text_for(key)


@course_figure
def plot_service_level(levels: pd.DataFrame, measure: str = "median_response_hours", target: float | None = None,
                       ax: Axes | None = None) -> Axes:
    """One service-level measure by group, with the target as a line (服务水平).

    Parameters
    ----------
    levels : DataFrame
        :func:`kamcourse.service.service_levels` grouped by one column.
    measure : str
        The column to draw (a glossary key, e.g. ``"median_response_hours"`` or ``"response_missed"``).
    target : float, optional
        A target drawn as a dashed line.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``levels`` lacks ``measure``.

    Examples
    --------
    >>> lv = pd.DataFrame({"median_response_hours": [3.5, 8.0, 12.3]}, index=pd.Index(["A", "B", "C"], name="tier"))
    >>> ax = plot_service_level(lv, target=8)
    >>> len(ax.patches), ax.get_xlabel()
    (3, 'tier')
    """
    if not isinstance(levels, pd.DataFrame) or measure not in levels.columns:
        raise TypeError(f"levels must be the DataFrame of service_levels with a column {measure!r}")
    ax = new_axes(ax)
    values = levels[measure].astype(float)
    bars = ax.bar([_group_label(k, levels.index.name) for k in values.index], values.to_numpy(), color=PALETTE[0])
    share = measure in ("first_contact_resolution", "response_missed", "resolution_missed")
    ax.bar_label(bars, labels=[f"{100 * v:.0f}%" if share else f"{v:.1f}" for v in values], padding=2)
    if share:
        percent_axis(ax)
    if target is not None:
        ax.axhline(float(target), color=PALETTE[3], ls="--", lw=1.5, label=i18n.label("target"))
        ax.legend()
    xlabel = str(levels.index.name) if levels.index.name else None
    return finish(ax, title=measure, xlabel=xlabel, ylabel=measure)


@course_figure
def plot_cause_pareto(pareto: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Pareto chart of complaint causes: counts as bars, the cumulative share as a line (帕累托图).

    Parameters
    ----------
    pareto : DataFrame
        :func:`kamcourse.service.cause_pareto`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``pareto`` is not that table.

    Examples
    --------
    >>> p = pd.DataFrame({"complaints": [5, 3, 2], "share": [0.5, 0.3, 0.2], "cum_share": [0.5, 0.8, 1.0],
    ...                   "vital_few": [True, True, False]}, index=["picking_error", "order_entry_error", "carrier_delay"])
    >>> ax = plot_cause_pareto(p)
    >>> len(ax.patches)
    3
    """
    if not isinstance(pareto, pd.DataFrame) or not {"complaints", "cum_share", "vital_few"} <= set(pareto.columns):
        raise TypeError("pareto must be the DataFrame of cause_pareto")
    ax = new_axes(ax, figsize=(8.0, 4.4))
    x = np.arange(len(pareto))
    colors = [PALETTE[3] if v else "#BBBBBB" for v in pareto["vital_few"]]
    ax.bar(x, pareto["complaints"], color=colors)
    ax.set_xticks(x, [text_for(k) for k in pareto.index], rotation=30, ha="right")
    twin = ax.twinx()
    twin.plot(x, pareto["cum_share"], color=PALETTE[0], marker="o", lw=2)
    twin.axhline(0.8, color=PALETTE[0], ls=":", lw=1)
    twin.set_ylim(0, 1.05)
    percent_axis(twin)
    twin.set_ylabel(i18n.label("cum_share"), color=PALETTE[0])
    twin.grid(False)
    twin.spines["right"].set_visible(True)
    return finish(ax, title="kc_pareto_title", ylabel="complaints")


@course_figure
def plot_kept_by_response(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of complainants who kept buying, by hours to the first response (响应速度与复购).

    Parameters
    ----------
    table : DataFrame
        :func:`kamcourse.service.rate_by_band` (columns ``count`` and ``rate``, one row per band of hours).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` lacks ``rate``.

    Examples
    --------
    >>> t = pd.DataFrame({"count": [10, 10], "rate": [0.9, 0.6]}, index=["(0, 2]", "(2, 24]"])
    >>> ax = plot_kept_by_response(t)
    >>> len(ax.patches)
    2
    """
    if not isinstance(table, pd.DataFrame) or "rate" not in table.columns:
        raise TypeError("table must be the DataFrame of rate_by_band (columns count, rate)")
    ax = new_axes(ax)
    bars = ax.bar([str(k) for k in table.index], table["rate"].to_numpy(), color=PALETTE[2])
    ax.bar_label(bars, labels=[f"{100 * v:.0f}%" for v in table["rate"]], padding=2)
    ax.set_ylim(0, 1.1)
    percent_axis(ax)
    return finish(ax, title="kc_kept_title", xlabel="first_response_hours", ylabel="kept_buying_share")

"""Figures of the customer lifecycle: stage mix, stage economics, one customer's curve."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from ... import i18n
from ...validation import by_customer, check_keys, require_columns
from ...vocabulary import STAGES
from ..style import PALETTE, course_figure, finish, new_axes

__all__ = [
    "STAGE_COLORS",
    "plot_stage_mix",
    "plot_stage_economics",
    "plot_lifecycle_curve",
]


#: One colour per lifecycle stage (green while the relationship grows, red as it ends).
STAGE_COLORS: dict[str, str] = {
    "exploration": "#56B4E9",
    "formation": "#009E73",
    "stability": "#0072B2",
    "decline": "#E69F00",
    "termination": "#D55E00",
}


@course_figure
def plot_stage_mix(stages: pd.Series, ax: Axes | None = None) -> Axes:
    """How many customers are in each lifecycle stage (客户生命周期阶段分布).

    Parameters
    ----------
    stages : Series
        Stage key per customer (:func:`kamcourse.lifecycle.classify_stages`).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a stage key is unknown or missing.

    Examples
    --------
    >>> ax = plot_stage_mix(pd.Series(["exploration", "stability", "stability"]))
    >>> [round(p.get_height()) for p in ax.patches]
    [1, 0, 2, 0, 0]
    """
    keys = check_keys(by_customer(stages, "stages"), "stages", STAGES, "stage")
    counts = keys.value_counts().reindex(list(STAGES), fill_value=0)
    ax = new_axes(ax)
    labels = [i18n.label(s) for s in STAGES]
    bars = ax.bar(labels, counts.to_numpy(), color=[STAGE_COLORS[s] for s in STAGES])
    total = max(int(counts.sum()), 1)
    for bar, n in zip(bars, counts.to_numpy()):
        ax.annotate(f"{n} ({n / total:.0%})", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    return finish(ax, title="stage_mix_title", xlabel="stage", ylabel="customers")


@course_figure
def plot_stage_economics(
    summary: pd.DataFrame,
    columns: Sequence[str] = ("revenue_per_customer", "profit_per_customer", "cost_to_serve_per_customer"),
    ax: Axes | None = None,
) -> Axes:
    """Output and investment per customer in each stage, side by side (各阶段投入产出).

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`kamcourse.lifecycle.stage_summary` (index: stages).
    columns : sequence of str
        Columns to show as bars; each must be a glossary key (label).
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a column is missing from ``summary``.

    Examples
    --------
    >>> summary = pd.DataFrame({"revenue_per_customer": [10, 50, 90, 40, 5],
    ...     "profit_per_customer": [-2, 8, 20, 6, 0], "cost_to_serve_per_customer": [6, 7, 8, 5, 1]},
    ...     index=pd.Index(list(STAGES), name="stage"))
    >>> len(plot_stage_economics(summary).patches)
    15
    """
    require_columns(summary, list(columns), "summary")
    data = summary.reindex(list(STAGES)).fillna(0.0)
    ax = new_axes(ax)
    x = np.arange(len(STAGES))
    width = 0.8 / max(len(columns), 1)
    for i, col in enumerate(columns):
        ax.bar(x + (i - (len(columns) - 1) / 2) * width, data[col].to_numpy(dtype=float), width,
               color=PALETTE[i % len(PALETTE)], label=i18n.label(col))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, [i18n.label(s) for s in STAGES])
    ax.legend(fontsize=9)
    return finish(ax, title="stage_economics_title", xlabel="stage", ylabel="per_customer")


@course_figure
def plot_lifecycle_curve(
    curve: pd.Series,
    stages: pd.Series | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One customer's revenue per period, the background coloured by stage (客户生命周期曲线).

    Parameters
    ----------
    curve : Series
        Revenue per period indexed by period start (:func:`kamcourse.lifecycle.lifecycle_curve`).
    stages : Series, optional
        Stage readings indexed by date (a row of
        :func:`kamcourse.lifecycle.stage_history`); each reading colours the
        time from the previous reading up to its date.
    ax : Axes, optional
        Where to draw.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        If ``curve`` is not a Series with a date index.

    Examples
    --------
    >>> curve = pd.Series([5.0, 20.0, 30.0, 10.0],
    ...                   index=pd.date_range("2024-01-01", periods=4, freq="QS"))
    >>> stages = pd.Series(["exploration", "formation", "stability", "decline"],
    ...                    index=pd.date_range("2024-03-31", periods=4, freq="QE"))
    >>> ax = plot_lifecycle_curve(curve, stages)
    >>> len(ax.lines)
    1
    """
    if not isinstance(curve, pd.Series) or not isinstance(curve.index, pd.DatetimeIndex):
        raise TypeError("curve must be a Series indexed by dates (from kamcourse.lifecycle.lifecycle_curve)")
    ax = new_axes(ax)
    if stages is not None:
        readings = stages.dropna()
        previous = curve.index.min() if len(curve) else None
        seen: set[str] = set()
        for when, stage in readings.items():
            stage = str(stage)
            start = previous if previous is not None else when
            ax.axvspan(start, when, color=STAGE_COLORS.get(stage, "#DDDDDD"), alpha=0.18, linewidth=0,
                       label=None if stage in seen else i18n.label(stage))
            seen.add(stage)
            previous = when
    ax.plot(curve.index, curve.to_numpy(dtype=float), marker="o", color=PALETTE[7], linewidth=1.8,
            label=i18n.label("revenue"))
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return finish(ax, title="lifecycle_curve_title", xlabel="date", ylabel="revenue")

"""Figures of customer development: the prospecting funnel, the method comparison, the pipeline."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...development import FUNNEL_STAGES
from ...validation import check_choice, require_columns
from ..style import PALETTE, course_figure, finish, new_axes, text_for

__all__ = [
    "plot_funnel",
    "plot_method_comparison",
    "plot_pipeline",
]


@course_figure
def plot_funnel(funnel: pd.DataFrame, method: Any = None, ax: Axes | None = None) -> Axes:
    """The prospecting funnel of one plan or method: contacts -> leads -> customers (客户开发漏斗).

    Parameters
    ----------
    funnel : pandas.DataFrame
        Output of :func:`kamcourse.development.prospecting_funnel` or
        :func:`kamcourse.development.method_comparison` (columns
        ``contacts``, ``leads``, ``customers``).
    method : index label, optional
        Which row to draw; default the first.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> f = pd.DataFrame({"contacts": [200.0], "leads": [60.0], "customers": [15.0], "cost_per_customer": [3333.3]},
    ...                  index=["plan"])
    >>> ax = plot_funnel(f)
    >>> len(ax.patches)
    3
    """
    require_columns(funnel, FUNNEL_STAGES, "funnel")
    if len(funnel) == 0:
        raise ValueError("funnel is empty")
    method = funnel.index[0] if method is None else check_choice(method, "method", funnel.index)
    row = funnel.loc[method]
    ax = new_axes(ax)
    stages = [("funnel_contacts", row["contacts"]), ("leads", row["leads"]), ("won_customers", row["customers"])]
    top = float(stages[0][1]) or 1.0
    for i, (key, value) in enumerate(stages):
        v = float(value)
        ax.barh(i, v, left=(top - v) / 2, color=PALETTE[i], height=0.8)
        share = "" if i == 0 or top == 0 else f" ({100 * v / top:.1f}%)"
        ax.text(top / 2, i, f"{i18n.label(key)}: {v:,.0f}{share}", ha="center", va="center", color="black",
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
    ax.set_yticks([])
    ax.set_xticks([])
    ax.invert_yaxis()
    ax.set_xlim(0, top)
    ax.grid(False)
    title = i18n.label("funnel_title") + ("" if method == "plan" else f": {text_for(method)}")
    if "cost_per_customer" in funnel.columns and np.isfinite(row["cost_per_customer"]):
        ax.set_xlabel(f"{i18n.label('cost_per_customer')}: {row['cost_per_customer']:,.0f}")
    ax.set_title(title)
    return ax


@course_figure
def plot_method_comparison(comparison: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Cost per customer won by prospecting method, with the conversion rate (寻找客户方法的比较).

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`kamcourse.development.method_comparison` (columns
        ``cost_per_customer`` and ``conversion``; index = method keys).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> c = pd.DataFrame({"cost_per_customer": [300.0, 2500.0], "conversion": [0.3, 0.05]},
    ...                  index=["referral_chain", "door_to_door"])
    >>> ax = plot_method_comparison(c)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['referral chain', 'door-to-door canvassing']
    """
    require_columns(comparison, ["cost_per_customer", "conversion"], "comparison")
    ax = new_axes(ax)
    data = comparison.sort_values("cost_per_customer")
    finite = data["cost_per_customer"].replace(np.inf, np.nan)
    y = np.arange(len(data))
    ax.barh(y, finite.fillna(0).to_numpy(), color=PALETTE[0])
    right = float(finite.max()) if finite.notna().any() else 1.0
    for i, (cpc, conv) in enumerate(zip(finite, data["conversion"])):
        txt = "∞" if not np.isfinite(cpc) else f"{cpc:,.0f}"
        conv_txt = "" if pd.isna(conv) else f"  ({i18n.label('conversion')} {100 * conv:.1f}%)"
        ax.text((0 if not np.isfinite(cpc) else cpc) + right * 0.01, i, txt + conv_txt, va="center", fontsize=9)
    ax.set_yticks(y, [text_for(m) for m in data.index])
    ax.invert_yaxis()
    ax.set_xlim(0, right * 1.45)
    return finish(ax, title="method_comparison_title", xlabel="cost_per_customer")


@course_figure
def plot_pipeline(stages: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The opportunity pipeline: how many opportunities reach each stage (商机管道).

    Parameters
    ----------
    stages : pandas.DataFrame
        Output of :func:`kamcourse.development.pipeline_stages` (index stage;
        columns ``reached``, ``stage_conversion``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> st = pd.DataFrame({"reached": [100, 60, 30, 20, 10], "stage_conversion": [0.6, 0.5, 0.67, 0.5, np.nan]},
    ...                   index=["prospecting", "qualification", "proposal", "negotiation", "closed_won"])
    >>> ax = plot_pipeline(st)
    >>> [round(p.get_width()) for p in ax.patches]
    [100, 60, 30, 20, 10]
    """
    require_columns(stages, ["reached", "stage_conversion"], "stages")
    ax = new_axes(ax)
    y = np.arange(len(stages))
    ax.barh(y, stages["reached"].to_numpy(dtype=float), color=[PALETTE[i % len(PALETTE)] for i in range(len(stages))])
    top = float(stages["reached"].max()) or 1.0
    for i, (n, conv) in enumerate(zip(stages["reached"], stages["stage_conversion"])):
        ax.text(n + top * 0.01, i, f"{int(n):,}", va="center", fontsize=9)
        if pd.notna(conv):
            ax.annotate(f"↓ {100 * conv:.0f}%", (top * 1.17, i + 0.5), ha="center", va="center", fontsize=9,
                        color="dimgrey")
    ax.set_yticks(y, [text_for(s) for s in stages.index])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.25)
    return finish(ax, title="pipeline_title", xlabel="reached")

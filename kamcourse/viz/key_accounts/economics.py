"""Figures of key-account economics: revenue against profit, the whale curve, discount break-even."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ... import i18n
from ...economics import breakeven_volume_increase, whale_curve, whale_peak
from ...validation import require_columns
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis, percent_text

__all__ = [
    "plot_revenue_profit",
    "plot_whale_curve",
    "plot_breakeven",
]


@course_figure
def plot_revenue_profit(
    profitability: pd.DataFrame, ax: Axes | None = None, label_top: int = 5, log_revenue: bool | None = None
) -> Axes:
    """Revenue against net profit per account: are the biggest customers the most profitable? (收入与利润)

    ``profitability`` is the table of
    :func:`kamcourse.economics.customer_profitability`; the ``label_top``
    largest accounts by revenue are named; loss-making accounts are drawn in
    red (net profit = revenue − cost of goods − cost to serve; Cooper & Kaplan 1991).

    Parameters
    ----------
    profitability : pandas.DataFrame
        With columns ``revenue`` and ``net_profit``, index = account.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    label_top : int
        How many of the largest accounts to name.
    log_revenue : bool, optional
        Revenue on a log scale; by default when all revenues are positive and
        span more than a factor of 100 (a few giant accounts would squeeze the rest).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing (the message lists those present).

    Examples
    --------
    >>> table = pd.DataFrame({"revenue": [100.0, 50.0], "net_profit": [-5.0, 10.0]}, index=["A", "B"])
    >>> plot_revenue_profit(table).get_xlabel()
    'revenue'
    """
    ax = new_axes(ax)
    require_columns(profitability, ["revenue", "net_profit"], "profitability")
    rev = profitability["revenue"].astype(float)
    prof = profitability["net_profit"].astype(float)
    colors = np.where(prof.to_numpy() < 0, PALETTE[3], PALETTE[0])
    ax.scatter(rev, prof, c=colors, s=25, alpha=0.8, edgecolor="white")
    ax.axhline(0, color="black", lw=0.8)
    if log_revenue is None:
        log_revenue = bool((rev > 0).all() and rev.max() > 100 * rev.min())
    if log_revenue:
        ax.set_xscale("log")
    for key in rev.nlargest(label_top).index:
        ax.annotate(str(key), (rev[key], prof[key]), xytext=(4, 3), textcoords="offset points", fontsize=8)
    return finish(ax, title="profitability", xlabel="revenue", ylabel="net_profit")


@course_figure
def plot_whale_curve(profit: pd.Series, ax: Axes | None = None) -> Axes:
    """Whale curve: cumulative profit (% of total) against customers ranked by profit (鲸鱼曲线).

    Marks the peak (:func:`kamcourse.economics.whale_peak`) and the 100% line
    (Cooper & Kaplan 1991; Kaplan & Narayanan 2001).

    Parameters
    ----------
    profit : pandas.Series
        Net profit per customer; losses allowed, positive total.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError, TypeError
        As :func:`kamcourse.economics.whale_curve`.

    Examples
    --------
    >>> ax = plot_whale_curve(pd.Series([60.0, 50.0, 10.0, -20.0]))
    >>> ax.get_ylabel()
    'cumulative share of total profit'
    """
    ax = new_axes(ax)
    curve = whale_curve(profit)
    x = np.concatenate([[0.0], curve["cum_customer_share"].to_numpy()])
    y = np.concatenate([[0.0], curve["cum_profit_share"].to_numpy()])
    ax.plot(x, y, color=PALETTE[0], lw=2, label=i18n.label("whale_curve"))
    ax.axhline(1.0, color="grey", ls="--", lw=1, label=i18n.label("full_profit_line"))
    px, py = whale_peak(profit)
    ax.scatter([px], [py], color=PALETTE[3], zorder=4)
    ax.annotate(
        f"{i18n.label('peak')}: {percent_text(px)} → {percent_text(py)}",
        (px, py),
        xytext=(8, 6),
        textcoords="offset points",
        color=PALETTE[3],
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min())) - 0.05, max(1.1, py * 1.12))
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    return finish(ax, title="whale_curve_title", xlabel="customers_by_profit", ylabel="cum_profit_share")


@course_figure
def plot_breakeven(
    margins: Sequence[float] = (0.2, 0.3, 0.4),
    point: tuple[float, float] | None = None,
    max_increase: float = 3.0,
    ax: Axes | None = None,
) -> Axes:
    """Required volume increase against the discount, one curve per gross margin (折扣盈亏平衡曲线).

    Each curve is ``d / (m − d)`` (standard pricing arithmetic), drawn up to where it reaches
    ``max_increase`` (it goes to infinity as the discount approaches the
    margin). ``point=(margin, discount)`` marks one case, e.g. the course
    materials' (0.20, 0.05).

    Parameters
    ----------
    margins : sequence of float
        Gross margins in (0, 1), one curve each.
    point : tuple (margin, discount), optional
        A case to mark with its required increase.
    max_increase : float
        Top of the y axis (3.0 = +300%).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For a margin outside (0, 1), or a ``point`` whose discount reaches its margin.

    Examples
    --------
    >>> ax = plot_breakeven(point=(0.2, 0.05))
    >>> len(ax.lines)
    3
    """
    ax = new_axes(ax)
    margins = [float(m) for m in margins]
    for i, m in enumerate(margins):
        breakeven_volume_increase(m, 0.0)  # validates the margin
        d_max = m * max_increase / (1 + max_increase)  # where d/(m-d) == max_increase
        d = np.linspace(0, d_max, 200)
        ax.plot(d, d / (m - d), color=PALETTE[i % len(PALETTE)], lw=2,
                label=i18n.label("margin_is").format(pct=percent_text(m)))
    if point is not None:
        m, d = point
        inc = breakeven_volume_increase(m, d)
        ax.scatter([d], [inc], color="black", zorder=4)
        ax.annotate(f"{percent_text(d)} → +{100 * inc:.1f}%", (d, inc), xytext=(8, -4), textcoords="offset points")
    ax.set_ylim(0, max_increase)
    ax.set_xlim(0, None)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="upper left")
    return finish(ax, title="breakeven_title", xlabel="discount", ylabel="required_volume_increase")

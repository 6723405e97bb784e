"""Figures of key-account identification: Pareto curve, customer pyramid, portfolio matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from ... import i18n
from ...accounts import (
    PYRAMID_TIERS,
    QUADRANTS,
    abc_classes,
    pareto_table,
    portfolio_quadrant,
    pyramid_table,
    top_share,
)
from ...accounts.portfolio import portfolio_thresholds
from ...validation import paired_series
from ..style import PALETTE, color_for, course_figure, finish, new_axes, percent_axis, percent_text

__all__ = [
    "plot_pareto",
    "plot_pyramid",
    "plot_portfolio",
]


@course_figure
def plot_pareto(
    values: pd.Series,
    top: float = 0.2,
    abc_cutoffs: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Pareto curve: cumulative share of revenue against cumulative share of customers (帕累托曲线).

    Marks the share of revenue from the ``top`` fraction of customers; with
    ``abc_cutoffs`` the points are coloured by ABC class. The curve is
    :func:`kamcourse.accounts.pareto_table` (``cum_share`` against
    ``cum_customer_share``; the 80/20 rule, course materials).

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    top : float
        Fraction of customers to mark, in (0, 1].
    abc_cutoffs : tuple of two floats, optional
        Colour the customers by :func:`kamcourse.accounts.abc_classes` with these cutoffs.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError, TypeError
        As :func:`kamcourse.accounts.pareto_table` and :func:`kamcourse.accounts.top_share`.

    Examples
    --------
    >>> ax = plot_pareto(pd.Series([50, 30, 10, 5, 5]))
    >>> ax.get_xlabel()
    'cumulative share of customers'
    """
    ax = new_axes(ax)
    table = pareto_table(values)
    x = np.concatenate([[0.0], table["cum_customer_share"].to_numpy()])
    y = np.concatenate([[0.0], table["cum_share"].to_numpy()])
    ax.plot(x, y, color=PALETTE[0], lw=2, label=i18n.label("pareto_curve"))
    ax.plot([0, 1], [0, 1], color="grey", ls="--", lw=1, label=i18n.label("equal_shares_line"))
    if abc_cutoffs is not None:
        classes = abc_classes(values, abc_cutoffs).loc[table.index]
        for cls in ("A", "B", "C"):
            mask = (classes == cls).to_numpy()
            if mask.any():
                ax.scatter(
                    table["cum_customer_share"].to_numpy()[mask],
                    table["cum_share"].to_numpy()[mask],
                    s=12,
                    color=color_for(cls),
                    zorder=3,
                    label=i18n.label(f"class_{cls}"),
                )
    share = top_share(values, top)
    ax.plot([top, top, 0], [0, share, share], color=PALETTE[3], lw=1, ls=":")
    ax.scatter([top], [share], color=PALETTE[3], zorder=4)
    ax.annotate(
        f"{i18n.label('top_fraction').format(pct=percent_text(top))}: {percent_text(share)}",
        (top, share),
        xytext=(10, -18),
        textcoords="offset points",
        color=PALETTE[3],
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    return finish(ax, title="pareto_chart_title", xlabel="cum_customer_share", ylabel="cum_revenue_share")


@course_figure
def plot_pyramid(
    values: pd.Series,
    shares: tuple[float, float, float, float] = (0.01, 0.04, 0.15, 0.80),
    ax: Axes | None = None,
) -> Axes:
    """The customer pyramid: each tier with its customers and its share of revenue (客户金字塔).

    The tiers are drawn as equal-height bands of a triangle (the shape, not
    the area, is symbolic); the text gives the measured numbers from
    :func:`kamcourse.accounts.pyramid_table` (VIP 1% / major 4% / ordinary 15% /
    small 80%, course materials).

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    shares : tuple of four floats
        Shares of customers per tier, summing to 1.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError, TypeError
        As :func:`kamcourse.accounts.customer_pyramid`.

    Examples
    --------
    >>> ax = plot_pyramid(pd.Series(range(100, 0, -1)))
    >>> len(ax.patches)
    4
    """
    ax = new_axes(ax)
    table = pyramid_table(values, shares)
    n = len(PYRAMID_TIERS)
    for i, tier in enumerate(PYRAMID_TIERS):
        top_y, bottom_y = n - i, n - i - 1
        half_top, half_bottom = (i) / n, (i + 1) / n
        poly = Polygon(
            [(-half_bottom, bottom_y), (half_bottom, bottom_y), (half_top, top_y), (-half_top, top_y)],
            closed=True,
            facecolor=color_for(tier),
            edgecolor="white",
            lw=2,
        )
        ax.add_patch(poly)
        row = table.loc[tier]
        text = i18n.label("tier_text").format(
            tier=i18n.label(tier),
            n=int(row["customers"]),
            cshare=percent_text(row["customer_share"]),
            rshare=percent_text(row["revenue_share"]),
        )
        ax.text(1.08, bottom_y + 0.5, text, va="center")
    ax.set_xlim(-1.05, 3.2)
    ax.set_ylim(0, n + 0.1)
    ax.set_axis_off()
    return finish(ax, title="customer_pyramid")


@course_figure
def plot_portfolio(
    attractiveness: pd.Series,
    strength: pd.Series,
    threshold: float | tuple[float | None, float | None] | None = None,
    labels: pd.Series | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Key-account portfolio matrix: attractiveness × relative strength, four quadrants (大客户组合矩阵).

    Points are coloured by :func:`kamcourse.accounts.portfolio_quadrant`; the
    dashed lines are the thresholds (medians by default); the corners name
    the four account types of the course materials (McDonald & Rogers' portfolio).

    Parameters
    ----------
    attractiveness, strength : pandas.Series
        Customer attractiveness (y axis) and our relative strength (x axis), same customers.
    threshold : float or pair, optional
        As for :func:`kamcourse.accounts.portfolio_quadrant`.
    labels : pandas.Series, optional
        Names by customer, written next to the points.
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError, TypeError
        As :func:`kamcourse.accounts.portfolio_quadrant`.

    Examples
    --------
    >>> ax = plot_portfolio(pd.Series({"A": 9, "B": 2}), pd.Series({"A": 8, "B": 1}), threshold=5)
    >>> ax.get_ylabel()
    'customer attractiveness'
    """
    ax = new_axes(ax)
    quad = portfolio_quadrant(attractiveness, strength, threshold)
    a, s = paired_series(attractiveness, strength, "attractiveness", "strength")
    t_a, t_s = portfolio_thresholds(a, s, threshold)
    for q in QUADRANTS:
        mask = (quad == q).to_numpy()
        if mask.any():
            ax.scatter(s.to_numpy()[mask], a.to_numpy()[mask], color=color_for(q), s=40, label=i18n.label(q),
                       edgecolor="white", zorder=3)
    ax.axvline(t_s, color="grey", ls="--", lw=1)
    ax.axhline(t_a, color="grey", ls="--", lw=1)
    if labels is not None:
        for key in a.index:
            if key in labels.index:
                ax.annotate(str(labels[key]), (s[key], a[key]), xytext=(4, 3), textcoords="offset points", fontsize=8)
    corners = {
        "key": (0.98, 0.98, "right", "top"),
        "key_development": (0.02, 0.98, "left", "top"),
        "maintenance": (0.98, 0.02, "right", "bottom"),
        "opportunistic": (0.02, 0.02, "left", "bottom"),
    }
    for q, (x, y, ha, va) in corners.items():
        ax.text(x, y, i18n.label(q), transform=ax.transAxes, ha=ha, va=va, color=color_for(q),
                fontweight="bold", fontsize=10, zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5})
    ax.margins(x=0.08, y=0.12)
    return finish(ax, title="portfolio_matrix", xlabel="relative_strength", ylabel="attractiveness")

"""Figures of the key-account chapter (one function per figure, each returns the Axes).

Pareto curve, customer pyramid, portfolio matrix, revenue against profit,
whale curve, discount break-even curves, Kotler's relationship matrix and the
contact-coverage chart. Every word shown comes from :mod:`kamcourse.i18n`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Polygon, Rectangle

from .. import i18n
from ..accounts import (
    PYRAMID_TIERS,
    QUADRANTS,
    _aligned_pair,
    _threshold_pair,
    abc_classes,
    pareto_table,
    portfolio_quadrant,
    pyramid_table,
    top_share,
)
from ..economics import breakeven_volume_increase, whale_curve, whale_peak
from ..relationship import KOTLER_MATRIX, MARGIN_CATEGORIES, N_CUSTOMERS_CATEGORIES, RELATIONSHIP_LEVELS, _cell_text
from ._style import PALETTE, color_for, finish, new_axes, percent_axis

__all__ = [
    "plot_pareto",
    "plot_pyramid",
    "plot_portfolio",
    "plot_revenue_profit",
    "plot_whale_curve",
    "plot_breakeven",
    "plot_relationship_matrix",
    "plot_contact_coverage",
]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


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
        f"{i18n.label('top_fraction').format(pct=_pct(top))}: {_pct(share)}",
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
            cshare=_pct(row["customer_share"]),
            rshare=_pct(row["revenue_share"]),
        )
        ax.text(1.08, bottom_y + 0.5, text, va="center")
    ax.set_xlim(-1.05, 3.2)
    ax.set_ylim(0, n + 0.1)
    ax.set_axis_off()
    return finish(ax, title="customer_pyramid")


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
    a, s = _aligned_pair(attractiveness, strength, ("attractiveness", "strength"))
    t_a, t_s = _threshold_pair(threshold)
    t_a = float(a.median()) if t_a is None else t_a
    t_s = float(s.median()) if t_s is None else t_s
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
    from .._validate import require_columns

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
        f"{i18n.label('peak')}: {_pct(px)} → {_pct(py)}",
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


def plot_breakeven(
    margins: Sequence[float] = (0.2, 0.3, 0.4),
    point: tuple[float, float] | None = None,
    max_increase: float = 3.0,
    ax: Axes | None = None,
) -> Axes:
    """Required volume increase against the discount, one curve per gross margin (折扣盈亏平衡曲线).

    Each curve is ``d / (m − d)`` (CONTENT §7), drawn up to where it reaches
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
                label=i18n.label("margin_is").format(pct=_pct(m)))
    if point is not None:
        m, d = point
        inc = breakeven_volume_increase(m, d)
        ax.scatter([d], [inc], color="black", zorder=4)
        ax.annotate(f"{_pct(d)} → +{100 * inc:.1f}%", (d, inc), xytext=(8, -4), textcoords="offset points")
    ax.set_ylim(0, max_increase)
    ax.set_xlim(0, None)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="upper left")
    return finish(ax, title="breakeven_title", xlabel="discount", ylabel="required_volume_increase")


def plot_relationship_matrix(highlight: tuple[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Kotler's relationship-level matrix: number of customers × margin (关系营销的水平).

    The nine cells as the course materials print them (Kotler; CONTENT §5.4);
    the shade darkens with the closeness of the level.

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
    """
    ax = new_axes(ax, figsize=(6.5, 4.5))
    if highlight is not None:
        from ..relationship import relationship_levels

        relationship_levels(*highlight)  # validates
    rank = {lvl: i for i, lvl in enumerate(RELATIONSHIP_LEVELS)}
    for r, n in enumerate(N_CUSTOMERS_CATEGORIES):
        for c, m in enumerate(MARGIN_CATEGORIES):
            levels = KOTLER_MATRIX[(n, m)]
            shade = max(rank[lv] for lv in levels) / (len(RELATIONSHIP_LEVELS) - 1)
            y = len(N_CUSTOMERS_CATEGORIES) - 1 - r
            ax.add_patch(Rectangle((c, y), 1, 1, facecolor=(0.0, 0.45, 0.70, 0.12 + 0.6 * shade), edgecolor="white", lw=2))
            text = _cell_text(levels).replace(" ", "\n", 1) if len(levels) > 1 else _cell_text(levels)
            ax.text(c + 0.5, y + 0.5, text, ha="center", va="center", fontsize=11)
            if highlight == (n, m):
                ax.add_patch(Rectangle((c + 0.03, y + 0.03), 0.94, 0.94, fill=False, edgecolor=PALETTE[3], lw=3))
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [i18n.label(f"margin_{m}") for m in MARGIN_CATEGORIES])
    ax.set_yticks([2.5, 1.5, 0.5], [i18n.label(f"n_{n}") for n in N_CUSTOMERS_CATEGORIES])
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return finish(ax, title="relationship_matrix_title", xlabel="margin_level", ylabel="n_customers")


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
    from .._validate import require_columns

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
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color=PALETTE[3], label=i18n.label("bow_tie")), Patch(color=PALETTE[2], label=i18n.label("diamond"))],
        loc="lower right",
        title=i18n.label("contacts_per_staff"),
        title_fontsize=8,
    )
    return finish(ax, title="contact_coverage_title", xlabel="key_person_share")

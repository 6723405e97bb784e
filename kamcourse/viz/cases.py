"""Figures of the cases (Gree vs Gome, runaway horse, complaint relay), one function each.

Each takes ``ax=None`` (draws on a new Axes when not given), labels through
:mod:`kamcourse.i18n` and returns the matplotlib ``Axes``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from .. import i18n
from ..cases import gree_gome as _gg
from ._style import PALETTE, finish, new_axes, percent_axis

__all__ = [
    "gree_gome_timeline",
    "gree_gome_price_cuts",
    "gree_gome_payoffs",
    "gree_gome_recovery",
    "runaway_revenue",
    "runaway_coverage",
    "complaint_handoffs",
    "complaint_estimate",
]

#: Colour of each status of a case statement.
STATUS_COLORS: dict[str, str] = {
    "sourced": PALETTE[0],
    "course_materials": PALETTE[1],
    "unconfirmed": "#BBBBBB",
    "kit_summary": PALETTE[2],
    "hypothetical": PALETTE[4],
}


def _wrap(text: str, width: int) -> str:
    # Chinese has no spaces: textwrap then cuts by characters, which reads fine
    narrow = width if i18n.get_language() == "en" else max(10, int(width * 0.6))
    return "\n".join(textwrap.wrap(text, narrow)) or text


def gree_gome_timeline(events: Sequence[_gg.Event] | None = None, ax: Axes | None = None, width: int = 70) -> Axes:
    """The Gree–Gome timeline, one row per event coloured by its evidence (格力国美事件时间线).

    Parameters
    ----------
    events : sequence of Event, optional
        Default :data:`kamcourse.cases.gree_gome.TIMELINE`.
    ax : matplotlib Axes, optional
    width : int
        Characters per line of the wrapped event texts (English).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = gree_gome_timeline()
    >>> len(ax.texts) >= 2 * len(_gg.TIMELINE)
    True
    """
    events = tuple(_gg.TIMELINE if events is None else events)
    ax = new_axes(ax, figsize=(9.0, 0.75 * len(events) + 1.0))
    n = len(events)
    ys = np.arange(n)[::-1]
    ax.plot([0, 0], [ys.min() - 0.4, ys.max() + 0.4], color="#999999", lw=1.5, zorder=1)
    for y, e in zip(ys, events):
        ax.scatter([0], [y], s=90, color=STATUS_COLORS[e.status], zorder=3, edgecolor="white")
        ax.text(-0.15, y, e.date, ha="right", va="center", fontsize=10, fontweight="bold")
        ax.text(0.15, y, _wrap(e.text, width), ha="left", va="center", fontsize=9)
    used = [s for s in _gg.STATUSES if any(e.status == s for e in events)]
    ax.legend(
        handles=[Patch(color=STATUS_COLORS[s], label=i18n.label("status_" + s)) for s in used],
        loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(used),
    )
    ax.set_xlim(-1.6, 8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axis("off")
    return finish(ax, title="gg_timeline_title")


def gree_gome_price_cuts(cuts: Sequence[_gg.PriceCut] | None = None, ax: Axes | None = None) -> Axes:
    """Original vs promotion price of the Gree models in the Chengdu Gome promotion, with the cut (降价幅度).

    Source of the prices: jiaoyanshi.com (2004 press report).

    Parameters
    ----------
    cuts : sequence of PriceCut, optional
        Default :data:`kamcourse.cases.gree_gome.PRICE_CUTS`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = gree_gome_price_cuts()
    >>> [t.get_text() for t in ax.texts]
    ['−40.5%', '−27.4%']
    """
    cuts = tuple(_gg.PRICE_CUTS if cuts is None else cuts)
    ax = new_axes(ax)
    x = np.arange(len(cuts))
    w = 0.38
    ax.bar(x - w / 2, [c.list_price for c in cuts], w, color="#BBBBBB", label=i18n.label("original_price"))
    ax.bar(x + w / 2, [c.promo_price for c in cuts], w, color=PALETTE[3], label=i18n.label("promo_price"))
    for xi, c in zip(x, cuts):
        ax.annotate(f"−{c.cut * 100:.1f}%", (xi + w / 2, c.promo_price), xytext=(0, 4),
                    textcoords="offset points", ha="center", fontweight="bold")
    ax.set_xticks(x, [i18n.label(c.model) for c in cuts])
    ax.legend()
    return finish(ax, title="gg_price_cut_title", ylabel="gg_price_yuan")


def gree_gome_payoffs(game: _gg.Game | None = None, ax: Axes | None = None) -> Axes:
    """The payoff matrix of a game: best responses in bold, Nash equilibria framed (支付矩阵).

    The default :data:`kamcourse.cases.gree_gome.STANDOFF` is hypothetical
    (invented by this kit); the title says so.

    Parameters
    ----------
    game : Game, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = gree_gome_payoffs()
    >>> sorted(t.get_text() for t in ax.texts if t.get_fontweight() == "bold")   # best responses
    ['1', '1', '4', '4']
    """
    game = _gg.STANDOFF if game is None else game
    ax = new_axes(ax, figsize=(6.5, 4.5))
    rows, cols = game.row_strategies, game.col_strategies
    row_best = _gg.best_responses(game, game.row_player)
    col_best = _gg.best_responses(game, game.col_player)
    equilibria = set(_gg.nash_equilibria(game))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            y = len(rows) - 1 - i
            framed = (r, c) in equilibria
            ax.add_patch(Rectangle((j, y), 1, 1, facecolor="#F3E3C3" if framed else "white",
                                   edgecolor=PALETTE[3] if framed else "#999999", lw=3 if framed else 1))
            a, b = game.payoffs[i][j]
            ax.text(j + 0.38, y + 0.5, f"{a:g}", ha="right", va="center", fontsize=15, color=PALETTE[0],
                    fontweight="bold" if r in row_best[c] else "normal")
            ax.text(j + 0.5, y + 0.5, ",", ha="center", va="center", fontsize=15)
            ax.text(j + 0.62, y + 0.5, f"{b:g}", ha="left", va="center", fontsize=15, color=PALETTE[3],
                    fontweight="bold" if c in col_best[r] else "normal")
            if framed:
                ax.text(j + 0.5, y + 0.15, i18n.label("gg_nash_equilibrium"), ha="center", fontsize=9)
    ax.set_xlim(0, len(cols))
    ax.set_ylim(0, len(rows))
    ax.set_xticks(np.arange(len(cols)) + 0.5, i18n.labels(cols))
    ax.set_yticks(np.arange(len(rows))[::-1] + 0.5, i18n.labels(rows))
    ax.xaxis.tick_top()
    ax.set_xlabel(i18n.label(game.col_player), color=PALETTE[3], fontweight="bold")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel(i18n.label(game.row_player), color=PALETTE[0], fontweight="bold")
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(i18n.label("gg_payoff_title"), pad=34)
    return ax


def gree_gome_recovery(
    cut: float = _gg.AVERAGE_CUT, margins: Sequence[float] | None = None, ax: Axes | None = None
) -> Axes:
    """Volume increase needed after a price cut, against the gross margin before it (降价保本销量).

    ``d / (m - d)`` (:func:`kamcourse.economics.breakeven_volume_increase`);
    where the margin is at or below the cut no volume is enough (shaded).
    The margins on the axis are illustrative (this kit's assumption).

    Parameters
    ----------
    cut : float
        The price cut d (default: the course materials' average, 34%).
    margins : sequence of float, optional
        Margins to draw; default 2% to 98%.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = gree_gome_recovery(0.34)
    >>> len(ax.patches) >= 1
    True
    """
    from ..economics import breakeven_volume_increase

    ms = np.linspace(0.02, 0.98, 97) if margins is None else np.asarray(margins, dtype=float)
    ax = new_axes(ax)
    ok = ms > cut + 0.005
    ys = [breakeven_volume_increase(m, cut) for m in ms[ok]]
    ax.plot(ms[ok], ys, color=PALETTE[0], lw=2, label=f"{i18n.label('price_cut')} = {cut:.0%}")
    ax.axvspan(0, cut, color=PALETTE[3], alpha=0.15, label=i18n.label("gg_not_recoverable"))
    ax.set_ylim(0, 5)
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="center right")
    return finish(ax, title="gg_recovery_title", xlabel="gg_margin_illustrative", ylabel="gg_volume_increase")


def runaway_revenue(
    monthly: pd.Series, leave_date: str | pd.Timestamp, months: int = 12, ax: Axes | None = None
) -> Axes:
    """An account's monthly revenue around a salesperson's leave date (离职前后的月销售额).

    Parameters
    ----------
    monthly : pandas.Series
        :func:`kamcourse.cases.runaway_horse.monthly_revenue`.
    leave_date : date-like
    months : int
        Window of the averages drawn before and after.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``monthly`` is not a Series.

    Examples
    --------
    >>> s = pd.Series([100.0] * 12 + [20.0] * 12, index=pd.date_range("2024-01-01", periods=24, freq="MS"))
    >>> ax = runaway_revenue(s, "2025-01-01")
    >>> [round(line.get_ydata()[0]) for line in ax.lines[-2:]]
    [100, 20]
    """
    if not isinstance(monthly, pd.Series):
        raise TypeError(f"monthly must be a pandas Series of revenue by month, got {type(monthly).__name__}")
    leave = pd.Timestamp(leave_date)
    ax = new_axes(ax)
    ax.plot(monthly.index, monthly.to_numpy(), color=PALETTE[0], lw=1.5, marker="o", ms=3)
    ax.axvline(leave, color=PALETTE[3], ls="--", lw=1.5, label=i18n.label("rh_leave_date"))
    before = monthly[(monthly.index >= leave - pd.DateOffset(months=months)) & (monthly.index < leave)]
    after = monthly[(monthly.index >= leave) & (monthly.index < leave + pd.DateOffset(months=months))]
    if len(before):
        ax.plot([before.index.min(), leave], [before.mean()] * 2, color=PALETTE[2], lw=3,
                label=i18n.label("rh_mean_before"))
    if len(after):
        ax.plot([leave, after.index.max()], [after.mean()] * 2, color=PALETTE[1], lw=3,
                label=i18n.label("rh_mean_after"))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right")
    return finish(ax, title="rh_revenue_title", ylabel="rh_monthly_revenue")


def runaway_coverage(
    now: pd.DataFrame, plan: pd.DataFrame, staff: pd.DataFrame | None = None, ax: Axes | None = None
) -> Axes:
    """Contacts of one account per member of staff, now vs a diamond plan (领结型 → 钻石型).

    Parameters
    ----------
    now : pandas.DataFrame
        The account's rows of ``contacts`` (column ``staff_id``).
    plan : pandas.DataFrame
        :func:`kamcourse.cases.runaway_horse.diamond_plan` (column ``proposed_staff_id``).
    staff : pandas.DataFrame, optional
        With ``staff_id`` and ``leave_date``: people who have left are marked.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If a table is not a DataFrame with its staff column.

    Examples
    --------
    >>> now = pd.DataFrame({"staff_id": ["S1", "S1", "S1"]})
    >>> plan = pd.DataFrame({"proposed_staff_id": ["S2", "S3", "S4"]})
    >>> ax = runaway_coverage(now, plan)
    >>> len(ax.patches)
    8
    """
    for name, df, col in (("now", now, "staff_id"), ("plan", plan, "proposed_staff_id")):
        if not isinstance(df, pd.DataFrame) or col not in df.columns:
            raise TypeError(f"{name} must be a DataFrame with a {col} column")
    a = now["staff_id"].value_counts()
    b = plan["proposed_staff_id"].value_counts()
    people = sorted(set(a.index) | set(b.index))
    left: set[str] = set()
    if staff is not None:
        gone = staff.loc[pd.to_datetime(staff["leave_date"]).notna(), "staff_id"]
        left = set(gone)
    names = [f"{p} ({i18n.label('rh_left')})" if p in left else str(p) for p in people]
    ax = new_axes(ax)
    y = np.arange(len(people))
    h = 0.38
    share_a = a.max() / a.sum()
    share_b = b.max() / b.sum()
    kp = i18n.label("rh_key_person_share")
    ax.barh(y + h / 2, a.reindex(people, fill_value=0), h, color="#BBBBBB",
            label=f"{i18n.label('rh_now')} ({kp} {share_a:.0%})")
    ax.barh(y - h / 2, b.reindex(people, fill_value=0), h, color=PALETTE[0],
            label=f"{i18n.label('rh_plan')} ({kp} {share_b:.0%})")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.legend(loc="lower right")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return finish(ax, title="rh_coverage_title", xlabel="rh_contacts_held")


def complaint_handoffs(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Mean days to resolve (bars) and satisfaction afterwards (line) by hand-offs (转手次数).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kamcourse.cases.complaint_relay.handoff_table`.
    ax : matplotlib Axes, optional
        The bars' Axes; the line goes on a twin Axes on the right.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` lacks ``mean_days`` or ``mean_satisfaction``.

    Examples
    --------
    >>> t = pd.DataFrame({"mean_days": [3.0, 6.0, 12.0], "mean_satisfaction": [4.5, 3.9, 2.8]},
    ...                  index=pd.Index([0, 1, 2], name="handoffs"))
    >>> ax = complaint_handoffs(t)
    >>> len(ax.patches), ax.get_xlabel()
    (3, 'hand-offs')
    """
    if not isinstance(table, pd.DataFrame) or not {"mean_days", "mean_satisfaction"} <= set(table.columns):
        raise TypeError("table must be the DataFrame of handoff_table (columns mean_days, mean_satisfaction)")
    ax = new_axes(ax)
    x = np.arange(len(table))
    ax.bar(x, table["mean_days"], color=PALETTE[0], alpha=0.85, label=i18n.label("mean_days"))
    ax.set_xticks(x, [str(v) for v in table.index])
    twin = ax.twinx()
    twin.plot(x, table["mean_satisfaction"], color=PALETTE[3], marker="o", lw=2, label=i18n.label("mean_satisfaction"))
    twin.set_ylim(1, 5)
    twin.set_ylabel(i18n.label("mean_satisfaction"), color=PALETTE[3])
    twin.grid(False)
    twin.spines["right"].set_visible(True)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    return finish(ax, title="cr_handoffs_title", xlabel="handoffs", ylabel="mean_days")


def complaint_estimate(estimate: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Current process vs the single-owner estimate, days and satisfaction (单一负责人估计).

    The title and legend say it is an estimate.

    Parameters
    ----------
    estimate : pandas.DataFrame
        :func:`kamcourse.cases.complaint_relay.single_owner_estimate`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``estimate`` is not that table.

    Examples
    --------
    >>> e = pd.DataFrame({"mean_days": [9.0, 6.0], "mean_satisfaction": [3.2, 3.8], "share_over_max": [0.5, 0.0]},
    ...                  index=["current_process", "single_owner_estimate"])
    >>> ax = complaint_estimate(e)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['mean days to resolve', 'mean satisfaction afterwards (1-5)']
    """
    if not isinstance(estimate, pd.DataFrame) or list(estimate.index) != ["current_process", "single_owner_estimate"]:
        raise TypeError("estimate must be the DataFrame of single_owner_estimate")
    ax = new_axes(ax)
    metrics = ["mean_days", "mean_satisfaction"]
    x = np.arange(len(metrics))
    w = 0.38
    for k, (row, key, color) in enumerate(
        [("current_process", "current_process", "#BBBBBB"), ("single_owner_estimate", "single_owner_estimate", PALETTE[2])]
    ):
        values = estimate.loc[row, metrics].to_numpy(dtype=float)
        bars = ax.bar(x + (k - 0.5) * w, values, w, color=color, label=i18n.label(key),
                      hatch="//" if k else None, edgecolor="white")
        ax.bar_label(bars, fmt="%.1f", padding=2)
    ax.set_xticks(x, [i18n.label("mean_days"), i18n.label("mean_satisfaction")])
    ax.legend()
    return finish(ax, title="cr_estimate_title")

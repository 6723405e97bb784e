"""Figures of the Gree vs Gome case: timeline, price cuts, the payoff matrix, volume recovery."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ... import i18n
from ...cases import gree_gome as _gg
from ...economics import breakeven_volume_increase
from ..style import PALETTE, course_figure, finish, new_axes, percent_axis

__all__ = [
    "STATUS_COLORS",
    "gree_gome_timeline",
    "gree_gome_price_cuts",
    "gree_gome_payoffs",
    "gree_gome_recovery",
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


@course_figure
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
    used = [s for s in _gg.EVIDENCE_STATUSES if any(e.status == s for e in events)]
    ax.legend(
        handles=[Patch(color=STATUS_COLORS[s], label=i18n.label("status_" + s)) for s in used],
        loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(used),
    )
    ax.set_xlim(-1.6, 8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axis("off")
    return finish(ax, title="gg_timeline_title")


@course_figure
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


@course_figure
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


@course_figure
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

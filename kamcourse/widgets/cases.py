"""Explorers of the cases (ipywidgets; each returns a displayable widget).

- :func:`standoff_explorer`: the eight payoffs of the (hypothetical)
  Gree–Gome stand-off as sliders → best responses and Nash equilibria, on
  the payoff-matrix figure. For role play: "what would a key-account
  agreement have to change for the stand-off to stop being the outcome?"

Like the other explorers, it is an :class:`~kamcourse.widgets.base.Explorer`
(``controls``, ``state``, ``update()``, ``text``, ``output``).
"""

from __future__ import annotations

import ipywidgets as w

from .. import i18n
from ..cases import gree_gome as _gg
from ..viz.cases import gree_gome_payoffs
from .base import Explorer

__all__ = ["standoff_explorer"]


def standoff_explorer(game: _gg.Game | None = None, draw: bool = True) -> Explorer:
    """Change the payoffs of the stand-off and watch the equilibrium move (博弈支付探索).

    One slider (0-4) per payoff of :data:`kamcourse.cases.gree_gome.STANDOFF`
    (hypothetical, invented by this kit); the text lists each side's best
    responses and the pure-strategy Nash equilibria (Nash 1950), computed by
    :func:`~kamcourse.cases.gree_gome.best_responses` and
    :func:`~kamcourse.cases.gree_gome.nash_equilibria`.

    Parameters
    ----------
    game : Game, optional
        Starting payoffs (default the hypothetical ``STANDOFF``).
    draw : bool
        Redraw the payoff-matrix figure on every change (``False``: text and
        state only, for tests and scripts).

    Returns
    -------
    Explorer
        With ``controls`` (keys ``(row, col, player)``, e.g.
        ``("concede", "stop_cut", "gome")``), ``state`` (``game``,
        ``equilibria``, ``gree_best``, ``gome_best``) and ``update()``.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`~kamcourse.cases.gree_gome.Game`.

    Examples
    --------
    >>> box = standoff_explorer(draw=False)
    >>> box.state["equilibria"]
    [('hold_prices', 'continue_cut')]
    >>> box.controls[("concede", "stop_cut", "gome")].value = 4
    >>> box.controls[("hold_prices", "stop_cut", "gome")].value = 2
    >>> box.state["equilibria"]
    [('hold_prices', 'stop_cut')]
    """
    game = _gg.STANDOFF if game is None else game
    if not isinstance(game, _gg.Game):
        raise TypeError(f"game must be a Game (see gree_gome.make_game), got {type(game).__name__}")
    players = (game.row_player, game.col_player)
    controls: dict[tuple[str, str, str], w.IntSlider] = {}
    rows = []
    for i, r in enumerate(game.row_strategies):
        cells = []
        for j, c in enumerate(game.col_strategies):
            pair = []
            for k, player in enumerate(players):
                slider = w.IntSlider(value=int(round(game.payoffs[i][j][k])), min=0, max=4,
                                     description=i18n.label(player), layout=w.Layout(width="230px"))
                controls[(r, c, player)] = slider
                pair.append(slider)
            cells.append(w.VBox([w.HTML(f"<b>{i18n.label(r)} / {i18n.label(c)}</b>"), *pair]))
        rows.append(w.HBox(cells))

    def compute() -> tuple[dict, str]:
        payoffs = {
            (r, c): (controls[(r, c, players[0])].value, controls[(r, c, players[1])].value)
            for r in game.row_strategies
            for c in game.col_strategies
        }
        current = _gg.make_game(payoffs, *players)
        eq = _gg.nash_equilibria(current)
        cells = "; ".join(f"({i18n.label(r)}, {i18n.label(c)})" for r, c in eq) or "—"
        html = f"<b>{i18n.label('gg_nash_equilibrium')}:</b> {cells} <i>({i18n.label('status_hypothetical')})</i>"
        return {
            "game": current,
            "equilibria": eq,
            "gree_best": _gg.best_responses(current, players[0]),
            "gome_best": _gg.best_responses(current, players[1]),
        }, html

    return Explorer(controls, compute, lambda state: gree_gome_payoffs(state["game"]), layout=rows, draw=draw)

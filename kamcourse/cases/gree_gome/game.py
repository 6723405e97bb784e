"""The stand-off as a (hypothetical) game (博弈): a two-player game in normal form, best responses, Nash equilibria."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ... import i18n
from ...validation import check_choice, check_number

__all__ = [
    "Game",
    "STANDOFF",
    "make_game",
    "best_responses",
    "dominant_strategy",
    "nash_equilibria",
    "best_response_table",
    "equilibrium_table",
    "NONE_SHOWN",
]

#: Shown where a player has no dominant strategy or a game no pure equilibrium (as in the standoff explorer).
NONE_SHOWN = "—"


@dataclass(frozen=True)
class Game:
    """A two-player game in normal form (博弈矩阵).

    ``payoffs[i][j] == (row player's payoff, column player's payoff)`` when
    the row player plays ``row_strategies[i]`` and the column player
    ``col_strategies[j]``. Build one with :func:`make_game`.
    """

    row_player: str
    col_player: str
    row_strategies: tuple[str, ...]
    col_strategies: tuple[str, ...]
    payoffs: tuple[tuple[tuple[float, float], ...], ...]

    def payoff(self, row: str, col: str) -> tuple[float, float]:
        """Payoffs ``(row player, column player)`` of one cell."""
        check_choice(row, "row", self.row_strategies)
        check_choice(col, "col", self.col_strategies)
        return self.payoffs[self.row_strategies.index(row)][self.col_strategies.index(col)]

    def table(self) -> pd.DataFrame:
        """The matrix with translated labels; each cell ``"(row payoff, column payoff)"``."""
        return pd.DataFrame(
            [[f"({a:g}, {b:g})" for a, b in row] for row in self.payoffs],
            index=pd.Index(i18n.labels(self.row_strategies), name=i18n.label(self.row_player)),
            columns=pd.Index(i18n.labels(self.col_strategies), name=i18n.label(self.col_player)),
        )


def make_game(
    payoffs: Mapping[tuple[str, str], tuple[float, float]],
    row_player: str = "gree",
    col_player: str = "gome",
) -> Game:
    """Build a two-player game from ``{(row strategy, column strategy): (row payoff, column payoff)}``.

    Every pair of strategies must appear once (博弈的支付矩阵). Source: the
    normal form of a game (von Neumann & Morgenstern 1944; Nash 1950).

    Parameters
    ----------
    payoffs : mapping
        Keys ``(row_strategy, col_strategy)``, values ``(row_payoff,
        col_payoff)`` (numbers). Strategy order follows first appearance.
    row_player, col_player : str
        Names (glossary keys when shown through :meth:`Game.table`).

    Returns
    -------
    Game

    Raises
    ------
    TypeError
        If ``payoffs`` is not a mapping, a key is not a pair of strings or a
        payoff not a pair of numbers.
    ValueError
        If a cell is missing or a payoff is NaN.

    Examples
    --------
    >>> g = make_game({("hold_prices", "continue_cut"): (1, 1), ("hold_prices", "stop_cut"): (4, 0),
    ...                ("concede", "continue_cut"): (0, 4), ("concede", "stop_cut"): (3, 3)})
    >>> g.row_strategies, g.payoff("concede", "stop_cut")
    (('hold_prices', 'concede'), (3.0, 3.0))
    >>> make_game({("a", "x"): (1, 1), ("b", "y"): (0, 0)})
    Traceback (most recent call last):
    ...
    ValueError: payoffs has no cell ('a', 'y'); every row strategy needs a payoff against every column strategy
    """
    if row_player == col_player:
        raise ValueError(f"row_player and col_player must differ, got {row_player!r} twice")
    if not isinstance(payoffs, Mapping) or not payoffs:
        raise TypeError(f"payoffs must be a non-empty dict {{(row, col): (row_payoff, col_payoff)}}, got {payoffs!r}")
    rows: list[str] = []
    cols: list[str] = []
    cells: dict[tuple[str, str], tuple[float, float]] = {}
    for key, value in payoffs.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
            raise TypeError(f"each key of payoffs must be a pair of strategy names (row, col), got {key!r}")
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
            raise TypeError(f"payoffs[{key!r}] must be a pair (row_payoff, col_payoff), got {value!r}")
        cells[key] = (check_number(value[0], f"payoffs[{key!r}][0]"), check_number(value[1], f"payoffs[{key!r}][1]"))
        if key[0] not in rows:
            rows.append(key[0])
        if key[1] not in cols:
            cols.append(key[1])
    for r in rows:
        for c in cols:
            if (r, c) not in cells:
                raise ValueError(
                    f"payoffs has no cell {(r, c)!r}; every row strategy needs a payoff against every column strategy"
                )
    return Game(
        row_player=row_player,
        col_player=col_player,
        row_strategies=tuple(rows),
        col_strategies=tuple(cols),
        payoffs=tuple(tuple(cells[(r, c)] for c in cols) for r in rows),
    )


#: HYPOTHETICAL payoffs of the 2004 stand-off (ordinal ranks 0-4, higher is
#: better), invented by this kit to discuss the case: Gree chooses
#: "hold_prices" or "concede", Gome "continue_cut" or "stop_cut". Holding firm
#: is each side's best reply whatever the other does, so both end at the
#: stand-off (1, 1) although both prefer the negotiated (3, 3): a prisoner's
#: dilemma. No source gives these numbers.
STANDOFF: Game = make_game(
    {
        ("hold_prices", "continue_cut"): (1, 1),
        ("hold_prices", "stop_cut"): (4, 0),
        ("concede", "continue_cut"): (0, 4),
        ("concede", "stop_cut"): (3, 3),
    },
    row_player="gree",
    col_player="gome",
)


def _check_game(game: Game) -> Game:
    if not isinstance(game, Game):
        raise TypeError(f"game must be a Game (see make_game), got {type(game).__name__}")
    return game


def best_responses(game: Game, player: str) -> dict[str, tuple[str, ...]]:
    """Each player's best response to each strategy of the other (最优反应).

    For every strategy of the opponent, the strategies that give ``player``
    the highest payoff (ties: all of them, in the game's order). Source:
    Nash (1950), "Equilibrium points in n-person games", PNAS 36(1).

    Parameters
    ----------
    game : Game
        The game, e.g. :data:`STANDOFF`.
    player : str
        ``game.row_player`` or ``game.col_player``.

    Returns
    -------
    dict
        ``{opponent strategy: (best responses, ...)}``.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`Game`.
    ValueError
        If ``player`` is not one of the game's players.

    Examples
    --------
    >>> best_responses(STANDOFF, "gree")
    {'continue_cut': ('hold_prices',), 'stop_cut': ('hold_prices',)}
    >>> best_responses(STANDOFF, "gome")
    {'hold_prices': ('continue_cut',), 'concede': ('continue_cut',)}
    >>> best_responses(STANDOFF, "haier")
    Traceback (most recent call last):
    ...
    ValueError: player must be one of 'gree', 'gome'; got 'haier'
    """
    game = _check_game(game)
    check_choice(player, "player", (game.row_player, game.col_player))
    out: dict[str, tuple[str, ...]] = {}
    if player == game.row_player:
        for j, c in enumerate(game.col_strategies):
            values = [game.payoffs[i][j][0] for i in range(len(game.row_strategies))]
            out[c] = tuple(r for r, v in zip(game.row_strategies, values) if v == max(values))
    else:
        for i, r in enumerate(game.row_strategies):
            values = [game.payoffs[i][j][1] for j in range(len(game.col_strategies))]
            out[r] = tuple(c for c, v in zip(game.col_strategies, values) if v == max(values))
    return out


def dominant_strategy(game: Game, player: str) -> str | None:
    """The strategy that is a best response to everything the other can do (占优策略), if any.

    A (weakly) dominant strategy is a best response to every opponent
    strategy. Source: standard game theory (e.g. Osborne 2004, *An
    Introduction to Game Theory*, ch. 2).

    Parameters
    ----------
    game : Game
    player : str
        ``game.row_player`` or ``game.col_player``.

    Returns
    -------
    str or None
        The dominant strategy, or None if there is none (or more than one).

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`Game`.
    ValueError
        If ``player`` is not one of the game's players.

    Examples
    --------
    >>> dominant_strategy(STANDOFF, "gree"), dominant_strategy(STANDOFF, "gome")
    ('hold_prices', 'continue_cut')
    >>> coordination = make_game({("a", "a"): (1, 1), ("a", "b"): (0, 0), ("b", "a"): (0, 0), ("b", "b"): (1, 1)},
    ...                          row_player="p1", col_player="p2")
    >>> dominant_strategy(coordination, "p1") is None
    True
    """
    replies = best_responses(game, player)
    own = game.row_strategies if player == game.row_player else game.col_strategies
    always = [s for s in own if all(s in best for best in replies.values())]
    return always[0] if len(always) == 1 else None


def nash_equilibria(game: Game) -> list[tuple[str, str]]:
    """Pure-strategy Nash equilibria (纳什均衡): cells where each is a best response to the other.

    A cell ``(r, c)`` is an equilibrium when ``r`` is a best response to
    ``c`` and ``c`` is a best response to ``r``: nobody gains by changing
    alone. Source: Nash (1950), PNAS 36(1): 48-49.

    Parameters
    ----------
    game : Game

    Returns
    -------
    list of (row strategy, column strategy)
        Possibly empty (then only mixed equilibria exist).

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`Game`.

    Examples
    --------
    >>> nash_equilibria(STANDOFF)
    [('hold_prices', 'continue_cut')]
    >>> STANDOFF.payoff("hold_prices", "continue_cut"), STANDOFF.payoff("concede", "stop_cut")
    ((1.0, 1.0), (3.0, 3.0))
    >>> nash_equilibria("matrix")
    Traceback (most recent call last):
    ...
    TypeError: game must be a Game (see make_game), got str
    """
    game = _check_game(game)
    row_best = best_responses(game, game.row_player)
    col_best = best_responses(game, game.col_player)
    return [
        (r, c)
        for r in game.row_strategies
        for c in game.col_strategies
        if r in row_best[c] and c in col_best[r]
    ]


def _shown(key: str) -> str:
    # a strategy or player of a game a reader made up ("a", "p1") is shown as it is
    return i18n.label(key) if key in i18n.GLOSSARY else key


def _alternatives(texts: Sequence[str]) -> str:
    return " / ".join(texts) if texts else NONE_SHOWN


def best_response_table(game: Game) -> pd.DataFrame:
    """The best responses of both players as a table in the reader's language (最优反应表).

    One row for each strategy the other side may choose: whose reply it is,
    what the other side plays, and the reply that pays most (ties joined by
    ``" / "``). The same answers as :func:`best_responses`, written for a
    reader: labels come from :func:`kamcourse.i18n.label` (keys the glossary
    does not know are shown as they are). Source: Nash (1950), "Equilibrium
    points in n-person games", PNAS 36(1): 48-49.

    Parameters
    ----------
    game : Game
        The game, e.g. :data:`STANDOFF`.

    Returns
    -------
    pandas.DataFrame
        Columns player, the other side's choice and best response (labels of
        the current language); first the row player's rows, then the column
        player's.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`Game`.

    Examples
    --------
    >>> best_response_table(STANDOFF)
      player if the other side plays     best response
    0   Gree        continue the cut       hold prices
    1   Gree            stop the cut       hold prices
    2   Gome             hold prices  continue the cut
    3   Gome                 concede  continue the cut
    >>> i18n.set_language("zh")
    >>> best_response_table(STANDOFF).iloc[0].tolist()
    ['格力', '继续降价', '坚持价格体系']
    >>> i18n.set_language("en")
    """
    game = _check_game(game)
    rows = []
    for player, others in ((game.row_player, game.col_strategies), (game.col_player, game.row_strategies)):
        replies = best_responses(game, player)
        rows += [(_shown(player), _shown(s), _alternatives([_shown(b) for b in replies[s]])) for s in others]
    return pd.DataFrame(rows, columns=i18n.labels(["gg_player", "gg_other_plays", "gg_best_response"]))


def equilibrium_table(game: Game) -> pd.DataFrame:
    """Each player's dominant strategy and pure Nash equilibrium, in the reader's language (占优策略与纳什均衡).

    One row per player: the dominant strategy (:func:`dominant_strategy`, or
    ``"—"`` when there is none), the strategy the player plays in the Nash
    equilibrium (:func:`nash_equilibria`) and the payoff it earns there.
    When a game has several pure equilibria they are joined by ``" / "`` in
    the same order in every cell; when it has none, ``"—"``. Sources: Nash
    (1950), PNAS 36(1): 48-49; Osborne (2004), *An Introduction to Game
    Theory*, Oxford University Press, ch. 2.

    Parameters
    ----------
    game : Game
        The game, e.g. :data:`STANDOFF`.

    Returns
    -------
    pandas.DataFrame
        Indexed by player (labels of the current language); columns dominant
        strategy, Nash equilibrium (the player's strategy in it) and
        equilibrium payoff (all text).

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`Game`.

    Examples
    --------
    >>> equilibrium_table(STANDOFF)
           dominant strategy  Nash equilibrium equilibrium payoff
    player
    Gree         hold prices       hold prices                  1
    Gome    continue the cut  continue the cut                  1
    >>> i18n.set_language("zh")
    >>> equilibrium_table(STANDOFF).loc["国美"].tolist()
    ['继续降价', '继续降价', '1']
    >>> i18n.set_language("en")
    >>> pennies = make_game({("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)},
    ...                     row_player="p1", col_player="p2")
    >>> equilibrium_table(pennies).loc["p1"].tolist()
    ['—', '—', '—']
    """
    game = _check_game(game)
    cells = nash_equilibria(game)
    rows = {}
    for k, player in enumerate((game.row_player, game.col_player)):
        dominant = dominant_strategy(game, player)
        rows[_shown(player)] = (
            NONE_SHOWN if dominant is None else _shown(dominant),
            _alternatives([_shown(cell[k]) for cell in cells]),
            _alternatives([f"{game.payoff(*cell)[k]:g}" for cell in cells]),
        )
    return pd.DataFrame.from_dict(
        rows, orient="index",
        columns=i18n.labels(["gg_dominant_strategy", "gg_nash_equilibrium", "gg_equilibrium_payoff"]),
    ).rename_axis(i18n.label("gg_player"))

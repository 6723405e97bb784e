"""Case: Gree vs Gome, 2004 (格力与国美之争) — a key account in conflict with its supplier.

In February 2004 Chengdu Gome (成都国美) cut the prices of Gree (格力) air
conditioners without Gree's consent; by March 2004 Gree products had left all
of Gome's stores. The course materials use the case to argue for a key-account
manager system (大客户经理制度).

Every fact here carries its sources and a status (``"sourced"``,
``"course_materials"``, ``"kit_summary"``, ``"hypothetical"``, …; see
:mod:`kamcourse.cases`). The later reconciliation of the two firms and a
supply stop to Chengdu Gome, often told in courseware, are left out: no
retrieved source confirms them.

The module holds the dated :data:`TIMELINE`, the two reported :data:`PRICE_CUTS`,
the two channel models side by side (:data:`CHANNEL_MODELS`), the discount
arithmetic seen from both firms, an explicitly hypothetical game of the
stand-off (:data:`STANDOFF`) with best responses and Nash equilibria, what a
key-account system would have changed (:data:`KAM_CHANGES`) and
:data:`DISCUSSION_QUESTIONS`. Texts are glossary keys, shown in the current
language by :func:`kamcourse.i18n.label`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from .. import i18n
from .._validate import check_choice, check_fraction, check_number
from . import SOURCES, STATUSES, Claim, Fact, _check_sourcing, sources_text

__all__ = [
    "STATUSES",
    "SOURCES",
    "Fact",
    "FACTS",
    "Event",
    "TIMELINE",
    "PriceCut",
    "PRICE_CUTS",
    "AVERAGE_CUT",
    "ChannelPoint",
    "CHANNEL_MODELS",
    "Claim",
    "KAM_CHANGES",
    "DISCUSSION_QUESTIONS",
    "ILLUSTRATIVE_RETAIL_MARGINS",
    "ILLUSTRATIVE_MAKER_MARGIN",
    "Game",
    "STANDOFF",
    "price_cut",
    "timeline_table",
    "price_cut_table",
    "channel_table",
    "recovery_table",
    "cut_on_supply_price",
    "make_game",
    "best_responses",
    "dominant_strategy",
    "nash_equilibria",
]

#: The case's numbers. ``FACTS["gome_stores"].value == 150``.
FACTS: Mapping[str, Fact] = MappingProxyType(
    {
        "promo_1p_list_price": Fact(1680, "yuan", ("jiaoyanshi",), "sourced", "Gree 1P split wall unit"),
        "promo_1p_price": Fact(1000, "yuan", ("jiaoyanshi",), "sourced", "Chengdu Gome promotion, Feb 2004"),
        "promo_2p_list_price": Fact(3650, "yuan", ("jiaoyanshi",), "sourced", "Gree 2P floor-standing unit"),
        "promo_2p_price": Fact(2650, "yuan", ("jiaoyanshi",), "sourced", "Chengdu Gome promotion, Feb 2004"),
        "gome_stores": Fact(150, "stores", ("jiaoyanshi",), "sourced", "Gome chain stores nationwide, 2004"),
        "gree_dealers_min": Fact(10_000, "dealers", ("jiaoyanshi",), "sourced", "Gree: '10,000+ dealers'"),
        "regional_companies_since": Fact(1997, "year", ("jiaoyanshi", "360docs"), "sourced"),
        "regional_company_provinces_min": Fact(30, "provinces", ("360docs",), "sourced", "'30+ provinces/regions'"),
        "gome_national_strategy_year": Fact(1998, "year", ("jiaoyanshi",), "sourced"),
        "average_cut": Fact(0.34, "fraction of price", ("course_materials",), "course_materials",
                            "21 Feb 2004, Sichuan Gome, on average"),
        "gome_share_of_gree_sales_max": Fact(0.01, "fraction of Gree's sales", ("course_materials",),
                                             "course_materials", "Gree's own statement: under 1%"),
    }
)


def _date_start(date: str) -> pd.Timestamp:
    parts = date.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"date must look like '2004', '2004-02' or '2004-02-21', got {date!r}")
    return pd.Timestamp(date if len(parts) == 3 else date + ("-01" if len(parts) == 2 else "-01-01"))


@dataclass(frozen=True)
class Event:
    """One dated event of the case.

    ``date`` keeps the precision of its source: ``"1997"`` (year),
    ``"2004-02"`` (month) or ``"2004-03-09"`` (day). ``key`` names the text in
    the glossary; :attr:`text` shows it in the current language.
    """

    date: str
    key: str
    sources: tuple[str, ...]
    status: str

    def __post_init__(self) -> None:
        _date_start(self.date)
        _check_sourcing(f"Event {self.key!r}", self.sources, self.status)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return ("year", "month", "day")[self.date.count("-")]

    @property
    def start(self) -> pd.Timestamp:
        """First day of the period the date names."""
        return _date_start(self.date)

    @property
    def text(self) -> str:
        """The event in the current language."""
        return i18n.label(self.key)


#: The case in order (no event without a source).
TIMELINE: tuple[Event, ...] = (
    Event("1997", "gg_ev_regional_companies", ("jiaoyanshi", "360docs"), "sourced"),
    Event("1998", "gg_ev_gome_national_chain", ("jiaoyanshi",), "sourced"),
    Event("2004-02", "gg_ev_chengdu_promotion", ("jiaoyanshi",), "sourced"),
    Event("2004-02-21", "gg_ev_average_cut", ("course_materials",), "course_materials"),
    Event("2004-03-09", "gg_ev_hq_notice", ("jiaoyanshi",), "sourced"),
    Event("2004-03", "gg_ev_channel_debate", ("jiaoyanshi", "kesum"), "sourced"),
    Event("2004-03", "gg_ev_no_gree_in_150_stores", ("jiaoyanshi", "kesum"), "sourced"),
    Event("2004-03", "gg_ev_full_withdrawal", ("course_materials",), "course_materials"),
)


@dataclass(frozen=True)
class PriceCut:
    """A reported promotion price of one Gree model (yuan)."""

    model: str
    list_price: float
    promo_price: float
    sources: tuple[str, ...]
    status: str

    def __post_init__(self) -> None:
        _check_sourcing(f"PriceCut {self.model!r}", self.sources, self.status)

    @property
    def cut(self) -> float:
        """The cut as a fraction of the list price (0.405 for 1,680 -> 1,000)."""
        return price_cut(self.list_price, self.promo_price)


#: The two models of the Chengdu Gome promotion, Feb 2004 [jiaoyanshi].
PRICE_CUTS: tuple[PriceCut, ...] = tuple(
    PriceCut(model, FACTS[f"promo_{unit}_list_price"].value, FACTS[f"promo_{unit}_price"].value,
             FACTS[f"promo_{unit}_price"].sources, FACTS[f"promo_{unit}_price"].status)
    for model, unit in (("gg_model_1p_wall", "1p"), ("gg_model_2p_floor", "2p"))
)

#: Average cut of 21 Feb 2004 as the course materials state it.
AVERAGE_CUT: float = FACTS["average_cut"].value


@dataclass(frozen=True)
class ChannelPoint:
    """One aspect of the two channel models: Gree's text, Gome's text (glossary keys)."""

    aspect: str
    gree: str
    gome: str
    sources: tuple[str, ...]
    status: str

    def __post_init__(self) -> None:
        _check_sourcing(f"ChannelPoint {self.aspect!r}", self.sources, self.status)


#: Gree's regional sales companies vs Gome's national chain, aspect by aspect.
CHANNEL_MODELS: tuple[ChannelPoint, ...] = (
    ChannelPoint("gg_ch_structure", "gg_ch_structure_gree", "gg_ch_structure_gome", ("jiaoyanshi", "360docs"), "sourced"),
    ChannelPoint("gg_ch_scale", "gg_ch_scale_gree", "gg_ch_scale_gome", ("jiaoyanshi", "360docs"), "sourced"),
    ChannelPoint("gg_ch_retail_price", "gg_ch_retail_price_gree", "gg_ch_retail_price_gome", ("jiaoyanshi", "360docs"), "sourced"),
    ChannelPoint("gg_ch_national_deal", "gg_ch_national_deal_gree", "gg_ch_national_deal_gome", ("jiaoyanshi", "kesum"), "sourced"),
    ChannelPoint("gg_ch_margins", "gg_ch_margins_gree", "gg_ch_margins_gome", ("kit",), "kit_summary"),
    ChannelPoint("gg_ch_risk", "gg_ch_risk_gree", "gg_ch_risk_gome", ("kit",), "kit_summary"),
)


#: What a key-account system would have changed.
KAM_CHANGES: tuple[Claim, ...] = (
    Claim("gg_kam_manager_system", ("course_materials",), "course_materials"),
    Claim("gg_kam_high_level", ("course_materials",), "course_materials"),
    Claim("gg_kam_single_owner", ("kit",), "kit_summary"),
    Claim("gg_kam_pricing_rules", ("kit",), "kit_summary"),
    Claim("gg_kam_joint_plan", ("kit",), "kit_summary"),
    Claim("gg_kam_escalation", ("kit",), "kit_summary"),
    Claim("gg_kam_haier", ("course_materials",), "course_materials"),
)

#: Questions for class discussion (glossary keys).
DISCUSSION_QUESTIONS: tuple[str, ...] = ("gg_q_who_lost", "gg_q_one_percent", "gg_q_account_owner", "gg_q_rules", "gg_q_game")

#: Retail gross margins used to illustrate the discount arithmetic. They are an
#: assumption of this kit, not figures from a source.
ILLUSTRATIVE_RETAIL_MARGINS: tuple[float, ...] = (0.10, 0.15, 0.20, 0.25, 0.30)
#: A maker's gross margin used to illustrate the arithmetic (assumption of this kit).
ILLUSTRATIVE_MAKER_MARGIN: float = 0.25


def price_cut(list_price: float, promo_price: float) -> float:
    """Price cut as a fraction of the list price (降价幅度).

    ``cut = (list_price - promo_price) / list_price``; the price change is
    ``-cut``. Source: the Chengdu Gome prices are from jiaoyanshi.com (2004
    press report): 1,680 -> 1,000 yuan and 3,650 -> 2,650 yuan.

    Parameters
    ----------
    list_price : float
        The usual price, > 0.
    promo_price : float
        The promotion price, in [0, list_price].

    Returns
    -------
    float
        The cut in [0, 1].

    Raises
    ------
    TypeError
        If a price is not a number.
    ValueError
        If ``list_price`` is not positive, or ``promo_price`` is negative or
        above ``list_price``.

    Examples
    --------
    >>> round(price_cut(1680, 1000), 3)
    0.405
    >>> round(price_cut(3650, 2650), 3)
    0.274
    >>> price_cut(1000, 1200)
    Traceback (most recent call last):
    ...
    ValueError: promo_price must be in [0, list_price=1000], got 1200
    """
    lp = check_number(list_price, "list_price")
    pp = check_number(promo_price, "promo_price")
    if lp <= 0:
        raise ValueError(f"list_price must be positive, got {list_price!r}")
    if not 0 <= pp <= lp:
        raise ValueError(f"promo_price must be in [0, list_price={list_price!r}], got {promo_price!r}")
    return (lp - pp) / lp


def timeline_table() -> pd.DataFrame:
    """The case timeline as a table, in the current language (格力国美事件时间线).

    Source: each event's own sources (jiaoyanshi.com, kesum.com, 360docs.net,
    or the course materials); see :data:`TIMELINE` and :data:`SOURCES`.

    Returns
    -------
    pandas.DataFrame
        One row per event of :data:`TIMELINE`, in order, with columns ``date``
        (as precise as the source: ``"2004-03-09"``, ``"2004-02"``, ``"1997"``),
        ``date_precision``, ``event``, ``sources`` and ``evidence`` (the
        status, translated). The column names are glossary keys:
        ``t.rename(columns=i18n.label)`` shows them in the current language.

    Raises
    ------
    KeyError
        If a glossary text is missing (a bug of the kit).

    Examples
    --------
    >>> t = timeline_table()
    >>> t.loc[t["date"] == "2004-03-09", "evidence"].item()
    'sourced'
    >>> list(t.columns)
    ['date', 'date_precision', 'event', 'sources', 'evidence']
    """
    return pd.DataFrame(
        {
            "date": [e.date for e in TIMELINE],
            "date_precision": [i18n.label("precision_" + e.precision) for e in TIMELINE],
            "event": [e.text for e in TIMELINE],
            "sources": [sources_text(e.sources) for e in TIMELINE],
            "evidence": [i18n.label("status_" + e.status) for e in TIMELINE],
        }
    )


def price_cut_table() -> pd.DataFrame:
    """The two reported promotion prices and their cuts (成都国美降价).

    ``cut = (list - promo) / list``. Source: jiaoyanshi.com (2004 press
    report): 1,680 -> 1,000 yuan (-40.5%), 3,650 -> 2,650 yuan (-27.4%).

    Returns
    -------
    pandas.DataFrame
        Index ``unit_model`` (in the current language); columns
        ``original_price``, ``promo_price`` (yuan), ``price_cut`` (fraction)
        and ``price_cut_yuan`` (glossary keys).

    Raises
    ------
    KeyError
        If a glossary text is missing (a bug of the kit).

    Examples
    --------
    >>> price_cut_table().round(3)
                            original_price  promo_price  price_cut  price_cut_yuan
    unit_model
    1P split wall unit                1680         1000      0.405             680
    2P floor-standing unit            3650         2650      0.274            1000
    """
    return pd.DataFrame(
        {
            "original_price": [p.list_price for p in PRICE_CUTS],
            "promo_price": [p.promo_price for p in PRICE_CUTS],
            "price_cut": [p.cut for p in PRICE_CUTS],
            "price_cut_yuan": [p.list_price - p.promo_price for p in PRICE_CUTS],
        },
        index=pd.Index([i18n.label(p.model) for p in PRICE_CUTS], name="unit_model"),
    )


def channel_table() -> pd.DataFrame:
    """Gree's and Gome's channel models side by side (渠道模式对比).

    Sources: jiaoyanshi.com, 360docs.net and kesum.com for the rows marked
    "sourced"; rows marked "kit_summary" are this kit's own summary.

    Returns
    -------
    pandas.DataFrame
        Index ``aspect`` (in the current language); columns ``gree``,
        ``gome``, ``sources``, ``evidence`` (the status, translated).

    Raises
    ------
    KeyError
        If a glossary text is missing (a bug of the kit).

    Examples
    --------
    >>> t = channel_table()
    >>> len(t), list(t.columns)
    (6, ['gree', 'gome', 'sources', 'evidence'])
    >>> t["evidence"].value_counts().to_dict()
    {'sourced': 4, "this kit's summary": 2}
    """
    return pd.DataFrame(
        {
            "gree": [i18n.label(p.gree) for p in CHANNEL_MODELS],
            "gome": [i18n.label(p.gome) for p in CHANNEL_MODELS],
            "sources": [sources_text(p.sources) for p in CHANNEL_MODELS],
            "evidence": [i18n.label("status_" + p.status) for p in CHANNEL_MODELS],
        },
        index=pd.Index([i18n.label(p.aspect) for p in CHANNEL_MODELS], name="aspect"),
    )


def _fractions(values: float | Iterable[float], name: str) -> list[float]:
    if isinstance(values, numbers.Real) and not isinstance(values, bool):
        values = [values]
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a number or a list of numbers, got {values!r}")
    out = [check_fraction(v, name, low_open=True, high_open=True) for v in values]
    if not out:
        raise ValueError(f"{name} is empty; give at least one value")
    return out


def recovery_table(cut: float | Sequence[float], margins: float | Sequence[float]) -> pd.DataFrame:
    """Volume increase needed to keep gross profit after a price cut (降价后的保本销量增长).

    ``volume_increase = d / (m - d)`` for a cut ``d`` and gross margin ``m``
    (both as fractions of the old price), computed by
    :func:`kamcourse.economics.breakeven_volume_increase`. When ``d >= m``
    every unit now sells at or below cost: no volume recovers the profit, and
    the table shows ``inf`` with ``recoverable`` False. Source: the formula of
    the course materials (20% margin, 5% discount -> 33% more volume); price
    break-even algebra e.g. bdsaccountants.co.nz.

    Parameters
    ----------
    cut : float or sequence of float
        Price cut(s) d, each in (0, 1).
    margins : float or sequence of float
        Gross margin(s) m before the cut, each in (0, 1). For the case use
        :data:`ILLUSTRATIVE_RETAIL_MARGINS` (an assumption of this kit).

    Returns
    -------
    pandas.DataFrame
        One row per (cut, margin): ``price_cut``, ``gross_margin``,
        ``required_volume_increase`` (fraction, ``inf`` if not recoverable),
        ``recoverable``.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is outside (0, 1) or a list is empty.

    Examples
    --------
    >>> recovery_table(0.05, 0.20).round(4)
       price_cut  gross_margin  required_volume_increase  recoverable
    0       0.05           0.2                    0.3333         True
    >>> recovery_table(0.34, [0.2, 0.5]).round(4)
       price_cut  gross_margin  required_volume_increase  recoverable
    0       0.34           0.2                       inf        False
    1       0.34           0.5                     2.125         True
    >>> recovery_table(0.34, 1.5)
    Traceback (most recent call last):
    ...
    ValueError: margins must be in (0, 1), got 1.5
    """
    from ..economics import breakeven_volume_increase

    cuts = _fractions(cut, "cut")
    ms = _fractions(margins, "margins")
    rows = []
    for d in cuts:
        for m in ms:
            ok = d < m
            rows.append(
                {
                    "price_cut": d,
                    "gross_margin": m,
                    "required_volume_increase": breakeven_volume_increase(m, d) if ok else math.inf,
                    "recoverable": ok,
                }
            )
    return pd.DataFrame(rows)


def cut_on_supply_price(retail_cut: float, retail_margin: float) -> float:
    """The retail cut seen from the maker, if the maker pays for all of it (厂家承担降价).

    A retailer with gross margin ``m`` buys at ``(1 - m)`` of the retail
    price. If it passes the whole cut ``d`` back to the maker (keeping its
    margin per unit in yuan), the maker's supply price falls by
    ``d / (1 - m)`` of itself: a larger cut than the shopper sees. Source:
    this kit's derivation (price arithmetic), no outside source.

    Parameters
    ----------
    retail_cut : float
        Cut of the retail price d, in (0, 1).
    retail_margin : float
        Retailer's gross margin m, in [0, 1), with ``d < 1 - m``.

    Returns
    -------
    float
        The cut as a fraction of the maker's supply price.

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If a value is out of range or the cut is larger than the supply price.

    Examples
    --------
    >>> round(cut_on_supply_price(0.34, 0.15), 3)
    0.4
    >>> cut_on_supply_price(0.34, 0.0)
    0.34
    >>> cut_on_supply_price(0.9, 0.2)
    Traceback (most recent call last):
    ...
    ValueError: retail_cut must be below 1 - retail_margin = 0.8, got 0.9
    """
    d = check_fraction(retail_cut, "retail_cut", low_open=True, high_open=True)
    m = check_fraction(retail_margin, "retail_margin", high_open=True)
    if d >= 1 - m:
        raise ValueError(f"retail_cut must be below 1 - retail_margin = {1 - m:g}, got {retail_cut!r}")
    return d / (1 - m)


# --- the stand-off as a (hypothetical) game -------------------------------------------------


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

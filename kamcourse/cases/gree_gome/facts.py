"""The facts of the Gree vs Gome case (格力与国美之争), each with its sources and status: timeline, prices, channels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from ... import i18n
from ..evidence import Claim, Fact, check_sourcing, sources_text
from .recovery import price_cut

__all__ = [
    "FACTS",
    "Event",
    "TIMELINE",
    "PriceCut",
    "PRICE_CUTS",
    "AVERAGE_CUT",
    "ChannelPoint",
    "CHANNEL_MODELS",
    "KAM_CHANGES",
    "DISCUSSION_QUESTIONS",
    "timeline_table",
    "price_cut_table",
    "channel_table",
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
        check_sourcing(f"Event {self.key!r}", self.sources, self.status)

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
        check_sourcing(f"PriceCut {self.model!r}", self.sources, self.status)

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
        check_sourcing(f"ChannelPoint {self.aspect!r}", self.sources, self.status)


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

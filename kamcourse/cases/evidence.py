"""Evidence of the case statements (案例出处): sources, statuses, and the facts and claims that carry them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from .. import i18n
from ..validation import check_choice

__all__ = ["EVIDENCE_STATUSES", "SOURCES", "Fact", "Claim", "check_sourcing", "sources_text", "claims_table"]

#: How well a statement is supported (see :mod:`kamcourse.cases`).
EVIDENCE_STATUSES: tuple[str, ...] = ("sourced", "course_materials", "unconfirmed", "kit_summary", "hypothetical")

#: Where the case facts come from; "sourced" statements cite only outside sources.
SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "jiaoyanshi": (
            "jiaoyanshi.com, 格力与国美之间的纷争 (reproduces a 2004 press report; secondary), "
            "http://www.jiaoyanshi.com/article-1559-1.html"
        ),
        "kesum": (
            "kesum.com, paper on manufacturer-retailer channel relations (2006-10), "
            "http://kesum.com/Article/ltqdyj/200610/31242.html"
        ),
        "360docs": "360docs.net, 格力&海尔营销渠道分析, https://www.360docs.net/doc/483884793.html",
        "bolstur": "Bow ties and diamonds, https://bolstur.squarespace.com/blog/bowtiesanddiamonds",
        "mtdsalestraining": "MTD Sales Training on bow-tie and diamond key-account teams (credits Peter Cheverton)",
        "zoho_cn": "Zoho CRM China, 客户资料归属公司, https://www.zoho.com.cn/crm/articles/customer-retention0107.html",
        "jones_sasser_1995": "Jones, T.O., Sasser, W.E. (1995). Why satisfied customers defect. Harvard Business Review",
        "fornell_1996": (
            "Fornell, C. et al. (1996). The American Customer Satisfaction Index. Journal of Marketing 60(4): 7-18"
        ),
        "course_materials": "the course materials (大客户管理 courseware: cases 脱缰野马, 抱怨传递, 与大客户冲突)",
        "kit": "this kit (its own summary, convention or an invented illustration)",
    }
)

_OUTSIDE = frozenset(SOURCES) - {"course_materials", "kit"}


def check_sourcing(name: str, sources: tuple[str, ...], status: str) -> None:
    """Keep each status honest: what a status may cite (checked when a statement is made).

    ``"sourced"`` cites outside sources only; ``"course_materials"`` cites
    the course materials alone; the kit's own statements (``"kit_summary"``,
    ``"hypothetical"``) cite only ``"kit"`` (this kit's convention).

    Parameters
    ----------
    name : str
        What is checked, for the message (e.g. ``"Claim 'gg_kam_haier'"``).
    sources : tuple of str
        Keys of :data:`SOURCES`.
    status : str
        One of :data:`EVIDENCE_STATUSES`.

    Raises
    ------
    ValueError
        If the status is unknown, there is no source, a source is unknown, or
        the status claims more than its sources support.

    Examples
    --------
    >>> check_sourcing("Fact", ("jiaoyanshi",), "sourced")
    >>> check_sourcing("Fact", ("course_materials",), "sourced")
    Traceback (most recent call last):
    ...
    ValueError: Fact is marked 'sourced' but cites ('course_materials',); only outside sources count
    """
    check_choice(status, f"{name}.status", EVIDENCE_STATUSES)
    if not sources:
        raise ValueError(f"{name} needs at least one source")
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(f"{name} cites unknown source(s) {unknown}; known: {', '.join(SOURCES)}")
    if status == "sourced" and not set(sources) <= _OUTSIDE:
        raise ValueError(f"{name} is marked 'sourced' but cites {sources}; only outside sources count")
    if status == "course_materials" and sources != ("course_materials",):
        raise ValueError(f"{name} is marked 'course_materials' but cites {sources}")
    if status in ("kit_summary", "hypothetical") and sources != ("kit",):
        raise ValueError(f"{name} is the kit's own ({status}) but cites {sources}")


@dataclass(frozen=True)
class Fact:
    """One number of a case, with where it comes from."""

    value: float
    unit: str
    sources: tuple[str, ...]
    status: str
    note: str = ""

    def __post_init__(self) -> None:
        check_sourcing("Fact", self.sources, self.status)


@dataclass(frozen=True)
class Claim:
    """A statement of a case (glossary key of its text), with sources and status."""

    key: str
    sources: tuple[str, ...]
    status: str

    def __post_init__(self) -> None:
        check_sourcing(f"Claim {self.key!r}", self.sources, self.status)

    @property
    def text(self) -> str:
        """The statement in the current language."""
        return i18n.label(self.key)


def sources_text(sources: tuple[str, ...]) -> str:
    """Short names of ``sources`` in the current language, comma separated.

    Examples
    --------
    >>> sources_text(("jiaoyanshi", "course_materials"))
    'jiaoyanshi.com (2004 press report), course materials'
    """
    return ", ".join(i18n.label("src_" + s) for s in sources)


def claims_table(claims: Iterable[Claim]) -> pd.DataFrame:
    """Statements of a case with their sources and evidence, in the current language (案例要点及出处).

    Source: each statement's own sources (see :data:`SOURCES`).

    Parameters
    ----------
    claims : sequence of Claim
        E.g. ``runaway_horse.STORY`` or ``gree_gome.KAM_CHANGES``.

    Returns
    -------
    pandas.DataFrame
        Columns ``statement``, ``sources``, ``evidence`` (glossary keys).

    Raises
    ------
    TypeError
        If an item is not a :class:`Claim`.

    Examples
    --------
    >>> t = claims_table([Claim("gg_kam_pricing_rules", ("kit",), "kit_summary")])
    >>> t.loc[0, "evidence"], t.loc[0, "sources"]
    ("this kit's summary", 'this kit')
    >>> claims_table(["a claim"])
    Traceback (most recent call last):
    ...
    TypeError: claims must hold Claim objects, got 'a claim'
    """
    claims = list(claims)
    for c in claims:
        if not isinstance(c, Claim):
            raise TypeError(f"claims must hold Claim objects, got {c!r}")
    return pd.DataFrame(
        {
            "statement": [c.text for c in claims],
            "sources": [sources_text(c.sources) for c in claims],
            "evidence": [i18n.label("status_" + c.status) for c in claims],
        }
    )

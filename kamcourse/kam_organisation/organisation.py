"""Organising for key accounts (大客户管理组织): why, how the firm is organised, the manager's role, the process.

What the course materials say, as tables a lesson can show in either language (names and one-line
descriptions are glossary entries ``<key>`` and ``<key>_desc``):

- **why KAM matters** beyond "customers are not equal" (第四章 大客户管理(一) 二): owning customers
  matters more than owning a market share (客户占有), customers are the supplier's most important asset
  (客户资产), the relationship with key accounts is the root of the brand, loyal key accounts bring the
  profit;
- **the main problems** of KAM in Chinese firms (同上 四): KAM cut off from strategy, no organisation
  and process change behind it, an unclear and under-skilled account manager, no information base,
  poor preparation;
- **the organisation**: a customer-driven "inverted pyramid" (倒金字塔), a specialised KAM department
  (专业化的大客户职能管理部门) and a cross-team, cross-functional support team (跨团队、跨职能的大客户支持小组);
- **the key-account manager's role**: "engineer + salesperson + leader" (工程师 + 销售员 + 领导者),
  the materials' own phrase;
- **the KAM process chain** (大客户管理文献综述 第一章): market research → customer identification →
  needs analysis → negotiation → contract → after-sales service.
"""

from __future__ import annotations

import pandas as pd

from ..relationship import steps_table
from ..validation import check_choice
from .dependence import DEPENDENCE_ADVICE

__all__ = [
    "KAM_IMPORTANCE",
    "KAM_PROBLEMS",
    "KAM_ORGANISATION",
    "KAM_MANAGER_ROLES",
    "KAM_PROCESS",
    "KAM_TABLES",
    "kam_table",
]

#: Why KAM matters (大客户管理的重要性), in the materials' order.
KAM_IMPORTANCE: tuple[str, ...] = ("customer_share_over_market_share", "customer_assets", "brand_root", "profit_mainstay")

#: The main problems of KAM in Chinese firms (我国企业大客户管理的主要问题), in the materials' order.
KAM_PROBLEMS: tuple[str, ...] = (
    "kam_strategy_disconnect", "kam_no_organisation", "kam_manager_unclear", "kam_no_information", "kam_unprepared",
)

#: How the materials want the firm organised for key accounts.
KAM_ORGANISATION: tuple[str, ...] = ("inverted_pyramid", "kam_department", "kam_support_team")

#: The key-account manager's three roles: "engineer + salesperson + leader" (the materials' phrase).
KAM_MANAGER_ROLES: tuple[str, ...] = ("kam_engineer", "kam_salesperson", "kam_leader")

#: The KAM process chain (大客户管理的环节), in order (literature review, 第一章).
KAM_PROCESS: tuple[str, ...] = (
    "kam_market_research", "kam_identification", "kam_needs_analysis", "kam_negotiation", "kam_contract",
    "kam_after_sales",
)

#: The tables :func:`kam_table` shows, by name.
KAM_TABLES = {
    "importance": KAM_IMPORTANCE,
    "problems": KAM_PROBLEMS,
    "organisation": KAM_ORGANISATION,
    "manager": KAM_MANAGER_ROLES,
    "process": KAM_PROCESS,
    "dependence": DEPENDENCE_ADVICE,
}


def kam_table(name: str, language: str | None = None) -> pd.DataFrame:
    """One of the course materials' KAM lists as a table (大客户管理要点表).

    ``"importance"`` (why KAM matters), ``"problems"`` (the main problems of KAM in Chinese firms),
    ``"organisation"`` (inverted pyramid, KAM department, support team), ``"manager"`` (engineer +
    salesperson + leader), ``"process"`` (the six steps of the KAM process chain) or ``"dependence"``
    (what the materials advise against depending on one customer). Source: the course
    materials (第四章 大客户管理(一); 大客户管理文献综述 第一章); the one-line descriptions are this kit's
    summary of them.

    Parameters
    ----------
    name : {"importance", "problems", "organisation", "manager", "process", "dependence"}
        Which list.
    language : {"en", "zh"}, optional
        Language of ``name`` and ``description``; the current language by default.

    Returns
    -------
    pandas.DataFrame
        One row per item in the materials' order: index (the keys), ``step`` (1, 2, ...), ``name``,
        ``description``.

    Raises
    ------
    ValueError
        If ``name`` or ``language`` is unknown.

    Examples
    --------
    >>> kam_table("process", "en")["name"].tolist()[:3]
    ['market research', 'customer identification', 'needs analysis']
    >>> kam_table("manager", "zh")["name"].tolist()
    ['工程师', '销售员', '领导者']
    >>> kam_table("budget")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'importance', 'problems', 'organisation', 'manager', 'process', 'dependence'; got 'budget'
    """
    check_choice(name, "name", tuple(KAM_TABLES))
    return steps_table(KAM_TABLES[name], "item", language)

"""Where CRM comes from (客户关系管理的产生与发展) and what it rests on (理论基础)."""

from __future__ import annotations

import pandas as pd

__all__ = ["CRM_MILESTONES", "THEORETICAL_BASES", "crm_milestones"]

#: The development of CRM, period by period (approximate decades; Buttle & Maklan 2019; the course
#: materials' CRM paper places its origin in the United States of the 1980s).
CRM_MILESTONES: tuple[tuple[str, str], ...] = (
    ("1980s", "milestone_contact_management"),
    ("1990s", "milestone_sfa"),
    ("late 1990s", "milestone_crm_suites"),
    ("2000s", "milestone_saas"),
    ("2010s-", "milestone_data_ai"),
)

#: The three theoretical bases the CRM paper names (关系营销理论, 服务营销理论, 顾客忠诚理论).
THEORETICAL_BASES: tuple[str, ...] = ("relationship_marketing", "services_marketing", "loyalty_theory")


def crm_milestones(language: str | None = None) -> pd.DataFrame:
    """The development of CRM as a table: from contact management to data and AI (客户关系管理的演变).

    Contact management and database marketing in the 1980s; sales-force automation and call-centre
    software in the 1990s; integrated CRM suites of marketing, sales and service under the name
    "CRM" in the late 1990s; CRM on demand over the web (SaaS) in the 2000s; social, mobile, big-data
    and AI CRM since the 2010s. The periods are approximate.

    Parameters
    ----------
    language : {"en", "zh"}, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` and ``development``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    References
    ----------
    .. [1] Buttle, F., & Maklan, S. (2019). *Customer Relationship Management: Concepts and Technologies*
       (4th ed.). Routledge, ch. 1. Course materials: 客户关系管理论文, 一 (1) (origin: the United States,
       1980s); 课后答案 第五章 (the future: customer experience, AI and big data).

    Examples
    --------
    >>> crm_milestones("en").iloc[0].tolist()
    ['1980s', 'contact management and database marketing']
    """
    from .. import i18n

    i18n.check_language(language)
    period_zh = {"1980s": "20世纪80年代", "1990s": "20世纪90年代", "late 1990s": "20世纪90年代后期",
                 "2000s": "21世纪最初十年", "2010s-": "2010年以后"}
    zh = (language or i18n.get_language()) == "zh"
    return pd.DataFrame({"period": [period_zh[p] if zh else p for p, _ in CRM_MILESTONES],
                         "development": [i18n.label(k, language) for _, k in CRM_MILESTONES]})

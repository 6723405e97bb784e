"""The CRM team (客户关系管理团队): duties, qualifications, training and incentives, and what incentives do to the data.

The company rules in the course materials set up the team (公司客户关系管理制度 第四章 客户关系管理团队):
a CRM team is formed and made responsible for maintaining customer relationships and handling complaints
(第八条); its members need good communication and team spirit, knowledge of the business and products, a
strong sense of customer service and some market-analysis ability (第九条). The detailed rules
(客户关系管理规定 第五章) add training (第十二条: CRM training to raise service awareness and ability,
internal and external courses) and incentives (第十三条: set CRM-related performance indicators to
motivate staff). The hotel manual has the same three headings (第八章: 8.1 职责, 8.2 培训, 8.3 激励).

What an incentive rewards is what people produce: paying per record entered raises the number of
records and lowers their quality (Campbell 1979, "Assessing the impact of planned social change",
*Evaluation and Program Planning* 2(1): the more a quantitative indicator is used for decisions, the
more it is corrupted). :func:`incentive_effect` measures it on the usage records.
"""

from __future__ import annotations

import pandas as pd

from ..relationship import steps_table
from ..validation import check_choice, check_keys, require_columns
from ..vocabulary import INCENTIVE_SCHEMES
from .adoption import usage_rates

__all__ = ["INCENTIVE_SCHEMES", "CRM_TEAM_RULES", "crm_team_rules", "incentive_effect"]

#: The company rules on the CRM team, by heading, in the rules' order.
CRM_TEAM_RULES: dict[str, tuple[str, ...]] = {
    "duties": ("duty_relationship_maintenance", "duty_complaint_handling"),
    "qualifications": ("qual_communication_teamwork", "qual_business_knowledge", "qual_service_awareness",
                       "qual_market_analysis"),
    "training": ("training_service_ability", "training_internal_external"),
    "incentives": ("incentive_performance_indicators",),
}


def crm_team_rules(heading: str, language: str | None = None) -> pd.DataFrame:
    """What the company rules say about the CRM team under one heading (客户关系管理团队制度).

    Source: the course materials (公司客户关系管理制度 第四章 第八、九条; 客户关系管理规定 第五章 第十二、十三条);
    the descriptions quote the article each item comes from.

    Parameters
    ----------
    heading : {"duties", "qualifications", "training", "incentives"}
        Which part of the rules.
    language : {"en", "zh"}, optional
        Language of ``name`` and ``description``; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``rule``; columns ``step``, ``name``, ``description``.

    Raises
    ------
    ValueError
        If ``heading`` or ``language`` is unknown.

    Examples
    --------
    >>> crm_team_rules("qualifications", "zh")["name"].tolist()[:2]
    ['沟通能力与团队合作精神', '熟悉公司业务及产品知识']
    """
    check_choice(heading, "heading", tuple(CRM_TEAM_RULES))
    return steps_table(CRM_TEAM_RULES[heading], "rule", language)


def incentive_effect(usage: pd.DataFrame) -> pd.DataFrame:
    """Record keeping under each incentive scheme (激励方案与数据质量): how many records, how complete.

    :func:`~kamcourse.crm_implementation.usage_rates` for the staff-months of each scheme in force
    (``incentive_scheme``: ``no_bonus``, ``count_bonus`` = a bonus per record entered, ``quality_bonus`` = a
    bonus for complete, checked records only). The schemes came one after another, so the comparison is
    also one of time: read it with the adoption curve beside it. Source: this kit's measures; Campbell
    (1979) for why a count bonus corrupts the count.

    Parameters
    ----------
    usage : pandas.DataFrame
        The ``crm_usage`` table: ``staff_id``, ``month``, ``incentive_scheme``, ``records_created``,
        ``records_complete``, ``duplicates``.

    Returns
    -------
    pandas.DataFrame
        Index ``incentive_scheme`` (in :data:`INCENTIVE_SCHEMES` order, those present), columns of
        :func:`~kamcourse.crm_implementation.usage_rates` and ``first_month``, ``last_month``.

    Raises
    ------
    ValueError
        If a column is missing or a scheme is unknown.

    Examples
    --------
    >>> usage = pd.DataFrame({"staff_id": ["S1", "S1"], "month": pd.to_datetime(["2024-06-01", "2024-07-01"]),
    ...     "incentive_scheme": ["no_bonus", "count_bonus"], "records_created": [30, 60],
    ...     "records_complete": [27, 36], "duplicates": [1, 6]})
    >>> incentive_effect(usage)[["records_per_active", "completeness", "duplicate_rate"]]
                      records_per_active  completeness  duplicate_rate
    incentive_scheme
    no_bonus                        30.0           0.9        0.033333
    count_bonus                     60.0           0.6        0.100000
    """
    require_columns(usage, ["incentive_scheme", "month"], "usage", complete=True)
    check_keys(usage["incentive_scheme"], "usage['incentive_scheme']", INCENTIVE_SCHEMES, what="scheme")
    rows = {}
    for scheme in INCENTIVE_SCHEMES:
        part = usage[usage["incentive_scheme"] == scheme]
        if len(part):
            rates = usage_rates(part).astype(object)
            rates["first_month"], rates["last_month"] = part["month"].min(), part["month"].max()
            rows[scheme] = rates
    table = pd.DataFrame(rows).T
    table.index.name = "incentive_scheme"
    numeric = [c for c in table.columns if not c.endswith("_month")]
    table[numeric] = table[numeric].astype(float)
    return table

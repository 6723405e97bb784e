"""The risk register of a CRM project (风险登记表): likelihood × impact, a level, an owner and a response.

The syllabus asks about "the risks and challenges of implementation" (6.4 实施过程中的风险与挑战) and the
hotel CRM manual has a chapter on the types of CRM risk, how to prevent them and how to respond (第十一章
客户关系管理风险与防范). A risk register writes each risk down once with how likely it is and how much it
would hurt, both on a 1-5 scale; their product ranks the risks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_not_empty, require_columns

__all__ = ["RISK_LEVELS", "CRM_RISKS", "crm_risks", "risk_level", "risk_register"]

#: Risk levels from the score likelihood × impact (1-25): 1-4 low, 5-9 medium, 10-16 high, 20-25 critical
#: (this kit's cut-offs on the common 5 × 5 risk matrix).
RISK_LEVELS: tuple[str, ...] = ("low", "medium", "high", "critical")
_CUTS = (4, 9, 16)

#: Risks of a CRM implementation, rated for the company's 2023 project: likelihood and impact 1-5 and
#: the response (glossary keys ``<risk>`` and ``<risk>_response``). The list follows the syllabus and the
#: hotel manual's headings; the ratings are this kit's illustration.
CRM_RISKS: pd.DataFrame = pd.DataFrame(
    {
        "likelihood": [3, 4, 4, 3, 2, 3, 2, 3, 3],
        "impact": [5, 5, 4, 3, 5, 3, 3, 4, 4],
        "owner": ["management", "sales_manager", "it_lead", "it_lead", "it_lead", "project_lead",
                  "project_lead", "sales_manager", "management"],
    },
    index=pd.Index(
        ["unclear_goals", "low_adoption", "poor_data_quality", "over_customisation", "data_breach",
         "budget_overrun", "vendor_lock_in", "knowledge_in_heads", "perverse_incentives"],
        name="risk",
    ),
)


def crm_risks(language: str | None = None) -> pd.DataFrame:
    """The CRM project's risks with their names and planned responses in a language (CRM实施风险清单).

    :data:`CRM_RISKS` with ``name`` and ``response`` (glossary entries ``<risk>`` and
    ``<risk>_response``). The list follows the syllabus (6.4) and the hotel manual (第十一章); the
    ratings and responses are this kit's illustration.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the text; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``risk``; columns ``likelihood``, ``impact``, ``owner``, ``name``, ``response``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> crm_risks("zh").loc["low_adoption", "name"]
    '员工不用系统'
    """
    from .. import i18n

    i18n.check_language(language)
    table = CRM_RISKS.copy()
    table["name"] = [i18n.label(k, language) for k in table.index]
    table["response"] = [i18n.label(f"{k}_response", language) for k in table.index]
    return table


def risk_level(score: Any) -> Any:
    """The level of a risk score likelihood × impact (风险等级): low, medium, high or critical.

    Cut-offs (this kit's convention on the 5 × 5 matrix): 1-4 low, 5-9 medium, 10-16 high, 17-25
    critical (on a 5 × 5 matrix the scores above 16 are 20 and 25).

    Parameters
    ----------
    score : number or pandas.Series
        Likelihood × impact, from 1 to 25.

    Returns
    -------
    str or pandas.Series
        Keys of :data:`RISK_LEVELS`.

    Raises
    ------
    TypeError
        If a score is not a number.
    ValueError
        If a score is outside 1-25 or NaN.

    Examples
    --------
    >>> risk_level(12), risk_level(pd.Series([2, 9, 25])).tolist()
    ('high', ['low', 'medium', 'critical'])
    >>> risk_level(30)
    Traceback (most recent call last):
    ...
    ValueError: score must be between 1 and 25 (likelihood × impact), got 30
    """
    scalar = not isinstance(score, pd.Series)
    s = as_numeric_series([score] if scalar else score, "score")
    bad = (s < 1) | (s > 25)
    if bad.any():
        raise ValueError(f"score must be between 1 and 25 (likelihood × impact), got {s[bad].iloc[0]:g}")
    out = pd.Series(np.asarray(RISK_LEVELS)[np.searchsorted(_CUTS, s.to_numpy(), side="left")], index=s.index)
    return str(out.iloc[0]) if scalar else out


def risk_register(risks: pd.DataFrame) -> pd.DataFrame:
    """A ranked risk register (风险登记表): score = likelihood × impact, its level, highest first.

    .. math:: score = likelihood \\times impact \\qquad (each\\ 1\\text{-}5)

    Ties keep the order given, after the higher impact (a rare disaster ranks above a frequent nuisance
    of the same score). Source: the probability-impact matrix of project risk management (e.g. PMI,
    *A Guide to the Project Management Body of Knowledge*, risk management knowledge area); the cut-offs
    of the levels are this kit's (:func:`risk_level`).

    Parameters
    ----------
    risks : pandas.DataFrame
        One row per risk (the index names it) with ``likelihood`` and ``impact``, whole numbers 1-5;
        other columns (owner, response ...) are kept.

    Returns
    -------
    pandas.DataFrame
        The rows sorted by ``score`` then ``impact`` (highest first), with ``score``, ``level`` and ``rank``.

    Raises
    ------
    TypeError
        If ``risks`` is not a DataFrame or a rating is not a number.
    ValueError
        If a column is missing, the table is empty, or a rating is not a whole number from 1 to 5.

    Examples
    --------
    >>> risks = pd.DataFrame({"likelihood": [2, 4, 3], "impact": [5, 2, 4]}, index=["breach", "typos", "adoption"])
    >>> risk_register(risks)[["score", "level", "rank"]]
              score   level  rank
    adoption     12    high     1
    breach       10    high     2
    typos         8  medium     3
    >>> risk_register(risks.assign(impact=[5, 2, 6]))
    Traceback (most recent call last):
    ...
    ValueError: risks['impact'] must be whole numbers from 1 to 5, got 6 at 'adoption'
    """
    require_columns(risks, ["likelihood", "impact"], "risks", complete=True)
    check_not_empty(risks, "risks", "risk (one row per risk)")
    table = risks.copy()
    for col in ("likelihood", "impact"):
        s = as_numeric_series(table[col], f"risks[{col!r}]")
        bad = (s < 1) | (s > 5) | (s != np.round(s))
        if bad.any():
            raise ValueError(f"risks[{col!r}] must be whole numbers from 1 to 5, got {s[bad].iloc[0]:g} at {s.index[bad][0]!r}")
        table[col] = s.astype(int)
    table["score"] = table["likelihood"] * table["impact"]
    table["level"] = risk_level(table["score"])
    order = np.lexsort((np.arange(len(table)), -table["impact"].to_numpy(), -table["score"].to_numpy()))
    table = table.iloc[order]
    table["rank"] = np.arange(1, len(table) + 1)
    return table

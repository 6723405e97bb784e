"""The core principles of CRM (客户关系管理的核心原则), beside the company rules' own, with a number for each."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from ..validation import check_positive_int, require_columns

__all__ = ["CRM_PRINCIPLES", "COMPANY_PRINCIPLES", "PRINCIPLE_LINKS", "principles_table", "principle_indicators"]

#: The core principles of the course materials' CRM teaching plan (《客户关系管理》教案, 第二章):
#: customer orientation (客户导向), integration (一体化), continuous improvement (持续改进).
CRM_PRINCIPLES: tuple[str, ...] = ("customer_orientation", "integration_principle", "continuous_improvement")

#: The company rules' principles (公司客户关系管理制度, 第三条): 客户至上, 诚信为本, 团队协作, 数据驱动.
COMPANY_PRINCIPLES: tuple[str, ...] = ("customer_first", "integrity", "teamwork", "data_driven")

#: Which company principles carry each core principle (this kit's reading; integrity is the ethics of lesson 10).
PRINCIPLE_LINKS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "customer_orientation": ("customer_first",),
    "integration_principle": ("teamwork", "data_driven"),
    "continuous_improvement": ("data_driven",),
})


def principles_table(language: str | None = None) -> pd.DataFrame:
    """The three core principles with the company rules that carry them (核心原则与公司制度).

    Parameters
    ----------
    language : {"en", "zh"}, optional

    Returns
    -------
    pandas.DataFrame
        Index the principle key; columns ``principle``, ``meaning``, ``company_rules``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    References
    ----------
    .. [1] Course materials: 《客户关系管理》教案 (第二章 核心原则); 公司客户关系管理制度, 第三条.

    Examples
    --------
    >>> principles_table("zh").loc["integration_principle", "company_rules"]
    '团队协作、数据驱动'
    """
    from .. import i18n

    i18n.check_language(language)
    sep = "、" if (language or i18n.get_language()) == "zh" else ", "
    keys = list(CRM_PRINCIPLES)
    return pd.DataFrame(
        {"principle": [i18n.label(k, language) for k in keys],
         "meaning": [i18n.label(f"{k}_desc", language) for k in keys],
         "company_rules": [sep.join(i18n.label(r, language) for r in PRINCIPLE_LINKS[k]) for k in keys]},
        index=pd.Index(keys))


def principle_indicators(service_requests: pd.DataFrame, surveys: pd.DataFrame, year: int,
                         days: int = 7) -> pd.Series:
    """One number per core principle from the company's data (原则的衡量指标, this kit's choice of measures).

    - customer orientation: share of the year's complaints closed within ``days`` days;
    - integration: share of the year's service requests handled without being passed on more than
      once (``handoffs <= 1``; the complaint relay of the case notebook is the opposite);
    - continuous improvement: change of the mean overall satisfaction (1-5) from the year before.

    Parameters
    ----------
    service_requests : pandas.DataFrame
        ``type``, ``opened_date``, ``closed_date``, ``handoffs``.
    surveys : pandas.DataFrame
        ``year``, ``overall_satisfaction``.
    year : int
    days : int, default 7

    Returns
    -------
    pandas.Series
        Indexed by :data:`CRM_PRINCIPLES`.

    Raises
    ------
    ValueError
        If a column is missing or the year has no service requests.

    Examples
    --------
    >>> sr = pd.DataFrame({"type": ["complaint", "complaint", "repair"], "handoffs": [0, 3, 1],
    ...     "opened_date": pd.to_datetime(["2025-01-02", "2025-03-01", "2025-04-01"]),
    ...     "closed_date": pd.to_datetime(["2025-01-05", "2025-04-01", "2025-04-03"])})
    >>> sv = pd.DataFrame({"year": [2024, 2025], "overall_satisfaction": [5, 5.5]})
    >>> principle_indicators(sr, sv, 2025).round(3).tolist()
    [0.5, 0.667, 0.5]
    """
    require_columns(service_requests, ["type", "opened_date", "closed_date", "handoffs"], "service_requests")
    require_columns(surveys, ["year", "overall_satisfaction"], "surveys")
    year = check_positive_int(year, "year")
    days = check_positive_int(days, "days")
    sr = service_requests[service_requests["opened_date"].dt.year == year]
    if sr.empty:
        raise ValueError(f"year {year} has no service requests")
    complaints = sr[sr["type"] == "complaint"]
    fast = ((complaints["closed_date"] - complaints["opened_date"]).dt.days <= days).mean()
    mean = surveys.groupby("year")["overall_satisfaction"].mean()
    return pd.Series({"customer_orientation": float(fast), "integration_principle": float((sr["handoffs"] <= 1).mean()),
                      "continuous_improvement": float(mean.get(year, float("nan")) - mean.get(year - 1, float("nan")))},
                     name="indicator")

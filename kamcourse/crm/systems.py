"""Operational, analytical and collaborative CRM (运营型、分析型、协作型客户关系管理)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from ..validation import check_choice

__all__ = ["CRM_TYPES", "SYSTEM_MODULES", "crm_type_of", "system_modules"]

#: The three kinds of CRM by what the system does.
CRM_TYPES: tuple[str, ...] = ("operational", "analytical", "collaborative")

#: The modules of the course materials' CRM system manual: the kind of CRM each serves, the kit's lessons
#: that use its data, and whether the practice CRM system (``kamcourse crm``) has it (this kit's mapping).
SYSTEM_MODULES: Mapping[str, tuple[str, str, bool]] = MappingProxyType({
    "module_customer_info": ("operational", "11", True),
    "module_contacts": ("operational", "03, 11", True),
    "module_opportunities": ("operational", "09", True),
    "module_sales_orders": ("operational", "01, 02", True),
    "module_service": ("collaborative", "07", True),
    "module_marketing": ("operational", "09", False),
    "module_statistics": ("analytical", "01, 05, 07, 08", True),
    "module_data_analysis": ("analytical", "02, 05, 06, 08", False),
    "module_integration": ("collaborative", "10", False),
})


def crm_type_of(module: str) -> str:
    """The kind of CRM a system module serves (CRM的类型).

    Operational CRM runs the customer-facing processes (records, sales, service, marketing
    automation); analytical CRM turns the data into knowledge (segments, value, churn); collaborative
    CRM shares customer information and work across departments and channels (Buttle & Maklan 2019).

    Parameters
    ----------
    module : str
        A key of :data:`SYSTEM_MODULES`.

    Returns
    -------
    str
        A key of :data:`CRM_TYPES`.

    Raises
    ------
    ValueError
        If ``module`` is unknown; the message lists the modules.

    References
    ----------
    .. [1] Buttle, F., & Maklan, S. (2019). *Customer Relationship Management: Concepts and Technologies*
       (4th ed.). Routledge, ch. 1. Course materials: 客户关系管理系统操作手册 (the modules).

    Examples
    --------
    >>> crm_type_of("module_statistics")
    'analytical'
    """
    check_choice(module, "module", tuple(SYSTEM_MODULES))
    return SYSTEM_MODULES[module][0]


def system_modules(language: str | None = None) -> pd.DataFrame:
    """The CRM system manual's modules with their kind of CRM and where the kit has them (系统功能模块).

    Parameters
    ----------
    language : {"en", "zh"}, optional

    Returns
    -------
    pandas.DataFrame
        Index the module key; columns ``module``, ``crm_type`` (key), ``crm_type_name``, ``lessons``
        (the kit's lessons that use such data) and ``in_practice_crm`` (the practice CRM system has it).

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> system_modules("zh").loc["module_contacts", "module"]
    '联系人管理'
    >>> system_modules("en")["crm_type"].value_counts()["operational"]
    np.int64(5)
    """
    from .. import i18n

    i18n.check_language(language)
    keys = list(SYSTEM_MODULES)
    return pd.DataFrame(
        {"module": [i18n.label(k, language) for k in keys], "crm_type": [SYSTEM_MODULES[k][0] for k in keys],
         "crm_type_name": [i18n.label(f"crm_{SYSTEM_MODULES[k][0]}", language) for k in keys],
         "lessons": [SYSTEM_MODULES[k][1] for k in keys], "in_practice_crm": [SYSTEM_MODULES[k][2] for k in keys]},
        index=pd.Index(keys))

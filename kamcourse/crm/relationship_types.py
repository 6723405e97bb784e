"""The four types of customer relationship (客户关系的类型), placed against Kotler's levels and the KAM stages."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_keys
from ..vocabulary import COVERAGE_MODELS

__all__ = ["RELATIONSHIP_TYPES", "TYPE_LEVELS", "TYPE_KAM_STAGES", "relationship_type_map", "classify_relationships"]

#: The four relationship types of the course materials (课后答案 第一章), from the loosest to the closest:
#: 买卖关系, 优先供应关系, 合作伙伴关系, 战略联盟.
RELATIONSHIP_TYPES: tuple[str, ...] = ("transactional", "preferred_supplier", "partnership_type", "strategic_alliance")

#: Kotler's relationship levels that fit each type (this kit's reading).
TYPE_LEVELS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "transactional": ("basic", "reactive"),
    "preferred_supplier": ("accountable", "proactive"),
    "partnership_type": ("partnership",),
    "strategic_alliance": ("partnership",),
})
#: Millman & Wilson's KAM stages that fit each type (this kit's reading).
TYPE_KAM_STAGES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "transactional": ("pre_kam", "early_kam"),
    "preferred_supplier": ("mid_kam",),
    "partnership_type": ("partnership_kam",),
    "strategic_alliance": ("synergistic_kam",),
})


def relationship_type_map(language: str | None = None) -> pd.DataFrame:
    """The four relationship types beside Kotler's levels and the KAM stages (客户关系类型对照表).

    A buyer-seller relationship (买卖关系) is Kotler's basic or reactive marketing and the pre- or
    early-KAM stage; a preferred supplier (优先供应关系) is accountable or proactive, mid-KAM; a
    partnership (合作伙伴关系) is Kotler's partnership level, partnership-KAM; a strategic alliance
    (战略联盟: joint goals and investments) goes beyond Kotler's top level, synergistic KAM.

    Parameters
    ----------
    language : {"en", "zh"}, optional

    Returns
    -------
    pandas.DataFrame
        Index the type key; columns ``type``, ``kotler_levels``, ``kam_stages`` (readable names).

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    References
    ----------
    .. [1] Course materials: 客户关系管理课后答案, 第一章 (the four types). Kotler & Keller, *Marketing
       Management* (the five levels); Millman, T., & Wilson, K. (1995). From key account selling to key
       account management. *Journal of Marketing Practice* 1(1), 9-21 (the stages). The correspondence is
       this kit's reading.

    Examples
    --------
    >>> relationship_type_map("zh").loc["preferred_supplier", "type"]
    '优先供应关系'
    >>> relationship_type_map("en").loc["transactional", "kotler_levels"]
    'basic, reactive'
    """
    from .. import i18n

    i18n.check_language(language)
    sep = "、" if (language or i18n.get_language()) == "zh" else ", "
    return pd.DataFrame(
        {"type": [i18n.label(t, language) for t in RELATIONSHIP_TYPES],
         "kotler_levels": [sep.join(i18n.label(x, language) for x in TYPE_LEVELS[t]) for t in RELATIONSHIP_TYPES],
         "kam_stages": [sep.join(i18n.label(x, language) for x in TYPE_KAM_STAGES[t]) for t in RELATIONSHIP_TYPES]},
        index=pd.Index(RELATIONSHIP_TYPES))


def classify_relationships(coverage_model: Any, years_buying: Any, tenure_years: Any) -> pd.Series:
    """Place each customer in one of the relationship types from what the records show (客户关系类型的判断).

    This kit's rules, from the company's tables:

    - ``partnership_type``: a diamond of contacts (many people on both sides), buying in each of the
      last 3 years, and a customer for at least 3 years;
    - ``preferred_supplier``: buying in each of the last 2 years (regular business);
    - ``transactional``: everyone else (occasional purchases).

    A strategic alliance (joint goals, joint investment) leaves no trace in order and contact records:
    the rules never assign it, and the lesson says so.

    Parameters
    ----------
    coverage_model : Series of {"bow_tie", "diamond"}
        From :func:`kamcourse.relationship.contact_coverage` (column ``model``).
    years_buying : Series of int
        Of the last three years, how many in a row up to the last one had orders (0-3).
    tenure_years : Series of numbers
        Years since the first order.

    Returns
    -------
    pandas.Series
        Keys of :data:`RELATIONSHIP_TYPES`, index of ``coverage_model``.

    Raises
    ------
    ValueError
        If a coverage model is unknown or a number is missing.

    Examples
    --------
    >>> idx = ["C1", "C2", "C3"]
    >>> classify_relationships(pd.Series(["diamond", "bow_tie", "diamond"], index=idx),
    ...                        pd.Series([3, 2, 1], index=idx), pd.Series([6.0, 4.0, 5.0], index=idx)).tolist()
    ['partnership_type', 'preferred_supplier', 'transactional']
    """
    model = check_keys(coverage_model, "coverage_model", COVERAGE_MODELS, "coverage model")
    years = as_numeric_series(years_buying, "years_buying").reindex(model.index)
    tenure = as_numeric_series(tenure_years, "tenure_years").reindex(model.index)
    partner = (model == "diamond").to_numpy() & (years >= 3).to_numpy() & (tenure >= 3).to_numpy()
    types = np.select([partner, (years >= 2).to_numpy()], ["partnership_type", "preferred_supplier"], "transactional")
    return pd.Series(types, index=model.index, name="relationship_type")


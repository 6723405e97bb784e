"""The principles of China's Personal Information Protection Law, with their articles (个人信息保护法的基本原则).

Teaching material, not legal advice: the articles are those of 中华人民共和国个人信息保护法 (adopted
20 August 2021, in force 1 November 2021); read the law itself, and ask a lawyer for a real case.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

__all__ = ["PIPL_ARTICLES", "pipl_principles"]

#: Each principle taught here and the articles that state it.
PIPL_ARTICLES: Mapping[str, str] = MappingProxyType({
    "pipl_lawfulness": "5",
    "pipl_purpose_minimum": "6",
    "pipl_transparency": "7",
    "pipl_accuracy": "8",
    "pipl_security": "9, 51",
    "pipl_lawful_basis": "13, 14",
    "pipl_retention": "19",
    "pipl_sensitive": "28, 29",
    "pipl_rights": "44-47",
    "pipl_deidentification": "4, 73",
})


def pipl_principles(language: str | None = None) -> pd.DataFrame:
    """The principles of the Personal Information Protection Law as a table, with article numbers (个人信息保护原则).

    Lawfulness, legitimacy, necessity and good faith (Art. 5); a clear, reasonable purpose and the
    minimum necessary (Art. 6); openness (Art. 7); accuracy (Art. 8); security (Art. 9, 51); lawful
    bases, consent first among them (Art. 13, 14); retention for the shortest time necessary (Art. 19);
    sensitive personal information (Art. 28, 29); the individual's rights to know, access, copy,
    correct and delete (Art. 44-47); anonymised information is not personal information, and
    de-identified information still is (Art. 4, 73). Teaching, not legal advice.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the ``principle`` and ``meaning_for_crm`` columns (the current one by default).

    Returns
    -------
    pandas.DataFrame
        Index the principle key; columns ``articles``, ``principle``, ``meaning_for_crm``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    References
    ----------
    .. [1] 中华人民共和国个人信息保护法 (Personal Information Protection Law of the PRC), 2021, Art. 4-9, 13-14,
       19, 28-29, 44-47, 51, 73.

    Examples
    --------
    >>> t = pipl_principles("en")
    >>> t.loc["pipl_purpose_minimum", "articles"]
    '6'
    >>> pipl_principles("zh").loc["pipl_retention", "principle"]
    '保存期限最短'
    """
    from .. import i18n

    i18n.check_language(language)
    keys = list(PIPL_ARTICLES)
    return pd.DataFrame(
        {"articles": [PIPL_ARTICLES[k] for k in keys], "principle": [i18n.label(k, language) for k in keys],
         "meaning_for_crm": [i18n.label(f"{k}_desc", language) for k in keys]},
        index=pd.Index(keys))

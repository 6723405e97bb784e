"""Warning on a probable duplicate company (客户查重).

Two records of one company split its history, its contacts and its
opportunities; the manual's 录入注意事项 asks to check before entering.
Names are compared after removing legal-form words (有限公司, 股份, 集团 ...,
"Co., Ltd.") and punctuation; a similarity ratio (Ratcliff & Obershelp 1988,
"Pattern matching: the gestalt approach", Dr. Dobb's Journal, as implemented
by Python's ``difflib.SequenceMatcher``) of at least ``threshold`` counts as a
probable duplicate (threshold: this kit's convention).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["normalise_company_name", "similarity", "probable_duplicates"]

_LEGAL_FORMS = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "总厂", "工厂", "厂",
    "co., ltd.", "co.,ltd.", "co. ltd.", "company limited", "co ltd", "limited", "ltd.", "ltd", "inc.", "group",
)


def normalise_company_name(name: str) -> str:
    """The name without legal-form words, spaces and punctuation, lower-case (规范化名称).

    Examples
    --------
    >>> normalise_company_name("恒达矿山设备有限公司")
    '恒达矿山设备'
    >>> normalise_company_name("Hengda Mining Equipment Co., Ltd.")
    'hengdaminingequipment'
    """
    text = (name or "").strip().lower()
    for word in _LEGAL_FORMS:
        text = text.replace(word, "")
    return re.sub(r"[\s\W_]+", "", text)


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two company names after :func:`normalise_company_name`.

    Examples
    --------
    >>> similarity("恒达矿山设备有限公司", "恒达矿山设备股份有限公司")
    1.0
    >>> round(similarity("恒达矿山设备有限公司", "泰力打包机械有限公司"), 2)
    0.0
    """
    x, y = normalise_company_name(a), normalise_company_name(b)
    if not x or not y:
        return 0.0
    return difflib.SequenceMatcher(None, x, y).ratio()


def probable_duplicates(name: str, existing: Iterable[tuple[str, str]], threshold: float = 0.8) -> list[str]:
    """The ids of existing companies whose name is probably the same company (疑似重复客户).

    Parameters
    ----------
    name : str
        The name being entered.
    existing : iterable of (id, name)
        The companies on record.
    threshold : float
        Similarity at or above which a name counts as a probable duplicate, in (0, 1].

    Returns
    -------
    list of str
        Ids, most similar first.

    Raises
    ------
    ValueError
        If ``threshold`` is not in (0, 1].

    Examples
    --------
    >>> probable_duplicates("恒达矿山设备公司", [("C0001", "恒达矿山设备有限公司"), ("C0002", "泰力打包机械有限公司")])
    ['C0001']
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    scored = [(similarity(name, other), key) for key, other in existing]
    return [key for score, key in sorted(scored, key=lambda t: -t[0]) if score >= threshold]

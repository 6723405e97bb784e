"""Company names as comparable keys (企业名称的比对): Chinese and English spellings of one firm brought together.

A Chinese company name is built from four parts: administrative area, trade name (字号), industry or
business feature, and legal form, e.g. 北京 + 永达 + 打包机械 + 有限公司 (企业名称登记管理规定, 2020, Art. 6).
The trade name is what tells firms apart; the same firm also appears in English under the pinyin of its
trade name ("Yongda Baling & Packaging Machinery Co., Ltd."). :func:`company_name_key` reduces either
spelling to the pinyin of the trade name and the rest, and :func:`name_similarity` compares two names
with a fuzzy score from ``rapidfuzz`` (0-100).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["PLACE_NAMES", "LEGAL_FORMS_ZH", "LEGAL_FORMS_EN", "NameKey", "company_name_key", "name_similarity"]

#: Province-level names and large cities that may open a Chinese company name (行政区划; this kit's list).
PLACE_NAMES: tuple[str, ...] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西",
    "西藏", "宁夏", "新疆", "广州", "深圳", "武汉", "成都", "沈阳", "西安", "南京", "杭州", "苏州", "无锡", "郑州",
    "济南", "青岛", "长沙", "合肥", "大连", "宁波", "佛山", "东莞", "哈尔滨", "长春", "石家庄", "太原", "昆明", "兰州",
)
#: Chinese legal forms (组织形式), longest first.
LEGAL_FORMS_ZH: tuple[str, ...] = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "总公司", "分公司", "公司",
                                   "集团", "厂")
#: English legal-form words dropped at the end of a name.
LEGAL_FORMS_EN: tuple[str, ...] = ("co", "ltd", "limited", "company", "inc", "corp", "corporation", "group", "llc")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


@dataclass(frozen=True)
class NameKey:
    """A company name reduced for comparison: pinyin of the trade name, the rest, and the script it was written in."""

    trade: str
    rest: str
    script: str


def _strip_place(text: str) -> str:
    for place in sorted(PLACE_NAMES, key=len, reverse=True):
        for prefix in (place + "省", place + "市", place):
            if text.startswith(prefix) and len(text) - len(prefix) >= 2:
                return text[len(prefix):]
    return text


@lru_cache(maxsize=8192)
def _key(name: str) -> NameKey:
    return _compute_key(name)


def company_name_key(name: Any) -> NameKey:
    """Reduce a Chinese or English company name to a comparable key (企业名称标准化).

    Steps (this kit's convention): Unicode NFKC (full-width letters and brackets become normal ones),
    drop what is in brackets (a department), then

    - Chinese: remove spaces, the opening place name (行政区划) and the legal form (组织形式); the first
      two characters are the trade name (字号; at least two characters, 企业名称登记管理规定 Art. 8),
      written in pinyin without tones (``pypinyin``), so homophones (达/大) give the same key;
    - English: lower case, ``&`` read as "and", punctuation removed, legal-form words dropped at the end;
      the first word is the trade name.

    Parameters
    ----------
    name : str
        The company name as typed.

    Returns
    -------
    NameKey
        ``trade`` (e.g. ``"yongda"``), ``rest`` (industry words) and ``script`` (``"zh"`` or ``"en"``).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If nothing is left of it (empty, or only a legal form).

    References
    ----------
    .. [1] 企业名称登记管理规定 (Regulations on the Registration and Administration of Enterprise Names),
       State Council Decree No. 734, 2020, Art. 6 and 8.

    Examples
    --------
    >>> company_name_key("北京永达打包机械有限公司（销售部）")
    NameKey(trade='yongda', rest='dabaojixie', script='zh')
    >>> company_name_key("YONGDA BALING AND PACKAGING MACHINERY CO LTD")
    NameKey(trade='yongda', rest='baling and packaging machinery', script='en')
    >>> company_name_key("永大打包机械").trade
    'yongda'
    >>> company_name_key("有限公司")
    Traceback (most recent call last):
    ...
    ValueError: name has no trade name left once the place and legal form are removed: '有限公司'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (a company name), got {name!r}")
    return _key(name)


def _compute_key(name: str) -> NameKey:
    text = _BRACKETS.sub("", unicodedata.normalize("NFKC", name)).strip()
    if _CJK.search(text):
        from pypinyin import lazy_pinyin

        text = _strip_place(re.sub(r"\s+", "", text))
        for form in LEGAL_FORMS_ZH:
            if text.endswith(form):
                text = text[: -len(form)]
                break
        if len(text) < 2:
            raise ValueError(f"name has no trade name left once the place and legal form are removed: {name!r}")
        return NameKey("".join(lazy_pinyin(text[:2])).lower(), "".join(lazy_pinyin(text[2:])).lower(), "zh")
    words = re.sub(r"[^\w\s]", " ", text.lower().replace("&", " and ")).split()
    while words and words[-1] in LEGAL_FORMS_EN:
        words.pop()
    if not words:
        raise ValueError(f"name has no trade name left once the place and legal form are removed: {name!r}")
    return NameKey(words[0], " ".join(words[1:]), "en")


def name_similarity(a: Any, b: Any) -> float:
    """Fuzzy similarity of two company names' trade names, 0-100 (名称相似度).

    The Levenshtein-based ratio of ``rapidfuzz.fuzz.ratio`` between the trade-name keys of
    :func:`company_name_key`: 100 when they are the same (whatever script or spelling), lower the more
    letters differ ("yongda" vs "yonda": 90.9). Only the trade name is compared, because industry words
    are written differently in Chinese and English and say nothing about which firm it is.

    Parameters
    ----------
    a, b : str
        Two company names.

    Returns
    -------
    float
        ``100 * (1 - d / (len_a + len_b))`` with ``d`` the insertions and deletions needed (InDel distance).

    Raises
    ------
    TypeError, ValueError
        As :func:`company_name_key`.

    References
    ----------
    .. [1] Levenshtein, V. I. (1966). Binary codes capable of correcting deletions, insertions, and reversals.
       *Soviet Physics Doklady* 10(8), 707-710. RapidFuzz documentation, ``fuzz.ratio``.

    Examples
    --------
    >>> name_similarity("永达打包机械有限公司", "Yongda Baling & Packaging Machinery Co., Ltd.")
    100.0
    >>> round(name_similarity("Yongda Baling & Packaging Machinery Co., Ltd.", "Yonda Baling & Packaging"), 1)
    90.9
    >>> round(name_similarity("永达打包机械有限公司", "永丰打包机械有限公司"), 1)
    57.1
    """
    from rapidfuzz import fuzz

    return float(fuzz.ratio(company_name_key(a).trade, company_name_key(b).trade))

"""Category labels typed by hand, mapped back to the standard keys (分类标签的一致性): a synonym table, then fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..validation import as_text_series, check_fraction
from ..vocabulary import INDUSTRIES

__all__ = ["INDUSTRY_SYNONYMS", "LABEL_MATCHES", "label_text", "standardize_labels"]

#: The data steward's synonym table (同义词表) for the industry field: the aliases people use for each
#: key, in Chinese and English (this kit's list; the glossary names of each key are added to it).
INDUSTRY_SYNONYMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "construction_machinery": ("工程机械", "construction machinery"),
        "agricultural_machinery": ("农机", "农业机械", "agri machinery", "farm machinery"),
        "packaging_machinery": ("打包机械", "包装机械", "packaging machinery", "baling and packaging", "baling machinery"),
        "machine_tools": ("机床", "数控机床", "machine tool", "machine tools"),
        "plastics_machinery": ("塑料机械", "塑机", "plastic machinery", "plastics machinery"),
        "metallurgy": ("冶金", "冶金设备", "metallurgical", "metallurgical equipment"),
        "mining_equipment": ("矿山设备", "矿山机械", "矿机", "mining machinery"),
        "distributor": ("经销商", "代理商", "贸易商", "液压贸易", "dealer", "hydraulics trading"),
    }
)

#: How :func:`standardize_labels` matched a label.
LABEL_MATCHES: tuple[str, ...] = ("already_standard", "synonym", "fuzzy", "missing", "unmatched")

_SUFFIXES = ("行业", "制造", "industry", "sector")


def label_text(label: Any) -> str:
    """A label reduced for comparison: NFKC, lower case, ``&`` as "and", punctuation and trade suffixes removed.

    Parameters
    ----------
    label : str

    Returns
    -------
    str
        Words separated by one space; Chinese without spaces; "行业", "制造", "industry", "sector" dropped
        at the end (this kit's convention).

    Raises
    ------
    TypeError
        If ``label`` is not a string.

    Examples
    --------
    >>> label_text("Construction Machinery Industry"), label_text("工程机械行业"), label_text("machine-tool")
    ('construction machinery', '工程机械', 'machine tool')
    """
    if not isinstance(label, str):
        raise TypeError(f"label must be a string, got {label!r}")
    text = unicodedata.normalize("NFKC", label).lower().replace("&", " and ")
    text = " ".join(re.sub(r"[^\w]+", " ", text.replace("_", " ")).split())
    if re.search(r"[\u4e00-\u9fff]", text):
        text = text.replace(" ", "")
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)].strip()
    return text


def _choices(keys: Iterable[str], synonyms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    from .. import i18n

    out: dict[str, str] = {}
    for key in keys:
        names = [key, *synonyms.get(key, ())]
        if key in i18n.GLOSSARY:
            names += [i18n.label(key, "en"), i18n.label(key, "zh")]
        for name in names:
            out.setdefault(label_text(name), key)
    return out


def standardize_labels(
    labels: Any,
    keys: Iterable[str] = INDUSTRIES,
    synonyms: Mapping[str, Iterable[str]] = INDUSTRY_SYNONYMS,
    cutoff: float = 75.0,
) -> pd.DataFrame:
    """Map hand-typed labels to standard keys (标签标准化): exact key, synonym table, then fuzzy match.

    Each label is reduced with :func:`label_text` and looked up among the keys, their glossary names
    (English and Chinese) and the synonyms; a label found nowhere is compared with all of them by
    ``rapidfuzz.fuzz.ratio`` and takes the closest when its score reaches ``cutoff`` (typos such as
    "Machine Tols", "工程机诫"). A label that is already a key is consistent; every other filled-in label
    is an inconsistent spelling of its key (a consistency fault), and a missing one a completeness fault.

    Parameters
    ----------
    labels : Series or list of str
        The labels as typed (missing values allowed).
    keys : iterable of str, default :data:`kamcourse.vocabulary.INDUSTRIES`
        The standard keys.
    synonyms : mapping of key to aliases, default :data:`INDUSTRY_SYNONYMS`
    cutoff : float, default 75
        The lowest fuzzy score (0-100) accepted (this kit's choice: a one-character typo in a
        four-character Chinese label scores 75).

    Returns
    -------
    pandas.DataFrame
        Index of ``labels``; columns ``label``, ``standard_key`` (NaN if missing or unmatched), ``match``
        (one of :data:`LABEL_MATCHES`) and ``score`` (100 for exact matches).

    Raises
    ------
    TypeError
        If a label is not text, or ``cutoff`` not a number.
    ValueError
        If ``cutoff`` is outside [0, 100].

    References
    ----------
    .. [1] DAMA UK Working Group (2013). *The Six Primary Dimensions for Data Quality Assessment*
       (consistency). RapidFuzz documentation, ``process.extractOne``.

    Examples
    --------
    >>> t = standardize_labels(["machine_tools", "机床行业", "Machine Tols", None, "其他"])
    >>> t["standard_key"].tolist()
    ['machine_tools', 'machine_tools', 'machine_tools', nan, nan]
    >>> t["match"].tolist()
    ['already_standard', 'synonym', 'fuzzy', 'missing', 'unmatched']
    """
    from rapidfuzz import fuzz, process

    s = as_text_series(labels, "labels")
    cutoff = check_fraction(cutoff, "cutoff", high=100)
    keys = tuple(keys)
    choices = _choices(keys, synonyms)
    rows = []
    for label in s:
        if not isinstance(label, str) or not label.strip():
            rows.append((float("nan"), "missing", float("nan")))
        elif label in keys:
            rows.append((label, "already_standard", 100.0))
        elif label_text(label) in choices:
            rows.append((choices[label_text(label)], "synonym", 100.0))
        else:
            best = process.extractOne(label_text(label), list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
            rows.append((choices[best[0]], "fuzzy", float(best[1])) if best else (float("nan"), "unmatched", float("nan")))
    out = pd.DataFrame(rows, columns=["standard_key", "match", "score"], index=s.index)
    out.insert(0, "label", s)
    return out

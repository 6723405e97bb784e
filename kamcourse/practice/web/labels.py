"""Choice labels from the kit's glossary, in the language of the request (类别名称).

The data's categories (industries, regions, pipeline stages, request types ...)
already have English and Chinese names in ``kamcourse/glossary``; the web
pages use the same names as the notebooks instead of translating them twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import lazy
from django.utils.translation import get_language

from kamcourse import i18n

__all__ = ["glossary_label", "choices"]


def _label(key: str) -> str:
    # no active language (translations deactivated, e.g. while writing migrations): English
    lang = (get_language() or "en").lower()
    return i18n.label(key, "zh" if lang.startswith("zh") else "en")


_lazy_label = lazy(_label, str)


def glossary_label(key: str):
    """A glossary label resolved when shown, in the language of the current request (延迟翻译).

    Examples
    --------
    >>> from django.utils import translation
    >>> label = glossary_label("closed_won")
    >>> with translation.override("en"):
    ...     str(label)
    'won'
    """
    return _lazy_label(key)


def choices(keys: Iterable[str]) -> list[tuple[str, str]]:
    """Django ``choices`` for glossary keys, labelled in the request's language (选项).

    Parameters
    ----------
    keys : iterable of str
        Glossary keys, e.g. the pipeline stages.

    Returns
    -------
    list of (key, lazy label)

    Raises
    ------
    KeyError
        If a key is not in the glossary.

    Examples
    --------
    >>> from django.utils import translation
    >>> with translation.override("zh-hans"):
    ...     [str(label) for _, label in choices(["closed_won", "closed_lost"])]
    ['赢单', '丢单']
    """
    keys = list(keys)
    for key in keys:
        i18n.label(key)  # fails early on a key the glossary lacks
    return [(key, glossary_label(key)) for key in keys]

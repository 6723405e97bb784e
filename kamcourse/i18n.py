"""Bilingual labels (English / 中文) and the Chinese font set-up for figures.

Every word a figure, table or explorer shows goes through :func:`label`, so a
notebook switches the whole course between English and Chinese with one call:

>>> from kamcourse import i18n
>>> i18n.set_language("en"); i18n.label("key_account")
'key account'

The glossary lives in ``kamcourse/glossary/*.csv`` (columns ``key,en,zh``),
one file per chapter; :data:`GLOSSARY` merges them.
"""

from __future__ import annotations

import csv
import difflib
import os
import sys
import warnings
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

__all__ = [
    "LANGUAGES",
    "GLOSSARY",
    "set_language",
    "get_language",
    "environment_language",
    "label",
    "labels",
    "bilingual",
    "setup_cjk_font",
    "CJK_FONT_CANDIDATES",
]

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: Font families known to cover simplified Chinese, in order of preference.
CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Heiti SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Arial Unicode MS",
)

_FIX_COMMAND = (
    "sudo apt-get install fonts-noto-cjk   (Debian/Ubuntu; or: pip install mplfonts)"
)


#: Keys defined twice with different texts (a test keeps this empty).
GLOSSARY_CONFLICTS: list[str] = []


def _load_glossary() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    folder = resources.files("kamcourse") / "glossary"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".csv"):
            continue
        with entry.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = row["key"].strip()
                if not key:
                    continue
                value = {"en": row["en"].strip(), "zh": row["zh"].strip()}
                if key in merged and dict(merged[key]) != value:
                    GLOSSARY_CONFLICTS.append(f"{key} (again in {entry.name})")
                    continue
                merged[key] = MappingProxyType(value)
    return MappingProxyType(merged)


#: Every course term the kit shows: ``GLOSSARY[key] == {"en": ..., "zh": ...}``.
GLOSSARY: Mapping[str, Mapping[str, str]] = _load_glossary()



def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the language the environment asks for: ``KAMCOURSE_LANG``, else English (环境语言).

    A course server (or ``KAMCOURSE_LANG=zh make lab``) sets ``KAMCOURSE_LANG``;
    locale spellings are accepted (``zh_CN.UTF-8``, ``zh-Hans``, ``en_US``).
    Anything else, or no setting, means English (this kit's convention).

    Parameters
    ----------
    environ : mapping, optional
        The environment to read (default ``os.environ``).

    Returns
    -------
    str
        ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> environment_language({"KAMCOURSE_LANG": "zh_CN.UTF-8"})
    'zh'
    >>> environment_language({})
    'en'
    """
    value = (os.environ if environ is None else environ).get("KAMCOURSE_LANG", "")
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else "en"


_language = environment_language()
_font_family: str | None = None
_warned = False


def get_language() -> str:
    """Return the current language code, ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> get_language() in ("en", "zh")
    True
    """
    return _language


def set_language(language: str | None = None) -> None:
    """Switch every label (and figure font) to English or Chinese (语言切换).

    ``set_language("zh")`` also makes matplotlib draw Chinese characters with
    an installed CJK font (see :func:`setup_cjk_font`); it never leaves empty
    boxes silently: without a font it warns once with the command that fixes it.

    ``set_language()`` (no argument) follows the environment: the language of
    ``KAMCOURSE_LANG`` (a Chinese class sets ``zh``), else English; see
    :func:`environment_language`. English lessons start with it, so a course
    server set to Chinese shows Chinese labels; Chinese lessons start with
    ``set_language("zh")``.

    In a Jupyter kernel, Chinese also shows pandas tables with Chinese
    headings, index names, category values and company names (see
    :mod:`kamcourse.viz.data_labels`); ``print(df)`` still shows the keys.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        The language of labels from now on; default the environment's.

    Raises
    ------
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> set_language("zh"); label("customer")
    '客户'
    >>> set_language("en"); label("customer")
    'customer'
    >>> set_language(); get_language() == environment_language()
    True
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'zh'; got 'fr'
    """
    global _language
    if language is None:
        language = environment_language()
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of 'en', 'zh'; got {language!r}")
    _language = language
    if language == "zh" or "matplotlib" in sys.modules:
        setup_cjk_font(quiet=language != "zh")
    if language == "zh":
        _translate_tables()


def _translate_tables() -> None:
    """In a Jupyter kernel, show pandas tables in Chinese (kamcourse.viz.data_labels)."""
    ipython = sys.modules.get("IPython")
    if ipython is not None and ipython.get_ipython() is not None:
        from kamcourse.viz.data_labels import install_display

        install_display()


def label(key: str, language: str | None = None) -> str:
    """Return the text shown for a course term in the current language.

    Parameters
    ----------
    key : str
        A glossary key, e.g. ``"key_account"`` or ``"must_be"``.
    language : {"en", "zh"}, optional
        Override the current language for this call.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If ``key`` is not in the glossary; the message names close matches.

    Examples
    --------
    >>> label("key_account", "zh")
    '大客户'
    >>> label("key_acount")
    Traceback (most recent call last):
    ...
    KeyError: "unknown glossary key 'key_acount'; did you mean 'key_account'..."
    """
    lang = _language if language is None else language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of 'en', 'zh'; got {lang!r}")
    try:
        entry = GLOSSARY[key]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(key), GLOSSARY.keys(), n=3)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"unknown glossary key {key!r}{hint}") from None
    return entry[lang]


def labels(keys: Iterable[str], language: str | None = None) -> list[str]:
    """Return :func:`label` for each key.

    Examples
    --------
    >>> labels(["customer", "revenue"], "en")
    ['customer', 'revenue']
    """
    return [label(k, language) for k in keys]


def bilingual(key: str) -> str:
    """Return ``"English (中文)"`` for a key, for tables that teach both terms.

    Examples
    --------
    >>> bilingual("key_account")
    'key account (大客户)'
    """
    return f"{label(key, 'en')} ({label(key, 'zh')})"


def _font_has_all(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(path).get_charmap()
    return all(ord(ch) in charmap for ch in text if not ch.isspace())


def setup_cjk_font(quiet: bool = False) -> str | None:
    """Make matplotlib able to draw Chinese characters (中文字体设置).

    Looks for an installed CJK font (:data:`CJK_FONT_CANDIDATES`), then for the
    fonts of the pip package ``mplfonts``; puts the first found at the front
    (language ``"zh"``) or just behind DejaVu Sans (language ``"en"``) of
    matplotlib's sans-serif list, so Chinese glyphs never come out as boxes.

    Parameters
    ----------
    quiet : bool
        Do not warn when no font is found (used when switching to English).

    Returns
    -------
    str or None
        The font family used, or None when no CJK font is available (then a
        ``UserWarning`` with the fixing command is issued once).

    Examples
    --------
    >>> family = setup_cjk_font(quiet=True)
    >>> family is None or isinstance(family, str)
    True
    """
    global _font_family, _warned
    import matplotlib
    from matplotlib import font_manager

    if _font_family is None:
        names = {f.name: f.fname for f in font_manager.fontManager.ttflist}
        family = next((n for n in CJK_FONT_CANDIDATES if n in names), None)
        if family is None:
            family = _register_mplfonts(font_manager)
        _font_family = family
    family = _font_family
    if family is None:
        if not quiet and not _warned:
            _warned = True
            warnings.warn(
                "No Chinese (CJK) font found: Chinese labels would show as empty boxes. "
                f"Install one and restart the kernel: {_FIX_COMMAND}",
                UserWarning,
                stacklevel=3,
            )
        return None
    rc = matplotlib.rcParams
    rest = [f for f in rc["font.sans-serif"] if f not in (family, "DejaVu Sans")]
    if _language == "zh":
        rc["font.sans-serif"] = [family, "DejaVu Sans", *rest]
    else:
        rc["font.sans-serif"] = ["DejaVu Sans", family, *rest]
    # a list of families lets matplotlib fall back glyph by glyph (>= 3.6), so Chinese words
    # inside English labels render too
    rc["font.family"] = list(rc["font.sans-serif"][:2])
    rc["axes.unicode_minus"] = False
    return family


def _register_mplfonts(font_manager) -> str | None:
    """Register Noto Sans CJK SC shipped by the ``mplfonts`` wheel, if installed."""
    try:
        spec = resources.files("mplfonts")
    except ModuleNotFoundError:
        return None
    for path in spec.rglob("NotoSansCJKsc-Regular.otf"):
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()
    return None

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
    "check_language",
    "GLOSSARY",
    "set_language",
    "get_language",
    "environment_language",
    "label",
    "labels",
    "bilingual",
    "percent",
    "number",
    "money",
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


def check_language(language: str | None = None, name: str = "language") -> str:
    """The language a call speaks (语言): ``language`` if it is one of :data:`LANGUAGES`, the current one if None.

    The one gate for a language parameter, so that every function words a bad one alike (this kit's convention).

    Parameters
    ----------
    language : {"en", "zh"}, optional
    name : str, default "language"
        The parameter name the message uses.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``language`` is neither None nor one of :data:`LANGUAGES`.

    Examples
    --------
    >>> check_language("zh"), check_language() == get_language()
    ('zh', True)
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en', 'zh'; got 'fr'
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, LANGUAGES))}; got {language!r}")
    return _language if language is None else language


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
    language = check_language(environment_language() if language is None else language)
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
    lang = check_language(language)
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


def _finite(x: object, name: str) -> float:
    from .validation import check_number  # here, so that importing i18n does not import pandas

    return check_number(x, name)


def _digits(digits: object) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        raise ValueError(f"digits must be a whole number >= 0, got {digits!r}")
    return digits


def percent(x: float, digits: int = 1) -> str:
    """A fraction as a percentage for a reader: 0.787658 -> ``"78.8%"`` (百分数).

    Formula: ``100 · x``, rounded to ``digits`` decimals (this kit's convention:
    one decimal for shares and rates; Chinese writes percentages the same way).

    Parameters
    ----------
    x : float
        The fraction (0.5 is 50%).
    digits : int, default 1
        Decimals shown.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``x`` is not a number.
    ValueError
        If ``x`` is NaN or infinite, or ``digits`` is not a whole number >= 0.

    Examples
    --------
    >>> percent(0.787658017258217), percent(-0.0652, 0)
    ('78.8%', '-7%')
    """
    return f"{100 * _finite(x, 'x'):.{_digits(digits)}f}%"


def number(x: float, digits: int = 0) -> str:
    """A number with thousands separators: 11739963.75 -> ``"11,739,964"`` (千位分隔).

    Parameters
    ----------
    x : float
        The number.
    digits : int, default 0
        Decimals shown (rounded half to even, as Python's ``format``).

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``x`` is not a number.
    ValueError
        If ``x`` is NaN or infinite, or ``digits`` is not a whole number >= 0.

    Examples
    --------
    >>> number(11739963.75), number(2.666666, 2)
    ('11,739,964', '2.67')
    """
    return f"{_finite(x, 'x'):,.{_digits(digits)}f}"


#: From this amount (yuan) up, Chinese money is written in 万元 (ten thousands).
WAN_FROM = 100_000


def money(x: float, language: str | None = None) -> str:
    """An amount of yuan for a reader of the current language (金额).

    English: ``¥`` and thousands separators, whole yuan. Chinese: below
    100,000 元 the amount with thousands separators and ``元``; from
    100,000 元 up in 万元 with one decimal (``x / 10,000``), as Chinese
    business reports write large amounts (this kit's convention).

    Parameters
    ----------
    x : float
        The amount in yuan.
    language : {"en", "zh"}, optional
        Override the current language for this call.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``x`` is not a number.
    ValueError
        If ``x`` is NaN or infinite, or ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> money(11739963.75, "en"), money(-2500, "en")
    ('¥11,739,964', '-¥2,500')
    >>> money(11739963.75, "zh"), money(95000, "zh")
    ('1,174.0 万元', '95,000 元')
    """
    value = _finite(x, "x")
    lang = check_language(language)
    sign = "-" if value < 0 and round(abs(value)) > 0 else ""
    if lang == "en":
        return f"{sign}¥{abs(value):,.0f}"
    if abs(value) >= WAN_FROM:
        return f"{sign}{abs(value) / 10_000:,.1f} 万元"
    return f"{sign}{abs(value):,.0f} 元"


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

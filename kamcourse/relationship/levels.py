"""Kotler's five levels of relationship marketing (关系营销的水平) and the matrix that picks one."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from ..validation import check_choice

__all__ = [
    "RELATIONSHIP_LEVELS",
    "RELATIONSHIP_LEVEL_DESCRIPTIONS",
    "N_CUSTOMERS_CATEGORIES",
    "MARGIN_CATEGORIES",
    "KOTLER_MATRIX",
    "relationship_levels",
    "relationship_level_table",
    "relationship_matrix",
    "levels_text",
    "steps_table",
]

#: Kotler's five levels of relationship marketing, from the loosest to the closest.
RELATIONSHIP_LEVELS: tuple[str, ...] = ("basic", "reactive", "accountable", "proactive", "partnership")

#: One line per level (Kotler & Keller, *Marketing Management*).
RELATIONSHIP_LEVEL_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "basic": "sells the product and does not follow up",
        "reactive": "sells the product and invites the customer to call with questions, comments or complaints",
        "accountable": "calls the customer shortly after the sale to check expectations were met "
        "and to ask for improvement ideas",
        "proactive": "contacts the customer from time to time with better ways to use the product "
        "or with new products",
        "partnership": "works continuously with the customer to find ways to deliver better value",
    }
)

#: Rows of Kotler's matrix: how many customers (or distributors) the firm has.
N_CUSTOMERS_CATEGORIES: tuple[str, ...] = ("many", "medium", "few")
#: Columns of Kotler's matrix: the profit margin per customer.
MARGIN_CATEGORIES: tuple[str, ...] = ("high", "medium", "low")

#: Kotler's matrix, the cells the course materials print: ``KOTLER_MATRIX[(n_customers, margin)]``.
KOTLER_MATRIX: Mapping[tuple[str, str], tuple[str, ...]] = MappingProxyType(
    {
        ("many", "high"): ("accountable",),
        ("many", "medium"): ("reactive",),
        ("many", "low"): ("basic", "reactive"),
        ("medium", "high"): ("proactive",),
        ("medium", "medium"): ("accountable",),
        ("medium", "low"): ("reactive",),
        ("few", "high"): ("partnership",),
        ("few", "medium"): ("proactive",),
        ("few", "low"): ("accountable",),
    }
)


def relationship_levels(n_customers: str, margin: str) -> tuple[str, ...]:
    """Recommended relationship level(s) for a number of customers and a margin (关系营销的水平).

    Kotler's matrix: the fewer the customers and the higher the margin, the
    closer the relationship worth paying for. The course materials print it
    with the margin as rows and the number of customers (or distributors)
    as columns::

                      many customers      medium number   few customers
        high margin   accountable         proactive       partnership
        medium margin reactive            accountable     proactive
        low margin    basic or reactive   reactive        accountable

    The arguments come in the other order (number of customers first), as
    in :data:`KOTLER_MATRIX`; :func:`relationship_matrix` returns the
    transpose of the printed table (``.T`` gives the printed layout).

    Parameters
    ----------
    n_customers : {"many", "medium", "few"}
        How many customers (or distributors) the firm serves (顾客或分销商数量).
    margin : {"high", "medium", "low"}
        The profit margin per customer (利润水平).

    Returns
    -------
    tuple of str
        One level, or two when the materials print "basic or reactive";
        keys of :data:`RELATIONSHIP_LEVELS` (read them with ``i18n.label``).

    Raises
    ------
    ValueError
        If a category is unknown; the message lists the valid ones.

    References
    ----------
    .. [1] Kotler, P. (2000). *Marketing Management*, 10th ed. Prentice Hall
       (the levels of relationship marketing and the matrix).
    .. [2] Course materials, 客户关系管理 chapter 4, table 关系营销的水平.

    Examples
    --------
    >>> relationship_levels("many", "low")
    ('basic', 'reactive')
    >>> relationship_levels("medium", "medium")
    ('accountable',)
    >>> relationship_levels("lots", "high")
    Traceback (most recent call last):
    ...
    ValueError: n_customers must be one of 'many', 'medium', 'few'; got 'lots'
    """
    check_choice(n_customers, "n_customers", N_CUSTOMERS_CATEGORIES)
    check_choice(margin, "margin", MARGIN_CATEGORIES)
    return KOTLER_MATRIX[(n_customers, margin)]


def relationship_level_table(language: str | None = None) -> pd.DataFrame:
    """Kotler's five levels of relationship marketing as a table (关系营销的五种水平).

    From the loosest to the closest: basic (基本型), reactive (反应型),
    accountable (责任型), proactive (积极型), partnership (合伙型)
    (Kotler & Keller, *Marketing Management*; Chinese names as in the course materials).

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the ``name`` and ``description`` columns; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``level`` (keys of :data:`RELATIONSHIP_LEVELS`), columns ``step``
        (1 … 5), ``name`` and ``description``.

    Raises
    ------
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> relationship_level_table("zh").loc["accountable", "name"]
    '责任型'
    >>> relationship_level_table("en")["step"].tolist()
    [1, 2, 3, 4, 5]
    """
    return steps_table(RELATIONSHIP_LEVELS, "level", language)


def steps_table(keys: tuple[str, ...], index_name: str, language: str | None) -> pd.DataFrame:
    """Ordered steps (levels, stages) as a table: step number, name and one-line description (阶段表).

    Names and descriptions are the glossary entries ``<key>`` and
    ``<key>_desc`` (:func:`kamcourse.i18n.label`); the order is the source's
    (Kotler & Keller for the levels; Millman & Wilson 1995, 1996 and McDonald &
    Rogers 1998 for the KAM stages; see ``docs/references.md``).

    Parameters
    ----------
    keys : tuple of str
        The steps in order, e.g. :data:`RELATIONSHIP_LEVELS`.
    index_name : str
        Name of the index (``"level"``, ``"stage"``).
    language : {"en", "zh"} or None
        Language of the text; None means the current language.

    Returns
    -------
    pandas.DataFrame
        Columns ``step`` (1, 2, ...), ``name``, ``description``.

    Raises
    ------
    ValueError
        If ``language`` is not a kit language.

    Examples
    --------
    >>> steps_table(("basic", "reactive"), "level", "en")["step"].tolist()
    [1, 2]
    """
    from .. import i18n

    i18n.check_language(language)
    return pd.DataFrame(
        {
            "step": range(1, len(keys) + 1),
            "name": [i18n.label(k, language) for k in keys],
            "description": [i18n.label(f"{k}_desc", language) for k in keys],
        },
        index=pd.Index(list(keys), name=index_name),
    )


def levels_text(levels: tuple[str, ...], language: str | None = None) -> str:
    """Readable text of a cell of Kotler's matrix: "accountable", or "basic or reactive" (关系水平文字).

    Kotler's matrix as the course materials print it names one level per
    cell, or two where either fits (Kotler, *Marketing Management*).

    Parameters
    ----------
    levels : tuple of str
        One or two keys of :data:`RELATIONSHIP_LEVELS`.
    language : {"en", "zh"}, optional
        Language of the text; the current language by default.

    Returns
    -------
    str

    Examples
    --------
    >>> levels_text(("basic", "reactive"), "en")
    'basic or reactive'
    >>> levels_text(KOTLER_MATRIX[("few", "high")], "zh")
    '合伙型'
    """
    from .. import i18n

    names = [i18n.label(level, language) for level in levels]
    if len(names) == 1:
        return names[0]
    return i18n.label("either_or", language).format(a=names[0], b=names[1])


def relationship_matrix(language: str | None = None) -> pd.DataFrame:
    """Kotler's relationship-level matrix as a 3 × 3 table of readable labels (关系营销水平矩阵).

    Each cell names the level(s) of :func:`relationship_levels` in the
    requested language ("basic or reactive" where the materials give two)
    (Kotler, *Marketing Management*; course materials). Rows are the number
    of customers, columns the margin: the transpose of the table the course
    materials print (margin as rows); ``relationship_matrix().T`` gives the
    printed layout.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the labels; the current :mod:`kamcourse.i18n` language by default.

    Returns
    -------
    pandas.DataFrame
        Index: the number-of-customers keys ``many, medium, few``;
        columns: the margin keys ``high, medium, low``.

    Raises
    ------
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> relationship_matrix("en").loc["many", "low"]
    'basic or reactive'
    >>> relationship_matrix("zh").loc["few", "high"]
    '合伙型'
    >>> relationship_matrix("en").T.loc["high"].tolist()  # the printed layout: margin as rows
    ['accountable', 'proactive', 'partnership']
    """
    from .. import i18n

    i18n.check_language(language)
    rows = {n: [levels_text(KOTLER_MATRIX[(n, m)], language) for m in MARGIN_CATEGORIES] for n in N_CUSTOMERS_CATEGORIES}
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(MARGIN_CATEGORIES))

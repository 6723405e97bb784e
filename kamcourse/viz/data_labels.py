"""Tables in the reader's language (表格的中文显示): headings, index names and data values through the glossary.

In Chinese mode a Jupyter notebook shows every pandas table it displays with
the glossary's words: column headings and index names (``customer_id`` →
客户编号), category values (``packaging_machinery`` → 打包及包装机械,
``large_enterprise`` → 大型企业, ``like`` → 喜欢), ``describe()`` row labels
(``mean`` → 平均值) and company names (the data's ``name_zh`` in place of
``name``). Only the display changes: the data keep their keys, so code still
filters with ``df["industry"] == "packaging_machinery"``, and ``print(df)``
shows the keys a program uses.

:func:`kamcourse.i18n.set_language` installs the display hook when it runs
inside IPython (:func:`install_display`); :func:`translate_frame` is the
translation itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kamcourse import i18n

__all__ = ["translate_frame", "install_display", "COLUMN_KEY_PREFIX"]


#: Columns whose values are keys of a family of their own in the glossary (a Kano *answer* ``must_be``
#: reads 理应如此, the Kano *category* ``must_be`` 必备型).
COLUMN_KEY_PREFIX: dict[str, str] = {"functional": "kano_answer_", "dysfunctional": "kano_answer_"}


def _text(value: Any, language: str, prefix: str = "", aliases: Mapping[str, str] | None = None) -> Any:
    if not isinstance(value, str):
        return value
    key = aliases.get(value, value) if aliases else value
    if prefix and prefix + key in i18n.GLOSSARY:
        return i18n.label(prefix + key, language)
    if key in i18n.GLOSSARY:
        return i18n.label(key, language)
    return value


def _index(index: pd.Index, language: str, aliases: Mapping[str, str] | None = None) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        levels = [_index(level, language, aliases) for level in index.levels]
        if all(level.is_unique for level in levels):
            index = index.set_levels(levels)
        return index.set_names([_text(n, language, aliases=aliases) for n in index.names])
    out = index
    if index.dtype == object or pd.api.types.is_string_dtype(index.dtype) or isinstance(index, pd.CategoricalIndex):
        out = pd.Index([_text(v, language, aliases=aliases) for v in index])
    return out.rename(_text(index.name, language, aliases=aliases))


def _values(column: pd.Series, language: str, aliases: Mapping[str, str] | None = None) -> pd.Series:
    prefix = COLUMN_KEY_PREFIX.get(column.name, "") if isinstance(column.name, str) else ""
    if isinstance(column.dtype, pd.CategoricalDtype):
        new = [_text(c, language, prefix, aliases) for c in column.cat.categories]
        if len(set(new)) == len(new):
            return column.cat.rename_categories(new)
        return column.astype(object).map(lambda v: _text(v, language, prefix, aliases))
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        mapping = {v: _text(v, language, prefix, aliases) for v in pd.unique(column.dropna()) if isinstance(v, str)}
        mapping = {k: v for k, v in mapping.items() if v != k}
        if mapping:
            return column.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)
    return column


def translate_frame(
    frame: pd.DataFrame | pd.Series,
    language: str | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
    values: bool = True,
) -> pd.DataFrame | pd.Series:
    """Return a copy of a table with headings, index names and values in ``language`` (表格翻译).

    A string heading, index entry, index name or cell is replaced by its
    glossary label when it is a glossary key (:data:`kamcourse.i18n.GLOSSARY`);
    anything else (customer IDs, numbers, free text) is left as it is. In
    Chinese, a table that holds both ``name`` and ``name_zh`` shows the Chinese
    company names under the ``name`` heading. This kit's convention; numbers
    are not reformatted (see the lessons' formatted tables for that).

    ``aliases`` lets a chapter say which glossary entry a word of its own
    tables stands for (a prospecting funnel's ``contacts`` are prospects
    contacted, glossary key ``funnel_contacts``, not contact persons); an alias
    applies wherever the word appears, in headings and cells.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The table to show.
    language : {"en", "zh"}, optional
        Default :func:`kamcourse.i18n.get_language`.
    aliases : mapping of str to str, optional
        ``{word: glossary key}`` looked up before the glossary itself.
    values : bool, default True
        Also translate the cells; ``False`` changes only headings and index labels.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        A new object of the same shape (less the ``name_zh`` column); ``frame``
        is not changed.

    Raises
    ------
    TypeError
        If ``frame`` is not a pandas DataFrame or Series, or ``aliases`` not a mapping.
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["Jinxiang Co."], "name_zh": ["金祥打包机械有限公司"],
    ...                    "industry": ["packaging_machinery"], "payment_terms_days": [60]},
    ...                   index=pd.Index(["C0003"], name="customer_id"))
    >>> zh = translate_frame(df, "zh")
    >>> zh.index.name, list(zh.columns)
    ('客户编号', ['名称', '行业', '付款期限(天)'])
    >>> zh.iloc[0, :2].tolist()
    ['金祥打包机械有限公司', '打包及包装机械']
    >>> translate_frame(df, "en").iloc[0, 2]
    'baling and packaging machinery'
    >>> translate_frame(df.describe(), "zh").index[:3].tolist()
    ['数量', '平均值', '标准差']
    >>> funnel = pd.DataFrame({"contacts": [120]}, index=pd.Index(["cold_calling"], name="method"))
    >>> translate_frame(funnel, "zh", aliases={"contacts": "funnel_contacts"}).columns.tolist()
    ['接触']
    """
    if not isinstance(frame, (pd.DataFrame, pd.Series)):
        raise TypeError(f"frame must be a pandas DataFrame or Series, got {type(frame).__name__}")
    language = i18n.check_language(language)
    if aliases is not None and not isinstance(aliases, Mapping):
        raise TypeError(f"aliases must be a mapping {{word: glossary key}}, got {type(aliases).__name__}")
    if isinstance(frame, pd.Series):
        out = (_values(frame, language, aliases) if values else frame).copy()
        out.index = _index(frame.index, language, aliases)
        return out.rename(_text(frame.name, language, aliases=aliases))
    if language == "zh" and {"name", "name_zh"} <= set(frame.columns):
        frame = frame.assign(name=frame["name_zh"]).drop(columns="name_zh")
    columns = [frame.iloc[:, i].rename(frame.columns[i]) for i in range(frame.shape[1])]
    out = pd.DataFrame({i: _values(c, language, aliases) if values else c for i, c in enumerate(columns)})
    if not columns:  # no column to carry the rows
        out = pd.DataFrame(index=range(len(frame)))
    out.columns = _index(frame.columns, language, aliases)
    out.index = _index(frame.index, language, aliases)
    return out


def _shown(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    # English tables show the keys the code uses; only Chinese readers need the translation
    return translate_frame(obj) if i18n.get_language() == "zh" else obj


def _html(frame: pd.DataFrame) -> str | None:
    return _shown(frame)._repr_html_()


def _plain(obj: pd.DataFrame | pd.Series, printer: Any, cycle: bool) -> None:
    printer.text(repr(_shown(obj)))


def _series_html(series: pd.Series) -> str | None:
    # in Chinese a Series shows as a small table (no English "Name: ..., dtype: ..." footer)
    if i18n.get_language() != "zh":
        return None
    shown = translate_frame(series)
    return shown.to_frame(name=shown.name if shown.name is not None else "")._repr_html_()


def install_display(shell: Any = None) -> bool:
    """Make IPython show pandas tables through :func:`translate_frame` (表格显示语言).

    The hook follows the current language at each display: in Chinese tables
    show through :func:`translate_frame`, in English as they are (with the keys
    the code uses). Installing twice is harmless.

    Parameters
    ----------
    shell : IPython InteractiveShell, optional
        Default the running one.

    Returns
    -------
    bool
        ``False`` when there is no IPython shell (plain Python: nothing to do).

    Examples
    --------
    >>> install_display()   # outside IPython
    False
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, _html)
    formatters["text/plain"].for_type(pd.DataFrame, _plain)
    formatters["text/plain"].for_type(pd.Series, _plain)
    formatters["text/html"].for_type(pd.Series, _series_html)
    return True

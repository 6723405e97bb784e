"""Tables for a reader: percentages, amounts and counts written the way people read them (表格显示).

:func:`format_table` turns a DataFrame into a pandas ``Styler`` whose cells
use :func:`kamcourse.i18n.percent`, :func:`~kamcourse.i18n.money` and
:func:`~kamcourse.i18n.number`, and whose headings are the glossary labels of
the current language. The numbers underneath stay numbers (``.data``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import pandas as pd

from .. import i18n
from .style import text_for

__all__ = ["format_table"]


def _columns(frame: pd.DataFrame, names: Iterable[str], what: str) -> list[str]:
    names = [names] if isinstance(names, str) else list(names)
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise ValueError(f"{what} names column(s) {', '.join(map(repr, missing))} that the table lacks; "
                         f"columns present: {', '.join(map(str, frame.columns))}")
    return names


def format_table(
    frame: pd.DataFrame | pd.Series,
    *,
    percent: Iterable[str] = (),
    money: Iterable[str] = (),
    number: Iterable[str] = (),
    digits: int = 1,
    decimals: int = 2,
    labels: bool = True,
):
    """Show a table with readable numbers and headings in the current language (格式化表格).

    Columns named in ``percent`` hold fractions and show as ``78.8%``; those in
    ``money`` show as :func:`kamcourse.i18n.money` writes them (``¥11,739,964``,
    or ``1,174.0 万元`` in Chinese); those in ``number`` with thousands
    separators and no decimals. Other float columns show ``decimals`` decimals
    with separators. Missing values show as ``–``. This kit's convention.

    Parameters
    ----------
    frame : pandas.DataFrame or Series
        The table (a Series becomes a one-column table).
    percent, money, number : iterable of str
        Column names (before translation) to format as percentages, amounts of
        yuan, or whole numbers.
    digits : int, default 1
        Decimals of the percentages.
    decimals : int, default 2
        Decimals of the other float columns.
    labels : bool, default True
        Translate column and index labels that are glossary keys (:func:`kamcourse.viz.text_for`).

    Returns
    -------
    pandas.io.formats.style.Styler
        Displays as an HTML table in Jupyter; ``.data`` holds the numbers of ``frame``.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame or Series.
    ValueError
        If a named column is not in the table.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [11739963.75, 2500.0], "share": [0.787658, 0.1]}, index=["C1", "C2"])
    >>> table = format_table(df, percent=["share"], money=["revenue"])
    >>> "78.8%" in table.to_html() and "¥11,739,964" in table.to_html()
    True
    >>> table.data.equals(df)
    True
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame or Series, got {type(frame).__name__}")
    formats: dict = {}
    for col in frame.columns:
        if pd.api.types.is_float_dtype(frame[col]):
            formats[col] = partial(i18n.number, digits=decimals)
    for col in _columns(frame, number, "number"):
        formats[col] = i18n.number
    for col in _columns(frame, money, "money"):
        formats[col] = i18n.money
    for col in _columns(frame, percent, "percent"):
        formats[col] = partial(i18n.percent, digits=digits)
    if labels:  # a new frame with translated axis names (the caller's frame keeps its own)
        frame = frame.rename_axis(index=[None if n is None else text_for(n) for n in frame.index.names])
    styler = frame.style.format(formats, na_rep="–")
    if labels:
        styler = styler.format_index(text_for, axis=0).format_index(text_for, axis=1)
    return styler

"""Tables of the CRM-foundations chapter, shown in the current language."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ... import i18n

__all__ = ["crm_table"]

# Column names whose general glossary word would mislead in this chapter's tables.
_CHAPTER_KEYS = {"name": "person_name", "status": "record_status", "type": "relationship_type"}


def crm_table(table: Any, values: bool = True) -> Any:
    """A copy of a table of lessons 10-11 with every glossary key shown in the current language.

    Column names, index labels, the index and column names and (with ``values=True``) text cells
    that are glossary keys are replaced by :func:`kamcourse.i18n.label`; other labels (numbers, ids,
    company names) stay as they are. For display only: compute on the original.

    Parameters
    ----------
    table : pandas.DataFrame or Series
    values : bool, default True

    Returns
    -------
    pandas.DataFrame or Series

    Examples
    --------
    >>> crm_table(pd.DataFrame({"name": ["刘浩然"], "status": ["active"], "mobile": ["139****0001"]}))
      contact name record status       mobile
    0          刘浩然        active  139****0001
    """
    def lab(x: Any) -> Any:
        if isinstance(x, str):
            key = _CHAPTER_KEYS.get(x, x)
            if key in i18n.GLOSSARY:
                return i18n.label(key)
        return x

    out = table.copy()
    if values:
        frame = out.to_frame() if isinstance(out, pd.Series) else out
        for col in frame.columns:
            if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
                frame[col] = frame[col].map(lambda v: i18n.label(v) if isinstance(v, str) and v in i18n.GLOSSARY else v)
        out = frame.iloc[:, 0] if isinstance(out, pd.Series) else frame
    out = out.rename(index=lab)
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=lab)
        out.columns.name = lab(out.columns.name)
    else:
        out.name = lab(out.name)
    out.index.name = lab(out.index.name)
    return out

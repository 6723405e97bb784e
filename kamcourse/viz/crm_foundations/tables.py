"""Tables of the CRM-foundations chapter, shown in the current language."""

from __future__ import annotations

import pandas as pd

from ..data_labels import translate_frame

__all__ = ["crm_table"]

# Column names whose general glossary word would mislead in this chapter's tables.
_CHAPTER_KEYS = {"name": "person_name", "status": "record_status", "type": "relationship_type"}


def crm_table(table: pd.DataFrame | pd.Series, values: bool = True) -> pd.DataFrame | pd.Series:
    """A copy of a table of lessons 10-11 with every glossary key shown in the current language (表格标签).

    :func:`kamcourse.viz.data_labels.translate_frame` with this chapter's words (``_CHAPTER_KEYS``:
    a contact's ``name`` is a person's name, ``status`` a record's status). Column names, index
    labels, the index and column names and (with ``values=True``) text cells that are glossary keys
    are replaced by :func:`kamcourse.i18n.label`; other labels (numbers, ids, company names) stay as
    they are. For display only: compute on the original. This kit's convention.

    Parameters
    ----------
    table : pandas.DataFrame or Series
    values : bool, default True
        Also translate text cells that are glossary keys.

    Returns
    -------
    pandas.DataFrame or Series

    Raises
    ------
    TypeError
        If ``table`` is not a pandas DataFrame or Series.

    Examples
    --------
    >>> crm_table(pd.DataFrame({"name": ["刘浩然"], "status": ["active"], "mobile": ["139****0001"]}))
      contact name record status       mobile
    0          刘浩然        active  139****0001
    """
    return translate_frame(table, aliases=_CHAPTER_KEYS, values=values)

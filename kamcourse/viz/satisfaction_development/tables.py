"""Tables of the satisfaction, loyalty and development chapter, shown in the current language."""

from __future__ import annotations

import pandas as pd

from ..data_labels import translate_frame

__all__ = [
    "label_table",
]


# Column names of this chapter's tables whose general glossary word would mislead here
# (a funnel's "contacts" are prospects contacted, not contact persons).
_CHAPTER_KEYS = {
    "contacts": "funnel_contacts",
    "customers": "won_customers",
    "cost": "prospecting_cost",
    "open": "open_deals",
    "closed": "closed_deals",
    "won": "won_deals",
    "surveys": "surveys_answered",
    "n": "answers",
    "strength": "category_strength",
    "category": "kano_category",
    "functional": "kano_functional",
    "dysfunctional": "kano_dysfunctional",
    "revenue_per_customer": "first_year_revenue_per_customer",
    "name": "method_name",
    "method": "prospecting_method",
    "status": "source_status",
    "sourced": "pm_sourced",
    "kit_summary": "pm_kit_summary",
}


def label_table(table: pd.DataFrame | pd.Series, values: bool = True) -> pd.DataFrame | pd.Series:
    """Return a copy of a table of this chapter with every key shown in the current language (表格标签).

    :func:`kamcourse.viz.data_labels.translate_frame` with this chapter's
    words (``_CHAPTER_KEYS``: a funnel's ``contacts`` are prospects contacted,
    not contact persons): column names, index labels and the index name that
    are glossary keys are replaced by :func:`kamcourse.i18n.label`; with
    ``values=True`` so are text cells (e.g. ``"must_be"`` -> "must-be" /
    "必备型"). Other labels (numbers, customer ids) stay as they are. For
    display only: compute on the original. This kit's convention.

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
    >>> t = pd.DataFrame({"category": ["must_be"], "better": [0.2]}, index=pd.Index(["on_time_delivery"], name="feature"))
    >>> label_table(t)
                      Kano category  Better (satisfaction coefficient)
    feature
    on-time delivery        must-be                                0.2
    """
    return translate_frame(table, aliases=_CHAPTER_KEYS, values=values)

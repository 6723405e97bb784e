"""Tables of the satisfaction, loyalty and development chapter, shown in the current language."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ... import i18n

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


def label_table(table: Any, values: bool = True) -> Any:
    """Return a copy of a table of this chapter with every key shown in the current language.

    Column names, index labels and the index name that are glossary keys are
    replaced by :func:`kamcourse.i18n.label`; with ``values=True`` so are text
    cells (e.g. ``"must_be"`` -> "must-be" / "必备型"). Other labels (numbers,
    customer ids) stay as they are. For display only: compute on the original.

    Parameters
    ----------
    table : pandas.DataFrame or Series
    values : bool, default True
        Also translate text cells that are glossary keys.

    Returns
    -------
    pandas.DataFrame or Series

    Examples
    --------
    >>> t = pd.DataFrame({"category": ["must_be"], "better": [0.2]}, index=pd.Index(["on_time_delivery"], name="feature"))
    >>> label_table(t)
                      Kano category  Better (satisfaction coefficient)
    feature
    on-time delivery        must-be                                0.2
    """
    def lab(x: Any) -> Any:
        if isinstance(x, str):
            key = _CHAPTER_KEYS.get(x, x)
            if key in i18n.GLOSSARY:
                return i18n.label(key)
        return x

    out = table.copy()
    if values:
        if isinstance(out, pd.Series):
            if out.dtype == object or pd.api.types.is_string_dtype(out):
                out = out.map(lab)
        else:
            for col in out.columns:
                if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                    out[col] = out[col].map(lab)
    out = out.rename(index=lab)
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=lab)
        out.columns.name = lab(out.columns.name)
    else:
        out.name = lab(out.name)
    out.index.name = lab(out.index.name)
    return out

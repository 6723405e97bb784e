"""Lists of the course materials shown as numbered Markdown, in the current language (lessons 15 and 16)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...validation import require_columns

__all__ = ["steps_markdown"]


def steps_markdown(table: pd.DataFrame) -> Any:
    """A table of steps or items (``step``, ``name``, ``description``) as a numbered Markdown list (要点列表).

    The lists of the course materials (:func:`kamcourse.kam_organisation.kam_table`,
    :func:`kamcourse.crm_implementation.implementation_steps`, :func:`kamcourse.crm_implementation.crm_team_rules`)
    read better as a list than as a table whose long descriptions a notebook would cut off.

    Parameters
    ----------
    table : pandas.DataFrame
        With columns ``step``, ``name`` and ``description`` (already in the reader's language).

    Returns
    -------
    IPython.display.Markdown
        Shown as a numbered list in a notebook; ``.data`` holds the Markdown text.

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> t = pd.DataFrame({"step": [1, 2], "name": ["set goals", "test"], "description": ["in numbers", "with users"]})
    >>> print(steps_markdown(t).data)
    1. **set goals**: in numbers
    2. **test**: with users
    """
    from IPython.display import Markdown

    require_columns(table, ["step", "name", "description"], "table")
    lines = [f"{int(s)}. **{n}**: {d}" for s, n, d in zip(table["step"], table["name"], table["description"])]
    return Markdown("\n".join(lines))

"""ipywidgets explorers for the CRM-foundations chapter (lessons 10 and 11).

- :func:`grading_explorer`: move where medium and high begin, see the A/B/C grades change;
- :func:`matching_explorer`: move the trade-name similarity threshold of the duplicate search, see
  how many pairs become duplicates, reviews or different customers.

Each is an :class:`~kamcourse.widgets.base.Explorer` (``controls``, ``state``, ``update()``, ``text``,
``output``), so the callbacks can be tested without a browser.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import i18n
from ..customer_info import GRADES, PAIR_DECISIONS, customer_grades, duplicate_pairs
from ..viz.crm_foundations import plot_grade_grid, plot_pair_decisions
from .base import Explorer

__all__ = ["grading_explorer", "matching_explorer"]


def grading_explorer(contribution: Any, potential: Any, draw: bool = True) -> Explorer:
    """Explore the A/B/C grading: where do medium and high begin? (客户分级演示)

    Two sliders set the percentile ranks where a level becomes medium and high (the same for
    contribution and potential); the callback calls :func:`kamcourse.customer_info.customer_grades`
    and redraws :func:`kamcourse.viz.plot_grade_grid`.

    Parameters
    ----------
    contribution, potential : Series of numbers
        Per customer, same index.
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"medium_from"``, ``"high_from"``) and ``state`` (``grades``: the table,
        ``counts``: customers per grade).

    Examples
    --------
    >>> c = pd.Series(range(10), index=[f"C{i}" for i in range(10)], dtype=float)
    >>> box = grading_explorer(c, c[::-1].set_axis(c.index), draw=False)
    >>> box.state["counts"].to_dict()
    {'A': 0, 'B': 4, 'C': 6}
    >>> box.controls["high_from"].value = 0.6
    >>> int(box.state["counts"]["B"])
    8
    """
    controls = {
        "medium_from": w.FloatSlider(value=0.5, min=0.05, max=0.9, step=0.05, description=i18n.label("medium"),
                                     readout_format=".0%"),
        "high_from": w.FloatSlider(value=0.8, min=0.1, max=0.95, step=0.05, description=i18n.label("high"),
                                   readout_format=".0%"),
    }

    def compute() -> tuple[dict, str]:
        lo, hi = controls["medium_from"].value, controls["high_from"].value
        if lo >= hi:
            lo = max(hi - 0.05, 0.0)
        grades = customer_grades(contribution, potential, (lo, hi))
        counts = grades["grade"].value_counts().reindex(list(GRADES), fill_value=0)
        html = " &nbsp; ".join(f"<b>{i18n.label('grade_' + g)}</b>: {int(counts[g])}" for g in GRADES)
        return {"grades": grades, "counts": counts}, html

    return Explorer(controls, compute, lambda state: plot_grade_grid(state["grades"]), draw=draw)


def matching_explorer(accounts: pd.DataFrame, draw: bool = True) -> Explorer:
    """Explore the duplicate search: how similar must two trade names be? (查重阈值演示)

    One slider sets the trade-name similarity threshold of
    :func:`kamcourse.customer_info.duplicate_pairs`; the text counts the candidate pairs by decision.
    A lower threshold finds more near-miss spellings and sends more pairs to review.

    Parameters
    ----------
    accounts : pandas.DataFrame
        The raw extract ``raw_accounts``.
    draw : bool
        Redraw the figure (:func:`kamcourse.viz.plot_pair_decisions`) on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"threshold"``) and ``state`` (``pairs``, ``counts`` per decision).

    Examples
    --------
    >>> a = pd.DataFrame({"record_id": ["R1", "R2"], "company_name": ["永达机床有限公司", "Yonda Machine Tool Co."],
    ...                   "industry_label": ["machine_tools"] * 2, "region": ["east_china"] * 2,
    ...                   "phone": ["021-88000001", "02188000001"]})
    >>> box = matching_explorer(a, draw=False)
    >>> int(box.state["counts"]["duplicate"])
    1
    >>> box.controls["threshold"].value = 95
    >>> int(box.state["counts"]["duplicate"])
    0
    """
    controls = {"threshold": w.IntSlider(value=85, min=60, max=100, step=1, description=i18n.label("name_score"),
                                         style={"description_width": "140px"})}

    def compute() -> tuple[dict, str]:
        pairs = duplicate_pairs(accounts, controls["threshold"].value)
        counts = pairs["decision"].value_counts().reindex(list(PAIR_DECISIONS), fill_value=0)
        html = " &nbsp; ".join(f"<b>{i18n.label(d)}</b>: {int(counts[d])}" for d in PAIR_DECISIONS)
        return {"pairs": pairs, "counts": counts}, html

    return Explorer(controls, compute, lambda state: plot_pair_decisions(state["pairs"], controls["threshold"].value),
                    draw=draw)

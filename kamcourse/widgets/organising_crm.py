"""Explorer of the chapter "Organising for key accounts, and making CRM work": choosing a CRM system by weights.

One slider per selection criterion; the text says which option wins, by how much, and how far the most
fragile weight may move before the winner changes; the figure is the stacked decision matrix.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from .. import i18n
from ..crm_implementation import CRM_OPTIONS, decision_matrix, weight_to_switch
from ..validation import check_weights
from ..viz.organising_crm import plot_decision_matrix
from ..viz.style import text_for
from .base import Explorer

__all__ = ["selection_explorer"]


def selection_explorer(
    scores: pd.DataFrame | None = None, weights: Mapping[str, float] | None = None, draw: bool = True
) -> Explorer:
    """Explore a weighted decision matrix for choosing a CRM system (CRM系统选型：权重探索器).

    One slider per criterion (weight 0-5); the text gives the winner, its lead over the runner-up and,
    for each weight, the value at which the winner would change
    (:func:`kamcourse.crm_implementation.weight_to_switch`); the figure stacks each option's weighted
    scores (:func:`kamcourse.viz.plot_decision_matrix`). Source: the weighted-sum model; the default
    options and scores are this kit's illustration (:data:`kamcourse.crm_implementation.CRM_OPTIONS`).

    Parameters
    ----------
    scores : pandas.DataFrame, optional
        Options × criteria scores; :data:`~kamcourse.crm_implementation.CRM_OPTIONS` by default.
    weights : mapping, optional
        Starting weights ``{criterion: weight}``; 1 for every criterion by default.
    draw : bool, default True
        Redraw the figure on every change (``False``: state and text only, for tests and scripts).

    Returns
    -------
    Explorer
        ``controls`` (one slider per criterion, named after it) and ``state`` (``winner``, ``margin``,
        ``totals`` as a dict, ``switch_at`` as a dict criterion → weight, or ``None`` when all weights are 0).

    Raises
    ------
    TypeError, ValueError
        If a starting weight is negative, not a number, or names an unknown criterion.

    Examples
    --------
    >>> box = selection_explorer(draw=False)
    >>> box.state["winner"]
    'cloud_saas'
    >>> box.controls["cost_of_ownership"].value = 5.0
    >>> box.state["winner"]
    'open_source'
    """
    table = CRM_OPTIONS if scores is None else scores
    start = dict.fromkeys(table.columns, 1.0)
    if weights is not None:
        start.update(check_weights(weights, "weights", valid=list(table.columns), allow_empty=True,
                                   nonzero_total=False, what="criterion"))
    style = {"description_width": "initial"}
    controls = {
        c: w.FloatSlider(value=float(start[c]), min=0.0, max=max(5.0, float(start[c])), step=0.5,
                         description=text_for(c), style=style, continuous_update=False)
        for c in table.columns
    }

    def compute() -> tuple[dict, str]:
        current = {c: float(s.value) for c, s in controls.items() if s.value > 0}
        if not current:
            msg = i18n.label("all_weights_zero")
            return {"winner": None, "margin": None, "totals": {}, "switch_at": {}, "matrix": None}, f"<b>{msg}</b>"
        matrix = decision_matrix(table, current)
        winner, margin = matrix.index[0], float(matrix["margin"].iloc[0])
        switch = {}
        if margin > 1e-12:
            switch = {c: weight_to_switch(table, current, c) for c in current}
        state = {"winner": winner, "margin": margin, "totals": matrix["total"].to_dict(), "switch_at": switch,
                 "matrix": matrix}
        text = i18n.label("selection_winner_text").format(winner=text_for(winner), margin=f"{margin:.2f}")
        finite = {c: v for c, v in switch.items() if v != float("inf")}
        if finite:
            c, v = min(finite.items(), key=lambda kv: abs(kv[1] - current[kv[0]]))
            text += " " + i18n.label("selection_fragile_text").format(criterion=text_for(c), weight=f"{v:.2f}",
                                                                       now=f"{current[c]:.1f}")
        return state, f"<b>{text}</b>"

    def figure(state: dict):
        return plot_decision_matrix(state["matrix"]) if state["matrix"] is not None else None

    return Explorer(controls, compute, figure, draw=draw)

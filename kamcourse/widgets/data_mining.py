"""Explorers of the customer data mining chapter (ipywidgets; each returns a displayable widget).

- :func:`retention_offer_explorer`: the cost of a retention offer and its success rate → the
  break-even churn probability, whom the offer goes to, and what the campaign would have earned on
  held-out customers (against offering to everybody), with the profit curve by threshold.

An :class:`~kamcourse.widgets.base.Explorer` (``controls``, ``state``, ``update()``, ``text``,
``output``); the callbacks call the tested functions of :mod:`kamcourse.mining` and redraw a
:mod:`kamcourse.viz` figure.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import numpy as np

from .. import i18n
from ..mining import offer_threshold, profit_curve, retention_campaign
from ..validation import as_numeric_series, scored_outcomes
from ..viz.data_mining import plot_profit_curve
from .base import Explorer

__all__ = ["retention_offer_explorer"]


def retention_offer_explorer(
    y_true: Any, score: Any, value_at_risk: Any, offer_cost: float = 3000.0, success_rate: float = 0.3,
    draw: bool = True,
) -> Explorer:
    """Explore whom to make a retention offer: its cost and success rate against the value at risk (挽留方案).

    Each customer gets the offer when her churn probability is at least her break-even probability
    c / (s·V) (:func:`kamcourse.mining.offer_threshold`); the text compares what that campaign would
    have earned on these customers, whose outcome is known, with offering to everybody
    (:func:`kamcourse.mining.retention_campaign`). The figure shows the profit of one common
    threshold for all, with the break-even probability of the median customer marked.

    Parameters
    ----------
    y_true : Series, list or array
        1 (or True) for a customer who churned, 0 otherwise (held-out data).
    score : Series, list or array
        The model's churn probabilities for the same customers.
    value_at_risk : Series, list or array
        What each customer is worth if kept (e.g. her CLV), yuan.
    offer_cost, success_rate : float
        Starting values: the cost of one offer (0-20,000 yuan) and the share of churners it keeps.
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"offer_cost"``, ``"success_rate"``) and ``state`` (``threshold``: the
        median customer's break-even probability; ``contacted``, ``churners_reached``, ``profit``: the
        campaign by break-even rule; ``profit_all``: offering to everybody; ``best_threshold``,
        ``best_profit``: the best common threshold).

    Examples
    --------
    >>> box = retention_offer_explorer([1, 0, 1, 0, 0], [0.9, 0.5, 0.4, 0.2, 0.1],
    ...                                [20000.0, 20000.0, 50000.0, 8000.0, 8000.0], draw=False)
    >>> box.state["contacted"], box.state["profit"]
    (3.0, 12000.0)
    >>> box.controls["offer_cost"].value = 5000
    >>> box.state["contacted"], box.state["profit"]
    (2.0, 11000.0)
    """
    y, s = scored_outcomes(y_true, score)
    v = as_numeric_series(value_at_risk, "value_at_risk", allow_negative=False)
    if len(v) != len(y):
        raise ValueError(f"value_at_risk must have one value per customer ({len(y)}), got {len(v)}")
    offer_threshold(offer_cost, float(v.median()) or 1.0, success_rate)  # validates the starting values
    style = {"description_width": "initial"}
    controls = {
        "offer_cost": w.FloatSlider(value=float(offer_cost), min=0.0, max=20_000.0, step=500.0,
                                    description=i18n.label("offer_cost"), style=style),
        "success_rate": w.FloatSlider(value=float(success_rate), min=0.05, max=1.0, step=0.05, readout_format=".0%",
                                      description=i18n.label("success_rate"), style=style),
    }

    def compute() -> tuple[dict, str]:
        c, rate = float(controls["offer_cost"].value), float(controls["success_rate"].value)
        median_v = float(v.median())
        threshold = c / (rate * median_v) if median_v > 0 else float("inf")
        rule = retention_campaign(y, s, v, c, rate)
        everybody = retention_campaign(y, s, v, c, rate, threshold=0.0)
        curve = profit_curve(y, s, v, c, rate)
        best = float(curve["profit"].idxmax())
        html = (
            f"{i18n.label('break_even_probability')} (median V = {median_v:,.0f}): "
            f"{c:,.0f} / ({rate:.0%} × {median_v:,.0f}) = <b>{threshold:.2f}</b><br>"
            f"{i18n.label('contacted_customers')}: <b>{rule['contacted']:.0f}</b>, "
            f"{i18n.label('churners_reached')}: {rule['churners_reached']:.0f} / {int(y.sum())}<br>"
            f"{i18n.label('campaign_profit')}: <b>{rule['profit']:,.0f}</b>; "
            f"{i18n.label('offer_to_all')}: {everybody['profit']:,.0f}; {i18n.label('offer_to_none')}: 0"
        )
        return {"offer_cost": c, "success_rate": rate, "threshold": threshold,
                "contacted": float(rule["contacted"]), "churners_reached": float(rule["churners_reached"]),
                "profit": float(rule["profit"]), "profit_all": float(everybody["profit"]),
                "best_threshold": best, "best_profit": float(curve["profit"].max()), "curve": curve}, html

    def figure(state: dict):
        return plot_profit_curve(state["curve"], chosen=float(np.clip(state["threshold"], 0.0, 1.0)))

    return Explorer(controls, compute, figure, layout=[w.HBox(list(controls.values()))], draw=draw)

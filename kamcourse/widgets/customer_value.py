"""Explorers of the customer-value chapter (ipywidgets; each returns a displayable widget).

- :func:`delivered_value_explorer`: a slider for each value and cost
  component of two offers → delivered value of each, and which one the
  customer should choose;
- :func:`clv_explorer`: margin, retention and discount rate → CLV, the margin
  multiple and what +5 points of retention would add;
- :func:`lifecycle_explorer`: pick a customer → her revenue curve coloured by
  lifecycle stage, her stage now and her lifecycle pattern.

Each is an :class:`~kamcourse.widgets.base.Explorer` (``controls``, ``state``,
``update()``, ``text``, ``output``); the callbacks call the tested concept
functions and redraw a :mod:`kamcourse.viz` figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import i18n
from ..clv import clv, margin_multiple
from ..lifecycle import classify_stages, lifecycle_curve, lifecycle_pattern, stage_history
from ..validation import as_date, as_dates, require_columns
from ..value import COMPONENTS, column_label, compare_offers
from ..viz.customer_value import plot_clv_retention, plot_delivered_value, plot_lifecycle_curve
from ..viz.style import text_for
from .base import Explorer

__all__ = ["delivered_value_explorer", "clv_explorer", "lifecycle_explorer"]

#: Two offers to start from (this kit's illustration, money units): a premium
#: offer with more value and a budget offer that costs the customer less.
DEFAULT_OFFERS = pd.DataFrame(
    {
        "product": [70.0, 60.0], "service": [20.0, 10.0], "personnel": [10.0, 5.0], "image": [10.0, 5.0],
        "monetary": [75.0, 55.0], "time": [5.0, 10.0], "psychic": [5.0, 5.0], "energy": [5.0, 5.0],
    },
    index=["offer_a", "offer_b"],
)


def delivered_value_explorer(offers: pd.DataFrame | None = None, draw: bool = True) -> Explorer:
    """Explore customer delivered value: move each component of two offers (客户让渡价值).

    Sixteen sliders, the four value and four cost components of two offers;
    the text gives each offer's total value, total cost and delivered value
    (:func:`kamcourse.value.compare_offers`) and names the one the customer
    should choose; the figure shows the stacked value and cost bars.

    Parameters
    ----------
    offers : DataFrame, optional
        Exactly two rows (the offers) with the eight component columns;
        default :data:`DEFAULT_OFFERS`.
    draw : bool
        Redraw the figure on every change (``False`` only updates the text).

    Returns
    -------
    Explorer
        With ``controls`` (keys ``"<offer>:<component>"``), ``state``
        (``table``: the comparison, ``best``: the chosen offer) and ``update()``.

    Raises
    ------
    ValueError
        If ``offers`` does not have exactly two rows or is invalid.

    Examples
    --------
    >>> box = delivered_value_explorer(draw=False)
    >>> box.state["best"]
    'offer_a'
    >>> box.controls["offer_a:monetary"].value = 100     # offer A's price goes up by 25
    >>> box.state["best"]
    'offer_b'
    """
    start = DEFAULT_OFFERS if offers is None else offers
    compare_offers(start)  # validates before building widgets
    if len(start) != 2:
        raise ValueError(f"offers must hold exactly two offers (rows), got {len(start)}")
    top = float(start[list(COMPONENTS)].to_numpy(dtype=float).max())
    controls: dict[str, Any] = {}
    columns = []
    for name in start.index:
        sliders = []
        for comp in COMPONENTS:
            s = w.FloatSlider(value=float(start.loc[name, comp]), min=0.0, max=round(top * 2, 0), step=1.0,
                              description=column_label(comp), style={"description_width": "120px"},
                              layout=w.Layout(width="340px"))
            controls[f"{name}:{comp}"] = s
            sliders.append(s)
        columns.append(w.VBox([w.HTML(f"<b>{i18n.label('offer')} {text_for(name)}</b>"), *sliders]))

    def compute() -> tuple[dict, str]:
        offers_now = pd.DataFrame(
            {comp: [controls[f"{n}:{comp}"].value for n in start.index] for comp in COMPONENTS}, index=start.index
        )
        try:
            table = compare_offers(offers_now)
        except ValueError as exc:  # e.g. every cost set to 0
            return {"offers": offers_now, "table": None, "best": None}, f"<b style='color:#D55E00'>{exc}</b>"
        best = table.index[0]
        lines = [
            f"{i18n.label('offer')} {text_for(n)}: {i18n.label('total_customer_value')} {r.total_value:,.0f} − "
            f"{i18n.label('total_customer_cost')} {r.total_cost:,.0f} = "
            f"<b>{i18n.label('customer_delivered_value')} {r.delivered_value:,.0f}</b> "
            f"({i18n.label('wins_on')}: {i18n.label(r.wins_on)})"
            for n, r in table.iterrows()
        ]
        html = "<br>".join(lines) + f"<br>➜ <b>{i18n.label('offer')} {text_for(best)}</b>"
        return {"offers": offers_now, "table": table, "best": best}, html

    def figure(state: dict):
        return None if state["table"] is None else plot_delivered_value(state["offers"])

    return Explorer(controls, compute, figure, layout=[w.HBox(columns)], draw=draw)


def clv_explorer(
    margin: float = 100.0, retention: float = 0.8, discount_rate: float = 0.10, draw: bool = True
) -> Explorer:
    """Explore CLV with constant margin and retention (客户终身价值与利润乘数).

    Three sliders; the text gives the margin multiple r/(1+d−r), the CLV
    (Gupta & Lehmann 2003; :func:`kamcourse.clv.clv`) and the CLV if
    retention were 5 points higher; the figure draws CLV against retention.

    Parameters
    ----------
    margin, retention, discount_rate : float
        Starting values (margin per period, retention in [0, 0.95],
        discount rate in [0, 0.3]).
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"margin"``, ``"retention"``, ``"discount_rate"``),
        ``state`` (``margin_multiple``, ``clv``, ``clv_plus_5``,
        ``increase``) and ``update()``.

    Examples
    --------
    >>> box = clv_explorer(draw=False)
    >>> round(box.state["clv"], 2), round(box.state["margin_multiple"], 2)
    (266.67, 2.67)
    >>> box.controls["retention"].value = 0.9
    >>> round(box.state["margin_multiple"], 2)
    4.5
    """
    clv(margin, retention, discount_rate)  # validates the starting values
    style = {"description_width": "initial"}
    top = max(1000.0, 3 * abs(float(margin)))
    step = 10.0 ** max(0, int(math.log10(top)) - 2)
    controls = {
        "margin": w.FloatSlider(value=float(margin), min=0.0, max=top, step=step,
                                description=i18n.label("margin_per_period"), style=style),
        "retention": w.FloatSlider(value=float(retention), min=0.0, max=0.95, step=0.01, readout_format=".0%",
                                   description=i18n.label("retention_rate"), style=style),
        "discount_rate": w.FloatSlider(value=float(discount_rate), min=0.0, max=0.30, step=0.01, readout_format=".0%",
                                       description=i18n.label("discount_rate"), style=style),
    }

    def compute() -> tuple[dict, str]:
        m, r, d = (float(controls[k].value) for k in ("margin", "retention", "discount_rate"))
        mm = margin_multiple(r, d)
        value = clv(m, r, d)
        better = clv(m, min(r + 0.05, 0.99), d)
        increase = better / value - 1 if value else None
        gain = f" (+{increase:.0%})" if increase is not None else ""
        html = (
            f"{i18n.label('margin_multiple')} = {r:.2f} / (1 + {d:.2f} − {r:.2f}) = <b>{mm:.2f}</b><br>"
            f"{i18n.label('customer_lifetime_value')} = {m:,.0f} × {mm:.2f} = <b>{value:,.1f}</b><br>"
            f"{i18n.label('improved_retention')}: {better:,.1f}{gain}"
        )
        return {"margin": m, "retention": r, "discount_rate": d, "margin_multiple": mm, "clv": value,
                "clv_plus_5": better, "increase": increase}, html

    def figure(state: dict):
        return plot_clv_retention(state["margin"], state["discount_rate"], retention=state["retention"])

    return Explorer(controls, compute, figure, layout=[w.HBox(list(controls.values()))], draw=draw)


def lifecycle_explorer(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    customers: Sequence[Any] | None = None,
    as_of: Any = None,
    names: pd.Series | None = None,
    first_orders: pd.Series | None = None,
    draw: bool = True,
) -> Explorer:
    """Explore one customer's lifecycle: pick a customer, see her curve and stages (客户生命周期).

    A drop-down of customers; for the chosen one the figure shows revenue per
    quarter (:func:`kamcourse.lifecycle.lifecycle_curve`) on a background
    coloured by the stage read at each quarter end
    (:func:`kamcourse.lifecycle.stage_history`); the text gives her stage on
    ``as_of`` and her lifecycle pattern (:func:`kamcourse.lifecycle.lifecycle_pattern`).

    Parameters
    ----------
    transactions : DataFrame
        Orders; columns named by the next three parameters.
    customer_col, date_col, amount_col : str
        Customer id, order date and order value columns.
    customers : sequence, optional
        The customers offered in the drop-down (default: all, sorted).
    as_of : date-like, optional
        Date of the current stage; default the last order date.
    names : Series, optional
        Display names by customer id.
    first_orders : Series, optional
        First order date by customer id, for customers who bought before the
        records begin (see :func:`kamcourse.lifecycle.classify_stages`).
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        With ``controls`` (``"customer"``), ``state`` (``customer``,
        ``stage``, ``pattern``, ``curve``, ``history``) and ``update()``.

    Raises
    ------
    ValueError
        If the columns are missing or a listed customer has no orders.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer": ["a"] * 4 + ["b"],
    ...     "date": pd.to_datetime(["2022-01-10", "2023-01-10", "2024-01-10", "2024-06-10", "2025-05-01"]),
    ...     "amount": [10.0, 30.0, 30.0, 30.0, 5.0]})
    >>> box = lifecycle_explorer(orders, "customer", "date", "amount", as_of="2025-06-30", draw=False)
    >>> box.state["stage"], box.state["pattern"]
    ('termination', 'midway_failure')
    >>> box.controls["customer"].value = "b"
    >>> box.state["stage"]
    'exploration'
    """
    require_columns(transactions, [customer_col, date_col, amount_col], "transactions")
    dates = as_dates(transactions[date_col], date_col)
    end = as_date(as_of, "as_of") if as_of is not None else dates.max()
    rules = {"first_orders": first_orders, "data_start": dates.min()}
    now_stages = classify_stages(transactions, customer_col, date_col, amount_col, end, **rules)
    ids = list(now_stages.index) if customers is None else list(customers)
    unknown = [c for c in ids if c not in now_stages.index]
    if unknown:
        raise ValueError(f"customer {unknown[0]!r} has no orders on or before {end.date()}")
    if not ids:
        raise ValueError("customers is empty; give at least one customer id")
    options = [(f"{names.get(c, c)} ({c})" if names is not None else str(c), c) for c in ids]
    picker = w.Dropdown(options=options, value=ids[0], description=i18n.label("customer"))
    quarter_ends = _quarter_ends(dates.min(), end)

    def compute() -> tuple[dict, str]:
        cust = picker.value
        own = transactions[transactions[customer_col] == cust]
        curve = lifecycle_curve(own, customer_col, date_col, amount_col, cust, freq="Q", end=end)
        history = stage_history(own, customer_col, date_col, amount_col, quarter_ends, **rules).loc[cust]
        stage = str(now_stages.loc[cust])
        pattern = lifecycle_pattern(history)
        html = (
            f"{i18n.label('current_stage')}: <b>{i18n.label(stage)}</b> · "
            f"{i18n.label('lifecycle_pattern')}: <b>{i18n.label(pattern)}</b>"
        )
        return {"customer": cust, "stage": stage, "pattern": pattern, "curve": curve, "history": history}, html

    return Explorer({"customer": picker}, compute, lambda state: plot_lifecycle_curve(state["curve"], state["history"]),
                    draw=draw)


def _quarter_ends(start: pd.Timestamp, end: pd.Timestamp) -> pd.DatetimeIndex:
    """The quarter ends from ``start`` to ``end``, and ``end`` itself: the dates the stages are read on."""
    quarter_ends = pd.date_range(start, end, freq="QE")
    if len(quarter_ends) == 0 or quarter_ends[-1] < end.normalize():
        quarter_ends = quarter_ends.append(pd.DatetimeIndex([end.normalize()]))
    return quarter_ends

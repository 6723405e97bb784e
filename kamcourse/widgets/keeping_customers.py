"""Explorers of lessons 12 and 13 (keeping customers): the contact plan under capacity, the programme's economics.

- :func:`contact_capacity_explorer`: the account team's hours and the visits planned for A and B accounts
  as sliders → what the plan keeps for each tier (:func:`kamcourse.maintenance.fit_to_capacity`);
- :func:`programme_explorer`: points per yuan, cost per point, breakage and a measured uplift as sliders →
  what the programme costs, the uplift it needs to pay, and its profit
  (:func:`kamcourse.loyalty_programme.break_even_uplift`).

Both are :class:`~kamcourse.widgets.base.Explorer` objects (``controls``, ``state``, ``update()``, ``text``, ``output``).
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import i18n, loyalty_programme, maintenance
from ..viz.keeping_customers import plot_break_even, plot_capacity
from .base import Explorer

__all__ = ["contact_capacity_explorer", "programme_explorer"]

_WIDE = {"description_width": "initial"}


def contact_capacity_explorer(tiers: pd.Series, stages: pd.Series, capacity_hours: float = 6300,
                              draw: bool = True) -> Explorer:
    """Change the team's hours and the visits planned, and see what each tier keeps (能力约束下的接触计划).

    Parameters
    ----------
    tiers, stages : Series
        Tier and lifecycle stage per customer (as for :func:`kamcourse.maintenance.contact_plan`).
    capacity_hours : float
        Starting hours of the account team a year.
    draw : bool
        Redraw the figure on every change (``False``: state and text only).

    Returns
    -------
    Explorer
        ``controls`` ``capacity``, ``visits_A``, ``visits_B``; ``state`` ``needed_hours``, ``kept_hours``,
        ``share_kept`` (a dict by tier) and ``plan`` (the plan within capacity).

    Raises
    ------
    TypeError, ValueError
        As :func:`kamcourse.maintenance.contact_plan`.

    Examples
    --------
    >>> tiers = pd.Series({"c1": "A", "c2": "B", "c3": "C"})
    >>> stages = pd.Series({"c1": "stability", "c2": "stability", "c3": "stability"})
    >>> box = contact_capacity_explorer(tiers, stages, capacity_hours=120, draw=False)
    >>> box.state["share_kept"]["A"], box.state["needed_hours"]
    (1.0, 128.75)
    >>> box.controls["capacity"].value = 60
    >>> box.state["share_kept"]["A"] < 1
    True
    """
    maintenance.contact_plan(tiers, stages)  # check the inputs once, with the kit's messages
    controls = {
        "capacity": w.IntSlider(value=int(capacity_hours), min=0, max=20_000, step=50,
                                description=i18n.label("capacity_hours"), style=_WIDE),
        "visits_A": w.IntSlider(value=int(maintenance.DEFAULT_PLAN.loc["A", "visit"]), min=0, max=12,
                                description=i18n.label("visits_a_year_A"), style=_WIDE),
        "visits_B": w.IntSlider(value=int(maintenance.DEFAULT_PLAN.loc["B", "visit"]), min=0, max=12,
                                description=i18n.label("visits_a_year_B"), style=_WIDE),
    }

    def compute() -> tuple[dict, str]:
        table = maintenance.DEFAULT_PLAN.copy()
        table.loc["A", "visit"] = controls["visits_A"].value
        table.loc["B", "visit"] = controls["visits_B"].value
        plan = maintenance.contact_plan(tiers, stages, plan=table)
        needed = float(maintenance.plan_hours(plan).sum())
        fitted = maintenance.fit_to_capacity(plan, controls["capacity"].value)
        share = {t: round(float(v), 4) for t, v in
                 (fitted.groupby("tier")["hours"].sum() / maintenance.plan_hours(plan).groupby(plan["tier"]).sum()).items()}
        kept = float(fitted["hours"].sum())
        parts = ", ".join(f"{i18n.label(f'tier_{t}')} {100 * v:.0f}%" for t, v in share.items())
        html = (f"<b>{i18n.label('planned_hours')}:</b> {needed:,.0f} · <b>{i18n.label('capacity_hours')}:</b> "
                f"{controls['capacity'].value:,} · <b>{i18n.label('share_kept')}:</b> {parts}")
        return {"needed_hours": needed, "kept_hours": kept, "share_kept": share, "plan": fitted}, html

    return Explorer(controls, compute, lambda state: plot_capacity(state["plan"]), draw=draw)


def programme_explorer(base_revenue: float, margin: float, draw: bool = True) -> Explorer:
    """Change the programme's rules and see what it costs and what uplift it needs to pay (忠诚计划经济性).

    Yearly programme cost = base revenue × points per yuan × (1 − breakage) × cost per point (the
    rewards that will be redeemed); break-even uplift and incremental margin as in
    :mod:`kamcourse.loyalty_programme`.

    Parameters
    ----------
    base_revenue : float
        Members' yearly revenue without the programme (yuan).
    margin : float
        Gross margin, in (0, 1].
    draw : bool
        Redraw the figure on every change.

    Returns
    -------
    Explorer
        ``controls`` ``points_per_yuan``, ``cost_per_point``, ``breakage``, ``uplift``; ``state``
        ``programme_cost``, ``break_even_uplift``, ``incremental_margin``.

    Raises
    ------
    ValueError
        If ``base_revenue`` or ``margin`` is not positive.

    Examples
    --------
    >>> box = programme_explorer(10_000_000, 0.28, draw=False)
    >>> round(box.state["programme_cost"]), round(box.state["break_even_uplift"], 4)
    (54000, 0.0193)
    >>> box.controls["breakage"].value = 0.5
    >>> round(box.state["programme_cost"])
    30000
    """
    loyalty_programme.break_even_uplift(0.0, base_revenue, margin)  # checks base_revenue and margin
    controls = {
        "points_per_yuan": w.FloatSlider(value=0.1, min=0.01, max=0.3, step=0.01, description=i18n.label("points_per_yuan"),
                                         style=_WIDE),
        "cost_per_point": w.FloatSlider(value=0.06, min=0.01, max=0.15, step=0.005, readout_format=".3f",
                                        description=i18n.label("cost_per_point"), style=_WIDE),
        "breakage": w.FloatSlider(value=0.1, min=0.0, max=0.8, step=0.05, description=i18n.label("breakage"), style=_WIDE),
        "uplift": w.FloatSlider(value=0.0, min=-0.05, max=0.1, step=0.005, readout_format=".1%",
                                description=i18n.label("measured_uplift"), style=_WIDE),
    }

    def compute() -> tuple[dict, str]:
        c = controls
        cost = float(base_revenue) * c["points_per_yuan"].value * (1 - c["breakage"].value) * c["cost_per_point"].value
        star = loyalty_programme.break_even_uplift(cost, base_revenue, margin)
        profit = loyalty_programme.incremental_margin(c["uplift"].value, base_revenue, margin, cost)
        html = (f"<b>{i18n.label('programme_cost')}:</b> {cost:,.0f} · <b>{i18n.label('break_even_uplift')}:</b> "
                f"{100 * star:.1f}% · <b>{i18n.label('incremental_margin')}:</b> {profit:,.0f}")
        return {"programme_cost": cost, "break_even_uplift": star, "incremental_margin": profit}, html

    def figure(state: dict):
        return plot_break_even(state["programme_cost"], base_revenue, margin, controls["uplift"].value)

    return Explorer(controls, compute, figure, draw=draw)

"""One run of the simulation (模拟运行): every step in its fixed order, the results kept together.

:func:`simulate` draws the customer plan, the staff, the orders and the other
tables from one random generator, always in the same order, so a seed gives
the same company byte for byte. :mod:`kamcourse.data.generator` turns the
:class:`Company` into the tables of ``datasets/``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .contacts import simulate_contacts
from .customers import plan_customers
from .naming import company_names
from .orders import order_events, order_lines, repair_margins
from .pipeline import simulate_opportunities, simulate_prospects
from .service import simulate_cost_to_serve, simulate_service_requests
from .staff import assign_managers, make_staff
from .surveys import simulate_kano, simulate_surveys
from .world import World

__all__ = ["Company", "simulate"]


@dataclass
class Company:
    """Everything one run of the simulation made (customers are row numbers 0..n-1 of ``plan``)."""

    world: World
    plan: pd.DataFrame
    staff: pd.DataFrame
    initial: np.ndarray
    current: np.ndarray
    switch: np.ndarray
    lines: pd.DataFrame
    span: np.ndarray
    has_orders: np.ndarray
    service_requests: pd.DataFrame
    cost_to_serve: pd.DataFrame
    opportunities: pd.DataFrame
    surveys: pd.DataFrame
    kano: pd.DataFrame
    prospects: pd.DataFrame
    acquisition_method: np.ndarray
    contacts: pd.DataFrame
    coverage_model: np.ndarray
    names_en: list[str]
    names_zh: list[str]


def _unhappy_years(w: World, plan: pd.DataFrame):
    """``unhappy_year(customer, year)``: is the customer unhappy that year (decline, exit, runaway horse)?"""
    stage = plan["stage"].to_numpy()
    kind = plan["term_kind"].to_numpy()
    dyear = w.year_of(plan["dstart"].to_numpy())

    def unhappy_year(c: int, y: int) -> bool:
        if stage[c] == 3 or kind[c] == 0:
            return y >= dyear[c] - (1 if stage[c] == 3 else 0)
        if kind[c] == 3:
            return y >= dyear[c]
        return False

    return unhappy_year


def _order_span(n: int, lines: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last order day of each customer, and whether it ordered at all."""
    span = np.zeros((n, 2), dtype=np.int64)
    has = np.zeros(n, dtype=bool)
    agg = lines.groupby("cust")["day"].agg(["min", "max"])
    span[agg.index.to_numpy(), 0] = agg["min"].to_numpy()
    span[agg.index.to_numpy(), 1] = agg["max"].to_numpy()
    has[agg.index.to_numpy()] = True
    return span, has


def simulate(seed: int, n_customers: int, years: int) -> Company:
    """Run the simulation of the fictional company for one seed (the inputs are checked by the caller).

    Examples
    --------
    >>> company = simulate(7, 60, 5)
    >>> len(company.plan), bool(company.lines["day"].max() <= 0)
    (60, True)
    """
    w = World(seed, n_customers, years)
    plan = plan_customers(w)
    staff = make_staff(w, plan)
    initial, current, switch = assign_managers(w, plan, staff)
    lines = repair_margins(w, plan, order_lines(w, plan, order_events(w, plan)))
    lines["year"] = w.year_of(lines["day"].to_numpy())
    span, has = _order_span(w.n, lines)
    unhappy_year = _unhappy_years(w, plan)
    sr = simulate_service_requests(w, plan, lines, staff, unhappy_year)
    cts = simulate_cost_to_serve(w, plan, lines, sr)
    opp = simulate_opportunities(w, plan, staff, initial, current, switch, span)
    surveys = simulate_surveys(w, plan, lines, unhappy_year)
    kano = simulate_kano(w, plan, lines)
    prospects, method = simulate_prospects(w, plan, lines)
    contacts, model = simulate_contacts(w, plan, staff, current)
    names_en, names_zh = company_names(w.rng, w.n, plan["industry"].to_numpy())
    return Company(w, plan, staff, initial, current, switch, lines, span, has, sr, cts, opp, surveys, kano,
                   prospects, method, contacts, model, names_en, names_zh)

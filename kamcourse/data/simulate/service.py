"""Service (服务): service requests and complaints, and each account's cost to serve."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ...vocabulary import SERVICE_TYPES, SEVERITIES
from .catalog import FREIGHT, VISIT_COST
from .world import MISSING_DAY, World, choice_rows, uint

__all__ = ["simulate_service_requests", "simulate_cost_to_serve"]


def simulate_service_requests(
    w: World, plan: pd.DataFrame, orders: pd.DataFrame, staff: pd.DataFrame, unhappy_year: Callable[[int, int], bool]
) -> pd.DataFrame:
    """Service requests and complaints (服务请求与投诉): type, severity, hand-offs, time to close, satisfaction.

    More requests for bigger, loss-making and unhappy accounts; a complaint
    passed on more often takes longer and leaves the customer less satisfied
    (the complaint-relay pattern, this kit's convention).

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> sr = simulate(7, 60, 5).service_requests
    >>> bool(sr.loc[sr["type"] == "complaint", "handoffs"].mean() > sr.loc[sr["type"] != "complaint", "handoffs"].mean())
    True
    """
    rng = w.rng
    rev = orders.groupby(["cust", "year"], sort=True)["net_revenue"].sum()
    span = orders.groupby("cust")["day"].agg(["min", "max"])
    loss = plan["loss"].to_numpy()
    cy = rev.index.to_frame(index=False)
    lam = 0.35 + 1.1 * np.sqrt(rev.to_numpy() / 5e5)
    lam = lam * np.where(loss[cy["cust"]], 2.5, 1.0)
    unhappy = np.array([unhappy_year(c, y) for c, y in zip(cy["cust"], cy["year"])], dtype=bool)
    lam = lam * np.where(unhappy, 1.6, 1.0)
    cnt = rng.poisson(lam)
    cust = np.repeat(cy["cust"].to_numpy(), cnt)
    year = np.repeat(cy["year"].to_numpy(), cnt)
    unh = np.repeat(unhappy, cnt)
    m = len(cust)
    a = np.array([w.year_bounds(int(y))[0] for y in year]) if m else np.zeros(0, int)
    b = np.array([w.year_bounds(int(y))[1] for y in year]) if m else np.zeros(0, int)
    a = np.maximum(a, span["min"].to_numpy()[np.searchsorted(span.index.to_numpy(), cust)] if m else a)
    b = np.minimum(b, span["max"].to_numpy()[np.searchsorted(span.index.to_numpy(), cust)] + 30 if m else b)
    b = np.minimum(b, 0)
    opened = uint(rng, a, b, m)
    p_type = np.where(unh[:, None], [0.45, 0.18, 0.07, 0.18, 0.12], [0.24, 0.24, 0.11, 0.27, 0.14])
    typ = choice_rows(rng, np.cumsum(p_type, axis=1))
    is_c = typ == 0
    sev = choice_rows(rng, np.cumsum(np.where(is_c[:, None], [0.3, 0.42, 0.28], [0.5, 0.36, 0.14]), axis=1))
    handoffs = np.minimum(np.where(is_c, rng.poisson(1.7, m), rng.poisson(0.6, m)), 7)
    base = np.array([1.5, 3.0, 5.0])[sev]
    days = np.ceil(base * (1 + 1.0 * handoffs) * np.exp(rng.normal(0, 0.25, m))).astype(np.int64)
    closed = opened + days
    sat = np.rint(4.75 - 0.5 * handoffs - 0.3 * (sev == 2) - 0.15 * is_c + rng.normal(0, 0.55, m))
    sat = np.clip(sat, 1, 5)
    is_open = closed > 0
    # owner: a service engineer employed on the opening day
    svc = staff[staff["role"] == "service"]
    hire, leave = svc["hire"].to_numpy(), svc["leave"].fillna(10**6).to_numpy()
    owner = np.empty(m, dtype=object)
    pick = rng.random(m)
    for j in range(m):
        ok = np.flatnonzero((hire <= opened[j]) & (leave >= opened[j]))
        if len(ok) == 0:
            ok = np.arange(len(svc))
        owner[j] = svc["staff_id"].to_numpy()[ok[int(pick[j] * len(ok))]]
    sr = pd.DataFrame(
        {
            "cust": cust, "type": np.asarray(SERVICE_TYPES)[typ], "severity": np.asarray(SEVERITIES)[sev],
            "opened": opened, "closed": np.where(is_open, MISSING_DAY, closed),
            "handoffs": handoffs, "owner_staff_id": owner,
            "satisfaction_after": pd.array(np.where(is_open, np.nan, sat), dtype="Float64").astype("Int64"),
            "year": year,
        }
    ).sort_values(["opened", "cust"], kind="stable").reset_index(drop=True)
    sr["request_id"] = [f"R{j + 1:05d}" for j in range(len(sr))]
    sev_cost = np.array([800.0, 2500.0, 6000.0])[pd.Categorical(sr["severity"], SEVERITIES).codes]
    sr["cost"] = sev_cost * (1 + 0.35 * sr["handoffs"].to_numpy())
    return sr


def simulate_cost_to_serve(w: World, plan: pd.DataFrame, orders: pd.DataFrame, sr: pd.DataFrame) -> pd.DataFrame:
    """What each account costs per year beyond the goods (服务成本): visits, logistics, support, special terms.

    The loss-making key accounts' special terms turn their net margin to a
    loss of 6-14% of revenue (this kit's convention).

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> cts = simulate(7, 60, 5).cost_to_serve
    >>> bool((cts["total_cost"] > 0).all())
    True
    """
    rng = w.rng
    g = orders.assign(gp=orders["net_revenue"] - orders["cost_of_goods"])
    g = g.groupby(["cust", "year"], sort=True).agg(
        rev=("net_revenue", "sum"), gp=("gp", "sum"), n_orders=("order_id", "nunique")
    ).reset_index()
    sup = sr.groupby(["cust", "year"])["cost"].sum()
    g["sr_cost"] = sup.reindex(pd.MultiIndex.from_frame(g[["cust", "year"]])).fillna(0.0).to_numpy()
    c = g["cust"].to_numpy()
    m = len(g)
    loss = plan["loss"].to_numpy()[c]
    region = plan["region"].to_numpy()[c]
    first_year = w.year_of(plan["first"].to_numpy())[c] == g["year"].to_numpy()
    rev = g["rev"].to_numpy()
    # at least one account visit a year; more for big, new and special-terms accounts
    lam = (0.5 + 3.0 * np.sqrt(rev / 3e5)) * np.where(loss, 2.2, 1.0) * np.where(first_year, 1.8, 1.0)
    visits = np.minimum(1 + rng.poisson(lam), 150)
    visit_cost = visits * VISIT_COST[region] * rng.uniform(0.9, 1.1, m)
    logistics = g["n_orders"].to_numpy() * FREIGHT[region] * np.where(loss, 1.6, 1.0) + rev * np.where(loss, 0.03, 0.015)
    support = g["sr_cost"].to_numpy() + np.where(loss, 180_000.0 * rng.uniform(0.8, 1.2, m), 0.0)
    terms = plan["terms"].to_numpy()[c]
    # payment terms beyond 30 days cost interest; large accounts get a volume rebate
    rebate = np.select([rev >= 5e6, rev >= 1e6], [0.045, 0.025], 0.0)
    special = rev * (terms - 30) / 365.0 * 0.065 + rev * rebate
    # special-terms accounts: consignment stock, rebates and free engineering worth enough
    # to turn the account's net margin to a loss of 6-14% of its revenue
    target = rng.uniform(-0.30, -0.15, m)
    plug = g["gp"].to_numpy() - visit_cost - logistics - support - target * rev
    special = np.where(loss, np.maximum(special + rev * 0.05, plug), special)
    out = pd.DataFrame(
        {
            "cust": c, "year": g["year"].to_numpy(), "visits": visits,
            "visit_cost": np.round(visit_cost, 2) + 0.0, "logistics_cost": np.round(logistics, 2) + 0.0,
            "support_cost": np.round(support, 2) + 0.0, "special_terms_cost": np.round(special, 2) + 0.0,
        }
    )
    out["total_cost"] = np.round(out[["visit_cost", "logistics_cost", "support_cost", "special_terms_cost"]].sum(axis=1), 2) + 0.0
    return out

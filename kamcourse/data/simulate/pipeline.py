"""The sales pipeline (销售管道): opportunities through their stages, and prospects by prospecting method."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...vocabulary import PIPELINE_STAGES, PROSPECTING_METHOD_KEYS
from .catalog import METHOD_PARAMS, METHOD_WIN_SHARE
from .world import MISSING_DAY, World, choice_rows, uint

__all__ = ["simulate_opportunities", "simulate_prospects"]


def simulate_opportunities(
    w: World, plan: pd.DataFrame, staff: pd.DataFrame, initial: np.ndarray, current: np.ndarray, switch: np.ndarray,
    span: np.ndarray,
) -> pd.DataFrame:
    """Sales opportunities (销售机会) moving through the pipeline stages, won, lost or still open.

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> opp = simulate(7, 60, 5).opportunities
    >>> sorted(opp["stage"].unique().tolist())[:2]
    ['closed_lost', 'closed_won']
    """
    rng, n, lo = w.rng, w.n, w.lo
    potential = plan["potential"].to_numpy()
    rows = []
    for i in range(n):
        a = max(int(span[i, 0]) - 60, lo)
        b = min(int(span[i, 1]), 0)
        if plan["runaway"].iat[i]:
            b = min(b, int(plan["dstart"].iat[i]))
        years_active = max(b - a, 0) / 365.0
        k = rng.poisson(years_active * (0.5 + 0.8 * (potential[i] / 1e6) ** 0.4))
        created = list(uint(rng, a, b, k)) if k else []
        won_first = []
        lag = int(uint(rng, 30, 120))
        if plan["first"].iat[i] - lag >= lo:  # the deal that won the customer
            created.append(int(plan["first"].iat[i]) - lag)
            won_first.append(len(created) - 1)
        for j, c in enumerate(created):
            rows.append((i, int(c), j in won_first, int(plan["first"].iat[i]) - 1 if j in won_first else 10**6))
    o = pd.DataFrame(rows, columns=["cust", "created", "forced_win", "cap"])
    o = o.astype({"cust": np.int64, "created": np.int64, "forced_win": bool, "cap": np.int64})
    m = len(o)
    health = np.where(np.isin(plan["stage"].to_numpy()[o["cust"]], [3, 4]), 0.8, 1.0)
    p_next = np.array([0.75, 0.65, 0.62, 0.62])
    u = rng.random((m, 4))
    reached = np.ones(m, dtype=int)  # number of pipeline steps passed (1 = prospecting only)
    alive = np.ones(m, dtype=bool)
    for s in range(4):
        step = alive & (u[:, s] < p_next[s] * (health if s == 3 else 1.0))
        step |= alive & o["forced_win"].to_numpy()
        reached += step
        alive = step
    won = reached == 5
    dur = np.cumsum(rng.exponential(18.0, (m, 5)) + 3, axis=1).astype(np.int64)
    created = o["created"].to_numpy()
    close = np.minimum(created + dur[np.arange(m), np.minimum(reached, 5) - 1], o["cap"].to_numpy())
    is_open = close > 0
    # open deals: the stage reached by END_DATE
    entered = created[:, None] + np.concatenate([np.zeros((m, 1), dtype=np.int64), dur[:, :3]], axis=1)
    cur_idx = np.minimum((entered <= 0).sum(axis=1) - 1, reached - 1)
    cur_idx = np.clip(cur_idx, 0, 3)
    stage = np.where(is_open, np.asarray(PIPELINE_STAGES)[cur_idx], np.where(won, "closed_won", "closed_lost"))
    furthest = np.where(won & ~is_open, "closed_won", np.asarray(PIPELINE_STAGES)[np.clip(np.where(is_open, cur_idx, reached - 1), 0, 3)])
    amount = np.round(potential[o["cust"]] * rng.uniform(0.08, 0.35, m) * np.exp(rng.normal(0, 0.4, m)), -2) + 0.0
    cust = o["cust"].to_numpy()
    holder = np.where(created < switch[cust], initial[cust], current[cust])
    out = pd.DataFrame(
        {
            "cust": cust, "staff": staff["staff_id"].to_numpy()[holder], "created": created, "stage": stage,
            "furthest_stage": furthest, "amount": amount, "won": won & ~is_open,
            "close": np.where(is_open, MISSING_DAY, close),
        }
    ).sort_values(["created", "cust"], kind="stable").reset_index(drop=True)
    out["opportunity_id"] = [f"OP{j + 1:05d}" for j in range(len(out))]
    return out


def simulate_prospects(w: World, plan: pd.DataFrame, orders: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Prospects by prospecting method (潜在客户); the customers acquired inside the window are the won ones.

    Returns the prospects and each customer's acquisition method (an index
    into :data:`kamcourse.vocabulary.PROSPECTING_METHOD_KEYS`).

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> company = simulate(7, 60, 5)
    >>> int(company.prospects["won"].sum()) <= 60
    True
    """
    rng, n, lo = w.rng, w.n, w.lo
    method = choice_rows(rng, np.tile(np.cumsum(METHOD_WIN_SHARE), (n, 1)))
    first = plan["first"].to_numpy()
    won_c = np.flatnonzero(first >= lo)
    par = METHOD_PARAMS
    conv = par[:, 1] * par[:, 2] * par[:, 3]
    first_rev = np.zeros(n)
    for i in won_c:
        m = (orders["cust"].to_numpy() == i)
        d = orders["day"].to_numpy()[m]
        first_rev[i] = orders["net_revenue"].to_numpy()[m][d < first[i] + 365].sum()
    rows = []
    for k in range(len(PROSPECTING_METHOD_KEYS)):
        wins = won_c[method[won_c] == k]
        W = len(wins)
        expected = max(W, 1) / conv[k] * (n / 300) ** 0 if W else rng.poisson(max(1.0, 0.15 / conv[k]))
        N = max(int(round(expected * rng.uniform(0.9, 1.1))), W)
        lost = N - W
        pc = np.clip((N * par[k, 1] - W) / max(lost, 1), 0, 1)
        pq = np.clip((N * par[k, 1] * par[k, 2] - W) / max(N * par[k, 1] - W, 1), 0, 1)
        contacted = rng.random(lost) < pc
        qualified = contacted & (rng.random(lost) < pq)
        c_date = uint(rng, lo, -1, lost)
        lead = par[k, 4] * rng.uniform(0.5, 1.5, W)
        w_date = np.maximum(first[wins] - np.rint(lead).astype(np.int64), lo)
        cost_l = par[k, 0] * np.exp(rng.normal(-0.045, 0.3, lost)) * np.where(contacted, 1.0, 0.4)
        cost_w = par[k, 0] * np.exp(rng.normal(-0.045, 0.3, W)) + par[k, 5]
        rows.append(pd.DataFrame({
            "method": PROSPECTING_METHOD_KEYS[k], "contact": np.concatenate([c_date, w_date]),
            "cost": np.round(np.concatenate([cost_l, cost_w]), 2),
            "contacted": np.concatenate([contacted, np.ones(W, bool)]),
            "qualified": np.concatenate([qualified, np.ones(W, bool)]),
            "won": np.concatenate([np.zeros(lost, bool), np.ones(W, bool)]),
            "first_year_revenue": np.round(np.concatenate([np.zeros(lost), first_rev[wins]]), 2),
            "cust": np.concatenate([np.full(lost, -1), wins]),
        }))
    p = pd.concat(rows, ignore_index=True).sort_values(["contact", "method", "cust"], kind="stable").reset_index(drop=True)
    p["prospect_id"] = [f"L{j + 1:05d}" for j in range(len(p))]
    return p, method

"""The generator's secondary tables: contacts, service requests, cost to serve,
opportunities, surveys, the Kano survey, prospects, company names.

Each function takes the shared :class:`~kamcourse.data._catalog._World` (one
random generator, used in a fixed order) and the customer plan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._catalog import (
    _FIRM_A,
    _FIRM_B,
    _FREIGHT,
    _INDUSTRY_WORDS,
    _KANO_CATS,
    _KANO_MIX,
    _KANO_TABLE,
    _METHOD_PARAMS,
    _METHOD_WIN_SHARE,
    _VISIT_COST,
    CONTACT_ROLES,
    DECISION_LEVELS,
    INDUSTRIES,
    KANO_ANSWERS,
    KANO_FEATURES,
    PIPELINE,
    PROSPECTING_METHODS,
    SERVICE_TYPES,
    SEVERITIES,
    _choice_rows,
    _person_names,
    _uint,
    _World,
)


def _contacts(w: _World, plan: pd.DataFrame, staff: pd.DataFrame, current: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    rng, n = w.rng, w.n
    potential = plan["potential"].to_numpy()
    rank = np.empty(n, dtype=int)
    rank[np.argsort(-potential, kind="stable")] = np.arange(n)
    employed = staff["leave"].isna().to_numpy()
    pool = {r: staff.index[(staff["role"] == r).to_numpy() & employed].to_numpy() for r in ("sales", "service", "technical")}
    top = rank < max(1, int(round(0.15 * n)))
    mid = (rank >= max(1, int(round(0.15 * n)))) & (rank < int(round(0.35 * n)))
    k = np.where(top, _uint(rng, 5, 10, n), np.where(mid, _uint(rng, 3, 6, n), _uint(rng, 1, 3, n)))
    # key accounts: mostly diamond (several of our staff hold contacts), some still bow-ties
    diamond = top & (rng.random(n) < np.where(rank < 0.06 * n, 0.85, 0.6))
    runaway = plan["runaway"].to_numpy()
    diamond[runaway] = False
    k[runaway] = np.maximum(k[runaway], 7)
    one_tech = ~top & (rng.random(n) < 0.2)
    rows = []
    cycle = CONTACT_ROLES
    for i in range(n):
        am = current[i]
        for j in range(k[i]):
            role = cycle[j % len(cycle)]
            if role == "management":
                level = "decision_maker"
            elif role == "purchasing":
                level = "decision_maker" if k[i] < 3 else "gatekeeper"
            elif role in ("engineering", "quality"):
                level = "influencer"
            elif role == "operations":
                level = "user"
            else:
                level = "gatekeeper"
            if j > 0 and role != "management" and rng.random() < 0.12:
                level = DECISION_LEVELS[rng.integers(0, 4)]
            holder = am
            if diamond[i]:
                if role in ("engineering", "quality") and len(pool["technical"]):
                    holder = pool["technical"][rng.integers(0, len(pool["technical"]))]
                elif role == "operations" and len(pool["service"]):
                    holder = pool["service"][rng.integers(0, len(pool["service"]))]
                elif role == "management" and len(pool["sales"]) > 1:
                    others = pool["sales"][pool["sales"] != am]
                    holder = others[rng.integers(0, len(others))]
            elif one_tech[i] and role == "engineering" and len(pool["technical"]):
                holder = pool["technical"][rng.integers(0, len(pool["technical"]))]
            rows.append((i, role, level, holder))
    c = pd.DataFrame(rows, columns=["cust", "role", "decision_level", "holder"])
    names, names_zh = _person_names(rng, len(c))
    c["name"], c["name_zh"] = names, names_zh
    c["contact_id"] = [f"P{j + 1:05d}" for j in range(len(c))]
    c["phone"] = [f"139-0000-{j + 1:04d}" for j in range(len(c))]
    c["staff_id"] = staff["staff_id"].to_numpy()[c["holder"].to_numpy()]
    model = np.where(diamond, "diamond", "bow_tie")
    return c, model


def _service_requests(w: _World, plan: pd.DataFrame, orders: pd.DataFrame, staff: pd.DataFrame, unhappy_year) -> pd.DataFrame:
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
    opened = _uint(rng, a, b, m)
    p_type = np.where(unh[:, None], [0.45, 0.18, 0.07, 0.18, 0.12], [0.24, 0.24, 0.11, 0.27, 0.14])
    typ = _choice_rows(rng, np.cumsum(p_type, axis=1))
    is_c = typ == 0
    sev = _choice_rows(rng, np.cumsum(np.where(is_c[:, None], [0.3, 0.42, 0.28], [0.5, 0.36, 0.14]), axis=1))
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
            "opened": opened, "closed": np.where(is_open, np.iinfo(np.int64).min, closed),
            "handoffs": handoffs, "owner_staff_id": owner,
            "satisfaction_after": pd.array(np.where(is_open, np.nan, sat), dtype="Float64").astype("Int64"),
            "year": year,
        }
    ).sort_values(["opened", "cust"], kind="stable").reset_index(drop=True)
    sr["request_id"] = [f"R{j + 1:05d}" for j in range(len(sr))]
    sev_cost = np.array([800.0, 2500.0, 6000.0])[pd.Categorical(sr["severity"], SEVERITIES).codes]
    sr["cost"] = sev_cost * (1 + 0.35 * sr["handoffs"].to_numpy())
    return sr


def _cost_to_serve(w: _World, plan: pd.DataFrame, orders: pd.DataFrame, sr: pd.DataFrame) -> pd.DataFrame:
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
    visit_cost = visits * _VISIT_COST[region] * rng.uniform(0.9, 1.1, m)
    logistics = g["n_orders"].to_numpy() * _FREIGHT[region] * np.where(loss, 1.6, 1.0) + rev * np.where(loss, 0.03, 0.015)
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


def _opportunities(w: _World, plan: pd.DataFrame, staff: pd.DataFrame, initial, current, switch, span) -> pd.DataFrame:
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
        created = list(_uint(rng, a, b, k)) if k else []
        won_first = []
        lag = int(_uint(rng, 30, 120))
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
    stage = np.where(is_open, np.asarray(PIPELINE)[cur_idx], np.where(won, "closed_won", "closed_lost"))
    furthest = np.where(won & ~is_open, "closed_won", np.asarray(PIPELINE)[np.clip(np.where(is_open, cur_idx, reached - 1), 0, 3)])
    amount = np.round(potential[o["cust"]] * rng.uniform(0.08, 0.35, m) * np.exp(rng.normal(0, 0.4, m)), -2) + 0.0
    cust = o["cust"].to_numpy()
    holder = np.where(created < switch[cust], initial[cust], current[cust])
    out = pd.DataFrame(
        {
            "cust": cust, "staff": staff["staff_id"].to_numpy()[holder], "created": created, "stage": stage,
            "furthest_stage": furthest, "amount": amount, "won": won & ~is_open,
            "close": np.where(is_open, np.iinfo(np.int64).min, close),
        }
    ).sort_values(["created", "cust"], kind="stable").reset_index(drop=True)
    out["opportunity_id"] = [f"OP{j + 1:05d}" for j in range(len(out))]
    return out


def _surveys(w: _World, plan: pd.DataFrame, orders: pd.DataFrame, unhappy_year) -> pd.DataFrame:
    rng = w.rng
    cy = orders[["cust", "year"]].drop_duplicates().sort_values(["cust", "year"]).reset_index(drop=True)
    active = set(zip(cy["cust"].to_numpy().tolist(), cy["year"].to_numpy().tolist()))
    last_year = w.year_list[-1]
    # churning: no orders next year, or a terminating customer's last active year
    last_active = cy.groupby("cust")["year"].transform("max").to_numpy()
    leaving = (plan["stage"].to_numpy()[cy["cust"].to_numpy()] == 4) & (cy["year"].to_numpy() == last_active)
    churn = np.array([(y < last_year) and ((c, y + 1) not in active) for c, y in zip(cy["cust"], cy["year"])])
    churn = churn | leaving
    unhappy = np.array([unhappy_year(c, y) for c, y in zip(cy["cust"], cy["year"])], dtype=bool)
    m = len(cy)
    p_norm = np.array([0.02, 0.08, 0.22, 0.31, 0.37])
    p_unh = np.array([0.07, 0.21, 0.36, 0.33, 0.03])
    p_churn = np.array([0.045, 0.15, 0.36, 0.44, 0.005])
    p = np.where(churn[:, None], p_churn, np.where(unhappy[:, None], p_unh, p_norm))
    score = _choice_rows(rng, np.cumsum(p, axis=1)) + 1
    latent = score + rng.uniform(-0.45, 0.45, m)
    out = {"cust": cy["cust"].to_numpy(), "year": cy["year"].to_numpy()}
    mu_e = np.array([6.0, 5.8, 5.2, 5.0, 5.4, 4.6])
    bias = np.array([0.3, -0.6, 0.4, -0.3, 0.0, 0.2])
    mu_i = np.array([6.5, 6.3, 5.3, 5.8, 5.0, 3.9])
    from ._schema import SURVEY_ATTRIBUTES

    exp = np.clip(np.rint(rng.normal(mu_e, 0.9, (m, 6))), 1, 7)
    perf = np.clip(np.rint(exp + 0.9 * (latent[:, None] - 3.9) + bias + rng.normal(0, 0.8, (m, 6))), 1, 7)
    imp = np.clip(np.rint(rng.normal(mu_i, 0.7, (m, 6))), 1, 7)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"expectation_{a}"] = exp[:, k].astype(np.int64)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"performance_{a}"] = perf[:, k].astype(np.int64)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"importance_{a}"] = imp[:, k].astype(np.int64)
    out["overall_satisfaction"] = score.astype(np.int64)
    ltr_mu = np.array([2.0, 4.2, 6.0, 7.6, 9.3])[score - 1]
    ltr_sd = np.array([1.4, 1.4, 1.2, 0.9, 0.7])[score - 1]
    out["likelihood_to_recommend"] = np.clip(np.rint(rng.normal(ltr_mu, ltr_sd)), 0, 10).astype(np.int64)
    ri = np.array(
        [
            [0.35, 0.35, 0.20, 0.07, 0.03],
            [0.10, 0.25, 0.36, 0.21, 0.08],
            [0.05, 0.17, 0.40, 0.27, 0.11],
            [0.03, 0.12, 0.38, 0.33, 0.14],
            [0.00, 0.00, 0.03, 0.17, 0.80],
        ]
    )
    row = np.where(churn | unhappy, np.maximum(score - 2, 0), score - 1)
    out["repurchase_intention"] = (_choice_rows(rng, np.cumsum(ri[row], axis=1)) + 1).astype(np.int64)
    return pd.DataFrame(out)


def _kano(w: _World, plan: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    rng = w.rng
    recent = np.unique(orders.loc[orders["day"] > -365, "cust"].to_numpy())
    if len(recent) == 0:
        recent = np.unique(orders["cust"].to_numpy())
    n_resp = int(np.clip(round(0.6 * w.n), 80, 240))
    resp_cust = np.sort(recent[rng.integers(0, len(recent), n_resp)])
    cells = {c: [] for c in _KANO_CATS}
    for fi, row in enumerate(_KANO_TABLE):
        for di, cat in enumerate(row):
            cells[cat].append((fi, di))
    cell_w = {
        "attractive": [0.25, 0.45, 0.30],
        "one_dimensional": [1.0],
        "must_be": [0.45, 0.30, 0.25],
        "indifferent": [0.05, 0.10, 0.08, 0.07, 0.35, 0.15, 0.05, 0.10, 0.05],
        "reverse": [0.05, 0.10, 0.10, 0.25, 0.10, 0.25, 0.15],
        "questionable": [0.5, 0.5],
    }
    rows = []
    for feature, intended in KANO_FEATURES.items():
        cat = _choice_rows(rng, np.tile(np.cumsum(_KANO_MIX[intended]), (n_resp, 1)))
        u = rng.random(n_resp)
        for r in range(n_resp):
            c = _KANO_CATS[cat[r]]
            cum = np.cumsum(cell_w[c]) / np.sum(cell_w[c])
            fi, di = cells[c][min(int(np.searchsorted(cum, u[r], side="right")), len(cum) - 1)]
            rows.append((r, resp_cust[r], feature, KANO_ANSWERS[fi], KANO_ANSWERS[di]))
    k = pd.DataFrame(rows, columns=["resp", "cust", "feature", "functional", "dysfunctional"])
    k = k.sort_values(["resp"], kind="stable").reset_index(drop=True)
    k["respondent_id"] = [f"K{r + 1:04d}" for r in k["resp"]]
    return k


def _prospects(w: _World, plan: pd.DataFrame, orders: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Prospects by method; the customers acquired inside the window are the won ones."""
    rng, n, lo = w.rng, w.n, w.lo
    method = _choice_rows(rng, np.tile(np.cumsum(_METHOD_WIN_SHARE), (n, 1)))
    first = plan["first"].to_numpy()
    won_c = np.flatnonzero(first >= lo)
    par = _METHOD_PARAMS
    conv = par[:, 1] * par[:, 2] * par[:, 3]
    first_rev = np.zeros(n)
    for i in won_c:
        m = (orders["cust"].to_numpy() == i)
        d = orders["day"].to_numpy()[m]
        first_rev[i] = orders["net_revenue"].to_numpy()[m][d < first[i] + 365].sum()
    rows = []
    for k in range(len(PROSPECTING_METHODS)):
        wins = won_c[method[won_c] == k]
        W = len(wins)
        expected = max(W, 1) / conv[k] * (n / 300) ** 0 if W else rng.poisson(max(1.0, 0.15 / conv[k]))
        N = max(int(round(expected * rng.uniform(0.9, 1.1))), W)
        lost = N - W
        pc = np.clip((N * par[k, 1] - W) / max(lost, 1), 0, 1)
        pq = np.clip((N * par[k, 1] * par[k, 2] - W) / max(N * par[k, 1] - W, 1), 0, 1)
        contacted = rng.random(lost) < pc
        qualified = contacted & (rng.random(lost) < pq)
        c_date = _uint(rng, lo, -1, lost)
        lead = par[k, 4] * rng.uniform(0.5, 1.5, W)
        w_date = np.maximum(first[wins] - np.rint(lead).astype(np.int64), lo)
        cost_l = par[k, 0] * np.exp(rng.normal(-0.045, 0.3, lost)) * np.where(contacted, 1.0, 0.4)
        cost_w = par[k, 0] * np.exp(rng.normal(-0.045, 0.3, W)) + par[k, 5]
        rows.append(pd.DataFrame({
            "method": PROSPECTING_METHODS[k], "contact": np.concatenate([c_date, w_date]),
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


def _company_names(rng, n: int, industry: np.ndarray) -> tuple[list[str], list[str]]:
    combos = len(_FIRM_A) * len(_FIRM_B)
    perm = rng.permutation(combos * len(INDUSTRIES))
    en, zh, used = [], [], set()
    j = 0
    for i in range(n):
        ind = INDUSTRIES[industry[i]]
        while True:
            code = int(perm[j % len(perm)])
            j += 1
            a, b = divmod(code % combos, len(_FIRM_B))
            key = (a, b, ind, j // len(perm))
            if key not in used:
                break
        used.add(key)
        suffix = f" {j // len(perm) + 1}" if j > len(perm) else ""
        word_en, word_zh = _INDUSTRY_WORDS[ind]
        en.append(f"{_FIRM_A[a][0]}{_FIRM_B[b][0]} {word_en} Co., Ltd.{suffix}")
        zh.append(f"{_FIRM_A[a][1]}{_FIRM_B[b][1]}{word_zh}有限公司{suffix}")
    return en, zh

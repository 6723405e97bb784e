"""Seeded generator of the fictional company's CRM records (模拟企业的客户关系管理数据).

The company is a B2B supplier of hydraulic and industrial components (液压及工业
零部件) selling to manufacturers and distributors in China. :func:`generate`
makes five years of its records from one seed; ``datasets/`` holds the
default seed's tables and ``generate()`` rebuilds them byte for byte. Every
rule the generator follows (lifecycle stages, the runaway-horse account, the
loss-making key accounts, ...) is written in ``datasets/README.md``.

Everything is drawn from one ``numpy.random.default_rng(seed)`` in a fixed
order; no dict/set iteration order or hash seed is involved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_positive_int
from ._catalog import (
    _CAP,
    _CATALOG,
    _COST_RATIO,
    _DISCOUNT_OFFSET,
    _GIVEN,
    _INDUSTRY_P,
    _MIX,
    _MONTH_FACTOR,
    _REGION_P,
    _SIGMA,
    _STAGE_SHARES,
    DEFAULT_SEED,
    END_DATE,
    INDUSTRIES,
    KANO_FEATURES,
    PRODUCT_LINES,
    PROSPECTING_METHODS,
    REGIONS,
    SIZE_BANDS,
    STAGE_RULES,
    STAGES,
    _check_seed,
    _choice_rows,
    _counts,
    _person_names,
    _uint,
    _World,
)
from ._tables import (
    _company_names,
    _contacts,
    _cost_to_serve,
    _kano,
    _opportunities,
    _prospects,
    _service_requests,
    _surveys,
)

__all__ = [
    "DEFAULT_SEED",
    "END_DATE",
    "STAGE_RULES",
    "KANO_FEATURES",
    "generate",
]


# --------------------------------------------------------------------------- customers


def _plan_customers(w: _World) -> pd.DataFrame:
    rng, n, lo = w.rng, w.n, w.lo
    counts = _counts(_STAGE_SHARES, n)
    if n >= 5 and counts[4] == 0:
        counts[4] += 1
        counts[int(np.argmax(counts))] -= 1
    stage = np.repeat(np.arange(5), counts)[rng.permutation(n)]

    potential = 15_000.0 + np.exp(rng.normal(np.log(90_000.0), _SIGMA, n))
    potential = np.minimum(potential, _CAP)
    industry = _choice_rows(rng, np.tile(np.cumsum(_INDUSTRY_P), (n, 1)))
    region = _choice_rows(rng, np.tile(np.cumsum(_REGION_P), (n, 1)))

    # sub-patterns of termination: 0 early_exit, 1 early_abort, 2 mid_abort, 3 runaway horse
    term_kind = np.full(n, -1)
    term_idx = np.flatnonzero(stage == 4)
    if len(term_idx):
        k = _choice_rows(rng, np.tile(np.cumsum([0.5, 0.2, 0.3]), (len(term_idx), 1)))
        term_kind[term_idx] = k
        if n >= 20:
            rh = term_idx[0]
            term_kind[rh] = 3
            # the runaway horse is one of the three largest accounts
            third = np.argsort(-potential, kind="stable")[2]
            potential[[rh, third]] = potential[[third, rh]]
            potential[rh] = max(potential[rh], 4e6)
            industry[rh] = INDUSTRIES.index("packaging_machinery")

    # loss-making key accounts: large established customers on special terms
    loss = np.zeros(n, dtype=bool)
    ranks = np.argsort(-potential, kind="stable")
    n_loss = int(round(0.035 * n)) if n >= 50 else 0
    if n_loss:
        pool = [i for i in ranks[2: max(3 * n_loss, int(0.12 * n))] if stage[i] == 2]
        pick = rng.permutation(len(pool))[:n_loss]
        loss[np.array(pool, dtype=int)[np.sort(pick)]] = True

    med = np.median(potential)
    base_disc = np.clip(0.06 + 0.035 * np.log(potential / med), 0.0, 0.21) + rng.normal(0, 0.008, n)
    base_disc = np.clip(base_disc, 0.0, 0.22)
    base_disc[loss] = rng.uniform(0.24, 0.29, loss.sum())
    base_disc = np.round(base_disc, 3)

    terms = np.array([30, 60, 90, 180])[_choice_rows(rng, np.tile(np.cumsum([0.42, 0.35, 0.19, 0.04]), (n, 1)))]
    terms[loss] = 180

    noisy = np.log(potential) + rng.normal(0, 0.6, n)
    order = np.argsort(-noisy, kind="stable")
    size_band = np.zeros(n, dtype=int)
    size_band[order[: int(round(0.2 * n))]] = 2
    size_band[order[int(round(0.2 * n)): int(round(0.6 * n))]] = 1

    # time plan (day offsets relative to END_DATE; 0 = END_DATE, lo = first day of the window)
    pre = lo - _uint(rng, 30, 365 * 12, n)  # first order before the window
    first = pre.copy()
    last = np.zeros(n, dtype=np.int64)  # last order allowed
    dstart = np.zeros(n, dtype=np.int64)  # decline start
    u = rng.random(n)
    for i in range(n):
        s = stage[i]
        if s == 0:  # exploration
            first[i] = _uint(rng, -250, -20)
        elif s == 1:  # formation
            first[i] = _uint(rng, -880, -300)
        elif s == 2:  # stability
            if u[i] < 0.25 and lo < -1000:
                first[i] = _uint(rng, lo, -1000)
        elif s == 3:  # decline
            if u[i] < 0.15 and lo < -1100:
                first[i] = _uint(rng, lo, -1100)
            dstart[i] = _uint(rng, -540, -330)
        else:
            kind = term_kind[i]
            if kind == 0:  # early exit: established customer drifts away and stops
                last[i] = _uint(rng, lo + 150, -300)
                dstart[i] = last[i] - _uint(rng, 120, 400)
            elif kind == 1:  # early abort: a few trial orders, then nothing
                first[i] = _uint(rng, lo, -560) if lo < -560 else lo
                last[i] = first[i] + 240
            elif kind == 2:  # mid abort: grows for a while, then stops
                first[i] = _uint(rng, lo, -700) if lo < -700 else lo
                last[i] = min(first[i] + _uint(rng, 240, 540), -300)
            else:  # runaway horse
                leave = -min(549, int(0.6 * -lo))
                dstart[i] = leave
                last[i] = leave + 75
    return pd.DataFrame(
        {
            "stage": stage, "term_kind": term_kind, "potential": potential, "industry": industry,
            "region": region, "size_band": size_band, "loss": loss, "base_disc": base_disc,
            "terms": terms, "first": first, "last": last, "dstart": dstart,
            "runaway": term_kind == 3,
        }
    )


def _level_knots(w: _World, p) -> tuple[np.ndarray, np.ndarray]:
    """Knots of the customer's purchase level over time (1 = its annual potential)."""
    rng, lo = w.rng, w.lo
    s, f = int(p.stage), int(p.first)
    g = rng.uniform(-0.03, 0.05)
    begin = max(f, lo)
    if s == 1:  # formation: steep, convex growth up to END_DATE
        q = np.linspace(0, 1, 9)
        return f + (-f) * q, 0.08 + 0.92 * q**1.5
    if s == 4 and p.term_kind == 2:  # mid abort
        return np.array([f, p.last]), np.array([0.12, rng.uniform(0.5, 0.9)])
    xs, ys = [begin], [1.0 + g * (begin + (-lo) / 2) / 365]
    if f >= lo:  # acquired inside the window: ramp up first
        ramp = int(rng.uniform(180, 400))
        xs, ys = [f, f + ramp], [0.25, 1.0]
    if s == 2:
        xs.append(0)
        ys.append(ys[-1] + g * (0 - xs[-1]) / 365)
    elif s == 3:
        d = max(int(p.dstart), xs[-1] + 1)
        xs += [d, 0]
        ys += [ys[-1], rng.uniform(0.15, 0.35)]
    elif p.term_kind == 0:
        d = max(int(p.dstart), xs[-1] + 1)
        xs += [d, max(int(p.last), d + 1)]
        ys += [ys[-1], 0.3]
    elif p.term_kind == 3:
        d = int(p.dstart)
        xs, ys = [begin, d, d + 1, int(p.last)], [0.85, 1.1, 0.35, 0.3]
    else:
        xs.append(0)
        ys.append(ys[-1])
    return np.asarray(xs, float), np.asarray(ys, float)


def _order_events(w: _World, plan: pd.DataFrame) -> pd.DataFrame:
    """Order dates and values (before they are split into lines)."""
    rng, lo = w.rng, w.lo
    cust, day, value = [], [], []
    for i, p in enumerate(plan.itertuples(index=False)):
        S = p.potential
        if p.stage == 0 or (p.stage == 4 and p.term_kind == 1):  # trial orders
            k = 1 + rng.binomial(3, 0.4)
            gaps = rng.integers(20, 80, k - 1)
            d = p.first + np.concatenate([[0], np.cumsum(gaps)])
            if p.stage == 0:
                d = np.minimum(d, -3)
                if d.max() < -120:
                    d = np.append(d, _uint(rng, -100, -5))
            v = S * rng.uniform(0.02, 0.07, len(d)) * np.exp(rng.normal(0, 0.3, len(d)))
            cust.append(np.full(len(d), i))
            day.append(d.astype(np.int64))
            value.append(v)
            continue
        f_year = float(np.clip(10.0 * (S / 1e5) ** 0.45, 6.0, 100.0))
        mean_gap = 365.0 / f_year
        begin = max(int(p.first), lo)
        stop = int(p.last) if p.stage == 4 else 0
        n_max = int((stop - begin) / mean_gap * 1.6) + 10
        gaps = rng.gamma(5.0, mean_gap / 5.0, n_max)
        phase = 0.0 if p.first >= lo else rng.uniform(0, mean_gap)
        d = np.floor(begin + phase + np.concatenate([[0.0], np.cumsum(gaps[:-1])])).astype(np.int64)
        d = d[d <= stop]
        xs, ys = _level_knots(w, p)
        lev = np.clip(np.interp(d, xs, ys), 0.02, None)
        keep_p = np.clip(np.sqrt(lev), 0.35, 1.0)
        keep = rng.random(len(d)) < keep_p
        if len(d) and p.first >= lo:
            keep[0] = True  # the first order happens
        d, lev, keep_p = d[keep], lev[keep], keep_p[keep]
        season = _MONTH_FACTOR[w.month_of(d)]
        v = S * lev * season / (f_year * keep_p) * np.exp(rng.normal(-0.06, 0.35, len(d)))
        if p.stage in (1, 2, 3) and (len(d) == 0 or d.max() < -90):  # still buying recently
            extra = _uint(rng, -80, -5)
            d = np.append(d, extra)
            v = np.append(v, S * float(np.interp(extra, xs, ys)) / f_year)
        cust.append(np.full(len(d), i))
        day.append(d)
        value.append(v)
    ev = pd.DataFrame({"cust": np.concatenate(cust), "day": np.concatenate(day), "value": np.concatenate(value)})
    return _fit_stage_rules(w, plan, ev)


def _fit_stage_rules(w: _World, plan: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
    """Rescale last/previous-12-month values so each customer fits its stage with a margin."""
    rng = w.rng
    last12 = (ev["day"] > -365).to_numpy()
    prev12 = ((ev["day"] > -730) & (ev["day"] <= -365)).to_numpy()
    cust = ev["cust"].to_numpy()
    value = ev["value"].to_numpy().copy()
    r = np.bincount(cust[last12], value[last12], minlength=w.n)
    q = np.bincount(cust[prev12], value[prev12], minlength=w.n)
    ratio = np.divide(r, q, out=np.full(w.n, np.inf), where=q > 0)
    stage = plan["stage"].to_numpy()
    t_stab = rng.uniform(0.9, 1.12, w.n)
    t_decl = rng.uniform(0.3, 0.55, w.n)
    t_form = rng.uniform(1.8, 3.0, w.n)
    fix_last = np.zeros(w.n)
    fix_prev = np.zeros(w.n)
    for i in range(w.n):
        if q[i] <= 0 or r[i] <= 0:
            continue
        if stage[i] == 2 and not (0.86 <= ratio[i] <= 1.16):
            fix_last[i] = t_stab[i] / ratio[i]
        elif stage[i] == 3 and ratio[i] > 0.58:
            fix_last[i] = t_decl[i] / ratio[i]
        elif stage[i] == 1 and ratio[i] < 1.7:
            fix_prev[i] = ratio[i] / t_form[i]
    m = last12 & (fix_last[cust] > 0)
    value[m] *= fix_last[cust[m]]
    m = prev12 & (fix_prev[cust] > 0)
    value[m] *= fix_prev[cust[m]]
    ev = ev.assign(value=value)
    return ev.sort_values(["day", "cust"], kind="stable").reset_index(drop=True)


def _order_lines(w: _World, plan: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
    rng = w.rng
    n_ord = len(ev)
    value = ev["value"].to_numpy()
    cust = ev["cust"].to_numpy()
    lam = np.clip(0.9 * np.log10(np.maximum(value, 1) / 800.0), 0, 3.5)
    n_lines = 1 + np.minimum(rng.poisson(lam), 5)
    line_order = np.repeat(np.arange(n_ord), n_lines)
    starts = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
    line_no = np.arange(len(line_order)) - starts[line_order] + 1
    g = rng.gamma(2.0, 1.0, len(line_order))
    share = g / np.add.reduceat(g, starts)[line_order]
    lv = value[line_order] * share
    lc = cust[line_order]
    mix = np.cumsum(_MIX[plan["industry"].to_numpy()], axis=1)
    pl = _choice_rows(rng, mix[lc])
    # a line too small for the chosen product line's cheapest item buys seals, hoses, valves or parts
    cheap = np.array([3, 4, 1, 5])
    small = lv < 1.5 * _CATALOG[pl, 0]
    pl = np.where(small, cheap[_choice_rows(rng, np.tile(np.cumsum([0.35, 0.3, 0.2, 0.15]), (len(lc), 1)))], pl)
    disc = plan["base_disc"].to_numpy()[lc] + _DISCOUNT_OFFSET[pl] + rng.normal(0, 0.012, len(lc))
    disc = np.round(np.clip(disc, 0.0, 0.32), 2) + 0.0
    prices = _CATALOG[pl]
    max_idx = np.maximum((prices <= (lv / 4.0)[:, None]).sum(axis=1) - 1, 0)
    step = np.minimum(rng.geometric(0.55, len(lc)) - 1, max_idx)
    price = prices[np.arange(len(lc)), max_idx - step]
    qty = np.maximum(1, np.rint(lv / (price * (1 - disc)))).astype(np.int64)
    gross = qty * price
    net = np.round(gross * (1 - disc), 2) + 0.0
    cogs = np.round(gross * _COST_RATIO[pl] * np.exp(rng.normal(0, 0.025, len(lc))), 2) + 0.0
    ids = np.array([f"O{k:06d}" for k in range(1, n_ord + 1)])
    return pd.DataFrame(
        {
            "order_id": ids[line_order],
            "line_no": line_no,
            "cust": lc,
            "day": ev["day"].to_numpy()[line_order],
            "product_line": np.asarray(PRODUCT_LINES)[pl],
            "quantity": qty,
            "list_price": price,
            "discount": disc,
            "net_revenue": net,
            "cost_of_goods": cogs,
        }
    )


def _repair_margins(w: _World, plan: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Whole units can move a small customer's ratio; rescale quantities where a stage's margin is lost."""
    day = lines["day"].to_numpy()
    cust = lines["cust"].to_numpy()
    net = lines["net_revenue"].to_numpy()
    last12, prev12 = day > -365, (day > -730) & (day <= -365)
    r = np.bincount(cust[last12], net[last12], minlength=w.n)
    q = np.bincount(cust[prev12], net[prev12], minlength=w.n)
    ratio = np.divide(r, q, out=np.full(w.n, np.inf), where=q > 0)
    stage = plan["stage"].to_numpy()
    f_last = np.ones(w.n)
    f_prev = np.ones(w.n)
    ok = (q > 0) & (r > 0)
    bad = ok & (stage == 2) & ((ratio < 0.84) | (ratio > 1.2))
    f_last[bad] = 1.0 / ratio[bad]
    bad = ok & (stage == 3) & (ratio > 0.62)
    f_last[bad] = 0.45 / ratio[bad]
    bad = ok & (stage == 1) & (ratio < 1.6)
    f_prev[bad] = ratio[bad] / 2.0
    f = np.where(last12, f_last[cust], np.where(prev12, f_prev[cust], 1.0))
    if np.all(f == 1.0):
        return lines
    lines = lines.copy()
    qty = lines["quantity"].to_numpy()
    new_qty = np.where(f != 1.0, np.maximum(1, np.rint(qty * f)), qty).astype(np.int64)
    scale = new_qty / qty
    lines["quantity"] = new_qty
    gross = new_qty * lines["list_price"].to_numpy()
    lines["net_revenue"] = np.round(gross * (1 - lines["discount"].to_numpy()), 2) + 0.0
    lines["cost_of_goods"] = np.round(lines["cost_of_goods"].to_numpy() * scale, 2) + 0.0
    return lines


# --------------------------------------------------------------------------- staff


def _make_staff(w: _World, plan: pd.DataFrame) -> pd.DataFrame:
    """Positions per role; some holders leave and a successor is hired before they go."""
    rng, n, lo = w.rng, w.n, w.lo
    positions = [("sales", max(3, round(n / 22))), ("service", max(2, round(n / 35))),
                 ("technical", max(2, round(n / 45)))]
    rows = []  # role, position, hire, leave (offset or None), runaway
    for role, k in positions:
        for pos in range(k):
            hire = int(lo - _uint(rng, 60, 365 * 10)) if rng.random() < 0.85 else int(_uint(rng, lo, lo + 700))
            leave = None
            is_rh = role == "sales" and pos == 0 and bool(plan["runaway"].any())
            if is_rh:
                hire = lo - 365 * 9
                leave = int(plan.loc[plan["runaway"], "dstart"].iloc[0]) - 1
            elif rng.random() < 0.22:
                leave = int(_uint(rng, max(hire, lo) + 120, -60))
            rows.append([role, pos, hire, leave, is_rh, -1])
            if leave is not None and leave < 0:
                succ_hire = leave - int(_uint(rng, 20, 80))
                rows.append([role, pos, succ_hire, None, False, len(rows) - 1])
    staff = pd.DataFrame(rows, columns=["role", "position", "hire", "leave", "runaway", "predecessor"])
    order = np.lexsort((staff["position"].to_numpy(), staff["role"].map({"sales": 0, "service": 1, "technical": 2}).to_numpy(), staff["hire"].to_numpy()))
    staff = staff.iloc[order].reset_index().rename(columns={"index": "row"})
    remap = {int(r): k for k, r in enumerate(staff["row"])}
    staff["predecessor"] = [remap.get(int(p), -1) if p >= 0 else -1 for p in staff["predecessor"]]
    staff["staff_id"] = [f"S{k + 1:03d}" for k in range(len(staff))]
    names, names_zh = _person_names(rng, len(staff))
    rh = np.flatnonzero(staff["runaway"].to_numpy())
    if len(rh):  # the case's 陆经理: surname Lu
        given = rng.integers(0, len(_GIVEN))
        names[rh[0]] = f"Lu {_GIVEN[given][0]}"
        names_zh[rh[0]] = "陆" + _GIVEN[given][1]
    staff["name"], staff["name_zh"] = names, names_zh
    return staff


def _assign_managers(w: _World, plan: pd.DataFrame, staff: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Initial and current account manager (row numbers in staff) and the switch day."""
    rng, n = w.rng, w.n
    sales = staff[staff["role"] == "sales"]
    first_holders = sales[sales["predecessor"] < 0]
    succ = {int(p): int(k) for k, p in zip(sales.index, sales["predecessor"]) if p >= 0}
    holders = first_holders.index.to_numpy()
    big = np.argsort(-plan["potential"].to_numpy(), kind="stable")
    initial = np.empty(n, dtype=int)
    # the largest accounts go to the senior (earliest hired) salespeople, the rest at random
    senior = holders[np.argsort(first_holders["hire"].to_numpy(), kind="stable")]
    for j, i in enumerate(big[: len(senior) * 2]):
        initial[i] = senior[j % len(senior)]
    rest = big[len(senior) * 2:]
    initial[rest] = holders[rng.integers(0, len(holders), len(rest))]
    rh = np.flatnonzero(plan["runaway"].to_numpy())
    rh_staff = staff.index[staff["runaway"]].to_numpy()
    if len(rh) and len(rh_staff):
        initial[rh[0]] = rh_staff[0]
    current = initial.copy()
    switch = np.full(n, 1, dtype=np.int64)  # day the account moved to `current` (1 = never)
    leave = staff["leave"].to_numpy()
    runaway = plan["runaway"].to_numpy()
    for i in range(n):
        s = initial[i]
        while s in succ and not runaway[i]:  # nobody took over the runaway-horse account
            switch[i] = int(leave[s])
            s = succ[s]
        current[i] = s
    return initial, current, switch


# --------------------------------------------------------------------------- entry point


def _fmt_dates(w: _World, offsets) -> np.ndarray:
    """Day offsets as ``YYYY-MM-DD`` text; the int64 minimum marks a missing date."""
    offsets = np.asarray(offsets, dtype=np.int64)
    s = np.datetime_as_string(w.dates(np.where(offsets == np.iinfo(np.int64).min, 0, offsets)), unit="D")
    s = s.astype(object)
    s[offsets == np.iinfo(np.int64).min] = None
    return s


def _build(seed: int, n_customers: int, years: int) -> dict[str, pd.DataFrame]:
    """All tables as raw frames (dates as ``YYYY-MM-DD`` text), in schema column order."""
    w = _World(seed, n_customers, years)
    rng = w.rng
    plan = _plan_customers(w)
    staff = _make_staff(w, plan)
    initial, current, switch = _assign_managers(w, plan, staff)
    ev = _order_events(w, plan)
    lines = _repair_margins(w, plan, _order_lines(w, plan, ev))
    lines["year"] = w.year_of(lines["day"].to_numpy())
    n = w.n

    span = np.zeros((n, 2), dtype=np.int64)
    has = np.zeros(n, dtype=bool)
    agg = lines.groupby("cust")["day"].agg(["min", "max"])
    span[agg.index.to_numpy(), 0] = agg["min"].to_numpy()
    span[agg.index.to_numpy(), 1] = agg["max"].to_numpy()
    has[agg.index.to_numpy()] = True

    stage = plan["stage"].to_numpy()
    kind = plan["term_kind"].to_numpy()
    dyear = w.year_of(plan["dstart"].to_numpy())

    def unhappy_year(c: int, y: int) -> bool:
        if stage[c] == 3 or kind[c] == 0:
            return y >= dyear[c] - (1 if stage[c] == 3 else 0)
        if kind[c] == 3:
            return y >= dyear[c]
        return False

    sr = _service_requests(w, plan, lines, staff, unhappy_year)
    cts = _cost_to_serve(w, plan, lines, sr)
    opp = _opportunities(w, plan, staff, initial, current, switch, span)
    surveys = _surveys(w, plan, lines, unhappy_year)
    kano = _kano(w, plan, lines)
    prospects, method = _prospects(w, plan, lines)
    contacts, model = _contacts(w, plan, staff, current)
    firm_en, firm_zh = _company_names(rng, n, plan["industry"].to_numpy())

    cid = np.array([f"C{i + 1:04d}" for i in range(n)])
    # first_order_date: the true first order (may predate the window for long-standing customers)
    first_day = np.where(plan["first"].to_numpy() >= w.lo, span[:, 0], plan["first"].to_numpy())
    first_day = np.where(has | (plan["first"].to_numpy() < w.lo), first_day, plan["first"].to_numpy())
    staff_ids = staff["staff_id"].to_numpy()
    out: dict[str, pd.DataFrame] = {}
    out["customers"] = pd.DataFrame({
        "customer_id": cid, "name": firm_en, "name_zh": firm_zh,
        "industry": np.asarray(INDUSTRIES)[plan["industry"].to_numpy()],
        "region": np.asarray(REGIONS)[plan["region"].to_numpy()],
        "size_band": np.asarray(SIZE_BANDS)[plan["size_band"].to_numpy()],
        "first_order_date": _fmt_dates(w, first_day),
        "acquisition_method": np.asarray(PROSPECTING_METHODS)[method],
        "account_manager_id": staff_ids[current],
        "payment_terms_days": plan["terms"].to_numpy(),
    })
    leave = staff["leave"].to_numpy()
    out["staff"] = pd.DataFrame({
        "staff_id": staff_ids, "name": staff["name"], "name_zh": staff["name_zh"], "role": staff["role"],
        "hire_date": _fmt_dates(w, staff["hire"].to_numpy()),
        "leave_date": _fmt_dates(w, np.array([np.iinfo(np.int64).min if pd.isna(x) else int(x) for x in leave])),
    })
    out["contacts"] = pd.DataFrame({
        "contact_id": contacts["contact_id"], "customer_id": cid[contacts["cust"].to_numpy()],
        "name": contacts["name"], "name_zh": contacts["name_zh"], "role": contacts["role"],
        "decision_level": contacts["decision_level"], "staff_id": contacts["staff_id"], "phone": contacts["phone"],
    })
    out["opportunities"] = pd.DataFrame({
        "opportunity_id": opp["opportunity_id"], "customer_id": cid[opp["cust"].to_numpy()],
        "staff_id": opp["staff"], "created_date": _fmt_dates(w, opp["created"]), "stage": opp["stage"],
        "furthest_stage": opp["furthest_stage"], "amount": opp["amount"], "won": opp["won"],
        "close_date": _fmt_dates(w, opp["close"]),
    })
    out["orders"] = pd.DataFrame({
        "order_id": lines["order_id"], "line_no": lines["line_no"], "customer_id": cid[lines["cust"].to_numpy()],
        "order_date": _fmt_dates(w, lines["day"]), "product_line": lines["product_line"],
        "quantity": lines["quantity"], "list_price": lines["list_price"], "discount": lines["discount"],
        "net_revenue": lines["net_revenue"], "cost_of_goods": lines["cost_of_goods"],
    })
    out["cost_to_serve"] = pd.DataFrame({"customer_id": cid[cts["cust"].to_numpy()], **{
        c: cts[c] for c in ("year", "visits", "visit_cost", "logistics_cost", "support_cost", "special_terms_cost", "total_cost")}})
    out["service_requests"] = pd.DataFrame({
        "request_id": sr["request_id"], "customer_id": cid[sr["cust"].to_numpy()], "type": sr["type"],
        "severity": sr["severity"], "opened_date": _fmt_dates(w, sr["opened"]),
        "closed_date": _fmt_dates(w, sr["closed"]), "handoffs": sr["handoffs"],
        "owner_staff_id": sr["owner_staff_id"], "satisfaction_after": sr["satisfaction_after"],
    })
    sv = surveys.drop(columns=["cust"])
    sv.insert(0, "customer_id", cid[surveys["cust"].to_numpy()])
    out["surveys"] = sv
    out["kano_survey"] = pd.DataFrame({
        "respondent_id": kano["respondent_id"], "customer_id": cid[kano["cust"].to_numpy()],
        "feature": kano["feature"], "functional": kano["functional"], "dysfunctional": kano["dysfunctional"],
    })
    pc = prospects["cust"].to_numpy()
    out["prospects"] = pd.DataFrame({
        "prospect_id": prospects["prospect_id"], "method": prospects["method"],
        "contact_date": _fmt_dates(w, prospects["contact"]), "cost": prospects["cost"],
        "contacted": prospects["contacted"], "qualified": prospects["qualified"], "won": prospects["won"],
        "first_year_revenue": prospects["first_year_revenue"],
        "customer_id": np.where(pc >= 0, cid[np.maximum(pc, 0)], None),
    })

    # instructor answer tables
    stage_keys = np.asarray(STAGES)[stage]
    pattern = np.asarray(["trial", "growth", "steady", "declining", ""], dtype=object)[stage]
    tk = np.asarray(["early_exit", "early_abort", "mid_abort", "runaway_horse"], dtype=object)
    pattern[stage == 4] = tk[kind[stage == 4]]
    out["lifecycle_stages"] = pd.DataFrame({"customer_id": cid, "intended_stage": stage_keys, "pattern": pattern})
    rh = np.flatnonzero(plan["runaway"].to_numpy())
    rh_staff = staff.index[staff["runaway"]].to_numpy()
    out["runaway_horse"] = pd.DataFrame({
        "customer_id": cid[rh], "staff_id": staff_ids[rh_staff[: len(rh)]],
        "leave_date": _fmt_dates(w, leave[rh_staff[: len(rh)]].astype(np.int64)),
    })
    out["kano_intended"] = pd.DataFrame({"feature": list(KANO_FEATURES), "intended_category": list(KANO_FEATURES.values())})
    out["account_profiles"] = pd.DataFrame({
        "customer_id": cid, "annual_potential": np.round(plan["potential"].to_numpy(), 2),
        "base_discount": plan["base_disc"].to_numpy(), "special_terms": plan["loss"].to_numpy(),
        "loss_making_intended": plan["loss"].to_numpy(), "coverage_model": model,
    })
    return out


def generate(seed: int = DEFAULT_SEED, n_customers: int = 300, years: int = 5) -> dict[str, pd.DataFrame]:
    """Generate the fictional company's CRM records (生成模拟企业的客户关系管理数据).

    A B2B supplier of hydraulic and industrial components: customers, staff,
    contacts, opportunities, order lines, cost to serve, service requests,
    satisfaction and Kano surveys and prospects, ending on :data:`END_DATE`,
    plus the instructor answer tables (``lifecycle_stages``, ``runaway_horse``,
    ``kano_intended``, ``account_profiles``). With the defaults it returns
    exactly the tables of ``datasets/`` (what :func:`kamcourse.data.load`
    reads); another seed gives an equivalent variant with the same patterns
    (this kit's convention; the rules are in ``datasets/README.md``).

    Parameters
    ----------
    seed : int
        Seed of the one random generator (``numpy.random.default_rng``).
    n_customers : int
        Number of customers (the lessons' patterns are built for 100 or more).
    years : int
        Years of records, ending on :data:`END_DATE` (the lessons assume 5).

    Returns
    -------
    dict of str to pandas.DataFrame
        The ten student tables (keys of :func:`kamcourse.data.names`) and the
        four answer tables, with dates parsed as in :func:`kamcourse.data.load`.

    Raises
    ------
    TypeError
        If ``seed``, ``n_customers`` or ``years`` is not a whole number.
    ValueError
        If ``seed`` is negative or ``n_customers``/``years`` is below 1.

    Examples
    --------
    >>> tables = generate(seed=7, n_customers=60, years=3)
    >>> sorted(tables)[:3]
    ['account_profiles', 'contacts', 'cost_to_serve']
    >>> len(tables["customers"])
    60
    >>> tables["orders"]["order_date"].max() <= END_DATE
    True
    >>> generate(n_customers=0)
    Traceback (most recent call last):
    ...
    ValueError: n_customers must be at least 1, got 0
    """
    from .loaders import _frames_from_text, _texts_from_frames

    raw = _generate_raw(seed, n_customers, years)
    return _frames_from_text(_texts_from_frames(raw))


def _generate_raw(seed, n_customers, years) -> dict[str, pd.DataFrame]:
    seed = _check_seed(seed)
    n_customers = check_positive_int(n_customers, "n_customers")
    years = check_positive_int(years, "years")
    if years > 30:
        raise ValueError(f"years must be at most 30, got {years}")
    return _build(seed, n_customers, years)

"""Orders (订单): when each customer buys, how much, and the order lines with prices, discounts and costs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...vocabulary import PRODUCT_LINES
from .catalog import COST_RATIO, DISCOUNT_OFFSET, MONTH_FACTOR, PRICE_LIST, PRODUCT_MIX
from .world import World, choice_rows, uint

__all__ = ["order_events", "order_lines", "repair_margins"]


def _level_knots(w: World, p) -> tuple[np.ndarray, np.ndarray]:
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


def order_events(w: World, plan: pd.DataFrame) -> pd.DataFrame:
    """Each customer's orders as (customer, day, value), before they are split into lines (订单事件).

    Orders follow the customer's purchase level over time (rising, steady,
    falling or stopping as the plan says), with seasonality and noise; the
    last and previous 12 months are then rescaled so every customer fits the
    lifecycle rules of its stage with a margin (this kit's convention).

    Examples
    --------
    >>> from kamcourse.data.simulate.customers import plan_customers
    >>> w = World(seed=7, n=40, years=3)
    >>> ev = order_events(w, plan_customers(w))
    >>> list(ev.columns), bool(ev["day"].max() <= 0)
    (['cust', 'day', 'value'], True)
    """
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
                    d = np.append(d, uint(rng, -100, -5))
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
        season = MONTH_FACTOR[w.month_of(d)]
        v = S * lev * season / (f_year * keep_p) * np.exp(rng.normal(-0.06, 0.35, len(d)))
        if p.stage in (1, 2, 3) and (len(d) == 0 or d.max() < -90):  # still buying recently
            extra = uint(rng, -80, -5)
            d = np.append(d, extra)
            v = np.append(v, S * float(np.interp(extra, xs, ys)) / f_year)
        cust.append(np.full(len(d), i))
        day.append(d)
        value.append(v)
    ev = pd.DataFrame({"cust": np.concatenate(cust), "day": np.concatenate(day), "value": np.concatenate(value)})
    return _fit_stage_rules(w, plan, ev)


def _fit_stage_rules(w: World, plan: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
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


def order_lines(w: World, plan: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
    """Split each order into lines: product line, list price, quantity, discount, revenue, cost (订单明细).

    Examples
    --------
    >>> from kamcourse.data.simulate.customers import plan_customers
    >>> w = World(seed=7, n=40, years=3)
    >>> plan = plan_customers(w)
    >>> lines = order_lines(w, plan, order_events(w, plan))
    >>> bool((lines["net_revenue"] <= lines["quantity"] * lines["list_price"]).all())
    True
    """
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
    mix = np.cumsum(PRODUCT_MIX[plan["industry"].to_numpy()], axis=1)
    pl = choice_rows(rng, mix[lc])
    # a line too small for the chosen product line's cheapest item buys seals, hoses, valves or parts
    cheap = np.array([3, 4, 1, 5])
    small = lv < 1.5 * PRICE_LIST[pl, 0]
    pl = np.where(small, cheap[choice_rows(rng, np.tile(np.cumsum([0.35, 0.3, 0.2, 0.15]), (len(lc), 1)))], pl)
    disc = plan["base_disc"].to_numpy()[lc] + DISCOUNT_OFFSET[pl] + rng.normal(0, 0.012, len(lc))
    disc = np.round(np.clip(disc, 0.0, 0.32), 2) + 0.0
    prices = PRICE_LIST[pl]
    max_idx = np.maximum((prices <= (lv / 4.0)[:, None]).sum(axis=1) - 1, 0)
    step = np.minimum(rng.geometric(0.55, len(lc)) - 1, max_idx)
    price = prices[np.arange(len(lc)), max_idx - step]
    qty = np.maximum(1, np.rint(lv / (price * (1 - disc)))).astype(np.int64)
    gross = qty * price
    net = np.round(gross * (1 - disc), 2) + 0.0
    cogs = np.round(gross * COST_RATIO[pl] * np.exp(rng.normal(0, 0.025, len(lc))), 2) + 0.0
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


def repair_margins(w: World, plan: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Whole units can move a small customer's ratio; rescale quantities where a stage's margin is lost.

    Examples
    --------
    >>> from kamcourse.data.simulate.customers import plan_customers
    >>> w = World(seed=7, n=40, years=3)
    >>> plan = plan_customers(w)
    >>> lines = order_lines(w, plan, order_events(w, plan))
    >>> len(repair_margins(w, plan, lines)) == len(lines)
    True
    """
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

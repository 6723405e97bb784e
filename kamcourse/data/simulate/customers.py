"""The customer plan (客户规划): each customer's lifecycle stage, size, industry, terms and time line.

The plan decides what the tables will show: the lifecycle stage each customer
is built to be in at ``END_DATE``, its annual potential, the loss-making key
accounts, the runaway-horse account and the days its history starts, turns
and stops. Draws follow one fixed order on the world's random generator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...vocabulary import INDUSTRIES
from .catalog import INDUSTRY_SHARES, POTENTIAL_CAP, POTENTIAL_SIGMA, REGION_SHARES, STAGE_SHARES
from .world import World, choice_rows, counts, uint

__all__ = ["plan_customers"]


def plan_customers(w: World) -> pd.DataFrame:
    """One row per customer: the stage and story the simulation will give it (客户规划).

    Columns: ``stage`` (0-4 in :data:`kamcourse.vocabulary.STAGES` order),
    ``term_kind`` (how a terminated relationship ended: 0 early exit, 1 early
    abort, 2 mid abort, 3 the runaway horse; -1 otherwise), ``potential``
    (annual purchases at full level, yuan), ``industry``, ``region``,
    ``size_band`` (indices into the vocabulary), ``loss`` (a loss-making key
    account), ``base_disc``, ``terms`` (payment days), and the day offsets
    ``first`` (first order), ``last`` (last order allowed), ``dstart`` (decline
    starts), ``runaway``. The shares and rules are this kit's convention
    (``datasets/README.md``).

    Examples
    --------
    >>> plan = plan_customers(World(seed=7, n=60, years=5))
    >>> len(plan), int(plan["runaway"].sum()), sorted(plan["stage"].unique().tolist())
    (60, 1, [0, 1, 2, 3, 4])
    """
    stage, term_kind, potential, industry, region = _stages(w)
    loss, base_disc, terms, size_band = _terms(w, stage, potential)
    first, last, dstart = _time_plan(w, stage, term_kind)
    return pd.DataFrame(
        {
            "stage": stage, "term_kind": term_kind, "potential": potential, "industry": industry,
            "region": region, "size_band": size_band, "loss": loss, "base_disc": base_disc,
            "terms": terms, "first": first, "last": last, "dstart": dstart,
            "runaway": term_kind == 3,
        }
    )


def _stages(w: World) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stage, how a termination ends, potential, industry and region of each customer."""
    rng, n = w.rng, w.n
    per_stage = counts(STAGE_SHARES, n)
    if n >= 5 and per_stage[4] == 0:
        per_stage[4] += 1
        per_stage[int(np.argmax(per_stage))] -= 1
    stage = np.repeat(np.arange(5), per_stage)[rng.permutation(n)]

    potential = 15_000.0 + np.exp(rng.normal(np.log(90_000.0), POTENTIAL_SIGMA, n))
    potential = np.minimum(potential, POTENTIAL_CAP)
    industry = choice_rows(rng, np.tile(np.cumsum(INDUSTRY_SHARES), (n, 1)))
    region = choice_rows(rng, np.tile(np.cumsum(REGION_SHARES), (n, 1)))

    # sub-patterns of termination: 0 early_exit, 1 early_abort, 2 mid_abort, 3 runaway horse
    term_kind = np.full(n, -1)
    term_idx = np.flatnonzero(stage == 4)
    if len(term_idx):
        k = choice_rows(rng, np.tile(np.cumsum([0.5, 0.2, 0.3]), (len(term_idx), 1)))
        term_kind[term_idx] = k
        if n >= 20:
            rh = term_idx[0]
            term_kind[rh] = 3
            # the runaway horse is one of the three largest accounts
            third = np.argsort(-potential, kind="stable")[2]
            potential[[rh, third]] = potential[[third, rh]]
            potential[rh] = max(potential[rh], 4e6)
            industry[rh] = INDUSTRIES.index("packaging_machinery")

    return stage, term_kind, potential, industry, region


def _terms(w: World, stage: np.ndarray, potential: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The loss-making key accounts, base discounts, payment terms and size bands."""
    rng, n = w.rng, w.n
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

    terms = np.array([30, 60, 90, 180])[choice_rows(rng, np.tile(np.cumsum([0.42, 0.35, 0.19, 0.04]), (n, 1)))]
    terms[loss] = 180

    noisy = np.log(potential) + rng.normal(0, 0.6, n)
    order = np.argsort(-noisy, kind="stable")
    size_band = np.zeros(n, dtype=int)
    size_band[order[: int(round(0.2 * n))]] = 2
    size_band[order[int(round(0.2 * n)): int(round(0.6 * n))]] = 1

    return loss, base_disc, terms, size_band


def _time_plan(w: World, stage: np.ndarray, term_kind: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day offsets of each customer's first order, last allowed order and start of decline."""
    rng, n, lo = w.rng, w.n, w.lo
    # time plan (day offsets relative to END_DATE; 0 = END_DATE, lo = first day of the window)
    pre = lo - uint(rng, 30, 365 * 12, n)  # first order before the window
    first = pre.copy()
    last = np.zeros(n, dtype=np.int64)  # last order allowed
    dstart = np.zeros(n, dtype=np.int64)  # decline start
    u = rng.random(n)
    for i in range(n):
        s = stage[i]
        if s == 0:  # exploration
            first[i] = uint(rng, -250, -20)
        elif s == 1:  # formation
            first[i] = uint(rng, -880, -300)
        elif s == 2:  # stability
            if u[i] < 0.25 and lo < -1000:
                first[i] = uint(rng, lo, -1000)
        elif s == 3:  # decline
            if u[i] < 0.15 and lo < -1100:
                first[i] = uint(rng, lo, -1100)
            dstart[i] = uint(rng, -540, -330)
        else:
            kind = term_kind[i]
            if kind == 0:  # early exit: established customer drifts away and stops
                last[i] = uint(rng, lo + 150, -300)
                dstart[i] = last[i] - uint(rng, 120, 400)
            elif kind == 1:  # early abort: a few trial orders, then nothing
                first[i] = uint(rng, lo, -560) if lo < -560 else lo
                last[i] = first[i] + 240
            elif kind == 2:  # mid abort: grows for a while, then stops
                first[i] = uint(rng, lo, -700) if lo < -700 else lo
                last[i] = min(first[i] + uint(rng, 240, 540), -300)
            else:  # runaway horse
                leave = -min(549, int(0.6 * -lo))
                dstart[i] = leave
                last[i] = leave + 75
    return first, last, dstart

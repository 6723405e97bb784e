"""Contacts (联系人): the people at each customer, their roles, and who of ours holds each contact."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...vocabulary import CONTACT_ROLES, DECISION_LEVELS, STAFF_ROLES
from .naming import person_names
from .world import World, uint

__all__ = ["simulate_contacts"]


def simulate_contacts(
    w: World, plan: pd.DataFrame, staff: pd.DataFrame, current: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """Each customer's contact persons and which of our staff holds each; the account's coverage model (联系人).

    Key accounts mostly have a diamond (several of our people hold contacts),
    some still a bow tie; the runaway-horse account is a bow tie held by one
    salesperson (this kit's convention, ``datasets/README.md``).

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> company = simulate(7, 60, 5)
    >>> sorted(set(company.coverage_model.tolist()))
    ['bow_tie', 'diamond']
    """
    rng, n = w.rng, w.n
    potential = plan["potential"].to_numpy()
    rank = np.empty(n, dtype=int)
    rank[np.argsort(-potential, kind="stable")] = np.arange(n)
    employed = staff["leave"].isna().to_numpy()
    pool = {r: staff.index[(staff["role"] == r).to_numpy() & employed].to_numpy() for r in STAFF_ROLES}
    top = rank < max(1, int(round(0.15 * n)))
    mid = (rank >= max(1, int(round(0.15 * n)))) & (rank < int(round(0.35 * n)))
    k = np.where(top, uint(rng, 5, 10, n), np.where(mid, uint(rng, 3, 6, n), uint(rng, 1, 3, n)))
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
    names, names_zh = person_names(rng, len(c))
    c["name"], c["name_zh"] = names, names_zh
    c["contact_id"] = [f"P{j + 1:05d}" for j in range(len(c))]
    c["phone"] = [f"139-0000-{j + 1:04d}" for j in range(len(c))]
    c["staff_id"] = staff["staff_id"].to_numpy()[c["holder"].to_numpy()]
    model = np.where(diamond, "diamond", "bow_tie")
    return c, model

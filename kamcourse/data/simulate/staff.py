"""Staff and account ownership (员工与客户经理): who works for the company, who holds which account, who leaves."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalog import GIVEN_NAMES
from .naming import person_names
from .world import World, uint

__all__ = ["make_staff", "assign_managers"]


def make_staff(w: World, plan: pd.DataFrame) -> pd.DataFrame:
    """The company's staff (员工): positions per role; some holders leave and a successor is hired before they go.

    The salesperson who holds the runaway-horse account (surname Lu, the
    case's 陆经理) leaves when its decline starts.

    Examples
    --------
    >>> from kamcourse.data.simulate.customers import plan_customers
    >>> w = World(seed=7, n=60, years=5)
    >>> staff = make_staff(w, plan_customers(w))
    >>> sorted(staff["role"].unique().tolist()), bool(staff["runaway"].sum() == 1)
    (['sales', 'service', 'technical'], True)
    """
    rng, n, lo = w.rng, w.n, w.lo
    positions = [("sales", max(3, round(n / 22))), ("service", max(2, round(n / 35))),
                 ("technical", max(2, round(n / 45)))]
    rows = []  # role, position, hire, leave (offset or None), runaway
    for role, k in positions:
        for pos in range(k):
            hire = int(lo - uint(rng, 60, 365 * 10)) if rng.random() < 0.85 else int(uint(rng, lo, lo + 700))
            leave = None
            is_rh = role == "sales" and pos == 0 and bool(plan["runaway"].any())
            if is_rh:
                hire = lo - 365 * 9
                leave = int(plan.loc[plan["runaway"], "dstart"].iloc[0]) - 1
            elif rng.random() < 0.22:
                leave = int(uint(rng, max(hire, lo) + 120, -60))
            rows.append([role, pos, hire, leave, is_rh, -1])
            if leave is not None and leave < 0:
                succ_hire = leave - int(uint(rng, 20, 80))
                rows.append([role, pos, succ_hire, None, False, len(rows) - 1])
    staff = pd.DataFrame(rows, columns=["role", "position", "hire", "leave", "runaway", "predecessor"])
    order = np.lexsort((staff["position"].to_numpy(), staff["role"].map({"sales": 0, "service": 1, "technical": 2}).to_numpy(), staff["hire"].to_numpy()))
    staff = staff.iloc[order].reset_index().rename(columns={"index": "row"})
    remap = {int(r): k for k, r in enumerate(staff["row"])}
    staff["predecessor"] = [remap.get(int(p), -1) if p >= 0 else -1 for p in staff["predecessor"]]
    staff["staff_id"] = [f"S{k + 1:03d}" for k in range(len(staff))]
    names, names_zh = person_names(rng, len(staff))
    rh = np.flatnonzero(staff["runaway"].to_numpy())
    if len(rh):  # the case's 陆经理: surname Lu
        given = rng.integers(0, len(GIVEN_NAMES))
        names[rh[0]] = f"Lu {GIVEN_NAMES[given][0]}"
        names_zh[rh[0]] = "陆" + GIVEN_NAMES[given][1]
    staff["name"], staff["name_zh"] = names, names_zh
    return staff


def assign_managers(w: World, plan: pd.DataFrame, staff: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Initial and current account manager of each customer (row numbers in staff) and the switch day (客户经理).

    Examples
    --------
    >>> from kamcourse.data.simulate.customers import plan_customers
    >>> w = World(seed=7, n=60, years=5)
    >>> plan = plan_customers(w)
    >>> initial, current, switch = assign_managers(w, plan, make_staff(w, plan))
    >>> len(initial) == len(current) == 60
    True
    """
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

"""Extension ``retention_campaigns``: two campaigns to renew the annual maintenance agreement (客户保留活动).

Every active account holds an annual maintenance agreement (年度维保协议) that comes up for renewal in
the second half of the year. In July of the second-last year the account managers called the accounts
*they chose* (``assignment = "rep_choice"``); in July of the last year the company ran the same call as
a **randomised test**: within each lifecycle stage, half of the active accounts were drawn at random to
be called (treatment) and the other half were not (control). ``renewed`` says whether the account renewed.

Built in on purpose (answer table ``campaign_design``):

- the chance to renew without a call depends on the account's stage (stability 0.78, formation 0.70,
  exploration 0.55, decline 0.40, termination 0.20) and tier (A +0.05);
- a call adds a true uplift that is largest where the relationship is fading (decline +0.20,
  termination +0.10, exploration +0.08, formation +0.06, stability +0.03);
- the number of renewals in each stage and group is exactly its expected number (rounded), drawn among the
  accounts in proportion to their chances: a real test of this size would scatter around the built-in
  uplift by several points, this one lands on it;
- in the first campaign the managers mostly called their big, healthy accounts (A tier, not fading), who
  renew anyway: "the customers we called renewed more" is then mostly selection, not the call's effect.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import STAGES
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension
from .groundwork import revenue_tiers

__all__ = ["EXTENSION", "BASE_RENEWAL", "TRUE_UPLIFT", "build"]

#: Chance to renew without a call, by lifecycle stage (STAGES order).
BASE_RENEWAL: tuple[float, ...] = (0.55, 0.70, 0.78, 0.40, 0.20)
#: What a call adds to the chance to renew, by lifecycle stage (STAGES order).
TRUE_UPLIFT: tuple[float, ...] = (0.08, 0.06, 0.03, 0.20, 0.10)
_REP_CHOICE = {"A": 0.75, "B": 0.45, "C": 0.2}

CAMPAIGNS = Table(
    "retention_campaigns",
    (
        ("campaign_id", "str"), ("customer_id", "str"), ("assignment", "str"), ("treatment_group", "str"),
        ("call_date", "date"), ("renewed", "bool"),
    ),
    primary_key=("campaign_id", "customer_id"),
    foreign_keys=(("customer_id", "customers", "customer_id"),),
)
DESIGN = Table(
    "campaign_design",
    (("campaign_id", "str"), ("customer_id", "str"), ("base_probability", "num"), ("true_uplift", "num")),
    primary_key=("campaign_id", "customer_id"),
)


def _renewals(code: np.ndarray, treated: np.ndarray, p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Who renewed: in each stage and group exactly the expected number (rounded), drawn in proportion to the chances."""
    renewed = np.zeros(len(p), dtype=bool)
    for k in np.unique(code):
        for t in (True, False):
            pos = np.flatnonzero((code == k) & (treated == t))
            n = int(round(float(p[pos].sum())))
            if n:
                renewed[rng.choice(pos, n, replace=False, p=p[pos] / p[pos].sum())] = True
    return renewed


def _campaign(tables: Mapping[str, pd.DataFrame], year: int, randomised: bool, rng: np.random.Generator
              ) -> pd.DataFrame:
    """One campaign: the active accounts on 1 July, who was called, the chances and the outcome."""
    start = pd.Timestamp(year=year, month=7, day=1)
    orders = tables["orders"]
    recent = orders[(orders["order_date"] < start) & (orders["order_date"] >= start - pd.Timedelta(days=365))]
    ids = np.array(sorted(set(recent["customer_id"])), dtype=object)
    stage = tables["lifecycle_stages"].set_index("customer_id")["intended_stage"].reindex(ids).to_numpy()
    code = np.array([STAGES.index(s) for s in stage], dtype=np.int64)
    tier = revenue_tiers(orders).reindex(ids).fillna("C").to_numpy()
    base = np.asarray(BASE_RENEWAL)[code] + np.where(tier == "A", 0.05, 0.0)
    uplift = np.asarray(TRUE_UPLIFT)[code]
    if randomised:
        treated = np.zeros(len(ids), dtype=bool)
        for k in range(len(STAGES)):
            pos = np.flatnonzero(code == k)
            treated[rng.permutation(pos)[: (len(pos) + int(rng.integers(0, 2))) // 2]] = True
    else:
        fading = np.isin(stage, ["decline", "termination"])
        p = np.array([_REP_CHOICE[t] for t in tier]) * np.where(fading, 0.4, 1.0)
        treated = rng.random(len(ids)) < p
    renewed = _renewals(code, treated, base + np.where(treated, uplift, 0.0), rng)
    call = start + pd.to_timedelta(rng.integers(0, 31, len(ids)), "D")
    return pd.DataFrame({
        "campaign_id": f"RC{year}", "customer_id": ids, "assignment": "random" if randomised else "rep_choice",
        "treatment_group": np.where(treated, "treatment", "control"), "call_date": np.where(treated, call, pd.NaT),
        "renewed": renewed, "base_probability": np.round(base, 4), "true_uplift": uplift,
    })


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw both campaigns (``retention_campaigns``, ``campaign_design``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> sorted(set(t["retention_campaigns"]["assignment"]))
    ['random', 'rep_choice']
    """
    end = pd.Timestamp(END_DATE)
    both = pd.concat([_campaign(tables, end.year - 1, False, rng), _campaign(tables, end.year, True, rng)],
                     ignore_index=True)
    both["call_date"] = pd.to_datetime(both["call_date"])
    return {"retention_campaigns": both[CAMPAIGNS.column_names],
            "campaign_design": both[DESIGN.column_names]}


EXTENSION = Extension("retention_campaigns", (CAMPAIGNS,), (DESIGN,), build)

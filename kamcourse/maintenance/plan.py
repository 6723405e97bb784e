"""The contact plan (客户接触计划): which touch each account gets how often, by tier and stage, within capacity.

The company CRM rules (course materials) split relationship maintenance into 情感维护 (greetings,
visits), 信息维护 (learning the customer's needs) and 服务维护 (service quality), and ask for 客户关怀
"针对不同客户级别" and 定期回访. This module turns that into numbers: touches per year by A/B/C tier,
adjusted by lifecycle stage, and cut to what the account team has time for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import by_customer, check_keys, check_number, require_columns
from ..vocabulary import STAGES, TOUCH_KINDS

__all__ = ["TIERS", "DEFAULT_PLAN", "STAGE_ADJUSTMENT", "TOUCH_HOURS", "contact_plan", "plan_hours", "fit_to_capacity"]

#: The customer tiers (客户分级 A/B/C; course materials), most important first.
TIERS: tuple[str, ...] = ("A", "B", "C")

#: Touches per year by tier (this kit's convention, from the materials' 定期回访 and 客户关怀 by customer level).
DEFAULT_PLAN = pd.DataFrame(
    [[6, 12, 3, 2], [3, 6, 2, 1], [1, 4, 2, 0]], index=pd.Index(TIERS, name="tier"), columns=list(TOUCH_KINDS),
    dtype=float,
)

#: How the lifecycle stage changes the plan (this kit's convention): ``keep`` multiplies the tier's touches,
#: the other columns add touches. A new customer gets more visits and calls, a declining one a review
#: meeting to find out why, a lost one only a win-back call and a greeting.
STAGE_ADJUSTMENT = pd.DataFrame(
    {
        "keep": [1.0, 1.0, 1.0, 1.0, 0.0],
        "visit": [1.0, 1.0, 0.0, 1.0, 0.0],
        "call": [2.0, 0.0, 0.0, 2.0, 1.0],
        "greeting": [0.0, 0.0, 0.0, 0.0, 1.0],
        "review_meeting": [0.0, 0.0, 0.0, 1.0, 0.0],
    },
    index=pd.Index(STAGES, name="stage"),
)

#: Hours of the account team one touch takes, travel and preparation included (this kit's convention).
TOUCH_HOURS = pd.Series({"visit": 8.0, "call": 0.5, "greeting": 0.25, "review_meeting": 12.0}, name="hours")


def _checked_plan(plan: pd.DataFrame, name: str = "plan") -> pd.DataFrame:
    require_columns(plan, TOUCH_KINDS, name)
    values = plan[list(TOUCH_KINDS)].apply(pd.to_numeric, errors="coerce")
    if values.isna().any().any() or (values < 0).any().any():
        raise ValueError(f"{name} must hold numbers >= 0 of touches per year for {', '.join(TOUCH_KINDS)}")
    return values.astype(float)


def contact_plan(
    tiers: pd.Series, stages: pd.Series, plan: pd.DataFrame | None = None, adjustment: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Touches per year for each account: its tier's row, changed by its lifecycle stage (客户接触计划).

    ``touches = plan[tier] × keep[stage] + extra[stage]`` for each touch (visit, call, greeting,
    review meeting). Source: the three kinds of maintenance and 客户关怀 by customer level (company CRM
    rules, course materials); the numbers are this kit's convention (:data:`DEFAULT_PLAN`,
    :data:`STAGE_ADJUSTMENT`).

    Parameters
    ----------
    tiers : Series
        ``"A"``/``"B"``/``"C"`` per customer (e.g. :func:`kamcourse.accounts.abc_classes`).
    stages : Series
        Lifecycle stage per customer (:func:`kamcourse.lifecycle.classify_stages`), same customers.
    plan : DataFrame, optional
        Touches per year, one row per tier, one column per touch; default :data:`DEFAULT_PLAN`.
    adjustment : DataFrame, optional
        One row per stage: ``keep`` and the extra touches; default :data:`STAGE_ADJUSTMENT`.

    Returns
    -------
    DataFrame
        One row per customer: ``tier``, ``stage`` and the planned touches per year.

    Raises
    ------
    TypeError
        If ``tiers`` or ``stages`` is not a Series.
    ValueError
        For an unknown tier or stage, a customer without a stage, or a plan with a missing or negative number.

    Examples
    --------
    >>> tiers = pd.Series({"c1": "A", "c2": "C", "c3": "B"})
    >>> stages = pd.Series({"c1": "stability", "c2": "termination", "c3": "decline"})
    >>> contact_plan(tiers, stages)
       tier        stage  visit  call  greeting  review_meeting
    c1    A    stability    6.0  12.0       3.0             2.0
    c2    C  termination    0.0   1.0       1.0             0.0
    c3    B      decline    4.0   8.0       2.0             2.0
    >>> contact_plan(pd.Series({"c1": "D"}), pd.Series({"c1": "stability"}))
    Traceback (most recent call last):
    ...
    ValueError: tiers holds unknown tier 'D'; valid: A, B, C
    """
    by_customer(tiers, "tiers"), by_customer(stages, "stages")
    plan = _checked_plan(DEFAULT_PLAN if plan is None else plan)
    adjustment = STAGE_ADJUSTMENT if adjustment is None else adjustment
    require_columns(adjustment, ["keep", *TOUCH_KINDS], "adjustment")
    tier = check_keys(tiers, "tiers", plan.index, "tier")
    missing = tier.index.difference(stages.index)
    if len(missing):
        raise ValueError(f"stages has no stage for customer {missing[0]!r}")
    stage = check_keys(stages.loc[tier.index], "stages", adjustment.index, "stage")
    base = plan.loc[tier.to_numpy()].to_numpy()
    adj = adjustment.loc[stage.to_numpy()]
    touches = base * adj[["keep"]].to_numpy() + adj[list(TOUCH_KINDS)].to_numpy()
    out = pd.DataFrame(touches, index=tier.index, columns=list(TOUCH_KINDS))
    out.insert(0, "stage", stage)
    out.insert(0, "tier", tier)
    return out


def plan_hours(plan: pd.DataFrame, hours: pd.Series | None = None) -> pd.Series:
    """Hours of the account team each account's touches take in a year (接触工作量).

    ``hours = Σ touches_k × hours_k`` over the touches k. Source: this kit's convention
    (:data:`TOUCH_HOURS`).

    Parameters
    ----------
    plan : DataFrame
        Touches per customer, one column per touch (:func:`contact_plan`, or counts of the history).
    hours : Series, optional
        Hours per touch; default :data:`TOUCH_HOURS`.

    Returns
    -------
    Series
        Hours per customer, name ``hours``.

    Raises
    ------
    ValueError
        If a touch column is missing or holds a negative number.

    Examples
    --------
    >>> plan = pd.DataFrame({"visit": [6.0], "call": [12.0], "greeting": [3.0], "review_meeting": [2.0]}, index=["c1"])
    >>> plan_hours(plan).tolist()
    [78.75]
    """
    values = _checked_plan(plan)
    hours = TOUCH_HOURS if hours is None else hours
    per = pd.Series([check_number(hours[k], f"hours[{k!r}]") for k in TOUCH_KINDS], index=list(TOUCH_KINDS))
    return (values * per).sum(axis=1).rename("hours")


def fit_to_capacity(
    plan: pd.DataFrame, capacity_hours: float, hours: pd.Series | None = None, order: tuple[str, ...] = TIERS,
    personal: tuple[str, ...] = ("visit", "review_meeting"),
) -> pd.DataFrame:
    """Cut a contact plan to the hours the account team has: remote touches for all, visits by tier.

    Calls and greetings cost little and are kept for every account (when even they do not fit, every
    touch is scaled down alike). The hours left go to the ``personal`` touches (visits and review
    meetings) tier by tier in ``order``: a tier that fits keeps them whole; the first tier that does
    not fit gets them scaled by ``hours left / hours needed`` (rounded down to whole touches a year);
    the tiers after it get none. Source: this kit's convention, after the materials' "客户天生不平等"
    (a supplier does not spread its effort evenly over its customers).

    Parameters
    ----------
    plan : DataFrame
        :func:`contact_plan` (column ``tier`` and one column per touch).
    capacity_hours : float
        The account team's hours a year for these touches, >= 0.
    hours : Series, optional
        Hours per touch; default :data:`TOUCH_HOURS`.
    order : tuple of str
        Tiers, most important first.
    personal : tuple of str
        The touches that compete for the hours left.

    Returns
    -------
    DataFrame
        The plan within capacity, same shape, plus ``hours`` and ``share_kept`` (kept ÷ planned hours).

    Raises
    ------
    ValueError
        If ``capacity_hours`` is negative, the plan has a tier missing from ``order`` or ``personal``
        names an unknown touch.

    Examples
    --------
    >>> plan = pd.DataFrame({"tier": ["A", "C"], "visit": [6.0, 1.0], "call": [12.0, 4.0],
    ...                      "greeting": [3.0, 2.0], "review_meeting": [2.0, 0.0]}, index=["c1", "c2"])
    >>> fit_to_capacity(plan, 85)[["visit", "call", "greeting", "hours", "share_kept"]]
        visit  call  greeting  hours  share_kept
    c1    6.0  12.0       3.0  78.75      1.0000
    c2    0.0   4.0       2.0   2.50      0.2381
    """
    capacity = check_number(capacity_hours, "capacity_hours", low=0)
    require_columns(plan, ["tier"], "plan")
    tier = check_keys(plan["tier"], "plan['tier']", order, "tier")
    personal = list(check_keys(list(personal), "personal", TOUCH_KINDS, "touch"))
    remote = [k for k in TOUCH_KINDS if k not in personal]
    need = plan_hours(plan, hours)
    out = plan.copy()
    only_remote = plan.copy()
    only_remote[personal] = 0.0
    base = float(plan_hours(only_remote, hours).sum())
    if base > capacity:
        out[[*remote, *personal]] = np.floor(plan[[*remote, *personal]].to_numpy() * capacity / need.sum())
        out[personal] = 0.0
    left = max(0.0, capacity - base)
    for t in order:
        rows = tier.index[tier == t]
        block = plan.loc[rows].copy()
        block[remote] = 0.0
        wanted = float(plan_hours(block, hours).sum())
        factor = 1.0 if wanted <= left else (left / wanted if wanted > 0 else 0.0)
        out.loc[rows, personal] = np.floor(plan.loc[rows, personal].to_numpy() * factor + 1e-9)
        kept = out.loc[rows].copy()
        kept[remote] = 0.0
        left = max(0.0, left - float(plan_hours(kept, hours).sum()))
    out["hours"] = plan_hours(out, hours)
    out["share_kept"] = (out["hours"] / need.replace(0.0, np.nan)).fillna(1.0).round(4)
    return out

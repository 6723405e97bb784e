"""Funnel economics of prospecting (客户开发漏斗): a budget -> contacts -> leads -> customers, and the same measured per method."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..validation import (
    as_flags,
    as_numeric_series,
    check_fraction,
    check_no_nan,
    check_not_empty,
    check_number,
    require_columns,
)

__all__ = ["FUNNEL_STAGES", "prospecting_funnel", "method_comparison"]

#: Funnel stages of a prospecting campaign, in order.
FUNNEL_STAGES: tuple[str, ...] = ("contacts", "leads", "customers")

_PLAN_FIELDS = ("budget", "cost_per_contact", "qualification_rate", "win_rate", "revenue_per_customer", "margin")


def _plan_frame(values: dict[str, Any]) -> pd.DataFrame:
    """Broadcast scalars and per-method Series/dicts into one table."""
    series = {k: (pd.Series(v) if isinstance(v, Mapping) else v) for k, v in values.items()}
    keyed = {k: v for k, v in series.items() if isinstance(v, pd.Series)}
    if not keyed:
        return pd.DataFrame({k: [v] for k, v in series.items()}, index=pd.Index(["plan"], name="method"))
    first_name, first = next(iter(keyed.items()))
    index = first.index
    for name, s in keyed.items():
        missing = [k for k in index if k not in s.index]
        extra = [k for k in s.index if k not in index]
        if missing or extra or len(s) != len(index):
            raise ValueError(
                f"{name} and {first_name} must cover the same methods; "
                f"{name} lacks {missing} and has extra {extra}"
            )
    frame = pd.DataFrame({k: (v.reindex(index) if isinstance(v, pd.Series) else v) for k, v in series.items()}, index=index)
    frame.index.name = index.name or "method"
    return frame


def _checked_plan(plan: pd.DataFrame | dict[str, Any], margin: Any) -> dict[str, pd.Series]:
    """Each funnel parameter as a checked Series over the methods (``"plan"`` for one set of numbers)."""
    if isinstance(plan, pd.DataFrame):
        require_columns(plan, [f for f in _PLAN_FIELDS if f != "margin"], "budget")
        check_not_empty(plan, "budget", "method (the plan table's rows)")
        plan = plan[[f for f in _PLAN_FIELDS if f in plan.columns]].copy()
        if "margin" not in plan.columns:
            plan["margin"] = margin
    else:
        for name, value in plan.items():
            if value is None:
                raise ValueError(f"{name} is required (a number, or one per method)")
        plan = _plan_frame(plan)
    checked = {}
    for name in _PLAN_FIELDS:
        s = as_numeric_series(plan[name], name)
        for label, v in s.items():
            where = f"{name}[{label!r}]" if len(s) > 1 or label != "plan" else name
            if name in ("budget", "cost_per_contact"):
                check_number(v, where, low=0, low_open=True)
            elif name == "revenue_per_customer":
                check_number(v, where, low=0)
            else:
                check_fraction(v, where)
        checked[name] = s
    return checked


def prospecting_funnel(
    budget: Any,
    cost_per_contact: Any = None,
    qualification_rate: Any = None,
    win_rate: Any = None,
    revenue_per_customer: Any = None,
    margin: Any = 1.0,
) -> pd.DataFrame:
    """Funnel economics of a prospecting budget (客户开发漏斗与投资回报).

    A budget buys contacts; some contacts qualify as leads; some leads are
    won as customers; each customer brings first-year revenue, of which the
    gross margin is profit::

        contacts  = budget / cost_per_contact
        leads     = contacts x qualification_rate
        customers = leads x win_rate
        cost_per_customer = budget / customers
        first_year_profit = customers x revenue_per_customer x margin
        roi = (first_year_profit - budget) / budget

    The counts are expected values (fractions allowed). The formulas are the
    standard funnel arithmetic; first-year ROI ignores later years, so it
    understates methods that bring loyal customers (this kit's convention).

    Parameters
    ----------
    budget : float, Series/dict per method, or DataFrame
        Money to spend (> 0). A DataFrame gives every parameter as a column
        (``budget``, ``cost_per_contact``, ``qualification_rate``,
        ``win_rate``, ``revenue_per_customer``, optional ``margin``), one row
        per method.
    cost_per_contact : float or Series/dict per method
        Cost of one contact (> 0).
    qualification_rate, win_rate : float or Series/dict per method
        Share of contacts that become qualified leads, share of leads won; [0, 1].
    revenue_per_customer : float or Series/dict per method
        First-year revenue of a won customer (>= 0).
    margin : float or Series/dict per method, default 1.0
        Gross margin on that revenue, [0, 1]; 1.0 gives a revenue ROI.

    Returns
    -------
    pandas.DataFrame
        One row per method (``"plan"`` when every parameter is a number):
        budget, contacts, leads, customers, cost_per_contact, cost_per_lead,
        cost_per_customer (inf when no customer is won), first_year_revenue,
        first_year_profit, roi.

    Raises
    ------
    TypeError
        If a parameter is not a number.
    ValueError
        If a parameter is missing, out of range, NaN, or the per-method
        parameters do not cover the same methods.

    Examples
    --------
    >>> f = prospecting_funnel(budget=50_000, cost_per_contact=250, qualification_rate=0.3,
    ...                        win_rate=0.25, revenue_per_customer=40_000, margin=0.3)
    >>> f.loc["plan", ["contacts", "leads", "customers", "cost_per_customer", "roi"]].round(2).tolist()
    [200.0, 60.0, 15.0, 3333.33, 2.6]
    >>> prospecting_funnel(budget={"referral_chain": 10_000, "trade_shows": 10_000},
    ...                    cost_per_contact={"referral_chain": 100, "trade_shows": 400},
    ...                    qualification_rate=0.5, win_rate=0.2, revenue_per_customer=20_000)["customers"]
    method
    referral_chain    10.0
    trade_shows        2.5
    Name: customers, dtype: float64
    """
    given = (budget, cost_per_contact, qualification_rate, win_rate, revenue_per_customer, margin)
    checked = _checked_plan(budget if isinstance(budget, pd.DataFrame) else dict(zip(_PLAN_FIELDS, given)), margin)
    b = checked["budget"]
    out = pd.DataFrame(index=b.index)
    out["budget"] = b
    out["contacts"] = b / checked["cost_per_contact"]
    out["leads"] = out["contacts"] * checked["qualification_rate"]
    out["customers"] = out["leads"] * checked["win_rate"]
    out["cost_per_contact"] = checked["cost_per_contact"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cost_per_lead"] = np.where(out["leads"] > 0, b / out["leads"].where(out["leads"] > 0, 1), np.inf)
        out["cost_per_customer"] = np.where(
            out["customers"] > 0, b / out["customers"].where(out["customers"] > 0, 1), np.inf
        )
    out["first_year_revenue"] = out["customers"] * checked["revenue_per_customer"]
    out["first_year_profit"] = out["first_year_revenue"] * checked["margin"]
    out["roi"] = (out["first_year_profit"] - b) / b
    return out


def method_comparison(
    prospects: pd.DataFrame,
    margin: float = 1.0,
    method_col: str = "method",
) -> pd.DataFrame:
    """Compare prospecting methods on a prospects table (寻找客户方法的比较).

    For each method: how many prospects were found, contacted, qualified and
    won, what it cost, and what the won customers bought in their first year::

        cost_per_contact   = cost / contacts
        qualification_rate = leads / contacts
        win_rate           = customers / leads
        conversion         = customers / contacts
        cost_per_customer  = cost / customers
        roi = (first_year_revenue x margin - cost) / cost

    The columns ``cost_per_contact``, ``qualification_rate``, ``win_rate`` and
    ``revenue_per_customer`` plug straight into :func:`prospecting_funnel` to
    ask "what would another budget buy?".

    Parameters
    ----------
    prospects : pandas.DataFrame
        One row per prospect with columns ``method``, ``cost``, ``contacted``,
        ``qualified``, ``won`` (booleans or 0/1) and ``first_year_revenue``.
    margin : float, default 1.0
        Gross margin in [0, 1] applied to first-year revenue for the ROI.
    method_col : str, default "method"
        The method column.

    Returns
    -------
    pandas.DataFrame
        Index ``method``; columns prospects, contacts, leads, customers, cost,
        cost_per_contact, qualification_rate, win_rate, conversion,
        cost_per_customer, first_year_revenue, revenue_per_customer, roi.
        Ratios with a zero denominator are NaN (cost_per_customer inf).

    Raises
    ------
    ValueError
        If a column is missing (named, with those present), the table is
        empty, holds NaN, or a won prospect was not qualified/contacted.

    Examples
    --------
    >>> p = pd.DataFrame({
    ...     "method": ["referral_chain"] * 3 + ["door_to_door"] * 3,
    ...     "cost": [100, 100, 100, 300, 300, 300],
    ...     "contacted": [1, 1, 1, 1, 1, 0],
    ...     "qualified": [1, 1, 0, 1, 0, 0],
    ...     "won": [1, 0, 0, 0, 0, 0],
    ...     "first_year_revenue": [5000, 0, 0, 0, 0, 0],
    ... })
    >>> method_comparison(p)[["contacts", "leads", "customers", "cost_per_customer"]]
                    contacts  leads  customers  cost_per_customer
    method
    referral_chain         3      2          1              300.0
    door_to_door           2      1          0                inf
    """
    cols = [method_col, "cost", "contacted", "qualified", "won", "first_year_revenue"]
    require_columns(prospects, cols, "prospects")
    check_not_empty(prospects, "prospects", "prospect")
    m = check_fraction(margin, "margin")
    check_no_nan(prospects[method_col], f"prospects[{method_col!r}]")
    frame = _prospect_counts(prospects)
    g = frame.groupby(prospects[method_col].rename("method"), sort=False).sum()
    return _method_rates(g, m)


def _prospect_counts(prospects: pd.DataFrame) -> pd.DataFrame:
    """One row per prospect: 1 prospect, 0/1 contact, lead and customer, cost and first-year revenue."""
    flags = {col: as_flags(prospects[col], f"prospects[{col!r}]") for col in ("contacted", "qualified", "won")}
    if ((flags["qualified"] > flags["contacted"]) | (flags["won"] > flags["qualified"])).any():
        raise ValueError("prospects has a won or qualified prospect that was not contacted/qualified first")
    cost = as_numeric_series(prospects["cost"], "prospects['cost']", allow_negative=False)
    revenue = as_numeric_series(prospects["first_year_revenue"], "prospects['first_year_revenue']",
                                allow_negative=False)
    return pd.DataFrame(
        {"prospects": 1, "contacts": flags["contacted"], "leads": flags["qualified"], "customers": flags["won"],
         "cost": cost, "first_year_revenue": revenue},
        index=prospects.index,
    )


def _method_rates(g: pd.DataFrame, margin: float) -> pd.DataFrame:
    """The ratios of :func:`method_comparison` from the per-method totals (NaN, or inf, where nothing divides)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        g["cost_per_contact"] = g["cost"] / g["contacts"].replace(0, np.nan)
        g["qualification_rate"] = g["leads"] / g["contacts"].replace(0, np.nan)
        g["win_rate"] = g["customers"] / g["leads"].replace(0, np.nan)
        g["conversion"] = g["customers"] / g["contacts"].replace(0, np.nan)
        g["cost_per_customer"] = np.where(g["customers"] > 0, g["cost"] / g["customers"].clip(lower=1), np.inf)
        g["revenue_per_customer"] = g["first_year_revenue"] / g["customers"].replace(0, np.nan)
        g["roi"] = (g["first_year_revenue"] * margin - g["cost"]) / g["cost"].replace(0, np.nan)
    order = [
        "prospects", "contacts", "leads", "customers", "cost", "cost_per_contact", "qualification_rate",
        "win_rate", "conversion", "cost_per_customer", "first_year_revenue", "revenue_per_customer", "roi",
    ]
    return g[order]

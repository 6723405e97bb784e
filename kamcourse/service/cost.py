"""Differentiated service and what it costs (差异化服务与服务成本): cost to serve by customer tier.

The company CRM rules ask for "针对不同类型的客户，提供差异化的服务策略" (course materials): the A-tier
accounts get faster responses, more visits and dedicated engineers. Whether that pays shows when the cost
of serving each tier is set beside what the tier brings.
"""

from __future__ import annotations

import pandas as pd

from ..validation import as_numeric_series, check_no_nan, require_columns

__all__ = ["cost_to_serve_by_tier"]

_COSTS = ["visit_cost", "logistics_cost", "support_cost", "special_terms_cost", "total_cost"]


def cost_to_serve_by_tier(costs: pd.DataFrame, revenue: pd.Series, gross_profit: pd.Series,
                          tiers: pd.Series) -> pd.DataFrame:
    """Revenue, gross profit, cost to serve and net profit of each tier (分级服务成本).

    ``cost_share = total cost to serve ÷ revenue``; ``net_profit = gross profit − total cost to serve``;
    per-customer columns divide by the tier's customers. Source: activity-based cost to serve (Kaplan &
    Cooper 1998, *Cost & Effect*, Harvard Business School Press), the kit's ``cost_to_serve`` table.

    Parameters
    ----------
    costs : DataFrame
        One row per customer (for one year): ``customer_id`` and the cost columns of ``cost_to_serve``
        (``visit_cost``, ``logistics_cost``, ``support_cost``, ``special_terms_cost``, ``total_cost``).
    revenue, gross_profit : Series
        Net revenue and gross profit per customer over the same period.
    tiers : Series
        Tier per customer (``"A"``, ``"B"``, ``"C"``).

    Returns
    -------
    DataFrame
        One row per tier: ``customers``, ``revenue``, ``gross_profit``, the five costs,
        ``cost_to_serve_per_customer``,
        ``support_per_customer``, ``cost_share``, ``net_profit``.

    Raises
    ------
    ValueError
        If a column is missing, a customer has no tier, or a value is not a number.

    Examples
    --------
    >>> costs = pd.DataFrame({"customer_id": ["a", "b"], "visit_cost": [50.0, 5.0], "logistics_cost": [20.0, 5.0],
    ...                       "support_cost": [30.0, 0.0], "special_terms_cost": [0.0, 0.0],
    ...                       "total_cost": [100.0, 10.0]})
    >>> t = cost_to_serve_by_tier(costs, pd.Series({"a": 1000.0, "b": 50.0}), pd.Series({"a": 280.0, "b": 14.0}),
    ...                           pd.Series({"a": "A", "b": "C"}))
    >>> t[["customers", "cost_to_serve_per_customer", "cost_share", "net_profit"]]
       customers  cost_to_serve_per_customer  cost_share  net_profit
    A          1              100.0         0.1       180.0
    C          1               10.0         0.2         4.0
    """
    require_columns(costs, ["customer_id", *_COSTS], "costs")
    per = costs.groupby("customer_id")[_COSTS].sum()
    rev = as_numeric_series(revenue, "revenue")
    gp = as_numeric_series(gross_profit, "gross_profit")
    ids = per.index.union(rev.index)
    tier = check_no_nan(pd.Series(tiers).reindex(ids), "tiers")
    frame = per.reindex(ids, fill_value=0.0).assign(revenue=rev.reindex(ids, fill_value=0.0),
                                                   gross_profit=gp.reindex(ids, fill_value=0.0))
    out = frame.groupby(tier.to_numpy()).sum()
    out.insert(0, "customers", tier.value_counts().reindex(out.index).astype(int))
    out["cost_to_serve_per_customer"] = out["total_cost"] / out["customers"]
    out["support_per_customer"] = out["support_cost"] / out["customers"]
    out["cost_share"] = out["total_cost"] / out["revenue"]
    out["net_profit"] = out["gross_profit"] - out["total_cost"]
    return out[["customers", "revenue", "gross_profit", *_COSTS, "cost_to_serve_per_customer", "support_per_customer",
                "cost_share", "net_profit"]].round(4)

"""Marketing- or selling-oriented development (营销导向/推销导向), and what the customers each route brought are worth."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, as_dates, as_numeric_series, check_choice, check_keys, require_columns
from ..vocabulary import PROSPECTING_METHOD_KEYS

__all__ = ["ORIENTATION", "development_orientation", "acquisition_value"]

#: Development orientation of each prospecting method (this kit's convention):
#: advertising and trade shows put the offer in front of buyers who then come
#: forward (营销导向, "pull" by promotion); the other methods have the
#: salesperson find and persuade prospects (推销导向, "push").
_MARKETING_ORIENTED = ("advertising", "trade_shows")
ORIENTATION: dict[str, str] = {
    m: "marketing_oriented" if m in _MARKETING_ORIENTED else "selling_oriented" for m in PROSPECTING_METHOD_KEYS
}


def development_orientation(methods: Any) -> Any:
    """Marketing- or selling-oriented development for each acquisition method (营销导向/推销导向).

    The course materials distinguish *marketing-oriented* development (attractive
    product, price, channel and promotion draw customers in) from
    *selling-oriented* development (the salesperson finds and persuades them).
    Which prospecting method belongs where is this kit's convention
    (:data:`ORIENTATION`): advertising and trade shows count as
    marketing-oriented, the eight search-and-persuade methods as selling-oriented.

    Parameters
    ----------
    methods : str or list/Series of str
        Keys of :data:`PROSPECTING_METHODS`.

    Returns
    -------
    str or pandas.Series
        ``"marketing_oriented"`` or ``"selling_oriented"``.

    Raises
    ------
    ValueError
        If a method is unknown (the message lists the known ones) or missing.

    Examples
    --------
    >>> development_orientation("advertising")
    'marketing_oriented'
    >>> development_orientation(["referral_chain", "trade_shows"]).tolist()
    ['selling_oriented', 'marketing_oriented']
    """
    if isinstance(methods, str):
        return ORIENTATION[check_choice(methods, "methods", ORIENTATION)]
    s = methods if isinstance(methods, pd.Series) else pd.Series(list(methods))
    check_keys(s, "methods", ORIENTATION, "method")
    return s.map(ORIENTATION).astype(object).rename("orientation")


def acquisition_value(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    as_of: Any = None,
    by: str = "acquisition_method",
) -> pd.DataFrame:
    """What the customers each development route brought are worth today (客户开发方式与客户价值).

    Per acquisition method (or ``by="orientation"``): how many customers it
    brought, how many still buy (an order in the 365 days up to ``as_of``),
    and their revenue in those 365 days::

        active_share = active customers / customers
        revenue_12m_per_customer = last-12-month revenue / customers

    Parameters
    ----------
    customers : pandas.DataFrame
        Columns ``customer_id`` and ``acquisition_method``.
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    as_of : date-like, optional
        End of the 12-month window; default the last order date.
    by : {"acquisition_method", "orientation"}
        Group by method, or by :func:`development_orientation`.

    Returns
    -------
    pandas.DataFrame
        Columns customers, active_customers, active_share, revenue_12m,
        revenue_12m_per_customer, revenue_12m_per_active_customer,
        orientation (for methods).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN, a method is unknown or
        ``by`` is not one of the two choices.

    Examples
    --------
    >>> customers = pd.DataFrame({"customer_id": ["c1", "c2", "c3"],
    ...                           "acquisition_method": ["advertising", "referral_chain", "referral_chain"]})
    >>> orders = pd.DataFrame({"customer_id": ["c1", "c2", "c3"], "net_revenue": [100.0, 900.0, 50.0],
    ...                        "order_date": pd.to_datetime(["2025-06-01", "2025-10-01", "2023-01-05"])})
    >>> acquisition_value(customers, orders)[["customers", "active_share", "revenue_12m_per_customer"]]
                        customers  active_share  revenue_12m_per_customer
    acquisition_method
    advertising                 1           1.0                 100.0
    referral_chain              2           0.5                 450.0
    """
    check_choice(by, "by", ("acquisition_method", "orientation"))
    require_columns(customers, ["customer_id", "acquisition_method"], "customers", complete=True)
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    dates = as_dates(orders["order_date"], "orders['order_date']")
    end = dates.max() if as_of is None else as_date(as_of, "as_of")
    recent = (dates > end - pd.Timedelta(days=365)) & (dates <= end)
    revenue = as_numeric_series(orders["net_revenue"], "orders['net_revenue']")
    rev12 = revenue[recent].groupby(orders.loc[recent, "customer_id"]).sum()
    c = customers[["customer_id", "acquisition_method"]].copy()
    c["orientation"] = development_orientation(c["acquisition_method"]).to_numpy()
    c["revenue_12m"] = c["customer_id"].map(rev12).fillna(0.0)  # no recent order = no revenue
    c["active"] = c["customer_id"].isin(rev12.index).astype(int)
    g = c.groupby(by, sort=True)
    out = pd.DataFrame({
        "customers": g.size(),
        "active_customers": g["active"].sum(),
        "revenue_12m": g["revenue_12m"].sum(),
    })
    out["active_share"] = out["active_customers"] / out["customers"]
    out["revenue_12m_per_customer"] = out["revenue_12m"] / out["customers"]
    out["revenue_12m_per_active_customer"] = out["revenue_12m"] / out["active_customers"].replace(0, np.nan)
    cols = ["customers", "active_customers", "active_share", "revenue_12m", "revenue_12m_per_customer",
            "revenue_12m_per_active_customer"]
    if by == "acquisition_method":
        out["orientation"] = [ORIENTATION[m] for m in out.index]
        cols.append("orientation")
    return out[cols]

"""Marketing- and selling-oriented development (营销导向/推销导向), and what the customers each method brought are worth."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_date, as_dates, as_numeric_series, check_choice, check_keys, require_columns
from ..vocabulary import PROSPECTING_METHOD_KEYS

__all__ = [
    "ORIENTATIONS",
    "MARKETING_LEVERS",
    "ORIENTATION",
    "ORIENTATION_ASPECTS",
    "development_orientation",
    "orientation_table",
    "acquisition_value",
]

#: The course materials' two customer-development strategies (客户开发策略).
ORIENTATIONS: tuple[str, ...] = ("marketing_oriented", "selling_oriented")

#: The levers of marketing-oriented development: an attractive product, price
#: (e.g. differential pricing, 差别定价), place (e.g. location, 设店选址) and
#: promotion, the 4Ps (course materials).
MARKETING_LEVERS: tuple[str, ...] = ("product", "price", "place", "promotion")

#: The strategy each lever belongs to. Marketing-oriented development works
#: through the 4Ps (:data:`MARKETING_LEVERS`); selling-oriented development
#: first *finds* prospects, with the ten prospecting methods
#: (:data:`~kamcourse.vocabulary.PROSPECTING_METHOD_KEYS`, advertising and
#: trade shows among them: they find prospects for a salesperson to follow
#: up), then *persuades* them by personal selling (course materials: 寻找 → 说服).
ORIENTATION: dict[str, str] = {
    **{lever: "marketing_oriented" for lever in MARKETING_LEVERS},
    **{m: "selling_oriented" for m in PROSPECTING_METHOD_KEYS},
    "personal_selling": "selling_oriented",
}

#: The rows of :func:`orientation_table`: what the two strategies are compared on.
ORIENTATION_ASPECTS: tuple[str, ...] = ("how", "levers", "who", "when", "cost", "measure")


def development_orientation(levers: Any) -> Any:
    """The development strategy a lever belongs to (营销导向/推销导向).

    The course materials distinguish *marketing-oriented* development
    (attractive product, price, distribution and promotion draw target
    customers in) from *selling-oriented* development (when the offer has
    nothing special to attract them, salespeople find and persuade them).
    The 4P levers are marketing-oriented; every prospecting method, and
    personal selling, is a tool of the selling-oriented route
    (:data:`ORIENTATION`).

    Parameters
    ----------
    levers : str or list/Series of str
        Keys of :data:`ORIENTATION`: ``"product"``, ``"price"``, ``"place"``,
        ``"promotion"``, ``"personal_selling"`` or a prospecting method.

    Returns
    -------
    str or pandas.Series
        ``"marketing_oriented"`` or ``"selling_oriented"``.

    Raises
    ------
    ValueError
        If a lever is unknown (the message lists the known ones) or missing.

    References
    ----------
    .. [1] Course materials, 客户关系管理 chapter 4 exercises: 营销导向的开发策略 and
       推销导向的开发策略.

    Examples
    --------
    >>> development_orientation("price")
    'marketing_oriented'
    >>> development_orientation(["referral_chain", "advertising", "promotion"]).tolist()
    ['selling_oriented', 'selling_oriented', 'marketing_oriented']
    """
    if isinstance(levers, str):
        return ORIENTATION[check_choice(levers, "levers", ORIENTATION)]
    s = levers if isinstance(levers, pd.Series) else pd.Series(list(levers))
    check_keys(s, "levers", ORIENTATION, "lever")
    return s.map(ORIENTATION).astype(object).rename("orientation")


def orientation_table(language: str | None = None) -> pd.DataFrame:
    """The two development strategies side by side (营销导向与推销导向的比较).

    For each aspect of :data:`ORIENTATION_ASPECTS` (how customers come, the
    levers, who does the work, when it fits, what it costs, how to measure
    it), what marketing-oriented and selling-oriented development do. "When
    it fits" follows the course materials; the other rows are this kit's
    summary of them.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        Language of the text; the current language by default.

    Returns
    -------
    pandas.DataFrame
        Index ``aspect`` (keys of :data:`ORIENTATION_ASPECTS`), columns
        :data:`ORIENTATIONS`.

    Raises
    ------
    ValueError
        If ``language`` is not a kit language.

    References
    ----------
    .. [1] Course materials, 客户关系管理 chapter 4 exercises (客户的开发).

    Examples
    --------
    >>> orientation_table("en").loc["how", "marketing_oriented"]
    'customers are attracted and come by themselves (pull)'
    >>> orientation_table("zh").columns.tolist()
    ['marketing_oriented', 'selling_oriented']
    """
    from .. import i18n

    i18n.check_language(language)
    rows = {a: [i18n.label(f"orient_{a}_{o}", language) for o in ORIENTATIONS] for a in ORIENTATION_ASPECTS}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(ORIENTATIONS))
    table.index.name = "aspect"
    return table


def acquisition_value(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    as_of: Any = None,
    by: str = "acquisition_method",
) -> pd.DataFrame:
    """What the customers each prospecting method brought are worth today (客户开发方式与客户价值).

    Per acquisition method: how many customers it brought, how many still buy (an order in the 365 days up to ``as_of``),
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
    by : str
        Column of ``customers`` to group by (default the acquisition method;
        e.g. ``"region"``).

    Returns
    -------
    pandas.DataFrame
        Columns customers, active_customers, active_share, revenue_12m,
        revenue_12m_per_customer, revenue_12m_per_active_customer.

    Raises
    ------
    ValueError
        If columns are missing, values are NaN or a method is unknown.

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
    require_columns(customers, ["customer_id", "acquisition_method", by], "customers", complete=True)
    check_keys(customers["acquisition_method"], "customers['acquisition_method']", PROSPECTING_METHOD_KEYS, "method")
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    dates = as_dates(orders["order_date"], "orders['order_date']")
    end = dates.max() if as_of is None else as_date(as_of, "as_of")
    recent = (dates > end - pd.Timedelta(days=365)) & (dates <= end)
    revenue = as_numeric_series(orders["net_revenue"], "orders['net_revenue']")
    rev12 = revenue[recent].groupby(orders.loc[recent, "customer_id"]).sum()
    c = customers[list(dict.fromkeys(["customer_id", "acquisition_method", by]))].copy()
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
    return out[cols]

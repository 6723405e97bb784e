"""An account's revenue around a departure (人走客户走): monthly revenue, before/after, and where it happened."""

from __future__ import annotations

import math

import pandas as pd

from ...validation import as_date, as_dates, check_no_nan, check_positive_int, require_columns

__all__ = ["monthly_revenue", "revenue_before_after", "find_runaway_accounts"]


def _orders_of(orders: pd.DataFrame, customer_id: str) -> pd.DataFrame:
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders")
    check_no_nan(orders["net_revenue"], "orders['net_revenue']")
    dates = as_dates(orders["order_date"], "orders['order_date']")
    own = orders[orders["customer_id"] == customer_id]
    if own.empty:
        raise ValueError(f"customer_id {customer_id!r} has no orders")
    return own.assign(order_date=dates[own.index])


def monthly_revenue(
    orders: pd.DataFrame,
    customer_id: str,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> pd.Series:
    """Net revenue of one account per calendar month, months without orders = 0 (月度销售额).

    Source: this kit's data layout (``orders.net_revenue`` in yuan).

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    customer_id : str
        The account.
    start, end : date-like, optional
        First and last month shown; default: the first and last month of
        ``orders`` (all accounts), so a silent end shows as zeros.

    Returns
    -------
    pandas.Series
        Index: month start dates; values: yuan.

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame.
    ValueError
        If a column is missing, a value is NaN or the account has no orders.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["B", "B", "X"], "net_revenue": [100.0, 50.0, 1.0],
    ...                   "order_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-03-31"])})
    >>> monthly_revenue(o, "B")
    month
    2025-01-01    150.0
    2025-02-01      0.0
    2025-03-01      0.0
    Freq: MS, Name: net_revenue, dtype: float64
    """
    own = _orders_of(orders, customer_id)
    all_dates = as_dates(orders["order_date"], "orders['order_date']")
    first = (all_dates.min() if start is None else as_date(start, "start")).to_period("M").to_timestamp()
    last = (all_dates.max() if end is None else as_date(end, "end")).to_period("M").to_timestamp()
    months = pd.date_range(first, last, freq="MS")
    by_month = own.groupby(own["order_date"].dt.to_period("M").dt.to_timestamp())["net_revenue"].sum()
    out = by_month.reindex(months, fill_value=0.0).astype(float)
    out.index.name = "month"
    return out


def revenue_before_after(
    orders: pd.DataFrame,
    customer_id: str,
    leave_date: str | pd.Timestamp,
    months: int = 12,
    end: str | pd.Timestamp | None = None,
) -> pd.Series:
    """An account's revenue in equal windows before and after a date (离职前后销售额对比).

    ``before`` = revenue in the ``months`` months up to ``leave_date``,
    ``after`` = revenue in the same number of months from ``leave_date``;
    if the data ends sooner (``end``, default the last order date of all
    accounts), both windows shrink to the months available, so the
    comparison stays fair. ``change = after / before - 1``. Source: this
    kit's convention for a before/after comparison.

    Parameters
    ----------
    orders : pandas.DataFrame
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    customer_id : str
    leave_date : date-like
        The day the salesperson left.
    months : int
        Window length in months (>= 1).
    end : date-like, optional
        Last day of the data.

    Returns
    -------
    pandas.Series
        ``window_months`` (window used), ``revenue_before``,
        ``revenue_after`` (yuan), ``revenue_change`` (fraction; NaN when
        ``revenue_before`` is 0).

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame or ``months`` not a whole number.
    ValueError
        If the account has no orders, or no whole month follows ``leave_date``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": "B", "net_revenue": [100.0, 100.0, 30.0],
    ...                   "order_date": pd.to_datetime(["2024-09-01", "2025-02-01", "2025-08-01"])})
    >>> revenue_before_after(o, "B", "2025-03-01", months=12, end="2025-12-31")
    window_months     10.00
    revenue_before   200.00
    revenue_after     30.00
    revenue_change    -0.85
    dtype: float64
    """
    own = _orders_of(orders, customer_id)
    months = check_positive_int(months, "months")
    leave = as_date(leave_date, "leave_date")
    last = as_date(end, "end") if end is not None else as_dates(orders["order_date"], "orders['order_date']").max()
    available = 0
    while available < months and leave + pd.DateOffset(months=available + 1) <= last + pd.Timedelta(days=1):
        available += 1
    if available == 0:
        raise ValueError(f"no whole month of data after leave_date {leave.date()} (data ends {last.date()})")
    window = pd.DateOffset(months=available)
    dates = own["order_date"]
    before = float(own.loc[(dates >= leave - window) & (dates < leave), "net_revenue"].sum())
    after = float(own.loc[(dates >= leave) & (dates < leave + window), "net_revenue"].sum())
    change = after / before - 1 if before > 0 else math.nan
    return pd.Series(
        {"window_months": float(available), "revenue_before": before, "revenue_after": after, "revenue_change": change}
    )


def find_runaway_accounts(
    contacts: pd.DataFrame,
    staff: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    as_of: str | pd.Timestamp | None = None,
    months: int = 12,
) -> pd.DataFrame:
    """Accounts whose every contact is held by one person who has left (脱缰野马式客户).

    Uses :func:`kamcourse.relationship.contact_coverage` with the staff
    table: an account qualifies when it has exactly one owner (a bow tie with
    a single knot) and that owner has a ``leave_date`` (on or before
    ``as_of``). With ``orders``, adds :func:`revenue_before_after` around
    the leave date and sorts by the revenue before (largest first), so the
    account that mattered most comes first. Source: course materials (case
    脱缰野马); bow tie vs diamond after Cheverton (bolstur.squarespace.com).

    Parameters
    ----------
    contacts : pandas.DataFrame
        Columns ``customer_id``, ``staff_id``.
    staff : pandas.DataFrame
        Columns ``staff_id``, ``leave_date`` (NaT while employed).
    orders : pandas.DataFrame, optional
        Columns ``customer_id``, ``order_date``, ``net_revenue``.
    as_of : date-like, optional
        Only leaves on or before this day count.
    months : int
        Window for the before/after revenue.

    Returns
    -------
    pandas.DataFrame
        Index ``customer_id``; columns ``key_person`` (the staff member
        holding every contact), ``left_on`` (their leave date),
        ``n_contacts``; with ``orders`` also ``revenue_before``,
        ``revenue_after``, ``revenue_change`` (see :func:`revenue_before_after`)
        and ``share_of_revenue_before`` (the account's share of all revenue
        in the window before: compare the course materials' 13%). Column
        names are glossary keys (``.rename(columns=i18n.label)``).

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing or holds NaN (see ``contact_coverage``).

    Examples
    --------
    >>> contacts = pd.DataFrame({"customer_id": ["B", "B", "C", "C", "D"],
    ...                          "staff_id": ["S1", "S1", "S1", "S2", "S3"]})
    >>> staff = pd.DataFrame({"staff_id": ["S1", "S2", "S3"],
    ...                       "leave_date": pd.to_datetime(["2025-03-01", None, None])})
    >>> find_runaway_accounts(contacts, staff)
                key_person    left_on  n_contacts
    customer_id
    B                   S1 2025-03-01           2
    """
    from ...relationship import contact_coverage

    require_columns(staff, ["staff_id", "leave_date"], "staff")
    coverage = contact_coverage(contacts, staff, as_of=as_of)
    hit = coverage[(coverage["n_owners"] == 1) & coverage["key_person_left"]]
    leave = as_dates(staff.set_index("staff_id")["leave_date"], "staff['leave_date']", allow_missing=True)
    table = pd.DataFrame(
        {
            "key_person": hit["key_person"],
            "left_on": hit["key_person"].map(leave),
            "n_contacts": hit["n_contacts"],
        }
    )
    if orders is None:
        return table
    dates = as_dates(orders["order_date"], "orders['order_date']")
    rows = {}
    for cid, row in table.iterrows():
        if (orders["customer_id"] == cid).any():
            r = revenue_before_after(orders, cid, row["left_on"], months)
            start = row["left_on"] - pd.DateOffset(months=int(r["window_months"]))
            total = float(orders.loc[(dates >= start) & (dates < row["left_on"]), "net_revenue"].sum())
            r["share_of_revenue_before"] = r["revenue_before"] / total if total > 0 else math.nan
        else:
            r = pd.Series({"revenue_before": 0.0, "revenue_after": 0.0, "revenue_change": math.nan,
                           "share_of_revenue_before": 0.0})
        rows[cid] = r
    columns = ["revenue_before", "revenue_after", "revenue_change", "share_of_revenue_before"]
    out = table.join(pd.DataFrame.from_dict(rows, orient="index")[columns])
    return out.sort_values(["revenue_before", "n_contacts"], ascending=False, kind="stable")

"""KAM objectives and KPIs (大客户管理目标与关键绩效指标), computed from the company's records and tracked by year.

The KAM courseware states the expected results of key-account management as percentages it leaves
blank (管理目标与预期成果): customer satisfaction up by …%, the annual contract renewal rate steady at
…%, key accounts' share of revenue above …%, the dedicated team's response efficiency up by …%. This
module measures the four from the CRM tables so that a plan can put numbers in the blanks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..validation import as_dates, check_fraction, check_number, require_columns

__all__ = ["KAM_KPIS", "KPI_BETTER", "key_accounts_by_year", "kam_kpis", "kpi_status"]

#: The four KAM KPIs of the courseware, as columns of :func:`kam_kpis`.
KAM_KPIS: tuple[str, ...] = ("satisfaction_mean", "renewal_rate", "key_account_revenue_share", "response_days")

#: Which direction is better for each KPI.
KPI_BETTER: Mapping[str, str] = MappingProxyType(
    {"satisfaction_mean": "higher", "renewal_rate": "higher", "key_account_revenue_share": "higher",
     "response_days": "lower"}
)


def _years(dates: pd.Series, name: str) -> pd.Series:
    return as_dates(dates, name).dt.year


def key_accounts_by_year(orders: pd.DataFrame, top: float = 0.2) -> dict[int, set]:
    """The key-account list of each year, drawn up from the year before (年度大客户名单).

    For year *t* the key accounts are the largest ``top`` fraction of year *t − 1*'s buyers by revenue
    (at least one); the first year of the orders has no list. Drawing the list *before* the year, as a
    KAM department does, avoids judging past years with hindsight: a list made from this year's
    revenue contains only accounts that stayed, and its renewal rate is 100 % by construction
    (survivorship bias). The 20 % default follows the 80/20 rule (course materials).

    Parameters
    ----------
    orders : pandas.DataFrame
        Order lines: ``customer_id``, ``order_date``, ``net_revenue``.
    top : float, default 0.2
        Fraction of the previous year's buyers, in (0, 1].

    Returns
    -------
    dict of int to set
        ``{year: {customer ids}}`` for every year of the orders but the first.

    Raises
    ------
    TypeError, ValueError
        If a column is missing or holds NaN, or ``top`` is outside (0, 1].

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["a", "b", "a", "c"],
    ...     "order_date": pd.to_datetime(["2024-01-05", "2024-02-05", "2025-01-05", "2025-03-01"]),
    ...     "net_revenue": [90.0, 10.0, 50.0, 70.0]})
    >>> key_accounts_by_year(orders, top=0.5)
    {2025: {'a'}}
    """
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders", complete=True)
    share = check_fraction(top, "top", low=0.0, high=1.0, low_open=True)
    year = _years(orders["order_date"], "orders['order_date']")
    revenue = orders.groupby([year.rename("year"), orders["customer_id"]])["net_revenue"].sum()
    years = sorted(year.unique())
    out = {}
    for y in years[1:]:
        previous = revenue.loc[y - 1].sort_values(ascending=False, kind="stable") if y - 1 in years else pd.Series()
        n = max(1, int(round(share * len(previous))))
        out[int(y)] = set(previous.index[:n])
    return out


def kam_kpis(
    orders: pd.DataFrame,
    surveys: pd.DataFrame,
    service_requests: pd.DataFrame,
    key_accounts: Iterable[Any] | Mapping[int, Iterable[Any]],
    *,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """The four KAM KPIs of the courseware, per year, for a set of key accounts (大客户关键绩效指标).

    For year *t* and the key accounts *K* (one fixed list, or the list of each year, e.g. from
    :func:`key_accounts_by_year`)::

        satisfaction_mean         = mean overall_satisfaction of K's surveys in t          (1-5)
        renewal_rate              = |K buying in t−1 and in t| / |K buying in t−1|        (年度续约率)
        key_account_revenue_share = revenue of K in t / revenue of all customers in t
        response_days             = mean days from opening to closing of K's service requests opened in t

    "Renewal" is read as buying again the next year (B2B supply contracts are mostly annual);
    "response efficiency" as the days a service request takes to close, since the records hold no
    first-response time: both are this kit's reading of the courseware's goals (管理目标与预期成果,
    course materials). Open requests are left out of ``response_days``.

    Parameters
    ----------
    orders : pandas.DataFrame
        Order lines: ``customer_id``, ``order_date``, ``net_revenue``.
    surveys : pandas.DataFrame
        ``customer_id``, ``year``, ``overall_satisfaction``.
    service_requests : pandas.DataFrame
        ``customer_id``, ``opened_date``, ``closed_date`` (NaT while open).
    key_accounts : iterable, or mapping of year to iterable
        The accounts managed as key accounts: one list for every year, or ``{year: list}``
        (a year without a list gets NaN KPIs).
    years : iterable of int, optional
        The years to report; by default every year of ``orders``.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; columns :data:`KAM_KPIS` and ``key_accounts_buying``. ``renewal_rate`` is NaN in
        the first year of the orders; a KPI with no records in a year is NaN.

    Raises
    ------
    TypeError
        If a table is not a DataFrame.
    ValueError
        If a column is missing or holds NaN where it must not, or ``key_accounts`` is empty.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["K", "K", "X", "X"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2025-03-01", "2024-05-01", "2025-05-01"]),
    ...     "net_revenue": [80.0, 60.0, 20.0, 40.0]})
    >>> surveys = pd.DataFrame({"customer_id": ["K", "K"], "year": [2024, 2025], "overall_satisfaction": [4, 5]})
    >>> requests = pd.DataFrame({"customer_id": ["K", "K"],
    ...     "opened_date": pd.to_datetime(["2024-06-01", "2025-06-01"]),
    ...     "closed_date": pd.to_datetime(["2024-06-09", "2025-06-03"])})
    >>> kpis = kam_kpis(orders, surveys, requests, ["K"])
    >>> kpis[["satisfaction_mean", "renewal_rate", "key_account_revenue_share"]]
          satisfaction_mean  renewal_rate  key_account_revenue_share
    year
    2024                4.0           NaN                        0.8
    2025                5.0           1.0                        0.6
    >>> kpis["response_days"].tolist()
    [8.0, 2.0]
    """
    require_columns(orders, ["customer_id", "order_date", "net_revenue"], "orders", complete=True)
    require_columns(surveys, ["customer_id", "year", "overall_satisfaction"], "surveys")
    require_columns(service_requests, ["customer_id", "opened_date", "closed_date"], "service_requests")
    order_year = _years(orders["order_date"], "orders['order_date']")
    span = sorted(order_year.unique()) if years is None else [int(y) for y in years]
    lists = _lists(key_accounts, span)
    buyers = orders.groupby(order_year)["customer_id"].agg(set)
    revenue = orders.groupby([order_year.rename("year"), orders["customer_id"]])["net_revenue"].sum()
    satisfaction = surveys.set_index(["year", "customer_id"])["overall_satisfaction"]
    opened = as_dates(service_requests["opened_date"], "service_requests['opened_date']")
    closed = as_dates(service_requests["closed_date"], "service_requests['closed_date']", allow_missing=True)
    days = pd.DataFrame({"year": opened.dt.year, "customer_id": service_requests["customer_id"],
                         "days": (closed - opened).dt.days})
    nan = float("nan")
    rows = {}
    for year in span:
        keys = lists.get(year)
        if not keys:
            rows[year] = dict.fromkeys(KAM_KPIS, nan) | {"key_accounts_buying": 0}
            continue
        before, now = buyers.get(year - 1, set()) & keys, buyers.get(year, set()) & keys
        in_year = revenue.loc[year] if year in buyers.index else pd.Series(dtype=float)
        sat = satisfaction[(satisfaction.index.get_level_values(0) == year)
                           & satisfaction.index.get_level_values(1).isin(keys)]
        d = days.loc[(days["year"] == year) & days["customer_id"].isin(keys), "days"]
        rows[year] = {
            "satisfaction_mean": float(sat.mean()) if len(sat) else nan,
            "renewal_rate": len(before & now) / len(before) if before else nan,
            "key_account_revenue_share": float(in_year[in_year.index.isin(keys)].sum() / in_year.sum())
            if len(in_year) else nan,
            "response_days": float(d.mean()) if d.notna().any() else nan,
            "key_accounts_buying": len(now),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    return table


def _lists(key_accounts: Any, span: list[int]) -> dict[int, set]:
    """{year: set of key accounts} from one list or a mapping of lists."""
    if isinstance(key_accounts, Mapping):
        lists = {int(y): set(v) for y, v in key_accounts.items()}
        if not any(lists.values()):
            raise ValueError("key_accounts is empty; name the accounts managed as key accounts")
        return lists
    keys = set(key_accounts)
    if not keys:
        raise ValueError("key_accounts is empty; name the accounts managed as key accounts")
    return dict.fromkeys(span, keys)


def kpi_status(kpis: pd.DataFrame, targets: Mapping[str, float], year: int | None = None) -> pd.DataFrame:
    """Each KPI of a year against its target (指标达成情况), with the better direction respected.

    ``met`` is ``value >= target`` for a KPI where higher is better and ``value <= target`` where lower
    is better (:data:`KPI_BETTER`: only ``response_days``); ``gap_to_target = value − target``. The targets are
    the plan's (the courseware leaves them blank).

    Parameters
    ----------
    kpis : pandas.DataFrame
        The table of :func:`kam_kpis` (index = year).
    targets : mapping
        ``{kpi: target}`` for some of :data:`KAM_KPIS`.
    year : int, optional
        The year to check; the last one by default.

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; columns ``value``, ``target``, ``direction``, ``gap_to_target``, ``met``.

    Raises
    ------
    TypeError
        If a target is not a number.
    ValueError
        If a KPI is unknown, a column missing or the year not in ``kpis``.

    Examples
    --------
    >>> kpis = pd.DataFrame({"renewal_rate": [0.9], "response_days": [6.0]}, index=pd.Index([2025], name="year"))
    >>> kpi_status(kpis, {"renewal_rate": 0.95, "response_days": 7})[["value", "target", "met"]]
                   value  target    met
    kpi
    renewal_rate     0.9    0.95  False
    response_days    6.0    7.00   True
    """
    if not isinstance(targets, Mapping) or not targets:
        raise ValueError("targets must be a non-empty dict {kpi: target}")
    unknown = [k for k in targets if k not in KPI_BETTER]
    if unknown:
        raise ValueError(f"targets names unknown KPI {unknown[0]!r}; valid: {', '.join(KAM_KPIS)}")
    require_columns(kpis, list(targets), "kpis")
    y = kpis.index.max() if year is None else year
    if y not in kpis.index:
        raise ValueError(f"year {year!r} is not in kpis; years present: {', '.join(map(str, kpis.index))}")
    rows = {}
    for kpi, target in targets.items():
        t = check_number(target, f"targets[{kpi!r}]")
        value = float(kpis.at[y, kpi])
        better = KPI_BETTER[kpi]
        rows[kpi] = {"value": value, "target": t, "direction": better, "gap_to_target": value - t,
                     "met": bool(value >= t if better == "higher" else value <= t)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "kpi"
    return table

"""Service levels (服务水平) from the service requests: response, resolution, first-contact resolution, targets.

The company CRM rules ask for service that is 优质、高效 and for complaints handled 及时 (course
materials); a service level agreement turns that into targets per priority. The targets here are this
kit's convention: a first response within 2 / 8 / 24 hours for high / medium / low severity (the
response targets of the practice CRM system), and closed within 10 / 7 / 5 days, because a severe fault
(a failed pump) takes longer to put right than a question.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_dates, as_flags, check_keys, require_columns
from ..vocabulary import SEVERITIES

__all__ = ["SERVICE_TARGETS", "target_misses", "service_levels", "backlog"]

#: Targets by priority (the requests' ``severity``): hours to the first response, days to close.
SERVICE_TARGETS = pd.DataFrame(
    {"response_hours": [24.0, 8.0, 2.0], "resolution_days": [5.0, 7.0, 10.0]},
    index=pd.Index(SEVERITIES, name="priority"),
)

_NEEDED = ["severity", "opened_date", "closed_date", "first_response_hours"]


def _days_to_close(requests: pd.DataFrame) -> pd.Series:
    opened = as_dates(requests["opened_date"], "requests['opened_date']")
    closed = as_dates(requests["closed_date"], "requests['closed_date']", allow_missing=True)
    return (closed - opened).dt.days.astype(float)


def target_misses(requests: pd.DataFrame, targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Whether each request missed its response and its resolution target (超时).

    ``response_missed = first_response_hours > target hours``; ``resolution_missed = days to close >
    target days`` (missing while the request is open). Source: this kit's convention
    (:data:`SERVICE_TARGETS`).

    Parameters
    ----------
    requests : DataFrame
        The service requests with their details: ``severity`` (the priority), ``opened_date``,
        ``closed_date`` (empty while open) and ``first_response_hours``.
    targets : DataFrame, optional
        ``response_hours`` and ``resolution_days`` per priority; default :data:`SERVICE_TARGETS`.

    Returns
    -------
    DataFrame
        ``days_to_close``, ``response_missed`` (bool) and ``resolution_missed`` (boolean, <NA> while open),
        same index as ``requests``.

    Raises
    ------
    ValueError
        If a column is missing, a priority is unknown or a response time is negative.

    Examples
    --------
    >>> r = pd.DataFrame({"severity": ["high", "low"], "opened_date": ["2025-03-01", "2025-03-01"],
    ...                   "closed_date": ["2025-03-13", None], "first_response_hours": [3.0, 5.0]})
    >>> target_misses(r)
       days_to_close  response_missed  resolution_missed
    0           12.0             True               True
    1            NaN            False               <NA>
    """
    require_columns(requests, _NEEDED, "requests")
    targets = SERVICE_TARGETS if targets is None else targets
    require_columns(targets, ["response_hours", "resolution_days"], "targets")
    priority = check_keys(requests["severity"], "requests['severity']", targets.index, "priority")
    hours = pd.to_numeric(requests["first_response_hours"], errors="coerce")
    if hours.isna().any() or (hours < 0).any():
        raise ValueError("requests['first_response_hours'] must be numbers >= 0 (hours to the first response)")
    days = _days_to_close(requests)
    t = targets.loc[priority.to_numpy()]
    late = pd.array(np.where(days.isna(), pd.NA, days.to_numpy() > t["resolution_days"].to_numpy()), dtype="boolean")
    return pd.DataFrame({
        "days_to_close": days, "response_missed": hours.to_numpy() > t["response_hours"].to_numpy(),
        "resolution_missed": late,
    }, index=requests.index)


def service_levels(requests: pd.DataFrame, by: str | list[str] | None = None,
                   targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The service levels of a set of requests, overall or by group (服务水平指标).

    - ``median_response_hours``: the median hours to the first response;
    - ``mean_days_to_close``: the mean days from opening to closing (closed requests);
    - ``first_contact_resolution``: share solved at the first contact (首次解决率);
    - ``response_missed``, ``resolution_missed``: shares that missed their target (:func:`target_misses`).

    Source: the usual service-desk measures (e.g. first-contact resolution as in the complaint-relay case,
    course materials); the targets are this kit's convention.

    Parameters
    ----------
    requests : DataFrame
        The requests with their details (``severity``, ``opened_date``, ``closed_date``,
        ``first_response_hours``, ``first_contact_resolution``) and the grouping columns.
    by : str or list of str, optional
        Column(s) to group by (``"severity"``, ``"channel"``, a tier column ...); default one row.
    targets : DataFrame, optional
        Default :data:`SERVICE_TARGETS`.

    Returns
    -------
    DataFrame
        One row per group: ``requests`` and the five measures.

    Raises
    ------
    ValueError
        If a column is missing or a value is invalid (see :func:`target_misses`).

    Examples
    --------
    >>> r = pd.DataFrame({"severity": ["high", "high", "low"], "channel": ["phone", "email", "email"],
    ...                   "opened_date": ["2025-03-01"] * 3, "closed_date": ["2025-03-02", "2025-03-14", "2025-03-04"],
    ...                   "first_response_hours": [1.0, 6.0, 12.0], "first_contact_resolution": [True, False, False]})
    >>> service_levels(r, by="channel")[["requests", "median_response_hours", "response_missed", "resolution_missed"]]
             requests  median_response_hours  response_missed  resolution_missed
    channel
    email           2                    9.0              0.5                0.5
    phone           1                    1.0              0.0                0.0
    """
    require_columns(requests, [*_NEEDED, "first_contact_resolution"], "requests")
    misses = target_misses(requests, targets)
    frame = pd.DataFrame({
        "response": pd.to_numeric(requests["first_response_hours"]), "days": misses["days_to_close"],
        "fcr": as_flags(requests["first_contact_resolution"], "requests['first_contact_resolution']"),
        "r_miss": misses["response_missed"].astype(float), "c_miss": misses["resolution_missed"].astype("Float64"),
    }, index=requests.index)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(requests, keys, "requests")
    groups = frame.groupby([requests[k] for k in keys], observed=True) if keys else frame.groupby(lambda _: "all")
    out = groups.agg(
        requests=("response", "size"), median_response_hours=("response", "median"),
        mean_days_to_close=("days", "mean"), first_contact_resolution=("fcr", "mean"),
        response_missed=("r_miss", "mean"), resolution_missed=("c_miss", "mean"),
    )
    out["resolution_missed"] = out["resolution_missed"].astype(float)
    return out.round(4)


def backlog(requests: pd.DataFrame, dates: object) -> pd.Series:
    """How many requests were open at the end of each day given (积压).

    A request is open on day d when it was opened on or before d and not closed by d.

    Parameters
    ----------
    requests : DataFrame
        ``opened_date`` and ``closed_date`` (empty while open).
    dates : list-like of dates
        The days to count on (e.g. month ends).

    Returns
    -------
    Series
        Open requests per day, indexed by the days, name ``backlog``.

    Raises
    ------
    ValueError
        If a column is missing or a date cannot be read.

    Examples
    --------
    >>> r = pd.DataFrame({"opened_date": ["2025-01-05", "2025-01-20", "2025-02-10"],
    ...                   "closed_date": ["2025-01-25", None, "2025-02-12"]})
    >>> backlog(r, ["2025-01-31", "2025-02-11"]).tolist()
    [1, 2]
    """
    require_columns(requests, ["opened_date", "closed_date"], "requests")
    opened = as_dates(requests["opened_date"], "requests['opened_date']")
    closed = as_dates(requests["closed_date"], "requests['closed_date']", allow_missing=True)
    days = as_dates(pd.Series(list(dates)), "dates")
    counts = [int(((opened <= d) & ~(closed <= d)).sum()) for d in days]
    return pd.Series(counts, index=pd.DatetimeIndex(days), name="backlog")

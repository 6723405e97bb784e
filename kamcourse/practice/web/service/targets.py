"""Response-time targets of service requests (服务时限).

The company's CRM rules ask for complaints to be handled "及时" (promptly,
course materials); the hours and days below are this kit's convention,
chosen to fit the company's data (half of its requests close within 1.5, 3
and 5 days for low, medium and high severity with no hand-off; see
``datasets/README.md``): first response within the hours, closed within the
days of the request's priority.
"""

from __future__ import annotations

import datetime as dt

from kamcourse.vocabulary import SEVERITIES

__all__ = ["PRIORITIES", "RESPONSE_HOURS", "RESOLUTION_DAYS", "deadlines", "target_status"]

#: A request's priority is the severity of the kit's data (kamcourse.vocabulary.SEVERITIES).
PRIORITIES: tuple[str, ...] = SEVERITIES
RESPONSE_HOURS = {"high": 2, "medium": 8, "low": 24}
RESOLUTION_DAYS = {"high": 3, "medium": 5, "low": 10}


def deadlines(priority: str, opened_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """When the first response and the closing are due (响应时限与解决时限).

    Parameters
    ----------
    priority : {"low", "medium", "high"}
    opened_at : datetime.datetime

    Returns
    -------
    (datetime, datetime)
        Response due, resolution due.

    Raises
    ------
    ValueError
        For an unknown priority.

    Examples
    --------
    >>> import datetime as dt
    >>> r, c = deadlines("high", dt.datetime(2025, 3, 3, 9, 0))
    >>> r.isoformat(), c.isoformat()
    ('2025-03-03T11:00:00', '2025-03-06T09:00:00')
    """
    if priority not in RESPONSE_HOURS:
        raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}; got {priority!r}")
    return (opened_at + dt.timedelta(hours=RESPONSE_HOURS[priority]),
            opened_at + dt.timedelta(days=RESOLUTION_DAYS[priority]))


def target_status(priority: str, opened_at: dt.datetime, first_response_at: dt.datetime | None,
                  closed_at: dt.datetime | None, now: dt.datetime) -> list[str]:
    """Which targets a request missed, or is missing now (超时情况).

    Returns a list of ``"response_late"`` and/or ``"resolution_late"``; empty
    when every target is (still) met.

    Examples
    --------
    >>> import datetime as dt
    >>> t0 = dt.datetime(2025, 3, 3, 9, 0)
    >>> target_status("high", t0, t0 + dt.timedelta(hours=1), t0 + dt.timedelta(days=2), now=t0 + dt.timedelta(days=9))
    []
    >>> target_status("high", t0, None, None, now=t0 + dt.timedelta(days=4))
    ['response_late', 'resolution_late']
    """
    respond_by, close_by = deadlines(priority, opened_at)
    out = []
    if (first_response_at or now) > respond_by:
        out.append("response_late")
    if (closed_at or now) > close_by:
        out.append("resolution_late")
    return out

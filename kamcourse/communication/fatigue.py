"""Contact fatigue (沟通疲劳): the more messages a person got lately, the less she reads and the likelier she opts out.

Every message spends a little of the customer's attention. Measured on the company's messages: the share
opened and the share that made the recipient opt out, by how many messages she had received in the 30
days before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_dates, as_flags, check_positive_int, require_columns

__all__ = ["recent_messages", "fatigue_table"]


def recent_messages(messages: pd.DataFrame, window_days: int = 30) -> pd.Series:
    """For each message, how many messages the same contact got in the ``window_days`` days before it.

    Messages on the same day do not count each other. Source: this kit's measure of contact pressure.

    Parameters
    ----------
    messages : DataFrame
        ``contact_id`` and ``sent_date``.
    window_days : int
        Length of the window before each message (default 30).

    Returns
    -------
    Series
        A count per message, same index, name ``recent``.

    Raises
    ------
    ValueError
        If a column is missing or ``window_days`` is not a positive whole number.

    Examples
    --------
    >>> m = pd.DataFrame({"contact_id": ["p1", "p1", "p1", "p2"],
    ...                   "sent_date": ["2025-01-01", "2025-01-20", "2025-02-25", "2025-01-20"]})
    >>> recent_messages(m).tolist()
    [0, 1, 0, 0]
    """
    require_columns(messages, ["contact_id", "sent_date"], "messages")
    window = check_positive_int(window_days, "window_days")
    day = as_dates(messages["sent_date"], "messages['sent_date']").to_numpy().astype("datetime64[D]").astype(np.int64)
    out = np.zeros(len(messages), dtype=np.int64)
    for _, pos in messages.groupby("contact_id").indices.items():
        d = day[pos]
        order = np.argsort(d, kind="stable")
        sorted_days = d[order]
        lo = np.searchsorted(sorted_days, sorted_days - window, side="left")
        hi = np.searchsorted(sorted_days, sorted_days, side="left")
        out[pos[order]] = hi - lo
    return pd.Series(out, index=messages.index, name="recent")


def fatigue_table(messages: pd.DataFrame, window_days: int = 30, cap: int = 6) -> pd.DataFrame:
    """Open rate and opt-out rate by the messages received in the window before (疲劳曲线).

    Parameters
    ----------
    messages : DataFrame
        ``contact_id``, ``sent_date``, ``opened`` and ``opted_out`` (True/False).
    window_days : int
        Window of :func:`recent_messages` (default 30).
    cap : int
        Counts at or above ``cap`` are pooled into one row (default 6, shown as ``"6+"``).

    Returns
    -------
    DataFrame
        One row per count of recent messages: ``messages``, ``open_rate``, ``opt_out_rate``.

    Raises
    ------
    ValueError
        If a column is missing or a flag is not True/False.

    Examples
    --------
    >>> m = pd.DataFrame({"contact_id": ["p1"] * 3, "sent_date": ["2025-01-01", "2025-01-05", "2025-01-09"],
    ...                   "opened": [True, True, False], "opted_out": [False, False, True]})
    >>> fatigue_table(m, cap=2)
        messages  open_rate  opt_out_rate
    0          1        1.0           0.0
    1          1        1.0           0.0
    2+         1        0.0           1.0
    """
    require_columns(messages, ["contact_id", "sent_date", "opened", "opted_out"], "messages")
    cap = check_positive_int(cap, "cap")
    recent = recent_messages(messages, window_days).clip(upper=cap)
    frame = pd.DataFrame({"recent": recent, "opened": as_flags(messages["opened"], "messages['opened']"),
                          "out": as_flags(messages["opted_out"], "messages['opted_out']")})
    out = frame.groupby("recent").agg(messages=("opened", "size"), open_rate=("opened", "mean"),
                                      opt_out_rate=("out", "mean"))
    out.index = [f"{k}+" if k == cap else str(k) for k in out.index]
    return out.round(4)

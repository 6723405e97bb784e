"""Training and adoption (培训与部署): is the new CRM system used, by whom, and how well are the records kept?

A CRM system nobody uses is money spent on nothing; the teaching plan puts "training and deployment"
(培训与部署) among the four implementation steps and the answers "staff training" (员工培训). From the
system's own usage records:

- :func:`adoption_curve`: per month, the share of employed staff who entered anything (adoption), the
  records per active person, the share of complete records and of duplicates;
- :func:`adoption_by_training`: the same shares for trained and not-yet-trained staff-months, by months
  since training.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.extensions.crm_rollout import COUNT_BONUS, GO_LIVE, QUALITY_BONUS
from ..validation import as_dates, check_keys, require_columns
from ..vocabulary import INCENTIVE_SCHEMES

__all__ = ["GO_LIVE", "COUNT_BONUS", "QUALITY_BONUS", "usage_rates", "adoption_curve", "adoption_by_training"]

_COLS = ["staff_id", "month", "records_created", "records_complete", "duplicates"]


def _checked(usage: pd.DataFrame) -> pd.DataFrame:
    require_columns(usage, _COLS, "usage", complete=True)
    out = usage.copy()
    out["month"] = as_dates(out["month"], "usage['month']")
    if "incentive_scheme" in out:
        check_keys(out["incentive_scheme"], "usage['incentive_scheme']", INCENTIVE_SCHEMES, what="scheme")
    if (out["records_complete"] > out["records_created"]).any() or (out["duplicates"] > out["records_created"]).any():
        raise ValueError("usage has more complete records or duplicates than records created in some row")
    return out


def usage_rates(usage: pd.DataFrame) -> pd.Series:
    """Adoption and record quality of a set of staff-months (使用率与数据质量).

    ::

        adoption        = staff-months with records_created > 0 / all staff-months
        records_per_active = Σ records_created / active staff-months
        completeness    = Σ records_complete / Σ records_created   (完整率)
        duplicate_rate  = Σ duplicates / Σ records_created          (重复率)

    Source: this kit's definitions of the usual CRM adoption measures.

    Parameters
    ----------
    usage : pandas.DataFrame
        One row per member of staff and month: ``staff_id``, ``month``, ``records_created``,
        ``records_complete``, ``duplicates`` (rows with 0 records count as inactive).

    Returns
    -------
    pandas.Series
        ``staff_months``, ``adoption``, ``records_per_active``, ``completeness``, ``duplicate_rate``
        (NaN where nothing was entered).

    Raises
    ------
    ValueError
        If a column is missing or holds NaN, or a row has more complete records than records.

    Examples
    --------
    >>> usage = pd.DataFrame({"staff_id": ["S1", "S2"], "month": pd.to_datetime(["2024-01-01"] * 2),
    ...     "records_created": [40, 0], "records_complete": [30, 0], "duplicates": [2, 0]})
    >>> usage_rates(usage).tolist()
    [2.0, 0.5, 40.0, 0.75, 0.05]
    """
    u = _checked(usage)
    created = float(u["records_created"].sum())
    active = int((u["records_created"] > 0).sum())
    nan = float("nan")
    return pd.Series({
        "staff_months": float(len(u)),
        "adoption": active / len(u) if len(u) else nan,
        "records_per_active": created / active if active else nan,
        "completeness": float(u["records_complete"].sum()) / created if created else nan,
        "duplicate_rate": float(u["duplicates"].sum()) / created if created else nan,
    })


def adoption_curve(usage: pd.DataFrame) -> pd.DataFrame:
    """Month by month: who uses the system, how much, and how well (CRM系统使用曲线).

    :func:`usage_rates` for each month of ``usage``; with an ``incentive_scheme`` column, the scheme in
    force is kept. Source: this kit's definitions.

    Parameters
    ----------
    usage : pandas.DataFrame
        As for :func:`usage_rates` (the ``crm_usage`` table).

    Returns
    -------
    pandas.DataFrame
        Index ``month``; columns of :func:`usage_rates` (and ``incentive_scheme``).

    Raises
    ------
    ValueError
        As :func:`usage_rates`.

    Examples
    --------
    >>> usage = pd.DataFrame({"staff_id": ["S1", "S2", "S1", "S2"],
    ...     "month": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01", "2024-02-01"]),
    ...     "records_created": [40, 0, 30, 10], "records_complete": [30, 0, 30, 10], "duplicates": [0, 0, 0, 0]})
    >>> adoption_curve(usage)["adoption"].tolist()
    [0.5, 1.0]
    """
    u = _checked(usage)
    table = pd.DataFrame({m: usage_rates(part) for m, part in u.groupby("month")}).T
    table.index.name = "month"
    if "incentive_scheme" in u:
        table["incentive_scheme"] = u.groupby("month")["incentive_scheme"].first()
    return table


def adoption_by_training(usage: pd.DataFrame, training: pd.DataFrame, max_months: int = 12) -> pd.DataFrame:
    """Adoption by months since training (培训与使用率): do trained staff use the system more?

    Each staff-month is placed by the months since that person's training (``trained_date``; a month
    before training, or without training, is ``not_trained``); months beyond ``max_months`` are pooled.
    A comparison, not a proof: staff trained late may differ from those trained early. Source: this
    kit's definitions.

    Parameters
    ----------
    usage : pandas.DataFrame
        As for :func:`usage_rates`.
    training : pandas.DataFrame
        ``staff_id``, ``trained_date`` (NaT: never trained).
    max_months : int, default 12
        Months since training beyond which staff-months are pooled in one row.

    Returns
    -------
    pandas.DataFrame
        Index ``months_since_training`` (``"not_trained"``, then ``0``, ``1``, ..., ``">=max_months"``
        as text), columns of :func:`usage_rates`.

    Raises
    ------
    ValueError
        If a column is missing, or a member of staff in ``usage`` is not in ``training``.

    Examples
    --------
    >>> usage = pd.DataFrame({"staff_id": ["S1", "S1", "S2"],
    ...     "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-02-01"]),
    ...     "records_created": [0, 30, 5], "records_complete": [0, 25, 5], "duplicates": [0, 1, 0]})
    >>> training = pd.DataFrame({"staff_id": ["S1", "S2"], "trained_date": pd.to_datetime(["2024-02-10", None])})
    >>> adoption_by_training(usage, training)["adoption"].to_dict()
    {'not_trained': 0.5, '0': 1.0}
    """
    u = _checked(usage)
    require_columns(training, ["staff_id", "trained_date"], "training")
    trained = as_dates(training.set_index("staff_id")["trained_date"], "training['trained_date']", allow_missing=True)
    unknown = sorted(set(u["staff_id"]) - set(trained.index))
    if unknown:
        raise ValueError(f"usage has staff not in training: {', '.join(map(repr, unknown[:5]))}")
    day = u["staff_id"].map(trained)
    since = (u["month"].dt.year - day.dt.year) * 12 + (u["month"].dt.month - day.dt.month)
    cap = int(max_months)
    label = np.where(day.isna() | (since < 0), "not_trained",
                     np.where(since >= cap, f">={cap}", since.fillna(-1).astype(int).astype(str)))
    order = ["not_trained", *[str(i) for i in range(cap)], f">={cap}"]
    groups = {k: usage_rates(part) for k, part in u.groupby(label)}
    table = pd.DataFrame({k: groups[k] for k in order if k in groups}).T
    table.index.name = "months_since_training"
    return table

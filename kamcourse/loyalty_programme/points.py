"""Points economics (积分经济): earned, redeemed, expired, outstanding, breakage, cost per point, liability.

A points programme is a promise: every point issued is a reward the company may have to give later. What
the promise costs depends on how many points will be redeemed (the rest is *breakage*, points that expire
or are never used) and on what a redeemed point costs the company.
"""

from __future__ import annotations

import pandas as pd

from ..validation import as_date, as_dates, check_fraction, check_keys, check_number, require_columns
from ..vocabulary import POINTS_ENTRIES

__all__ = ["points_summary", "points_liability"]


def points_liability(outstanding: float, breakage: float, cost_per_point: float) -> float:
    """What the points not yet used will cost when they are redeemed (积分负债).

    ``liability = outstanding × (1 − breakage) × cost per point``. Source: this kit values the liability
    at the company's cost of the rewards (the management view); the accounting standard IFRS 15
    (paragraphs B39-B43, customer options for additional goods) instead defers revenue at the points'
    stand-alone selling price, also net of the points expected to lapse.

    Parameters
    ----------
    outstanding : float
        Points issued and neither redeemed nor expired, >= 0.
    breakage : float
        Share of points expected never to be redeemed, in [0, 1].
    cost_per_point : float
        What one redeemed point costs the company (yuan), >= 0.

    Returns
    -------
    float
        Yuan.

    Raises
    ------
    ValueError
        If a value is out of range.

    Examples
    --------
    >>> points_liability(1_000_000, 0.2, 0.06)
    48000.0
    >>> points_liability(1_000_000, 1.2, 0.06)
    Traceback (most recent call last):
    ...
    ValueError: breakage must be in [0, 1], got 1.2
    """
    n = check_number(outstanding, "outstanding", low=0)
    c = check_number(cost_per_point, "cost_per_point", low=0)
    b = check_fraction(breakage, "breakage")
    return round(n * (1 - b) * c, 2)


def points_summary(ledger: pd.DataFrame, as_of: object = None) -> pd.Series:
    """The programme's points account on a day (积分账户汇总).

    - ``earned``, ``redeemed``, ``expired``: points (redeemed and expired as positive numbers);
    - ``outstanding = earned − redeemed − expired``;
    - ``breakage = expired ÷ (redeemed + expired)``: of the points that have left the programme, the
      share that left unused (this kit's estimate; it assumes the points still outstanding will go the
      same way);
    - ``reward_cost``: what the redeemed rewards cost (yuan), ``cost_per_point = reward_cost ÷ redeemed``;
    - ``liability``: :func:`points_liability` of the outstanding points.

    Parameters
    ----------
    ledger : DataFrame
        The points ledger: ``entry_date``, ``entry`` (``earned``, ``redeemed``, ``expired``), ``points``
        (negative for redeemed and expired) and ``reward_cost``.
    as_of : date-like, optional
        Count the entries up to this day (default all).

    Returns
    -------
    Series
        The nine numbers above.

    Raises
    ------
    ValueError
        If a column is missing, an entry kind is unknown, or nothing has been redeemed or expired yet.

    Examples
    --------
    >>> ledger = pd.DataFrame({"entry_date": ["2024-01-05", "2024-06-30", "2024-12-31", "2025-02-01"],
    ...                        "entry": ["earned", "redeemed", "expired", "earned"],
    ...                        "points": [10_000, -6_000, -2_000, 5_000], "reward_cost": [0.0, 360.0, 0.0, 0.0]})
    >>> points_summary(ledger)
    earned             15000.00
    redeemed            6000.00
    expired             2000.00
    outstanding         7000.00
    breakage               0.25
    reward_cost          360.00
    cost_per_point         0.06
    liability            315.00
    redemption_rate        0.75
    dtype: float64
    """
    require_columns(ledger, ["entry_date", "entry", "points", "reward_cost"], "ledger")
    kind = check_keys(ledger["entry"], "ledger['entry']", POINTS_ENTRIES, "entry")
    if as_of is not None:
        keep = as_dates(ledger["entry_date"], "ledger['entry_date']") <= as_date(as_of, "as_of")
        ledger, kind = ledger[keep], kind[keep]
    pts = pd.to_numeric(ledger["points"])
    earned = float(pts[kind == "earned"].sum())
    redeemed = -float(pts[kind == "redeemed"].sum())
    expired = -float(pts[kind == "expired"].sum())
    if redeemed + expired <= 0:
        raise ValueError("no point has been redeemed or has expired yet: breakage and cost per point are unknown")
    cost = float(pd.to_numeric(ledger["reward_cost"]).sum())
    breakage = expired / (redeemed + expired)
    per_point = cost / redeemed if redeemed else 0.0
    outstanding = earned - redeemed - expired
    return pd.Series({
        "earned": earned, "redeemed": redeemed, "expired": expired, "outstanding": outstanding,
        "breakage": round(breakage, 4), "reward_cost": round(cost, 2), "cost_per_point": round(per_point, 4),
        "liability": points_liability(outstanding, breakage, per_point),
        "redemption_rate": round(1 - breakage, 4),
    })

"""Tier design (会员等级设计): who reaches which tier, and what the tier bonuses cost.

A tiered programme gives more to those who buy more (the materials' 针对不同客户级别的客户关怀): a
multiplier on the points, better rewards. Tier design asks where to put the thresholds and what the
bonus points cost against the revenue of each tier.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, check_keys, check_number, require_columns
from ..vocabulary import LOYALTY_TIERS

__all__ = ["DEFAULT_TIERS", "tier_for", "tier_summary"]

#: The company programme's tiers: points earned in the previous calendar year needed, and the points multiplier.
DEFAULT_TIERS = pd.DataFrame(
    {"threshold": [0, 20_000, 100_000], "multiplier": [1.0, 1.2, 1.5]}, index=pd.Index(LOYALTY_TIERS, name="tier"),
)


def tier_for(points: pd.Series, tiers: pd.DataFrame | None = None) -> pd.Series:
    """The tier a member reaches with the points she earned in a year (等级评定).

    The highest tier whose ``threshold`` the points reach. Source: the company programme's rules
    (``datasets/README.md``; this kit's convention).

    Parameters
    ----------
    points : Series
        Points earned per member in the year.
    tiers : DataFrame, optional
        ``threshold`` per tier, rising, the first 0; default :data:`DEFAULT_TIERS`.

    Returns
    -------
    Series
        Tier key per member.

    Raises
    ------
    ValueError
        If a value is negative or the thresholds do not rise from 0.

    Examples
    --------
    >>> tier_for(pd.Series({"a": 5_000, "b": 20_000, "c": 250_000})).tolist()
    ['silver', 'gold', 'platinum']
    """
    tiers = DEFAULT_TIERS if tiers is None else tiers
    require_columns(tiers, ["threshold"], "tiers")
    edges = tiers["threshold"].to_numpy(dtype=float)
    if edges[0] != 0 or (np.diff(edges) <= 0).any():
        raise ValueError(f"tiers['threshold'] must start at 0 and rise, got {edges.tolist()}")
    p = as_numeric_series(points, "points", allow_negative=False)
    code = np.searchsorted(edges, p.to_numpy(), side="right") - 1
    return pd.Series(np.asarray(tiers.index)[code], index=p.index, name="tier")


def tier_summary(ledger: pd.DataFrame, tiers: pd.DataFrame | None = None, cost_per_point: float = 0.06
                 ) -> pd.DataFrame:
    """Points earned in each tier and what the tier bonuses cost (等级结构与成本).

    ``bonus points = earned − earned ÷ multiplier`` (the points a member got only because of her tier);
    ``bonus cost = bonus points × cost per point``. Source: this kit's convention.

    Parameters
    ----------
    ledger : DataFrame
        The points ledger: ``customer_id``, ``entry``, ``points`` and ``tier`` (the member's tier when
        she earned the points).
    tiers : DataFrame, optional
        ``multiplier`` per tier; default :data:`DEFAULT_TIERS`.
    cost_per_point : float
        What a redeemed point costs the company (default 0.06 yuan).

    Returns
    -------
    DataFrame
        One row per tier: ``members`` (who earned in it), ``points``, ``share``, ``bonus_points``, ``bonus_cost``.

    Raises
    ------
    ValueError
        If a column is missing or a tier is unknown.

    Examples
    --------
    >>> ledger = pd.DataFrame({"customer_id": ["a", "b", "b"], "entry": ["earned"] * 3,
    ...                        "points": [1_000, 1_200, 3_000], "tier": ["silver", "gold", "platinum"]})
    >>> tier_summary(ledger)
              members  points   share  bonus_points  bonus_cost
    silver          1    1000  0.1923           0.0         0.0
    gold            1    1200  0.2308         200.0        12.0
    platinum        1    3000  0.5769        1000.0        60.0
    """
    tiers = DEFAULT_TIERS if tiers is None else tiers
    require_columns(tiers, ["multiplier"], "tiers")
    require_columns(ledger, ["customer_id", "entry", "points", "tier"], "ledger")
    c = check_number(cost_per_point, "cost_per_point")
    earned = ledger[ledger["entry"] == "earned"]
    tier = check_keys(earned["tier"], "ledger['tier']", tiers.index, "tier")
    pts = pd.to_numeric(earned["points"]).groupby(tier).sum().reindex(tiers.index, fill_value=0)
    members = earned.groupby(tier)["customer_id"].nunique().reindex(tiers.index, fill_value=0)
    bonus = (pts - pts / tiers["multiplier"]).round(0)
    out = pd.DataFrame({"members": members, "points": pts, "share": (pts / pts.sum()).round(4),
                        "bonus_points": bonus, "bonus_cost": (bonus * c).round(2)})
    out.index.name = None
    return out

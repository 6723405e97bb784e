"""Loyalty programmes (忠诚计划): points economics, tier design and whether the programme pays.

Lesson 13's first part, one module each:

- :mod:`~kamcourse.loyalty_programme.points`: earned, redeemed, expired and outstanding points, breakage,
  cost per point and liability, :func:`points_summary`, :func:`points_liability`;
- :mod:`~kamcourse.loyalty_programme.tiers`: :data:`DEFAULT_TIERS`, :func:`tier_for`, :func:`tier_summary`;
- :mod:`~kamcourse.loyalty_programme.incrementality`: members against non-members (selection bias) and
  invited against held-out customers (the programme's effect): :func:`member_comparison`,
  :func:`holdout_comparison`, :func:`break_even_uplift`, :func:`incremental_margin`,
  :data:`MEMBER_CARD_CLAIM`.

>>> from kamcourse import loyalty_programme
>>> loyalty_programme.points_liability(100_000, 0.25, 0.06)
4500.0
"""

from .incrementality import (
    MEMBER_CARD_CLAIM,
    break_even_uplift,
    holdout_comparison,
    incremental_margin,
    member_comparison,
)
from .points import points_liability, points_summary
from .tiers import DEFAULT_TIERS, tier_for, tier_summary

__all__ = [
    "MEMBER_CARD_CLAIM",
    "DEFAULT_TIERS",
    "points_summary",
    "points_liability",
    "tier_for",
    "tier_summary",
    "member_comparison",
    "holdout_comparison",
    "break_even_uplift",
    "incremental_margin",
]

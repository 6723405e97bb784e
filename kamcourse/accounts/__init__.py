"""Key-account identification (大客户的识别): Pareto/ABC, pyramid, portfolio matrix, scoring.

The course materials define a key account (大客户) two ways: subjectively (the
accounts that matter most to the firm now and in future) and objectively
(the 80/20 rule and the customer pyramid). This package gives the objective
tools and the course's example identification rule, one module each:

- :mod:`~kamcourse.accounts.pareto`: :func:`pareto_table`, :func:`top_share`:
  how concentrated revenue is (二八法则); :func:`abc_classes`: A/B/C classes
  by cumulative share (ABC分类);
- :mod:`~kamcourse.accounts.pyramid`: :func:`customer_pyramid`,
  :func:`pyramid_table`: VIP 1% / major 4% / ordinary 15% / small 80% (客户金字塔);
- :mod:`~kamcourse.accounts.portfolio`: :func:`portfolio_quadrant`: customer
  attractiveness × the supplier's relative strength → four account types
  (大客户/重点开发/维持关系/机会主义);
- :mod:`~kamcourse.accounts.scoring`: :func:`score_accounts`: a weighted score
  over several criteria;
- :mod:`~kamcourse.accounts.strategic`: :func:`strategic_key_accounts`:
  "annual purchases above X% of our revenue and growth above Y% for three
  years running" (战略级大客户).

Customers are always ranked by value, highest first; equal values are ranked
by their label (index) when the labels can be sorted, otherwise by position,
so every result is deterministic.

>>> import pandas as pd
>>> round(top_share(pd.Series({"a": 70, "b": 10, "c": 8, "d": 7, "e": 5}), top=0.2), 2)
0.7
"""

from .pareto import ABC_CLASSES, abc_classes, pareto_table, top_share
from .portfolio import QUADRANTS, portfolio_quadrant
from .pyramid import PYRAMID_TIERS, customer_pyramid, pyramid_table
from .scoring import score_accounts
from .strategic import strategic_key_accounts

__all__ = [
    "ABC_CLASSES",
    "PYRAMID_TIERS",
    "QUADRANTS",
    "pareto_table",
    "top_share",
    "abc_classes",
    "customer_pyramid",
    "pyramid_table",
    "portfolio_quadrant",
    "score_accounts",
    "strategic_key_accounts",
]

"""Key-account economics: discount break-even, customer profitability, whale curve (大客户的经济性).

The course materials warn that big accounts are not automatically good
business: "for a supplier with a 20% gross margin, a 5% discount needs 33%
more volume to make up for it", and the largest customers, after what it
costs to serve them, can lose money. This package does that arithmetic, one module each:

- :mod:`~kamcourse.economics.breakeven`: :func:`breakeven_volume_increase`
  and its mirror :func:`breakeven_volume_decrease` (折扣/提价的盈亏平衡销量),
  :func:`breakeven_table`;
- :mod:`~kamcourse.economics.profitability`: :func:`customer_profitability`:
  revenue, gross profit, cost-to-serve and net profit per account
  (客户盈利性分析); :func:`whale_curve` and :func:`whale_peak`: cumulative
  profit against customers ranked from the most to the least profitable (鲸鱼曲线).

>>> round(breakeven_volume_increase(0.20, 0.05), 4)
0.3333
"""

from .breakeven import breakeven_table, breakeven_volume_decrease, breakeven_volume_increase
from .profitability import customer_profitability, whale_curve, whale_peak

__all__ = [
    "breakeven_volume_increase",
    "breakeven_volume_decrease",
    "breakeven_table",
    "customer_profitability",
    "whale_curve",
    "whale_peak",
]

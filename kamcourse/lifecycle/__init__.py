"""Customer relationship lifecycle (客户关系生命周期) read from purchase history.

The Chinese textbooks split a relationship into 考察期 (exploration), 形成期
(formation), 稳定期 (stability) and 退化期 (decline), some adding 终止期
(termination). A CRM system does not record the stage, so this package infers
it from the orders with explicit, adjustable rules, one module each:

- :mod:`~kamcourse.lifecycle.stages`: :func:`classify_stages` (the rules) and
  :func:`stage_summary` (what each stage brings and costs);
- :mod:`~kamcourse.lifecycle.history`: one customer through the stages,
  :func:`lifecycle_curve`, :func:`stage_history`;
- :mod:`~kamcourse.lifecycle.patterns`: the path a relationship took,
  :func:`lifecycle_pattern`, :func:`lifecycle_patterns`;
- :mod:`~kamcourse.lifecycle.win_back`: lapsing customers ranked for win-back,
  :func:`win_back_priority`.

The stage keys and rule thresholds are course vocabulary
(:data:`kamcourse.vocabulary.STAGES`, :data:`kamcourse.vocabulary.STAGE_RULES`),
shared with the data generator.

>>> from kamcourse import lifecycle
>>> lifecycle.STAGES[0], lifecycle.lifecycle_pattern(["exploration", "termination"])
('exploration', 'early_abort')
"""

from .history import lifecycle_curve, stage_history
from .patterns import PATTERNS, lifecycle_pattern, lifecycle_patterns
from .stages import STAGES, classify_stages, stage_summary
from .win_back import WIN_BACK_ACTIONS, win_back_priority

__all__ = [
    "STAGES",
    "PATTERNS",
    "WIN_BACK_ACTIONS",
    "classify_stages",
    "stage_summary",
    "lifecycle_curve",
    "stage_history",
    "lifecycle_pattern",
    "lifecycle_patterns",
    "win_back_priority",
]

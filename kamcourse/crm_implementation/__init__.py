"""Implementing and evaluating CRM (客户关系管理的实施与评估), one concept per module.

Lesson 16 of the course:

- :mod:`~kamcourse.crm_implementation.steps`: the implementation steps as the course materials list
  them (:func:`implementation_steps`);
- :mod:`~kamcourse.crm_implementation.selection`: choosing a system with a weighted decision matrix
  and how robust the choice is (:func:`decision_matrix`, :func:`weight_to_switch`);
- :mod:`~kamcourse.crm_implementation.migration`: reconciling migrated records with their source
  (:func:`reconcile`, :func:`record_faults`);
- :mod:`~kamcourse.crm_implementation.adoption`: training and adoption from the usage records
  (:func:`adoption_curve`, :func:`adoption_by_training`);
- :mod:`~kamcourse.crm_implementation.risks`: the project's risk register (:func:`risk_register`);
- :mod:`~kamcourse.crm_implementation.scorecard`: the CRM scorecard across customer, financial,
  process and people perspectives (:func:`crm_scorecard`, :func:`scorecard_guide`);
- :mod:`~kamcourse.crm_implementation.comparison`: before/after comparisons against the trend
  (:func:`before_after`);
- :mod:`~kamcourse.crm_implementation.team`: the CRM team in the company rules, and what incentives
  do to the records (:func:`crm_team_rules`, :func:`incentive_effect`).

>>> risk_level(12)
'high'
"""

from . import adoption, comparison, migration, risks, scorecard, selection, steps, team
from .adoption import *  # noqa: F401,F403
from .comparison import *  # noqa: F401,F403
from .migration import *  # noqa: F401,F403
from .risks import *  # noqa: F401,F403
from .scorecard import *  # noqa: F401,F403
from .selection import *  # noqa: F401,F403
from .steps import *  # noqa: F401,F403
from .team import *  # noqa: F401,F403

__all__ = list(dict.fromkeys([
    *steps.__all__, *selection.__all__, *migration.__all__, *adoption.__all__, *risks.__all__,
    *scorecard.__all__, *comparison.__all__, *team.__all__,
]))

"""Customer service and complaint handling (客户服务与投诉处理), lesson 12's second and third parts.

One module each:

- :mod:`~kamcourse.service.levels`: response and resolution times, first-contact resolution, targets
  missed and backlog: :data:`SERVICE_TARGETS`, :func:`target_misses`, :func:`service_levels`, :func:`backlog`;
- :mod:`~kamcourse.service.cost`: differentiated service and its cost, :func:`cost_to_serve_by_tier`;
- :mod:`~kamcourse.service.complaints`: the complaint-handling process, the taxonomy (category vs root
  cause) and :func:`cause_pareto`;
- :mod:`~kamcourse.service.recovery`: whether a customer kept buying after a complaint
  (:func:`revenue_kept`, :func:`rate_by_band`) and the service-recovery paradox
  (:func:`recovery_groups`, :data:`RECOVERY_PARADOX_EVIDENCE`).

>>> from kamcourse import service
>>> service.COMPLAINT_PROCESS[0], float(service.SERVICE_TARGETS.loc["high", "response_hours"])
('receive', 2.0)
"""

from .complaints import COMPLAINT_CATEGORIES, COMPLAINT_PROCESS, ROOT_CAUSES, cause_pareto
from .cost import cost_to_serve_by_tier
from .levels import SERVICE_TARGETS, backlog, service_levels, target_misses
from .recovery import RECOVERY_GROUPS, RECOVERY_PARADOX_EVIDENCE, rate_by_band, recovery_groups, revenue_kept

__all__ = [
    "SERVICE_TARGETS",
    "COMPLAINT_PROCESS",
    "COMPLAINT_CATEGORIES",
    "ROOT_CAUSES",
    "RECOVERY_PARADOX_EVIDENCE",
    "RECOVERY_GROUPS",
    "target_misses",
    "service_levels",
    "backlog",
    "cost_to_serve_by_tier",
    "cause_pareto",
    "revenue_kept",
    "rate_by_band",
    "recovery_groups",
]

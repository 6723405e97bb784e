"""Relationship maintenance (客户关系维护): the three kinds, the contact plan, what the contact history shows.

Lesson 12's first part, one module each:

- :mod:`~kamcourse.maintenance.kinds`: 情感维护, 信息维护, 服务维护 and the maintenance process of the
  company CRM rules (course materials), :func:`maintenance_mix`;
- :mod:`~kamcourse.maintenance.plan`: touches per year by tier and lifecycle stage, the team's hours,
  and the plan cut to capacity: :func:`contact_plan`, :func:`plan_hours`, :func:`fit_to_capacity`;
- :mod:`~kamcourse.maintenance.history`: the contact history counted and set beside the plan, and the
  longest silences: :func:`touch_counts`, :func:`plan_vs_actual`, :func:`longest_silence`.

>>> from kamcourse import maintenance
>>> maintenance.MAINTENANCE_KINDS
('emotional_maintenance', 'information_maintenance', 'service_maintenance')
"""

from .history import PLAN_STATUS, longest_silence, plan_vs_actual, touch_counts
from .kinds import MAINTENANCE_KINDS, MAINTENANCE_PROCESS, TOUCH_KINDS, maintenance_mix
from .plan import DEFAULT_PLAN, STAGE_ADJUSTMENT, TIERS, TOUCH_HOURS, contact_plan, fit_to_capacity, plan_hours

__all__ = [
    "MAINTENANCE_KINDS",
    "TOUCH_KINDS",
    "MAINTENANCE_PROCESS",
    "TIERS",
    "DEFAULT_PLAN",
    "STAGE_ADJUSTMENT",
    "TOUCH_HOURS",
    "PLAN_STATUS",
    "maintenance_mix",
    "contact_plan",
    "plan_hours",
    "fit_to_capacity",
    "touch_counts",
    "plan_vs_actual",
    "longest_silence",
]

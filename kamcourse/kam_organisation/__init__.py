"""Organising for key accounts (大客户管理组织与大客户计划): the buying centre, dependence, the KAM organisation, plans.

Lesson 15 of the course, one concept per module:

- :mod:`~kamcourse.kam_organisation.buying_centre`: each account's contacts by buying-centre role
  (Webster & Wind 1972) and whether anyone of ours covers its deciders (:func:`buying_centre_map`,
  :func:`decider_coverage`);
- :mod:`~kamcourse.kam_organisation.customer_assets`: why KAM matters beyond size, customer share over
  market share (客户占有) and customer equity (客户资产) (:func:`customer_share`, :func:`customer_equity`);
- :mod:`~kamcourse.kam_organisation.dependence`: revenue concentration, the Herfindahl-Hirschman
  index and what losing the top account would do (:func:`concentration`, :func:`herfindahl`,
  :func:`loss_impact`);
- :mod:`~kamcourse.kam_organisation.organisation`: the course materials' lists on why KAM matters,
  its problems, the organisation (inverted pyramid, KAM department, support team), the manager's role
  ("engineer + salesperson + leader") and the KAM process chain (:func:`kam_table`);
- :mod:`~kamcourse.kam_organisation.kpis`: the courseware's KAM KPIs per year (:func:`kam_kpis`,
  :func:`kpi_status`);
- :mod:`~kamcourse.kam_organisation.contact_plan` and :mod:`~kamcourse.kam_organisation.key_account_plan`:
  the one-page key-account plan (:func:`relationship_plan`, :func:`account_plan`).

>>> round(herfindahl([50, 30, 20]), 2)
0.38
"""

from . import buying_centre, contact_plan, customer_assets, dependence, key_account_plan, kpis, organisation
from .buying_centre import *  # noqa: F401,F403
from .contact_plan import *  # noqa: F401,F403
from .customer_assets import *  # noqa: F401,F403
from .dependence import *  # noqa: F401,F403
from .key_account_plan import *  # noqa: F401,F403
from .kpis import *  # noqa: F401,F403
from .organisation import *  # noqa: F401,F403

__all__ = [
    *buying_centre.__all__, *dependence.__all__, *organisation.__all__, *kpis.__all__, *contact_plan.__all__,
    *key_account_plan.__all__, *customer_assets.__all__,
]

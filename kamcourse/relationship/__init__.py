"""Relationship levels, KAM stages and contact coverage (关系营销水平、大客户关系阶段、联系人覆盖).

Three ideas of the key-account chapter that describe *how close* a supplier
is to an account, one module each:

- :mod:`~kamcourse.relationship.levels`: Kotler's five levels of relationship
  marketing (关系营销的水平) and the matrix that picks a level from the number
  of customers and the margin, exactly as the course materials print it
  (:func:`relationship_levels`);
- :mod:`~kamcourse.relationship.stages`: the stages a key-account
  relationship goes through: Millman & Wilson's six KAM stages
  (:data:`KAM_STAGES`) and McDonald & Rogers' relationship stages
  (:data:`MCDONALD_ROGERS_STAGES`);
- :mod:`~kamcourse.relationship.coverage`: who holds the contacts at each
  account: one person ("bow tie", 领结型) or many people across functions
  ("diamond", 钻石型), measured on a contacts table (:func:`contact_coverage`).

>>> relationship_levels("few", "high")
('partnership',)
"""

from . import coverage, levels, stages
from .coverage import *  # noqa: F401,F403
from .levels import *  # noqa: F401,F403
from .stages import *  # noqa: F401,F403

__all__ = [*levels.__all__, *stages.__all__, *coverage.__all__]

"""Relationship levels, KAM stages and contact coverage (关系营销水平、大客户关系阶段、联系人覆盖).

Three ideas of the key-account chapter that describe *how close* a supplier
is to an account, one module each:

- :mod:`~kamcourse.relationship.levels`: Kotler's five levels of relationship
  marketing (关系营销的水平) and the matrix that picks a level from the number
  of customers and the margin, exactly as the course materials print it
  (:func:`relationship_levels`);
- :mod:`~kamcourse.relationship.kam_stages`: the stages a key-account
  relationship goes through: Millman & Wilson's six KAM stages
  (:data:`KAM_STAGES`) and McDonald & Rogers' relationship stages
  (:data:`MCDONALD_ROGERS_STAGES`);
- :mod:`~kamcourse.relationship.coverage`: who holds the contacts at each
  account: one person ("bow tie", 领结型) or many people across functions
  ("diamond", 钻石型), measured on a contacts table (:func:`contact_coverage`).

>>> relationship_levels("few", "high")
('partnership',)
"""

from .coverage import COVERAGE_MODELS, contact_coverage
from .kam_stages import (
    KAM_STAGE_DESCRIPTIONS,
    KAM_STAGES,
    MCDONALD_ROGERS_DESCRIPTIONS,
    MCDONALD_ROGERS_STAGES,
    kam_stages,
)
from .levels import (
    KOTLER_MATRIX,
    MARGIN_CATEGORIES,
    N_CUSTOMERS_CATEGORIES,
    RELATIONSHIP_LEVEL_DESCRIPTIONS,
    RELATIONSHIP_LEVELS,
    relationship_level_table,
    relationship_levels,
    relationship_matrix,
)

__all__ = [
    "RELATIONSHIP_LEVELS",
    "RELATIONSHIP_LEVEL_DESCRIPTIONS",
    "N_CUSTOMERS_CATEGORIES",
    "MARGIN_CATEGORIES",
    "KOTLER_MATRIX",
    "relationship_levels",
    "relationship_level_table",
    "relationship_matrix",
    "KAM_STAGES",
    "KAM_STAGE_DESCRIPTIONS",
    "MCDONALD_ROGERS_STAGES",
    "MCDONALD_ROGERS_DESCRIPTIONS",
    "kam_stages",
    "COVERAGE_MODELS",
    "contact_coverage",
]

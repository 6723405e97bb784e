"""Case: Gree vs Gome, 2004 (格力与国美之争) — a key account in conflict with its supplier.

In February 2004 Chengdu Gome (成都国美) cut the prices of Gree (格力) air
conditioners without Gree's consent; by March 2004 Gree products had left all
of Gome's stores. The course materials use the case to argue for a key-account
manager system (大客户经理制度).

Every fact here carries its sources and a status (``"sourced"``,
``"course_materials"``, ``"kit_summary"``, ``"hypothetical"``, …; see
:mod:`kamcourse.cases`). The later reconciliation of the two firms and a
supply stop to Chengdu Gome, often told in courseware, are left out: no
retrieved source confirms them.

The package holds, in :mod:`~kamcourse.cases.gree_gome.facts`, the dated
:data:`TIMELINE`, the two reported :data:`PRICE_CUTS`, the two channel models
side by side (:data:`CHANNEL_MODELS`), what a key-account system would have
changed (:data:`KAM_CHANGES`) and :data:`DISCUSSION_QUESTIONS`; in
:mod:`~kamcourse.cases.gree_gome.recovery`, the discount arithmetic seen from
both firms; in :mod:`~kamcourse.cases.gree_gome.game`, an explicitly
hypothetical game of the stand-off (:data:`STANDOFF`) with best responses and
Nash equilibria. Texts are glossary keys, shown in the current
language by :func:`kamcourse.i18n.label`.
"""

from ..evidence import EVIDENCE_STATUSES, SOURCES, Claim, Fact
from . import facts, game, recovery
from .facts import *  # noqa: F401,F403
from .game import *  # noqa: F401,F403
from .recovery import *  # noqa: F401,F403

__all__ = ["EVIDENCE_STATUSES", "SOURCES", "Fact", "Claim", *facts.__all__, *recovery.__all__, *game.__all__]

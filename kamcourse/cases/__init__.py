"""The course cases, one package each: the case facts with their sources, and helpers.

- :mod:`kamcourse.cases.gree_gome`        Gree vs Gome, 2004 (格力与国美之争): a key account in conflict
- :mod:`kamcourse.cases.runaway_horse`    "runaway horse" (脱缰野马): an account held by one salesperson
- :mod:`kamcourse.cases.complaint_relay`  "complaint relay" (抱怨传递): complaints passed from hand to hand

Every statement of a case carries its sources (keys of :data:`SOURCES`) and a
status (:data:`EVIDENCE_STATUSES`):

- ``"sourced"``: an outside source confirms it;
- ``"course_materials"``: the Chinese course materials state it (and nothing else);
- ``"unconfirmed"``: a claim no source confirmed (never presented as fact);
- ``"kit_summary"``: this kit's own summary or teaching framing;
- ``"hypothetical"``: an invented illustration (e.g. a payoff matrix).

:class:`Fact` and :class:`Claim` (:mod:`kamcourse.cases.evidence`) refuse a
dishonest status when they are made, e.g. a course-materials statement marked "sourced".
"""

from . import complaint_relay, gree_gome, runaway_horse
from .evidence import EVIDENCE_STATUSES, SOURCES, Claim, Fact, claims_table, sources_text

__all__ = [
    "EVIDENCE_STATUSES",
    "SOURCES",
    "Fact",
    "Claim",
    "sources_text",
    "claims_table",
    "gree_gome",
    "runaway_horse",
    "complaint_relay",
]

"""Case "complaint relay" (抱怨传递): a complaint passed from hand to hand.

The course materials tell it so: buyer 小李 at customer B phones salesperson
小张 angrily about spare parts ordered two weeks earlier; 小张 drops
everything, scolds the internal departments and promises to bring the parts
himself that afternoon. It looks customer-oriented, but it shows unmanaged
selling: the customer and the service staff get incomplete information and
the salesperson is always reacting. The lesson: a key-account process with
clear ownership of every complaint.

This package measures the pattern in the company's ``service_requests``:
complaints handed on more often take longer to resolve and leave the customer
less satisfied (:func:`handoff_table`, :func:`handoff_correlation`), and it
*estimates* what a single-owner process (at most one hand-off) might give
(:func:`single_owner_estimate`): an estimate from the data's own relation,
which assumes that relation is causal.
"""

from .estimate import handoff_slopes, single_owner_estimate
from .facts import DISCUSSION_QUESTIONS, FACTS, LESSONS, STORY
from .handoffs import complaints, handoff_correlation, handoff_table, resolution_days

__all__ = [
    "FACTS",
    "STORY",
    "LESSONS",
    "DISCUSSION_QUESTIONS",
    "resolution_days",
    "complaints",
    "handoff_table",
    "handoff_correlation",
    "handoff_slopes",
    "single_owner_estimate",
]

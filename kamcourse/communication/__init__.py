"""Communicating with customers (客户沟通): the plan, contact fatigue, consent and measuring a campaign.

Lesson 13's second part, one module each:

- :mod:`~kamcourse.communication.plan`: message, channel and frequency by lifecycle stage and tier,
  :func:`communication_plan`, :func:`messages_per_month`;
- :mod:`~kamcourse.communication.fatigue`: :func:`recent_messages`, :func:`fatigue_table`;
- :mod:`~kamcourse.communication.consent`: :func:`consent_breaches` (lesson 11, Customer information,
  treats the law);
- :mod:`~kamcourse.communication.campaign`: a randomised test and its uplift, :func:`uplift`,
  :func:`uplift_by_segment`.

>>> from kamcourse import communication
>>> communication.STAGE_MESSAGES["decline"]
'check_in'
"""

from .campaign import EXPERIMENT_GROUPS, uplift, uplift_by_segment
from .consent import consent_breaches
from .fatigue import fatigue_table, recent_messages
from .plan import STAGE_MESSAGES, TIER_CHANNELS, communication_plan, messages_per_month

__all__ = [
    "STAGE_MESSAGES",
    "TIER_CHANNELS",
    "EXPERIMENT_GROUPS",
    "communication_plan",
    "messages_per_month",
    "recent_messages",
    "fatigue_table",
    "consent_breaches",
    "uplift",
    "uplift_by_segment",
]

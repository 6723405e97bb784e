"""The communication plan (客户沟通计划): channel, frequency and message by lifecycle stage and customer tier.

The CRM rules of the course materials ask the company to talk with customers regularly (定期与客户沟通) to
learn their needs, collect feedback and solve problems, through several channels (电话、邮件、社交媒体,
"多种沟通渠道"); the CRM paper speaks of multichannel interaction (多渠道客户互动). A plan says, for each
kind of customer, what to say, on which channel and how often; the numbers here are this kit's convention.
"""

from __future__ import annotations

import pandas as pd

from ..validation import as_dates, as_period, check_keys, require_columns
from ..vocabulary import STAGES

__all__ = ["STAGE_MESSAGES", "TIER_CHANNELS", "communication_plan", "messages_per_month"]

#: What to talk about in each lifecycle stage (this kit's convention, after the stage strategies of lesson 05).
STAGE_MESSAGES = pd.Series(
    {
        "exploration": "onboarding",        # how to order, whom to call, first-order follow-up
        "formation": "solutions",           # technical information, cross-selling, case studies
        "stability": "partnership_news",    # service notices, programme news, yearly review invitation
        "decline": "check_in",              # satisfaction check, a personal call, what went wrong
        "termination": "win_back_offer",    # a win-back offer, an invitation to talk
    },
    name="message",
)
STAGE_MESSAGES.index.name = "stage"

#: Channel and the most marketing messages a month by tier (this kit's convention): the larger the account,
#: the more personal the contact and the fewer the mass messages.
TIER_CHANNELS = pd.DataFrame(
    {"channel": ["personal_wechat", "email_and_wechat", "email"], "max_per_month": [1.0, 2.0, 2.0]},
    index=pd.Index(["A", "B", "C"], name="tier"),
)


def communication_plan(stages: pd.Series, tiers: pd.Series, messages: pd.Series | None = None,
                       channels: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each customer should hear, where and how often (沟通计划).

    The message follows the customer's lifecycle stage (:data:`STAGE_MESSAGES`), the channel and the
    most messages a month follow her tier (:data:`TIER_CHANNELS`). Source: this kit's convention.

    Parameters
    ----------
    stages : Series
        Lifecycle stage per customer.
    tiers : Series
        ``"A"``/``"B"``/``"C"`` per customer, same customers.
    messages : Series, optional
        Message per stage; default :data:`STAGE_MESSAGES`.
    channels : DataFrame, optional
        ``channel`` and ``max_per_month`` per tier; default :data:`TIER_CHANNELS`.

    Returns
    -------
    DataFrame
        One row per customer: ``stage``, ``tier``, ``message``, ``channel``, ``max_per_month``.

    Raises
    ------
    ValueError
        For an unknown stage or tier or a customer without a tier.

    Examples
    --------
    >>> communication_plan(pd.Series({"c1": "stability", "c2": "decline"}), pd.Series({"c1": "A", "c2": "C"}))
            stage tier           message          channel  max_per_month
    c1  stability    A  partnership_news  personal_wechat            1.0
    c2    decline    C          check_in            email            2.0
    """
    messages = STAGE_MESSAGES if messages is None else messages
    channels = TIER_CHANNELS if channels is None else channels
    require_columns(channels, ["channel", "max_per_month"], "channels")
    stage = check_keys(stages, "stages", STAGES, "stage")
    missing = stage.index.difference(pd.Series(tiers).index)
    if len(missing):
        raise ValueError(f"tiers has no tier for customer {missing[0]!r}")
    tier = check_keys(pd.Series(tiers).loc[stage.index], "tiers", channels.index, "tier")
    out = pd.DataFrame({"stage": stage, "tier": tier, "message": messages.reindex(stage.to_numpy()).to_numpy()},
                       index=stage.index)
    out["channel"] = channels["channel"].reindex(tier.to_numpy()).to_numpy()
    out["max_per_month"] = channels["max_per_month"].reindex(tier.to_numpy()).to_numpy()
    return out


def messages_per_month(messages: pd.DataFrame, start: object, end: object, by: str = "contact_id") -> pd.Series:
    """How many messages each contact (or customer) got a month on average between two dates (沟通频率).

    Parameters
    ----------
    messages : DataFrame
        ``sent_date`` and the ``by`` column.
    start, end : date-like
        The period (both included); months = days ÷ (365.25 / 12).
    by : str
        ``"contact_id"`` (default) or ``"customer_id"``.

    Returns
    -------
    Series
        Messages a month per contact (or customer), largest first.

    Raises
    ------
    ValueError
        If a column is missing or ``end`` is before ``start``.

    Examples
    --------
    >>> m = pd.DataFrame({"contact_id": ["p1"] * 6 + ["p2"], "sent_date": ["2025-01-15"] * 6 + ["2025-02-01"]})
    >>> messages_per_month(m, "2025-01-01", "2025-03-31").round(2)
    contact_id
    p1    2.03
    p2    0.34
    Name: per_month, dtype: float64
    """
    require_columns(messages, ["sent_date", by], "messages")
    lo, hi = as_period(start, end)
    day = as_dates(messages["sent_date"], "messages['sent_date']")
    inside = messages[(day >= lo) & (day <= hi)]
    months = ((hi - lo).days + 1) / (365.25 / 12)
    counts = inside.groupby(by).size() / months
    return counts.sort_values(ascending=False, kind="stable").rename("per_month")

"""Consent (同意): a message may go only on a channel the person agreed to, and not after she withdrew.

The company CRM rules in the course materials say customer information may be used only as agreed
(未经客户同意，不得将客户信息用于其他商业用途) and must be collected with its purpose stated; the Personal
Information Protection Law of the PRC (个人信息保护法, in force 1 November 2021) makes consent one lawful
basis for processing (Art. 13) and gives the right to withdraw it (Art. 15). Lesson 11 (Customer
information) treats the law; here the rule is checked on the messages. Not legal advice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_dates, require_columns

__all__ = ["consent_breaches"]


def consent_breaches(messages: pd.DataFrame, consents: pd.DataFrame) -> pd.DataFrame:
    """The messages sent without valid consent on their channel and day (未经同意的发送).

    A message breaches consent when its contact never agreed to its channel (``no_consent``), agreed only
    after it was sent (``before_consent``), or had withdrawn before it was sent (``after_withdrawal``).

    Parameters
    ----------
    messages : DataFrame
        ``message_id``, ``contact_id``, ``channel``, ``sent_date``.
    consents : DataFrame
        One row per contact and channel: ``contact_id``, ``channel``, ``consented`` (bool),
        ``consent_date`` and ``withdrawn_date`` (empty when not withdrawn).

    Returns
    -------
    DataFrame
        The breaching messages: ``message_id``, ``contact_id``, ``channel``, ``sent_date``, ``breach``.

    Raises
    ------
    ValueError
        If a column is missing.

    Examples
    --------
    >>> msgs = pd.DataFrame({"message_id": ["M1", "M2", "M3"], "contact_id": ["p1", "p1", "p2"],
    ...                      "channel": ["email", "sms", "email"],
    ...                      "sent_date": ["2025-03-01", "2025-03-01", "2025-06-01"]})
    >>> cons = pd.DataFrame({"contact_id": ["p1", "p1", "p2"], "channel": ["email", "sms", "email"],
    ...                      "consented": [True, False, True],
    ...                      "consent_date": ["2023-01-01", None, "2023-01-01"],
    ...                      "withdrawn_date": [None, None, "2025-05-01"]})
    >>> consent_breaches(msgs, cons)
      message_id contact_id channel  sent_date            breach
    0         M2         p1     sms 2025-03-01        no_consent
    1         M3         p2   email 2025-06-01  after_withdrawal
    """
    require_columns(messages, ["message_id", "contact_id", "channel", "sent_date"], "messages")
    require_columns(consents, ["contact_id", "channel", "consented", "consent_date", "withdrawn_date"], "consents")
    c = consents.assign(consent_date=as_dates(consents["consent_date"], "consents['consent_date']", allow_missing=True),
                        withdrawn_date=as_dates(consents["withdrawn_date"], "consents['withdrawn_date']",
                                                allow_missing=True))
    m = messages[["message_id", "contact_id", "channel", "sent_date"]].assign(
        sent_date=as_dates(messages["sent_date"], "messages['sent_date']"))
    j = m.merge(c[["contact_id", "channel", "consented", "consent_date", "withdrawn_date"]],
                on=["contact_id", "channel"], how="left")
    agreed = j["consented"].fillna(False).astype(bool)
    breach = np.select(
        [~agreed, j["sent_date"] < j["consent_date"], j["withdrawn_date"].notna() & (j["sent_date"] > j["withdrawn_date"])],
        ["no_consent", "before_consent", "after_withdrawal"], default="",
    )
    out = j.loc[breach != "", ["message_id", "contact_id", "channel", "sent_date"]].assign(breach=breach[breach != ""])
    return out.reset_index(drop=True)

"""Extension ``communications``: the last year's marketing messages (客户沟通记录) and the contacts' consents.

``consents``: one row per contact person and channel (e-mail, WeChat, SMS): whether she agreed to receive
messages there, when, and when she withdrew. ``communications``: every message the marketing team sent in
the last calendar year to the decision maker and the first purchasing contact of the accounts that ordered
in the last two years: channel, kind, whether it was opened and whether the recipient opted out.

Built in on purpose (answer table ``consent_breaches``):

- **contact fatigue**: the chance to open a message falls with the messages the person got in the 30 days
  before (times 0.9 per message) and the chance to opt out rises past two a month;
- **more messages for smaller accounts**: the team sends about 1.5 messages a month to A-tier contacts,
  2.5 to B and 4 to C (mass mailing), the opposite of a plan that keeps the big accounts personal;
- **two consent breaches**: a March SMS promotion sent to contacts who never agreed to SMS, and WeChat
  opt-outs that reach the mailing system only 30 days late (messages keep coming meanwhile).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import MESSAGE_CHANNELS, MESSAGE_KINDS
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension
from .groundwork import revenue_tiers

__all__ = ["EXTENSION", "MONTHLY_MESSAGES", "build"]

#: Messages a month the marketing team sends to a contact, by tier.
MONTHLY_MESSAGES: dict[str, float] = {"A": 1.5, "B": 2.5, "C": 4.0}
_CONSENT_CHANCE = (0.85, 0.65, 0.35)  # MESSAGE_CHANNELS order
_CHANNEL_PREFERENCE = np.array([0.6, 0.3, 0.1])
_KIND_MIX = (0.3, 0.4, 0.15, 0.05, 0.1)  # MESSAGE_KINDS order
_OPEN_BASE = np.array([0.35, 0.25, 0.7, 0.6, 0.3])
_OPEN_CHANNEL = np.array([1.0, 1.2, 0.8])
_SYNC_DELAY_DAYS = 30

CONSENTS = Table(
    "consents",
    (
        ("contact_id", "str"), ("customer_id", "str"), ("channel", "str"), ("consented", "bool"),
        ("consent_date", "date"), ("withdrawn_date", "date"),
    ),
    primary_key=("contact_id", "channel"),
    foreign_keys=(("contact_id", "contacts", "contact_id"), ("customer_id", "customers", "customer_id")),
)
COMMUNICATIONS = Table(
    "communications",
    (
        ("message_id", "str"), ("customer_id", "str"), ("contact_id", "str"), ("sent_date", "date"),
        ("channel", "str"), ("kind", "str"), ("opened", "bool"), ("opted_out", "bool"),
    ),
    primary_key=("message_id",),
    foreign_keys=(("contact_id", "contacts", "contact_id"), ("customer_id", "customers", "customer_id")),
    indexes=(("contact_id",), ("sent_date",)),
)
BREACHES = Table(
    "consent_breaches",
    (("message_id", "str"), ("breach", "str")),
    primary_key=("message_id",),
)


def _recipients(tables: Mapping[str, pd.DataFrame], since: pd.Timestamp) -> pd.DataFrame:
    """The decision maker and the first purchasing contact of each account that ordered since ``since``."""
    orders = tables["orders"]
    active = set(orders.loc[orders["order_date"] >= since, "customer_id"])
    contacts = tables["contacts"]
    contacts = contacts[contacts["customer_id"].isin(active)]
    pick = contacts[contacts["decision_level"] == "decision_maker"].groupby("customer_id").head(1)
    buyer = contacts[contacts["role"] == "purchasing"].groupby("customer_id").head(1)
    chosen = pd.concat([pick, buyer]).drop_duplicates("contact_id").sort_values("contact_id", kind="stable")
    tier = revenue_tiers(orders)
    return chosen.assign(tier=tier.reindex(chosen["customer_id"]).fillna("C").to_numpy())


def _consents(contacts: pd.DataFrame, end: pd.Timestamp, rng: np.random.Generator) -> pd.DataFrame:
    """Every contact's consent per channel, given some time in the three years before the last one."""
    n = len(contacts)
    rows = []
    lo = pd.Timestamp(year=end.year - 4, month=1, day=1)
    span = (pd.Timestamp(year=end.year - 1, month=12, day=31) - lo).days
    for k, channel in enumerate(MESSAGE_CHANNELS):
        yes = rng.random(n) < _CONSENT_CHANCE[k]
        day = lo + pd.to_timedelta(rng.integers(0, span + 1, n), "D")
        rows.append(pd.DataFrame({
            "contact_id": contacts["contact_id"].to_numpy(), "customer_id": contacts["customer_id"].to_numpy(),
            "channel": channel, "consented": yes, "consent_date": np.where(yes, day, pd.NaT), "withdrawn_date": pd.NaT,
        }))
    out = pd.concat(rows, ignore_index=True)
    out["consent_date"] = pd.to_datetime(out["consent_date"])
    out["withdrawn_date"] = pd.to_datetime(out["withdrawn_date"])
    return out


def _send(person: pd.Series, allowed: dict[str, bool], year: int, rng: np.random.Generator
          ) -> tuple[list[tuple], dict[str, int]]:
    """One contact's year of messages, in date order: fatigue, opt-outs and the two breaches (days of the year)."""
    days = np.sort(rng.integers(0, 365, rng.poisson(12 * MONTHLY_MESSAGES[person["tier"]])))
    n = len(days)
    kinds = rng.choice(5, n, p=_KIND_MIX)
    u_blast, u_channel, u_open, u_out = rng.random((4, n))
    march = (days >= 59) & (days < 90)  # 1 March to 31 March (day 59 is 1 March in a common year)
    withdrawn: dict[str, int] = {}
    sent: list[int] = []
    rows = []
    for j, d in enumerate(days):
        kind = int(kinds[j])
        blast = kind == 1 and bool(march[j]) and u_blast[j] < 0.5
        if blast:
            ch = 2
        else:
            ok = [k for k, c in enumerate(MESSAGE_CHANNELS) if allowed[c] and (
                c not in withdrawn or (c == "wechat" and d <= withdrawn[c] + _SYNC_DELAY_DAYS))]
            if not ok:
                continue
            cum = np.cumsum(_CHANNEL_PREFERENCE[ok]) / _CHANNEL_PREFERENCE[ok].sum()
            ch = ok[min(int(np.searchsorted(cum, u_channel[j], side="right")), len(ok) - 1)]
        recent = sum(1 for s in sent if d - 30 <= s < d)
        opened = u_open[j] < min(0.95, _OPEN_BASE[kind] * _OPEN_CHANNEL[ch] * 0.9 ** recent)
        channel = MESSAGE_CHANNELS[ch]
        out = allowed[channel] and channel not in withdrawn and u_out[j] < 0.002 + 0.006 * max(0, recent - 2)
        if out:
            withdrawn[channel] = int(d)
        late = channel in withdrawn and d > withdrawn[channel] and not out
        breach = "sms_blast" if blast and not allowed["sms"] else ("late_opt_out_sync" if late else None)
        sent.append(int(d))
        rows.append((person["customer_id"], person["contact_id"], int(d), channel, MESSAGE_KINDS[kind], bool(opened),
                     bool(out), breach))
    return rows, withdrawn


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the consents and the last year's messages (``consents``, ``communications``, ``consent_breaches``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> set(t["communications"]["channel"]) <= set(MESSAGE_CHANNELS)
    True
    >>> bool(t["consents"]["consented"].any())
    True
    """
    end = pd.Timestamp(END_DATE)
    consents = _consents(tables["contacts"], end, rng)
    given = consents.set_index(["contact_id", "channel"])["consented"]
    recipients = _recipients(tables, pd.Timestamp(year=end.year - 1, month=1, day=1))
    year_start = pd.Timestamp(year=end.year, month=1, day=1)
    rows, opt_outs = [], {}
    for _, person in recipients.iterrows():
        allowed = {c: bool(given[(person["contact_id"], c)]) for c in MESSAGE_CHANNELS}
        mine, withdrawn = _send(person, allowed, end.year, rng)
        rows += mine
        opt_outs.update({(person["contact_id"], c): d for c, d in withdrawn.items()})
    keys = list(zip(consents["contact_id"], consents["channel"]))
    day_out = np.array([opt_outs.get(k, -1) for k in keys])
    consents["withdrawn_date"] = pd.to_datetime(
        np.where(day_out >= 0, (year_start + pd.to_timedelta(np.maximum(day_out, 0), "D")).to_numpy(), np.datetime64("NaT")))
    columns = [*COMMUNICATIONS.column_names[1:], "breach"]
    msgs = pd.DataFrame(rows, columns=columns)
    msgs["sent_date"] = year_start + pd.to_timedelta(msgs["sent_date"], "D")
    msgs = msgs.sort_values(["sent_date", "contact_id"], kind="stable")
    msgs = msgs.reset_index(drop=True)
    msgs.insert(0, "message_id", [f"M{j + 1:06d}" for j in range(len(msgs))])
    breaches = msgs.loc[msgs["breach"].notna(), ["message_id", "breach"]].reset_index(drop=True)
    return {"consents": consents, "communications": msgs[COMMUNICATIONS.column_names], "consent_breaches": breaches}


EXTENSION = Extension("communications", (CONSENTS, COMMUNICATIONS), (BREACHES,), build)

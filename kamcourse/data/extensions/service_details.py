"""Extension ``service_details``: what the service-request table does not say (服务请求明细), keyed by ``request_id``.

The core ``service_requests`` table has type, severity (the priority), dates, hand-offs and satisfaction.
Lesson 12 also needs the channel a request came in by, the hours to the first response, whether it was
solved at the first contact, and for complaints the category, the root cause found and whether anyone
followed up after closing. Patterns built in on purpose (answer table ``service_design``):

- **differentiated service**: first responses are faster for A-tier accounts (half the hours) and slower for
  C-tier ones (1.6 times), faster on the phone and slower by e-mail;
- **complaint relay**: requests passed on more often came in through the salesperson more often
  (channel ``sales_rep``), and only a request never handed on can be solved at the first contact;
- **root causes**: eight causes, three of which (order entry, picking, a supplier's defective batch) make
  about two thirds of the complaints (a Pareto pattern);
- **speed and repurchase**: a complaint's first response was drawn faster when the customer kept buying
  (her net revenue in the 180 days after closing at least 75 % of the 180 days before opening: 0.6 times
  the hours) and slower when she did not (1.7 times). The link is put into the data by this generator
  (the hours are drawn from the outcome); it is not evidence that speed causes repurchase.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import COMPLAINT_CATEGORIES, ROOT_CAUSES, SERVICE_CHANNELS
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension
from .groundwork import revenue_around, revenue_tiers

__all__ = ["EXTENSION", "ROOT_CAUSE_SHARES", "REPURCHASE_DAYS", "KEPT_SHARE", "build"]

#: Share of complaints by root cause (ROOT_CAUSES order; this kit's convention).
ROOT_CAUSE_SHARES: tuple[float, ...] = (0.27, 0.21, 0.17, 0.09, 0.08, 0.07, 0.06, 0.05)
#: Windows before a complaint opened and after it closed whose revenue is compared (days).
REPURCHASE_DAYS = 180
#: A customer "kept buying" when her revenue after the complaint is at least this share of the revenue before.
KEPT_SHARE = 0.75
#: The complaint category each root cause produces (COMPLAINT_CATEGORIES order), as chances.
_CATEGORY_OF_CAUSE = np.array([
    [0.00, 0.20, 0.60, 0.20, 0.00, 0.00],  # order_entry_error
    [0.00, 0.20, 0.80, 0.00, 0.00, 0.00],  # picking_error
    [1.00, 0.00, 0.00, 0.00, 0.00, 0.00],  # supplier_defect
    [0.00, 1.00, 0.00, 0.00, 0.00, 0.00],  # carrier_delay
    [0.40, 0.00, 0.00, 0.00, 0.00, 0.60],  # spec_misunderstanding
    [0.00, 0.00, 0.00, 0.00, 0.85, 0.15],  # engineer_unavailable
    [0.00, 0.00, 0.00, 1.00, 0.00, 0.00],  # billing_error
    [0.60, 0.40, 0.00, 0.00, 0.00, 0.00],  # packaging_damage
])
_MEDIAN_HOURS = {"low": 16.0, "medium": 6.0, "high": 2.0}
_TIER_FACTOR = {"A": 0.5, "B": 1.0, "C": 1.6}
_CHANNEL_FACTOR = np.array([0.6, 1.8, 0.8, 1.4])  # SERVICE_CHANNELS order
_FCR_CHANCE = np.array([0.65, 0.40, 0.55, 0.25])
_FOLLOW_UP = {"A": 0.8, "B": 0.55, "C": 0.45}

SERVICE_DETAILS = Table(
    "service_details",
    (
        ("request_id", "str"), ("channel", "str"), ("first_response_hours", "num"),
        ("first_contact_resolution", "bool"), ("complaint_category", "str"), ("root_cause", "str"),
        ("followed_up", "bool"),
    ),
    primary_key=("request_id",),
    foreign_keys=(("request_id", "service_requests", "request_id"),),
    indexes=(("channel",), ("root_cause",)),
)
SERVICE_DESIGN = Table(
    "service_design",
    (("request_id", "str"), ("tier", "str"), ("kept_buying", "bool"), ("observable", "bool")),
    primary_key=("request_id",),
)


def _channels(handoffs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Channel codes: the more hand-offs, the likelier the request came through the salesperson."""
    p_rep = np.minimum(0.08 + 0.09 * handoffs, 0.6)
    rest = np.array([0.45, 0.30, 0.25])
    p = np.column_stack([(1 - p_rep)[:, None] * rest, p_rep])
    return (rng.random(len(handoffs))[:, None] > np.cumsum(p, axis=1)).sum(axis=1)


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the service details and record the design (``service_details``, ``service_design``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> len(t["service_details"]) == len(t["service_requests"])
    True
    >>> bool(t["service_details"]["root_cause"].notna().sum() == (t["service_requests"]["type"] == "complaint").sum())
    True
    """
    sr = tables["service_requests"]
    end = pd.Timestamp(END_DATE)
    n = len(sr)
    tier = revenue_tiers(tables["orders"]).reindex(sr["customer_id"]).fillna("C").to_numpy()
    handoffs = sr["handoffs"].to_numpy()
    channel = _channels(handoffs, rng)
    is_c = (sr["type"] == "complaint").to_numpy()
    closed = sr["closed_date"].fillna(sr["opened_date"]).to_numpy()
    before, after, observable = revenue_around(tables["orders"], sr["customer_id"].to_numpy(),
                                               sr["opened_date"].to_numpy(), closed, REPURCHASE_DAYS, end)
    observable &= sr["closed_date"].notna().to_numpy() & (before > 0)
    kept = after >= KEPT_SHARE * before
    hours = (np.array([_MEDIAN_HOURS[s] for s in sr["severity"]]) * np.array([_TIER_FACTOR[t] for t in tier])
             * _CHANNEL_FACTOR[channel] * np.exp(rng.normal(0, 0.5, n)))
    speed = np.where(kept, 0.6, 1.7)
    hours = np.where(is_c & observable, hours * speed, hours)
    fcr = (handoffs == 0) & (rng.random(n) < _FCR_CHANCE[channel])
    cause = rng.choice(len(ROOT_CAUSES), n, p=np.asarray(ROOT_CAUSE_SHARES) / sum(ROOT_CAUSE_SHARES))
    category = (rng.random(n)[:, None] > np.cumsum(_CATEGORY_OF_CAUSE[cause], axis=1)).sum(axis=1)
    category = np.minimum(category, len(COMPLAINT_CATEGORIES) - 1)
    follow = rng.random(n) < np.array([_FOLLOW_UP[t] for t in tier])
    details = pd.DataFrame({
        "request_id": sr["request_id"].to_numpy(),
        "channel": np.asarray(SERVICE_CHANNELS)[channel],
        "first_response_hours": np.round(np.maximum(hours, 0.1), 2),
        "first_contact_resolution": fcr,
        "complaint_category": np.where(is_c, np.asarray(COMPLAINT_CATEGORIES, dtype=object)[category], None),
        "root_cause": np.where(is_c, np.asarray(ROOT_CAUSES, dtype=object)[cause], None),
        "followed_up": is_c & sr["closed_date"].notna().to_numpy() & follow,
    })
    design = pd.DataFrame({"request_id": sr["request_id"].to_numpy(), "tier": tier,
                           "kept_buying": kept & observable, "observable": observable})
    return {"service_details": details, "service_design": design}


EXTENSION = Extension("service_details", (SERVICE_DETAILS,), (SERVICE_DESIGN,), build)

"""The course vocabulary (课程术语): the category keys that more than one part of the kit uses, defined once.

A key is a short English word (``"stability"``, ``"must_be"``); what a person
reads comes from :func:`kamcourse.i18n.label` in the current language. The keys
here are shared: the data generator writes them into the company's tables and
the concept modules read, check and explain them, so they live below both
(``vocabulary -> data -> concept modules -> viz/widgets -> notebooks``). A key
that only one concept module uses stays in that module (e.g.
:data:`kamcourse.loyalty.ZONES`).

>>> from kamcourse import vocabulary
>>> vocabulary.STAGES[2], vocabulary.KANO_EVALUATION["like"]
('stability', 'QAAAO')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "STAGES",
    "STAGE_RULES",
    "SURVEY_ATTRIBUTES",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KANO_CODES",
    "KANO_EVALUATION",
    "PROSPECTING_METHOD_KEYS",
    "PIPELINE_STAGES",
    "CLOSED_STAGES",
    "COVERAGE_MODELS",
    "CONTACT_ROLES",
    "DECISION_LEVELS",
    "STAFF_ROLES",
    "INDUSTRIES",
    "REGIONS",
    "SIZE_BANDS",
    "PRODUCT_LINES",
    "SERVICE_TYPES",
    "SEVERITIES",
]

# --------------------------------------------------------------------------- customer lifecycle

#: The five lifecycle stages in order (考察期, 形成期, 稳定期, 退化期, 终止期; course materials).
STAGES: tuple[str, ...] = ("exploration", "formation", "stability", "decline", "termination")

#: The lifecycle rules (this kit's convention, in days): the defaults of
#: :func:`kamcourse.lifecycle.classify_stages`, and the rules the data generator
#: builds each customer's purchases to fit at ``kamcourse.data.END_DATE``
#: ("last 12 months" = the 365 days up to and including the date, "previous
#: 12 months" = the 365 days before those).
STAGE_RULES: Mapping[str, float] = MappingProxyType(
    {
        "exploration_max_tenure_days": 273,   # first order at most 9 months before
        "formation_max_tenure_days": 913,     # first order 9-30 months before
        "formation_min_growth": 1.3,          # last 12 months >= 1.3 x previous 12 months
        "stability_band_low": 0.75,           # 0.75 <= last / previous <= 1.3
        "stability_band_high": 1.3,
        "decline_max_ratio": 0.75,            # last / previous < 0.75 ...
        "decline_max_recency_days": 182,      # ... and an order within the last 6 months
        "termination_min_recency_days": 270,  # no order in the last 270 days
    }
)

# --------------------------------------------------------------------------- satisfaction surveys

#: The six attributes of the company's satisfaction survey (columns
#: ``expectation_<attr>``, ``performance_<attr>``, ``importance_<attr>``, 1-7).
SURVEY_ATTRIBUTES: tuple[str, ...] = (
    "product_quality",
    "delivery_reliability",
    "technical_support",
    "price_value",
    "responsiveness",
    "ordering_ease",
)

#: The Kano answer scale in questionnaire order (codes 1-5): "I like it", "it must
#: be that way", "I am neutral", "I can live with it", "I dislike it" (Berger et al. 1993).
KANO_ANSWERS: tuple[str, ...] = ("like", "must_be", "neutral", "live_with", "dislike")

#: The Kano categories (魅力型, 期望型, 必备型, 无差异型, 反向型, 可疑).
KANO_CATEGORIES: tuple[str, ...] = (
    "attractive",
    "one_dimensional",
    "must_be",
    "indifferent",
    "reverse",
    "questionable",
)

#: One-letter code of each Kano category (A, O, M, I, R, Q).
KANO_CODES: Mapping[str, str] = MappingProxyType(
    {
        "attractive": "A",
        "one_dimensional": "O",
        "must_be": "M",
        "indifferent": "I",
        "reverse": "R",
        "questionable": "Q",
    }
)

#: The Kano evaluation table (Berger et al. 1993, *Center for Quality Management
#: Journal* 2(4)): for each functional answer, the category codes of the five
#: dysfunctional answers in :data:`KANO_ANSWERS` order.
KANO_EVALUATION: Mapping[str, str] = MappingProxyType(
    {
        "like": "QAAAO",
        "must_be": "RIIIM",
        "neutral": "RIIIM",
        "live_with": "RIIIM",
        "dislike": "RRRRQ",
    }
)

# --------------------------------------------------------------------------- customer development

#: The ten prospecting methods (寻找客户的方法), keys of the prospects table's
#: ``method`` column; :data:`kamcourse.development.PROSPECTING_METHODS` describes each.
PROSPECTING_METHOD_KEYS: tuple[str, ...] = (
    "door_to_door",
    "consulting",
    "bird_dog",
    "center_of_influence",
    "referral_chain",
    "directories",
    "advertising",
    "trade_shows",
    "personal_observation",
    "online",
)

#: Stages of the opportunity pipeline (商机阶段) in order; a won deal ends in ``"closed_won"``.
PIPELINE_STAGES: tuple[str, ...] = ("prospecting", "qualification", "proposal", "negotiation", "closed_won")

#: The two stages of a closed opportunity.
CLOSED_STAGES: tuple[str, ...] = ("closed_won", "closed_lost")

# --------------------------------------------------------------------------- relationships and contacts

#: Who holds an account's contacts: one salesperson (领结型) or a team (钻石型).
COVERAGE_MODELS: tuple[str, ...] = ("bow_tie", "diamond")

#: Roles of a customer's contact persons.
CONTACT_ROLES: tuple[str, ...] = ("purchasing", "engineering", "management", "quality", "operations", "finance")

#: A contact's part in the buying decision.
DECISION_LEVELS: tuple[str, ...] = ("decision_maker", "influencer", "user", "gatekeeper")

#: Roles of the company's own staff.
STAFF_ROLES: tuple[str, ...] = ("sales", "service", "technical")

# --------------------------------------------------------------------------- the company's records

#: Customer industries (the last is a distributor, the rest are manufacturers).
INDUSTRIES: tuple[str, ...] = (
    "construction_machinery", "agricultural_machinery", "packaging_machinery", "machine_tools",
    "plastics_machinery", "metallurgy", "mining_equipment", "distributor",
)

#: Sales regions of China.
REGIONS: tuple[str, ...] = (
    "east_china", "south_china", "north_china", "central_china",
    "southwest_china", "northeast_china", "northwest_china",
)

#: Customer size bands.
SIZE_BANDS: tuple[str, ...] = ("small_enterprise", "medium_enterprise", "large_enterprise")

#: The supplier's product lines.
PRODUCT_LINES: tuple[str, ...] = ("pumps", "valves", "cylinders", "seals", "hoses_fittings", "spare_parts", "services")

#: Types of service request; ``"complaint"`` is what the complaint rate counts.
SERVICE_TYPES: tuple[str, ...] = ("complaint", "repair", "installation", "technical_query", "warranty_claim")

#: Severity of a service request.
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")

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
    "BUYING_ROLES",
    "INCENTIVE_SCHEMES",
    "MIGRATION_FAULTS",
    "MAINTENANCE_KINDS",
    "TOUCH_KINDS",
    "SERVICE_CHANNELS",
    "COMPLAINT_CATEGORIES",
    "ROOT_CAUSES",
    "LOSS_REASONS",
    "LOYALTY_TIERS",
    "POINTS_ENTRIES",
    "REWARDS",
    "PROGRAMME_GROUPS",
    "MESSAGE_CHANNELS",
    "MESSAGE_KINDS",
    "EXPERIMENT_GROUPS",
    "QUALITY_DIMENSIONS",
    "DATA_FAULTS",
    "FAULT_DIMENSIONS",
    "CONTACT_STATUSES",
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

# --------------------------------------------------------------------------- organising for key accounts, CRM

#: The five roles of the buying centre (采购中心), Webster & Wind (1972), *Journal of Marketing* 36(2):
#: users, influencers, buyers, deciders, gatekeepers (the ``buying_centre`` table's ``buying_role``).
BUYING_ROLES: tuple[str, ...] = ("user", "influencer", "buyer", "decider", "gatekeeper")

#: The incentive scheme in force for CRM record keeping in a month (``crm_usage.incentive_scheme``):
#: no bonus, a bonus per record entered, a bonus for complete and verified records only.
INCENTIVE_SCHEMES: tuple[str, ...] = ("no_bonus", "count_bonus", "quality_bonus")

#: Faults a data migration can leave in the migrated records (``crm_migration_faults.fault``), as
#: :func:`kamcourse.crm_implementation.record_faults` names them.
MIGRATION_FAULTS: tuple[str, ...] = (
    "missing_record", "duplicate_record", "missing_value", "garbled_text", "value_mismatch", "invalid_reference",
)

# --------------------------------------------------------------------------- keeping customers (lessons 12-13)

#: The three kinds of relationship maintenance (情感维护, 信息维护, 服务维护; the company CRM rules, course materials).
MAINTENANCE_KINDS: tuple[str, ...] = ("emotional_maintenance", "information_maintenance", "service_maintenance")

#: Touches of the contact history (``activities.kind``): a visit (拜访), a call (电话回访), a greeting
#: (节日问候, 生日祝福) and a business review meeting (业务回顾会).
TOUCH_KINDS: tuple[str, ...] = ("visit", "call", "greeting", "review_meeting")

#: How a service request reached the company (``service_details.channel``); ``"sales_rep"``: relayed by the salesperson.
SERVICE_CHANNELS: tuple[str, ...] = ("phone", "email", "wechat", "sales_rep")

#: What a complaint is about (投诉分类), as the customer states it.
COMPLAINT_CATEGORIES: tuple[str, ...] = (
    "product_quality", "delivery_delay", "wrong_item", "billing", "service_response", "technical_advice",
)

#: Why it happened inside the company (问题根源), found by investigating the complaint.
ROOT_CAUSES: tuple[str, ...] = (
    "order_entry_error", "picking_error", "supplier_defect", "carrier_delay",
    "spec_misunderstanding", "engineer_unavailable", "billing_error", "packaging_damage",
)

#: Why an opportunity was lost (丢单原因): the practice CRM's closing reasons without "other" and "legacy".
LOSS_REASONS: tuple[str, ...] = ("price", "competitor", "service", "relationship", "product_fit", "budget", "timing")

#: Tiers of the loyalty programme, lowest first.
LOYALTY_TIERS: tuple[str, ...] = ("silver", "gold", "platinum")

#: Kinds of entry in the points ledger.
POINTS_ENTRIES: tuple[str, ...] = ("earned", "redeemed", "expired")

#: What members redeem points for.
REWARDS: tuple[str, ...] = ("spare_parts_voucher", "training_day", "service_day")

#: The two groups of the loyalty programme's launch: invited to join, or held out at random.
PROGRAMME_GROUPS: tuple[str, ...] = ("invited", "holdout")

#: Channels of marketing messages to contact persons.
MESSAGE_CHANNELS: tuple[str, ...] = ("email", "wechat", "sms")

#: Kinds of marketing message.
MESSAGE_KINDS: tuple[str, ...] = ("newsletter", "promotion", "service_notice", "greeting", "survey")

#: The two groups of a campaign test: contacted (treatment) or not (control).
EXPERIMENT_GROUPS: tuple[str, ...] = ("treatment", "control")
# --------------------------------------------------------------------------- customer information (lesson 11)

#: The data-quality dimensions measured on the raw CRM extract (after DAMA UK 2013, "The six primary
#: dimensions for data quality assessment"; accuracy needs the truth, so it is left to the answer table).
QUALITY_DIMENSIONS: tuple[str, ...] = ("completeness", "validity", "consistency", "uniqueness", "timeliness")

#: The faults built into the raw CRM extract (``raw_accounts``, ``raw_contacts``) and found by
#: :func:`kamcourse.customer_info.find_faults`: the answer table ``raw_extract_faults`` uses the same keys.
DATA_FAULTS: tuple[str, ...] = (
    "missing_value", "malformed_phone", "inconsistent_label", "departed_contact", "duplicate_record", "stale_record",
)

#: The quality dimension each fault lowers.
FAULT_DIMENSIONS: Mapping[str, str] = MappingProxyType(
    {
        "missing_value": "completeness",
        "malformed_phone": "validity",
        "inconsistent_label": "consistency",
        "departed_contact": "consistency",
        "duplicate_record": "uniqueness",
        "stale_record": "timeliness",
    }
)

#: The status field of a contact record in the raw extract.
CONTACT_STATUSES: tuple[str, ...] = ("active", "inactive")

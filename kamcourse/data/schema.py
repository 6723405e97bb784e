"""Column order, types and keys of every table: one source for the CSV writer,
the CSV reader and the SQLite database, so the three cannot drift apart.

Column kinds
------------
``str``    text (ids, names, category keys); empty cell = missing
``date``   calendar day, written ``YYYY-MM-DD``; empty cell = missing (NaT)
``int``    whole number, never missing
``Int``    whole number that may be missing (pandas ``Int64``)
``money``  yuan (元), two decimals; ``num`` a two-decimal fraction or score
``bool``   ``True``/``False``
"""

from __future__ import annotations

from ..vocabulary import SURVEY_ATTRIBUTES
from .extensions import EXTENSIONS
from .table import Table

__all__ = [
    "Table", "TABLES", "ANSWERS", "STUDENT_TABLES", "ANSWER_TABLES", "SCHEMA_VERSION", "SURVEY_ATTRIBUTES", "table_of",
]

#: Bump when the database layout changes (the cached SQLite copy is rebuilt).
SCHEMA_VERSION = "1"


_ATTRS = SURVEY_ATTRIBUTES

_TABLE_LIST = [
    Table(
        "staff",
        (
            ("staff_id", "str"), ("name", "str"), ("name_zh", "str"), ("role", "str"),
            ("hire_date", "date"), ("leave_date", "date"),
        ),
        primary_key=("staff_id",),
        indexes=(("role",),),
    ),
    Table(
        "customers",
        (
            ("customer_id", "str"), ("name", "str"), ("name_zh", "str"), ("industry", "str"),
            ("region", "str"), ("size_band", "str"), ("first_order_date", "date"),
            ("acquisition_method", "str"), ("account_manager_id", "str"),
            ("payment_terms_days", "int"),
        ),
        primary_key=("customer_id",),
        foreign_keys=(("account_manager_id", "staff", "staff_id"),),
        indexes=(("account_manager_id",), ("industry",), ("region",)),
    ),
    Table(
        "contacts",
        (
            ("contact_id", "str"), ("customer_id", "str"), ("name", "str"), ("name_zh", "str"),
            ("role", "str"), ("decision_level", "str"), ("staff_id", "str"), ("phone", "str"),
        ),
        primary_key=("contact_id",),
        foreign_keys=(("customer_id", "customers", "customer_id"), ("staff_id", "staff", "staff_id")),
        indexes=(("customer_id",), ("staff_id",)),
    ),
    Table(
        "opportunities",
        (
            ("opportunity_id", "str"), ("customer_id", "str"), ("staff_id", "str"),
            ("created_date", "date"), ("stage", "str"), ("furthest_stage", "str"),
            ("amount", "money"), ("won", "bool"), ("close_date", "date"),
        ),
        primary_key=("opportunity_id",),
        foreign_keys=(("customer_id", "customers", "customer_id"), ("staff_id", "staff", "staff_id")),
        indexes=(("customer_id",), ("staff_id",), ("created_date",)),
    ),
    Table(
        "orders",
        (
            ("order_id", "str"), ("line_no", "int"), ("customer_id", "str"), ("order_date", "date"),
            ("product_line", "str"), ("quantity", "int"), ("list_price", "money"),
            ("discount", "num"), ("net_revenue", "money"), ("cost_of_goods", "money"),
        ),
        primary_key=("order_id", "line_no"),
        foreign_keys=(("customer_id", "customers", "customer_id"),),
        indexes=(("customer_id",), ("order_date",), ("product_line",)),
    ),
    Table(
        "cost_to_serve",
        (
            ("customer_id", "str"), ("year", "int"), ("visits", "int"), ("visit_cost", "money"),
            ("logistics_cost", "money"), ("support_cost", "money"),
            ("special_terms_cost", "money"), ("total_cost", "money"),
        ),
        primary_key=("customer_id", "year"),
        foreign_keys=(("customer_id", "customers", "customer_id"),),
    ),
    Table(
        "service_requests",
        (
            ("request_id", "str"), ("customer_id", "str"), ("type", "str"), ("severity", "str"),
            ("opened_date", "date"), ("closed_date", "date"), ("handoffs", "int"),
            ("owner_staff_id", "str"), ("satisfaction_after", "Int"),
        ),
        primary_key=("request_id",),
        foreign_keys=(("customer_id", "customers", "customer_id"), ("owner_staff_id", "staff", "staff_id")),
        indexes=(("customer_id",), ("type",), ("opened_date",)),
    ),
    Table(
        "surveys",
        (
            ("customer_id", "str"), ("year", "int"),
            *((f"expectation_{a}", "int") for a in _ATTRS),
            *((f"performance_{a}", "int") for a in _ATTRS),
            *((f"importance_{a}", "int") for a in _ATTRS),
            ("overall_satisfaction", "int"), ("likelihood_to_recommend", "int"),
            ("repurchase_intention", "int"),
        ),
        primary_key=("customer_id", "year"),
        foreign_keys=(("customer_id", "customers", "customer_id"),),
    ),
    Table(
        "kano_survey",
        (
            ("respondent_id", "str"), ("customer_id", "str"), ("feature", "str"),
            ("functional", "str"), ("dysfunctional", "str"),
        ),
        primary_key=("respondent_id", "feature"),
        foreign_keys=(("customer_id", "customers", "customer_id"),),
        indexes=(("feature",),),
    ),
    Table(
        "prospects",
        (
            ("prospect_id", "str"), ("method", "str"), ("contact_date", "date"), ("cost", "money"),
            ("contacted", "bool"), ("qualified", "bool"), ("won", "bool"),
            ("first_year_revenue", "money"), ("customer_id", "str"),
        ),
        primary_key=("prospect_id",),
        foreign_keys=(("customer_id", "customers", "customer_id"),),
        indexes=(("method",),),
    ),
]

_ANSWER_LIST = [
    Table(
        "lifecycle_stages",
        (("customer_id", "str"), ("intended_stage", "str"), ("pattern", "str")),
        primary_key=("customer_id",),
    ),
    Table(
        "runaway_horse",
        (("customer_id", "str"), ("staff_id", "str"), ("leave_date", "date")),
        primary_key=("customer_id",),
    ),
    Table(
        "kano_intended",
        (("feature", "str"), ("intended_category", "str")),
        primary_key=("feature",),
    ),
    Table(
        "account_profiles",
        (
            ("customer_id", "str"), ("annual_potential", "money"), ("base_discount", "num"),
            ("special_terms", "bool"), ("loss_making_intended", "bool"), ("coverage_model", "str"),
        ),
        primary_key=("customer_id",),
    ),
]

#: Student tables, in the order :func:`kamcourse.data.names` lists them.
#: The core tables come first; the tables of later chapters (:mod:`kamcourse.data.extensions`) follow.
STUDENT_TABLES: tuple[str, ...] = (
    "customers", "staff", "contacts", "opportunities", "orders",
    "cost_to_serve", "service_requests", "surveys", "kano_survey", "prospects",
    *(t.name for ext in EXTENSIONS for t in ext.tables),
)
#: Instructor-only answer tables (``datasets/instructor/``).
ANSWER_TABLES: tuple[str, ...] = (
    *(t.name for t in _ANSWER_LIST), *(t.name for ext in EXTENSIONS for t in ext.answers),
)

TABLES: dict[str, Table] = {t.name: t for t in (*_TABLE_LIST, *(t for ext in EXTENSIONS for t in ext.tables))}
ANSWERS: dict[str, Table] = {t.name: t for t in (*_ANSWER_LIST, *(t for ext in EXTENSIONS for t in ext.answers))}


def table_of(name: str) -> Table:
    """The schema of a student or answer table by name.

    Examples
    --------
    >>> table_of("kano_intended").column_names
    ['feature', 'intended_category']
    """
    return TABLES[name] if name in TABLES else ANSWERS[name]

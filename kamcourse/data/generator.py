"""Seeded generator of the fictional company's CRM records (模拟企业的客户关系管理数据).

The company is a B2B supplier of hydraulic and industrial components (液压及工业
零部件) selling to manufacturers and distributors in China. :func:`generate`
makes five years of its records from one seed; ``datasets/`` holds the
default seed's tables and ``generate()`` rebuilds them byte for byte. Every
rule the generator follows (lifecycle stages, the runaway-horse account, the
loss-making key accounts, ...) is written in ``datasets/README.md``.

The simulation itself is :mod:`kamcourse.data.simulate` (one random generator,
used in a fixed order); this module checks the arguments, turns the
simulated company into the tables of the schema (:mod:`kamcourse.data.schema`)
and gives them the loaded tables' types (:func:`kamcourse.data.csvio.typed_frame`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..validation import check_positive_int
from ..vocabulary import INDUSTRIES, PROSPECTING_METHOD_KEYS, REGIONS, SIZE_BANDS, STAGE_RULES, STAGES
from .csvio import typed_frame
from .extensions import EXTENSIONS, build_extensions
from .schema import ANSWER_TABLES, STUDENT_TABLES, table_of
from .simulate.catalog import DEFAULT_SEED, END_DATE, KANO_FEATURES
from .simulate.company import Company, simulate
from .simulate.world import MISSING_DAY, check_seed

__all__ = [
    "DEFAULT_SEED",
    "END_DATE",
    "STAGE_RULES",
    "KANO_FEATURES",
    "generate",
]


def _customer_tables(c: Company, cid: np.ndarray) -> dict[str, pd.DataFrame]:
    """customers, staff and contacts (dates as datetime64, missing ones NaT)."""
    w, plan, staff = c.world, c.plan, c.staff
    # first_order_date: the true first order (may predate the window for long-standing customers)
    first = plan["first"].to_numpy()
    first_day = np.where(first >= w.lo, c.span[:, 0], first)
    first_day = np.where(c.has_orders | (first < w.lo), first_day, first)
    staff_ids = staff["staff_id"].to_numpy()
    leave = np.array([MISSING_DAY if pd.isna(x) else int(x) for x in staff["leave"].to_numpy()])
    contacts = c.contacts
    return {
        "customers": pd.DataFrame({
            "customer_id": cid, "name": c.names_en, "name_zh": c.names_zh,
            "industry": np.asarray(INDUSTRIES)[plan["industry"].to_numpy()],
            "region": np.asarray(REGIONS)[plan["region"].to_numpy()],
            "size_band": np.asarray(SIZE_BANDS)[plan["size_band"].to_numpy()],
            "first_order_date": w.dates(first_day),
            "acquisition_method": np.asarray(PROSPECTING_METHOD_KEYS)[c.acquisition_method],
            "account_manager_id": staff_ids[c.current],
            "payment_terms_days": plan["terms"].to_numpy(),
        }),
        "staff": pd.DataFrame({
            "staff_id": staff_ids, "name": staff["name"], "name_zh": staff["name_zh"], "role": staff["role"],
            "hire_date": w.dates(staff["hire"].to_numpy()), "leave_date": w.dates_or_missing(leave),
        }),
        "contacts": pd.DataFrame({
            "contact_id": contacts["contact_id"], "customer_id": cid[contacts["cust"].to_numpy()],
            "name": contacts["name"], "name_zh": contacts["name_zh"], "role": contacts["role"],
            "decision_level": contacts["decision_level"], "staff_id": contacts["staff_id"], "phone": contacts["phone"],
        }),
    }


def _sales_tables(c: Company, cid: np.ndarray) -> dict[str, pd.DataFrame]:
    """opportunities, orders, cost_to_serve and prospects."""
    w, opp, lines, cts, prospects = c.world, c.opportunities, c.lines, c.cost_to_serve, c.prospects
    pc = prospects["cust"].to_numpy()
    return {
        "opportunities": pd.DataFrame({
            "opportunity_id": opp["opportunity_id"], "customer_id": cid[opp["cust"].to_numpy()],
            "staff_id": opp["staff"], "created_date": w.dates(opp["created"]), "stage": opp["stage"],
            "furthest_stage": opp["furthest_stage"], "amount": opp["amount"], "won": opp["won"],
            "close_date": w.dates_or_missing(opp["close"]),
        }),
        "orders": pd.DataFrame({
            "order_id": lines["order_id"], "line_no": lines["line_no"], "customer_id": cid[lines["cust"].to_numpy()],
            "order_date": w.dates(lines["day"]), "product_line": lines["product_line"],
            "quantity": lines["quantity"], "list_price": lines["list_price"], "discount": lines["discount"],
            "net_revenue": lines["net_revenue"], "cost_of_goods": lines["cost_of_goods"],
        }),
        "cost_to_serve": pd.DataFrame({"customer_id": cid[cts["cust"].to_numpy()], **{
            col: cts[col] for col in ("year", "visits", "visit_cost", "logistics_cost", "support_cost",
                                      "special_terms_cost", "total_cost")}}),
        "prospects": pd.DataFrame({
            "prospect_id": prospects["prospect_id"], "method": prospects["method"],
            "contact_date": w.dates(prospects["contact"]), "cost": prospects["cost"],
            "contacted": prospects["contacted"], "qualified": prospects["qualified"], "won": prospects["won"],
            "first_year_revenue": prospects["first_year_revenue"],
            "customer_id": np.where(pc >= 0, cid[np.maximum(pc, 0)], None),
        }),
    }


def _service_tables(c: Company, cid: np.ndarray) -> dict[str, pd.DataFrame]:
    """service_requests, surveys and kano_survey."""
    w, sr, kano = c.world, c.service_requests, c.kano
    surveys = c.surveys.drop(columns=["cust"])
    surveys.insert(0, "customer_id", cid[c.surveys["cust"].to_numpy()])
    return {
        "service_requests": pd.DataFrame({
            "request_id": sr["request_id"], "customer_id": cid[sr["cust"].to_numpy()], "type": sr["type"],
            "severity": sr["severity"], "opened_date": w.dates(sr["opened"]),
            "closed_date": w.dates_or_missing(sr["closed"]), "handoffs": sr["handoffs"],
            "owner_staff_id": sr["owner_staff_id"], "satisfaction_after": sr["satisfaction_after"],
        }),
        "surveys": surveys,
        "kano_survey": pd.DataFrame({
            "respondent_id": kano["respondent_id"], "customer_id": cid[kano["cust"].to_numpy()],
            "feature": kano["feature"], "functional": kano["functional"], "dysfunctional": kano["dysfunctional"],
        }),
    }


def _answer_tables(c: Company, cid: np.ndarray) -> dict[str, pd.DataFrame]:
    """The instructor answer tables: what the simulation built each customer to show."""
    w, plan, staff = c.world, c.plan, c.staff
    stage = plan["stage"].to_numpy()
    kind = plan["term_kind"].to_numpy()
    pattern = np.asarray(["trial", "growth", "steady", "declining", ""], dtype=object)[stage]
    ends = np.asarray(["early_exit", "early_abort", "mid_abort", "runaway_horse"], dtype=object)
    pattern[stage == 4] = ends[kind[stage == 4]]
    rh = np.flatnonzero(plan["runaway"].to_numpy())
    rh_staff = staff.index[staff["runaway"]].to_numpy()[: len(rh)]
    return {
        "lifecycle_stages": pd.DataFrame(
            {"customer_id": cid, "intended_stage": np.asarray(STAGES)[stage], "pattern": pattern}
        ),
        "runaway_horse": pd.DataFrame({
            "customer_id": cid[rh], "staff_id": staff["staff_id"].to_numpy()[rh_staff],
            "leave_date": w.dates(staff["leave"].to_numpy()[rh_staff].astype(np.int64)),
        }),
        "kano_intended": pd.DataFrame(
            {"feature": list(KANO_FEATURES), "intended_category": list(KANO_FEATURES.values())}
        ),
        "account_profiles": pd.DataFrame({
            "customer_id": cid, "annual_potential": np.round(plan["potential"].to_numpy(), 2),
            "base_discount": plan["base_disc"].to_numpy(), "special_terms": plan["loss"].to_numpy(),
            "loss_making_intended": plan["loss"].to_numpy(), "coverage_model": c.coverage_model,
        }),
    }


def generate(seed: int = DEFAULT_SEED, n_customers: int = 300, years: int = 5,
             tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Generate the fictional company's CRM records (生成模拟企业的客户关系管理数据).

    A B2B supplier of hydraulic and industrial components: customers, staff,
    contacts, opportunities, order lines, cost to serve, service requests,
    satisfaction and Kano surveys and prospects, ending on :data:`END_DATE`,
    plus the instructor answer tables (``lifecycle_stages``, ``runaway_horse``,
    ``kano_intended``, ``account_profiles``). With the defaults it returns
    exactly the tables of ``datasets/`` (what :func:`kamcourse.data.load`
    reads); another seed gives an equivalent variant with the same patterns
    (this kit's convention; the rules are in ``datasets/README.md``).

    Parameters
    ----------
    seed : int
        Seed of the one random generator (``numpy.random.default_rng``).
    n_customers : int
        Number of customers (the lessons' patterns are built for 100 or more).
    years : int
        Years of records, ending on :data:`END_DATE` (the lessons assume 5).
    tables : iterable of str, optional
        Only these tables, the same as in the whole set: the core tables and
        the chapters' extensions up to the last one that draws a table asked
        for (each extension reads only the tables before it), so asking for
        the core tables alone skips every extension. Default: all.

    Returns
    -------
    dict of str to pandas.DataFrame
        The student tables (keys of :func:`kamcourse.data.names`) and the
        answer tables (or those of ``tables``), with the column types of
        :func:`kamcourse.data.load` (built directly, not through CSV text).

    Raises
    ------
    TypeError
        If ``seed``, ``n_customers`` or ``years`` is not a whole number, or
        ``tables`` is a string.
    ValueError
        If ``seed`` is negative, ``n_customers``/``years`` is below 1 or
        ``tables`` names a table that does not exist.

    Examples
    --------
    >>> tables = generate(seed=7, n_customers=60, years=3)
    >>> {"customers", "orders", "account_profiles"} <= set(tables)  # then the chapters' extensions
    True
    >>> len(tables["customers"])
    60
    >>> tables["orders"]["order_date"].max() <= END_DATE
    True
    >>> core = generate(seed=7, n_customers=60, years=3, tables=["orders"])
    >>> list(core), core["orders"].equals(tables["orders"])
    (['orders'], True)
    >>> generate(n_customers=0)
    Traceback (most recent call last):
    ...
    ValueError: n_customers must be at least 1, got 0
    """
    seed = check_seed(seed)
    n_customers = check_positive_int(n_customers, "n_customers")
    years = check_positive_int(years, "years")
    if years > 30:
        raise ValueError(f"years must be at most 30, got {years}")
    if isinstance(tables, str):
        raise TypeError(f"tables must be a list of table names, got the string {tables!r}")
    every = (*STUDENT_TABLES, *ANSWER_TABLES)
    wanted = every if tables is None else tuple(dict.fromkeys(tables))
    unknown = [t for t in wanted if t not in every]
    if unknown:
        raise ValueError(f"tables must name tables of the data, got {unknown!r}")
    company = simulate(seed, n_customers, years)
    cid = np.array([f"C{i + 1:04d}" for i in range(company.world.n)])
    core = {
        **_customer_tables(company, cid), **_sales_tables(company, cid), **_service_tables(company, cid),
        **_answer_tables(company, cid),
    }
    built = {name: typed_frame(df, table_of(name)) for name, df in core.items()}
    # later chapters' tables, each from its own random stream (the core tables stay as they are)
    drawn = [i for i, ext in enumerate(EXTENSIONS) if {t.name for t in (*ext.tables, *ext.answers)} & set(wanted)]
    extensions = EXTENSIONS[: drawn[-1] + 1] if drawn else ()
    built.update({name: typed_frame(df, table_of(name)) for name, df in build_extensions(built, seed, extensions).items()})
    return {name: built[name] for name in every if name in wanted}

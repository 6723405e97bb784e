"""The customer data mining chapter's tables (客户数据挖掘): firmographics and the product lines of each opportunity.

Two student tables, drawn after the core tables from this extension's own random stream:

- ``firmographics`` (企业画像): each customer's own size and growth as a business-information database
  reports them for 2025: ``employees``, ``annual_sales`` (the customer's turnover, yuan) and
  ``sales_growth`` (its turnover growth, a fraction). Size follows the customer's purchase potential;
  the growth is **designed by lifecycle stage** (growing customers belong to growing firms, declining
  customers to shrinking ones), so that clustering on purchase behaviour *and* firmographics can find
  the lifecycle stages (lesson 14). The design is recorded in the answer table ``designed_segments``.
- ``opportunity_lines`` (商机产品明细): the product lines quoted in each opportunity and their share of
  its amount. A few **solution bundles are designed in** (a pump needs valves, a cylinder needs seals,
  spare parts go with hoses and fittings, a pump with valves needs commissioning services): when an
  opportunity holds the antecedent, the consequent is added with a fixed probability. The answer table
  ``designed_rules`` lists them, for association-rule mining to find.

The core ``orders`` carry no such bundles (their lines are drawn independently within an order), which
is why the bundles live here; the lesson shows both.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import PRODUCT_LINES
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "GROWTH_BY_STAGE", "BUNDLES"]

#: Designed turnover growth of a customer's own business by lifecycle stage: (mean, standard deviation).
GROWTH_BY_STAGE: Mapping[str, tuple[float, float]] = {
    "exploration": (0.10, 0.06),
    "formation": (0.22, 0.06),
    "stability": (0.04, 0.04),
    "decline": (-0.14, 0.05),
    "termination": (0.00, 0.10),
}

#: Designed solution bundles, applied in this order: (antecedent lines, consequent line, add probability).
BUNDLES: tuple[tuple[tuple[str, ...], str, float], ...] = (
    (("pumps",), "valves", 0.60),
    (("cylinders",), "seals", 0.55),
    (("spare_parts",), "hoses_fittings", 0.50),
    (("pumps", "valves"), "services", 0.50),
)

# chance that an opportunity quotes a product line before the bundles are added (PRODUCT_LINES order):
# manufacturers buy the main components, distributors more seals, hoses and spare parts
_BASE_MANUFACTURER = np.array([0.34, 0.28, 0.34, 0.10, 0.12, 0.18, 0.05])
_BASE_DISTRIBUTOR = np.array([0.22, 0.24, 0.18, 0.30, 0.26, 0.30, 0.03])
# typical value of a line (yuan) before the opportunity's amount is split: where the money of a quote goes
_LINE_WEIGHT = np.array([5.0, 2.5, 4.0, 0.6, 0.8, 1.2, 1.5])

FIRMOGRAPHICS = Table(
    "firmographics",
    (("customer_id", "str"), ("employees", "int"), ("annual_sales", "money"), ("sales_growth", "num")),
    primary_key=("customer_id",),
    foreign_keys=(("customer_id", "customers", "customer_id"),),
)
OPPORTUNITY_LINES = Table(
    "opportunity_lines",
    (("opportunity_id", "str"), ("line_no", "int"), ("product_line", "str"), ("amount", "money")),
    primary_key=("opportunity_id", "line_no"),
    foreign_keys=(("opportunity_id", "opportunities", "opportunity_id"),),
    indexes=(("product_line",),),
)
DESIGNED_SEGMENTS = Table(
    "designed_segments",
    (("customer_id", "str"), ("segment", "str"), ("growth_mean", "num")),
    primary_key=("customer_id",),
)
DESIGNED_RULES = Table(
    "designed_rules",
    (("antecedent", "str"), ("consequent", "str"), ("add_probability", "num")),
    primary_key=("antecedent", "consequent"),
)


def _firmographics(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Employees, turnover and turnover growth per customer, and the designed segment of each."""
    customers = tables["customers"]
    stages = tables["lifecycle_stages"].set_index("customer_id")["intended_stage"].reindex(customers["customer_id"])
    potential = tables["account_profiles"].set_index("customer_id")["annual_potential"].reindex(customers["customer_id"])
    n = len(customers)
    distributor = (customers["industry"] == "distributor").to_numpy()
    # our share of the customer's hydraulics purchases, and hydraulics' share of its turnover:
    # a manufacturer buys 10-40% of its hydraulics from us and spends 0.5-2% of its turnover on them;
    # a distributor buys from several suppliers and resells, hydraulics being most of its turnover
    ours = np.where(distributor, rng.uniform(0.05, 0.20, n), rng.uniform(0.10, 0.40, n))
    hydraulics = np.where(distributor, rng.uniform(0.55, 0.80, n), rng.uniform(0.005, 0.02, n))
    sales = potential.to_numpy() / (ours * hydraulics) * np.exp(rng.normal(0.0, 0.2, n))
    per_head = np.where(distributor, rng.uniform(1.0e6, 3.0e6, n), rng.uniform(0.4e6, 0.9e6, n))
    employees = np.maximum(5, np.rint(sales / per_head)).astype(np.int64)
    mean = np.array([GROWTH_BY_STAGE[s][0] for s in stages])
    sd = np.array([GROWTH_BY_STAGE[s][1] for s in stages])
    growth = np.round(mean + sd * rng.standard_normal(n), 2) + 0.0
    firms = pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy(), "employees": employees,
        "annual_sales": np.round(sales, -4), "sales_growth": growth,
    })
    segments = pd.DataFrame({"customer_id": firms["customer_id"], "segment": stages.to_numpy(), "growth_mean": mean})
    return firms, segments


def _quoted_lines(industry: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Which product lines each opportunity quotes: independent draws, then the designed bundles."""
    base = np.where((industry == "distributor")[:, None], _BASE_DISTRIBUTOR, _BASE_MANUFACTURER)
    quoted = rng.random(base.shape) < base
    empty = ~quoted.any(axis=1)
    pick = (rng.random(len(base))[:, None] > np.cumsum(base / base.sum(axis=1, keepdims=True), axis=1)).sum(axis=1)
    quoted[empty, np.minimum(pick[empty], len(PRODUCT_LINES) - 1)] = True
    col = {line: k for k, line in enumerate(PRODUCT_LINES)}
    for antecedent, consequent, q in BUNDLES:
        has = np.all(quoted[:, [col[a] for a in antecedent]], axis=1)
        add = rng.random(len(quoted)) < q
        quoted[:, col[consequent]] |= has & add
    return quoted


def _opportunity_lines(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> pd.DataFrame:
    """One row per quoted product line; the lines' amounts add up to the opportunity's amount."""
    opps = tables["opportunities"]
    industry = opps["customer_id"].map(tables["customers"].set_index("customer_id")["industry"]).to_numpy()
    quoted = _quoted_lines(industry, rng)
    weight = np.where(quoted, _LINE_WEIGHT * rng.gamma(4.0, 0.25, quoted.shape), 0.0)
    cents = np.rint(opps["amount"].to_numpy() * 100).astype(np.int64)
    shares = weight / weight.sum(axis=1, keepdims=True)
    line_cents = np.floor(shares * cents[:, None]).astype(np.int64)
    last = quoted.shape[1] - 1 - np.argmax(quoted[:, ::-1], axis=1)  # the last quoted line takes the remainder
    line_cents[np.arange(len(opps)), last] += cents - line_cents.sum(axis=1)
    row, k = np.nonzero(quoted)
    counts = quoted.sum(axis=1)
    line_no = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    return pd.DataFrame({
        "opportunity_id": opps["opportunity_id"].to_numpy()[row], "line_no": line_no,
        "product_line": np.asarray(PRODUCT_LINES)[k], "amount": line_cents[row, k] / 100.0,
    })


def _build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The chapter's tables: firmographics first, then the opportunity lines (a fixed order of draws)."""
    firms, segments = _firmographics(tables, rng)
    lines = _opportunity_lines(tables, rng)
    rules = pd.DataFrame({
        "antecedent": ["+".join(a) for a, _, _ in BUNDLES],
        "consequent": [c for _, c, _ in BUNDLES],
        "add_probability": [q for _, _, q in BUNDLES],
    })
    return {"firmographics": firms, "opportunity_lines": lines, "designed_segments": segments, "designed_rules": rules}


#: The chapter's extension (listed in :data:`kamcourse.data.extensions.EXTENSIONS`).
EXTENSION = Extension(
    "mining", (FIRMOGRAPHICS, OPPORTUNITY_LINES), (DESIGNED_SEGMENTS, DESIGNED_RULES), _build
)

"""The company's CRM project (客户关系管理系统的实施): migration, training, use and staff feedback, 2023-2025.

Until March 2023 the company kept its customer records in spreadsheets. On :data:`GO_LIVE` it moved
them into a CRM system. This extension adds what that project left behind:

- ``crm_migration``: the customer records as they were loaded into the new system (one row per
  loaded row, ``legacy_row``), with the 2022 revenue the old spreadsheet held as a control total;
- ``crm_training``: when each member of staff was trained on the system (empty: never) and for how long;
- ``crm_usage``: per member of staff and month since go-live, the records they created, how many were
  complete, how many were duplicates, and the incentive scheme in force;
- ``staff_survey``: each December, the staff's view of the system (1-5): usefulness, ease of use,
  trust in its data (员工的反馈).

Built in on purpose (answer tables ``crm_migration_faults`` and ``crm_rollout_design``):

- the migration lost 3 customers, loaded 2 twice, garbled 4 Chinese names (stored through a
  Latin-1 column: every Chinese character became ``?``), left 3 industries empty, typed 2 account managers' ids in lower case (no such staff id) and
  loaded 3 revenues in 万元 instead of yuan; one fault per customer;
- adoption follows training: staff not yet trained rarely use the system, trained staff take it up
  within a few months;
- from :data:`COUNT_BONUS` the company paid a bonus per record entered: records per active person
  rose by about 80 %, the share of complete records fell from about 0.86 to 0.60 and duplicates rose;
  from :data:`QUALITY_BONUS` only complete, checked records counted: completeness rose to about 0.95;
- the staff's trust in the data fell in the year of the count bonus (December 2024) and recovered in 2025.

This kit's convention; the datasheet is ``datasets/README.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import INCENTIVE_SCHEMES
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "GO_LIVE", "COUNT_BONUS", "QUALITY_BONUS", "FAULT_COUNTS", "build"]

#: The day the CRM system went live (the data were migrated just before).
GO_LIVE = pd.Timestamp("2023-04-01")
#: From this day a bonus was paid per record entered.
COUNT_BONUS = pd.Timestamp("2024-07-01")
#: From this day only complete, checked records earned the bonus.
QUALITY_BONUS = pd.Timestamp("2025-04-01")

#: How many migrated customers carry each designed fault (one fault per customer).
FAULT_COUNTS: Mapping[str, int] = {
    "missing_record": 3, "duplicate_record": 2, "garbled_text": 4, "missing_value": 3,
    "invalid_reference": 2, "value_mismatch": 3,
}

# per scheme: records multiplier, share complete, share duplicate
_SCHEME = {"no_bonus": (1.0, 0.86, 0.03), "count_bonus": (1.8, 0.60, 0.10), "quality_bonus": (1.0, 0.95, 0.01)}
_RECORDS = {"sales": 35.0, "service": 25.0, "technical": 12.0}
# December survey means per year: usefulness, ease of use, trust in the data
_SURVEY = {2023: (3.1, 3.0, 3.4), 2024: (3.5, 3.3, 2.7), 2025: (3.9, 3.6, 3.7)}

_TABLES = (
    Table(
        "crm_migration",
        (("legacy_row", "int"), ("customer_id", "str"), ("name_zh", "str"), ("industry", "str"),
         ("region", "str"), ("account_manager_id", "str"), ("revenue_2022", "money")),
        primary_key=("legacy_row",), indexes=(("customer_id",),),
    ),
    Table(
        "crm_training", (("staff_id", "str"), ("trained_date", "date"), ("hours", "int")),
        primary_key=("staff_id",), foreign_keys=(("staff_id", "staff", "staff_id"),),
    ),
    Table(
        "crm_usage",
        (("staff_id", "str"), ("month", "date"), ("incentive_scheme", "str"), ("records_created", "int"),
         ("records_complete", "int"), ("duplicates", "int")),
        primary_key=("staff_id", "month"), foreign_keys=(("staff_id", "staff", "staff_id"),),
        indexes=(("month",),),
    ),
    Table(
        "staff_survey",
        (("staff_id", "str"), ("year", "int"), ("usefulness", "int"), ("ease_of_use", "int"), ("data_trust", "int")),
        primary_key=("staff_id", "year"), foreign_keys=(("staff_id", "staff", "staff_id"),),
    ),
)
_ANSWERS = (
    Table("crm_migration_faults", (("customer_id", "str"), ("fault", "str")), primary_key=("customer_id",)),
    Table("crm_rollout_design", (("item", "str"), ("date", "date"), ("value", "num")), primary_key=("item",)),
)


def scheme_of(month: pd.Timestamp) -> str:
    """The incentive scheme in force in a month (激励方案): no bonus, count bonus, quality bonus.

    Parameters
    ----------
    month : pandas.Timestamp
        Any day of the month.

    Returns
    -------
    str
        A key of :data:`kamcourse.vocabulary.INCENTIVE_SCHEMES`.

    Examples
    --------
    >>> scheme_of(pd.Timestamp("2024-06-01")), scheme_of(pd.Timestamp("2024-07-01"))
    ('no_bonus', 'count_bonus')
    """
    key = "quality_bonus" if month >= QUALITY_BONUS else "count_bonus" if month >= COUNT_BONUS else "no_bonus"
    assert key in INCENTIVE_SCHEMES
    return key


def _migration(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The customer records as loaded on go-live, with the designed faults, and the faults' answer table."""
    customers = tables["customers"]
    source = customers[customers["first_order_date"] < GO_LIVE].reset_index(drop=True)
    orders = tables["orders"]
    revenue = orders.loc[orders["order_date"].dt.year == 2022].groupby("customer_id")["net_revenue"].sum()
    table = pd.DataFrame({
        "customer_id": source["customer_id"], "name_zh": source["name_zh"], "industry": source["industry"],
        "region": source["region"], "account_manager_id": source["account_manager_id"],
        "revenue_2022": revenue.reindex(source["customer_id"]).fillna(0.0).round(2).to_numpy(),
    })
    order = rng.permutation(len(table))
    picks, faults = {}, []
    for fault, n in FAULT_COUNTS.items():
        if fault == "value_mismatch":  # a unit error shows only on a customer with revenue
            pool = [i for i in order if table.at[i, "revenue_2022"] >= 10_000][:n]
        else:
            pool = list(order[:n])
        picks[fault] = pool
        order = np.array([i for i in order if i not in set(pool)])
        faults += [(table.at[i, "customer_id"], fault) for i in pool]
    for i in picks["garbled_text"]:
        table.at[i, "name_zh"] = table.at[i, "name_zh"].encode("latin-1", errors="replace").decode("latin-1")
    table.loc[picks["missing_value"], "industry"] = np.nan
    for i in picks["invalid_reference"]:
        table.at[i, "account_manager_id"] = table.at[i, "account_manager_id"].lower()
    table.loc[picks["value_mismatch"], "revenue_2022"] = (table.loc[picks["value_mismatch"], "revenue_2022"] / 1e4).round(2)
    twins = table.loc[picks["duplicate_record"]]
    table = table.drop(index=picks["missing_record"])
    rows = [table.iloc[: len(table) // 2], twins.iloc[:1], table.iloc[len(table) // 2:], twins.iloc[1:]]
    table = pd.concat(rows, ignore_index=True)
    table.insert(0, "legacy_row", np.arange(1, len(table) + 1))
    answers = pd.DataFrame(faults, columns=["customer_id", "fault"]).sort_values("customer_id", ignore_index=True)
    return table, answers


def _training(staff: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Training day and hours per member of staff: waves around go-live, then on joining; a few never."""
    waves = pd.to_datetime(["2023-03-15", "2023-04-12", "2023-05-17"])
    leave = staff["leave_date"]
    employed = staff["hire_date"] < GO_LIVE
    dates = []
    for hired, left, at_start in zip(staff["hire_date"], leave, employed):
        if pd.notna(left) and left < waves[0]:
            dates.append(pd.NaT)
            continue
        u = rng.random()
        if at_start:
            day = waves[rng.integers(0, 3)] if u < 0.85 else pd.Timestamp("2023-09-20") if u < 0.95 else pd.NaT
        else:
            day = hired + pd.Timedelta(days=int(rng.integers(10, 45)))
        if pd.notna(day) and ((pd.notna(left) and day > left) or day > END_DATE):
            day = pd.NaT
        dates.append(day)
    hours = np.where(staff["role"] == "sales", 16, 8)
    trained = pd.Series(dates, dtype="datetime64[ns]")
    return pd.DataFrame({"staff_id": staff["staff_id"], "trained_date": trained,
                         "hours": np.where(trained.notna(), hours, 0)})


def _usage(staff: pd.DataFrame, training: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Records created per member of staff and month since go-live, by training and incentive scheme."""
    months = pd.date_range(GO_LIVE, END_DATE, freq="MS")
    trained = training.set_index("staff_id")["trained_date"]
    skill = rng.normal(0.0, 0.03, len(staff))
    rows = []
    for month in months:
        end = month + pd.offsets.MonthEnd(0)
        scheme = scheme_of(month)
        mult, p_complete, p_dup = _SCHEME[scheme]
        for k, person in enumerate(staff.itertuples(index=False)):
            if person.hire_date > end or (pd.notna(person.leave_date) and person.leave_date < month):
                continue
            day = trained[person.staff_id]
            if pd.isna(day) or day > end:
                p_active = 0.12
            else:
                since = (month.year - day.year) * 12 + month.month - day.month
                p_active = 0.93 * (1 - np.exp(-(max(since, 0) + 1) / 2.0))
            n = 0
            if rng.random() < p_active:
                n = max(1, int(rng.poisson(_RECORDS[person.role] * mult)))
            complete = int(rng.binomial(n, float(np.clip(p_complete + skill[k], 0, 1))))
            rows.append((person.staff_id, month, scheme, n, complete, int(rng.binomial(n, p_dup))))
    return pd.DataFrame(rows, columns=["staff_id", "month", "incentive_scheme", "records_created",
                                       "records_complete", "duplicates"])


def _survey(staff: pd.DataFrame, training: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Each December, the staff's 1-5 ratings of the system; trained staff rate it higher."""
    rows = []
    trained = training.set_index("staff_id")["trained_date"]
    for year, means in _SURVEY.items():
        day = pd.Timestamp(f"{year}-12-01")
        for person in staff.itertuples(index=False):
            if person.hire_date > day or (pd.notna(person.leave_date) and person.leave_date < day):
                continue
            lift = 0.3 if pd.notna(trained[person.staff_id]) and trained[person.staff_id] <= day else -0.3
            scores = [int(np.clip(np.rint(rng.normal(m + lift, 0.8)), 1, 5)) for m in means]
            rows.append((person.staff_id, year, *scores))
    return pd.DataFrame(rows, columns=["staff_id", "year", "usefulness", "ease_of_use", "data_trust"])


def _design() -> pd.DataFrame:
    items = [("go_live", GO_LIVE, np.nan), ("count_bonus_start", COUNT_BONUS, np.nan),
             ("quality_bonus_start", QUALITY_BONUS, np.nan)]
    for scheme, (mult, complete, dup) in _SCHEME.items():
        items += [(f"{scheme}_records_multiplier", pd.NaT, mult), (f"{scheme}_complete_share", pd.NaT, complete),
                  (f"{scheme}_duplicate_share", pd.NaT, dup)]
    return pd.DataFrame(items, columns=["item", "date", "value"])


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw the CRM project's tables and record what was built in (CRM实施数据).

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The core tables (``customers``, ``orders``, ``staff``).
    rng : numpy.random.Generator
        This extension's own random stream.

    Returns
    -------
    dict of str to DataFrame
        ``crm_migration``, ``crm_training``, ``crm_usage``, ``staff_survey`` and the answer tables
        ``crm_migration_faults`` and ``crm_rollout_design``.

    Examples
    --------
    >>> from kamcourse import data
    >>> out = build({n: data.load(n) for n in ("customers", "orders", "staff")}, np.random.default_rng(1))
    >>> out["crm_migration_faults"]["fault"].value_counts()["garbled_text"]
    np.int64(4)
    """
    staff = tables["staff"]
    migration, faults = _migration(tables, rng)
    training = _training(staff, rng)
    return {
        "crm_migration": migration, "crm_training": training, "crm_usage": _usage(staff, training, rng),
        "staff_survey": _survey(staff, training, rng), "crm_migration_faults": faults,
        "crm_rollout_design": _design(),
    }


EXTENSION = Extension("crm_rollout", _TABLES, _ANSWERS, build)

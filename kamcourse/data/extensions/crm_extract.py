"""A raw CRM extract with realistic faults (客户档案原始导出), made on purpose for lesson 11.

The company's core tables are clean. A real CRM export is not: the same firm entered twice under
another spelling, industry typed by hand, phone numbers missing or mistyped, contact persons who left
long ago still marked active, records nobody has reviewed for years. This extension draws such an
export from the clean tables (``raw_accounts``, ``raw_contacts``) and writes every fault it builds in
to the instructor table ``raw_extract_faults`` (and the true customer of every record to
``raw_account_ids``), so the tests can check that :func:`kamcourse.customer_info.find_faults` finds
each one. The rates below are this kit's choices; ``datasets/README.md`` describes every column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import REGIONS
from ..simulate.catalog import END_DATE
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "INDUSTRY_VARIANTS", "CRM_START", "FAULT_RATES"]

#: The day the company's CRM went live: older customers were imported then.
CRM_START = pd.Timestamp("2019-03-01")

#: How often each fault is built in (shares of records; this kit's choice).
FAULT_RATES: Mapping[str, float] = {
    "duplicated_customers": 0.08,  # customers entered again under another name (a few twice)
    "industry_missing": 0.03,
    "industry_variant": 0.25,
    "account_phone_missing": 0.06,
    "account_phone_malformed": 0.04,
    "stale": 0.07,  # original records not reviewed for more than two years
    "mobile_missing": 0.05,
    "mobile_malformed": 0.03,
    "departed": 0.04,  # contacts who left, still marked active
    "inactive": 0.02,  # contacts who left and are correctly marked inactive (not faults)
}

#: Industry labels as people type them: aliases, the other language, typos (the key itself is the standard).
INDUSTRY_VARIANTS: Mapping[str, tuple[str, ...]] = {
    "construction_machinery": ("工程机械", "工程机械行业", "Construction Machinery", "construction machinery industry",
                               "工程机诫"),
    "agricultural_machinery": ("农机", "农业机械", "Agricultural Machinery", "agri machinery", "Agricultural Machinary"),
    "packaging_machinery": ("打包机械", "包装机械", "Packaging Machinery", "Baling & Packaging", "Packging Machinery"),
    "machine_tools": ("机床", "机床行业", "Machine Tools", "machine-tool", "Machine Tols"),
    "plastics_machinery": ("塑料机械", "塑机", "Plastics Machinery", "plastic machinery", "塑料机诫"),
    "metallurgy": ("冶金", "冶金设备", "Metallurgy", "metallurgical", "Metalurgy"),
    "mining_equipment": ("矿山设备", "矿山机械", "Mining Equipment", "mining machinery", "Mining Equipmnet"),
    "distributor": ("经销商", "代理商", "Distributor", "dealer", "Distributer"),
}

# area code and city of each region (REGIONS order): phone numbers and the "city + name" variant
_AREA = ("021", "020", "010", "027", "028", "024", "029")
_CITY = ("上海", "广州", "北京", "武汉", "成都", "沈阳", "西安")
# homophones (同音字) of the second syllable of the firms' trade names
_HOMOPHONE = {"达": "大", "力": "立", "源": "元", "诚": "成", "辉": "晖", "祥": "翔", "鑫": "新", "丰": "峰",
              "通": "同", "川": "传"}
_DEPARTED_NOTES = ("已离职", "2024年已离职", "已离职，电话停机", "left the company", "resigned in 2024",
                   "已调离，不再负责本公司业务", "跳槽到同行")
_NEUTRAL_NOTES = ("喜欢电话沟通", "prefers WeChat", "负责液压件采购", "每月初下采购计划", "出差中，下周回来",
                  "on leave until March", "技术对接人", "只在上午联系")

RAW_ACCOUNTS = Table(
    "raw_accounts",
    (
        ("record_id", "str"), ("company_name", "str"), ("industry_label", "str"), ("region", "str"),
        ("size_band", "str"), ("phone", "str"), ("owner_staff_id", "str"), ("created_date", "date"),
        ("last_updated", "date"), ("sales_last_12m", "money"),
    ),
    primary_key=("record_id",),
    foreign_keys=(("owner_staff_id", "staff", "staff_id"),),
    indexes=(("region",),),
)
RAW_CONTACTS = Table(
    "raw_contacts",
    (
        ("contact_record_id", "str"), ("record_id", "str"), ("name", "str"), ("role", "str"), ("mobile", "str"),
        ("status", "str"), ("last_contact_date", "date"), ("note", "str"), ("birthday", "date"),
        ("marital_status", "str"),
    ),
    primary_key=("contact_record_id",),
    foreign_keys=(("record_id", "raw_accounts", "record_id"),),
    indexes=(("record_id",),),
)
RAW_FAULTS = Table(
    "raw_extract_faults",
    (
        ("table", "str"), ("row_id", "str"), ("fault", "str"), ("field", "str"), ("customer_id", "str"),
        ("correct_value", "str"),
    ),
    primary_key=("table", "row_id", "fault", "field"),
)
RAW_IDS = Table("raw_account_ids", (("record_id", "str"), ("customer_id", "str")), primary_key=("record_id",))


def _days(rng: np.random.Generator, lo: pd.Timestamp, hi: pd.Timestamp) -> pd.Timestamp:
    """A uniform day in [lo, hi] (hi before lo gives lo)."""
    span = max(int((hi - lo).days), 0)
    return lo + pd.Timedelta(days=int(rng.integers(0, span + 1)))


def _malformed(rng: np.random.Generator, digits: str, sep: str) -> str:
    """A mistyped number: a digit dropped or doubled, a letter O for a zero, or the prefix cut off."""
    kind = int(rng.integers(0, 4))
    i = int(rng.integers(3, len(digits) - 1))
    if kind == 0:
        return digits[:i] + digits[i + 1:]
    if kind == 1:
        return digits[:i] + digits[i] + digits[i:]
    if kind == 2 and "0" in digits[1:]:
        j = digits.index("0", 1)
        return digits[:j] + "O" + digits[j + 1:]
    return digits[3:] if sep == "landline" else "12" + digits[2:]


def _landline(rng: np.random.Generator, area: str, local: str) -> str:
    """One valid way of writing a landline number."""
    k = rng.choice(4, p=[0.6, 0.15, 0.15, 0.1])
    return (f"{area}-{local}", f"{area}{local}", f"({area}) {local[:4]}-{local[4:]}",
            f"+86 {area[1:]} {local[:4]} {local[4:]}")[k]


def _mobile(rng: np.random.Generator, digits: str) -> str:
    """One valid way of writing a mobile number."""
    k = rng.choice(4, p=[0.5, 0.3, 0.1, 0.1])
    return (digits, f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"{digits[:3]} {digits[3:7]} {digits[7:]}",
            f"+86 {digits}")[k]


def _name_variant(rng: np.random.Generator, zh: str, en: str, city: str) -> tuple[str, bool]:
    """Another way of writing a company's name; True when it changes the trade name (needs the phone to match)."""
    kinds = ("zh_short", "zh_city", "zh_branch", "zh_space", "zh_homophone", "en_full", "en_upper", "en_typo")
    kind = kinds[int(rng.integers(0, len(kinds)))]
    body = zh.removesuffix("有限公司")
    if kind == "zh_short":
        return body, False
    if kind == "zh_city":
        return city + zh, False
    if kind == "zh_branch":
        return zh + ("（销售部）", "（采购部）", "(总部)")[int(rng.integers(0, 3))], False
    if kind == "zh_space":
        return f"{body[:2]} {body[2:]} 有限公司", False
    if kind == "zh_homophone" and zh[1] in _HOMOPHONE:
        return zh[0] + _HOMOPHONE[zh[1]] + zh[2:], False
    if kind == "en_upper":
        return en.upper().replace("&", "AND").replace(",", "").replace(".", ""), False
    if kind == "en_typo":
        trade = en.split(" ", 1)
        i = int(rng.integers(1, len(trade[0])))
        return trade[0][:i] + trade[0][i + 1:] + " " + trade[1], True
    return en, False


def _accounts(customers: pd.DataFrame, orders: pd.DataFrame, staff: pd.DataFrame,
              rng: np.random.Generator) -> tuple[pd.DataFrame, list[dict]]:
    """The account records (originals and duplicates) and the faults built into them."""
    n = len(customers)
    region = customers["region"].map({r: i for i, r in enumerate(REGIONS)}).to_numpy()
    recent = orders[orders["order_date"] > END_DATE - pd.Timedelta(days=365)]
    cents = (recent.groupby("customer_id")["net_revenue"].sum() * 100).round().astype("int64")
    cents = cents.reindex(customers["customer_id"], fill_value=0).to_numpy()
    # duplicated customers: twice as likely among the largest fifth (more people deal with them)
    weight = np.where(cents >= np.quantile(cents, 0.8), 2.0, 1.0)
    weight[(customers["first_order_date"] > END_DATE - pd.Timedelta(days=120)).to_numpy()] = 0.0
    # at least two duplicated customers, at most as many as can be (a tiny company may have none)
    n_dup = min(max(2, int(round(FAULT_RATES["duplicated_customers"] * n))), int((weight > 0).sum()))
    dup_customers = rng.choice(n, size=n_dup, replace=False, p=weight / weight.sum()) if n_dup else []
    copies = {int(c): 1 + int(rng.random() < 0.2) for c in dup_customers}
    sales = list(staff.loc[staff["role"] == "sales", "staff_id"])
    faults: list[dict] = []
    rows: list[dict] = []
    for i, c in enumerate(customers.itertuples(index=False)):
        first = pd.Timestamp(c.first_order_date)
        created = max(first - pd.Timedelta(days=int(rng.integers(0, 30))), CRM_START)
        local = f"8800{i + 1:04d}"
        area = _AREA[region[i]]
        k = copies.get(i, 0)
        shares = rng.uniform(0.1, 0.5, k) / max(k, 1)
        parts = [int(round(cents[i] * s)) for s in shares]
        entries = [(c.name_zh if rng.random() < 0.9 else c.name, created, cents[i] - sum(parts), c.account_manager_id,
                    False)]
        for part in parts:
            name, typo = _name_variant(rng, c.name_zh, c.name, _CITY[region[i]])
            when = _days(rng, created + pd.Timedelta(days=30), END_DATE - pd.Timedelta(days=60))
            entries.append((name, when, part, sales[int(rng.integers(len(sales)))], typo))
        for j, (name, when, part, owner, typo) in enumerate(entries):
            rows.append({"customer_id": c.customer_id, "original": j == 0, "company_name": name, "region": c.region,
                         "size_band": c.size_band, "owner_staff_id": owner, "created_date": when,
                         "sales_last_12m": part / 100, "industry": c.industry, "duplicated": k > 0, "typo": typo,
                         "area": area, "local": local})
    frame = pd.DataFrame(rows).sort_values(["created_date", "customer_id", "original"], ascending=[True, True, False],
                                           kind="mergesort").reset_index(drop=True)
    frame.insert(0, "record_id", [f"R{i + 1:04d}" for i in range(len(frame))])
    survivor = frame[frame["original"]].set_index("customer_id")["record_id"]
    for r in frame[~frame["original"]].itertuples():
        faults.append({"table": "raw_accounts", "row_id": r.record_id, "fault": "duplicate_record",
                       "field": "company_name", "customer_id": r.customer_id, "correct_value": survivor[r.customer_id]})
    return frame, faults


def _account_fields(frame: pd.DataFrame, rng: np.random.Generator, faults: list[dict]) -> pd.DataFrame:
    """Industry label, phone and last review date of each account record, with their faults."""
    labels, phones, updated = [], [], []
    for r in frame.itertuples():
        roll = rng.random()
        if roll < FAULT_RATES["industry_missing"] and not r.duplicated:
            labels.append(None)
            faults.append(_fault("raw_accounts", r, "missing_value", "industry_label", r.industry))
        elif roll < FAULT_RATES["industry_missing"] + FAULT_RATES["industry_variant"]:
            variants = INDUSTRY_VARIANTS[r.industry]
            labels.append(variants[int(rng.integers(len(variants)))])
            faults.append(_fault("raw_accounts", r, "inconsistent_label", "industry_label", r.industry))
        else:
            labels.append(r.industry)
        digits, roll = r.area + r.local, rng.random()
        if r.typo or (r.duplicated and r.original):  # what ties a near-miss name to its original
            phones.append(_landline(rng, r.area, r.local))
        elif roll < FAULT_RATES["account_phone_missing"] + (0.3 if not r.original else 0.0):
            phones.append(None)
            faults.append(_fault("raw_accounts", r, "missing_value", "phone", digits))
        elif roll > 1 - FAULT_RATES["account_phone_malformed"]:
            phones.append(_malformed(rng, digits, "landline"))
            faults.append(_fault("raw_accounts", r, "malformed_phone", "phone", digits))
        else:
            phones.append(_landline(rng, r.area, r.local))
        old = END_DATE - pd.Timedelta(days=800)
        if r.original and r.created_date <= old and rng.random() < FAULT_RATES["stale"] / 0.8:
            updated.append(_days(rng, r.created_date, END_DATE - pd.Timedelta(days=740)))
            faults.append(_fault("raw_accounts", r, "stale_record", "last_updated", None))
        else:
            updated.append(_days(rng, max(r.created_date, END_DATE - pd.Timedelta(days=600)), END_DATE))
    return frame.assign(industry_label=labels, phone=phones, last_updated=updated)


def _fault(table: str, row, fault: str, field: str, correct: str | None) -> dict:
    row_id = row.record_id if table == "raw_accounts" else row.contact_record_id
    return {"table": table, "row_id": row_id, "fault": fault, "field": field, "customer_id": row.customer_id,
            "correct_value": correct}


def _contacts(contacts: pd.DataFrame, frame: pd.DataFrame, rng: np.random.Generator,
              faults: list[dict]) -> pd.DataFrame:
    """The contact records: split over duplicates, mobiles mistyped, people who left, people who moved."""
    records = frame.groupby("customer_id")["record_id"].apply(list)
    rows = []
    for c in contacts.itertuples(index=False):
        recs = records[c.customer_id]
        rec = recs[0] if len(recs) == 1 or rng.random() < 0.7 else recs[1 + int(rng.integers(len(recs) - 1))]
        digits = c.phone.replace("-", "")
        rows.append({"customer_id": c.customer_id, "record_id": rec, "name": c.name_zh if rng.random() < 0.8 else c.name,
                     "role": c.role, "digits": digits, "kind": "normal"})
    out = pd.DataFrame(rows)
    roll = rng.random(len(out))
    cut = np.cumsum([FAULT_RATES[k] for k in ("mobile_missing", "mobile_malformed", "departed", "inactive")])
    kinds = np.select([roll < cut[0], roll < cut[1], roll < cut[2], roll < cut[3]],
                      ["missing", "malformed", "departed", "inactive"], "normal")
    out["kind"] = kinds
    moved = (out["kind"] == "departed") & (rng.random(len(out)) < 0.5)
    # people who moved appear again at another customer, with a newer record (a company of one customer has none)
    originals = frame[frame["original"]].set_index("customer_id")["record_id"]
    moved &= len(originals) > 1
    out.loc[moved, "kind"] = "moved"
    arrivals = []
    for r in out[moved].itertuples():
        other = originals.drop(r.customer_id).index[int(rng.integers(len(originals) - 1))]
        arrivals.append({"customer_id": other, "record_id": originals[other], "name": r.name, "role": r.role,
                         "digits": r.digits, "kind": "arrival"})
    out = pd.concat([out, pd.DataFrame(arrivals, columns=out.columns)], ignore_index=True)
    out = out.iloc[rng.permutation(len(out))].sort_values("record_id", kind="mergesort").reset_index(drop=True)
    out.insert(0, "contact_record_id", [f"K{i + 1:05d}" for i in range(len(out))])
    return _contact_fields(out, rng, faults)


def _contact_fields(out: pd.DataFrame, rng: np.random.Generator, faults: list[dict]) -> pd.DataFrame:
    """Mobile, status, last contact, note and the personal fields of each contact record."""
    mobile, status, last, note = [], [], [], []
    for r in out.itertuples():
        gone = r.kind in ("departed", "moved", "inactive")
        if r.kind == "missing":
            mobile.append(None)
            faults.append(_fault("raw_contacts", r, "missing_value", "mobile", r.digits))
        elif r.kind == "malformed":
            mobile.append(_malformed(rng, r.digits, "mobile"))
            faults.append(_fault("raw_contacts", r, "malformed_phone", "mobile", r.digits))
        else:
            mobile.append(_mobile(rng, r.digits))
        status.append("inactive" if r.kind == "inactive" else "active")
        if r.kind in ("departed", "moved"):
            faults.append(_fault("raw_contacts", r, "departed_contact", "status", "inactive"))
        ago = rng.integers(400, 900) if gone else rng.integers(0, 200 if r.kind == "arrival" else 400)
        last.append(END_DATE - pd.Timedelta(days=int(ago)))
        if r.kind in ("departed", "inactive"):
            note.append(_DEPARTED_NOTES[int(rng.integers(len(_DEPARTED_NOTES)))])
        elif r.kind != "arrival" and rng.random() < 0.3:
            note.append(_NEUTRAL_NOTES[int(rng.integers(len(_NEUTRAL_NOTES)))])
        else:
            note.append(None)
    n = len(out)
    birthday = [pd.Timestamp("1965-01-01") + pd.Timedelta(days=int(d)) if b else pd.NaT
                for d, b in zip(rng.integers(0, 365 * 30, n), rng.random(n) < 0.35)]
    marital = [("married", "single")[int(k)] if m else None for k, m in zip(rng.integers(0, 2, n), rng.random(n) < 0.2)]
    return out.assign(mobile=mobile, status=status, last_contact_date=last, note=note, birthday=birthday,
                      marital_status=marital)


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The raw extract and its answer tables from the clean customers, contacts, orders and staff."""
    frame, faults = _accounts(tables["customers"], tables["orders"], tables["staff"], rng)
    frame = _account_fields(frame, rng, faults)
    contacts = _contacts(tables["contacts"], frame, rng, faults)
    order = {t: i for i, t in enumerate(("raw_accounts", "raw_contacts"))}
    answer = pd.DataFrame(faults).sort_values(["table", "row_id", "fault", "field"],
                                              key=lambda s: s.map(order) if s.name == "table" else s)
    return {
        "raw_accounts": frame[RAW_ACCOUNTS.column_names],
        "raw_contacts": contacts[RAW_CONTACTS.column_names],
        "raw_extract_faults": answer.reset_index(drop=True),
        "raw_account_ids": frame[["record_id", "customer_id"]],
    }


EXTENSION = Extension("crm_extract", (RAW_ACCOUNTS, RAW_CONTACTS), (RAW_FAULTS, RAW_IDS), build)

"""Duplicate customer records (重复客户档案): find the pairs, group them, merge each group into one record."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..validation import check_fraction, require_columns
from .labels import standardize_labels
from .names import company_name_key
from .phones import normalize_phone

__all__ = ["PAIR_DECISIONS", "ACCOUNT_COLUMNS", "duplicate_pairs", "duplicate_groups", "merge_duplicates"]

#: What :func:`duplicate_pairs` decides about a pair of records.
PAIR_DECISIONS: tuple[str, ...] = ("duplicate", "review", "different")

#: The columns of an account table these functions read (those of the raw extract ``raw_accounts``).
ACCOUNT_COLUMNS: tuple[str, ...] = ("record_id", "company_name", "industry_label", "region", "phone")


def _evidence(a: Any, b: Any) -> str:
    if pd.isna(a) or pd.isna(b):
        return "unknown"
    return "agree" if a == b else "conflict"


def _decide(score: float, industry: str, phone: str) -> str:
    if "conflict" in (industry, phone):
        return "different"
    if score >= 100 and "agree" in (industry, phone):
        return "duplicate"
    if phone == "agree":
        return "duplicate"
    return "review"


def duplicate_pairs(accounts: pd.DataFrame, threshold: float = 85.0) -> pd.DataFrame:
    """Pairs of account records that may be the same customer, with the evidence and a decision (查重).

    Records are compared within one region (blocking: a firm does not move region between two
    entries). A pair is a candidate when the trade names of its company names
    (:func:`~kamcourse.customer_info.company_name_key`, Chinese in pinyin) have a fuzzy similarity
    (``rapidfuzz.fuzz.ratio``) of at least ``threshold``. Two more fields are then compared: the
    industry (labels standardised with :func:`~kamcourse.customer_info.standardize_labels`) and the
    phone (:func:`~kamcourse.customer_info.normalize_phone`): each agrees, conflicts, or is unknown
    (missing or malformed on one side). The decision (this kit's rule):

    - ``different`` if the industry or the phone conflicts (two firms may share a trade name);
    - ``duplicate`` if the trade names are the same and the industry or the phone agrees, or if the
      trade names are only similar but the phones agree (weaker name evidence needs the phone);
    - ``review`` otherwise: a person looks at the pair before anything is merged.

    Parameters
    ----------
    accounts : pandas.DataFrame
        Columns :data:`ACCOUNT_COLUMNS` (the raw extract ``raw_accounts``); ``record_id`` unique.
    threshold : float, default 85
        The lowest trade-name similarity (0-100) for a candidate pair.

    Returns
    -------
    pandas.DataFrame
        One row per candidate pair: ``record_a``, ``record_b`` (``record_a`` listed first in
        ``accounts``), ``name_a``, ``name_b``, ``name_score`` (one decimal), ``industry`` and ``phone`` (``agree``,
        ``unknown`` or ``conflict``) and ``decision`` (:data:`PAIR_DECISIONS`).

    Raises
    ------
    ValueError
        If a column is missing, ``record_id`` repeats, or ``threshold`` is outside [0, 100].

    References
    ----------
    .. [1] Fellegi, I. P., & Sunter, A. B. (1969). A theory for record linkage. *Journal of the American
       Statistical Association* 64(328), 1183-1210 (field-by-field agreement, a zone for clerical review).
       Christen, P. (2012). *Data Matching*. Springer (blocking).

    Examples
    --------
    >>> accounts = pd.DataFrame({
    ...     "record_id": ["R1", "R2", "R3", "R4"],
    ...     "company_name": ["永达打包机械有限公司", "YONGDA BALING AND PACKAGING MACHINERY CO LTD",
    ...                      "Yonda Baling & Packaging Machinery Co., Ltd.", "永达机床有限公司"],
    ...     "industry_label": ["packaging_machinery", "Packaging Machinery", None, "machine_tools"],
    ...     "region": ["north_china"] * 4,
    ...     "phone": ["010-88000001", None, "01088000001", "010-88000002"]})
    >>> duplicate_pairs(accounts)[["record_a", "record_b", "name_score", "decision"]]
      record_a record_b  name_score   decision
    0       R1       R2       100.0  duplicate
    1       R1       R3        90.9  duplicate
    2       R1       R4       100.0  different
    3       R2       R3        90.9     review
    4       R2       R4       100.0  different
    5       R3       R4        90.9  different
    """
    from rapidfuzz import fuzz, process

    require_columns(accounts, ACCOUNT_COLUMNS, "accounts")
    threshold = check_fraction(threshold, "threshold", high=100)
    if accounts["record_id"].duplicated().any():
        raise ValueError(f"accounts has duplicate record_id {accounts['record_id'][accounts['record_id'].duplicated()].iloc[0]!r}")
    trade = accounts["company_name"].map(lambda n: company_name_key(n).trade).to_numpy()
    industry = standardize_labels(accounts["industry_label"])["standard_key"].to_numpy()
    phone = accounts["phone"].map(normalize_phone).to_numpy()
    ids, names = accounts["record_id"].to_numpy(), accounts["company_name"].to_numpy()
    rows = []
    for _, block in accounts.groupby("region", sort=False).indices.items():
        block = np.sort(block)
        scores = process.cdist(trade[block], trade[block], scorer=fuzz.ratio)
        for i, j in zip(*np.nonzero(np.triu(scores >= threshold, k=1))):
            a, b = block[i], block[j]
            ind, ph = _evidence(industry[a], industry[b]), _evidence(phone[a], phone[b])
            score = round(float(fuzz.ratio(trade[a], trade[b])), 1)
            rows.append((a, b, ids[a], ids[b], names[a], names[b], score, ind, ph, _decide(score, ind, ph)))
    cols = ["a", "b", "record_a", "record_b", "name_a", "name_b", "name_score", "industry", "phone", "decision"]
    out = pd.DataFrame(rows, columns=cols).sort_values(["a", "b"]).drop(columns=["a", "b"])
    return out.reset_index(drop=True)


def duplicate_groups(accounts: pd.DataFrame, pairs: pd.DataFrame) -> pd.Series:
    """Group records linked by "duplicate" pairs; each group is named after its earliest record (重复组).

    Groups are the connected components of the pairs decided ``duplicate`` (if A = B and B = C, all
    three are one customer). The survivor of a group is its first record in ``accounts`` (the raw
    extract lists records in the order they were created), so the oldest record keeps its id.

    Parameters
    ----------
    accounts : pandas.DataFrame
        With a ``record_id`` column.
    pairs : pandas.DataFrame
        From :func:`duplicate_pairs` (columns ``record_a``, ``record_b``, ``decision``).

    Returns
    -------
    pandas.Series
        Indexed by ``record_id``: the ``record_id`` of the group's survivor (itself for a record
        without duplicates). Named ``group``.

    Raises
    ------
    ValueError
        If a column is missing or a pair names a record not in ``accounts``.

    Examples
    --------
    >>> accounts = pd.DataFrame({"record_id": ["R1", "R2", "R3", "R4"]})
    >>> pairs = pd.DataFrame({"record_a": ["R1", "R2", "R1"], "record_b": ["R3", "R4", "R4"],
    ...                       "decision": ["duplicate", "duplicate", "review"]})
    >>> duplicate_groups(accounts, pairs).tolist()
    ['R1', 'R2', 'R1', 'R2']
    """
    require_columns(accounts, ["record_id"], "accounts")
    require_columns(pairs, ["record_a", "record_b", "decision"], "pairs")
    ids = list(accounts["record_id"])
    position = {r: i for i, r in enumerate(ids)}
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = pairs[pairs["decision"] == "duplicate"]
    unknown = sorted(set(linked["record_a"]).union(linked["record_b"]) - set(position))
    if unknown:
        raise ValueError(f"pairs names record(s) not in accounts: {unknown[:3]}")
    for a, b in zip(linked["record_a"], linked["record_b"]):
        ra, rb = root(position[a]), root(position[b])
        parent[max(ra, rb)] = min(ra, rb)
    return pd.Series([ids[root(i)] for i in range(len(ids))], index=pd.Index(ids, name="record_id"), name="group")


def merge_duplicates(accounts: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Merge each group of duplicate records into one golden record (合并重复档案).

    Survivorship rules (this kit's convention): the survivor's id and name; the first standard
    industry key and the first valid phone found in the group (survivor first); the earliest
    ``created_date``, the latest ``last_updated``; ``sales_last_12m`` summed (the group's sales had
    been split between its records); the survivor's owner, region and size band. Contacts are
    re-pointed with ``contacts["record_id"].map(groups)``.

    Parameters
    ----------
    accounts : pandas.DataFrame
        The raw extract ``raw_accounts`` (its columns).
    groups : pandas.Series
        From :func:`duplicate_groups`.

    Returns
    -------
    pandas.DataFrame
        One row per group, indexed by the survivor's ``record_id``: ``company_name``, ``industry``
        (standard key), ``region``, ``size_band``, ``phone`` (digits), ``owner_staff_id``,
        ``created_date``, ``last_updated``, ``sales_last_12m`` and ``merged_records`` (records merged).

    Raises
    ------
    ValueError
        If a column is missing or a record has no group.

    Examples
    --------
    >>> accounts = pd.DataFrame({
    ...     "record_id": ["R1", "R2"], "company_name": ["永达打包机械有限公司", "Yongda Baling Co."],
    ...     "industry_label": [None, "打包机械"], "region": ["north_china"] * 2, "size_band": ["large_enterprise"] * 2,
    ...     "phone": ["010-8800001", "010-88000001"], "owner_staff_id": ["S001", "S002"],
    ...     "created_date": pd.to_datetime(["2020-01-01", "2023-05-01"]),
    ...     "last_updated": pd.to_datetime(["2021-01-01", "2025-06-01"]), "sales_last_12m": [100.0, 50.0]})
    >>> merged = merge_duplicates(accounts, pd.Series(["R1", "R1"], index=["R1", "R2"]))
    >>> r = merged.loc["R1"]
    >>> r["industry"], r["phone"], float(r["sales_last_12m"]), int(r["merged_records"])
    ('packaging_machinery', '01088000001', 150.0, 2)
    """
    cols = [*ACCOUNT_COLUMNS, "size_band", "owner_staff_id", "created_date", "last_updated", "sales_last_12m"]
    require_columns(accounts, cols, "accounts")
    group = accounts["record_id"].map(groups)
    if group.isna().any():
        raise ValueError(f"record {accounts['record_id'][group.isna()].iloc[0]!r} has no group in groups")
    work = accounts.assign(group=group.to_numpy(), industry=standardize_labels(accounts["industry_label"])["standard_key"].to_numpy(),
                           phone=accounts["phone"].map(normalize_phone).to_numpy())
    by = work.groupby("group", sort=False)
    merged = by.first()[["company_name", "industry", "region", "size_band", "phone", "owner_staff_id"]]
    first = work.drop_duplicates("group").set_index("group")
    merged[["company_name", "region", "size_band", "owner_staff_id"]] = first[
        ["company_name", "region", "size_band", "owner_staff_id"]]
    merged["created_date"] = by["created_date"].min()
    merged["last_updated"] = by["last_updated"].max()
    merged["sales_last_12m"] = by["sales_last_12m"].sum().round(2)
    merged["merged_records"] = by.size()
    merged.index.name = "record_id"
    return merged

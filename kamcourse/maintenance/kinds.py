"""The three kinds of relationship maintenance (客户关系维护) and the maintenance process, as the materials define them.

The company CRM rules (course materials, 公司客户关系管理制度 第六条、第七条) say relationship maintenance
has three sides: 情感维护 (emotional: festival greetings, birthday wishes, visits), 信息维护 (information:
learning the customer's needs in time and offering solutions) and 服务维护 (service: the quality of the
service the customer gets); and a five-step process: build the customer file (建立客户档案), follow up the
customer's needs (跟进客户需求), customer care by customer level (客户关怀), complaint handling (客户投诉处理)
and relationship review (客户关系评估).
"""

from __future__ import annotations

import pandas as pd

from ..validation import check_keys, require_columns
from ..vocabulary import MAINTENANCE_KINDS, TOUCH_KINDS

__all__ = ["MAINTENANCE_KINDS", "TOUCH_KINDS", "MAINTENANCE_PROCESS", "maintenance_mix"]

#: The maintenance process of the company CRM rules (第七条), in order.
MAINTENANCE_PROCESS: tuple[str, ...] = (
    "customer_file", "follow_up_needs", "customer_care", "complaint_handling", "relationship_review",
)


def maintenance_mix(activities: pd.DataFrame, by: pd.Series | None = None) -> pd.DataFrame:
    """Share of the touches that served each kind of maintenance (情感维护 / 信息维护 / 服务维护).

    Parameters
    ----------
    activities : DataFrame
        The contact history with ``customer_id`` and ``purpose`` (``emotional_maintenance``,
        ``information_maintenance``, ``service_maintenance``).
    by : Series, optional
        A group per customer (e.g. the tier); default one row for all activities.

    Returns
    -------
    DataFrame
        One row per group, one column per kind (shares adding up to 1) and ``touches`` (the count).

    Raises
    ------
    ValueError
        If a column is missing or a purpose is not one of the three kinds.

    Examples
    --------
    >>> acts = pd.DataFrame({"customer_id": ["c1", "c1", "c2", "c2"],
    ...                      "purpose": ["emotional_maintenance", "service_maintenance", "information_maintenance",
    ...                                  "information_maintenance"]})
    >>> maintenance_mix(acts, by=pd.Series({"c1": "A", "c2": "C"}))[["emotional_maintenance", "touches"]]
       emotional_maintenance  touches
    A                    0.5        2
    C                    0.0        2
    """
    require_columns(activities, ["customer_id", "purpose"], "activities")
    purpose = check_keys(activities["purpose"], "activities['purpose']", MAINTENANCE_KINDS, "kind of maintenance")
    group = pd.Series("all", index=activities.index) if by is None else activities["customer_id"].map(by)
    if group.isna().any():
        raise ValueError(f"by has no group for customer {activities.loc[group.isna(), 'customer_id'].iloc[0]!r}")
    counts = pd.crosstab(group, purpose).reindex(columns=list(MAINTENANCE_KINDS), fill_value=0)
    out = counts.div(counts.sum(axis=1), axis=0).round(4)
    out["touches"] = counts.sum(axis=1)
    out.index.name = None
    out.columns.name = None
    return out

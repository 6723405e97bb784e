"""Why customers were lost, and how to win them back (客户流失原因与挽回策略).

The syllabus in the course materials names 客户的挽回 (winning customers back) as one of the three key
questions of the course (建立, 维护, 挽救客户关系). Winning back starts with the reason for the loss: a
service failure asks for an apology and a fix, a salesperson who left for a new contact person and a senior
visit, a customer nobody looked after for regular visits, a better price elsewhere for a look at the
value delivered. :func:`main_loss_reason` reads the reason from signals in the records;
:data:`WIN_BACK_TACTICS` pairs each reason with the tactics the course materials name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_flags, check_keys

__all__ = ["LOSS_SIGNALS", "WIN_BACK_TACTICS", "main_loss_reason"]

#: Signals of why a customer was lost, in the order :func:`main_loss_reason` tries them (this kit's convention).
LOSS_SIGNALS: tuple[str, ...] = ("manager_left", "service_failure", "neglected", "price_or_competitor")

#: Win-back tactic for each reason, in the course materials' terms (this kit's pairing).
WIN_BACK_TACTICS = pd.DataFrame(
    {
        "tactic": [
            "new_contact_senior_visit", "apologise_fix_follow_up", "regular_visits_and_care",
            "value_review_offer", "ask_why",
        ],
        "materials_terms": [
            "建立客户档案; 高层拜访, 深层次的沟通与协调 (大客户经理制度)",
            "客户投诉处理: 及时解决问题, 找出问题根源; 回访",
            "定期回访; 客户关怀; 情感维护 (节日问候, 拜访慰问)",
            "客户让渡价值; 差异化的服务策略",
            "定期与客户沟通, 了解客户需求、收集反馈",
        ],
    },
    index=pd.Index([*LOSS_SIGNALS, "unknown"], name="reason"),
)


def main_loss_reason(signals: pd.DataFrame, order: tuple[str, ...] = LOSS_SIGNALS) -> pd.Series:
    """The main reason each lost customer was lost: the first of her signals in ``order`` (主要流失原因).

    Parameters
    ----------
    signals : DataFrame
        One row per lost customer, one True/False column per signal (:data:`LOSS_SIGNALS`, or some of them).
    order : tuple of str
        The signals in the order they are tried (the rarer, more decisive first: a salesperson's departure
        before a dissatisfying complaint, which large accounts have most years); default :data:`LOSS_SIGNALS`.

    Returns
    -------
    Series
        The reason per customer, ``"unknown"`` when no signal is on.

    Raises
    ------
    ValueError
        If ``order`` names a column that ``signals`` lacks or an unknown signal, or a flag is not True/False.

    Examples
    --------
    >>> sig = pd.DataFrame({"service_failure": [False, True, False], "manager_left": [True, True, False]},
    ...                    index=["c1", "c2", "c3"])
    >>> main_loss_reason(sig, order=("service_failure", "manager_left")).tolist()
    ['manager_left', 'service_failure', 'unknown']
    """
    keys = list(check_keys(list(order), "order", LOSS_SIGNALS, "signal"))
    missing = [k for k in keys if k not in signals.columns]
    if missing:
        raise ValueError(f"signals is missing column(s) {', '.join(map(repr, missing))}; columns present: "
                         f"{', '.join(map(str, signals.columns))}")
    flags = np.column_stack([as_flags(signals[k], f"signals[{k!r}]").to_numpy() for k in keys]).astype(bool)
    first = np.where(flags.any(axis=1), flags.argmax(axis=1), -1)
    reason = np.where(first >= 0, np.asarray(keys, dtype=object)[np.maximum(first, 0)], "unknown")
    return pd.Series(reason, index=signals.index, name="reason")

"""Complaint handling (客户投诉处理): the process, a taxonomy, and the Pareto of root causes.

The company CRM rules ask for a complaint mechanism that handles complaints 及时、公正、有效, and for
complaints to be classified and analysed to find the root of the problem (对投诉进行分类、分析，找出问题根源，
制定改进措施; course materials); the hotel CRM manual in the materials has chapters on the causes of
complaints, the handling process and turning a complaint into an opportunity. Two classifications are
kept apart on purpose: the **category** is what the customer complains about (a symptom), the **root
cause** is why it happened inside the company (found by investigating), and only the root cause tells
what to fix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_keys, check_no_nan
from ..vocabulary import COMPLAINT_CATEGORIES, ROOT_CAUSES

__all__ = ["COMPLAINT_PROCESS", "COMPLAINT_CATEGORIES", "ROOT_CAUSES", "cause_pareto"]

#: The complaint-handling process, in order (this kit's wording of the materials' mechanism: receive, record,
#: classify, investigate, resolve, follow up, analyse the root causes and improve).
COMPLAINT_PROCESS: tuple[str, ...] = (
    "receive", "record", "classify", "investigate", "resolve", "follow_up", "analyse_causes",
)


def cause_pareto(causes: pd.Series, vital_share: float = 0.8, valid: tuple[str, ...] | None = ROOT_CAUSES
                 ) -> pd.DataFrame:
    """Pareto table of complaint causes (投诉原因帕累托分析): the vital few that make most complaints.

    Causes sorted by count (ties by name); ``cum_share`` adds the shares; a cause is one of the
    ``vital_few`` while the causes before it make less than ``vital_share`` of the complaints (the
    80/20 rule, Juran's "vital few and trivial many"; Juran 1951, *Quality Control Handbook*, McGraw-Hill).

    Parameters
    ----------
    causes : Series
        One root cause (or category) per complaint.
    vital_share : float
        Share of complaints the vital few make (default 0.8).
    valid : tuple of str or None
        The allowed keys (default :data:`ROOT_CAUSES`; ``None`` accepts any key, e.g. categories).

    Returns
    -------
    DataFrame
        Indexed by cause: ``complaints``, ``share``, ``cum_share``, ``vital_few`` (bool).

    Raises
    ------
    ValueError
        If a cause is missing or unknown, or there are no complaints.

    Examples
    --------
    >>> causes = pd.Series(["picking_error"] * 5 + ["order_entry_error"] * 3 + ["carrier_delay"] * 2)
    >>> cause_pareto(causes)
                       complaints  share  cum_share  vital_few
    picking_error               5    0.5        0.5       True
    order_entry_error           3    0.3        0.8       True
    carrier_delay               2    0.2        1.0      False
    """
    s = causes if isinstance(causes, pd.Series) else pd.Series(list(causes), dtype=object)
    if len(s) == 0:
        raise ValueError("causes is empty; it needs one cause per complaint")
    keys = check_keys(s, "causes", valid, "cause") if valid is not None else check_no_nan(s, "causes").astype(str)
    counts = keys.value_counts()
    counts = counts.iloc[np.lexsort((counts.index.to_numpy(), -counts.to_numpy()))]
    share = counts / counts.sum()
    cum = share.cumsum()
    out = pd.DataFrame({"complaints": counts.astype(int), "share": share.round(4), "cum_share": cum.round(4),
                        "vital_few": (cum - share) < vital_share - 1e-12})
    out.index.name = None
    return out

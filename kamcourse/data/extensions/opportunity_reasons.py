"""Extension ``opportunity_reasons``: why each lost opportunity was lost (丢单原因), keyed by ``opportunity_id``.

The course materials' CRM system manual asks for a closing reason when an opportunity is closed
(填写关闭原因); the core ``opportunities`` table has none. One reason per lost opportunity, from the
practice CRM's list (:data:`kamcourse.vocabulary.LOSS_REASONS`). Built in on purpose (this kit's
convention): deals lost with customers who later declined or left cite **service**, a **competitor** and
the **relationship** much more often (about 70 %) than deals lost with the other customers, where price,
budget and timing dominate; every deal lost with the runaway-horse account cites the relationship.
The answer table ``lifecycle_stages`` holds the stages the reasons were drawn from.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ...vocabulary import LOSS_REASONS
from ..table import Table
from . import Extension

__all__ = ["EXTENSION", "REASON_MIX", "build"]

#: Chances of each reason (LOSS_REASONS order) for a customer who later declined or left, and for the others.
REASON_MIX: dict[str, tuple[float, ...]] = {
    "fading": (0.12, 0.25, 0.25, 0.20, 0.06, 0.06, 0.06),
    "other": (0.30, 0.12, 0.05, 0.05, 0.10, 0.20, 0.18),
}

OPPORTUNITY_REASONS = Table(
    "opportunity_reasons",
    (("opportunity_id", "str"), ("closing_reason", "str")),
    primary_key=("opportunity_id",),
    foreign_keys=(("opportunity_id", "opportunities", "opportunity_id"),),
    indexes=(("closing_reason",),),
)


def build(tables: Mapping[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Draw a closing reason for every lost opportunity (``opportunity_reasons``).

    Examples
    --------
    >>> from kamcourse.data import generate
    >>> t = generate(seed=7, n_customers=60, years=3)
    >>> len(t["opportunity_reasons"]) == int((t["opportunities"]["stage"] == "closed_lost").sum())
    True
    """
    opps = tables["opportunities"]
    lost = opps[opps["stage"] == "closed_lost"]
    stage = tables["lifecycle_stages"].set_index("customer_id")["intended_stage"].reindex(lost["customer_id"])
    fading = stage.isin(["decline", "termination"]).to_numpy()
    runaway = set(tables["runaway_horse"]["customer_id"])
    p = np.where(fading[:, None], REASON_MIX["fading"], REASON_MIX["other"])
    code = (rng.random(len(lost))[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
    reason = np.asarray(LOSS_REASONS, dtype=object)[np.minimum(code, len(LOSS_REASONS) - 1)]
    reason = np.where(lost["customer_id"].isin(runaway).to_numpy(), "relationship", reason)
    return {"opportunity_reasons": pd.DataFrame({"opportunity_id": lost["opportunity_id"].to_numpy(),
                                                 "closing_reason": reason})}


EXTENSION = Extension("opportunity_reasons", (OPPORTUNITY_REASONS,), (), build)

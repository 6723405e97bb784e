"""The opportunity pipeline (销售漏斗/商机管道): stage conversion, win rate and cycle time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_flags, as_numeric_series, check_keys, check_no_nan, check_not_empty, require_columns
from ..vocabulary import CLOSED_STAGES, PIPELINE_STAGES

__all__ = ["PIPELINE_STAGES", "CLOSED_STAGES", "pipeline_stages", "pipeline_summary"]


def pipeline_stages(opportunities: pd.DataFrame, include_open: bool = False) -> pd.DataFrame:
    """How far opportunities get: stage-to-stage conversion of the pipeline (商机阶段转化).

    An opportunity *reached* a stage if its furthest stage is that stage or a
    later one (a won deal reached every stage). Per stage::

        reached            = opportunities whose furthest stage >= the stage
        share_of_created   = reached / all opportunities counted
        stage_conversion   = reached(next stage) / reached(this stage)

    Open opportunities are still moving, so counting them would understate
    conversion: by default only closed ones count (this kit's convention).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Columns ``furthest_stage`` (one of :data:`PIPELINE_STAGES`) and
        ``stage`` (current stage; ``"closed_won"``/``"closed_lost"`` when closed).
    include_open : bool, default False
        Count open opportunities too.

    Returns
    -------
    pandas.DataFrame
        Index ``stage`` (:data:`PIPELINE_STAGES`); columns reached,
        share_of_created, stage_conversion (NaN for the last stage).

    Raises
    ------
    ValueError
        If columns are missing, values are NaN or not known stages, or no
        opportunity is left to count.

    Examples
    --------
    >>> opp = pd.DataFrame({
    ...     "stage": ["closed_won", "closed_lost", "closed_lost", "closed_lost", "proposal"],
    ...     "furthest_stage": ["closed_won", "negotiation", "qualification", "prospecting", "proposal"]})
    >>> pipeline_stages(opp)
                   reached  share_of_created  stage_conversion
    stage
    prospecting          4              1.00          0.750000
    qualification        3              0.75          0.666667
    proposal             2              0.50          1.000000
    negotiation          2              0.50          0.500000
    closed_won           1              0.25               NaN
    """
    require_columns(opportunities, ["stage", "furthest_stage"], "opportunities", complete=True)
    closed = opportunities["stage"].isin(CLOSED_STAGES)
    furthest = opportunities.loc[closed | bool(include_open), "furthest_stage"]
    check_keys(furthest, "opportunities['furthest_stage']", PIPELINE_STAGES, "stage")
    if len(furthest) == 0:
        raise ValueError("opportunities has no closed opportunity to count (pass include_open=True?)")
    rank = furthest.map({s: i for i, s in enumerate(PIPELINE_STAGES)})
    reached = pd.Series([int((rank >= i).sum()) for i in range(len(PIPELINE_STAGES))],
                        index=pd.Index(PIPELINE_STAGES, name="stage"))
    out = pd.DataFrame({"reached": reached, "share_of_created": reached / len(furthest)})
    nxt = reached.shift(-1)
    out["stage_conversion"] = (nxt / reached.where(reached > 0)).astype(float)
    return out


def pipeline_summary(opportunities: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Win rate, deal size and sales-cycle time of the opportunity pipeline (销售漏斗指标).

    ::

        win_rate = won / closed opportunities
        cycle_days = close_date - created_date (median, for won and for lost deals)

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Columns ``stage``, ``won`` (bool), ``amount``, ``created_date``,
        ``close_date`` (NaT while open), and ``by`` if given.
    by : str, optional
        A column to group by (e.g. ``"staff_id"``); default one row ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Columns opportunities, open, closed, won, win_rate, won_amount,
        mean_won_amount, cycle_days_won, cycle_days_lost.

    Raises
    ------
    ValueError
        If columns are missing, the table is empty, or a closed deal has no
        close date.

    Examples
    --------
    >>> opp = pd.DataFrame({
    ...     "stage": ["closed_won", "closed_lost", "closed_won", "proposal"],
    ...     "won": [True, False, True, False], "amount": [100.0, 50.0, 300.0, 80.0],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-11-01"]),
    ...     "close_date": pd.to_datetime(["2025-03-02", "2025-02-21", "2025-06-29", None])})
    >>> pipeline_summary(opp).loc["all", ["closed", "won", "win_rate", "cycle_days_won", "cycle_days_lost"]].tolist()
    [3.0, 2.0, 0.6666666666666666, 90.0, 20.0]
    """
    cols = ["stage", "won", "amount", "created_date", "close_date"] + ([by] if by else [])
    require_columns(opportunities, cols, "opportunities")
    check_not_empty(opportunities, "opportunities", "opportunity")
    closed = opportunities["stage"].isin(CLOSED_STAGES)
    won = as_flags(opportunities["won"], "opportunities['won']").astype(bool) & closed
    check_no_nan(opportunities["created_date"], "opportunities['created_date']")
    check_no_nan(opportunities.loc[closed, "close_date"], "opportunities['close_date'] of a closed deal")
    amount = as_numeric_series(opportunities["amount"], "opportunities['amount']", allow_negative=False)
    days = (pd.to_datetime(opportunities["close_date"]) - pd.to_datetime(opportunities["created_date"])).dt.days
    frame = pd.DataFrame({
        "opportunities": 1, "open": (~closed).astype(int), "closed": closed.astype(int), "won": won.astype(int),
        "won_amount": amount.where(won, 0.0),
        "days_won": days.where(won), "days_lost": days.where(closed & ~won),
    }, index=opportunities.index)
    keys = opportunities[by] if by else pd.Series("all", index=opportunities.index)
    g = frame.groupby(keys.rename(by or "group"))
    out = g[["opportunities", "open", "closed", "won", "won_amount"]].sum()
    out["win_rate"] = out["won"] / out["closed"].replace(0, np.nan)
    out["mean_won_amount"] = out["won_amount"] / out["won"].replace(0, np.nan)
    out["cycle_days_won"] = g["days_won"].median()
    out["cycle_days_lost"] = g["days_lost"].median()
    return out[["opportunities", "open", "closed", "won", "win_rate", "won_amount", "mean_won_amount",
                "cycle_days_won", "cycle_days_lost"]]

"""Win-back priority (客户挽回优先级): which lost or fading customers to call first."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_numeric_series, by_customer, check_fraction, check_keys, check_number
from ..vocabulary import STAGES

__all__ = ["WIN_BACK_ACTIONS", "win_back_priority"]

#: Win-back actions of :func:`win_back_priority`, most urgent first.
WIN_BACK_ACTIONS: tuple[str, ...] = ("win_back_first", "special_effort", "low_cost_reminder", "let_go")


def win_back_priority(
    stages: pd.Series,
    prob_alive: pd.Series,
    value: pd.Series,
    *,
    alive_threshold: float = 0.5,
    value_threshold: float | None = None,
) -> pd.DataFrame:
    """Which lost or fading customers to try to win back first (客户挽回优先级).

    Looks only at customers in decline or termination. Each gets

    - ``prob_alive``: how likely she is still reachable, i.e. has not left
      for good (e.g. the BG/NBD probability alive, :mod:`kamcourse.clv`);
    - ``value_if_won_back``: what she would be worth if won back (the
      ``value`` given: e.g. her past yearly revenue or profit, or a CLV);
    - ``expected_value`` = prob_alive × value, the ranking key;
    - ``win_back_action`` (this kit's convention): ``"win_back_first"`` (likely
      reachable and valuable), ``"special_effort"`` (valuable but probably
      gone: a senior visit, a special offer), ``"low_cost_reminder"``
      (reachable but small: a call or an e-mail), ``"let_go"``.

    Parameters
    ----------
    stages : Series
        Stage per customer (from :func:`classify_stages`).
    prob_alive : Series
        Probability in [0, 1] per customer (same ids).
    value : Series
        Value per customer (same ids); may be negative (loss-making).
    alive_threshold : float
        ``prob_alive`` at or above this counts as reachable (default 0.5).
    value_threshold : float, optional
        ``value`` at or above this counts as valuable; default the median
        value of the candidates.

    Returns
    -------
    DataFrame
        One row per declining or terminated customer, best first: columns
        ``stage, prob_alive, value_if_won_back, expected_value,
        win_back_action, priority`` (1 = call first).

    Raises
    ------
    TypeError
        If an input is not a Series.
    ValueError
        If a candidate lacks ``prob_alive`` or ``value``, a probability is
        outside [0, 1], or a value is NaN.

    Examples
    --------
    >>> stages = pd.Series(["decline", "termination", "termination", "stability"], index=list("abcd"))
    >>> alive = pd.Series([0.9, 0.2, 0.7, 1.0], index=list("abcd"))
    >>> value = pd.Series([100.0, 500.0, 20.0, 900.0], index=list("abcd"))
    >>> win_back_priority(stages, alive, value)[["expected_value", "win_back_action", "priority"]]
       expected_value    win_back_action  priority
    b           100.0     special_effort         1
    a            90.0     win_back_first         2
    c            14.0  low_cost_reminder         3
    """
    for name, s in (("stages", stages), ("prob_alive", prob_alive), ("value", value)):
        by_customer(s, name)
    alive_threshold = check_fraction(alive_threshold, "alive_threshold")
    keys = check_keys(stages, "stages", STAGES, "stage")
    candidates = keys[keys.isin(["decline", "termination"])]
    for name, s in (("prob_alive", prob_alive), ("value", value)):
        missing = candidates.index.difference(s.index)
        if len(missing):
            raise ValueError(f"{name} has no value for customer {missing[0]!r} (in decline or termination)")
    p = as_numeric_series(prob_alive.loc[candidates.index], "prob_alive", allow_empty=True)
    if ((p < 0) | (p > 1)).any():
        bad = p[(p < 0) | (p > 1)]
        raise ValueError(f"prob_alive must be in [0, 1], got {float(bad.iloc[0])!r} at {bad.index[0]!r}")
    v = as_numeric_series(value.loc[candidates.index], "value", allow_empty=True)
    table = pd.DataFrame({"stage": candidates, "prob_alive": p, "value_if_won_back": v})
    table["expected_value"] = table["prob_alive"] * table["value_if_won_back"]
    table["win_back_action"] = _actions(table, alive_threshold, value_threshold)
    table = table.sort_values(["expected_value", "value_if_won_back"], ascending=False, kind="stable")
    table["priority"] = np.arange(1, len(table) + 1)
    return table


def _actions(table: pd.DataFrame, alive_threshold: float, value_threshold: float | None) -> np.ndarray:
    """The win-back action of each candidate from reachable (prob_alive) x valuable (value)."""
    v = table["value_if_won_back"]
    if value_threshold is None:
        v_limit = float(v.median()) if len(v) else 0.0
    else:
        v_limit = check_number(value_threshold, "value_threshold")
    reachable = table["prob_alive"] >= alive_threshold
    valuable = v >= v_limit
    return np.select(
        [reachable & valuable, valuable, reachable], ["win_back_first", "special_effort", "low_cost_reminder"],
        default="let_go",
    )

"""Measuring a retention campaign (保留活动的效果评估): uplift against a randomised control group.

"The customers who got the campaign bought more" proves nothing by itself: whoever chose them may have
chosen customers who would have bought anyway. When chance decides who is contacted (a randomised test,
e.g. Kohavi, Tang & Xu 2020, *Trustworthy Online Controlled Experiments*, Cambridge University Press),
the two groups differ only by chance, and the difference in their results, the **uplift**, is the
campaign's effect, with a confidence interval that says how precise the test is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_flags, check_fraction, check_keys, same_rows
from ..vocabulary import EXPERIMENT_GROUPS

__all__ = ["EXPERIMENT_GROUPS", "uplift", "uplift_by_segment"]


def uplift(outcome: pd.Series, group: pd.Series, confidence: float = 0.95) -> pd.Series:
    """The campaign's uplift: success rate of the treatment group minus that of the control group (提升度).

    ``uplift = p_t − p_c``; standard error ``√(p_t(1−p_t)/n_t + p_c(1−p_c)/n_c)``; the interval is
    ``uplift ± z × se`` (the normal approximation for a difference of two proportions; Wald).

    Parameters
    ----------
    outcome : Series
        True when the customer did what the campaign wanted (renewed, ordered ...).
    group : Series
        ``"treatment"`` or ``"control"`` per customer, same index.
    confidence : float
        Confidence level of the interval (default 0.95).

    Returns
    -------
    Series
        ``n_treatment``, ``n_control``, ``rate_treatment``, ``rate_control``, ``uplift``, ``se``,
        ``ci_low``, ``ci_high``.

    Raises
    ------
    ValueError
        If a group is unknown or empty, an outcome is not True/False, or the indexes differ.

    Examples
    --------
    >>> out = pd.Series([True] * 60 + [False] * 40 + [True] * 50 + [False] * 50)
    >>> grp = pd.Series(["treatment"] * 100 + ["control"] * 100)
    >>> uplift(out, grp)[["rate_treatment", "rate_control", "uplift", "ci_low", "ci_high"]].round(3).tolist()
    [0.6, 0.5, 0.1, -0.037, 0.237]
    """
    from statistics import NormalDist

    outcome, group = same_rows(outcome, group, "outcome", "group")
    y = as_flags(outcome, "outcome")
    g = check_keys(group, "group", EXPERIMENT_GROUPS, "group")
    level = check_fraction(confidence, "confidence", low_open=True, high_open=True)
    n_t, n_c = int((g == "treatment").sum()), int((g == "control").sum())
    if n_t == 0 or n_c == 0:
        raise ValueError(f"both groups need customers, got {n_t} in treatment and {n_c} in control")
    p_t, p_c = float(y[g == "treatment"].mean()), float(y[g == "control"].mean())
    se = float(np.sqrt(p_t * (1 - p_t) / n_t + p_c * (1 - p_c) / n_c))
    z = NormalDist().inv_cdf(0.5 + level / 2)
    diff = p_t - p_c
    return pd.Series({"n_treatment": n_t, "n_control": n_c, "rate_treatment": p_t, "rate_control": p_c,
                      "uplift": diff, "se": se, "ci_low": diff - z * se, "ci_high": diff + z * se})


def uplift_by_segment(outcome: pd.Series, group: pd.Series, segment: pd.Series, confidence: float = 0.95
                      ) -> pd.DataFrame:
    """:func:`uplift` within each segment (e.g. lifecycle stage): where does the campaign work?

    Parameters
    ----------
    outcome, group : Series
        As in :func:`uplift`.
    segment : Series
        Segment per customer, same index.
    confidence : float
        Confidence level.

    Returns
    -------
    DataFrame
        One row per segment with the columns of :func:`uplift` (segments with an empty group are left out).

    Raises
    ------
    ValueError
        As :func:`uplift`.

    Examples
    --------
    >>> out = pd.Series([True, False, True, True, False, False, False, False])
    >>> grp = pd.Series(["treatment", "control"] * 4)
    >>> seg = pd.Series(["decline"] * 4 + ["stability"] * 4)
    >>> uplift_by_segment(out, grp, seg)["uplift"].tolist()
    [0.5, 0.0]
    """
    outcome, seg = same_rows(outcome, segment, "outcome", "segment")
    rows = {}
    for key in sorted(seg.unique(), key=str):
        sel = seg == key
        g = pd.Series(group)[sel]
        if (g == "treatment").any() and (g == "control").any():
            rows[key] = uplift(pd.Series(outcome)[sel], g, confidence)
    return pd.DataFrame(rows).T

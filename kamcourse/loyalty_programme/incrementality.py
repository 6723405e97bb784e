"""Does the programme make customers buy more? (忠诚计划的增量效果): selection bias and the holdout group.

"Members spend twice as much as other customers" (the CRM paper in the course materials says so of a
coffee chain's member card, without a source) mixes two things: what the programme does, and who joins.
Customers who already buy a lot are the first to join (self-selection), so members out-spend non-members
even if the programme does nothing. Leenheer, van Heerde, Bijmolt & Smidts (2007, *International Journal
of Research in Marketing* 24(1)) correct for it and find a small positive effect. A **holdout group** (a
random part of the eligible customers not invited) answers the question directly: the invited and the
held-out customers differ only by chance, so the difference in what they buy is the programme's effect.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import as_flags, check_number, paired_series

__all__ = ["MEMBER_CARD_CLAIM", "member_comparison", "holdout_comparison", "break_even_uplift", "incremental_margin"]

#: The CRM paper's member-card claim (course materials, paper 三(3)); no source is given in the paper.
MEMBER_CARD_CLAIM = {
    "zh": "会员在星巴克的消费是普通顾客的两倍以上",
    "en": "members spend more than twice as much as ordinary customers at Starbucks",
    "ratio": 2.0,
    "source": "course materials (客户关系管理论文, 三(3)); no source given there",
}


def member_comparison(joined: pd.Series, before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Members against non-members, before and after the launch (会员与非会员对比).

    Median (and mean) yearly revenue of each group before and after the launch, and the ratio members ÷
    non-members. The "after" ratio is what a naive reading calls the programme's effect; the "before"
    ratio shows how much of it was there already (self-selection).

    Parameters
    ----------
    joined : Series
        True for members, per customer (the eligible customers only).
    before, after : Series
        Yearly revenue per customer before and after the launch, same customers.

    Returns
    -------
    DataFrame
        Rows ``members``, ``non_members``, ``ratio``; columns ``customers``, ``median_before``,
        ``median_after``, ``mean_before``, ``mean_after``.

    Raises
    ------
    ValueError
        If a flag is not True/False, a revenue is not a number, or a group is empty.

    Examples
    --------
    >>> joined = pd.Series({"a": True, "b": True, "c": False, "d": False})
    >>> before = pd.Series({"a": 400.0, "b": 300.0, "c": 100.0, "d": 200.0})
    >>> after = pd.Series({"a": 400.0, "b": 200.0, "c": 100.0, "d": 200.0})
    >>> member_comparison(joined, before, after)[["customers", "median_before", "median_after"]]
                 customers  median_before  median_after
    members            2.0         350.00         300.0
    non_members        2.0         150.00         150.0
    ratio              1.0           2.33           2.0
    """
    flag = as_flags(pd.Series(joined), "joined").astype(bool)
    b, a = paired_series(before, after, "before", "after")
    b, a = b.reindex(flag.index), a.reindex(flag.index)
    if b.isna().any() or a.isna().any():
        raise ValueError("before and after need a revenue for every customer in joined")
    rows = {}
    for name, mask in (("members", flag), ("non_members", ~flag)):
        if not mask.any():
            raise ValueError(f"there are no {name.replace('_', '-')} to compare")
        rows[name] = {"customers": float(mask.sum()), "median_before": b[mask].median(), "median_after": a[mask].median(),
                      "mean_before": b[mask].mean(), "mean_after": a[mask].mean()}
    out = pd.DataFrame(rows).T
    ratio = out.loc["members"] / out.loc["non_members"]
    ratio["customers"] = out.loc["members", "customers"] / out.loc["non_members", "customers"]
    out.loc["ratio"] = ratio
    return out.round(2)


def holdout_comparison(groups: pd.Series, before: pd.Series, after: pd.Series, cap: float = 3.0) -> pd.DataFrame:
    """Invited against held-out customers: how each group's revenue moved (留出组对照).

    Each customer's ``growth = min(after ÷ before, cap)`` (a customer who stopped buying has 0; the cap
    keeps one customer's tenfold jump from swamping the mean); the groups' mean growth is compared, and
    the row ``difference`` (invited − holdout) estimates the effect of being invited (the intention-to-treat
    effect; dividing it by the share of invited customers who joined gives the effect per member). Source:
    the randomised holdout design; this kit's growth measure.

    Parameters
    ----------
    groups : Series
        ``"invited"`` or ``"holdout"`` per eligible customer.
    before, after : Series
        Yearly revenue per customer before and after the launch (before > 0).
    cap : float
        Largest growth counted (default 3).

    Returns
    -------
    DataFrame
        Rows ``invited``, ``holdout``, ``difference``; columns ``customers`` and ``mean_growth``.

    Raises
    ------
    ValueError
        If a group is missing or unknown, a revenue before is not positive, or ``cap`` is not positive.

    Examples
    --------
    >>> groups = pd.Series({"a": "invited", "b": "invited", "c": "holdout", "d": "holdout"})
    >>> before = pd.Series({"a": 100.0, "b": 100.0, "c": 100.0, "d": 100.0})
    >>> after = pd.Series({"a": 110.0, "b": 90.0, "c": 95.0, "d": 95.0})
    >>> holdout_comparison(groups, before, after)
                customers  mean_growth
    invited             2         1.00
    holdout             2         0.95
    difference          0         0.05
    """
    g = pd.Series(groups).astype(str)
    unknown = sorted(set(g) - {"invited", "holdout"})
    if unknown or g.nunique() < 2:
        raise ValueError(f"groups must hold both 'invited' and 'holdout' (and nothing else), got {sorted(set(g))}")
    cap = check_number(cap, "cap", low=0, low_open=True)
    b, a = paired_series(before, after, "before", "after")
    b, a = b.reindex(g.index), a.reindex(g.index)
    if b.isna().any() or (b <= 0).any() or a.isna().any():
        raise ValueError("before must be a positive revenue, and after a revenue, for every customer in groups")
    growth = np.minimum(a / b, cap)
    out = pd.DataFrame({"customers": g.value_counts(), "mean_growth": growth.groupby(g).mean()}).loc[["invited", "holdout"]]
    out.loc["difference"] = [0, out.loc["invited", "mean_growth"] - out.loc["holdout", "mean_growth"]]
    out["customers"] = out["customers"].astype(int)
    return out.round(4)


def break_even_uplift(programme_cost: float, base_revenue: float, margin: float) -> float:
    """The revenue uplift at which the programme pays for itself (盈亏平衡增量).

    ``uplift* = programme cost ÷ (base revenue × gross margin)``: the extra revenue must bring as much
    gross profit as the rewards cost. Source: break-even arithmetic as in the materials' discount example
    (a 5 % discount at 20 % margin needs 33 % more volume).

    Parameters
    ----------
    programme_cost : float
        Yearly cost of the programme (rewards, bonus points, running it), yuan.
    base_revenue : float
        Yearly revenue of the members without the programme, yuan, > 0.
    margin : float
        Gross margin, in (0, 1].

    Returns
    -------
    float
        The uplift as a share of the base revenue.

    Raises
    ------
    ValueError
        If ``base_revenue`` or ``margin`` is not positive.

    Examples
    --------
    >>> round(break_even_uplift(60_000, 10_000_000, 0.28), 4)
    0.0214
    """
    cost = check_number(programme_cost, "programme_cost")
    base = check_number(base_revenue, "base_revenue")
    m = check_number(margin, "margin")
    if base <= 0 or not 0 < m <= 1:
        raise ValueError(f"base_revenue must be > 0 and margin in (0, 1], got {base_revenue!r} and {margin!r}")
    return cost / (base * m)


def incremental_margin(uplift: float, base_revenue: float, margin: float, programme_cost: float) -> float:
    """The programme's profit: the gross margin of the extra revenue it brings, minus what it costs (增量利润).

    ``incremental margin = uplift × base revenue × margin − programme cost``. Source: this kit's
    convention (the uplift must come from a holdout comparison, not from members against non-members).

    Parameters
    ----------
    uplift : float
        Extra revenue the programme causes, as a share of the base revenue (may be negative).
    base_revenue, margin, programme_cost : float
        As in :func:`break_even_uplift`.

    Returns
    -------
    float
        Yuan a year.

    Raises
    ------
    ValueError
        If ``base_revenue`` or ``margin`` is not positive.

    Examples
    --------
    >>> incremental_margin(0.01, 10_000_000, 0.28, 60_000)
    -32000.0
    """
    u = check_number(uplift, "uplift")
    break_even_uplift(programme_cost, base_revenue, margin)  # checks the other three
    return round(u * float(base_revenue) * float(margin) - float(programme_cost), 2)

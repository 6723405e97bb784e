"""Key-account identification (大客户的识别): Pareto/ABC, pyramid, portfolio matrix, scoring.

The course materials define a key account (大客户) two ways: subjectively (the
accounts that matter most to the firm now and in future) and objectively
(the 80/20 rule and the customer pyramid). This module gives the objective
tools and the course's example identification rule:

- :func:`pareto_table`, :func:`top_share`: how concentrated revenue is (二八法则);
- :func:`abc_classes`: A/B/C classes by cumulative share (ABC分类);
- :func:`customer_pyramid`, :func:`pyramid_table`: VIP 1% / major 4% /
  ordinary 15% / small 80% (客户金字塔);
- :func:`portfolio_quadrant`: customer attractiveness × the supplier's
  relative strength → four account types (大客户/重点开发/维持关系/机会主义);
- :func:`score_accounts`: a weighted score over several criteria;
- :func:`strategic_key_accounts`: "annual purchases above X% of our revenue
  and growth above Y% for three years running" (战略级大客户).

Customers are always ranked by value, highest first; equal values are ranked
by their label (index) when the labels can be sorted, otherwise by position,
so every result is deterministic.

>>> round(top_share(pd.Series({"a": 70, "b": 10, "c": 8, "d": 7, "e": 5}), top=0.2), 2)
0.7
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ._validate import (
    as_numeric_series,
    check_fraction,
    check_number,
    check_positive_int,
    require_columns,
)

__all__ = [
    "ABC_CLASSES",
    "PYRAMID_TIERS",
    "QUADRANTS",
    "pareto_table",
    "top_share",
    "abc_classes",
    "customer_pyramid",
    "pyramid_table",
    "portfolio_quadrant",
    "score_accounts",
    "strategic_key_accounts",
]

#: ABC classes, most valuable first.
ABC_CLASSES: tuple[str, ...] = ("A", "B", "C")
#: Tiers of the customer pyramid, from the top (course materials: VIP/重要/普通/小客户).
PYRAMID_TIERS: tuple[str, ...] = ("vip", "major", "ordinary", "small")
#: The four account types of the portfolio matrix (course materials; McDonald & Rogers).
QUADRANTS: tuple[str, ...] = ("key", "key_development", "maintenance", "opportunistic")

_TOL = 1e-12


def _values(values, name: str = "values") -> pd.Series:
    """Validated non-negative values with a positive total."""
    s = as_numeric_series(values, name)
    if s.index.has_duplicates:
        dup = s.index[s.index.duplicated()][0]
        raise ValueError(f"{name} has duplicate customer labels, e.g. {dup!r}; sum them per customer first")
    negative = (s < 0).to_numpy()
    if negative.any():
        first = s.index[negative][0]
        raise ValueError(f"{name} must not be negative, got {float(s.to_numpy()[negative][0]):g} at {first!r}")
    if float(s.sum()) <= 0:
        raise ValueError(f"{name} must have a positive total, got {float(s.sum()):g}")
    return s


def _rank_order(s: pd.Series) -> np.ndarray:
    """Positions of ``s`` sorted by value (desc), then label (asc) or position."""
    pos = np.arange(len(s))
    label_rank = pos.copy()
    try:
        label_rank[np.asarray(s.index.argsort(kind="stable"))] = pos
    except TypeError:  # labels of mixed types cannot be sorted: keep the position
        label_rank = pos
    return np.lexsort((pos, label_rank, -s.to_numpy()))


def pareto_table(values: pd.Series) -> pd.DataFrame:
    """Customers ranked by value with their cumulative shares (帕累托分析 / 二八法则).

    The table behind the Pareto curve: customers from the largest down, with::

        share_i              = value_i / total
        cum_share_k          = (value_1 + … + value_k) / total
        cum_customer_share_k = k / n

    The 80/20 rule (Pareto; course materials) says ``cum_share`` is about
    0.8 where ``cum_customer_share`` is 0.2.

    Parameters
    ----------
    values : pandas.Series
        Revenue (or volume, profit ≥ 0) per customer; index = customer.

    Returns
    -------
    pandas.DataFrame
        Sorted by value (highest first; ties by label), index = customer,
        columns ``value``, ``share``, ``cum_share``, ``cum_customer_share``;
        the last row has ``cum_share == 1``.

    Raises
    ------
    TypeError
        If the values are not numbers.
    ValueError
        If a value is negative or NaN, or the total is not positive.

    Examples
    --------
    >>> pareto_table(pd.Series({"a": 10.0, "b": 60.0, "c": 30.0}))
       value  share  cum_share  cum_customer_share
    b   60.0    0.6        0.6            0.333333
    c   30.0    0.3        0.9            0.666667
    a   10.0    0.1        1.0            1.000000
    >>> pareto_table(pd.Series({"a": 10.0, "b": -5.0}))
    Traceback (most recent call last):
    ...
    ValueError: values must not be negative, got -5 at 'b'
    """
    s = _values(values)
    s = s.iloc[_rank_order(s)]
    total = float(s.sum())
    n = len(s)
    cum = s.cumsum() / total
    cum.iloc[-1] = 1.0
    return pd.DataFrame(
        {
            "value": s,
            "share": s / total,
            "cum_share": cum,
            "cum_customer_share": np.arange(1, n + 1) / n,
        }
    )


def top_share(values: pd.Series, top: float = 0.2) -> float:
    """Share of the total that comes from the top fraction of customers (前20%客户的贡献).

    Read off the Pareto curve, linearly interpolated between customers when
    ``top × n`` is not a whole number (this kit's convention), starting from
    the point (0, 0)::

        top_share(top) = cum_share at cum_customer_share = top

    Source: the 80/20 rule (Pareto; course materials): often about 0.8 for ``top=0.2``.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    top : float
        Fraction of customers, in (0, 1].

    Returns
    -------
    float
        A share in (0, 1].

    Raises
    ------
    TypeError
        If the values are not numbers.
    ValueError
        If ``top`` is outside (0, 1], or a value is negative or NaN.

    Examples
    --------
    >>> values = pd.Series([50, 30, 10, 5, 5], index=list("abcde"))
    >>> top_share(values, top=0.2)
    0.5
    >>> top_share(values, top=0.3)   # half-way between the 1st and 2nd customer
    0.65
    >>> top_share(values, top=0)
    Traceback (most recent call last):
    ...
    ValueError: top must be in (0, 1], got 0
    """
    t = check_fraction(top, "top", low=0.0, high=1.0, low_open=True)
    table = pareto_table(values)
    x = np.concatenate([[0.0], table["cum_customer_share"].to_numpy()])
    y = np.concatenate([[0.0], table["cum_share"].to_numpy()])
    return float(np.interp(t, x, y))


def _check_cutoffs(cutoffs) -> tuple[float, float]:
    try:
        a, b = cutoffs
    except (TypeError, ValueError):
        raise TypeError(f"cutoffs must be a pair (A cutoff, B cutoff), got {cutoffs!r}") from None
    a = check_fraction(a, "cutoffs[0]", low_open=True, high_open=True)
    b = check_fraction(b, "cutoffs[1]", low_open=True)
    if not a < b:
        raise ValueError(f"cutoffs must rise: cutoffs[0] < cutoffs[1], got {cutoffs!r}")
    return a, b


def abc_classes(values: pd.Series, cutoffs: tuple[float, float] = (0.8, 0.95)) -> pd.Series:
    """A/B/C class of each customer by cumulative share of value (ABC分类法).

    Customers are ranked by value; class A is filled until it holds
    ``cutoffs[0]`` of the total, then class B until ``cutoffs[1]``, the rest
    is C. **The customer who crosses a cutoff belongs to the class being
    filled** (this kit's convention), so class A always holds at least 80%::

        class_k = "A" if cum_share before k < cutoffs[0]
                  "B" if cum_share before k < cutoffs[1]
                  "C" otherwise

    Source: ABC analysis after the Pareto principle; the course materials'
    A/B/C customer grading.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    cutoffs : tuple of two floats
        Cumulative shares closing class A and class B, ``0 < a < b <= 1``.

    Returns
    -------
    pandas.Series
        ``"A"``/``"B"``/``"C"`` per customer, in the order of ``values``, named ``abc_class``.

    Raises
    ------
    TypeError
        If values are not numbers or ``cutoffs`` is not a pair.
    ValueError
        If a value is negative or NaN, or the cutoffs are out of order or range.

    Examples
    --------
    >>> values = pd.Series({"a": 50, "b": 35, "c": 10, "d": 3, "e": 2})
    >>> abc_classes(values).tolist()     # b crosses 80% (50 -> 85): b is A
    ['A', 'A', 'B', 'C', 'C']
    >>> abc_classes(values, cutoffs=(0.9, 0.8))
    Traceback (most recent call last):
    ...
    ValueError: cutoffs must rise: cutoffs[0] < cutoffs[1], got (0.9, 0.8)
    """
    a, b = _check_cutoffs(cutoffs)
    table = pareto_table(values)
    before = (table["cum_share"] - table["share"]).to_numpy()
    cls = np.where(before < a - _TOL, "A", np.where(before < b - _TOL, "B", "C"))
    out = pd.Series(cls, index=table.index, name="abc_class")
    return out.loc[values.index] if isinstance(values, pd.Series) else out.sort_index()


def _check_shares(shares) -> np.ndarray:
    try:
        arr = [check_number(x, "shares") for x in shares]
    except TypeError as exc:
        if "shares must be a number" in str(exc):
            raise
        raise TypeError(f"shares must be four fractions, got {shares!r}") from None
    if len(arr) != len(PYRAMID_TIERS):
        raise ValueError(f"shares must hold {len(PYRAMID_TIERS)} fractions (vip, major, ordinary, small), got {shares!r}")
    if any(x < 0 for x in arr):
        raise ValueError(f"shares must not be negative, got {shares!r}")
    if abs(sum(arr) - 1.0) > 1e-9:
        raise ValueError(f"shares must sum to 1, got {shares!r} (sum {sum(arr):g})")
    return np.asarray(arr)


def _tier_counts(n: int, shares: np.ndarray) -> np.ndarray:
    """Customers per tier: cumulative shares × n, rounded half up, then differenced."""
    bounds = np.floor(np.cumsum(shares) * n + 0.5 + 1e-9).astype(int)
    bounds[-1] = n
    return np.diff(np.concatenate([[0], bounds]))


def customer_pyramid(
    values: pd.Series, shares: tuple[float, float, float, float] = (0.01, 0.04, 0.15, 0.80)
) -> pd.Series:
    """Tier of each customer in the customer pyramid (客户金字塔).

    Customers ranked by value (ties by label) are cut into four tiers from
    the top: VIP customers (VIP客户) ≈1%, major customers (重要客户) ≈4%,
    ordinary customers (普通客户) ≈15%, small customers (小客户) ≈80%
    (course materials; the same split is also told as platinum, gold, iron
    and lead customers, CONTENT §5.5; the customer pyramid itself is
    Zeithaml, Rust & Lemon 2001). Tier sizes come from the cumulative shares::

        last rank of tier j = round(n × (s_1 + … + s_j))    (halves round up)

    so every tier holds its share of ``n`` within one customer.

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    shares : tuple of four floats
        Shares of customers in the tiers vip, major, ordinary, small; they must sum to 1.

    Returns
    -------
    pandas.Series
        ``"vip"``/``"major"``/``"ordinary"``/``"small"`` per customer, in the
        order of ``values``, named ``tier``.

    Raises
    ------
    TypeError
        If values or shares are not numbers.
    ValueError
        If a value is negative or NaN, or the shares are not four
        non-negative fractions summing to 1.

    Examples
    --------
    >>> values = pd.Series(range(1000, 0, -1), index=[f"C{i:04d}" for i in range(1000)])
    >>> customer_pyramid(values).value_counts().to_dict()
    {'small': 800, 'ordinary': 150, 'major': 40, 'vip': 10}
    >>> customer_pyramid(values, shares=(0.1, 0.2, 0.3, 0.3))
    Traceback (most recent call last):
    ...
    ValueError: shares must sum to 1, got (0.1, 0.2, 0.3, 0.3) (sum 0.9)
    """
    sh = _check_shares(shares)
    table = pareto_table(values)
    counts = _tier_counts(len(table), sh)
    tiers = np.repeat(np.array(PYRAMID_TIERS, dtype=object), counts)
    out = pd.Series(tiers, index=table.index, name="tier")
    return out.loc[values.index] if isinstance(values, pd.Series) else out.sort_index()


def pyramid_table(
    values: pd.Series, shares: tuple[float, float, float, float] = (0.01, 0.04, 0.15, 0.80)
) -> pd.DataFrame:
    """Customers and revenue in each tier of the customer pyramid (客户金字塔汇总).

    Summarises :func:`customer_pyramid`: how many customers each tier holds
    and how much of the total value they bring (course materials; Zeithaml,
    Rust & Lemon 2001)::

        revenue_share_tier = Σ value in tier / Σ value

    Parameters
    ----------
    values : pandas.Series
        Revenue per customer (non-negative, positive total).
    shares : tuple of four floats
        As for :func:`customer_pyramid`.

    Returns
    -------
    pandas.DataFrame
        Index = tiers from the top (``vip`` … ``small``), columns
        ``customers``, ``customer_share``, ``revenue``, ``revenue_share``.

    Raises
    ------
    TypeError, ValueError
        As :func:`customer_pyramid`.

    Examples
    --------
    >>> values = pd.Series(range(100, 0, -1), index=range(100))
    >>> pyramid_table(values)[["customers", "revenue"]]
              customers  revenue
    tier
    vip               1    100.0
    major             4    390.0
    ordinary         15   1320.0
    small            80   3240.0
    """
    tiers = customer_pyramid(values, shares)
    s = _values(values)
    s.index = tiers.index
    grouped = pd.DataFrame({"tier": tiers, "value": s}).groupby("tier", sort=False)["value"]
    table = pd.DataFrame(
        {"customers": grouped.size(), "revenue": grouped.sum()}
    ).reindex(pd.Index(PYRAMID_TIERS, name="tier"))
    table["customers"] = table["customers"].fillna(0).astype(int)
    table["revenue"] = table["revenue"].fillna(0.0)
    table["customer_share"] = table["customers"] / table["customers"].sum()
    table["revenue_share"] = table["revenue"] / table["revenue"].sum()
    return table[["customers", "customer_share", "revenue", "revenue_share"]]


def _threshold_pair(threshold) -> tuple[float | None, float | None]:
    if threshold is None:
        return None, None
    if isinstance(threshold, (tuple, list)):
        if len(threshold) != 2:
            raise ValueError(f"threshold must be one number or a pair (attractiveness, strength), got {threshold!r}")
        t_a, t_s = threshold
        return (
            None if t_a is None else check_number(t_a, "threshold[0]"),
            None if t_s is None else check_number(t_s, "threshold[1]"),
        )
    t = check_number(threshold, "threshold")
    return t, t


def _aligned_pair(first, second, names: tuple[str, str]) -> tuple[pd.Series, pd.Series]:
    a = as_numeric_series(first, names[0])
    b = as_numeric_series(second, names[1])
    if len(a) != len(b):
        raise ValueError(f"{names[0]} and {names[1]} must have the same length, got {len(a)} and {len(b)}")
    if isinstance(first, pd.Series) and isinstance(second, pd.Series):
        if not a.index.equals(b.index):
            if set(a.index) != set(b.index):
                only = sorted(set(a.index) ^ set(b.index), key=str)[:5]
                raise ValueError(
                    f"{names[0]} and {names[1]} must describe the same customers; "
                    f"in only one of them: {', '.join(map(repr, only))}"
                )
            b = b.loc[a.index]
    else:
        b.index = a.index
    return a, b


def portfolio_quadrant(
    attractiveness: pd.Series,
    strength: pd.Series,
    threshold: float | tuple[float | None, float | None] | None = None,
) -> pd.Series:
    """Account type from customer attractiveness × our relative strength (大客户组合矩阵).

    The course materials sort customers by how attractive the customer is to
    us (客户吸引力) and how strong we are with that customer compared with
    competitors (相对优势) into four types (McDonald & Rogers' key account
    portfolio; quadrant names as in the course materials)::

                              strength high        strength low
        attractiveness high   "key"                "key_development"
        attractiveness low    "maintenance"        "opportunistic"

    A value at or above its threshold counts as high (``>=``).

    Parameters
    ----------
    attractiveness : pandas.Series
        Attractiveness score per customer.
    strength : pandas.Series
        The supplier's relative strength per customer (same customers).
    threshold : float or pair, optional
        One number for both axes, or ``(attractiveness, strength)``; ``None``
        (or ``None`` inside the pair) means the median of that axis.

    Returns
    -------
    pandas.Series
        ``"key"``/``"key_development"``/``"maintenance"``/``"opportunistic"``
        per customer (index of ``attractiveness``), named ``quadrant``.

    Raises
    ------
    TypeError
        If the scores or thresholds are not numbers.
    ValueError
        If a score is NaN, the two inputs describe different customers, or
        ``threshold`` is not one number or a pair.

    Examples
    --------
    >>> attr = pd.Series({"A": 9, "B": 8, "C": 2, "D": 1})
    >>> strength = pd.Series({"A": 7, "B": 1, "C": 9, "D": 2})
    >>> portfolio_quadrant(attr, strength, threshold=5).tolist()
    ['key', 'key_development', 'maintenance', 'opportunistic']
    >>> portfolio_quadrant(attr, strength, threshold=(5, None)).tolist()   # strength median 4.5
    ['key', 'key_development', 'maintenance', 'opportunistic']
    """
    a, s = _aligned_pair(attractiveness, strength, ("attractiveness", "strength"))
    t_a, t_s = _threshold_pair(threshold)
    t_a = float(a.median()) if t_a is None else t_a
    t_s = float(s.median()) if t_s is None else t_s
    high_a = (a >= t_a).to_numpy()
    high_s = (s >= t_s).to_numpy()
    quad = np.where(
        high_a,
        np.where(high_s, "key", "key_development"),
        np.where(high_s, "maintenance", "opportunistic"),
    )
    return pd.Series(quad, index=a.index, name="quadrant")


def score_accounts(
    df: pd.DataFrame, weights: Mapping[str, float], *, lower_is_better: Iterable[str] = ()
) -> pd.Series:
    """Weighted score of each account over several criteria (大客户综合评分).

    Each criterion column is rescaled to [0, 1] by min–max normalisation
    (reversed for criteria where lower is better, such as bad-debt risk or
    payment days), then combined with the weights, **which are normalised to
    sum to 1** so the score stays in [0, 1]::

        x'_j  = (x_j − min x_j) / (max x_j − min x_j)      (1 − that, if lower is better)
        score = Σ_j w_j · x'_j / Σ_j w_j

    A constant column cannot separate accounts: it contributes 0 for everyone.
    The criteria follow the course materials' identification criteria
    (purchases and growth, payment, risk, industry position, influence);
    the weights are the user's choice.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per account, one numeric column per criterion.
    weights : dict
        ``{column: weight}``; weights are non-negative and not all zero.
    lower_is_better : iterable of str
        Columns (among the weighted ones) where a smaller value is better.

    Returns
    -------
    pandas.Series
        Score in [0, 1] per account (index of ``df``), named ``score``.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame, ``weights`` not a dict, or a value not a number.
    ValueError
        If a weighted column is missing (the message lists those present), a
        weight is negative or all weights are zero, a criterion holds NaN, or a
        ``lower_is_better`` column has no weight.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [100, 50, 0], "growth": [0.0, 0.2, 0.1],
    ...                    "payment_days": [90, 30, 60]}, index=["A", "B", "C"])
    >>> score_accounts(df, {"revenue": 2, "growth": 1, "payment_days": 1},
    ...                lower_is_better=["payment_days"]).round(3)
    A    0.50
    B    0.75
    C    0.25
    Name: score, dtype: float64
    >>> score_accounts(df, {"profit": 1})
    Traceback (most recent call last):
    ...
    ValueError: df is missing column(s) 'profit'; columns present: revenue, growth, payment_days
    """
    if not isinstance(weights, Mapping):
        raise TypeError(f"weights must be a dict {{column: weight}}, got {type(weights).__name__}")
    if not weights:
        raise ValueError("weights is empty; give at least one {column: weight}")
    require_columns(df, list(weights), "df")
    w = {col: check_number(v, f"weights[{col!r}]") for col, v in weights.items()}
    for col, v in w.items():
        if v < 0:
            raise ValueError(f"weights[{col!r}] must not be negative, got {weights[col]!r}")
    total = sum(w.values())
    if total <= 0:
        raise ValueError(f"weights must not all be zero, got {dict(weights)!r}")
    lower = list(lower_is_better)
    unknown = [c for c in lower if c not in w]
    if unknown:
        raise ValueError(
            f"lower_is_better names column(s) without a weight: {', '.join(map(repr, unknown))}; "
            f"weighted columns: {', '.join(map(str, w))}"
        )
    score = pd.Series(0.0, index=df.index, name="score")
    for col, weight in w.items():
        x = as_numeric_series(df[col], f"df[{col!r}]")
        x.index = df.index
        lo, hi = float(x.min()), float(x.max())
        norm = (x - lo) / (hi - lo) if hi > lo else pd.Series(0.0, index=df.index)
        if col in lower and hi > lo:
            norm = 1.0 - norm
        score = score + (weight / total) * norm
    return score.rename("score")


def strategic_key_accounts(
    orders: pd.DataFrame,
    share_threshold: float = 0.01,
    growth_threshold: float = 0.10,
    years: int = 3,
    *,
    as_of_year: int | None = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "net_revenue",
) -> pd.DataFrame:
    """The course materials' rule for strategic key accounts (战略级大客户识别规则).

    The course materials give an example rule: a customer whose average annual
    purchases are above X% of the firm's total revenue and whose purchases grew
    by more than Y% every year for three years running is a strategic key
    account. The materials leave X and Y blank; **this kit's defaults are
    X = 1% and Y = 10%**. Over the ``years`` calendar years ending with
    ``as_of_year``::

        revenue_share = mean annual purchases of the customer / mean annual revenue of the firm
        growth_t      = R_t / R_{t−1} − 1                      for each year t of the window
        strategic     = revenue_share >= X  and  growth_t > Y for every t

    A growth rate after a year with no purchases is undefined (NaN) and does
    not meet the rule. The window needs ``years + 1`` calendar years of orders;
    a partial first year inflates the first growth rate, so choose
    ``as_of_year`` with that in mind.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with ``customer_col``, ``date_col`` (datetime) and ``amount_col``.
    share_threshold : float
        X, as a fraction in [0, 1] (0.01 = 1%).
    growth_threshold : float
        Y, as a fraction (0.10 = 10%); may be negative or above 1.
    years : int
        How many consecutive years of growth are required (3 in the materials).
    as_of_year : int, optional
        Last calendar year of the window; the last year in ``orders`` by default.
    customer_col, date_col, amount_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per customer (index = customer), sorted by ``revenue_share``
        (highest first): ``avg_annual_revenue``, ``revenue_share``, one
        ``growth_<year>`` column per year of the window, ``min_growth``,
        ``growth_years`` (years in the window above the threshold),
        ``share_ok``, ``growth_ok``, ``strategic``.

    Raises
    ------
    TypeError
        If ``orders`` is not a DataFrame or an amount is not a number.
    ValueError
        If a column is missing (named with those present), an amount or date
        is missing, a threshold is out of range, or the orders do not cover
        ``years + 1`` calendar years up to ``as_of_year``.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "customer_id": ["A"] * 4 + ["B"] * 4,
    ...     "order_date": pd.to_datetime(["2022-05-01", "2023-05-01", "2024-05-01", "2025-05-01"] * 2),
    ...     "net_revenue": [100, 120, 150, 180, 300, 310, 305, 320]})
    >>> table = strategic_key_accounts(orders)
    >>> table[["revenue_share", "min_growth", "strategic"]].round(3)
         revenue_share  min_growth  strategic
    customer_id
    B            0.675      -0.016      False
    A            0.325       0.200       True
    """
    require_columns(orders, [customer_col, date_col, amount_col], "orders")
    x = check_fraction(share_threshold, "share_threshold")
    y = check_number(growth_threshold, "growth_threshold")
    if y <= -1:
        raise ValueError(f"growth_threshold must be above -1 (a fall of 100%), got {growth_threshold!r}")
    years = check_positive_int(years, "years")
    for col in (customer_col, date_col):
        if orders[col].isna().any():
            first = orders.index[orders[col].isna().to_numpy()][0]
            raise ValueError(f"orders[{col!r}] has missing values, first in row {first!r}")
    amount = as_numeric_series(orders[amount_col], f"orders[{amount_col!r}]")
    year = pd.to_datetime(orders[date_col]).dt.year
    yearly = (
        pd.DataFrame({"c": orders[customer_col].to_numpy(), "y": year.to_numpy(), "v": amount.to_numpy()})
        .pivot_table(index="c", columns="y", values="v", aggfunc="sum", fill_value=0.0)
    )
    first_year, last_year = int(yearly.columns.min()), int(yearly.columns.max())
    end = last_year if as_of_year is None else int(check_number(as_of_year, "as_of_year"))
    start = end - years  # the year before the window, the base of the first growth rate
    if start < first_year or end > last_year:
        raise ValueError(
            f"the rule needs orders in every year from {start} to {end} ({years} growth rates), "
            f"but the orders cover {first_year}-{last_year}"
        )
    yearly = yearly.reindex(columns=range(first_year, last_year + 1), fill_value=0.0)
    window = list(range(end - years + 1, end + 1))
    firm = yearly[window].sum(axis=0)
    table = pd.DataFrame(index=yearly.index)
    table.index.name = customer_col
    table["avg_annual_revenue"] = yearly[window].mean(axis=1)
    table["revenue_share"] = table["avg_annual_revenue"] / float(firm.mean())
    growth_cols = []
    for t in window:
        prev = yearly[t - 1]
        g = (yearly[t] / prev.where(prev > 0)) - 1.0
        table[f"growth_{t}"] = g
        growth_cols.append(f"growth_{t}")
    growth = table[growth_cols]
    table["min_growth"] = growth.min(axis=1, skipna=False)
    table["growth_years"] = (growth > y).sum(axis=1).astype(int)
    table["share_ok"] = table["revenue_share"] >= x - _TOL
    table["growth_ok"] = table["growth_years"] == years
    table["strategic"] = table["share_ok"] & table["growth_ok"]
    order = np.lexsort((np.arange(len(table)), -table["revenue_share"].to_numpy()))
    return table.iloc[order]

"""Market baskets and association rules (购物篮分析与关联规则) for cross-selling (交叉销售).

A rule "customers who buy A also buy C" is measured by three numbers (Agrawal, Imieliński & Swami
1993, "Mining association rules between sets of items in large databases", *Proceedings of ACM
SIGMOD*: 207-216):

- support(A → C) = share of baskets holding both A and C;
- confidence(A → C) = support(A and C) / support(A): how often C comes with A;
- lift(A → C) = confidence(A → C) / support(C): how much more often than C's own rate. Lift 1 means
  A tells nothing about C; only a lift above 1 is a reason to offer C with A.

**The library.** The lesson mines the rules with mlxtend (``mlxtend.frequent_patterns.apriori`` and
``association_rules``; Raschka 2018, "MLxtend", *Journal of Open Source Software* 3(24): 638). It is
maintained (releases every year, BSD licence), takes the basket table as a pandas DataFrame of
True/False (the form :func:`basket_matrix` gives), offers Apriori and FP-growth, and returns support,
confidence and lift with the usual names. The alternatives fit a course less: ``efficient-apriori``
wants lists of tuples and returns objects rather than a table; Spark's FP-growth needs a cluster;
R's ``arules`` is another language. This module does not wrap mlxtend: it builds the basket table,
computes the three measures by hand for one rule (to check the library and to teach the formulas),
and turns mined rules into offers (:func:`cross_sell_offers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..validation import check_not_empty, check_number, require_columns

__all__ = ["basket_matrix", "rule_measures", "cross_sell_offers"]


def basket_matrix(lines: pd.DataFrame, basket_col: str, item_col: str) -> pd.DataFrame:
    """One row per basket, one True/False column per item: what each basket holds (购物篮矩阵).

    Parameters
    ----------
    lines : DataFrame
        One row per line of a basket (an order line, a quoted product line).
    basket_col : str
        Column identifying the basket (``"order_id"``, ``"opportunity_id"``).
    item_col : str
        Column of the item (``"product_line"``).

    Returns
    -------
    DataFrame
        Index: the baskets (sorted); columns: the items (sorted); values bool. This is the input
        ``mlxtend.frequent_patterns.apriori`` expects.

    Raises
    ------
    ValueError
        If a column is missing, ``lines`` is empty or a basket or item is missing.

    Examples
    --------
    >>> lines = pd.DataFrame({"order": ["o1", "o1", "o2"], "line": ["pumps", "valves", "pumps"]})
    >>> basket_matrix(lines, "order", "line")
           pumps  valves
    order
    o1      True    True
    o2      True   False
    """
    require_columns(lines, [basket_col, item_col], "lines")
    check_not_empty(lines, "lines", "line")
    if lines[[basket_col, item_col]].isna().any().any():
        raise ValueError(f"lines has a missing {basket_col} or {item_col}; every line needs both")
    table = pd.crosstab(lines[basket_col], lines[item_col]) > 0
    table.columns.name = None
    return table


def _itemset(items: Any, name: str, columns: pd.Index) -> list[str]:
    found = [items] if isinstance(items, str) else list(items)
    if not found:
        raise ValueError(f"{name} must name at least one item")
    unknown = [i for i in found if i not in columns]
    if unknown:
        raise ValueError(f"{name} names item(s) not in the baskets: {unknown}; the items are {list(columns)}")
    return found


def rule_measures(baskets: pd.DataFrame, antecedent: Any, consequent: Any) -> pd.Series:
    """Support, confidence and lift of one rule A → C, computed from their definitions (支持度、置信度、提升度).

    Parameters
    ----------
    baskets : DataFrame
        The basket table of :func:`basket_matrix` (True where the basket holds the item).
    antecedent : str or iterable of str
        The item(s) A.
    consequent : str or iterable of str
        The item(s) C.

    Returns
    -------
    Series
        ``antecedent_support``, ``consequent_support``, ``support``, ``confidence``, ``lift``.

    Raises
    ------
    ValueError
        If an item is not a column of ``baskets``, ``baskets`` is empty, or no basket holds A.

    References
    ----------
    .. [1] Agrawal, R., Imieliński, T., & Swami, A. (1993). Mining association rules between
       sets of items in large databases. *Proceedings of the 1993 ACM SIGMOD International
       Conference on Management of Data*, 207-216.

    Examples
    --------
    >>> b = pd.DataFrame({"pumps": [1, 1, 1, 0], "valves": [1, 1, 0, 0], "seals": [0, 1, 0, 1]}).astype(bool)
    >>> rule_measures(b, "pumps", "valves")
    antecedent_support    0.750000
    consequent_support    0.500000
    support               0.500000
    confidence            0.666667
    lift                  1.333333
    dtype: float64
    """
    check_not_empty(baskets, "baskets", "basket")
    a = _itemset(antecedent, "antecedent", baskets.columns)
    c = _itemset(consequent, "consequent", baskets.columns)
    has_a = baskets[a].astype(bool).all(axis=1)
    has_c = baskets[c].astype(bool).all(axis=1)
    if not has_a.any():
        raise ValueError(f"no basket holds the antecedent {a}; its confidence is undefined")
    support_a, support_c = float(has_a.mean()), float(has_c.mean())
    support = float((has_a & has_c).mean())
    confidence = support / support_a
    return pd.Series({"antecedent_support": support_a, "consequent_support": support_c, "support": support,
                      "confidence": confidence, "lift": confidence / support_c if support_c else float("nan")})


def _as_set(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, Iterable):
        return frozenset(value)
    raise TypeError(f"an antecedent or consequent must be an item or a set of items, got {value!r}")


def cross_sell_offers(rules: pd.DataFrame, baskets: pd.DataFrame, min_lift: float = 1.0) -> pd.DataFrame:
    """Turn rules into offers: for each basket, the items its rules suggest and it does not hold yet (交叉销售建议).

    A rule A → C suggests C for a basket that holds all of A and not C (an open quote with a pump but
    no valves: offer valves). Only rules with ``lift > min_lift`` count; when several rules suggest the
    same item to a basket, the one with the highest confidence is kept.

    Parameters
    ----------
    rules : DataFrame
        Columns ``antecedents``, ``consequents`` (sets of items, as ``mlxtend``'s ``association_rules``
        gives them; a plain item name works too), ``confidence`` and ``lift``.
    baskets : DataFrame
        The basket table of the customers or quotes to make offers to (:func:`basket_matrix`).
    min_lift : float, default 1.0
        Rules must have a lift above this.

    Returns
    -------
    DataFrame
        One row per (basket, suggested item): columns ``basket``, ``cross_sell_item``, ``because`` (the
        antecedent, items joined by " + "), ``confidence``, ``lift``; sorted by basket, then confidence
        (highest first).

    Raises
    ------
    ValueError
        If a column is missing or ``baskets`` is empty.

    Examples
    --------
    >>> rules = pd.DataFrame({"antecedents": [frozenset({"pumps"}), frozenset({"cylinders"})],
    ...                       "consequents": [frozenset({"valves"}), frozenset({"seals"})],
    ...                       "confidence": [0.7, 0.6], "lift": [1.6, 2.0]})
    >>> quotes = pd.DataFrame({"pumps": [True, True], "valves": [False, True], "cylinders": [True, False],
    ...                        "seals": [False, False]}, index=["Q1", "Q2"])
    >>> cross_sell_offers(rules, quotes)
      basket cross_sell_item    because  confidence  lift
    0     Q1          valves      pumps         0.7   1.6
    1     Q1           seals  cylinders         0.6   2.0
    """
    require_columns(rules, ["antecedents", "consequents", "confidence", "lift"], "rules")
    check_not_empty(baskets, "baskets", "basket")
    floor = check_number(min_lift, "min_lift")
    held = baskets.astype(bool)
    rows = []
    for rule in rules.itertuples(index=False):
        if not rule.lift > floor:
            continue
        a, c = _as_set(rule.antecedents), _as_set(rule.consequents)
        if not (a | c) <= set(held.columns):
            continue
        fits = held[sorted(a)].all(axis=1) & ~held[sorted(c)].all(axis=1)
        for basket in held.index[fits.to_numpy()]:
            for item in sorted(c):
                if not held.at[basket, item]:
                    rows.append((basket, item, " + ".join(sorted(a)), float(rule.confidence), float(rule.lift)))
    out = pd.DataFrame(rows, columns=["basket", "cross_sell_item", "because", "confidence", "lift"])
    out = out.sort_values(["basket", "confidence", "lift"], ascending=[True, False, False], kind="stable")
    return out.drop_duplicates(["basket", "cross_sell_item"]).reset_index(drop=True)

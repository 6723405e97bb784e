"""Customer delivered value (客户让渡价值): what the customer gets minus what it costs them.

Kotler's model (*Marketing Management*, 10th ed.) splits the buyer's view of an
offer into four kinds of value and four kinds of cost:

- total customer value (客户总价值) = product (产品价值) + service (服务价值)
  + personnel (人员价值) + image (形象价值);
- total customer cost (客户总成本) = monetary (货币成本) + time (时间成本)
  + energy (体力成本) + psychic (精神成本; the course materials write 精力成本);
- delivered value (让渡价值) = total value - total cost.

The customer buys the offer with the highest delivered value, so a seller can
win by adding value or by cutting the customer's costs, and different segments
weigh the costs differently (a busy buyer weighs time, a small one money).

>>> dv = delivered_value(product=60, service=20, personnel=10, image=10,
...                      monetary=50, time=10, energy=5, psychic=5)
>>> dv.total_value, dv.total_cost, dv.delivered_value
(100.0, 70.0, 30.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .validation import as_numeric_series, check_number, check_weights, require_columns

__all__ = [
    "VALUE_COMPONENTS",
    "COST_COMPONENTS",
    "COMPONENTS",
    "CATERPILLAR_PRICING",
    "DeliveredValue",
    "delivered_value",
    "compare_offers",
    "delivered_value_by_segment",
    "column_label",
    "WINS_ON",
]

#: The four components of total customer value, in Kotler's order.
VALUE_COMPONENTS: tuple[str, ...] = ("product", "service", "personnel", "image")
#: The four components of total customer cost, in Kotler's order: ``energy`` is
#: 体力成本 and ``psychic`` is 精神成本 (the materials' 精力成本); see :func:`delivered_value`.
COST_COMPONENTS: tuple[str, ...] = ("monetary", "time", "energy", "psychic")
#: All eight components: the columns :func:`compare_offers` needs.
COMPONENTS: tuple[str, ...] = VALUE_COMPONENTS + COST_COMPONENTS

#: Where an offer wins in :func:`compare_offers`.
WINS_ON: tuple[str, ...] = ("higher_value", "lower_cost", "value_and_cost", "no_single_edge")

#: Caterpillar's tractor price built from the value it delivers over a
#: competitor's (Kotler & Keller, *Marketing Management*, pricing chapter), in USD.
#: ``kind`` says whether a line is the competitor's price, a value premium, or a
#: price adjustment; ``amount`` sums to the final price of 100,000.
CATERPILLAR_PRICING: pd.DataFrame = pd.DataFrame(
    {
        "item": [
            "competitor_equivalent_price",
            "durability_premium",
            "reliability_premium",
            "service_premium",
            "warranty_premium",
            "discount",
        ],
        "kind": ["base", "value", "value", "value", "value", "price"],
        "amount": [90_000, 7_000, 6_000, 5_000, 2_000, -10_000],
    }
)


def _component(value: Any, name: str) -> float:
    v = check_number(value, name, low=0)
    return v


@dataclass(frozen=True)
class DeliveredValue:
    """One offer as the customer sees it (客户让渡价值), with its totals.

    The eight components are given; ``total_value``, ``total_cost``,
    ``delivered_value`` (= total value - total cost) and ``value_ratio``
    (= total value / total cost) are computed.

    Examples
    --------
    >>> DeliveredValue(50, 20, 10, 20, 60, 10, 5, 5).value_ratio
    1.25
    """

    product: float
    service: float
    personnel: float
    image: float
    monetary: float
    time: float
    energy: float
    psychic: float
    total_value: float = field(init=False)
    total_cost: float = field(init=False)
    delivered_value: float = field(init=False)
    value_ratio: float = field(init=False)

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            object.__setattr__(self, name, _component(getattr(self, name), name))
        total_value = sum(getattr(self, n) for n in VALUE_COMPONENTS)
        total_cost = sum(getattr(self, n) for n in COST_COMPONENTS)
        if total_cost <= 0:
            raise ValueError(
                "total customer cost (monetary + time + energy + psychic) must be positive, got 0; "
                "a purchase always costs the customer something"
            )
        object.__setattr__(self, "total_value", float(total_value))
        object.__setattr__(self, "total_cost", float(total_cost))
        object.__setattr__(self, "delivered_value", float(total_value - total_cost))
        object.__setattr__(self, "value_ratio", float(total_value / total_cost))

    def components(self) -> dict[str, float]:
        """The eight components as a dict, in :data:`COMPONENTS` order.

        Examples
        --------
        >>> DeliveredValue(50, 20, 10, 20, 60, 10, 5, 5).components()["time"]
        10.0
        """
        return {n: getattr(self, n) for n in COMPONENTS}


def delivered_value(
    product: float,
    service: float,
    personnel: float,
    image: float,
    monetary: float,
    time: float,
    energy: float,
    psychic: float,
) -> DeliveredValue:
    """Customer delivered value of one offer (客户让渡价值 / 顾客让渡价值).

    .. math::

        TCV = product + service + personnel + image

        TCC = monetary + time + energy + psychic

        CDV = TCV - TCC, \\qquad ratio = TCV / TCC

    Source: Kotler, *Marketing Management* (10th ed.); the Chinese terms as in
    the course materials (产品价值、服务价值、人员价值、形象价值; 货币成本、
    时间成本、体力成本、精力成本).

    **Which cost is which.** Kotler lists four costs: monetary, time, energy
    and psychic. ``energy`` is Kotler's energy cost, 体力成本: the bodily effort
    of travelling, carrying and installing. ``psychic`` is Kotler's psychic
    cost, 精神成本: the mental effort and strain of searching, comparing and
    deciding; the course materials call it 精力成本. The sum, and so the
    delivered value, does not depend on the names.

    Parameters
    ----------
    product, service, personnel, image : float
        Value the customer perceives from the product, the services that come
        with it, the seller's people and the seller's image, in money units.
        Not negative.
    monetary, time, energy, psychic : float
        The customer's costs in money units: the price paid, the time spent,
        the bodily effort (体力) and the mental effort (精神/精力). Not negative;
        their sum must be positive.

    Returns
    -------
    DeliveredValue
        Frozen dataclass with the components and ``total_value``,
        ``total_cost``, ``delivered_value`` and ``value_ratio``.

    Raises
    ------
    TypeError
        If a component is not a number.
    ValueError
        If a component is negative, NaN or infinite, or all four costs are 0.

    Examples
    --------
    >>> dv = delivered_value(product=60, service=20, personnel=10, image=10,
    ...                      monetary=50, time=10, energy=5, psychic=5)
    >>> dv.delivered_value, round(dv.value_ratio, 3)
    (30.0, 1.429)

    Cutting the customer's time cost by 5 raises delivered value by 5:

    >>> delivered_value(60, 20, 10, 10, 50, 5, 5, 5).delivered_value
    35.0
    >>> delivered_value(60, 20, 10, 10, -50, 10, 5, 5)
    Traceback (most recent call last):
    ...
    ValueError: monetary must not be negative, got -50
    """
    return DeliveredValue(product, service, personnel, image, monetary, time, energy, psychic)


def _offer_table(offers: Any, name: str = "offers") -> pd.DataFrame:
    require_columns(offers, COMPONENTS, name)
    if len(offers) == 0:
        raise ValueError(f"{name} is empty; it needs at least one offer (one row per offer)")
    if offers.index.has_duplicates:
        dup = offers.index[offers.index.duplicated()][0]
        raise ValueError(f"{name} has offer {dup!r} twice; give each offer (row label) once")
    table = pd.DataFrame(index=offers.index)
    for col in COMPONENTS:
        table[col] = as_numeric_series(offers[col], f"{name}[{col!r}]", allow_negative=False)
    return table


def compare_offers(offers: pd.DataFrame) -> pd.DataFrame:
    """Compare competing offers by customer delivered value (让渡价值比较).

    Each offer's totals as in :func:`delivered_value`; then the offers are
    ranked by delivered value (1 = the one the customer should choose) and the
    table says where each offer wins: ``"higher_value"`` (it has the highest
    total value of all offers), ``"lower_cost"`` (the lowest total cost),
    ``"value_and_cost"`` (both), or ``"no_single_edge"`` (neither). The winner on delivered value need not win on either:
    an offer can be chosen for a good balance. Source: Kotler (10th ed.);
    the comparison layout is this kit's.

    Parameters
    ----------
    offers : DataFrame
        One row per offer (the index names the offers), with the eight
        columns ``product, service, personnel, image, monetary, time, energy,
        psychic`` (money units, not negative). Other columns are ignored.

    Returns
    -------
    DataFrame
        Index: the offers, best first. Columns: the eight components,
        ``total_value``, ``total_cost``, ``delivered_value``, ``value_ratio``,
        ``rank`` (by delivered value; ties share the better rank),
        ``value_rank`` (1 = most value), ``cost_rank`` (1 = cheapest for the
        customer) and ``wins_on``.

    Raises
    ------
    TypeError
        If ``offers`` is not a DataFrame or a column holds text.
    ValueError
        If a column is missing (the message lists the columns present), a
        value is negative or NaN, an offer's total cost is 0, or an offer
        appears twice.

    Examples
    --------
    >>> offers = pd.DataFrame(
    ...     {"product": [70, 60], "service": [20, 10], "personnel": [10, 5], "image": [10, 5],
    ...      "monetary": [75, 55], "time": [5, 10], "energy": [5, 5], "psychic": [5, 5]},
    ...     index=["premium", "budget"])
    >>> compare_offers(offers)[["total_value", "total_cost", "delivered_value", "rank", "wins_on"]]
             total_value  total_cost  delivered_value  rank       wins_on
    premium        110.0        90.0             20.0     1  higher_value
    budget          80.0        75.0              5.0     2    lower_cost
    """
    table = _offer_table(offers)
    table["total_value"] = table[list(VALUE_COMPONENTS)].sum(axis=1)
    table["total_cost"] = table[list(COST_COMPONENTS)].sum(axis=1)
    zero = table.index[table["total_cost"] <= 0]
    if len(zero):
        raise ValueError(f"offer {zero[0]!r} has a total customer cost of 0; a purchase always costs something")
    table["delivered_value"] = table["total_value"] - table["total_cost"]
    table["value_ratio"] = table["total_value"] / table["total_cost"]
    table["rank"] = table["delivered_value"].rank(ascending=False, method="min").astype(int)
    table["value_rank"] = table["total_value"].rank(ascending=False, method="min").astype(int)
    table["cost_rank"] = table["total_cost"].rank(ascending=True, method="min").astype(int)
    best_value = table["value_rank"].eq(1)
    best_cost = table["cost_rank"].eq(1)
    wins = pd.Series("no_single_edge", index=table.index)
    wins[best_value] = "higher_value"
    wins[best_cost] = "lower_cost"
    wins[best_value & best_cost] = "value_and_cost"
    table["wins_on"] = wins
    return table.sort_values(["rank", "value_rank"], kind="stable")


def delivered_value_by_segment(
    offers: pd.DataFrame, segment_weights: Mapping[str, Mapping[str, float]]
) -> pd.DataFrame:
    """Delivered value of the same offers as different customer segments see it.

    Segments weigh the components differently (course materials: 不同的客户群
    对各项成本的重视程度是不同的): a buyer short of time counts an hour of
    waiting more than a buyer short of money does. Each segment's delivered
    value of an offer is

    .. math:: CDV_s = \\sum_{k \\in value} w_{s,k} v_k - \\sum_{k \\in cost} w_{s,k} c_k

    with weight 1 for every component a segment does not name. Source: Kotler
    (10th ed.) for the components; the weighting is this kit's illustration.

    Parameters
    ----------
    offers : DataFrame
        As for :func:`compare_offers`: one row per offer, the eight component columns.
    segment_weights : mapping
        ``{segment: {component: weight}}``, e.g.
        ``{"time_pressed": {"time": 3}, "price_sensitive": {"monetary": 1.5}}``.
        Weights are numbers >= 0; components are names from :data:`COMPONENTS`.

    Returns
    -------
    DataFrame
        Index: the offers; one column per segment holding that segment's
        delivered value. ``table.idxmax()`` gives each segment's choice.

    Raises
    ------
    TypeError
        If ``segment_weights`` is not a mapping of mappings, or a weight is not a number.
    ValueError
        If a component name is unknown, a weight is negative, there are no
        segments, or ``offers`` is invalid (see :func:`compare_offers`).

    Examples
    --------
    >>> offers = pd.DataFrame(
    ...     {"product": [70, 60], "service": [20, 10], "personnel": [10, 5], "image": [10, 5],
    ...      "monetary": [75, 55], "time": [5, 10], "energy": [5, 5], "psychic": [5, 5]},
    ...     index=["premium", "budget"])
    >>> table = delivered_value_by_segment(offers, {"time_pressed": {"time": 3},
    ...                                             "price_sensitive": {"monetary": 2}})
    >>> table
             time_pressed  price_sensitive
    premium          10.0            -55.0
    budget          -15.0            -50.0
    >>> table.idxmax().to_dict()
    {'time_pressed': 'premium', 'price_sensitive': 'budget'}
    """
    table = _offer_table(offers)
    if not isinstance(segment_weights, Mapping):
        raise TypeError(
            "segment_weights must be a dict {segment: {component: weight}}, "
            f"got {type(segment_weights).__name__}"
        )
    if not segment_weights:
        raise ValueError("segment_weights is empty; name at least one segment")
    out = pd.DataFrame(index=table.index)
    for segment, weights in segment_weights.items():
        w = dict.fromkeys(COMPONENTS, 1.0)
        w.update(check_weights(weights, f"segment_weights[{segment!r}]", valid=COMPONENTS, allow_empty=True,
                               nonzero_total=False, what="component"))
        gained = sum(w[c] * table[c] for c in VALUE_COMPONENTS)
        paid = sum(w[c] * table[c] for c in COST_COMPONENTS)
        out[segment] = (gained - paid).astype(float)
    return out


_COLUMN_KEYS = {
    **{c: f"{c}_value" for c in VALUE_COMPONENTS},
    **{c: f"{c}_cost" for c in COST_COMPONENTS},
    "total_value": "total_customer_value",
    "total_cost": "total_customer_cost",
}


def column_label(column: str) -> str:
    """The words shown for a column of :func:`compare_offers` in the current language.

    The component columns have short names (``"time"``, ``"service"``) that
    other chapters use for other things, so their glossary keys carry the
    kind: ``"time"`` is shown as ``label("time_cost")``, ``"service"`` as
    ``label("service_value")``; other columns are glossary keys themselves.
    Use it as ``table.rename(columns=column_label)``.

    Parameters
    ----------
    column : str
        A column name of :func:`compare_offers` or :func:`delivered_value_by_segment`.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If the column is neither a component nor a glossary key.

    Examples
    --------
    >>> column_label("psychic"), column_label("total_cost"), column_label("wins_on")
    ('psychic (mental) cost', 'total customer cost', 'wins on')
    """
    from . import i18n

    return i18n.label(_COLUMN_KEYS.get(column, column))

"""Claims of lesson 04 (customer delivered value): the numbers read from the lesson's own offers."""

from __future__ import annotations

import pandas as pd

from kamcourse import i18n, value

from . import ClaimData, claim
from ._notebook import run_cells

NB = "notebooks/04_delivered_value.ipynb"


def _offers() -> dict:
    return run_cells(NB, "one-offer", "compare-data", "lever-value", "lever-cost", "segments",
                     namespace={"pd": pd, "value": value, "i18n": i18n})


@claim(NB, "one-offer-read")
def one_offer_numbers(data: ClaimData) -> None:
    h = _offers()["hydra"]
    got = (h.total_value, h.total_cost, h.delivered_value, round(h.value_ratio, 2))
    assert got == (740, 620, 120, 1.19), f"(value, cost, delivered, ratio) = {got}"
    non_price = h.total_cost - 560
    assert non_price == 60, f"the non-price costs are {non_price}, not 60"


@claim(NB, "compare-read")
def import_most_value_local_lowest_cost_hydra_delivers_most(data: ClaimData) -> None:
    t = value.compare_offers(_offers()["offers"])
    assert t["total_value"].idxmax() == "offer_import" and t.loc["offer_import", "total_value"] == 770
    assert t["total_cost"].idxmin() == "offer_local" and t.loc["offer_local", "total_cost"] == 480
    assert t["delivered_value"].to_dict() == {"offer_hydra": 120, "offer_import": 20, "offer_local": 0}, t["delivered_value"]


@claim(NB, "compare-plot-read")
def import_bars_tallest_local_bars_equal(data: ClaimData) -> None:
    offers = _offers()["offers"]
    t = value.compare_offers(offers)
    assert t["total_cost"].idxmax() == "offer_import", "the import's cost bar is not the tallest"
    biggest = offers.loc["offer_import", ["monetary", "time", "psychic", "energy"]].nlargest(2).index.tolist()
    assert biggest == ["monetary", "time"], f"the import's largest costs are {biggest}"
    assert t.loc["offer_local", "total_value"] == t.loc["offer_local", "total_cost"], "the local maker's bars differ"


@claim(NB, "levers-read")
def training_150_consignment_145(data: ClaimData) -> None:
    ns = _offers()
    trained = value.compare_offers(ns["training"]).loc["offer_hydra", "delivered_value"]
    stocked = value.compare_offers(ns["consignment"]).loc["offer_hydra", "delivered_value"]
    assert (trained, stocked) == (150, 145), f"training {trained}, consignment {stocked}"


@claim(NB, "segments-read")
def oem_prefers_hydra_workshop_prefers_local(data: ClaimData) -> None:
    choice = _offers()["by_segment"].idxmax().to_dict()
    assert choice == {"segment_large_oem": "offer_hydra", "segment_small_workshop": "offer_local"}, choice


@claim(NB, "caterpillar-read")
def caterpillar_delivers_10000_more(data: ClaimData) -> None:
    items = value.CATERPILLAR_PRICING.set_index("item")["amount"]
    value_total = int(items.drop("discount").sum())
    assert value_total == 110_000 and items.drop(["discount", items.index[0]]).sum() == 20_000
    tractors = run_cells(NB, "caterpillar-compute", namespace={"pd": pd, "value": value, "i18n": i18n})["tractors"]
    delivered = value.compare_offers(tractors)["delivered_value"]
    assert delivered["caterpillar_tractor"] - delivered["competitor_tractor"] == 10_000, delivered.to_dict()

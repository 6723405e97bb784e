"""Claims of the Gree-Gome case: the cuts computed from the sourced prices, the recovery arithmetic, the games."""

from __future__ import annotations

from kamcourse import i18n
from kamcourse.cases import gree_gome as gg

from . import ClaimData, claim
from ._notebook import run_cells

NB = "notebooks/cases/gree_gome.ipynb"


@claim(NB, "cuts-read")
def cuts_of_40_5_and_27_4_percent_average_33_9(data: ClaimData) -> None:
    cuts = gg.price_cut_table()["price_cut"]
    assert cuts.round(3).tolist() == [0.405, 0.274], cuts.tolist()
    assert round(cuts.mean(), 3) == 0.339 and abs(cuts.mean() - gg.AVERAGE_CUT) < 0.005, f"average {cuts.mean():.4f}"


@claim(NB, "retailer-read")
def no_illustrative_retail_margin_recovers_a_34_percent_cut(data: ClaimData) -> None:
    t = gg.recovery_table(gg.AVERAGE_CUT, gg.ILLUSTRATIVE_RETAIL_MARGINS)
    assert not t["recoverable"].any() and (t["gross_margin"] < gg.AVERAGE_CUT).all(), t


@claim(NB, "recovery-read")
def double_the_volume_only_at_a_68_percent_margin(data: ClaimData) -> None:
    t = gg.recovery_table(gg.AVERAGE_CUT, [2 * gg.AVERAGE_CUT, max(gg.ILLUSTRATIVE_RETAIL_MARGINS)])
    assert round(float(t.loc[0, "required_volume_increase"]), 6) == 1.0, "a 68% margin does not need double the volume"
    assert not t.loc[1, "recoverable"], "the highest illustrative retail margin recovers the cut"


@claim(NB, "maker-read")
def forty_percent_of_the_supply_price(data: ClaimData) -> None:
    cut = gg.cut_on_supply_price(gg.AVERAGE_CUT, retail_margin=0.15)
    assert round(cut, 2) == 0.40 and cut > gg.ILLUSTRATIVE_MAKER_MARGIN, f"supply-price cut {cut:.3f}"


def _shown(table_of, game: gg.Game, language: str):
    """A table the lesson shows, built in ``language`` (the reader sees labels, not the strategy keys)."""
    before = i18n.get_language()
    try:
        i18n.set_language(language)
        return table_of(game)
    finally:
        i18n.set_language(before)


@claim(NB, "best-response-read")
def both_have_a_dominant_strategy(data: ClaimData) -> None:
    assert gg.dominant_strategy(gg.STANDOFF, "gree") == "hold_prices"
    assert gg.dominant_strategy(gg.STANDOFF, "gome") == "continue_cut"
    for language in ("en", "zh"):
        replies = _shown(gg.best_response_table, gg.STANDOFF, language).iloc[:, 2].tolist()
        expected = [i18n.label(k, language) for k in ("hold_prices", "hold_prices", "continue_cut", "continue_cut")]
        assert replies == expected, f"the best-response table in {language} shows {replies}"


@claim(NB, "game-read")
def a_prisoners_dilemma(data: ClaimData) -> None:
    assert gg.nash_equilibria(gg.STANDOFF) == [("hold_prices", "continue_cut")]
    assert gg.STANDOFF.payoff("hold_prices", "continue_cut") == (1, 1)
    assert gg.STANDOFF.payoff("concede", "stop_cut") == (3, 3)
    for language in ("en", "zh"):
        shown = _shown(gg.equilibrium_table, gg.STANDOFF, language)
        assert shown.iloc[:, 0].tolist() == shown.iloc[:, 1].tolist(), "an equilibrium strategy is not dominant"
        assert shown.iloc[:, 2].tolist() == ["1", "1"], f"the table shows payoffs {shown.iloc[:, 2].tolist()}"


@claim(NB, "game-with-plan-read")
def the_plan_makes_the_preferred_cell_the_only_equilibrium(data: ClaimData) -> None:
    game = run_cells(NB, "game-with-plan", namespace={"gg": gg})["with_plan"]
    assert gg.dominant_strategy(game, "gome") == "stop_cut"
    assert gg.nash_equilibria(game) == [("concede", "stop_cut")]
    cells = [(r, c) for r in game.row_strategies for c in game.col_strategies]
    best = max(cells, key=lambda cell: sum(game.payoff(*cell)))
    assert best == ("concede", "stop_cut"), f"the cell both prefer is {best}"
    assert gg.dominant_strategy(game, "gree") is None and game.payoff(*best) == (4, 4)
    for language in ("en", "zh"):
        shown = _shown(gg.equilibrium_table, game, language)
        gree, gome = (i18n.label(k, language) for k in ("gree", "gome"))
        assert shown.loc[gree].tolist() == [gg.NONE_SHOWN, i18n.label("concede", language), "4"], shown
        assert shown.loc[gome].tolist() == [i18n.label("stop_cut", language)] * 2 + ["4"], shown

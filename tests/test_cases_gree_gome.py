"""Case Gree vs Gome (2004): facts as CONTENT.md §8/§10 gives them, sources, arithmetic, game."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamcourse import i18n
from kamcourse.cases import gree_gome as gg
from kamcourse.economics import breakeven_volume_increase


def _event(key: str) -> gg.Event:
    (event,) = [e for e in gg.TIMELINE if e.key == key]
    return event


# --- facts with their sources --------------------------------------------------------------


def test_chengdu_promotion_prices_jiaoyanshi() -> None:
    """jiaoyanshi.com (2004 press report): 1P wall unit 1,680 -> 1,000 yuan; 2P floor unit 3,650 -> 2,650 yuan."""
    cuts = {p.model: p for p in gg.PRICE_CUTS}
    assert (cuts["gg_model_1p_wall"].list_price, cuts["gg_model_1p_wall"].promo_price) == (1680, 1000)
    assert (cuts["gg_model_2p_floor"].list_price, cuts["gg_model_2p_floor"].promo_price) == (3650, 2650)
    assert all(p.sources == ("jiaoyanshi",) and p.status == "sourced" for p in gg.PRICE_CUTS)
    assert gg.FACTS["promo_1p_list_price"].value == 1680 and gg.FACTS["promo_1p_price"].value == 1000
    assert gg.FACTS["promo_2p_list_price"].value == 3650 and gg.FACTS["promo_2p_price"].value == 2650


def test_cut_percentages_jiaoyanshi() -> None:
    """CONTENT §8.1 (jiaoyanshi prices): -40.5% and -27.4%."""
    cuts = {p.model: p.cut for p in gg.PRICE_CUTS}
    assert round(cuts["gg_model_1p_wall"] * 100, 1) == 40.5
    assert round(cuts["gg_model_2p_floor"] * 100, 1) == 27.4
    table = gg.price_cut_table()
    assert table["price_cut_yuan"].tolist() == [680, 1000]
    assert table["price_cut"].round(3).tolist() == [0.405, 0.274]


def test_hq_notice_9_march_2004_jiaoyanshi() -> None:
    """jiaoyanshi: on 9 March 2004 Gome HQ told all stores to 清理格力库存."""
    event = _event("gg_ev_hq_notice")
    assert event.date == "2004-03-09" and event.precision == "day"
    assert event.start == pd.Timestamp("2004-03-09")
    assert event.status == "sourced" and "jiaoyanshi" in event.sources
    assert "清理格力库存" in i18n.label(event.key, "en") and "清理格力库存" in i18n.label(event.key, "zh")


def test_150_stores_and_10000_dealers_jiaoyanshi() -> None:
    """jiaoyanshi: no Gree product left in Gome's 150 stores; Gree: Gome is one of 10,000+ dealers."""
    assert gg.FACTS["gome_stores"].value == 150 and gg.FACTS["gome_stores"].sources == ("jiaoyanshi",)
    assert gg.FACTS["gree_dealers_min"].value == 10_000 and gg.FACTS["gree_dealers_min"].status == "sourced"
    assert "150" in i18n.label("gg_ev_no_gree_in_150_stores", "en")
    assert "150" in i18n.label("gg_ev_no_gree_in_150_stores", "zh")
    assert "10,000+" in i18n.label("gg_ev_channel_debate", "en")


def test_regional_companies_since_1997_jiaoyanshi_360docs() -> None:
    """jiaoyanshi; 360docs: joint-stock regional sales companies from 1997, in 30+ provinces."""
    fact = gg.FACTS["regional_companies_since"]
    assert fact.value == 1997 and set(fact.sources) == {"jiaoyanshi", "360docs"} and fact.status == "sourced"
    assert gg.FACTS["regional_company_provinces_min"].value == 30
    event = _event("gg_ev_regional_companies")
    assert event.date == "1997" and event.precision == "year" and event.status == "sourced"


def test_average_cut_is_course_materials_only() -> None:
    """Course materials (case 3): 21 Feb 2004, Sichuan Gome, 34% average cut; Gree withdrew in March 2004."""
    assert gg.AVERAGE_CUT == 0.34
    assert gg.FACTS["average_cut"].status == "course_materials"
    event = _event("gg_ev_average_cut")
    assert (event.date, event.status, event.sources) == ("2004-02-21", "course_materials", ("course_materials",))
    withdrawal = _event("gg_ev_full_withdrawal")
    assert (withdrawal.date, withdrawal.status) == ("2004-03", "course_materials")
    assert gg.FACTS["gome_share_of_gree_sales_max"].value == 0.01
    assert gg.FACTS["gome_share_of_gree_sales_max"].status == "course_materials"


def test_every_event_has_a_source_and_a_status() -> None:
    for table in (gg.TIMELINE, gg.CHANNEL_MODELS, gg.KAM_CHANGES, gg.PRICE_CUTS, tuple(gg.FACTS.values())):
        for item in table:
            assert item.sources and all(s in gg.SOURCES for s in item.sources)
            assert item.status in gg.EVIDENCE_STATUSES
    t = gg.timeline_table()
    assert len(t) == len(gg.TIMELINE) and t["sources"].str.len().gt(0).all() and t["evidence"].str.len().gt(0).all()


def test_no_unconfirmed_claim_marked_sourced() -> None:
    """CONTENT §8.4: reconciliation date and Haier's KAM department are unconfirmed -> never 'sourced'."""
    for item in (*gg.TIMELINE, *gg.KAM_CHANGES, *gg.CHANNEL_MODELS, *gg.FACTS.values()):
        if item.status == "sourced":
            assert set(item.sources) <= {"jiaoyanshi", "kesum", "360docs"}
    everything = [*gg.TIMELINE, *gg.KAM_CHANGES]
    haier = [c for c in everything if "haier" in c.key]
    assert haier and all(c.status == "course_materials" for c in haier)
    assert "no outside source" in i18n.label(haier[0].key, "en")
    assert not any("reconcil" in i18n.label(e.key, "en").lower() for e in gg.TIMELINE)
    assert not any("haier" in e.key for e in gg.TIMELINE), "Haier's claim has no date: not on the timeline"


def test_status_rules_refuse_dishonest_facts() -> None:
    with pytest.raises(ValueError, match="only outside sources"):
        gg.Event("2004", "gg_ev_average_cut", ("course_materials",), "sourced")
    with pytest.raises(ValueError, match="unknown source"):
        gg.Claim("gg_kam_haier", ("haier.com",), "sourced")
    with pytest.raises(ValueError, match="at least one source"):
        gg.Claim("gg_kam_haier", (), "unconfirmed")
    with pytest.raises(ValueError, match="date must look like"):
        gg.Event("March 2004", "gg_ev_hq_notice", ("jiaoyanshi",), "sourced")


def test_timeline_is_in_order() -> None:
    """Consecutive events may share a month, but none ends before the one listed before it starts."""
    periods = [pd.Period(e.date, freq={"year": "Y", "month": "M", "day": "D"}[e.precision]) for e in gg.TIMELINE]
    for before, after in zip(periods, periods[1:]):
        assert after.end_time >= before.start_time, (before, after)
    assert [e.precision for e in gg.TIMELINE][:2] == ["year", "year"]


def test_texts_exist_in_both_languages() -> None:
    keys = [e.key for e in gg.TIMELINE] + [c.key for c in gg.KAM_CHANGES] + list(gg.DISCUSSION_QUESTIONS)
    keys += [k for p in gg.CHANNEL_MODELS for k in (p.aspect, p.gree, p.gome)]
    for key in keys:
        assert i18n.label(key, "en") and i18n.label(key, "zh")
    i18n.set_language("zh")
    assert gg.timeline_table()["evidence"].iloc[0] == "有出处"
    assert "1P分体挂机" in gg.price_cut_table().index


def test_channel_models_mark_kit_summary() -> None:
    status = {p.aspect: p.status for p in gg.CHANNEL_MODELS}
    assert status["gg_ch_retail_price"] == "sourced"
    assert status["gg_ch_margins"] == "kit_summary"
    assert set(gg.channel_table()["evidence"]) == {"sourced", "this kit's summary"}


# --- discount arithmetic -------------------------------------------------------------------


def test_price_cut_bad_input() -> None:
    with pytest.raises(ValueError, match="list_price must be positive"):
        gg.price_cut(0, 0)
    with pytest.raises(ValueError, match="promo_price"):
        gg.price_cut(1680, -1)
    with pytest.raises(TypeError, match="promo_price must be a number"):
        gg.price_cut(1680, "1000")
    with pytest.raises(ValueError, match="finite"):
        gg.price_cut(float("nan"), 1000)


def test_recovery_table_course_example_and_34_percent() -> None:
    """Course materials: 20% margin, 5% discount -> 33% more volume; a 34% cut is not recoverable
    at any of the kit's illustrative retail margins (10-30%)."""
    assert gg.recovery_table(0.05, 0.20)["required_volume_increase"].item() == pytest.approx(1 / 3)
    table = gg.recovery_table(gg.AVERAGE_CUT, gg.ILLUSTRATIVE_RETAIL_MARGINS)
    assert len(table) == len(gg.ILLUSTRATIVE_RETAIL_MARGINS)
    assert not table["recoverable"].any() and (table["required_volume_increase"] == math.inf).all()
    both = gg.recovery_table([0.1, 0.34], [0.2, 0.5])
    assert both["recoverable"].tolist() == [True, True, False, True]
    assert both["required_volume_increase"].iloc[3] == pytest.approx(0.34 / 0.16)


@given(
    m=st.floats(min_value=0.01, max_value=0.99),
    frac=st.floats(min_value=0.01, max_value=0.99),
)
def test_recovery_matches_economics(m: float, frac: float) -> None:
    """Property: below the margin the table is economics.breakeven_volume_increase, above it inf."""
    d = m * frac
    row = gg.recovery_table(d, m).iloc[0]
    assert bool(row["recoverable"])
    assert row["required_volume_increase"] == pytest.approx(breakeven_volume_increase(m, d))
    over = gg.recovery_table(min(m + (1 - m) * frac, 0.999), m).iloc[0]
    assert not bool(over["recoverable"]) and over["required_volume_increase"] == math.inf


def test_recovery_table_bad_input() -> None:
    with pytest.raises(ValueError, match="cut must be in"):
        gg.recovery_table(0.0, 0.2)
    with pytest.raises(ValueError, match="margins is empty"):
        gg.recovery_table(0.1, [])
    with pytest.raises(TypeError, match="margins must be a number or a list"):
        gg.recovery_table(0.1, "20%")
    with pytest.raises(TypeError):
        gg.recovery_table(0.1, [0.2, None])


def test_cut_on_supply_price() -> None:
    """The maker's view (kit's derivation): d / (1 - m); 34% at a 15% retail margin is 40% of the supply price."""
    assert gg.cut_on_supply_price(0.34, 0.15) == pytest.approx(0.4)
    assert gg.cut_on_supply_price(0.1, 0.5) == pytest.approx(0.2)
    with pytest.raises(ValueError, match="retail_margin must be in"):
        gg.cut_on_supply_price(0.1, 1.0)
    with pytest.raises(ValueError, match="below 1 - retail_margin"):
        gg.cut_on_supply_price(0.85, 0.2)


# --- the hypothetical game -----------------------------------------------------------------


def test_standoff_is_labelled_hypothetical() -> None:
    assert "hypothetical" in i18n.label("gg_payoff_title", "en")
    assert "假设" in i18n.label("gg_payoff_title", "zh")
    assert "HYPOTHETICAL" in gg.__doc__.upper() or "hypothetical" in gg.__doc__


def test_standoff_equilibrium_and_best_responses() -> None:
    """Hypothetical payoffs of the kit: a prisoner's dilemma, equilibrium = the stand-off."""
    assert gg.nash_equilibria(gg.STANDOFF) == [("hold_prices", "continue_cut")]
    assert gg.best_responses(gg.STANDOFF, "gree") == {"continue_cut": ("hold_prices",), "stop_cut": ("hold_prices",)}
    assert gg.best_responses(gg.STANDOFF, "gome") == {"hold_prices": ("continue_cut",), "concede": ("continue_cut",)}
    ne = gg.STANDOFF.payoff("hold_prices", "continue_cut")
    deal = gg.STANDOFF.payoff("concede", "stop_cut")
    assert deal[0] > ne[0] and deal[1] > ne[1], "both would prefer the negotiated cell"
    assert gg.STANDOFF.table().shape == (2, 2)


def test_games_with_two_or_no_pure_equilibria() -> None:
    coordination = gg.make_game(
        {("a", "a"): (2, 1), ("a", "b"): (0, 0), ("b", "a"): (0, 0), ("b", "b"): (1, 2)}, "p1", "p2"
    )
    assert gg.nash_equilibria(coordination) == [("a", "a"), ("b", "b")]
    assert gg.dominant_strategy(coordination, "p2") is None
    pennies = gg.make_game(
        {("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)}, "p1", "p2"
    )
    assert gg.nash_equilibria(pennies) == []
    ties = gg.make_game({("a", "x"): (1, 0), ("b", "x"): (1, 0)}, "p1", "p2")
    assert gg.best_responses(ties, "p1") == {"x": ("a", "b")}
    assert gg.dominant_strategy(ties, "p1") is None


def test_game_tables_show_labels_not_strategy_keys() -> None:
    """What a reader sees of the best responses and the equilibrium: glossary labels in either language."""
    keys = {"gree", "gome", *gg.STANDOFF.row_strategies, *gg.STANDOFF.col_strategies}
    try:
        for language in ("en", "zh"):
            i18n.set_language(language)
            replies = gg.best_response_table(gg.STANDOFF)
            summary = gg.equilibrium_table(gg.STANDOFF)
            shown = {*replies.to_numpy().ravel(), *replies.columns, *summary.to_numpy().ravel(),
                     *summary.index, *summary.columns, summary.index.name}
            assert not {k for k in keys if i18n.label(k, language) != k} & shown, f"a raw key is shown in {language}"
            assert replies.shape == (4, 3) and summary.shape == (2, 3)
            assert replies.iloc[:, 2].tolist() == i18n.labels(["hold_prices"] * 2 + ["continue_cut"] * 2)
            assert summary.loc[i18n.label("gome")].tolist() == [i18n.label("continue_cut")] * 2 + ["1"]
        assert summary.columns.tolist() == ["占优策略", "纳什均衡", "均衡时的支付"]
        assert replies.iloc[0].tolist() == ["格力", "继续降价", "坚持价格体系"]
    finally:
        i18n.set_language("en")


def test_game_tables_with_ties_several_or_no_equilibria() -> None:
    coordination = gg.make_game(
        {("a", "a"): (2, 1), ("a", "b"): (0, 0), ("b", "a"): (0, 0), ("b", "b"): (1, 2)}, "p1", "p2"
    )
    summary = gg.equilibrium_table(coordination)
    assert summary.loc["p1"].tolist() == [gg.NONE_SHOWN, "a / b", "2 / 1"]  # equilibria in the same order
    assert summary.loc["p2"].tolist() == [gg.NONE_SHOWN, "a / b", "1 / 2"]
    pennies = gg.make_game(
        {("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)}, "p1", "p2"
    )
    assert (gg.equilibrium_table(pennies) == gg.NONE_SHOWN).all().all()
    ties = gg.make_game({("a", "x"): (1, 0), ("b", "x"): (1, 0)}, "p1", "p2")
    assert gg.best_response_table(ties).iloc[0].tolist() == ["p1", "x", "a / b"]
    for table_of in (gg.best_response_table, gg.equilibrium_table):
        with pytest.raises(TypeError, match="game must be a Game"):
            table_of({("a", "x"): (1, 1)})


def test_make_game_bad_input() -> None:
    with pytest.raises(ValueError, match="no cell"):
        gg.make_game({("a", "x"): (1, 1), ("b", "y"): (0, 0)})
    with pytest.raises(TypeError, match="pair of strategy names"):
        gg.make_game({"a": (1, 1)})
    with pytest.raises(TypeError, match="must be a pair"):
        gg.make_game({("a", "x"): 1})
    with pytest.raises(ValueError, match="finite"):
        gg.make_game({("a", "x"): (float("nan"), 1)})
    with pytest.raises(ValueError, match="must differ"):
        gg.make_game({("a", "x"): (1, 1)}, "gree", "gree")
    with pytest.raises(ValueError, match="player must be one of"):
        gg.best_responses(gg.STANDOFF, "haier")
    with pytest.raises(ValueError, match="row must be one of"):
        gg.STANDOFF.payoff("withdraw", "stop_cut")


# --- figures and the explorer ---------------------------------------------------------------


def _draw_all_case_figures():
    from kamcourse import viz

    now = pd.DataFrame({"staff_id": ["S1", "S1", "S1"]})
    plan = pd.DataFrame({"proposed_staff_id": ["S2", "S3", "S4"]})
    monthly = pd.Series([100.0] * 12 + [20.0] * 12, index=pd.date_range("2024-01-01", periods=24, freq="MS"))
    table = pd.DataFrame({"mean_days": [3.0, 6.0], "mean_satisfaction": [4.5, 3.5]}, index=pd.Index([0, 1], name="handoffs"))
    estimate = pd.DataFrame({"mean_days": [9.0, 6.0], "mean_satisfaction": [3.2, 3.8], "share_over_max": [0.5, 0.0]},
                            index=["current_process", "single_owner_estimate"])
    axes = [
        viz.gree_gome_timeline(), viz.gree_gome_price_cuts(), viz.gree_gome_payoffs(), viz.gree_gome_recovery(),
        viz.runaway_revenue(monthly, "2025-01-01"), viz.runaway_coverage(now, plan),
        viz.complaint_handoffs(table), viz.complaint_estimate(estimate),
    ]
    for ax in axes:
        ax.figure.canvas.draw()
    return axes


def test_case_figures_render_chinese_without_missing_glyphs() -> None:
    import warnings

    if i18n.setup_cjk_font(quiet=True) is None:
        pytest.skip("no CJK font installed on this machine")
    i18n.set_language("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        axes = _draw_all_case_figures()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]
    assert axes[0].get_title() == "格力与国美之争（2004）：时间线"
    assert "假设" in axes[2].get_title()


def test_case_figures_label_in_english() -> None:
    axes = _draw_all_case_figures()
    assert axes[2].get_title() == "The stand-off as a game (hypothetical payoffs)"
    assert axes[6].get_xlabel() == "hand-offs"
    assert "estimate" in axes[7].get_title()


def test_figure_bad_input() -> None:
    from kamcourse import viz

    with pytest.raises(TypeError, match="monthly must be a pandas Series"):
        viz.runaway_revenue([1, 2, 3], "2025-01-01")
    with pytest.raises(TypeError, match="proposed_staff_id"):
        viz.runaway_coverage(pd.DataFrame({"staff_id": ["S1"]}), pd.DataFrame({"staff_id": ["S2"]}))
    with pytest.raises(TypeError, match="handoff_table"):
        viz.complaint_handoffs(pd.DataFrame({"days": [1]}))


def test_standoff_explorer_callbacks() -> None:
    """Changing sliders recomputes best responses and equilibria (and redraws when asked)."""
    from kamcourse.widgets import standoff_explorer

    box = standoff_explorer(draw=False)
    assert box.state["equilibria"] == [("hold_prices", "continue_cut")]
    assert len(box.controls) == 8
    # a joint business plan: Gome gains from keeping prices, Gree from national terms
    box.controls[("hold_prices", "stop_cut", "gree")].value = 3
    box.controls[("hold_prices", "stop_cut", "gome")].value = 2
    box.controls[("concede", "continue_cut", "gome")].value = 3
    box.controls[("concede", "stop_cut", "gree")].value = 4
    box.controls[("concede", "stop_cut", "gome")].value = 4
    assert box.state["equilibria"] == [("concede", "stop_cut")]
    assert gg.dominant_strategy(box.state["game"], "gome") == "stop_cut"
    drawn = standoff_explorer()
    drawn.controls[("hold_prices", "continue_cut", "gree")].value = 0
    assert drawn.state["draws"] == 2 and "hypothetical" in drawn.state["figure_title"]
    with pytest.raises(TypeError, match="game must be a Game"):
        standoff_explorer(game="matrix", draw=False)

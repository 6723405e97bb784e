"""Tests for the key-account figures: each draws, returns its Axes, labels through i18n, Chinese renders."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.viz import key_accounts as v


@pytest.fixture
def values() -> pd.Series:
    rng = np.random.default_rng(3)
    return pd.Series(rng.pareto(1.3, 200) * 100 + 1, index=[f"C{i:03d}" for i in range(200)])


@pytest.fixture
def coverage() -> pd.DataFrame:
    return pd.DataFrame(
        {"n_contacts": [3, 6, 5], "n_owners": [1, 4, 2], "key_person_share": [1.0, 0.33, 0.8],
         "model": ["bow_tie", "diamond", "bow_tie"]},
        index=["C1", "C2", "C3"],
    )


def _figures(values, coverage):
    profit = values - values.mean() * 0.8
    return {
        "pareto": lambda ax=None: v.plot_pareto(values, abc_cutoffs=(0.8, 0.95), ax=ax),
        "pyramid": lambda ax=None: v.plot_pyramid(values, ax=ax),
        "portfolio": lambda ax=None: v.plot_portfolio(values, values.rank(), ax=ax),
        "revenue_profit": lambda ax=None: v.plot_revenue_profit(
            pd.DataFrame({"revenue": values, "net_profit": profit}), ax=ax),
        "whale": lambda ax=None: v.plot_whale_curve(profit, ax=ax),
        "breakeven": lambda ax=None: v.plot_breakeven(point=(0.2, 0.05), ax=ax),
        "matrix": lambda ax=None: v.plot_relationship_matrix(("few", "high"), ax=ax),
        "coverage": lambda ax=None: v.plot_contact_coverage(coverage, ax=ax),
    }


def test_every_figure_is_exported() -> None:
    import kamcourse.viz as viz

    for name in v.__all__:
        assert callable(getattr(viz, name))


@pytest.mark.parametrize("name", ["pareto", "pyramid", "portfolio", "revenue_profit", "whale", "breakeven",
                                  "matrix", "coverage"])
def test_figure_draws_on_given_axes(name, values, coverage) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    out = _figures(values, coverage)[name](ax=ax)
    assert out is ax
    assert ax.get_title()


@pytest.mark.parametrize("name", ["pareto", "pyramid", "portfolio", "whale", "breakeven", "matrix", "coverage"])
def test_titles_follow_the_language(name, values, coverage) -> None:
    en = _figures(values, coverage)[name]().get_title()
    i18n.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zh = _figures(values, coverage)[name]().get_title()
    assert en != zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_chinese_glyphs_render_without_missing_glyph_warnings(values) -> None:
    i18n.set_language("zh")
    if i18n.setup_cjk_font(quiet=True) is None:
        pytest.skip("no CJK font installed on this machine")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        ax = v.plot_relationship_matrix()
        ax.figure.canvas.draw()
        ax = v.plot_pyramid(values)
        ax.figure.canvas.draw()


def test_pareto_marks_the_top_share(values) -> None:
    from kamcourse.accounts import top_share

    ax = v.plot_pareto(values, top=0.2)
    texts = [t.get_text() for t in ax.texts]
    assert any(f"{100 * top_share(values, 0.2):.0f}%" in t for t in texts)


def test_whale_curve_marks_the_peak() -> None:
    from kamcourse.economics import whale_peak

    profit = pd.Series([60.0, 50.0, 10.0, -20.0])
    ax = v.plot_whale_curve(profit)
    assert whale_peak(profit) == pytest.approx((0.75, 1.2))
    assert any("75%" in t.get_text() and "120%" in t.get_text() for t in ax.texts)


def test_breakeven_point_and_bad_margin() -> None:
    ax = v.plot_breakeven(margins=(0.2,), point=(0.2, 0.05))
    assert any("+33.3%" in t.get_text() for t in ax.texts)
    with pytest.raises(ValueError, match="margin must be in"):
        v.plot_breakeven(margins=(1.2,))
    with pytest.raises(ValueError, match="no volume recovers"):
        v.plot_breakeven(point=(0.2, 0.3))


def test_relationship_matrix_shows_the_nine_cells() -> None:
    ax = v.plot_relationship_matrix()
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert len(texts) == 9 and "basic or reactive" in texts and texts.count("accountable") == 3
    with pytest.raises(ValueError, match="n_customers must be one of"):
        v.plot_relationship_matrix(("lots", "high"))


def test_coverage_chart_needs_the_coverage_columns(coverage) -> None:
    with pytest.raises(ValueError, match="coverage is missing column"):
        v.plot_contact_coverage(coverage.drop(columns="model"))
    ax = v.plot_contact_coverage(coverage, names=pd.Series({"C1": "Alpha"}))
    assert "Alpha" in [t.get_text() for t in ax.get_yticklabels()]


def test_portfolio_quadrant_labels_in_corners() -> None:
    ax = v.plot_portfolio(pd.Series({"A": 9, "B": 2}), pd.Series({"A": 8, "B": 1}), threshold=5)
    texts = {t.get_text() for t in ax.texts}
    assert {"key accounts", "key development accounts", "maintenance accounts", "opportunistic accounts"} <= texts


def test_relationship_matrix_is_drawn_as_printed() -> None:
    """The course materials print margin as rows (high at the top) and number of customers as columns."""
    ax = v.plot_relationship_matrix()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["high margin", "medium margin", "low margin"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["many", "medium number", "few"]
    top_right = [t.get_text() for t in ax.texts if t.get_position() == (2.5, 2.5)]
    assert top_right == ["partnership"]

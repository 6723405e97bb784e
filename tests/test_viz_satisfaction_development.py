"""Tests for the satisfaction / loyalty / development figures: they draw what the data says, in both languages."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.viz import satisfaction_development as v
from kamcourse.viz.satisfaction_development import (
    plot_funnel,
    plot_ipa,
    plot_kano,
    plot_kano_counts,
    plot_method_comparison,
    plot_satisfaction_loyalty,
)


@pytest.fixture
def kano() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": [5, 0], "O": [2, 3], "M": [0, 6], "I": [2, 0], "R": [0, 1], "Q": [1, 0],
         "better": [7 / 9, 1 / 3], "worse": [-2 / 9, -1.0], "category": ["attractive", "must_be"]},
        index=pd.Index(["tracking", "stock"], name="feature"),
    )


def test_every_figure_is_exported() -> None:
    import kamcourse.viz as viz

    for name in v.__all__:
        assert hasattr(viz, name)


def test_kano_plot_puts_points_at_abs_worse_and_better(kano) -> None:
    ax = plot_kano(kano)
    offsets = np.vstack([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(offsets, [[2 / 9, 7 / 9], [1.0, 1 / 3]])
    texts = {t.get_text() for t in ax.texts}
    assert {"attractive", "one-dimensional", "must-be", "indifferent", "tracking", "stock"} <= texts
    assert ax.get_title() == i18n.label("kano_plot_title")


def test_kano_plot_missing_columns_named(kano) -> None:
    with pytest.raises(ValueError, match=r"table is missing column\(s\) 'worse'"):
        plot_kano(kano.drop(columns="worse"))


def test_kano_counts_bars_add_up(kano) -> None:
    ax = plot_kano_counts(kano)
    widths = np.array([p.get_width() for p in ax.patches]).reshape(6, 2)
    assert widths.sum(axis=0).tolist() == [10, 10]


def test_ipa_plot_colours_by_quadrant() -> None:
    imp = pd.Series({"product_quality": 6.5, "delivery_reliability": 6.0, "ordering_ease": 4.0, "price_value": 4.5})
    perf = pd.Series({"product_quality": 6.0, "delivery_reliability": 4.0, "ordering_ease": 3.5, "price_value": 6.0})
    ax = plot_ipa(imp, perf)
    assert ax.get_xlabel() == "perceived performance"
    labels = [t.get_text() for t in ax.texts]
    assert "product quality" in labels and "concentrate here" in labels
    colours = [tuple(c.get_facecolor()[0]) for c in ax.collections]
    assert len(set(colours)) == 4  # four attributes in four quadrants


def test_satisfaction_loyalty_curve_and_zones() -> None:
    t = pd.DataFrame({"repurchase_rate": [0.3, 0.4, 0.5, 0.55, 0.95], "surveys": [5, 9, 30, 40, 20],
                      "zone": ["defection"] * 2 + ["indifference"] * 2 + ["affection"]}, index=[1, 2, 3, 4, 5])
    ax = plot_satisfaction_loyalty(t)
    line = ax.get_lines()[0]
    assert line.get_ydata().tolist() == pytest.approx([0.3, 0.4, 0.5, 0.55, 0.95])
    assert len(ax.patches) == 3  # one shaded span per zone
    assert {"zone of defection", "zone of indifference", "zone of affection"} <= {x.get_text() for x in ax.texts}


def test_funnel_plot_draws_three_stages_narrowing() -> None:
    f = pd.DataFrame({"contacts": [200.0], "leads": [60.0], "customers": [15.0], "cost_per_customer": [3333.3]},
                     index=["plan"])
    ax = plot_funnel(f)
    assert [p.get_width() for p in ax.patches] == [200.0, 60.0, 15.0]
    with pytest.raises(ValueError, match="method must be one of 'plan'; got 'x'"):
        plot_funnel(f, method="x")


def test_method_comparison_sorted_by_cost() -> None:
    c = pd.DataFrame({"cost_per_customer": [2500.0, 300.0, np.inf], "conversion": [0.05, 0.3, 0.0]},
                     index=["door_to_door", "referral_chain", "advertising"])
    ax = plot_method_comparison(c)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["referral chain", "door-to-door canvassing", "advertising"]


def test_figures_render_chinese_without_missing_glyphs(kano, tmp_path) -> None:
    """With set_language("zh") labels are Chinese and the saved figure draws them (no missing-glyph warning)."""
    i18n.set_language("zh")
    ax = plot_kano(kano)
    assert ax.get_xlabel() == "|Worse|(不满意系数绝对值)"
    assert "魅力型" in {t.get_text() for t in ax.texts}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            ax.figure.savefig(tmp_path / "kano_zh.png")
        except UserWarning as w:  # pragma: no cover - the failure we guard against
            if "missing from" in str(w) or "Glyph" in str(w):
                pytest.fail(f"Chinese glyphs missing: {w}")
            raise


def test_indicator_dashboard_draws_seven_scores_and_the_index() -> None:
    from kamcourse.satisfaction import INDICATORS
    from kamcourse.viz.satisfaction_development import plot_indicators

    s = pd.DataFrame({k: [50.0, 60.0 + i] for i, k in enumerate(INDICATORS)}, index=[2024, 2025])
    s["indicator_index"] = [50.0, 63.0]
    ax = plot_indicators(s)
    assert [p.get_width() for p in ax.patches] == [60.0 + i for i in range(7)]
    assert any("63.0" in t.get_text() for t in ax.texts)
    assert ax.get_lines()[0].get_xdata()[0] == 63.0  # the index line
    ax2 = plot_indicators(s, year=2024)
    assert ax2.get_title().endswith("2024")
    with pytest.raises(ValueError, match="year must be one of 2024, 2025; got 2023"):
        plot_indicators(s, year=2023)


def test_pipeline_plot() -> None:
    from kamcourse.viz.satisfaction_development import plot_pipeline

    st = pd.DataFrame({"reached": [100, 60, 30, 20, 10], "stage_conversion": [0.6, 0.5, 2 / 3, 0.5, np.nan]},
                      index=["prospecting", "qualification", "proposal", "negotiation", "closed_won"])
    ax = plot_pipeline(st)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["prospecting", "qualification", "proposal",
                                                              "negotiation", "won"]
    assert sum("↓" in t.get_text() for t in ax.texts) == 4


def test_label_table_translates_keys_in_both_languages() -> None:
    from kamcourse.viz.satisfaction_development import label_table

    t = pd.DataFrame({"category": ["must_be", "attractive"], "contacts": [3, 4], "better": [0.1, 0.9]},
                     index=pd.Index(["on_time_delivery", "C0001"], name="feature"))
    en = label_table(t)
    assert list(en.columns) == ["Kano category", "contacts", "Better (satisfaction coefficient)"]
    assert en.iloc[:, 0].tolist() == ["must-be", "attractive"]
    assert list(en.index) == ["on-time delivery", "C0001"]  # non-keys stay as they are
    i18n.set_language("zh")
    zh = label_table(t)
    assert list(zh.columns) == ["卡诺类别", "接触", "Better(满意系数)"]  # a funnel's contacts, not 联系人
    assert zh.iloc[0, 0] == "必备型" and zh.index.name == "功能/属性"
    assert t.loc["C0001", "category"] == "attractive"  # the original is untouched

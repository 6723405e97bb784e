"""Tests for the customer-value figures: each draws, returns its Axes, labels through i18n, Chinese renders."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n
from kamcourse.clv import BGNBD, margin_multiple_table
from kamcourse.lifecycle import STAGES
from kamcourse.viz import customer_value as v

MODEL = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357,
              converged=True, iterations=0)


def _offers() -> pd.DataFrame:
    return pd.DataFrame(
        {"product": [70, 60], "service": [20, 10], "personnel": [10, 5], "image": [10, 5],
         "monetary": [75, 55], "time": [5, 10], "psychic": [5, 5], "energy": [5, 5]},
        index=["premium", "budget"],
    )


def _figures():
    rng = np.random.default_rng(4)
    stages = pd.Series(rng.choice(list(STAGES), 50))
    summary = pd.DataFrame({"revenue_per_customer": [10, 50, 90, 40, 5], "profit_per_customer": [-2, 8, 20, 6, 0],
                            "cost_to_serve_per_customer": [6, 7, 8, 5, 1]}, index=list(STAGES))
    curve = pd.Series([5.0, 20.0, 30.0, 10.0], index=pd.date_range("2024-01-01", periods=4, freq="QS"))
    history = pd.Series(["exploration", "formation", "stability", "decline"],
                        index=pd.date_range("2024-03-31", periods=4, freq="QE"))
    scores = pd.DataFrame({"r_score": rng.integers(1, 6, 80), "f_score": rng.integers(1, 6, 80)})
    return {
        "delivered_value": lambda ax=None: v.plot_delivered_value(_offers(), ax=ax),
        "stage_mix": lambda ax=None: v.plot_stage_mix(stages, ax=ax),
        "stage_economics": lambda ax=None: v.plot_stage_economics(summary, ax=ax),
        "lifecycle_curve": lambda ax=None: v.plot_lifecycle_curve(curve, history, ax=ax),
        "margin_multiples": lambda ax=None: v.plot_margin_multiples(ax=ax),
        "clv_retention": lambda ax=None: v.plot_clv_retention(100, 0.1, retention=0.8, ax=ax),
        "rfm_heatmap": lambda ax=None: v.plot_rfm_heatmap(scores, ax=ax),
        "frequency_recency": lambda ax=None: v.plot_frequency_recency(MODEL, T=39, ax=ax),
        "prob_alive": lambda ax=None: v.plot_prob_alive(rng.random(100), ax=ax),
    }


NAMES = list(_figures())


def test_every_figure_is_exported() -> None:
    import kamcourse.viz as viz

    for name in v.__all__:
        assert hasattr(viz, name)
    assert len([n for n in v.__all__ if n.startswith("plot_")]) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_on_given_axes(name) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    out = _figures()[name](ax=ax)
    assert out is ax
    assert ax.get_title()


@pytest.mark.parametrize("name", NAMES)
def test_titles_follow_the_language(name) -> None:
    en = _figures()[name]().get_title()
    i18n.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zh = _figures()[name]().get_title()
    assert en != zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_chinese_glyphs_render_without_missing_glyph_warnings() -> None:
    i18n.set_language("zh")
    if i18n.setup_cjk_font(quiet=True) is None:
        pytest.skip("no CJK font installed on this machine")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        for name in ("delivered_value", "stage_mix", "lifecycle_curve", "rfm_heatmap"):
            ax = _figures()[name]()
            ax.figure.canvas.draw()


def test_delivered_value_bars_stack_value_and_cost() -> None:
    ax = v.plot_delivered_value(_offers())
    assert len(ax.patches) == 16
    # top of premium's value bar = total value 110, of its cost bar = total cost 90
    tops = sorted({round(p.get_y() + p.get_height(), 6) for p in ax.patches})
    assert 110 in tops and 90 in tops and 80 in tops and 75 in tops
    assert any("20" in t.get_text() for t in ax.texts)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "psychic (mental) cost" in labels and "product value" in labels


def test_stage_mix_counts_in_stage_order() -> None:
    ax = v.plot_stage_mix(pd.Series(["decline", "exploration", "decline"]))
    assert [round(p.get_height()) for p in ax.patches] == [1, 0, 0, 2, 0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [i18n.label(s) for s in STAGES]
    with pytest.raises(ValueError, match="unknown stage 'growth'"):
        v.plot_stage_mix(pd.Series(["growth"]))


def test_margin_multiple_heatmap_shows_the_table() -> None:
    ax = v.plot_margin_multiples()
    texts = [t.get_text() for t in ax.texts]
    expected = [f"{x:.2f}" for x in margin_multiple_table().to_numpy().ravel()]
    assert texts == expected and "4.50" in texts
    with pytest.raises(TypeError, match="table must be a DataFrame"):
        v.plot_margin_multiples(table=[1, 2])  # type: ignore[arg-type]


def test_clv_retention_marks_the_current_point() -> None:
    ax = v.plot_clv_retention(100, 0.10, retention=0.9)
    assert float(ax.lines[1].get_ydata()[0]) == pytest.approx(450.0)
    assert any("4.50" in t.get_text() for t in ax.texts)
    with pytest.raises(ValueError, match="retention must be in"):
        v.plot_clv_retention(100, 0.10, retention=1.0)


def test_rfm_heatmap_counts_or_averages() -> None:
    scores = pd.DataFrame({"r_score": [1, 1, 2], "f_score": [1, 1, 2]}, index=list("abc"))
    counts = v.plot_rfm_heatmap(scores)
    assert sorted(t.get_text() for t in counts.texts) == ["1", "2"]
    means = v.plot_rfm_heatmap(scores, value=pd.Series({"a": 10.0, "b": 30.0, "c": 5.0}))
    assert sorted(t.get_text() for t in means.texts) == ["20", "5"]
    with pytest.raises(ValueError, match="every customer"):
        v.plot_rfm_heatmap(scores, value=pd.Series({"a": 1.0}))


def test_frequency_recency_matrix() -> None:
    ax = v.plot_frequency_recency(MODEL, T=39, max_frequency=10)
    z = ax.images[0].get_array()
    assert z.shape == (11, 40)
    assert np.all(z[0] == 1.0)  # no repeat purchase: alive
    assert z[10, 39] > z[10, 5]  # a frequent buyer seen recently is more likely alive
    ax = v.plot_frequency_recency(MODEL, T=39, kind="expected_purchases", horizon=10)
    assert ax.get_title() == i18n.label("frequency_recency_expected_title")
    with pytest.raises(ValueError, match="kind must be one of"):
        v.plot_frequency_recency(MODEL, T=39, kind="clv")
    with pytest.raises(TypeError, match="model must be a fitted BGNBD"):
        v.plot_frequency_recency("model", T=39)  # type: ignore[arg-type]


def test_prob_alive_histogram_checks_values() -> None:
    ax = v.plot_prob_alive([0.1, 0.5, 0.95, 1.0], bins=4)
    assert [p.get_height() for p in ax.patches] == [1, 0, 1, 2]
    with pytest.raises(ValueError, match=r"prob_alive must be in \[0, 1\], got 1.2"):
        v.plot_prob_alive([0.1, 1.2])
    with pytest.raises(ValueError, match="missing value"):
        v.plot_prob_alive([0.1, float("nan")])

"""Tests for the data mining figures: each draws, returns its Axes, labels through i18n, Chinese renders."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import i18n, mining
from kamcourse.viz import data_mining as v

RNG = np.random.default_rng(7)
Y = (RNG.random(200) < 0.15).astype(int)
SCORE = np.clip(0.3 * Y + RNG.random(200) * 0.7, 0, 1)
INPUTS = pd.DataFrame({"recency_log": RNG.normal(3, 1, 60), "monetary_log": RNG.normal(10, 2, 60)})
LABELS = np.repeat([0, 1, 2], 20)


def _figures():
    k_table = pd.DataFrame({"inertia": [120.0, 60.0, 50.0, 45.0], "silhouette": [0.4, 0.55, 0.5, 0.45]},
                           index=pd.Index([2, 3, 4, 5], name="k"))
    curve = mining.profit_curve(Y, SCORE, 20_000.0, 1000.0, 0.3)
    return {
        "k_choice": lambda ax=None: v.plot_k_choice(k_table, ax=ax),
        "cluster_profile": lambda ax=None: v.plot_cluster_profile(INPUTS, LABELS, names={0: "seg_new"}, ax=ax),
        "roc": lambda ax=None: v.plot_roc(Y, {"logistic_regression": SCORE, "recency_rule": SCORE ** 2}, ax=ax),
        "gains": lambda ax=None: v.plot_gains(Y, {"logistic_regression": SCORE}, ax=ax),
        "lift": lambda ax=None: v.plot_lift(mining.gains_table(Y, SCORE), ax=ax),
        "profit_curve": lambda ax=None: v.plot_profit_curve(curve, chosen=0.2, ax=ax),
    }


NAMES = list(_figures())


def test_every_figure_is_exported_and_tested() -> None:
    import kamcourse.viz as viz

    assert all(hasattr(viz, name) for name in v.__all__)
    assert len(v.__all__) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_on_given_axes(name) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert _figures()[name](ax=ax) is ax and ax.get_title()
    plt.close("all")


@pytest.mark.parametrize("name", NAMES)
def test_titles_follow_the_language(name) -> None:
    en = _figures()[name]().get_title()
    i18n.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zh = _figures()[name]().get_title()
    assert en != zh and any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_chinese_glyphs_render_without_missing_glyph_warnings() -> None:
    i18n.set_language("zh")
    if i18n.setup_cjk_font(quiet=True) is None:
        pytest.skip("no CJK font installed on this machine")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in NAMES:
            _figures()[name]().figure.canvas.draw()


def test_gains_chart_draws_the_model_between_random_and_perfect() -> None:
    ax = v.plot_gains(Y, {"logistic_regression": SCORE})
    model, random, perfect = ax.lines
    x, g = model.get_xdata(), model.get_ydata()
    assert g[0] == 0 and g[-1] == pytest.approx(1.0)
    assert np.all(g >= x - 1e-9)  # this score is better than chance everywhere
    assert list(perfect.get_xdata())[1] == pytest.approx(Y.mean())


def test_profile_shows_standardised_means_and_names() -> None:
    ax = v.plot_cluster_profile(INPUTS, LABELS, names={0: "seg_new", 1: "seg_lost"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["new customers on trial", "lost customers", "2"]
    z = (INPUTS - INPUTS.mean()) / INPUTS.std(ddof=0)
    assert ax.texts[0].get_text() == f"{z.iloc[:20, 0].mean():+.1f}"
    with pytest.raises(ValueError, match="one value per row"):
        v.plot_cluster_profile(INPUTS, LABELS[:10])


def test_roc_legend_gives_each_models_auc() -> None:
    from sklearn.metrics import roc_auc_score

    ax = v.plot_roc(Y, {"logistic_regression": SCORE})
    assert ax.get_legend().get_texts()[0].get_text() == f"logistic regression (AUC {roc_auc_score(Y, SCORE):.2f})"
    with pytest.raises(TypeError, match="scores must be a dict"):
        v.plot_roc(Y, SCORE)

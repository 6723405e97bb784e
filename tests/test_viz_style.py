"""The course style is applied around each figure, not to matplotlib's global settings (issue 11).

A figure drawn by a kamcourse.viz function must look exactly as it did when the
style was written into the global rcParams (rendered afterwards, as a notebook
does), and drawing it must leave the user's rcParams as they were.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import viz
from kamcourse.clv import BGNBD
from kamcourse.viz.style import STYLE, course_style, use_course_style

VALUES = pd.Series(np.random.default_rng(3).pareto(1.3, 60) * 100 + 1, index=[f"C{i:03d}" for i in range(60)])
KANO = pd.DataFrame(
    {"A": [5, 0], "O": [2, 3], "M": [0, 6], "I": [2, 0], "R": [0, 1], "Q": [1, 0],
     "better": [7 / 9, 1 / 3], "worse": [-2 / 9, -1.0], "category": ["attractive", "must_be"]},
    index=pd.Index(["tracking", "stock"], name="feature"),
)
OFFERS = pd.DataFrame(
    {"product": [70, 60], "service": [20, 10], "personnel": [10, 5], "image": [10, 5],
     "monetary": [75, 55], "time": [5, 10], "psychic": [5, 5], "energy": [5, 5]},
    index=["premium", "budget"],
)
MODEL = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357,
              converged=True, iterations=0)

FIGURES = {
    "pareto": lambda: viz.plot_pareto(VALUES, abc_cutoffs=(0.8, 0.95)),
    "pyramid": lambda: viz.plot_pyramid(VALUES),
    "portfolio": lambda: viz.plot_portfolio(VALUES, VALUES.rank()),
    "whale": lambda: viz.plot_whale_curve(VALUES - VALUES.mean() * 0.8),
    "breakeven": lambda: viz.plot_breakeven(point=(0.2, 0.05)),
    "matrix": lambda: viz.plot_relationship_matrix(("few", "high")),
    "delivered_value": lambda: viz.plot_delivered_value(OFFERS),
    "stage_mix": lambda: viz.plot_stage_mix(pd.Series(["exploration", "stability", "stability", "decline"])),
    "clv_retention": lambda: viz.plot_clv_retention(100, 0.1, retention=0.8),
    "frequency_recency": lambda: viz.plot_frequency_recency(MODEL, T=39),
    "kano": lambda: viz.plot_kano(KANO),
    "kano_counts": lambda: viz.plot_kano_counts(KANO),
    "ipa": lambda: viz.plot_ipa(pd.Series({"q": 6.5, "d": 6.0, "o": 4.0}), pd.Series({"q": 6.0, "d": 4.0, "o": 5.5})),
    "timeline": lambda: viz.gree_gome_timeline(),
    "payoffs": lambda: viz.gree_gome_payoffs(),
    "gains": lambda: viz.plot_gains([1, 0, 0, 1, 0], {"logistic_regression": [0.9, 0.1, 0.4, 0.7, 0.3]}),
    "k_choice": lambda: viz.plot_k_choice(pd.DataFrame({"inertia": [9.0, 4.0], "silhouette": [0.5, 0.6]},
                                                      index=pd.Index([2, 3], name="k"))),
}


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _settings() -> dict:
    return {k: v for k, v in matplotlib.rcParams.items() if not k.startswith("backend")}


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_looks_as_under_the_global_style_and_leaves_rcparams_alone(name) -> None:
    import matplotlib.pyplot as plt

    before = _settings()
    ax = FIGURES[name]()
    assert _settings() == before, "drawing a course figure changed matplotlib's global settings"
    drawn = _pixels(ax.figure)  # rendered later, outside any style context, as a notebook does
    with matplotlib.rc_context(STYLE):  # the old way: the style written into the global settings
        ref_ax = FIGURES[name]()
        reference = _pixels(ref_ax.figure)
    plt.close(ax.figure)
    plt.close(ref_ax.figure)
    assert drawn.shape == reference.shape
    assert (drawn != reference).sum() == 0, f"{name}: the figure looks different outside the style context"


def test_the_style_is_an_explicit_choice() -> None:
    assert matplotlib.rcParams["axes.titleweight"] != "bold"
    with course_style():
        assert matplotlib.rcParams["axes.titleweight"] == "bold"
    assert matplotlib.rcParams["axes.titleweight"] != "bold"
    with matplotlib.rc_context():
        use_course_style()
        assert matplotlib.rcParams["axes.spines.top"] is False


def test_chinese_words_in_an_english_figure_are_drawn_after_an_rc_reset() -> None:
    """English figures with Chinese words (the Gree-Gome timeline quotes 清理格力库存) keep a CJK fallback font even when
    something resets matplotlib's settings after set_language (IPython's inline backend does on first use)."""
    import warnings

    from kamcourse import i18n

    i18n.set_language("en")
    if i18n.setup_cjk_font(quiet=True) is None:
        pytest.skip("no CJK font installed on this machine")
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "Glyph ... missing from font(s) DejaVu Sans" is a UserWarning
            ax = viz.gree_gome_timeline()
            ax.figure.canvas.draw()

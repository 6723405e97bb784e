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
ROLES = pd.DataFrame({"user": [1, 0], "influencer": [2, 1], "buyer": [1, 1], "decider": [1, 1], "gatekeeper": [0, 1]},
                     index=["C1", "C2"])
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
    "buying_centre": lambda: viz.plot_buying_centre(ROLES, pd.DataFrame({"uncovered": [False, True]}, index=["C1", "C2"])),
    "concentration": lambda: viz.plot_concentration(pd.DataFrame(
        {"top1_share": [0.2, 0.25], "top5_share": [0.4, 0.45], "hhi": [0.05, 0.07], "equivalent_number": [20.0, 14.3]},
        index=[2024, 2025])),
    "kam_kpis": lambda: viz.plot_kam_kpis(pd.DataFrame(
        {"satisfaction_mean": [3.8, 3.9], "renewal_rate": [0.9, 0.95], "key_account_revenue_share": [0.7, 0.72],
         "response_days": [6.5, 6.0]}, index=[2024, 2025])),
    "decision_matrix": lambda: viz.plot_decision_matrix(pd.DataFrame(
        {"fit": [3.2, 2.4], "cost": [0.4, 1.0], "total": [3.6, 3.4], "rank": [1, 2], "margin": [0.2, 0.0]}, index=["A", "B"])),
    "risk_matrix": lambda: viz.plot_risk_matrix(pd.DataFrame({"likelihood": [4, 2], "impact": [5, 3], "rank": [1, 2]},
                                                             index=["low_adoption", "data_breach"])),
    "adoption": lambda: viz.plot_adoption(pd.DataFrame(
        {"adoption": [0.8, 0.9], "completeness": [0.85, 0.6], "duplicate_rate": [0.02, 0.1],
         "incentive_scheme": ["no_bonus", "count_bonus"]}, index=pd.date_range("2024-06-01", periods=2, freq="MS"))),
    "scorecard": lambda: viz.plot_scorecard(pd.DataFrame([[3.8, 3.7], [6.0, 5.5]], columns=[2024, 2025],
        index=pd.MultiIndex.from_tuples([("customer", "satisfaction_mean"), ("process", "response_days")],
                                        names=["perspective", "indicator"]))),
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


def test_every_figure_function_draws_inside_the_course_style() -> None:
    """Every public function of kamcourse.viz that returns an Axes or a Figure is decorated with @course_figure
    (the pixel test above draws only a sample of them); the helpers of viz.style itself are the exception."""
    import ast
    from pathlib import Path

    helpers = {"new_axes", "finish", "percent_axis"}
    undecorated, seen = [], 0
    for path in sorted((Path(viz.__file__).parent).rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") or node.name in helpers:
                continue
            returns = ast.unparse(node.returns) if node.returns else ""
            if "Axes" in returns or "Figure" in returns:
                seen += 1
                if "course_figure" not in {ast.unparse(d) for d in node.decorator_list}:
                    undecorated.append(f"{path.name}:{node.name}")
    assert seen >= 50 and not undecorated, undecorated

"""The figures of lessons 10 and 11 draw what the data say, in both languages, and leave no figure open."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kamcourse import crm, data, i18n, viz
from kamcourse import customer_info as ci


@pytest.fixture(params=["en", "zh"])
def language(request):
    before = i18n.get_language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)
    plt.close("all")


def test_process_figure_shows_the_five_steps(language) -> None:
    ax = viz.plot_crm_process(crm.process_snapshot(data, 2025))
    texts = [t.get_text() for t in ax.texts]
    assert all(i18n.label(f"crm_{s}") in texts for s in crm.CRM_PROCESS)


def test_quality_profile_bars_are_the_rates(language) -> None:
    profile = ci.quality_profile(data.load("raw_accounts"), data.load("raw_contacts"), data.END_DATE)
    ax = viz.plot_quality_profile(profile)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == sorted(profile["rate"].round(6))


def test_grade_grid_counts_every_customer(language) -> None:
    g = ci.customer_grades(pd.Series([1.0, 2, 3, 4, 5]), pd.Series([5.0, 4, 3, 2, 1]))
    ax = viz.plot_grade_grid(g)
    counts = [int(t.get_text()) for t in ax.texts if t.get_text().isdigit()]
    assert sum(counts) == 5 and ax.get_title() == i18n.label("grade")


def test_before_after_and_pairs(language) -> None:
    ax = viz.plot_before_after(pd.Series({"A": 3, "B": 1}), pd.Series({"A": 2, "B": 2}))
    assert len(ax.patches) == 4
    ax = viz.plot_pair_decisions(pd.DataFrame({"name_score": [100.0, 90.0], "decision": ["duplicate", "review"]}))
    assert sum(p.get_height() for p in ax.patches) == 2


def test_crm_table_translates_keys_not_names() -> None:
    t = viz.crm_table(pd.DataFrame({"name": ["刘浩然"], "role": ["purchasing"]}))
    assert t.iloc[0, 0] == "刘浩然" and t.iloc[0, 1] == i18n.label("purchasing")

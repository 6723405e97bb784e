"""Tests for the figures of lessons 15 and 16: they draw what the tables say, with every word from i18n."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from kamcourse import crm_implementation as ci
from kamcourse import data, i18n
from kamcourse import kam_organisation as ko
from kamcourse.viz import organising_crm as v


def test_every_figure_is_exported() -> None:
    import kamcourse.viz as viz

    assert all(hasattr(viz, name) for name in v.__all__)


def test_buying_centre_marks_the_uncovered_decider_in_red() -> None:
    roles = pd.DataFrame({"user": [1, 0], "influencer": [2, 1], "buyer": [1, 1], "decider": [1, 1],
                          "gatekeeper": [0, 1]}, index=["C1", "C2"])
    ax = v.plot_buying_centre(roles, pd.DataFrame({"uncovered": [False, True]}, index=["C1", "C2"]))
    red = [p for p in ax.patches if matplotlib.colors.to_hex(p.get_facecolor()) == "#d55e00"]
    assert len(red) == 1 and red[0].get_xy() == (3, 0)  # C2 is the bottom row, decider the 4th column
    assert [t.get_text() for t in ax.get_xticklabels()] == [i18n.label(r) for r in ko.BUYING_ROLES]
    with pytest.raises(ValueError, match="missing column"):
        v.plot_buying_centre(roles.drop(columns="decider"))


def test_concentration_and_kpis_on_the_company(tmp_path) -> None:
    orders = data.load("orders")
    table = ko.concentration_by_year(orders)
    ax = v.plot_concentration(table)
    heights = [p.get_height() for p in ax.patches][:5]
    np.testing.assert_allclose(heights, table["top1_share"])
    kpis = ko.kam_kpis(orders, data.load("surveys"), data.load("service_requests"), ko.key_accounts_by_year(orders))
    ax = v.plot_kam_kpis(kpis)
    assert len(ax.get_legend().get_texts()) == 4 and ax.get_title() == i18n.label("kam_kpis_title")


def test_decision_matrix_bars_add_up_to_the_totals() -> None:
    m = ci.decision_matrix(ci.CRM_OPTIONS, dict.fromkeys(ci.CRM_OPTIONS.columns, 1.0))
    ax = v.plot_decision_matrix(m)
    ends = {}
    for p in ax.patches:
        y = round(p.get_y() + p.get_height() / 2)
        ends[y] = max(ends.get(y, 0.0), p.get_x() + p.get_width())
    np.testing.assert_allclose(sorted(ends.values()), sorted(m["total"]))


def test_risk_matrix_places_each_risk() -> None:
    reg = ci.risk_register(ci.CRM_RISKS)
    ax = v.plot_risk_matrix(reg)
    assert len(ax.texts) == len(reg) and len(ax.patches) == 25


def test_adoption_and_scorecard_in_chinese() -> None:
    i18n.set_language("zh")
    curve = ci.adoption_curve(data.load("crm_usage"))
    ax = v.plot_adoption(curve)
    assert ax.get_title() == "CRM系统逐月使用情况与数据质量"
    assert {"按录入条数奖励", "按完整记录奖励"} <= {t.get_text() for t in ax.texts}
    names = ("orders", "cost_to_serve", "surveys", "service_requests", "opportunities", "staff")
    card = ci.crm_scorecard({n: data.load(n) for n in names})
    ax = v.plot_scorecard(card)
    assert len(ax.patches) == card.size and ax.get_title().startswith("CRM评估记分卡")
    with pytest.raises(ValueError, match="perspective, indicator"):
        v.plot_scorecard(card.reset_index(level=0, drop=True))

"""Surveys (调查): the yearly satisfaction survey and the Kano survey."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ...vocabulary import KANO_ANSWERS, KANO_CATEGORIES, KANO_CODES, KANO_EVALUATION, SURVEY_ATTRIBUTES
from .catalog import KANO_FEATURES, KANO_MIX
from .world import World, choice_rows

__all__ = ["simulate_surveys", "simulate_kano"]


def simulate_surveys(
    w: World, plan: pd.DataFrame, orders: pd.DataFrame, unhappy_year: Callable[[int, int], bool]
) -> pd.DataFrame:
    """Yearly satisfaction surveys (满意度调查): expectation, performance and importance per attribute, overall scores.

    Customers who leave or are unhappy answer lower; the top box repurchases
    far more (the satisfaction trap, Jones & Sasser 1995).

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> sv = simulate(7, 60, 5).surveys
    >>> int(sv["overall_satisfaction"].min()) >= 1 and int(sv["overall_satisfaction"].max()) <= 5
    True
    """
    rng = w.rng
    cy = orders[["cust", "year"]].drop_duplicates().sort_values(["cust", "year"]).reset_index(drop=True)
    active = set(zip(cy["cust"].to_numpy().tolist(), cy["year"].to_numpy().tolist()))
    last_year = w.year_list[-1]
    # churning: no orders next year, or a terminating customer's last active year
    last_active = cy.groupby("cust")["year"].transform("max").to_numpy()
    leaving = (plan["stage"].to_numpy()[cy["cust"].to_numpy()] == 4) & (cy["year"].to_numpy() == last_active)
    churn = np.array([(y < last_year) and ((c, y + 1) not in active) for c, y in zip(cy["cust"], cy["year"])])
    churn = churn | leaving
    unhappy = np.array([unhappy_year(c, y) for c, y in zip(cy["cust"], cy["year"])], dtype=bool)
    m = len(cy)
    p_norm = np.array([0.02, 0.08, 0.22, 0.31, 0.37])
    p_unh = np.array([0.07, 0.21, 0.36, 0.33, 0.03])
    p_churn = np.array([0.045, 0.15, 0.36, 0.44, 0.005])
    p = np.where(churn[:, None], p_churn, np.where(unhappy[:, None], p_unh, p_norm))
    score = choice_rows(rng, np.cumsum(p, axis=1)) + 1
    latent = score + rng.uniform(-0.45, 0.45, m)
    out = {"cust": cy["cust"].to_numpy(), "year": cy["year"].to_numpy()}
    mu_e = np.array([6.0, 5.8, 5.2, 5.0, 5.4, 4.6])
    bias = np.array([0.3, -0.6, 0.4, -0.3, 0.0, 0.2])
    mu_i = np.array([6.5, 6.3, 5.3, 5.8, 5.0, 3.9])
    exp = np.clip(np.rint(rng.normal(mu_e, 0.9, (m, 6))), 1, 7)
    perf = np.clip(np.rint(exp + 0.9 * (latent[:, None] - 3.9) + bias + rng.normal(0, 0.8, (m, 6))), 1, 7)
    imp = np.clip(np.rint(rng.normal(mu_i, 0.7, (m, 6))), 1, 7)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"expectation_{a}"] = exp[:, k].astype(np.int64)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"performance_{a}"] = perf[:, k].astype(np.int64)
    for k, a in enumerate(SURVEY_ATTRIBUTES):
        out[f"importance_{a}"] = imp[:, k].astype(np.int64)
    out["overall_satisfaction"] = score.astype(np.int64)
    ltr_mu = np.array([2.0, 4.2, 6.0, 7.6, 9.3])[score - 1]
    ltr_sd = np.array([1.4, 1.4, 1.2, 0.9, 0.7])[score - 1]
    out["likelihood_to_recommend"] = np.clip(np.rint(rng.normal(ltr_mu, ltr_sd)), 0, 10).astype(np.int64)
    ri = np.array(
        [
            [0.35, 0.35, 0.20, 0.07, 0.03],
            [0.10, 0.25, 0.36, 0.21, 0.08],
            [0.05, 0.17, 0.40, 0.27, 0.11],
            [0.03, 0.12, 0.38, 0.33, 0.14],
            [0.00, 0.00, 0.03, 0.17, 0.80],
        ]
    )
    row = np.where(churn | unhappy, np.maximum(score - 2, 0), score - 1)
    out["repurchase_intention"] = (choice_rows(rng, np.cumsum(ri[row], axis=1)) + 1).astype(np.int64)
    return pd.DataFrame(out)


def simulate_kano(w: World, plan: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The Kano survey (卡诺问卷): every respondent's functional and dysfunctional answer per feature.

    Each feature's answers are drawn so that the evaluation table
    (:data:`kamcourse.vocabulary.KANO_EVALUATION`) gives mostly the category
    :data:`~kamcourse.data.simulate.catalog.KANO_FEATURES` intends for it.

    Examples
    --------
    >>> from kamcourse.data.simulate.company import simulate
    >>> kano = simulate(7, 60, 5).kano
    >>> sorted(kano["functional"].unique().tolist())[:2]
    ['dislike', 'like']
    """
    rng = w.rng
    recent = np.unique(orders.loc[orders["day"] > -365, "cust"].to_numpy())
    if len(recent) == 0:
        recent = np.unique(orders["cust"].to_numpy())
    n_resp = int(np.clip(round(0.6 * w.n), 80, 240))
    resp_cust = np.sort(recent[rng.integers(0, len(recent), n_resp)])
    category_of = {code: cat for cat, code in KANO_CODES.items()}
    cells = {c: [] for c in KANO_CATEGORIES}
    for fi, functional in enumerate(KANO_ANSWERS):
        for di, code in enumerate(KANO_EVALUATION[functional]):
            cells[category_of[code]].append((fi, di))
    cell_w = {
        "attractive": [0.25, 0.45, 0.30],
        "one_dimensional": [1.0],
        "must_be": [0.45, 0.30, 0.25],
        "indifferent": [0.05, 0.10, 0.08, 0.07, 0.35, 0.15, 0.05, 0.10, 0.05],
        "reverse": [0.05, 0.10, 0.10, 0.25, 0.10, 0.25, 0.15],
        "questionable": [0.5, 0.5],
    }
    rows = []
    for feature, intended in KANO_FEATURES.items():
        cat = choice_rows(rng, np.tile(np.cumsum(KANO_MIX[intended]), (n_resp, 1)))
        u = rng.random(n_resp)
        for r in range(n_resp):
            c = KANO_CATEGORIES[cat[r]]
            cum = np.cumsum(cell_w[c]) / np.sum(cell_w[c])
            fi, di = cells[c][min(int(np.searchsorted(cum, u[r], side="right")), len(cum) - 1)]
            rows.append((r, resp_cust[r], feature, KANO_ANSWERS[fi], KANO_ANSWERS[di]))
    k = pd.DataFrame(rows, columns=["resp", "cust", "feature", "functional", "dysfunctional"])
    k = k.sort_values(["resp"], kind="stable").reset_index(drop=True)
    k["respondent_id"] = [f"K{r + 1:04d}" for r in k["resp"]]
    return k

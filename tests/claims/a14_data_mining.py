"""Claims of assignment a14's model answer (the default data of lesson 14)."""

from __future__ import annotations

from . import claim

TRAIN_CUTOFFS = ["2022-12-31", "2023-03-31", "2023-06-30", "2023-09-30"]
TEST_CUTOFFS = ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"]


@claim("assignments/a14_data_mining/a14_data_mining.ipynb", "q5_answer")
def flagged_rows_that_stayed(data) -> None:
    """The lesson's logistic regression on its held-out quarters: 10 of the 59 rows flagged at 0.5 stayed."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from kamcourse import mining

    orders = data.load("orders")
    train, test = mining.churn_panel(orders, TRAIN_CUTOFFS), mining.churn_panel(orders, TEST_CUTOFFS)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(mining.churn_inputs(train), train["churned"])
    flagged = model.predict_proba(mining.churn_inputs(test))[:, 1] >= 0.5
    stayed = int((~test["churned"].to_numpy()[flagged]).sum())
    assert (int(flagged.sum()), stayed) == (59, 10), f"{flagged.sum()} flagged, {stayed} of them stayed"

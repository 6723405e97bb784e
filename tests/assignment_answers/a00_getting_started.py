"""A plausible wrong submission for a00: Q1 right, Q2 counts customers strictly above 80%."""

WRONG = {
    "q1_answer": "top_customer_share = revenue.max() / revenue.sum()",
    "q2_answer": "n_for_80_percent = int((revenue.sort_values(ascending=False).cumsum() / revenue.sum() <= 0.8).sum()) + 1",
}

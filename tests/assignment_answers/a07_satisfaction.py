"""A plausible wrong submission for a07: R and Q answers kept in the Better/Worse denominator (Q1)
and passives counted as detractors (Q3); Q2 and Q4 right."""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "A, O, M, I, R, Q = 30, 45, 15, 10, 5, 5\n"
        "better = (A + O) / (A + O + M + I + R + Q)\n"
        "worse = -(O + M) / (A + O + M + I + R + Q)\n"
    ),
    "q3_answer": (
        "r = surveys.loc[surveys['year'] == 2025, 'likelihood_to_recommend']\n"
        "nps_2025 = 100 * ((r >= 9).mean() - (r <= 7).mean())\n"
    ),
}

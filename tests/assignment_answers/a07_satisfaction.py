"""A plausible wrong submission for a07: R and Q answers kept in the Better/Worse denominator (Q1a, Q1b),
passives counted as detractors (Q3a) and the mean of the six performances taken as fixed when delivery
reliability moves (Q4b); the other answers right."""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "A, O, M, I, R, Q = 30, 45, 15, 10, 5, 5\n"
        "better = (A + O) / (A + O + M + I + R + Q)\n"
        "worse = -(O + M) / (A + O + M + I + R + Q)\n"
    ),
    "q3_answer": (
        "r2025 = surveys.loc[surveys['year'] == 2025, 'likelihood_to_recommend']\n"
        "nps_2025 = 100 * ((r2025 >= 9).mean() - (r2025 <= 7).mean())\n"
    ),
    "q4b_answer": (
        "perf = attrs['performance']\n"
        "delivery_rise_needed = perf.mean() - perf['delivery_reliability']\n"
    ),
}

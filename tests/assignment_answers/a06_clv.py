"""A plausible wrong submission for a06_clv (never released to students).

Q1a uses the other timing convention (a margin also at t = 0: the multiple + 1);
Q1b forgets the discount rate when solving for retention; Q2a counts the five
years from t = 0 to 4 (first margin now, before any churn). The other answers
are right, so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": "mm = (1 + 0.12) / (1 + 0.12 - 0.75)\nmm",
    "q1b_answer": "retention_for_3 = 3 / (1 + 3)\nretention_for_3",
    "q2_answer": (
        "q = 0.8 / 1.1\n"
        "clv_5y = 40_000 * sum(q ** t for t in range(0, 5)) - 60_000\n"
        "clv_all = 40_000 * 0.8 / (1.1 - 0.8) - 60_000\n"
        "payback_years = 3\n"
    ),
}

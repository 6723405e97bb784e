"""A plausible wrong submission for a11_customer_information (never released to students).

Q1b takes the weakest *completeness* check for the weakest overall (missing values are the most
frequent fault, but not the lowest rate); Q3b divides by the length of one name only; Q4b takes the
highest cut-off that meets the target instead of the lowest. The other answers are right, so the
submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1b_answer": (
        "profile = ci.quality_profile(raw_accounts, raw_contacts, END_DATE)\n"
        "weakest_fault = str(profile.loc[profile['dimension'] == 'completeness'].sort_values('rate')['fault'].iloc[0])\n"
    ),
    "q3b_answer": "score_by_hand = 100 * (1 - 1 / 7)\n",
    "q4b_answer": (
        "candidates = [round(0.60 + 0.05 * i, 2) for i in range(8)]\n"
        "high_cutoff = max(c for c in candidates if (ci.customer_grades(contribution, potential, (0.5, c))['grade'] == 'A').mean() <= 0.20)\n"
    ),
}

#: The grade cells this submission must lose, and only these (tests/test_assignments.py checks it).
LOSES = {"q1b_tests", "q3b_tests", "q4b_tests"}

"""A plausible wrong submission for c03 (never released to students): Q1b divides the other way
round (none / four or more); Q3 counts all four hand-offs as extra, forgetting the one a
single-owner process still allows. The other answers are right, so the submission earns part
of the points."""

WRONG = {
    "__base__": "solution",
    "q1b_answer": (
        "days_ratio = closed.loc[closed['handoffs'] == 0, 'days'].mean() "
        "/ closed.loc[closed['handoffs'] >= 4, 'days'].mean()\n"
    ),
    "q3_answer": (
        "extra = 4\n"
        "estimated_days = max(20 - within['days_per_handoff'] * extra, 0)\n"
        "estimated_satisfaction = min(max(2 - within['satisfaction_per_handoff'] * extra, 1), 5)\n"
    ),
}

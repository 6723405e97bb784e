"""A plausible wrong submission for a01_key_accounts (never released to students).

Q2 takes the top 20 customers instead of the top 20% (60 of 300); Q4b reads the
growth limit over all customers, forgetting that only accounts passing the share
test can qualify; Q5 treats a score equal to the threshold as low (">" instead of
">="). The other answers are right, so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q2_answer": "top20_share = revenue.nlargest(20).sum() / revenue.sum()\ntop20_share",
    "q4b_answer": 'y_limit = rule["min_growth"].max()\ny_limit',
    "q5_answer": (
        "high_a = scores['attractiveness'] > 5\n"
        "high_s = scores['strength'] > 5\n"
        "quadrants = pd.Series('opportunistic', index=scores.index)\n"
        "quadrants[high_a & high_s] = 'key'\n"
        "quadrants[high_a & ~high_s] = 'key_development'\n"
        "quadrants[~high_a & high_s] = 'maintenance'\n"
        "quadrants"
    ),
}

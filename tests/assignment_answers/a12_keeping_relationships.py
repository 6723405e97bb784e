"""A plausible wrong submission for a12: the team size rounded to the nearest person instead of up (Q1b),
every A account without a visit counted as neglected whatever its stage and review meetings (Q2a) and the
factor on C-tier response times turned upside down (Q3b); the other answers right."""

WRONG = {
    "__base__": "solution",
    "q1b_answer": "managers_needed = round(plan_hours_total / 450)\n",
    "q2_answer": (
        "actual = maintenance.touch_counts(activities, '2025-01-01', '2025-12-31', customers=plan.index)\n"
        "neglected = sorted(plan.index[(plan['tier'] == 'A') & (actual['visit'] == 0)])\n"
    ),
    "q3b_answer": (
        "median_hours = requests.groupby('tier')['first_response_hours'].median()\n"
        "c_speed_factor = float(median_hours['C'] / (2 * median_hours['A']))\n"
    ),
}

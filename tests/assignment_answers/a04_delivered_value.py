"""A plausible wrong submission for a04_delivered_value (never released to students).

Q3 gives the size of the cut East needs (15) instead of the time cost it may
keep (5); Q4 lets each segment pick the offer with the most total value,
ignoring the weights on costs. The other answers are right, so the submission
earns part of the points (5 of 9).
"""

WRONG = {
    "__base__": "solution",
    "q3_answer": "east_max_time = delivered['north'] - delivered['east']\neast_max_time",
    "q4_answer": (
        "table = value.compare_offers(offers)\n"
        "choices = {'time_pressed': table['total_value'].idxmax(), 'price_sensitive': table['total_value'].idxmax()}\n"
        "choices"
    ),
}

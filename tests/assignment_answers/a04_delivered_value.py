"""A plausible wrong submission for a04_delivered_value (never released to students).

Q2 gives the size of the cut East needs (15) instead of the time cost it may keep
(5); Q4a lets the time-pressed plant pick the offer with the most delivered value,
ignoring the weights on its costs. The other answers are right, so the submission
earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q2_answer": "east_max_time = delivered['north'] - delivered['east']\neast_max_time",
    "q4_answer": (
        "table = value.compare_offers(offers)\n"
        "choice_time_pressed = table['delivered_value'].idxmax()\n"
        "choice_price_sensitive = 'south'\n"
    ),
}

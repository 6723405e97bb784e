"""A plausible wrong submission for a05_lifecycle (never released to students).

Q2a applies the decline ratio alone and forgets that termination and
exploration come first (terminated customers have an empty last year);
Q4 calls the customers who were worth most, ignoring how likely they are to
be reachable. The other answers are right, so the submission earns part of
the points.
"""

WRONG = {
    "__base__": "solution",
    "q2_answer": (
        "falling = windows['last12'] < 0.75 * windows['prev12']\n"
        "declining_ids = sorted(windows.index[falling])\n"
        "len(declining_ids)"
    ),
    "q4_answer": (
        "expected = lapsed['prob_alive'] * lapsed['yearly_profit']\n"
        "call_first = list(lapsed['yearly_profit'].sort_values(ascending=False).index[:3])\n"
        "call_first"
    ),
}

"""A plausible wrong submission for c01: Q1 and Q4 right; Q2 divides by the margin
(d / m), Q3 takes the cut on the retail price (d * (1 - m)), Q5 picks the cell that is
best for both instead of the equilibrium. Earns 3 of the 7 autograded points."""

WRONG = {
    "q1_answer": 'cuts = 1 - prices["promo"] / prices["original"]',
    "q2_answer": (
        "def breakeven(margin, cut):\n"
        "    if cut >= margin:\n"
        "        return float('inf')\n"
        "    return cut / margin\n"
    ),
    "q3_answer": "supply_cut = 0.34 * (1 - 0.15)",
    "q4_answer": (
        "best_gree = gg.best_responses(game, 'gree')\n"
        "best_gome = gg.best_responses(game, 'gome')\n"
        "gree_best = {k: v[0] for k, v in best_gree.items()}\n"
        "gome_best = {k: v[0] for k, v in best_gome.items()}\n"
    ),
    "q5_answer": 'equilibrium = ("concede", "stop_cut")',
}

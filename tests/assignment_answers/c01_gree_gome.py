"""A plausible wrong submission for c01 (never released to students): Q1 right; Q2a divides by the
margin (d / m); Q3a takes the cut on the retail price (d * (1 - m)); Q4c answers the escalation
failure with an account owner; Q5 picks the cell that is best for both instead of the equilibrium.
The other answers are right, so the submission earns part of the points."""

WRONG = {
    "__base__": "solution",
    "q2_answer": (
        "def breakeven(margin, cut):\n"
        "    if cut >= margin:\n"
        "        return float('inf')\n"
        "    return cut / margin\n"
    ),
    "q3_answer": "supply_cut = 0.34 * (1 - 0.15)",
    "q4_answer": 'failure_a = "rules"\nfailure_b = "owner"\nfailure_c = "owner"\n',
    "q5_answer": 'equilibrium = ("concede", "stop_cut")',
}

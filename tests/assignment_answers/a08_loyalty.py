"""A plausible wrong submission for a08: "high" read as strictly above the thresholds (Q2) and the
courseware's lower bound quoted instead of the bank figure (Q4); Q1 and Q3 right."""

WRONG = {
    "__base__": "solution",
    "q2_answer": (
        "high_att = panel['attitude'] > 7\n"
        "high_rep = panel['orders'] > 4\n"
        "types = pd.Series('none', index=panel.index)\n"
        "types[high_att & high_rep] = 'loyalty'\n"
        "types[high_att & ~high_rep] = 'latent'\n"
        "types[~high_att & high_rep] = 'spurious'\n"
    ),
    "q4_answer": "bank_profit_increase = 0.25\n",
}

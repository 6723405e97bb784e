"""A plausible wrong submission for a08: "high" read as strictly above the thresholds (Q2a) and the
defection cut of 5 points given as the tenure increase (Q4a); the other answers right."""

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
    "q4_answer": (
        "tenure_increase = 0.05\n"
        "value_increase = (0.95 / (1.10 - 0.95)) / (0.90 / (1.10 - 0.90)) - 1\n"
    ),
}

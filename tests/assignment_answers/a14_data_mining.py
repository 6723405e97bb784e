"""A plausible wrong submission for a14_data_mining (never released to students).

Q1a subtracts a year instead of the 270-day window; Q1c counts the industry as leakage; Q3b takes the
mean value at risk (pulled up by a few large accounts) instead of the median; Q3d reads the cumulative
lift column instead of the gains. The other answers are right, so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": "latest_cutoff = str((data.END_DATE - pd.Timedelta(days=365)).date())\nlatest_cutoff",
    "q1c_answer": 'leaky = "BDE"\nleaky',
    "q3b_answer": (
        'value = test["gross_profit"].clip(lower=1.0) * clv.margin_multiple(0.8, 0.10)\n'
        "threshold = 2500 / (0.4 * value.mean())\n"
        "threshold"
    ),
    "q3d_answer": (
        'gains = mining.gains_table(test["churned"], p_test)\n'
        'share_for_90 = gains.index[gains["cum_lift"] >= 0.9][0] / 10\n'
        "share_for_90"
    ),
}

#: The grade cells this submission must lose, and only these (tests/test_assignments.py checks it).
LOSES = {"q1_tests", "q1c_tests", "q3b_tests", "q3d_tests"}

"""A plausible wrong submission for a13: breakage taken as expired ÷ earned points (Q1a), the liability
valued at every outstanding point, with no breakage (Q1b), and the stage to call chosen from all stages,
however few accounts they hold (Q3c); the other answers right."""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "summary = loyalty_programme.points_summary(ledger, as_of=data.END_DATE)\n"
        "breakage = float(summary['expired'] / summary['earned'])\n"
    ),
    "q1b_answer": (
        "points_by_entry = -ledger.groupby('entry')['points'].sum()\n"
        "outstanding = -points_by_entry.sum()\n"
        "liability = float(outstanding * ledger['reward_cost'].sum() / points_by_entry['redeemed'])\n"
    ),
    "q3c_answer": (
        "by_stage = communication.uplift_by_segment(test['renewed'], test['treatment_group'], stages.reindex(test.index))\n"
        "call_stage = by_stage['uplift'].idxmax()\n"
    ),
}

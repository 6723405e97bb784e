"""A plausible wrong submission for a13: breakage taken as expired ÷ earned points (Q1a), the liability
valued at every outstanding point, with no breakage (Q1b), the single tier multiplier taken as the plain
average of 1.2 and 1.5 (Q1c), the stage to call chosen from all stages, however few accounts they hold (Q3c),
and the plan's monthly limit applied to the whole year at once (Q4d); the other answers right."""

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
    "q1c_answer": "single_multiplier = (1.2 + 1.5) / 2\n",
    "q3c_answer": (
        "by_stage = communication.uplift_by_segment(test['renewed'], test['treatment_group'], stages.reindex(test.index))\n"
        "call_stage = by_stage['uplift'].idxmax()\n"
    ),
    "q4d_answer": (
        "tiers = accounts.abc_classes(orders.groupby('customer_id')['net_revenue'].sum())\n"
        "plan = communication.communication_plan(stages, tiers)\n"
        "yearly = messages.groupby(['customer_id', 'contact_id']).size().rename('sent').reset_index()\n"
        "yearly['limit'] = 12 * yearly['customer_id'].map(plan['max_per_month'])\n"
        "over_plan = int((yearly['sent'] - yearly['limit']).clip(lower=0).sum())\n"
    ),
}

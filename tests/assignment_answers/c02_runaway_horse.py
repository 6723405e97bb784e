"""A plausible wrong submission for c02 (never released to students): Q1b divides the lost 13% by the
old total instead of by what is left; Q2c compares with the whole company, the runaway account
included; Q3a lets one person hold half of the contacts. The other answers are right, so the
submission earns part of the points."""

WRONG = {
    "__base__": "solution",
    "q1b_answer": "growth_to_replace = 0.13\ngrowth_to_replace",
    "q2c_answer": (
        "window = pd.DateOffset(months=12)\n"
        "before = (orders['order_date'] >= left_on - window) & (orders['order_date'] < left_on)\n"
        "after = (orders['order_date'] >= left_on) & (orders['order_date'] < left_on + window)\n"
        "others_change = orders.loc[after, 'net_revenue'].sum() / orders.loc[before, 'net_revenue'].sum() - 1\n"
    ),
    "q3_answer": "n = int((contacts['customer_id'] == runaway_id).sum())\nmax_per_person = -(-n // 2)\n",
}

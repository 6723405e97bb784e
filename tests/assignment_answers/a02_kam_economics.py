"""A plausible wrong submission for a02_kam_economics (never released to students).

Q1 divides the discount by the margin (d / m instead of d / (m - d)) and never
raises; Q2 forgets to solve for the discount (volume x margin); Q5a averages the
line discounts without weighting them by revenue. The other answers are right,
so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": "def volume_needed(margin, discount):\n    return discount / margin\nvolume_needed(0.20, 0.05)",
    "q2_answer": "max_discount = 0.40 * 0.25\nmax_discount",
    "q5_answer": (
        "revenue = orders.groupby('customer_id')['net_revenue'].sum()\n"
        "vip = accounts.customer_pyramid(revenue) == 'vip'\n"
        "vip_discount = orders.loc[orders['customer_id'].isin(vip[vip].index), 'discount'].mean()\n"
        "vip_discount"
    ),
}

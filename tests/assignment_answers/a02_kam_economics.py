"""A plausible wrong submission for a02_kam_economics (never released to students).

Q1 divides the discount by the margin (d / m instead of d / (m - d)) and never
raises; Q5 averages the line discounts without weighting them by revenue.
The other answers are right, so the submission earns part of the points (5 of 9).
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": "def volume_needed(margin, discount):\n    return discount / margin\nvolume_needed(0.20, 0.05)",
    "q5_answer": (
        "revenue = orders.groupby('customer_id')['net_revenue'].sum()\n"
        "vip = accounts.customer_pyramid(revenue) == 'vip'\n"
        "vip_discount = orders.loc[orders['customer_id'].isin(vip[vip].index), 'discount'].mean()\n"
        "vip_discount"
    ),
}

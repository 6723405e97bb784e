"""A plausible wrong submission for a03_relationships (never released to students).

Q1a assumes the VIP accounts earn a high margin without computing it (Kotler's
partnership); Q4 lists the accounts flagged with a key-person *risk* (every bow
tie) instead of those whose key person has left; Q5b takes the person with the
most contacts as the one whose departure costs most. The other answers are right,
so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "revenue = orders.groupby('customer_id')['net_revenue'].sum()\n"
        "tier = accounts.customer_pyramid(revenue)\n"
        "sums = orders.groupby(orders['customer_id'].map(tier))[['net_revenue', 'cost_of_goods']].sum()\n"
        "margin = 1 - sums['cost_of_goods'] / sums['net_revenue']\n"
        "band = pd.cut(margin, [0, 0.2, 0.3, 1], labels=['low', 'medium', 'high']).astype(str)\n"
        "vip_level = relationship.relationship_levels('few', 'high')\n"
    ),
    "q4_answer": "top = coverage.loc[top30]\nat_risk = sorted(top.index[top['key_person_risk']])\nat_risk",
    "q5b_answer": (
        "active = set(staff.loc[staff['leave_date'].isna(), 'staff_id'])\n"
        "riskiest = held[held.index.isin(active)].idxmax()\n"
    ),
}

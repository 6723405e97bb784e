"""A plausible wrong submission for a15_kam_organisation (never released to students).

Q1c takes the longest gap of any decider instead of each account's shortest gap (so one old meeting
at a covered account decides); Q2b forgets that the total falls with the cut; Q3a draws the 2025 list
from 2025's own buyers (hindsight: every account on it "renews"), which also spoils Q3b; Q7c takes 5 % of the
retention rate as the rise (a 5 % rise of r, not the rise that raises the multiple by 5 %). The other
answers are right, so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1c_answer": (
        "deciders = contacts.merge(buying_centre[['contact_id', 'buying_role', 'last_met_date']], on='contact_id')\n"
        "deciders = deciders[deciders['customer_id'].isin(key_accounts) & (deciders['buying_role'] == 'decider')]\n"
        "window_needed = float((END - deciders['last_met_date']).dt.days.max())\n"
        "window_needed"
    ),
    "q2b_answer": (
        "top, total = revenue.max(), revenue.sum()\n"
        "share_top = top / total\n"
        "cut_to_halve = float(top - share_top / 2 * total)\n"
        "cut_to_halve"
    ),
    "q3_answer": (
        "list_2025 = revenue_2025.sort_values(ascending=False).index[: round(0.2 * len(revenue_2025))]\n"
        "renewed = list_2025.isin(revenue_2025.index)\n"
        "renewal_2025 = float(renewed.mean())\n"
        "renewal_2025"
    ),
    "q7c_answer": "retention_rise = 0.05 * retention\nretention_rise",
}

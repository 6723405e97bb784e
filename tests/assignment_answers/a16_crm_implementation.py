"""A plausible wrong submission for a16_crm_implementation (never released to students).

Q1a adds the weighted scores without dividing by the sum of the weights; Q2b counts both copies of a
customer loaded twice (the first copy belongs in the total); Q7b counts only the technical engineers'
contacts (forgetting the staff who have left); Q7c picks the sales representative, who may change
contacts but also opportunities and orders. The other answers are right, so the submission earns part
of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": "total_b = sum(weights[c] * scores.loc['B', c] for c in weights)\ntotal_b",
    "q2b_answer": (
        "twice = migrated['customer_id'].duplicated(keep=False)\n"
        "gap_duplicates = float(migrated.loc[twice, 'revenue_2022'].sum())\n"
        "gap_duplicates"
    ),
    "q7b_answer": (
        "technical = staff.loc[staff['role'] == 'technical', 'staff_id']\n"
        "contacts_no_login = float(contacts['staff_id'].isin(technical).mean())\n"
        "contacts_no_login"
    ),
    "q7c_answer": "engineer_role = 'sales_rep'\nengineer_role",
}

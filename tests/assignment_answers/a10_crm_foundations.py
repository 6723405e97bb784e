"""A plausible wrong submission for a10_crm_foundations (never released to students).

Q1 calls the farmer a consumer (a person, so a consumer: the purpose is forgotten); Q3a counts every
diamond as a partnership (the years of buying and the tenure are forgotten); Q5b rounds 75 % of the
complaints down instead of up. The other answers are right, so the submission earns part of the points.
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": 'buyer_types = ["consumer", "consumer", "business_customer", "consumer"]\n',
    "q3_answer": (
        "coverage_model = relationship.contact_coverage(contacts, staff)['model'].reindex(customers['customer_id'])\n"
        "ordered = orders.assign(year=orders['order_date'].dt.year).pivot_table(\n"
        "    index='customer_id', columns='year', values='net_revenue', aggfunc='sum').reindex(customers['customer_id']).notna()\n"
        "years_buying = ordered[2025].astype(int) + (ordered[2025] & ordered[2024]) + (ordered[2025] & ordered[2024] & ordered[2023])\n"
        "tenure = (END_DATE - customers.set_index('customer_id')['first_order_date']).dt.days / 365.25\n"
        "types = crm.classify_relationships(coverage_model, years_buying, tenure)\n"
        "n_partnerships = int((coverage_model == 'diamond').sum())\n"
    ),
    "q5b_answer": "more_fast = max(0, int(0.75 * len(complaints_2025)) - int((days <= 7).sum()))\n",
}

#: The grade cells this submission must lose, and only these (tests/test_assignments.py checks it).
LOSES = {"q1_tests", "q3_tests", "q5b_tests"}

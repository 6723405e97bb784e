"""A plausible wrong submission for a09: ROI computed on revenue instead of gross profit (Q1c),
the cost per *contact* given instead of the cost per customer won (Q3a) and the opportunities
needed rounded down (Q4b); the other answers right."""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "budget, cost_per_contact, qualification_rate, win_rate = 60_000, 300, 0.25, 0.20\n"
        "revenue_per_customer, margin = 50_000, 0.30\n"
        "customers_won = budget / cost_per_contact * qualification_rate * win_rate\n"
        "cost_per_customer = budget / customers_won\n"
        "roi = (customers_won * revenue_per_customer - budget) / budget\n"
    ),
    "q3_answer": (
        "door = prospects[prospects['method'] == 'door_to_door']\n"
        "door_to_door_cost = door['cost'].sum() / door['contacted'].sum()\n"
    ),
    "q4b_answer": "opportunities_needed = int(30 / win_rate)\n",
}

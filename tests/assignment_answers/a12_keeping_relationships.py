"""A plausible wrong submission for a12: the team size rounded to the nearest person instead of up (Q1b),
every A account without a visit counted as neglected whatever its stage and review meetings (Q2a), the
extra emotional touches counted as if the A tier's total stayed the same (Q2c), the factor on C-tier
response times turned upside down (Q3b) and the cut in the C tier's cost to serve taken as the difference
of the two cost shares instead of a fraction of the C tier's cost (Q3d); the other answers right."""

WRONG = {
    "__base__": "solution",
    "q1b_answer": "managers_needed = round(plan_hours_total / 450)\n",
    "q2_answer": (
        "actual = maintenance.touch_counts(activities, '2025-01-01', '2025-12-31', customers=plan.index)\n"
        "neglected = sorted(plan.index[(plan['tier'] == 'A') & (actual['visit'] == 0)])\n"
    ),
    "q2c_answer": (
        "activities_2025 = activities[activities['activity_date'].dt.year == 2025]\n"
        "mix = maintenance.maintenance_mix(activities_2025, by=tiers)\n"
        "emotional_a = round(mix.loc['A', 'emotional_maintenance'] * mix.loc['A', 'touches'])\n"
        "extra_emotional = max(0, math.ceil(mix.loc['C', 'emotional_maintenance'] * mix.loc['A', 'touches'] - emotional_a))\n"
    ),
    "q3b_answer": (
        "median_hours = requests.groupby('tier')['first_response_hours'].median()\n"
        "c_speed_factor = float(median_hours['C'] / (2 * median_hours['A']))\n"
    ),
    "q3d_answer": (
        "year = orders[orders['order_date'].dt.year == 2025]\n"
        "revenue = year.groupby('customer_id')['net_revenue'].sum()\n"
        "gross_profit = (year['net_revenue'] - year['cost_of_goods']).groupby(year['customer_id']).sum()\n"
        "costs = data.my_data().load('cost_to_serve').query('year == 2025')\n"
        "cost = service.cost_to_serve_by_tier(costs, revenue, gross_profit, tiers)\n"
        "c_cost_cut = max(0.0, float(cost.loc['C', 'cost_share'] - cost.loc['A', 'cost_share']))\n"
    ),
}

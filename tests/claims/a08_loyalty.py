"""Claims of assignment A08, Question 5 (prompt and model answer, on the default data of lesson 08).

The satisfaction trap is built into the synthetic data on purpose; the prompt says so.
"""

from kamcourse import loyalty

from . import claim

NB = "assignments/a08_loyalty/a08_loyalty.ipynb"


@claim(NB, "q5-prompt")
def sixty_percent_rate_four_or_five_in_2025(data):
    surveys = data.load("surveys")
    share = float((surveys.loc[surveys["year"] == 2025, "overall_satisfaction"] >= 4).mean())
    assert 0.55 <= share <= 0.65, f"{share:.1%} of the 2025 surveys rate 4 or 5, not about 60%"


@claim(NB, "q5-answer")
def trap_hostages_and_size(data):
    surveys, orders = data.load("surveys"), data.load("orders")
    rates = loyalty.repurchase_by_satisfaction(surveys, orders)["repurchase_rate"]
    assert all(0.87 <= rates[s] <= 0.93 for s in (2, 3, 4)), f"repurchase at 2-4 is not about 90%: {rates.round(3).to_dict()}"
    assert rates[5] >= 0.995, f"repurchase at 5 is {rates[5]:.3f}, not 100%"
    s24 = surveys[surveys["year"] == 2024].set_index("customer_id")
    n25 = orders[orders["order_date"].dt.year == 2025].groupby("customer_id")["order_id"].nunique()
    n25 = n25.reindex(s24.index, fill_value=0)
    kinds = loyalty.customer_type(s24["overall_satisfaction"], n25, satisfaction_threshold=5)
    hostages = s24.loc[kinds == "hostage", "overall_satisfaction"]
    fours = float((hostages == 4).mean())
    assert 0.4 <= fours <= 0.6, f"{fours:.0%} of the hostages rated 4, not about half"
    size = orders.groupby("customer_id")["net_revenue"].sum().reindex(s24.index, fill_value=0.0)
    high = n25 >= n25.median()
    ratio = size[high].median() / size[~high].median()
    assert ratio > 2, f"high order counts go with {ratio:.1f} times the median revenue: not mainly a size measure"

"""Claims of the model answer of assignment A09, Question 5 (on the default data of lesson 09, as it says)."""

from kamcourse import development

from . import claim

NB = "assignments/a09_customer_development/a09_customer_development.ipynb"


@claim(NB, "q5-answer")
def budget_split_reads_the_method_comparison(data):
    prospects = data.load("prospects")
    c = development.method_comparison(prospects)
    ref = c.loc["referral_chain"]
    assert 1_800 <= ref["cost_per_customer"] <= 2_200, f"a referral customer costs {ref['cost_per_customer']:.0f}"
    assert ref["cost_per_customer"] <= c["cost_per_customer"].nsmallest(4).max(), "referrals are not among the cheapest"
    assert c["conversion"].rank(ascending=False)["referral_chain"] == 2, "referrals do not have the second-best conversion"
    assert 0.16 <= ref["conversion"] <= 0.20, f"referral conversion is {ref['conversion']:.3f}, not about 18%"
    assert 80_000 <= ref["revenue_per_customer"] <= 90_000, f"referral revenue per customer {ref['revenue_per_customer']:.0f}"
    coi = c.loc["center_of_influence"]
    assert c["conversion"].idxmax() == "center_of_influence" and 0.22 <= coi["conversion"] <= 0.28, \
        f"centers of influence convert {coi['conversion']:.3f}; best is {c['conversion'].idxmax()}"
    assert 12_000 <= coi["cost_per_customer"] <= 14_000, f"a center-of-influence customer costs {coi['cost_per_customer']:.0f}"
    online = c.loc["online"]
    assert 2_000 <= online["cost_per_customer"] <= 2_400, f"an online customer costs {online['cost_per_customer']:.0f}"
    assert abs(online["revenue_per_customer"] / ref["revenue_per_customer"] - 1) < 0.1, "online revenue per customer is not similar"
    observation = c.loc["personal_observation"]
    assert observation["cost_per_customer"] <= online["cost_per_customer"] and observation["customers"] == 4, \
        f"personal observation: {observation['customers']} customers at {observation['cost_per_customer']:.0f}"
    assert c["cost_per_customer"].idxmax() == "trade_shows", f"the most expensive method is {c['cost_per_customer'].idxmax()}"
    assert 33_000 <= c.loc["trade_shows", "cost_per_customer"] <= 37_000, "a trade-show customer does not cost about 35,000"
    won = prospects[prospects["won"]].groupby("method")["first_year_revenue"].mean()
    rank = int(won.rank(ascending=False)["trade_shows"])
    assert rank == 8, f"trade shows rank {rank} of {len(won)} by first-year revenue per customer, not 8th"
    lowest = set(c["conversion"].nsmallest(2).index)
    assert lowest == {"door_to_door", "advertising"}, f"the two lowest conversions are {sorted(lowest)}"
    assert (c.loc[list(lowest), "conversion"] < 0.03).all(), "door-to-door or advertising converts 3% or more"

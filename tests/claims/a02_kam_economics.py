"""Claims of the model answer of assignment A02, Question 6 (on the default data of lesson 02, as it says)."""

from kamcourse import accounts, economics

from . import claim

NB = "assignments/a02_kam_economics/a02_kam_economics.ipynb"


def _discount(orders):
    return 1 - orders["net_revenue"].sum() / (orders["list_price"] * orders["quantity"]).sum()


@claim(NB, "q6_answer")
def discounts_losses_and_margins(data):
    orders = data.load("orders")
    profit = economics.customer_profitability(orders, data.load("cost_to_serve"))
    revenue = orders.groupby("customer_id")["net_revenue"].sum()
    tier = accounts.customer_pyramid(revenue)
    by_tier = {t: _discount(orders[orders["customer_id"].map(tier) == t]) for t in ("vip", "small")}
    assert 0.17 <= by_tier["vip"] <= 0.23, f"the VIP discount is {by_tier['vip']:.3f}, not about a fifth"
    assert 0.06 <= by_tier["small"] <= 0.08, f"the small customers' discount is {by_tier['small']:.3f}, not about 7%"
    margin = 1 - orders["cost_of_goods"].sum() / (orders["list_price"] * orders["quantity"]).sum()
    assert 0.38 <= margin <= 0.42, f"the gross margin at list prices is {margin:.3f}, not about 40%"
    needed = by_tier["vip"] / (margin - by_tier["vip"])
    assert needed > 1, f"the VIP discount needs {needed:.2f} more volume, not more than double"
    # among the 15 largest accounts, those with discounts of about a quarter are exactly the loss makers
    top15 = revenue.nlargest(15).index
    disc = {c: _discount(orders[orders["customer_id"] == c]) for c in top15}
    deep = {c for c, d in disc.items() if d >= 0.24}
    losing = set(profit.loc[top15].index[profit.loc[top15, "net_profit"] < 0])
    assert deep == losing, f"deep-discount accounts {sorted(deep)} differ from loss makers {sorted(losing)}"
    assert all(disc[c] <= 0.29 for c in deep), "the deep discounts are not 'about a quarter'"
    # most loss makers are small, the other tiers' losses are far larger in total
    losers = profit["net_profit"][profit["net_profit"] < 0]
    small = tier.reindex(losers.index) == "small"
    assert small.mean() > 0.5, f"only {small.mean():.0%} of the loss-making accounts are small"
    ratio = losers[~small].sum() / losers[small].sum()
    assert ratio > 2, f"the larger tiers lose {ratio:.1f} times what the small tier loses, not 'far more'"
    # profitable large accounts earn above 18%, small customers about 15%
    kept = profit.loc[top15][profit.loc[top15, "net_profit"] > 0]
    assert kept["net_margin"].min() > 0.18, f"a profitable large account earns {kept['net_margin'].min():.3f}"
    small_ids = tier.index[tier == "small"]
    small_margin = profit.loc[small_ids, "net_profit"].sum() / profit.loc[small_ids, "revenue"].sum()
    assert 0.14 <= small_margin <= 0.16, f"the small customers' net margin is {small_margin:.3f}, not 15%"

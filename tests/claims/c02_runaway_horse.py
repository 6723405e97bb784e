"""Claims of the model answer of assignment C02, Question 5 (on the default data of the case notebook)."""

import pandas as pd

from kamcourse.cases import runaway_horse as rh

from . import claim

NB = "assignments/c02_runaway_horse/c02_runaway_horse.ipynb"


@claim(NB, "q5_answer")
def the_account_fell_while_the_rest_held(data):
    orders = data.load("orders")
    found = rh.find_runaway_accounts(data.load("contacts"), data.load("staff"), orders)
    account, left = found.index[0], found.iloc[0]["left_on"]
    change = found.iloc[0]["revenue_change"]
    assert -0.95 <= change <= -0.85, f"{account} changed by {change:.1%}, not 'almost 90%' down"
    window = pd.DateOffset(months=12)
    rest = orders[orders["customer_id"] != account]
    before = rest.loc[(rest["order_date"] >= left - window) & (rest["order_date"] < left), "net_revenue"].sum()
    after = rest.loc[(rest["order_date"] >= left) & (rest["order_date"] < left + window), "net_revenue"].sum()
    others = after / before - 1
    assert abs(others) < 0.05, f"the rest of the business changed by {others:.1%}: not 'hardly changed'"

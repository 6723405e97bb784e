"""Claims of the model answer of assignment A06, Question 6 (on the default data of lesson 06)."""

from kamcourse import clv
from kamcourse.data import END_DATE

from . import claim

NB = "assignments/a06_clv/a06_clv.ipynb"


@claim(NB, "q6_answer")
def frequent_buyers_spend_more_per_order(data):
    summary = clv.rfm_summary(data.load("orders"), "customer_id", "order_date", "net_revenue",
                              observation_end=END_DATE, freq="W")
    repeaters = summary[summary["frequency"] > 0]
    corr = float(repeaters[["frequency", "monetary_value"]].corr().iloc[0, 1])
    assert corr > 0.2, f"frequency and spend per order correlate at {corr:.2f}: frequent buyers do not clearly spend more"

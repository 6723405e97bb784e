"""Claims of the model answer of assignment C03, Question 5 (on the default data of the case notebook)."""

from kamcourse.cases import complaint_relay as cr

from . import claim

NB = "assignments/c03_complaint_relay/c03_complaint_relay.ipynb"


@claim(NB, "q5_answer")
def four_handoffs_take_four_times_as_long_within_each_severity(data):
    requests = data.load("service_requests")
    closed = cr.complaints(requests, dropna=True)
    ratio = closed.loc[closed["handoffs"] >= 4, "days"].mean() / closed.loc[closed["handoffs"] == 0, "days"].mean()
    assert ratio > 4, f"four or more hand-offs take {ratio:.1f} times as long, not more than four times"
    for level, group in closed.groupby("severity"):
        x = group["handoffs"] - group["handoffs"].mean()
        slope = float((x * (group["days"] - group["days"].mean())).sum() / (x * x).sum())
        assert slope > 0, f"within severity {level!r} more hand-offs do not go with longer resolution ({slope:.2f} days)"

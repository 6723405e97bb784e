"""Claims of the model answer of assignment A03, Question 6 (on the default data of lesson 03, as it says)."""

from kamcourse import relationship

from . import claim

NB = "assignments/a03_relationships/a03_relationships.ipynb"


@claim(NB, "q6_answer")
def bow_ties_held_by_one_salesperson(data):
    orders, staff = data.load("orders"), data.load("staff")
    top30 = orders.groupby("customer_id")["net_revenue"].sum().nlargest(30).index
    coverage = relationship.contact_coverage(data.load("contacts"), staff).loc[top30]
    bow = coverage[coverage["model"] == "bow_tie"]
    single = bow[bow["n_owners"] == 1]
    assert len(single) >= 0.8 * len(bow), f"only {len(single)} of {len(bow)} bow ties have a single contact holder"
    role = staff.set_index("staff_id")["role"]
    sales = (single["key_person"].map(role) == "sales").mean()
    assert sales >= 0.8, f"only {sales:.0%} of the single holders are salespeople"
    gone = single[single["key_person_left"]]
    assert len(gone) >= 1, "no large account lost its only contact holder"

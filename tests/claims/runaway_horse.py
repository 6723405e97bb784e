"""Claims of the runaway-horse case: the story's arithmetic, the account the CRM finds, its revenue and coverage."""

from __future__ import annotations

import pandas as pd

from kamcourse.cases import runaway_horse as rh
from kamcourse.relationship import contact_coverage

from . import ClaimData, claim

NB = "notebooks/cases/runaway_horse.ipynb"


def _found(data: ClaimData) -> pd.DataFrame:
    return rh.find_runaway_accounts(data.load("contacts"), data.load("staff"), data.load("orders"))


@claim(NB, "story-numbers-read")
def about_23_million_more_than_an_eighth(data: ClaimData) -> None:
    total = rh.implied_total_sales(3_000_000, 0.13)
    assert round(total / 1e6, 1) == 23.1 and 3_000_000 / total > 1 / 8, f"implied total {total:,.0f}"


@claim(NB, "load-read")
def most_accounts_are_bow_ties(data: ClaimData) -> None:
    share = (contact_coverage(data.load("contacts"), data.load("staff"))["model"] == "bow_tie").mean()
    assert share > 0.75, f"{share:.0%} of accounts are bow ties"


@claim(NB, "find-read")
def first_row_a_large_account_whose_revenue_collapsed(data: ClaimData) -> None:
    found = _found(data)
    first = found.iloc[0]
    revenue = data.load("orders").groupby("customer_id")["net_revenue"].sum()
    assert found.index[0] in revenue.nlargest(5).index, f"{found.index[0]} is not a large account"
    assert first["revenue_after"] < 0.5 * first["revenue_before"], "revenue after the leave is not far below before"
    assert first["share_of_revenue_before"] < 0.13, "its share is not below the story's 13%"


@claim(NB, "who-read")
def a_baler_maker_held_by_its_account_manager(data: ClaimData) -> None:
    found = _found(data)
    customers = data.load("customers").set_index("customer_id")
    account, holder = found.index[0], found.iloc[0]["key_person"]
    assert customers.loc[account, "industry"] == "packaging_machinery", customers.loc[account, "industry"]
    assert customers.loc[account, "account_manager_id"] == holder, "the key person is not its account manager"
    assert data.load("staff").set_index("staff_id").loc[holder, "role"] == "sales"


@claim(NB, "revenue-read")
def orders_thin_out_and_stop(data: ClaimData) -> None:
    found = _found(data)
    orders = data.load("orders")
    dates = orders.loc[orders["customer_id"] == found.index[0], "order_date"]
    left_on = found.iloc[0]["left_on"]
    before = dates[(dates <= left_on) & (dates > left_on - pd.DateOffset(months=12))]
    after = dates[dates > left_on]
    assert len(before) > 4 * max(len(after), 1) / 2, f"{len(before)} orders before, {len(after)} after"
    assert after.max() < left_on + pd.DateOffset(months=6), "orders did not stop within months of the leave"
    assert dates.max() < orders["order_date"].max() - pd.DateOffset(months=12), "the account still buys"


@claim(NB, "revenue-numbers-read")
def most_of_the_business_is_gone(data: ClaimData) -> None:
    found = _found(data)
    change = rh.revenue_before_after(data.load("orders"), found.index[0], found.iloc[0]["left_on"], months=12)["revenue_change"]
    assert change < -0.5, f"revenue change {change:.0%}"


@claim(NB, "coverage-now-read")
def one_person_holds_every_contact_and_has_left(data: ClaimData) -> None:
    c = contact_coverage(data.load("contacts"), data.load("staff")).loc[_found(data).index[0]]
    assert c["key_person_share"] == 1 and c["model"] == "bow_tie" and c["key_person_left"], c.to_dict()


@claim(NB, "coverage-read")
def the_plan_makes_a_diamond(data: ClaimData) -> None:
    contacts, staff = data.load("contacts"), data.load("staff")
    account = _found(data).index[0]
    plan = rh.diamond_plan(contacts, staff, account, max_share=0.5)
    after = contact_coverage(plan, staff, owner_col="proposed_staff_id").loc[account]
    assert after["key_person_share"] < 0.5 and after["n_owners"] >= 3 and after["model"] == "diamond", after.to_dict()

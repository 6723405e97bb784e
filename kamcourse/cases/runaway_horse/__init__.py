"""Case "runaway horse" (脱缰野马): a key account held by one salesperson.

The course materials tell it so: company A makes hydraulic components; its key
account B makes balers. One manager, 陆经理, held every piece of information
about B in his head. In 2007 A sold 3 million yuan to B, 13% of A's total
sales. Management let him run the account alone; he grew anxious and
isolated, and B's executives knew only him. He resigned, and B stopped buying
from A. The lesson: no key-account strategy, no process, a single point of
failure.

The company's data hides the same pattern. This package finds it from the
student tables: accounts whose contacts are all held by one member of staff
who has left (:func:`find_runaway_accounts`), compares the account's revenue
before and after the leave date (:func:`revenue_before_after`), and proposes
a diamond coverage plan (:func:`diamond_plan`) so that no single person holds
most of the relationship (bow tie → diamond, :func:`kamcourse.relationship.contact_coverage`).
"""

from .diamond import DIAMOND_ROLES, ROLE_MAP, diamond_plan
from .facts import DISCUSSION_QUESTIONS, FACTS, LESSONS, STORY, implied_total_sales
from .revenue import find_runaway_accounts, monthly_revenue, revenue_before_after

__all__ = [
    "FACTS",
    "STORY",
    "LESSONS",
    "DISCUSSION_QUESTIONS",
    "ROLE_MAP",
    "DIAMOND_ROLES",
    "implied_total_sales",
    "monthly_revenue",
    "revenue_before_after",
    "find_runaway_accounts",
    "diamond_plan",
]

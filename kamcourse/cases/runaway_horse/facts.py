"""The runaway-horse story (脱缰野马) as the course materials tell it: numbers, steps, lessons, questions."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ...validation import check_fraction, check_number
from ..evidence import Claim, Fact

__all__ = ["FACTS", "STORY", "LESSONS", "DISCUSSION_QUESTIONS", "implied_total_sales"]

#: The case's numbers as the course materials give them.
FACTS: Mapping[str, Fact] = MappingProxyType(
    {
        "account_sales": Fact(3_000_000, "yuan", ("course_materials",), "course_materials",
                              "A's sales to B in 2007, through 陆经理"),
        "share_of_sales": Fact(0.13, "fraction of A's sales", ("course_materials",), "course_materials"),
        "year": Fact(2007, "year", ("course_materials",), "course_materials"),
    }
)

#: The story as the course materials tell it (glossary keys).
STORY: tuple[Claim, ...] = (
    Claim("rh_story_companies", ("course_materials",), "course_materials"),
    Claim("rh_story_in_his_head", ("course_materials",), "course_materials"),
    Claim("rh_story_2007", ("course_materials",), "course_materials"),
    Claim("rh_story_alone", ("course_materials",), "course_materials"),
    Claim("rh_story_uneasy", ("course_materials",), "course_materials"),
    Claim("rh_story_resigned", ("course_materials",), "course_materials"),
    Claim("rh_story_diagnosis", ("course_materials",), "course_materials"),
)

#: What key-account management changes, with its support.
LESSONS: tuple[Claim, ...] = (
    Claim("rh_lesson_company_asset", ("zoho_cn",), "sourced"),
    Claim("rh_lesson_single_contact", ("bolstur", "mtdsalestraining"), "sourced"),
    Claim("rh_lesson_diamond", ("bolstur", "mtdsalestraining"), "sourced"),
    Claim("rh_lesson_deputy", ("kit",), "kit_summary"),
    Claim("rh_lesson_plan", ("kit",), "kit_summary"),
    Claim("rh_lesson_strategy", ("course_materials",), "course_materials"),
)

#: Questions for class discussion (glossary keys).
DISCUSSION_QUESTIONS: tuple[str, ...] = ("rh_q_warning_signs", "rh_q_star", "rh_q_data", "rh_q_first_90_days")


def implied_total_sales(account_sales: float = 3_000_000, share: float = 0.13) -> float:
    """Total sales implied by one account's sales and its share (由单一客户销售额推算总销售额).

    ``total = account_sales / share``. Course materials: 3 million yuan to
    B in 2007 was 13% of A's sales, so A's total was about 23.1 million yuan.

    Parameters
    ----------
    account_sales : float
        The account's sales (yuan), > 0.
    share : float
        Its share of total sales, in (0, 1].

    Returns
    -------
    float
        Total sales (yuan).

    Raises
    ------
    TypeError
        If a value is not a number.
    ValueError
        If ``account_sales`` <= 0 or ``share`` is outside (0, 1].

    Examples
    --------
    >>> round(implied_total_sales(3_000_000, 0.13) / 1e6, 1)
    23.1
    >>> implied_total_sales(3_000_000, 13)
    Traceback (most recent call last):
    ...
    ValueError: share must be in (0, 1], got 13
    """
    sales = check_number(account_sales, "account_sales", low=0, low_open=True)
    return sales / check_fraction(share, "share", low_open=True)

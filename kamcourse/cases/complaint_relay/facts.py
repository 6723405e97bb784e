"""The complaint-relay story (抱怨传递) as the course materials tell it: numbers, steps, lessons, questions."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..evidence import Claim, Fact

__all__ = ["FACTS", "STORY", "LESSONS", "DISCUSSION_QUESTIONS"]

#: The numbers of the story as the course materials give them.
FACTS: Mapping[str, Fact] = MappingProxyType(
    {
        "order_age_weeks": Fact(2, "weeks", ("course_materials",), "course_materials",
                                "spare parts ordered two weeks before the angry call"),
    }
)

#: The story, step by step, as the course materials tell it (glossary keys).
STORY: tuple[Claim, ...] = (
    Claim("cr_story_call", ("course_materials",), "course_materials"),
    Claim("cr_story_scramble", ("course_materials",), "course_materials"),
    Claim("cr_story_promise", ("course_materials",), "course_materials"),
    Claim("cr_story_diagnosis", ("course_materials",), "course_materials"),
)

#: What a key-account process changes, with its support.
LESSONS: tuple[Claim, ...] = (
    Claim("cr_lesson_process", ("course_materials",), "course_materials"),
    Claim("cr_lesson_single_owner", ("kit",), "kit_summary"),
    Claim("cr_lesson_closed_loop", ("kit",), "kit_summary"),
    Claim("cr_lesson_escalation", ("kit",), "kit_summary"),
    Claim("cr_lesson_recovery", ("jones_sasser_1995",), "sourced"),
    Claim("cr_lesson_acsi", ("fornell_1996",), "sourced"),
)

#: Questions for class discussion (glossary keys).
DISCUSSION_QUESTIONS: tuple[str, ...] = ("cr_q_customer_oriented", "cr_q_who_owns", "cr_q_causal", "cr_q_measure")

"""A plausible wrong submission for a03_relationships (never released to students).

Q4 lists the accounts flagged with a key-person *risk* (every bow tie) instead
of those whose key person has actually left; Q1 reads Kotler's matrix along
the wrong axis for the third firm. The other answers are right, so the
submission earns part of the points (5 of 9).
"""

WRONG = {
    "__base__": "solution",
    "q1_answer": (
        "answer_a = relationship.relationship_levels('few', 'high')\n"
        "answer_b = relationship.relationship_levels('many', 'low')\n"
        "answer_c = relationship.relationship_levels('few', 'medium')\n"
        "answer_a, answer_b, answer_c"
    ),
    "q4_answer": "top = coverage.loc[top30]\nat_risk = sorted(top.index[top['key_person_risk']])\nat_risk",
}

"""The suite's grouping works: tests marked with one ``xdist_group`` run on one pytest-xdist worker.

`make test` runs ``pytest -n 2 --dist loadgroup``. The expensive shared fixtures (the student
edition, the graded course of tests/test_instructor.py, the built site, the classroom) are session
fixtures of one group each: built once when the group runs on one worker, twice when it does not.
pytest 9.2 with pytest-xdist 3.8 silently stopped grouping (pytest-dev/pytest-xdist#1386): nothing
failed, the suite only took minutes longer. This test fails instead, so a lock upgrade that brings
that combination back is seen at once.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("xdist")

GROUPED = """
import pytest

pytestmark = pytest.mark.xdist_group("shared")

@pytest.mark.parametrize("i", range(6))
def test_member(i):
    pass
"""


def test_a_group_runs_on_one_worker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_grouped=GROUPED, test_other="def test_free():\n    pass\n")
    result = pytester.runpytest_subprocess("-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)
    workers = {m.group(1) for m in re.finditer(r"\[(gw\d+)\].*PASSED test_grouped\.py", result.stdout.str())}
    assert len(workers) == 1, f"the six tests of one xdist_group ran on workers {sorted(workers)}, not on one"

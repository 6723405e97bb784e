"""The gate of tests/conftest.py: a security test never skips silently in CI, and every run counts them.

Each test here runs a small suite through pytester with this project's conftest.py: security tests
that pass, fail, skip inside the test, skip by a skipif mark and skip in a fixture, next to a plain
skipped test that the gate must leave alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

SUITE = '''
import pytest

@pytest.fixture
def needs_root():
    pytest.skip("fixture: not root")

@pytest.mark.security
def test_sec_passes():
    pass

@pytest.mark.security
def test_sec_skips_in_the_test():
    pytest.skip("the environment cannot be run by other users")

@pytest.mark.security
@pytest.mark.skipif(True, reason="mark: the sandbox needs root")
def test_sec_skips_by_mark():
    pass

@pytest.mark.security
def test_sec_skips_in_a_fixture(needs_root):
    pass

@pytest.mark.security
def test_sec_fails():
    assert False, "a real failure"

def test_plain_skip():
    pytest.skip("not a security test")

def test_plain_pass():
    pass
'''


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest((TESTS / "conftest.py").read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nmarkers =\n    security: a security test\n")
    pytester.makepyfile(test_suite=SUITE)
    monkeypatch.setenv("PYTHONPATH", str(TESTS))  # the conftest imports tests/peers.py (subprocess runs)
    monkeypatch.delenv("CI", raising=False)
    return pytester


def test_outside_ci_skips_are_skips_and_counted(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-rs")
    result.assert_outcomes(passed=2, failed=1, skipped=4)
    result.stdout.fnmatch_lines(["security tests: 1 passed, 1 failed, 3 skipped"])
    assert "may not skip in CI" not in result.stdout.str()


@pytest.mark.parametrize("value", ["true", "TRUE", "1"])
def test_in_ci_a_skipped_security_test_fails_with_its_reason(suite: pytest.Pytester, monkeypatch, value) -> None:
    monkeypatch.setenv("CI", value)
    result = suite.runpytest("-rA")
    # skips in the test body fail the call; skips by a mark or in a fixture fail the set-up (pytest: errors)
    result.assert_outcomes(passed=2, failed=2, errors=2, skipped=1)
    out = result.stdout.str()
    for reason in ("the environment cannot be run by other users", "mark: the sandbox needs root", "fixture: not root"):
        assert f"a security test may not skip in CI (CI=true); it skipped with: {reason}" in out, reason
    result.stdout.fnmatch_lines(["security tests: 1 passed, 4 failed, 0 skipped"])
    assert result.ret != 0


def test_ci_false_is_not_ci(suite: pytest.Pytester, monkeypatch) -> None:
    monkeypatch.setenv("CI", "false")
    suite.runpytest().assert_outcomes(passed=2, failed=1, skipped=4)


def test_the_count_is_printed_when_there_is_no_security_test(pytester: pytest.Pytester, monkeypatch) -> None:
    pytester.makeconftest((TESTS / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_one="def test_one():\n    pass\n")
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["security tests: 0 passed, 0 failed, 0 skipped"])


@pytest.mark.slow
def test_the_gate_works_across_xdist_workers(suite: pytest.Pytester, monkeypatch) -> None:
    """`make test` runs with -n 2: reports come back from the workers, the controller counts and prints once."""
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess("-n", "2", "-p", "xdist")
    result.assert_outcomes(passed=2, failed=2, errors=2, skipped=1)
    assert result.stdout.str().count("security tests:") == 1
    result.stdout.fnmatch_lines(["security tests: 1 passed, 4 failed, 0 skipped"])

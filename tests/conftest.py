"""Shared fixtures: a fixed language, closed figures, a non-interactive backend."""

from __future__ import annotations

import functools
import os

os.environ.setdefault("MPLBACKEND", "Agg")

# Students' data variants are cached in a fresh folder that grading kernels
# (an unprivileged user when the tests run as root) can read.
if "KAMCOURSE_VARIANT_CACHE" not in os.environ:
    import tempfile

    _variants = tempfile.mkdtemp(prefix="kamcourse-test-variants-")
    os.chmod(_variants, 0o755)
    os.environ["KAMCOURSE_VARIANT_CACHE"] = _variants

# The practice CRM (kamcourse.practice) keeps its database, backups and secret key in a private
# folder of each test process (xdist workers too), never in the user's data folder.
import tempfile

os.environ["KAMCOURSE_CRM_HOME"] = tempfile.mkdtemp(prefix="kamcourse-test-crm-")

import pytest


def pytest_configure(config) -> None:
    """nbgrader runs the ``alembic`` command (a new Python process, 1-3 s) for the migration head of every new
    gradebook; the answer depends only on the installed nbgrader, so each test process asks once."""
    try:
        import nbgrader.api
    except ImportError:  # the instructor's tools are not installed: the tests that need them say so
        return
    if not hasattr(nbgrader.api.get_alembic_version, "cache_info"):
        nbgrader.api.get_alembic_version = functools.cache(nbgrader.api.get_alembic_version)


# browser-test fixtures (tests/browser.py: one Playwright per test process, Debian's Chromium)
pytest_plugins = ["browser", "edition_support", "roundtrip"]


@pytest.fixture(autouse=True)
def _english_and_closed_figures():
    """Every test starts in English and leaves no figure open."""
    from kamcourse import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


# --------------------------------------------------------------------------- security tests
# A test marked `security` never skips silently: with CI=true its skip becomes a failure that
# quotes the skip reason, and every run ends with "security tests: N passed, M failed, K skipped".

_security_outcomes: dict[str, str] = {}
_SEVERITY = {"passed": 0, "skipped": 1, "failed": 2}


def _is_security(report) -> bool:
    return any(prop[0] == "security" for prop in report.user_properties)  # tuples, or lists via xdist


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if item.get_closest_marker("security") is None:
        return
    report.user_properties.append(("security", True))
    from peers import in_ci

    if report.skipped and not hasattr(report, "wasxfail") and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"a security test may not skip in CI (CI=true); it skipped with: {reason}"


def pytest_runtest_logreport(report) -> None:
    if not _is_security(report) or (report.passed and report.when != "call"):
        return
    outcome = "failed" if report.failed else "skipped" if report.skipped else "passed"
    before = _security_outcomes.get(report.nodeid)
    if before is None or _SEVERITY[outcome] > _SEVERITY[before]:
        _security_outcomes[report.nodeid] = outcome


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the controller prints the count
        return
    counts = {k: sum(v == k for v in _security_outcomes.values()) for k in _SEVERITY}
    terminalreporter.write_line(
        f"security tests: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
    )

"""Shared fixtures: a fixed language, closed figures, a non-interactive backend."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

# Students' data variants are cached in a fresh folder that grading kernels
# (an unprivileged user when the tests run as root) can read.
if "KAMCOURSE_VARIANT_CACHE" not in os.environ:
    import tempfile

    _variants = tempfile.mkdtemp(prefix="kamcourse-test-variants-")
    os.chmod(_variants, 0o755)
    os.environ["KAMCOURSE_VARIANT_CACHE"] = _variants

import pytest

# browser-test fixtures (tests/browser.py: one Playwright per test process, Debian's Chromium)
pytest_plugins = ["browser"]


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

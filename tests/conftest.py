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

# The practice CRM (kamcourse.practice) keeps its database, backups and secret key in a private
# folder of each test process (xdist workers too), never in the user's data folder.
import tempfile

os.environ["KAMCOURSE_CRM_HOME"] = tempfile.mkdtemp(prefix="kamcourse-test-crm-")

import pytest


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

"""Peer packages: libraries the kit is checked against (lifetimes), never needed by the kit itself.

A peer lives in the test extra. When it is missing, a peer check skips with the reason, except in
CI (``CI=true``), where the environment is the lock and a missing peer is an error to report.
"""

from __future__ import annotations

import importlib
import os
import warnings
from types import ModuleType

import pytest


def in_ci() -> bool:
    """True when the tests run in CI (the variable ``CI`` set to true, as CI services and .ci/run do)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_peer(name: str) -> ModuleType:
    """Import the peer ``name``; skip the calling test with the reason when it is absent (fail in CI)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module(name)
    except ImportError as exc:
        reason = f"peer package {name!r} is not installed ({exc}); it comes with the test extra (make setup)"
        if in_ci():
            pytest.fail(f"{reason}: CI runs every peer check", pytrace=False)
        pytest.skip(reason)

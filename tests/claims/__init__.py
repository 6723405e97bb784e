"""Claim checks: every sentence that reads a number, a rank or a direction from the kit's data is checked.

A Markdown cell of a lesson, case or assignment that reads the company's data carries the tag ``claim``
in its cell metadata (``"metadata": {"tags": ["claim"]}``). Its check lives in
``tests/claims/<notebook stem>.py``::

    from . import claim

    @claim("notebooks/08_loyalty.ipynb", "nps-read")
    def nps_rose_in_2025(data):
        nps = ...  # computed from data.load("surveys") with the kit's own functions
        assert nps[2025] > nps[2024], f"NPS 2025 {nps[2025]:.1f} is not above 2024 {nps[2024]:.1f}"

``data`` is a :class:`ClaimData`: ``data.load(name)`` returns a table of the company's data (the default seed,
the same tables the lessons load). The Chinese twin of a cell has the same cell id and says the same
thing, so one check covers both languages. ``tests/test_claims.py`` runs every check, fails naming the
cell (``notebook#cell-id: message``) when the data stop saying it, and fails when a tagged cell has no
check or a check names a cell that is not tagged.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: (notebook path relative to the repository root, cell id) -> check
CHECKS: dict[tuple[str, str], Callable[[ClaimData], None]] = {}


def claim(notebook: str, cell_id: str) -> Callable[[Callable], Callable]:
    """Register the check of the claim cell ``cell_id`` of ``notebook`` (path from the repository root)."""

    def register(check: Callable[[ClaimData], None]) -> Callable[[ClaimData], None]:
        key = (notebook, cell_id)
        if key in CHECKS:
            raise ValueError(f"two checks for {notebook}#{cell_id}: {CHECKS[key].__name__} and {check.__name__}")
        CHECKS[key] = check
        return check

    return register


@dataclass
class ClaimData:
    """The company's tables a claim reads; ``tables`` overrides some of them (to show a claim failing)."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict, repr=False)

    def load(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            from kamcourse import data

            self.tables[name] = data.load(name)
        return self.tables[name].copy()

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A slow result (a model fit, a stage history) computed once per data set and shared by its checks."""
        if key not in self.results:
            self.results[key] = compute()
        return self.results[key]


class ClaimFailed(AssertionError):
    """A claim cell says something the data no longer say."""


def run(notebook: str, cell_id: str, data: ClaimData) -> None:
    """Run one check; a failing assertion becomes :class:`ClaimFailed` naming the notebook and cell."""
    try:
        CHECKS[(notebook, cell_id)](data)
    except AssertionError as exc:
        raise ClaimFailed(f"{notebook}#{cell_id}: the cell's claim is no longer true: {exc}") from exc


def load_all() -> dict[tuple[str, str], Callable[[ClaimData], None]]:
    """Import every check module in this folder and return the registry."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return CHECKS

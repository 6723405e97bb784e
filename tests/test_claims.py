"""Lessons never contradict their own data: every claim cell has a check, and every check holds.

See tests/claims/__init__.py for how a claim cell is tagged and checked.
"""

from __future__ import annotations

from pathlib import Path

import claims
import nbformat
import pandas as pd
import pytest
from claims import ClaimData, ClaimFailed, claim, run

ROOT = Path(__file__).resolve().parents[1]


def _english_sources() -> list[Path]:
    """Lessons, cases and assignment sources (the English ones; the Chinese twins share their cell ids)."""
    found = [*(ROOT / "notebooks").rglob("*.ipynb"), *(ROOT / "assignments").glob("*/*.ipynb")]
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts and "zh" not in p.parts
                  and not p.parent.name.endswith("_zh"))


def _tagged() -> set[tuple[str, str]]:
    cells = set()
    for path in _english_sources():
        nb = nbformat.read(path, as_version=4)
        rel = path.relative_to(ROOT).as_posix()
        cells |= {(rel, c.get("id")) for c in nb.cells if "claim" in c.get("metadata", {}).get("tags", [])}
    return cells


CHECKS = dict(claims.load_all())
TAGGED = _tagged()


@pytest.fixture(scope="module")
def default_data() -> ClaimData:
    return ClaimData()


@pytest.mark.parametrize("key", sorted(CHECKS), ids=lambda k: f"{k[0]}#{k[1]}")
def test_claim_holds(key: tuple[str, str], default_data: ClaimData) -> None:
    run(*key, default_data)


def test_every_claim_cell_has_a_check() -> None:
    missing = sorted(f"{nb}#{cell}" for nb, cell in TAGGED - set(CHECKS))
    assert not missing, "claim cells without a check in tests/claims/: " + ", ".join(missing)


def test_every_check_names_a_claim_cell() -> None:
    stray = sorted(f"{nb}#{cell}" for nb, cell in set(CHECKS) - TAGGED)
    assert not stray, "checks whose cell does not exist or is not tagged 'claim': " + ", ".join(stray)


def test_a_false_claim_fails_and_names_its_cell() -> None:
    """The mechanism itself: a check over data that stopped saying it fails with the notebook and cell named."""
    key = ("notebooks/demo.ipynb", "demo-read")

    @claim(*key)
    def _largest_customer_is_c0001(data: ClaimData) -> None:
        orders = data.load("orders")
        top = orders.groupby("customer_id")["quantity"].sum().idxmax()
        assert top == "C0001", f"the largest customer is {top}"

    try:
        run(*key, ClaimData({"orders": pd.DataFrame({"customer_id": ["C0001", "C0002"], "quantity": [5, 1]})}))
        with pytest.raises(ClaimFailed, match=r"notebooks/demo\.ipynb#demo-read: .*largest customer is C0002"):
            run(*key, ClaimData({"orders": pd.DataFrame({"customer_id": ["C0001", "C0002"], "quantity": [1, 5]})}))
    finally:
        del claims.CHECKS[key]

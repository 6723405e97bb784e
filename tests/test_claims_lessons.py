"""The lessons' and cases' claim checks at work: a real claim fails when the data change, and no new reading slips in untagged.

tests/test_claims.py runs every check on the default data; this file shows that the checks of the lessons
can fail (a real cell, on altered data, fails and is named) and guards the notebooks against a Markdown
cell that reads an output without being tagged ``claim`` (or ``sourced``).
"""

from __future__ import annotations

import re
from pathlib import Path

import claims
import nbformat
import pandas as pd
import pytest
from claims import ClaimData, ClaimFailed, run

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts and "zh" not in p.parts)
CHECKS = claims.load_all()

#: A cell carrying one of these tags has been looked at: ``claim`` (checked in tests/claims/) or
#: ``sourced`` (its numbers come from the literature, the course materials, the kit's stated conventions
#: or arithmetic on them, not from the company data).
ALLOW_TAGS = {"claim", "sourced"}

# What reads like a result: a percentage, a decimal, a number with thousands or of three digits or more
# (years and scales such as 1-7 left out), or a word of rank, size or direction.
_NUMBER = r"(?<![\w.,–-])(?!(?:19|20)\d\d\b)(?:\d+(?:\.\d+)?\s?%|\d+\.\d+|\d{1,3}(?:,\d{3})+|\d{3,})(?![\d–-])"
_WORDS = (r"\b(most|fewer|half|third|quarter|fifth|tenth|twice|times as|largest|biggest|smallest|highest|lowest|"
          r"rose|fell|risen|fallen|grew|dropped|more than|less than|strongly|clearly|peaks?|almost (?:every|all)|"
          r"one in \w+)\b")
READS = re.compile(f"{_NUMBER}|{_WORDS}", re.IGNORECASE)


def _prose(source: str) -> str:
    """The cell's prose: without code, formulas, headings and citations (whose years and pages are not readings)."""
    text = re.sub(r"```.*?```|`[^`]*`", " ", source, flags=re.DOTALL)
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.DOTALL)
    text = re.sub(r"^#+ .*$", " ", text, flags=re.MULTILINE)
    return re.sub(r"\([^()]*\b(?:19|20)\d\d[^()]*\)", " ", text)


def untagged_readings(nb: nbformat.NotebookNode) -> list[str]:
    """Ids of Markdown cells that follow a code cell (they say what its output means), or sum up the lesson
    (id ``summary...``), and read like a result, but carry neither ``claim`` nor ``sourced``."""
    found, previous = [], None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            tags = set(cell.get("metadata", {}).get("tags", []))
            reads_output = previous == "code" or str(cell.get("id", "")).startswith("summary")
            if reads_output and not tags & ALLOW_TAGS and READS.search(_prose(cell.source)):
                found.append(cell.get("id"))
        previous = cell.cell_type
    return found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def test_no_untagged_cell_reads_an_output(path: Path) -> None:
    """A new chapter cannot slip: a cell that reads its output is tagged ``claim`` (and checked) or ``sourced``."""
    found = untagged_readings(nbformat.read(path, as_version=4))
    rel = path.relative_to(ROOT).as_posix()
    assert not found, (f"{rel}: Markdown cells that seem to read the output above them are not tagged: {found}. "
                       "Tag each 'claim' and check it in tests/claims/, or 'sourced' if its numbers do not come "
                       "from the data (see docs/CONTRIBUTING.md, Claims)")


ASSIGNMENTS = sorted(p for p in (ROOT / "assignments").glob("*/*.ipynb") if not p.parent.name.endswith("_zh"))


def untagged_model_answers(nb: nbformat.NotebookNode) -> list[str]:
    """Ids of written model answers (nbgrader solution Markdown cells) that read like a result, tagged neither
    ``claim`` nor ``sourced``: a model answer teachers grade against must not quote a number nobody checked."""
    return [cell.get("id") for cell in nb.cells
            if cell.cell_type == "markdown" and cell.get("metadata", {}).get("nbgrader", {}).get("solution")
            and not set(cell.get("metadata", {}).get("tags", [])) & ALLOW_TAGS and READS.search(_prose(cell.source))]


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.parent.name)
def test_no_untagged_model_answer_reads_a_result(path: Path) -> None:
    found = untagged_model_answers(nbformat.read(path, as_version=4))
    assert not found, (f"{path.relative_to(ROOT).as_posix()}: model answers that read like a result are not tagged: "
                       f"{found}. Tag each 'claim' and check it in tests/claims/, or 'sourced' if its numbers come "
                       "from the question's own inputs or the literature, not from the company data")


def test_the_model_answer_guard_catches_an_untagged_reading() -> None:
    nbgrader = {"nbgrader": {"solution": True, "grade": True, "grade_id": "q5", "points": 3}}
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Hydra's largest account fell by 40%.", id="read", metadata=nbgrader),
        nbformat.v4.new_markdown_cell("Hydra's largest account fell.", id="tagged", metadata={**nbgrader, "tags": ["claim"]}),
        nbformat.v4.new_markdown_cell("The largest offer wins.", id="prompt"),
    ])
    assert untagged_model_answers(nb) == ["read"]


def test_the_guard_catches_an_untagged_reading() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x.describe()", id="code"),
        nbformat.v4.new_markdown_cell("Revenue rose by 12% in 2025.", id="read"),
        nbformat.v4.new_code_cell("y", id="code-2"),
        nbformat.v4.new_markdown_cell("Each row is one order line (Oliver 1980, p. 460).", id="describe"),
        nbformat.v4.new_code_cell("z", id="code-3"),
        nbformat.v4.new_markdown_cell("The largest account stopped buying.", id="tagged", metadata={"tags": ["claim"]}),
        nbformat.v4.new_markdown_cell("## Summary\n\n- Hydra's revenue fell.", id="summary"),
    ])
    assert untagged_readings(nb) == ["read", "summary"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def test_every_lesson_with_readings_has_checks(path: Path) -> None:
    """Every claim cell of a lesson or case has its check (and the start notebook, which reads no data, has none)."""
    rel = path.relative_to(ROOT).as_posix()
    nb = nbformat.read(path, as_version=4)
    tagged = {c.get("id") for c in nb.cells if "claim" in c.get("metadata", {}).get("tags", [])}
    checked = {cell for (notebook, cell) in CHECKS if notebook == rel}
    assert tagged == checked, f"{rel}: tagged {sorted(tagged - checked)} unchecked, checks {sorted(checked - tagged)} untagged"
    if path.name != "00_start_here.ipynb":
        assert checked, f"{rel} has no claim check"


def test_a_real_lesson_claim_fails_when_the_data_change() -> None:
    """Lower the 2025 recommendation scores: lesson 08's NPS reading ("recovered to slightly positive in 2025")
    is no longer true, and the failure names the notebook and the cell."""
    key = ("notebooks/08_loyalty.ipynb", "nps-read")
    data = ClaimData()
    run(*key, data)  # holds on the data the lessons load
    surveys = data.load("surveys")
    in_2025 = surveys["year"] == 2025
    surveys.loc[in_2025, "likelihood_to_recommend"] = (surveys.loc[in_2025, "likelihood_to_recommend"] - 2).clip(lower=0)
    altered = ClaimData({**data.tables, "surveys": surveys})
    with pytest.raises(ClaimFailed, match=r"notebooks/08_loyalty\.ipynb#nps-read: .*NPS 2025 -\d"):
        run(*key, altered)


def test_a_lesson_ranking_claim_fails_when_the_ranking_changes() -> None:
    """Lesson 05 says the account to look for is Hydra's *second*-largest (the issue found "third"): give another
    customer a large order and the check fails, naming its cell."""
    key = ("notebooks/05_lifecycle.ipynb", "winback-read")
    data = ClaimData()
    orders = data.load("orders")
    big = orders.iloc[[0]].assign(customer_id="C0001", order_id="O999999", net_revenue=3e7)
    altered = ClaimData({**data.tables, "orders": pd.concat([orders, big], ignore_index=True)})
    with pytest.raises(ClaimFailed, match=r"notebooks/05_lifecycle\.ipynb#winback-read: .*not marked special effort"):
        run(*key, altered)


"""Sources are cited so a reader can look them up: no internal file references, a shipped bibliography."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLIOGRAPHY = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
SOURCES = sorted((ROOT / "kamcourse").rglob("*.py"))


def test_no_docstring_cites_an_internal_file() -> None:
    """Users never get ../shared/CONTENT.md: a citation names the real source."""
    offenders = [p.relative_to(ROOT).as_posix() for p in SOURCES if "CONTENT §" in p.read_text(encoding="utf-8")]
    assert not offenders, f"'CONTENT §' cited in {offenders}: cite the source (docs/references.md)"


def test_every_reference_section_entry_is_in_the_bibliography() -> None:
    """Each numpydoc ``.. [n] Author`` entry names an author (or the course materials) that docs/references.md lists."""
    entry = re.compile(r"^\s*\.\. \[\d+\] (.+)$", re.M)
    missing = []
    for path in SOURCES:
        for text in entry.findall(path.read_text(encoding="utf-8")):
            if text.startswith(("Course materials", "Standard pricing", "Juran")):
                continue
            first = re.split(r"[,(.]", text, maxsplit=1)[0].strip()
            if first not in BIBLIOGRAPHY:
                missing.append(f"{path.name}: {first}")
    assert not missing, "cited in a References section but not in docs/references.md: " + ", ".join(missing)

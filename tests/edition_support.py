"""The student edition built once per test process, for tests/test_edition.py and tests/test_student_browser.py.

``tests/conftest.py`` registers this module as a plugin, so the session fixture ``edition`` is one
fixture for both modules (they share the xdist group "student-edition", hence one worker builds it).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["ROOT", "build_edition", "edition"]


def build_edition(out: Path, assignments: list[str] | None = None) -> Path:
    """Build the kit's student edition into ``out`` (every assignment by default); the report is returned unread."""
    from kamcourse.edition.build import build_student_edition
    from kamcourse.instructor import Course

    return build_student_edition(out, course=Course(ROOT), assignments=assignments, out=io.StringIO())


@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Path:
    """The student edition of every assignment of the kit (about a minute: nbgrader releases each one)."""
    return build_edition(tmp_path_factory.mktemp("student-edition") / "kamcourse-student")

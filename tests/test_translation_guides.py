"""Guides in the Chinese track (issue 13): section catalogues, generated Chinese guides, the same staleness check."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from kamcourse.cli import main
from kamcourse.translation import build, check, update
from kamcourse.translation.cells import mostly_chinese
from kamcourse.translation.guides import GUIDES, guide_notebook, guide_track
from kamcourse.translation.paths import catalogue_path, chinese_path

GUIDE = """# Running a class

Intro paragraph.

## 1. Prepare the server

```sh
# this is a shell comment, not a heading
make setup
```

## 2. Release
Release it.
"""

CHINESE = {
    "running-a-class": "# 开设一个班级\n\n引言。",
    "1-prepare-the-server": "## 1. 准备服务器\n\n```sh\n# 这是注释，不是标题\nmake setup\n```",
    "2-release": "## 2. 发布作业\n发布。",
}


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    for folder in ("notebooks", "assignments", "docs"):
        (tmp_path / folder).mkdir()
    (tmp_path / "docs" / "classroom.md").write_text(GUIDE, encoding="utf-8")
    return tmp_path


def _translate(root: Path, source: str, texts: dict[str, str]) -> None:
    path = root / catalogue_path(source)
    po = polib.pofile(str(path))
    for entry in po:
        slug = entry.msgctxt.rsplit("#", 1)[1]
        if slug in texts:
            entry.msgstr = texts[slug]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))


def test_a_guide_is_split_at_headings_outside_code() -> None:
    nb = guide_notebook(GUIDE)
    assert [c.id for c in nb.cells] == list(CHINESE)
    assert "make setup" in nb.cells[1].source and nb.cells[2].source.startswith("## 2. Release")


def test_update_build_check_round_trip(course: Path, capsys) -> None:
    source = "docs/classroom.md"
    assert main(["i18n", "update", str(course / source), "--root", str(course)]) == 0
    status = check(course)
    assert status.guides == [source]
    assert {p.cell for p in status.problems if p.kind == "missing"} == set(CHINESE)
    _translate(course, source, CHINESE)
    assert build(course) == []
    text = (course / chinese_path(source)).read_text(encoding="utf-8")
    assert chinese_path(source) == "docs/classroom.zh.md"
    assert "# 开设一个班级" in text and "这是注释" in text and "Release it." not in text
    assert check(course).ok, check(course).report()


def test_a_changed_english_section_is_named(course: Path) -> None:
    source = "docs/classroom.md"
    update(course, [source])
    _translate(course, source, CHINESE)
    build(course)
    (course / source).write_text(GUIDE.replace("Release it.", "Release it with `kamcourse release`."),
                                 encoding="utf-8")
    stale = check(course)
    assert [(p.cell, p.kind) for p in stale.problems if p.kind != "differs"] == [("2-release", "stale")]
    update(course, [source])
    fuzzy = check(course)
    assert [(p.cell, p.kind) for p in fuzzy.problems if p.kind != "differs"] == [("2-release", "fuzzy")]


def test_a_hand_edited_chinese_guide_is_caught(course: Path) -> None:
    source = "docs/classroom.md"
    update(course, [source])
    _translate(course, source, CHINESE)
    build(course)
    target = course / chinese_path(source)
    target.write_text(target.read_text(encoding="utf-8") + "\n手工添加的一段。\n", encoding="utf-8")
    assert [p.kind for p in check(course).problems] == ["differs"]


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("guide", guide_track(ROOT))
def test_chinese_guides_are_mostly_chinese(guide: str) -> None:
    """At least 90 % of each Chinese guide's sections are mostly Chinese (>= half the prose letters)."""
    po = polib.pofile(str(ROOT / catalogue_path(guide)))
    english = [e.msgctxt for e in po if not mostly_chinese(e.msgstr)]
    assert len(po) and len(english) <= 0.1 * len(po), english


def test_the_guides_the_issue_names_are_in_the_track() -> None:
    """Issue 13: the instructor guide, the classroom guide and the datasheet have Chinese versions."""
    assert set(guide_track(ROOT)) == set(GUIDES)

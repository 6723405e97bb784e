"""A Chinese assignment (the generated twin ``<name>_zh``) goes through the instructor's commands unchanged
(release -> grade -> feedback -> export), grades exactly like the English one, and its feedback is Chinese."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from roundtrip import ROOT, Course, read_scores, three_submissions, write_submissions

from kamcourse.cli import main
from kamcourse.translation.paths import TWIN_SUFFIX, track

TWINS = sorted({s.split("/")[1] for s in track(ROOT) if s.startswith("assignments/")})
# Grading a twin and its English assignment takes minutes per pair; every twin's code is the English code (checked
# cell by cell in tests/test_translation.py), so the full comparison runs on a sample: the start assignment and one
# lesson assignment whose hidden tests recompute from each student's data. The English scores are those of the English
# round trip (tests/test_assignments.py, graded once: the same xdist group keeps both on one worker).
SAMPLE = [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in ("a00_getting_started", "a05_lifecycle")
          if n in TWINS]


def _plain(text: str) -> str:
    """Text as a reader sees it: no HTML tags, entities decoded, no Markdown emphasis or code marks, spaces collapsed."""
    return " ".join(re.sub(r"[*`]", "", html.unescape(re.sub(r"<[^>]+>", "", text))).split())


def _run(args: list[str], capsys) -> str:
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, f"kamcourse {' '.join(args)} exited {code}:\n{out.out}\n{out.err}"
    return out.out


def _graded_course(name: str, root: Path, submissions: dict, capsys) -> dict:
    root.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(ROOT / "assignments" / name, root / "assignments" / name)
    _run(["release", name, "--course", str(root)], capsys)
    course = Course(root, name, sorted((root / "release" / name).glob("*.ipynb")))
    write_submissions(course, submissions)
    _run(["grade", name, "--course", str(root), "--jobs", "1", "--no-progress"], capsys)
    return read_scores(root, name)


def test_every_assignment_in_the_track_has_its_twin() -> None:
    assert "a00_getting_started" in TWINS
    for name in TWINS:
        en = sorted(p.name for p in (ROOT / "assignments" / name).glob("*.ipynb"))
        assert en == sorted(p.name for p in (ROOT / "assignments" / f"{name}{TWIN_SUFFIX}").glob("*.ipynb"))
        for notebook in en:
            a = nbformat.read(ROOT / "assignments" / name / notebook, as_version=4)
            b = nbformat.read(ROOT / "assignments" / f"{name}{TWIN_SUFFIX}" / notebook, as_version=4)
            grading = [(c.id, c.cell_type, c.metadata.get("nbgrader")) for c in a.cells]
            assert grading == [(c.id, c.cell_type, c.metadata.get("nbgrader")) for c in b.cells], notebook


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE)
def test_chinese_twin_release_grade_feedback_export(name: str, tmp_path, capsys, graded_for) -> None:
    twin = f"{name}{TWIN_SUFFIX}"
    submissions = three_submissions(name)
    english = graded_for(name)
    chinese = _graded_course(twin, tmp_path / "zh", submissions, capsys)
    # the same grade ids, points and scores, submission by submission
    assert chinese == english
    total = {s: sum(v[0] for v in cells.values()) for s, cells in chinese.items()}
    possible = sum(v[1] for v in chinese["solution"].values())
    assert total["solution"] == possible > 0 and total["blank"] == 0 and 0 < total["wrong"] < possible

    root = tmp_path / "zh"
    _run(["feedback", twin, "--course", str(root)], capsys)
    pages = {p.parts[-3]: p.read_text(encoding="utf-8") for p in (root / "feedback").rglob("*.html")}
    assert sorted(pages) == sorted(submissions)
    source = nbformat.read(next((root / "assignments" / twin).glob("*.ipynb")), as_version=4)
    for student, page in pages.items():
        assert "作业反馈" in page and "学生：" in page and "得分：" in page, student
        for english_word in ("Feedback ·", "Student:", "Score:", "passed (", "points)", "not graded yet"):
            assert english_word not in page, f"{student}'s Chinese feedback shows {english_word!r}"
        shown = _plain(page)
        for cell in source.cells:  # the Chinese prompts are on the page (a first line may start in bold)
            if cell.metadata.get("nbgrader", {}).get("locked") and cell.cell_type == "markdown":
                heading = _plain(cell.source.strip().splitlines()[0].lstrip("# "))
                assert heading in shown, f"{student}: {heading!r} missing"
    assert "通过（得" in pages["solution"]
    assert "有一项隐藏检查没有通过" in pages["wrong"]
    assert "尚未评分" in pages["solution"]  # the written answer waits for the teacher

    out = tmp_path / "grades.csv"
    _run(["export", twin, "--format", "csv", "--course", str(root), "--output", str(out)], capsys)
    with out.open(encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert sorted(rows) == sorted(submissions)
    assert float(rows["solution"]["score"]) == total["solution"]
    assert float(rows["wrong"]["score"]) == total["wrong"]

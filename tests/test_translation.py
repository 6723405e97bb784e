"""The Chinese track: catalogues complete and current, Chinese files as `kamcourse i18n build` makes them,
Chinese prose, unchanged code, and lessons that follow the environment's language.

Strict for every notebook in the track (those with a catalogue under locale/);
`kamcourse i18n check` lists the others.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import polib
import pytest

from kamcourse.cli import main
from kamcourse.translation import build, check, update
from kamcourse.translation.cells import mostly_chinese, program_difference
from kamcourse.translation.paths import catalogue_path, chinese_path, english_sources, track

ROOT = Path(__file__).resolve().parents[1]
TRACK = track(ROOT)
CATALOGUE_KINDS = {"missing", "fuzzy", "stale", "obsolete", "code"}


@pytest.fixture(scope="module")
def status():
    return check(ROOT)


def _copy_course(tmp_path: Path) -> Path:
    """The parts of the course the Chinese track reads, in a scratch folder."""
    for folder in ("notebooks", "assignments", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return tmp_path


def test_first_round_is_in_the_track() -> None:
    assert "notebooks/00_start_here.ipynb" in TRACK
    assert "assignments/a00_getting_started/a00_getting_started.ipynb" in TRACK


@pytest.mark.parametrize("source", TRACK)
def test_every_entry_is_translated_and_current(source: str, status) -> None:
    problems = [str(p) for p in status.problems if p.source == source and p.kind in CATALOGUE_KINDS]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", TRACK)
def test_chinese_file_is_what_build_generates(source: str, status) -> None:
    target = chinese_path(source)
    folder = target.rsplit("/", 1)[0] + "/"
    problems = [str(p) for p in status.problems if p.source == target
                or (source.startswith("assignments/") and p.source.startswith(folder))]
    assert not problems, "\n".join(problems)


def test_no_orphan_chinese_file(status) -> None:
    orphans = [str(p) for p in status.problems if p.kind == "orphan"]
    assert not orphans, "\n".join(orphans)


def test_check_command_lists_what_is_not_translated_yet(status, capsys) -> None:
    code = main(["i18n", "check", "--root", str(ROOT)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert status.untranslated == [s for s in english_sources(ROOT) if s not in TRACK]
    for source in status.untranslated:
        assert f"  {source}" in text


@pytest.mark.parametrize("source", TRACK)
def test_chinese_markdown_is_mostly_chinese(source: str) -> None:
    """At least 90 % of the Chinese notebook's Markdown cells are mostly Chinese (>= half the prose letters)."""
    nb = nbformat.read(ROOT / chinese_path(source), as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown" and c.source.strip()]
    english = [c.id for c in markdown if not mostly_chinese(c.source)]
    assert markdown
    assert len(english) <= 0.1 * len(markdown), f"{chinese_path(source)}: cells not mostly Chinese: {english}"


@pytest.mark.parametrize("source", TRACK)
def test_chinese_code_is_the_english_code(source: str) -> None:
    """Same cells, ids, types and nbgrader metadata; the first code cell selects Chinese; every other code
    cell is the English program (only comments, docstrings and assert messages translated)."""
    en = nbformat.read(ROOT / source, as_version=4)
    zh = nbformat.read(ROOT / chinese_path(source), as_version=4)
    assert [(c.id, c.cell_type, c.metadata) for c in zh.cells] == [(c.id, c.cell_type, c.metadata) for c in en.cells]
    code = [(a, b) for a, b in zip(en.cells, zh.cells) if a.cell_type == "code"]
    first_en, first_zh = code[0]
    assert 'set_language("zh")' in first_zh.source and "set_language()" not in first_zh.source
    for a, b in code[1:]:
        assert program_difference(a.source, b.source) is None, f"{source}#{a.id}"
        assert not b.get("outputs") and b.get("execution_count") is None
    assert zh.metadata["kamcourse"]["language"] == "zh"


def test_notebook_execution_test_runs_the_chinese_notebooks() -> None:
    from test_notebooks import NOTEBOOKS

    zh = [chinese_path(s) for s in TRACK if s.startswith("notebooks/")]
    assert zh and all(ROOT / p in NOTEBOOKS for p in zh)


def test_a_changed_english_cell_is_named(tmp_path) -> None:
    """Change one English cell: the check fails naming it; update marks it fuzzy with the old English kept;
    build keeps that cell English until it is translated again."""
    root = _copy_course(tmp_path)
    source = "notebooks/00_start_here.ipynb"
    assert check(root).ok
    nb = nbformat.read(root / source, as_version=4)
    cell = next(c for c in nb.cells if c.id == "how-to")
    old = cell.source
    cell.source = old + "\n\nAsk your teacher when you are stuck."
    nbformat.write(nb, root / source)

    status = check(root)
    assert not status.ok
    stale = [p for p in status.problems if p.kind == "stale"]
    assert [(p.source, p.cell) for p in stale] == [(source, "how-to")], status.report()
    differs = [p for p in status.problems if p.kind == "differs"]
    assert len(differs) == 1 and differs[0].source == chinese_path(source) and "how-to" in differs[0].detail

    assert update(root)[source].changed == ["how-to"]
    po = polib.pofile(str(root / catalogue_path(source)))
    entry = po.find(f"{source}#how-to", by="msgctxt")
    assert entry.fuzzy and entry.previous_msgid == old and entry.msgid == cell.source and entry.msgstr
    assert [(p.kind, p.cell) for p in check(root).problems if p.kind in CATALOGUE_KINDS] == [("fuzzy", "how-to")]

    problems = build(root)
    assert [(p.kind, p.cell) for p in problems] == [("fuzzy", "how-to")]
    built = nbformat.read(root / chinese_path(source), as_version=4)
    assert next(c for c in built.cells if c.id == "how-to").source == cell.source  # English until translated

    entry.msgstr += "\n\n遇到困难时，请向老师求助。"
    entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    po.save()
    build(root)
    assert check(root).ok, check(root).report()


def test_update_and_build_change_nothing_when_current(tmp_path) -> None:
    root = _copy_course(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert not any(update(root).values())
    assert build(root) == []
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_translation_cannot_change_the_code(tmp_path) -> None:
    """A catalogue entry that changes a hidden test (or drops its markers) is refused and named."""
    root = _copy_course(tmp_path)
    source = "assignments/a00_getting_started/a00_getting_started.ipynb"
    po = polib.pofile(str(root / catalogue_path(source)))
    tests = po.find(f"{source}#q1_tests", by="msgctxt")
    assert "- 0.5)" in tests.msgstr
    tests.msgstr = tests.msgstr.replace("- 0.5)", "- 0.6)")
    q2 = po.find(f"{source}#q2_tests", by="msgctxt")
    q2.msgstr = q2.msgstr.replace("### BEGIN HIDDEN TESTS\n", "").replace("### END HIDDEN TESTS", "")
    po.save()
    problems = [p for p in check(root).problems if p.kind == "code"]
    assert sorted(p.cell for p in problems) == ["q1_tests", "q2_tests"]
    assert "nbgrader markers" in next(p.detail for p in problems if p.cell == "q2_tests")
    build(root)
    zh = nbformat.read(root / chinese_path(source), as_version=4)
    english = nbformat.read(root / source, as_version=4)
    for cell_id in ("q1_tests", "q2_tests"):  # the English test stays: grading is never changed by a translation
        assert next(c for c in zh.cells if c.id == cell_id).source == next(
            c for c in english.cells if c.id == cell_id).source


def test_update_adds_a_notebook_to_the_track(tmp_path) -> None:
    root = _copy_course(tmp_path)
    source = "notebooks/cases/gree_gome.ipynb"
    (root / catalogue_path(source)).unlink(missing_ok=True)  # out of the track here, whatever the real state
    assert source not in track(root)
    assert main(["i18n", "update", str(root / source), "--root", str(root)]) == 0
    assert source in track(root)
    status = check(root)
    missing = [p.cell for p in status.problems if p.source == source and p.kind == "missing"]
    po = polib.pofile(str(root / catalogue_path(source)))
    assert missing and len(missing) == len(po) and not status.ok


_FIRST_CELL_LANGUAGE = """
import json, sys
import nbformat
from kamcourse import i18n
out = {}
for path in sys.argv[1:]:
    first = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    i18n.set_language("en" if i18n.environment_language() == "zh" else "zh")  # the other language first
    exec(compile(first.source, path, "exec"), {"__name__": "__main__"})
    out[path] = i18n.get_language()
print(json.dumps(out))
"""


def _first_cell_languages(paths: list[str], lang: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KAMCOURSE_LANG"}
    env["MPLBACKEND"] = "Agg"
    if lang:
        env["KAMCOURSE_LANG"] = lang
    proc = subprocess.run([sys.executable, "-c", _FIRST_CELL_LANGUAGE, *paths], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_english_lessons_follow_the_environment_language() -> None:
    """KAMCOURSE_LANG=zh (a Chinese class) is no longer reset by a lesson's first cell; unset means English;
    a Chinese notebook is Chinese whatever the environment says."""
    english = [s for s in english_sources(ROOT)
               if "set_language" in next(c for c in nbformat.read(ROOT / s, as_version=4).cells
                                         if c.cell_type == "code").source]
    assert "notebooks/00_start_here.ipynb" in english and len(english) >= 13
    assert set(_first_cell_languages(english, "zh").values()) == {"zh"}
    assert set(_first_cell_languages(english, None).values()) == {"en"}
    chinese = [chinese_path(s) for s in TRACK]
    assert set(_first_cell_languages(chinese, "en").values()) == {"zh"}

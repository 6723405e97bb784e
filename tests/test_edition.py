"""Issue 21, the student's way in: the student edition holds no solution; students see student tools only;
lessons are copies in a working folder; the checkout's tracked notebooks are saved without outputs; the
kernel name the notebooks declare is the one set-up registers.

The browser tests of the same issue (a student fetches, completes and validates a00 in JupyterLab served
from the student edition; running lessons leaves `git status` clean; explorers survive a reopen) are in
tests/test_student_browser.py; both use the edition built once per test process (tests/edition_support.py).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from edition_support import ROOT

from kamcourse.edition import settings
from kamcourse.edition.build import MARKER, EditionLeak, build_student_edition
from kamcourse.edition.clean import keep_sources_clean, strip_run
from kamcourse.edition.lessons import copy_lessons, lesson_files
from kamcourse.edition.secrets import MIN_LENGTH, Secrets, course_secrets, find_secrets
from kamcourse.instructor import Course
from kamcourse.instructor.leaks import hidden_lines, secret_lines

pytestmark = pytest.mark.xdist_group("student-edition")

SOURCES = sorted((ROOT / "assignments").glob("*/*.ipynb"))


# --------------------------------------------------------------------------- the edition's contents


@pytest.mark.slow
def test_the_edition_holds_what_students_need(edition: Path) -> None:
    for rel in ("README.md", "README.zh.md", "Makefile", ".gitignore", "pyproject.toml", "uv.lock", MARKER,
                "notebooks/00_start_here.ipynb", "notebooks/zh/00_start_here.ipynb", "datasets/customers.csv",
                "datasets/README.md", "kamcourse/edition/launch.py"):
        assert (edition / rel).is_file(), rel
    assert {p.relative_to(edition / "notebooks") for p in (edition / "notebooks").rglob("*.ipynb")} == set(lesson_files())
    released = edition / "exchange" / "kamcourse" / "outbound"
    assert sorted(p.name for p in released.iterdir()) == Course(ROOT).assignments()
    for source in SOURCES:
        assert (released / source.parent.name / source.name).is_file(), source
    # nothing of the instructor's: no sources, no answer tables, no grading tools
    assert not (edition / "assignments").exists() and not (edition / "datasets" / "instructor").exists()
    assert not (edition / "kamcourse" / "instructor").exists()
    assert '"kamcourse.instructor"' not in (edition / "pyproject.toml").read_text(encoding="utf-8")
    # every lesson a student runs is a copy in work/ (the server's root), which git ignores: git status stays clean
    ignored = (edition / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "work/" in ignored and "exchange/*/inbound/" in ignored
    makefile = (edition / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^WORK\s*\?= work$", makefile, re.M) and "kamcourse lab $(WORK)" in makefile
    readme = (edition / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "Assignment List" in readme and "README.zh.md" in readme
    zh = (edition / "README.zh.md").read_text(encoding="utf-8")
    assert "工作文件夹" in zh and "，" in zh and "作业" in zh


def _independent_secrets() -> dict[str, str]:
    """Every solution, hidden-test, model-answer and rubric line of every source, read here from the notebooks."""
    lines: dict[str, str] = {}
    for source in SOURCES:
        for line in secret_lines(source) | hidden_lines(source):
            lines[line] = f"{source.parent.name}: code"
        for cell in nbformat.read(source, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and meta.get("solution"):
                for line in cell.source.splitlines():
                    if len(line.strip()) >= 12:
                        lines[line.strip()] = f"{source.parent.name}: written answer {meta['grade_id']}"
    return lines


@pytest.mark.slow
@pytest.mark.security
def test_no_solution_hidden_test_rubric_or_answer_table_anywhere_in_the_edition(edition: Path) -> None:
    """The whole edition (every file, notebooks by their cells) is searched for every line a student must not get."""
    found = course_secrets(ROOT / "assignments", ROOT / "datasets" / "instructor", ROOT / "notebooks", ROOT / "kamcourse")
    expected = _independent_secrets()
    # the search covers every line read independently here, except those the lessons or the kit's code teach
    assert set(expected) == set(found.lines) | set(found.taught), set(expected) ^ (set(found.lines) | set(found.taught))
    assert any("Rubric" in line for line in found.lines) and any("BEGIN" not in line for line in found.lines)
    assert len(found.taught) < 0.05 * len(found.lines), found.taught  # public lines are the exception, listed
    # every answer-table row long enough to be told from ordinary text (shorter ones, such as "C0001,A", would match
    # innocent lines; the edition leaves datasets/instructor/ out as a whole in any case)
    rows = {line.strip() for p in (ROOT / "datasets" / "instructor").glob("*.csv")
            for line in p.read_text(encoding="utf-8").splitlines()[1:] if len(line.strip()) >= MIN_LENGTH}
    assert set(found.rows) == rows and len(rows) > 3000
    assert find_secrets(edition, found) == []


def test_the_search_finds_planted_secrets(tmp_path: Path) -> None:
    """The search can fail: a hidden-test line in a lesson copy, a rubric line in a README, an answer-table row
    in a CSV, nbgrader markers in a notebook and an instructor folder are all found."""
    found = course_secrets(ROOT / "assignments", ROOT / "datasets" / "instructor")
    hidden = sorted(hidden_lines(ROOT / "assignments" / "a01_key_accounts" / "a01_key_accounts.ipynb"))[0]
    rubric = next(line for line in found.lines if "Rubric" in line)
    row = next(iter(found.rows))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"x = 1\n{hidden}\n### BEGIN SOLUTION")])
    nbformat.write(nb, tmp_path / "lesson.ipynb")
    (tmp_path / "README.md").write_text(f"# notes\n{rubric}\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text(f"a,b\n{row}\n", encoding="utf-8")
    (tmp_path / "instructor").mkdir()
    (tmp_path / "instructor" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    # every file, whatever its name or kind: a template, a wheel's module, an output and metadata of a notebook
    quoted = next(line for line in found.lines if '"' in line and "BEGIN" not in line)
    (tmp_path / "page.j2").write_text(f"<p>{hidden}</p>", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "kit-1.0-py3-none-any.whl", "w") as wheel:
        wheel.writestr("kit/answers.py", f"{rubric}\n")
    ran = nbformat.v4.new_code_cell("x")
    ran.outputs = [nbformat.v4.new_output("display_data", {"text/html": f"<pre>{quoted}</pre>"})]
    nbformat.write(nbformat.v4.new_notebook(cells=[ran]), tmp_path / "ran.ipynb")
    noted = nbformat.v4.new_markdown_cell("notes", metadata={"note": quoted})
    nbformat.write(nbformat.v4.new_notebook(cells=[noted]), tmp_path / "noted.ipynb")
    (tmp_path / "answers.csv.gz").write_bytes(b"\x1f\x8b")
    finds = find_secrets(tmp_path, found)
    assert any(f.startswith("page.j2") and hidden in f for f in finds)
    assert any(f.startswith("kit-1.0-py3-none-any.whl!kit/answers.py") and rubric in f for f in finds)
    assert any(f.startswith("ran.ipynb") and quoted in f for f in finds)
    assert any(f.startswith("noted.ipynb") and quoted in f for f in finds)
    assert "answers.csv.gz: a compressed file the search cannot read" in finds
    assert any(f.startswith("lesson.ipynb") and hidden in f for f in finds)
    assert any(f.startswith("lesson.ipynb: nbgrader marker") for f in finds)
    assert any(f.startswith("README.md") and rubric in f for f in finds)
    assert any(f.startswith("data.csv: row of") for f in finds)
    assert "instructor/x.csv: an instructor answer table" in finds


def _tiny_course(tmp_path: Path, solution: str) -> Course:
    course = tmp_path / "course"
    (course / "assignments" / "t1").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    cells = [
        nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION\n", metadata={"nbgrader": {
            "grade": False, "solution": True, "locked": False, "grade_id": "q1_answer", "schema_version": 3}}),
        nbformat.v4.new_code_cell("assert answer > 0", metadata={"nbgrader": {
            "grade": True, "solution": False, "locked": True, "grade_id": "q1_tests", "points": 1, "schema_version": 3}}),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), course / "assignments" / "t1" / "t1.ipynb")
    return Course(course)


def test_the_kits_doctest_examples_are_public_code_its_docstring_prose_is_not(tmp_path: Path) -> None:
    """A solution line in a doctest example of the kit is taught (listed apart); quoted in a docstring's prose,
    or in a comment, it stays a secret."""
    course = _tiny_course(tmp_path, "answer = revenue.max() / revenue.sum()\nshare = round(answer * 100, 1)\n"
                                    "top = revenue.nlargest(3).index")
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "m.py").write_text('def f():\n    """Share.\n\n    share = round(answer * 100, 1)\n\n'
                              '    >>> answer = revenue.max() / revenue.sum()\n    """\n'
                              '    # top = revenue.nlargest(3).index\n', encoding="utf-8")
    found = course_secrets(course.source, kit=kit)
    assert "answer = revenue.max() / revenue.sum()" in found.taught
    assert {"share = round(answer * 100, 1)", "top = revenue.nlargest(3).index"} <= set(found.lines)


@pytest.mark.slow
def test_a_leak_stops_the_build_and_nothing_is_written(tmp_path: Path) -> None:
    """A solution line that the edition's README happens to contain: the build names it and writes nothing."""
    course = _tiny_course(tmp_path, "make lab WORK=~/kamcourse-work")  # released without it; the README has it
    out = tmp_path / "edition"
    with pytest.raises(EditionLeak, match=r"README.md: t1/t1.ipynb: solution .*make lab WORK=~/kamcourse-work"):
        build_student_edition(out, course=course, out=io.StringIO())
    assert not out.exists()


@pytest.mark.slow
def test_a_rebuild_keeps_the_students_work_and_refuses_other_folders(tmp_path: Path) -> None:
    course = _tiny_course(tmp_path, "answer = 41 + 1")
    out = tmp_path / "edition"
    devnull = io.StringIO()
    build_student_edition(out, course=course, out=devnull)
    for keep in (".git/HEAD", "work/mine.ipynb", "exchange/kamcourse/inbound/alice+t1/t1.ipynb", ".venv/marker"):
        (out / keep).parent.mkdir(parents=True, exist_ok=True)
        (out / keep).write_text("mine", encoding="utf-8")
    (out / "notebooks" / "stale.ipynb").write_text("{}", encoding="utf-8")
    build_student_edition(out, course=course, out=devnull)
    for keep in (".git/HEAD", "work/mine.ipynb", "exchange/kamcourse/inbound/alice+t1/t1.ipynb", ".venv/marker"):
        assert (out / keep).read_text(encoding="utf-8") == "mine", keep
    assert not (out / "notebooks" / "stale.ipynb").exists()  # what the builder wrote is replaced
    released = (out / "exchange" / "kamcourse" / "outbound" / "t1" / "t1.ipynb").read_text(encoding="utf-8")
    assert "41 + 1" not in released and "NotImplementedError" in released
    other = tmp_path / "other"
    other.mkdir()
    (other / "thesis.docx").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not a student edition"):
        build_student_edition(other, course=course, out=devnull)


# --------------------------------------------------------------------------- working copies, settings


def test_lessons_are_copied_once_and_never_overwritten(tmp_path: Path) -> None:
    work = tmp_path / "work"
    first = copy_lessons(work)
    assert Path("00_start_here.ipynb") in first.copied and Path("zh/00_start_here.ipynb") in first.copied
    assert Path("datasets/README.md") in first.copied  # the datasheet the start notebook names
    (work / "01_key_accounts.ipynb").write_text("my notes", encoding="utf-8")
    (work / "02_kam_economics.ipynb").unlink()
    again = copy_lessons(work)
    assert again.copied == [Path("02_kam_economics.ipynb")]
    assert (work / "01_key_accounts.ipynb").read_text(encoding="utf-8") == "my notes"
    with pytest.raises(ValueError, match="outside the course's lessons"):
        copy_lessons(ROOT / "notebooks" / "work")


def test_cli_lessons_and_student_edition_commands(tmp_path: Path, capsys) -> None:
    from kamcourse.cli import main

    assert main(["lessons", str(tmp_path / "w")]) == 0
    assert "file(s) copied" in capsys.readouterr().out and (tmp_path / "w" / "06_clv.ipynb").is_file()
    assert main(["student-edition", str(tmp_path / "e"), "--assignments", "no_such"]) == 2
    assert "no assignment 'no_such'" in capsys.readouterr().err


def test_student_settings_switch_the_instructor_tools_off(tmp_path: Path) -> None:
    student = tmp_path / "student"
    settings.write_jupyter_config(student, "student", exchange=tmp_path / "exchange", assignment_dir=tmp_path / "w")
    page = json.loads((student / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert page == {"@jupyter/nbgrader:formgrader": True, "@jupyter/nbgrader:create-assignment": True}
    server = json.loads((student / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"nbgrader.server_extensions.formgrader": False}
    nbgrader = json.loads((student / "nbgrader_config.json").read_text())
    assert nbgrader["Exchange"] == {"root": str((tmp_path / "exchange").resolve()), "assignment_dir": str(tmp_path / "w")}
    assert (tmp_path / "exchange" / "kamcourse" / "inbound").is_dir()
    overrides = json.loads((student / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
    # no exchange: the Assignments tab is hidden rather than broken
    bare = tmp_path / "bare"
    settings.write_jupyter_config(bare, "student")
    hidden = json.loads((bare / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert "@jupyter/nbgrader:assignment-list" in hidden and not (bare / "nbgrader_config.json").exists()
    # the instructor keeps every tool
    teacher = tmp_path / "teacher"
    settings.write_jupyter_config(teacher, "instructor", exchange=tmp_path / "exchange")
    assert json.loads((teacher / "labconfig" / "page_config.json").read_text())["disabledExtensions"] == {}
    with pytest.raises(ValueError, match="role must be one of"):
        settings.write_jupyter_config(tmp_path / "x", "admin")


# --------------------------------------------------------------------------- open clean


def _makefile_display_name() -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    names = set(re.findall(r'ipykernel install .*--display-name "([^"]+)"', makefile))
    assert len(names) == 1, names
    return names.pop()


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").rglob("*.ipynb")) + SOURCES,
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_declare_the_kernel_set_up_registers(path: Path) -> None:
    """JupyterLab rewrites a notebook's kernelspec when its display name differs from the registered one."""
    spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert spec["name"] == "python3" and spec["display_name"] == _makefile_display_name(), spec
    template = (ROOT / "kamcourse" / "edition" / "template" / "Makefile").read_text(encoding="utf-8")
    assert f'--display-name "{spec["display_name"]}"' in template


def _as_jupyterlab_saves_after_running(path: Path) -> dict:
    """The notebook as JupyterLab sends it to be saved after running every cell with widget state on."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "execute_result", "execution_count": n + 1, "metadata": {},
                            "data": {"text/plain": "0.787658017258217"}}]
        cell["metadata"]["execution"] = {"iopub.status.idle": "2026-11-29T12:00:00Z"}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.2", "mimetype": "text/x-python"}
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3 (other)", "language": "python"}
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    return nb


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").rglob("*.ipynb")) + SOURCES,
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_checkout_saves_a_run_notebook_byte_for_byte_as_committed(path: Path) -> None:
    """make lab's pre-save hook: a tracked notebook, run and saved, is written exactly as it is on disk
    (jupyter_server writes with nbformat.writes; git then sees no change)."""

    class Manager:
        root_dir = str(ROOT)

    model = {"type": "notebook", "content": _as_jupyterlab_saves_after_running(path)}
    keep_sources_clean(model, str(path.relative_to(ROOT)), contents_manager=Manager())
    written = nbformat.writes(nbformat.from_dict(model["content"]), version=nbformat.NO_CONVERT)
    assert written + ("\n" if not written.endswith("\n") else "") == path.read_text(encoding="utf-8")


def test_the_hook_leaves_other_notebooks_alone(tmp_path: Path) -> None:
    nb = _as_jupyterlab_saves_after_running(ROOT / "notebooks" / "02_kam_economics.ipynb")
    model = {"type": "notebook", "content": json.loads(json.dumps(nb))}
    keep_sources_clean(model, "work/02_kam_economics.ipynb")
    assert model["content"] == nb
    with pytest.raises(TypeError, match="notebook must be"):
        strip_run({"metadata": {}})


def test_git_sees_the_saved_lesson_unchanged(tmp_path: Path) -> None:
    """The same in a git checkout: after the hook's save, `git status` is clean."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "01_key_accounts.ipynb", repo / "notebooks")
    shutil.copy(ROOT / ".gitignore", repo)  # the checkout's: checkpoints, exchange/, release/ ... are ignored
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "lessons"], check=True)
    from jupyter_server.services.contents.filemanager import FileContentsManager

    manager = FileContentsManager(root_dir=str(repo), pre_save_hook=keep_sources_clean)
    path = "notebooks/01_key_accounts.ipynb"
    manager.save({"type": "notebook", "format": "json",
                  "content": _as_jupyterlab_saves_after_running(repo / path)}, path)
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True, check=True).stdout == ""


def test_secrets_dataclass_defaults() -> None:
    assert Secrets().lines == {} and find_secrets(ROOT / "kamcourse" / "glossary", Secrets()) == []


# --------------------------------------------------------------------------- what the README and 00_start_here say


def _markdown(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("lang, folder, first", [("en", "notebooks", "a00_getting_started"),
                                                 ("zh", "notebooks/zh", "a00_getting_started_zh")])
def test_the_start_notebook_says_how_assignments_really_arrive(lang: str, folder: str, first: str) -> None:
    """00_start_here names the menu the browser test clicks (Nbgrader › Assignment List, Fetch, Validate), the
    other way (a file from the teacher), and a first assignment that exists."""
    text = _markdown(ROOT / folder / "00_start_here.ipynb")
    assert "*Nbgrader › Assignment List*" in text and "**Fetch**" in text and "**Validate**" in text
    assert f"`{first}`" in text and (ROOT / "assignments" / first).is_dir()
    assert ("e-mail" in text and "LMS" in text) if lang == "en" else ("电子邮件" in text and "课程平台" in text)


def test_the_readme_separates_the_students_path_from_the_instructors() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", readme, flags=re.M)
    student = next(s for s in sections if s.startswith("For students"))
    assert "student edition" in student and "kamcourse lab kamcourse-work" in student and "`pip install`" in student
    assert "make student-edition" not in student  # the instructor's command is in the instructor's section
    assert "make student-edition" in next(s for s in sections if s.startswith("For instructors: the student edition"))
    assert readme.index("## For students") < readme.index("## For instructors")
    from kamcourse.cli import main

    with pytest.raises(SystemExit) as shown:  # the command the student section names exists
        main(["lab", "--help"])
    assert shown.value.code == 0

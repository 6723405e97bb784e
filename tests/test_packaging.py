"""Packaging and set-up: pyproject and environment.yml agree, the command works, the house rules hold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _normalise(req: str) -> tuple[str, str]:
    req = req.split("#")[0].strip()
    m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_yml() -> tuple[dict[str, str], dict[str, str]]:
    conda, pip = {}, {}
    section = None
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("dependencies:"):
            section = "conda"
            continue
        if stripped == "- pip:":
            section = "pip"
            continue
        if section and stripped.startswith("- ") and stripped not in ("- pip",):
            item = stripped[2:].strip()
            if item.startswith("-e") or item.startswith("python"):
                continue
            name, spec = _normalise(item)
            (pip if section == "pip" else conda)[name] = spec
    return conda, pip


def test_environment_yml_matches_pyproject() -> None:
    project = _pyproject()["project"]
    runtime = dict(_normalise(r) for r in project["dependencies"])
    extras = project["optional-dependencies"]
    test_extra = dict(_normalise(r) for name in ("test", "site") for r in extras[name])
    conda, pip = _environment_yml()
    assert conda == runtime, f"environment.yml conda deps differ from pyproject: {conda} vs {runtime}"
    assert pip == test_extra, f"environment.yml pip deps differ from the test and site extras: {pip} vs {test_extra}"


def test_python_requirement() -> None:
    assert _pyproject()["project"]["requires-python"] == ">=3.10"


def test_nbgrader_compatible_pins() -> None:
    """nbgrader 0.9.6 needs jupyterlab >=4.2,<5 and notebook >=7.2,<8 (nbgrader's own metadata)."""
    deps = dict(_normalise(r) for r in _pyproject()["project"]["dependencies"])
    assert deps["nbgrader"] == "==0.9.6"
    assert deps["jupyterlab"] == ">=4.2,<5"
    assert deps["notebook"] == ">=7.2,<8"


def test_command_help_and_version() -> None:
    exe = Path(sys.executable).with_name("kamcourse")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True).stdout
    import kamcourse

    assert out.strip() == f"kamcourse {kamcourse.__version__}"
    help_text = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    assert "usage: kamcourse" in help_text and "make lab" in help_text


def test_nbgrader_config() -> None:
    text = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    assert 'c.CourseDirectory.source_directory = "assignments"' in text
    assert "c.OverwriteCells.add_missing_cells = True" in text
    assert re.search(r"c\.Execute\.timeout = \d+", text)


@pytest.mark.parametrize(
    "pattern",
    ["gradebook.db", "release/", "submitted/", "autograded/", "feedback/", ".venv/", ".ipynb_checkpoints/"],
)
def test_gitignore_keeps_grading_stages_out(pattern: str) -> None:
    assert pattern in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make lab" in head and "make test" in head
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_import_is_cheap() -> None:
    """Importing kamcourse and its concept modules must not pull in the heavy libraries."""
    code = (
        "import sys, kamcourse, kamcourse.i18n, kamcourse.data\n"
        "import importlib, pkgutil\n"
        "for m in ['accounts','economics','relationship','value','lifecycle','clv','satisfaction','loyalty','development']:\n"
        "    try: importlib.import_module('kamcourse.' + m)\n"
        "    except ModuleNotFoundError as e:\n"
        "        if e.name != 'kamcourse.' + m: raise\n"
        "heavy = [m for m in ('matplotlib', 'scipy', 'ipywidgets', 'nbgrader') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"import kamcourse loads {out}"

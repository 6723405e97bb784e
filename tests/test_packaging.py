"""Packaging and set-up: pyproject, environment.yml and uv.lock agree, the command works, the house rules hold."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _normalise(req: str) -> tuple[str, str]:
    req = req.split("#")[0].strip()
    m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_yml() -> tuple[dict[str, str], dict[str, str]]:
    """The conda and the pip dependencies of environment.yml, name -> specifier (python included)."""
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
            if item.startswith("-e"):
                continue
            name, spec = _normalise(item)
            (pip if section == "pip" else conda)[name] = spec
    return conda, pip


def _extras() -> dict[str, str]:
    """Every optional dependency of every extra, name -> specifier (what `make setup` installs with the runtime)."""
    out: dict[str, str] = {}
    for reqs in _pyproject()["project"]["optional-dependencies"].values():
        out.update(_normalise(r) for r in reqs)
    return out


def test_environment_yml_matches_pyproject() -> None:
    project = _pyproject()["project"]
    runtime = dict(_normalise(r) for r in project["dependencies"])
    conda, pip = _environment_yml()
    assert conda.pop("python") == project["requires-python"]
    assert conda == runtime, f"environment.yml conda deps differ from pyproject: {conda} vs {runtime}"
    assert pip == _extras(), f"environment.yml pip deps differ from pyproject's extras: {pip} vs {_extras()}"


def test_python_requirement() -> None:
    """nbgrader 0.9.6 (pinned below) requires Python >= 3.11, so the kit cannot promise 3.10."""
    assert _pyproject()["project"]["requires-python"] == ">=3.11"


# --------------------------------------------------------------------------- the lock (uv.lock)

RUN_MAKE_LOCK = "pyproject.toml changed without the lock: run `make lock` and commit uv.lock (docs/CONTRIBUTING.md)"


@functools.lru_cache(maxsize=1)
def _lock() -> dict:
    return tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))


def _locked_root(lock: dict) -> dict:
    (root,) = [p for p in lock["package"] if p.get("source") == {"editable": "."}]
    return root


def _declared() -> set[tuple[str, str, str]]:
    """(name, specifier, extra or "") for every dependency pyproject declares."""
    project = _pyproject()["project"]
    groups = {"": project["dependencies"], **project["optional-dependencies"]}
    out = set()
    for extra, reqs in groups.items():
        for text in reqs:
            req = Requirement(text)
            out.add((canonicalize_name(req.name), str(SpecifierSet(str(req.specifier))), extra))
    return out


def test_lock_records_the_dependencies_of_pyproject() -> None:
    """uv.lock was made from this pyproject: same Python range, same dependencies and ranges, same extras."""
    lock = _lock()
    project = _pyproject()["project"]
    assert lock["requires-python"] == project["requires-python"], RUN_MAKE_LOCK
    root = _locked_root(lock)
    assert root["name"] == project["name"]
    recorded = set()
    for dep in root["metadata"]["requires-dist"]:
        extra = re.search(r"extra == '([^']+)'", dep.get("marker", ""))
        recorded.add((canonicalize_name(dep["name"]), str(SpecifierSet(dep.get("specifier", ""))),
                      extra.group(1) if extra else ""))
    declared = _declared()
    assert recorded == declared, (
        f"{RUN_MAKE_LOCK}\nonly in pyproject: {sorted(declared - recorded)}\nonly in uv.lock: {sorted(recorded - declared)}"
    )
    assert sorted(root["metadata"].get("provides-extras", [])) == sorted(project["optional-dependencies"])


def test_locked_versions_are_inside_the_ranges() -> None:
    """Every version the lock pins for a direct dependency is one that pyproject's range allows."""
    pinned: dict[str, list[str]] = {}
    for package in _lock()["package"]:
        pinned.setdefault(canonicalize_name(package["name"]), []).append(package["version"])
    for name, spec, _extra in _declared():
        assert name in pinned, f"{name} is not in uv.lock: {RUN_MAKE_LOCK}"
        outside = [v for v in pinned[name] if Version(v) not in SpecifierSet(spec)]
        assert not outside, f"uv.lock pins {name} {outside}, outside {spec}: {RUN_MAKE_LOCK}"


def test_lock_has_hashes_for_every_file() -> None:
    """`make setup` installs only files whose sha256 the lock records (uv checks them on install)."""
    missing = []
    for package in _lock()["package"]:
        if package.get("source", {}).get("registry"):
            files = list(package.get("wheels", [])) + ([package["sdist"]] if "sdist" in package else [])
            assert files, package["name"]
            missing += [f["url"] for f in files if not f.get("hash", "").startswith("sha256:")]
    assert not missing, missing[:5]


# The platforms the README promises: name -> (marker environment, wheel platform tags; None: macOS's own list)
PLATFORMS = {
    "linux-x86_64": ({"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64",
                      "os_name": "posix"},
                     [f"manylinux_2_{i}_x86_64" for i in range(35, 16, -1)]
                     + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]),
    "macos-arm64": ({"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "arm64",
                     "os_name": "posix"}, None),
    "windows-amd64": ({"sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
                       "os_name": "nt"}, ["win_amd64"]),
}
PYTHONS = ("3.11.2", "3.12.0", "3.13.0", "3.14.0")


def _installed_set(lock: dict, env: dict[str, str]) -> list[dict]:
    """The locked packages an install of the kit with every extra takes in this marker environment."""
    from packaging.markers import Marker

    by_name: dict[str, list[dict]] = {}
    for package in lock["package"]:
        by_name.setdefault(package["name"], []).append(package)

    def applies(marker: str | None) -> bool:
        return marker is None or Marker(marker).evaluate({**env, "extra": ""})

    root = _locked_root(lock)
    edges = list(root.get("dependencies", []))
    for group in root.get("optional-dependencies", {}).values():
        edges += group
    seen: dict[tuple[str, str], dict] = {}
    while edges:
        edge = edges.pop()
        if not applies(edge.get("marker")):
            continue
        candidates = [p for p in by_name[edge["name"]] if "version" not in edge or p["version"] == edge["version"]]
        (package,) = candidates
        key = (package["name"], package["version"])
        if key not in seen:
            seen[key] = package
            edges += package.get("dependencies", [])
    return list(seen.values())


#: Packages PyPI has no wheel of, whose source package is pure Python (it installs without a compiler), and why
#: the kit needs each.
PURE_PYTHON_SDISTS = {"jieba": "Chinese word splitting for the course website's search (Sphinx's zh search)"}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_locked_package_has_a_wheel_for_the_promised_platforms(platform: str) -> None:
    """For Python 3.11-3.14 on this platform, each package the lock installs has a wheel (nobody compiles),
    or is one of the few pure-Python source packages named in PURE_PYTHON_SDISTS."""
    from packaging.tags import compatible_tags, cpython_tags, mac_platforms
    from packaging.utils import parse_wheel_filename

    env, platforms = PLATFORMS[platform]
    if platforms is None:
        platforms = list(mac_platforms((14, 0), "arm64"))
    lock = _lock()
    missing = []
    for full in PYTHONS:
        version = tuple(int(x) for x in full.split(".")[:2])
        tags = set(cpython_tags(version, platforms=platforms)) | set(compatible_tags(version, platforms=platforms))
        marker_env = {**env, "python_version": full.rsplit(".", 1)[0], "python_full_version": full,
                      "implementation_name": "cpython", "platform_python_implementation": "CPython"}
        packages = _installed_set(lock, marker_env)
        assert len(packages) > 100
        for package in packages:
            wheels = [w["url"].rsplit("/", 1)[1] for w in package.get("wheels", [])]
            if package["name"] in PURE_PYTHON_SDISTS and not wheels:
                assert package.get("sdist"), f"{package['name']} has neither a wheel nor a source package in the lock"
                continue
            if not any(set(parse_wheel_filename(w)[3]) & tags for w in wheels):
                missing.append(f"{package['name']} {package['version']} (Python {full})")
    assert not missing, f"no wheel for {platform}: {missing}"


def _uv() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def test_lock_is_current() -> None:
    """uv's own check (offline): the lock satisfies pyproject.toml as it is now."""
    done = subprocess.run([_uv(), "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{RUN_MAKE_LOCK}\n{done.stderr}"


def test_the_environment_is_the_lock() -> None:
    """The environment the tests run in holds exactly the locked versions (what `make setup` promises)."""
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip(f"the tests run in {sys.prefix}, not in the .venv that `make setup` builds from uv.lock")
    env = {k: v for k, v in os.environ.items() if k not in ("UV_PROJECT_ENVIRONMENT", "VIRTUAL_ENV")}
    done = subprocess.run([_uv(), "sync", "--locked", "--all-extras", "--check", "--offline"], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, f"the environment differs from uv.lock (run `make setup`):\n{done.stderr}"


def test_makefile_debian_packages_and_apt_lock() -> None:
    """One variable lists the Debian packages; every apt-get waits for the dpkg lock (others may be installing)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^DEBIAN_PACKAGES\s*:?=\s*\S", text, re.M)
    assert "$(DEBIAN_PACKAGES)" in text
    calls = re.findall(r"apt-get\b[^\n;&|]*?\b(?:update|install)\b", text)
    assert calls and all("-o DPkg::Lock::Timeout=" in c for c in calls), calls
    for target in ("setup:", "lock:", "upgrade:", "test:", "lab:"):
        assert re.search(rf"^{target}", text, re.M), target
    assert "export --locked" in text and "--require-hashes" in text


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

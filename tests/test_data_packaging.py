"""The wheel carries the datasets, and an installed kit finds them from anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _listed_packages() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    """The packages are listed by hand (the mapped kamcourse._datasets is invisible to find):
    a folder of kamcourse/ with Python files that is missing from the list would be left out of the wheel."""
    listed = set(_listed_packages())
    found = set()
    for path in (ROOT / "kamcourse").rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        found.add(".".join(path.parent.relative_to(ROOT).parts))
    missing = sorted(found - listed)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"
    assert {"kamcourse._datasets", "kamcourse._datasets.instructor", "kamcourse.glossary"} <= listed


def _build_wheel(tmp: Path) -> Path:
    """Build from a copy of the sources, so the shared work tree gets no build/ or egg-info."""
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "kamcourse", src / "kamcourse", ignore=ignore)
    shutil.copytree(ROOT / "datasets", src / "datasets", ignore=ignore)
    dist = tmp / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stdout}\n{done.stderr}")
    (wheel,) = dist.glob("kamcourse-*.whl")
    return wheel


@pytest.mark.slow
def test_wheel_carries_the_datasets_and_loads_outside_the_repo(tmp_path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in ("customers", "orders", "prospects"):
        assert f"kamcourse/_datasets/{table}.csv" in names
    assert "kamcourse/_datasets/instructor/lifecycle_stages.csv" in names
    assert "kamcourse/_datasets/SHA256SUMS" in names
    assert "kamcourse/_datasets/README.md" in names
    assert "kamcourse/glossary/data.csv" in names
    # the practice CRM: its catalogue, templates and migrations travel with it
    for name in ("kamcourse/practice/locale/zh_Hans/LC_MESSAGES/django.po",
                 "kamcourse/practice/web/stats/templates/stats/business.html",
                 "kamcourse/practice/web/accounts/templates/admin/base_site.html",
                 "kamcourse/practice/web/sales/migrations/0002_expected_close_date.py"):
        assert name in names, name

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    code = (
        "import kamcourse.data as d\n"
        "print(d.__file__)\n"
        "print(d.data_folder())\n"
        "print(len(d.load('orders')), len(d.load_answers('lifecycle_stages')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("KAMCOURSE_DATA_DIR",)}
    env["PYTHONPATH"] = str(target)
    env["KAMCOURSE_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                         check=True).stdout.splitlines()
    assert Path(out[0]).is_relative_to(target), out[0]
    assert Path(out[1]) == target / "kamcourse" / "_datasets"
    n_orders, n_stages = map(int, out[2].split())
    assert n_stages == 300 and n_orders > 20_000

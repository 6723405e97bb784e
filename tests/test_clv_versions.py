"""The CLV docstring examples at both ends of the dependency ranges pyproject.toml allows.

`make setup` installs the lock; a `pip install kamcourse` user gets whatever the ranges allow on that
day. The fits (scipy's optimiser on numpy/pandas data) are what moves with those versions, so the
clv examples run here in a fresh environment built by uv with the lowest versions the ranges allow
(`--resolution lowest-direct`) and with the newest ones on PyPI today (`--resolution highest`).
Wheels only: on a Python too new for the lowest release, uv takes the lowest release that has a wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.version import Version
from peers import in_ci

ROOT = Path(__file__).resolve().parents[1]
NUMERIC = ("numpy", "scipy", "pandas")  # what kamcourse.clv and kamcourse.data.load_cdnow import
CLV_MODULES = ["kamcourse.clv", "kamcourse.clv.formula", "kamcourse.clv.rfm", "kamcourse.clv.bgnbd",
               "kamcourse.clv.gamma_gamma", "kamcourse.clv.predicted"]
OFFLINE_WORDS = ("failed to fetch", "dns error", "connect", "network", "timed out", "offline")

RUN_EXAMPLES = """
import doctest, importlib, json, sys
from importlib.metadata import version
failed = {}
for name in sys.argv[1:]:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    if result.failed or not result.attempted:
        failed[name] = [result.failed, result.attempted]
print(json.dumps({"versions": {p: version(p) for p in ("numpy", "scipy", "pandas")}, "failed": failed}))
"""


def _ranges() -> list[Requirement]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    reqs = [Requirement(d) for d in deps]
    return [r for r in reqs if r.name in NUMERIC]


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


@pytest.mark.slow
@pytest.mark.parametrize("resolution", ["lowest-direct", "highest"])
def test_clv_examples_at_the_ends_of_the_ranges(resolution: str, tmp_path: Path) -> None:
    from uv import find_uv_bin

    uv = find_uv_bin()
    env = {**{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")},
           "UV_PYTHON_DOWNLOADS": "never"}
    venv = tmp_path / "venv"
    done = _run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], env=env)
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    ranges = _ranges()
    assert {r.name for r in ranges} == set(NUMERIC)
    install = [uv, "pip", "install", "--quiet", "--python", str(python), "--resolution", resolution,
               "--only-binary", ":all:", *map(str, ranges)]
    done = _run(install, env=env)
    if done.returncode != 0:
        if not in_ci() and any(w in done.stderr.lower() for w in OFFLINE_WORDS):
            pytest.skip(f"PyPI is not reachable, cannot build the {resolution} environment: {done.stderr[-300:]}")
        pytest.fail(f"uv could not install {resolution} versions of {[str(r) for r in ranges]}:\n{done.stderr}")

    done = _run([str(python), "-c", RUN_EXAMPLES, *CLV_MODULES], env={**env, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    versions = {name: Version(v) for name, v in report["versions"].items()}
    print(resolution, {k: str(v) for k, v in versions.items()})
    assert not report["failed"], (
        f"clv examples failed (failed, attempted) with {resolution} versions {report['versions']}: {report['failed']}\n"
        + done.stdout[-4000:]
    )
    for req in ranges:
        assert versions[req.name] in req.specifier, (req, versions[req.name])
        if resolution == "lowest-direct" and sys.version_info < (3, 13):
            # the lowest release series of each range has wheels up to Python 3.12
            lower = min(Version(s.version) for s in req.specifier if s.operator in (">=", "=="))
            assert versions[req.name].release[:2] == lower.release[:2], (req, versions[req.name])

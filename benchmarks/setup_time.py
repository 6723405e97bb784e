"""How long `make setup` takes from nothing: a fresh clone, with a warm and with a cold package cache.

Goals (issue 10): under 60 s with a warm cache (the packages already downloaded once on this
machine: a teacher re-creating an environment, CI on a used machine), under 3 minutes with a cold
one (a fresh package cache: everything downloaded from PyPI and npm), on 2 cores.

Each run clones the committed state of this repository (HEAD) into a new temporary folder and runs
`make setup` there. "Warm" uses the machine's usual caches (uv, pip, npm); "cold" points uv, pip and
npm at new empty cache folders. The Debian packages are not part of the measurement (they are
installed once per machine; `make setup` only checks them). Prints the times against the goals, the
machine's load before and after each run, and how much a cold set-up downloads.

    python benchmarks/setup_time.py            # warm, then cold
    python benchmarks/setup_time.py --warm     # warm only (no large download)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"warm": 60.0, "cold": 180.0}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} (1/5 min) on {os.cpu_count()} cores"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _setup(kind: str, scratch: Path) -> tuple[float, str]:
    clone = scratch / f"clone-{kind}"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "MAKEFLAGS")}
    caches = scratch / f"caches-{kind}"
    if kind == "cold":
        env.update(UV_CACHE_DIR=str(caches / "uv"), PIP_CACHE_DIR=str(caches / "pip"),
                   npm_config_cache=str(caches / "npm"))
    before = _load()
    start = time.perf_counter()
    done = subprocess.run(["make", "setup"], cwd=clone, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"make setup ({kind}) failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines()]
    steps = [line for line in lines if line.startswith(("Resolved", "Prepared", "Installed", "added"))]
    note = f"{before}; after: {_load()}"
    if kind == "cold":
        note += f"; downloaded into the fresh caches: {_size(caches) / 1e6:.0f} MB"
    if steps:
        note += "; " + ", ".join(steps)
    return elapsed, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="measure the warm set-up only")
    args = parser.parse_args()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    if dirty.strip():
        print("note: the work tree has uncommitted changes; the clones hold HEAD only")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"make setup from a fresh clone of {head.strip()} ({sys.platform}, {os.cpu_count()} cores)")
    kinds = ["warm"] if args.warm else ["warm", "cold"]
    scratch = Path(tempfile.mkdtemp(prefix="kamcourse-setup-time-"))
    try:
        for kind in kinds:
            elapsed, note = _setup(kind, scratch)
            goal = GOALS[kind]
            verdict = "within" if elapsed <= goal else "OVER"
            print(f"{kind:>5}: {elapsed:6.1f} s   goal < {goal:.0f} s   ratio {elapsed / goal:.2f}  {verdict}")
            print(f"       {note}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

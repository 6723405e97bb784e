"""How long `make site` takes: the whole website, both languages, from an empty execution cache, then warm.

Target (issue 20): under 180 s on 2 cores. Every lesson and case has its Chinese notebook, so
the cold build executes every notebook twice (English and Chinese kernels). Peer: `jupyter
nbconvert --to html --execute` of the same English notebooks one after the other (the plain way to
get executed HTML pages, with no site, no search, no second language). Prints the cold build, a
warm rebuild (execution cache and Sphinx environment kept, nothing changed), the peer, and the
ratios, each with its wall time and the CPU seconds it used (this process and every process it
waited for: Sphinx, the kernels). The machine may be shared: wall time grows with the load average
printed before and after, CPU seconds much less; on 2 idle cores the wall time cannot be less
than half the CPU seconds.

    .venv/bin/python benchmarks/site_build.py [--jobs N] [--no-peer]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "website"))

import build  # noqa: E402

TARGET = 180.0
CORES = 2


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (Sphinx, kernels, nbconvert)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(step: Callable[[], object]) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds and the result of ``step()``."""
    wall, cpu = time.perf_counter(), _cpu()
    result = step()
    return time.perf_counter() - wall, _cpu() - cpu, result


def _nbconvert(notebooks: list[Path], out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    for nb in notebooks:
        # the site's cell timeout: without one, a reply whose wake-up pyzmq misses (nbclient issue 312) waits forever
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", "--output-dir",
                        str(out), f"--ExecutePreprocessor.timeout={build.EXECUTION_TIMEOUT}", str(nb)],
                       check=True, env=env, capture_output=True)


def _steps(seconds: dict[str, float]) -> str:
    return ", ".join(f"{step} {s:.0f} s" for step, s in seconds.items())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at a time (default: one per core)")
    parser.add_argument("--no-peer", action="store_true", help="skip the nbconvert peer (it takes minutes)")
    args = parser.parse_args(argv)
    english = [p.en for p in build.pages() if p.en.suffix == ".ipynb"]
    chinese = [p.zh for p in build.pages() if p.zh is not None and p.zh.suffix == ".ipynb"]
    print(f"pages: {len(build.pages())} per language; notebooks executed: {len(english)} English, {len(chinese)} Chinese;"
          f" {args.jobs or os.cpu_count()} at a time; {os.cpu_count()} cores", flush=True)
    print(f"load average (1 min) before: {os.getloadavg()[0]:.1f} (shared machine: wall times grow with the load)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        cold, cold_cpu, steps = _measure(lambda: build.build(out, jobs=args.jobs))
        print(f"make site, cold cache : {cold:6.1f} s wall, {cold_cpu:6.1f} CPU s  ({_steps(steps)});"
              f" load average after {os.getloadavg()[0]:.1f}", flush=True)
        warm, warm_cpu, steps = _measure(lambda: build.build(out, jobs=args.jobs))
        print(f"make site, warm cache : {warm:6.1f} s wall, {warm_cpu:6.1f} CPU s  ({_steps(steps)})", flush=True)
        if not args.no_peer:
            peer, peer_cpu, _ = _measure(lambda: _nbconvert(english, Path(tmp) / "nbconvert"))
            print(f"peer: nbconvert --execute of the {len(english)} English notebooks: {peer:6.1f} s wall,"
                  f" {peer_cpu:6.1f} CPU s; site (both languages) / peer = {cold / peer:.2f} wall,"
                  f" {cold_cpu / peer_cpu:.2f} CPU", flush=True)
    verdict = "met" if cold < TARGET else "NOT met"
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.1f}")
    print(f"target {TARGET:.0f} s on {CORES} cores, cold: {verdict} at this load ({cold:.0f} s = {cold / TARGET:.2f} x);"
          f" the CPU seconds alone need at least {cold_cpu / CORES:.0f} s on {CORES} idle cores"
          f" = {cold_cpu / CORES / TARGET:.2f} x the target")


if __name__ == "__main__":
    main()

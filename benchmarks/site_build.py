"""How long `make site` takes: the whole website, both languages, from an empty execution cache.

Target (issue 20): under 180 s on 2 cores. Peer: `jupyter nbconvert --to html --execute` of
the same English notebooks one after the other (the plain way to get executed HTML pages, with
no site, no search, no second language). Prints the cold build, a warm rebuild (execution cache
kept), the peer, and the ratios. The machine may be shared: the script prints the load average
before and after, since other work on the cores lengthens every number.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "website"))

import build  # noqa: E402

TARGET = 180.0


def _nbconvert(notebooks: list[Path], out: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    start = time.perf_counter()
    for nb in notebooks:
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", "--output-dir",
                        str(out), str(nb)], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        per_lang = build.build(out)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        build.build(out)
        warm = time.perf_counter() - start
        english = [p.en for p in build.pages() if p.en.suffix == ".ipynb"]
        chinese = [p.zh for p in build.pages() if p.zh is not None and p.zh.suffix == ".ipynb"]
        peer = _nbconvert(english, Path(tmp) / "nbconvert")
    print(f"pages: {len(build.pages())} per language; notebooks executed: {len(english)} English, {len(chinese)} Chinese")
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} (2 cores; shared machine)")
    print(f"make site, cold cache : {cold:6.1f} s  ({', '.join(f'{k} {v:.0f} s' for k, v in per_lang.items())})"
          f"  = {cold / TARGET:.2f} x the 180 s target")
    print(f"make site, warm cache : {warm:6.1f} s")
    print(f"peer: nbconvert --execute of the English notebooks: {peer:6.1f} s;"
          f" site (both languages) / peer = {cold / peer:.2f}")


if __name__ == "__main__":
    main()

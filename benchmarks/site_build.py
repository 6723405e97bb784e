"""How long `make site` takes: the whole website, both languages, from an empty execution cache.

Target (issue 20): under 180 s on 2 cores. While the Chinese notebooks are not all written
(``notebooks/zh/``), a second cold build projects the finished course: a copy of the sources in
which every lesson and case missing in Chinese is its English notebook run with Chinese labels,
so both languages execute every notebook. Peer: `jupyter nbconvert --to html --execute` of
the same English notebooks one after the other (the plain way to get executed HTML pages, with
no site, no search, no second language). Prints the cold build, a warm rebuild (execution cache
kept), the peer, and the ratios. The machine may be shared: the script prints the load average
before and after, since other work on the cores lengthens every number.
"""

from __future__ import annotations

import json
import os
import shutil
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


def _full_chinese_tree(tmp: Path) -> Path:
    """A copy of the sources where every missing Chinese notebook is the English one with Chinese labels."""
    root = tmp / "projection"
    for folder in ("notebooks", "docs", "datasets"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("*.csv", ".ipynb_checkpoints"))
    for page in build.pages(root):
        if page.en.suffix == ".ipynb" and page.zh is None:
            target = root / "notebooks" / "zh" / page.en.relative_to(root / "notebooks")
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.en.read_text(encoding="utf-8")
            target.write_text(text.replace(json.dumps('i18n.set_language("en")')[1:-1],
                                           json.dumps('i18n.set_language("zh")')[1:-1]), encoding="utf-8")
    return root


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
        projection_root = _full_chinese_tree(Path(tmp))
        start = time.perf_counter()
        projected = build.build(Path(tmp) / "projection-site", root=projection_root)
        both = time.perf_counter() - start
    print(f"pages: {len(build.pages())} per language; notebooks executed: {len(english)} English, {len(chinese)} Chinese")
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} (2 cores; shared machine)")
    print(f"make site, cold cache : {cold:6.1f} s  ({', '.join(f'{k} {v:.0f} s' for k, v in per_lang.items())})"
          f"  = {cold / TARGET:.2f} x the 180 s target")
    print(f"make site, warm cache : {warm:6.1f} s")
    print(f"projection, every notebook in both languages, cold: {both:6.1f} s"
          f"  ({', '.join(f'{k} {v:.0f} s' for k, v in projected.items())}) = {both / TARGET:.2f} x the target")
    print(f"peer: nbconvert --execute of the English notebooks: {peer:6.1f} s;"
          f" site (both languages) / peer = {cold / peer:.2f}")


if __name__ == "__main__":
    main()

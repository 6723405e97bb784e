"""Print a PDF handout of every lesson and case from the built site, with headless Chromium.

    python website/handouts.py --site _build/site --out _build/handouts

One PDF per lesson and case and per language (``<out>/<lang>/<page>.pdf``,
``cases/gree_gome`` becomes ``cases-gree_gome.pdf``); a Chinese page not yet
translated is skipped. Chromium prints the page as the site shows it, after
MathJax has set the formulas and the widgets manager has drawn the explorers'
starting state; the site's print style hides the navigation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import REPO, pages  # noqa: E402
from chromium import launch, serve_directory  # noqa: E402

__all__ = ["ready", "print_handouts", "main"]

#: Resolves when the page is ready to print: formulas typeset, embedded widgets drawn.
READY_SCRIPT = """async () => {
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    await window.MathJax.startup.promise;
  }
  const state = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  if (state) {
    for (let i = 0; i < 100 && !document.querySelector('.jupyter-widgets'); i++) {
      await new Promise(r => setTimeout(r, 100));
    }
  }
  return true;
}"""


def ready(page) -> None:
    """Wait until a site page is ready to print or to check (formulas and widgets rendered, fonts loaded)."""
    page.wait_for_load_state("load")
    page.evaluate(READY_SCRIPT)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def print_handouts(site: Path, out: Path, root: Path = REPO, langs: tuple[str, ...] = ("en", "zh"),
                   playwright=None) -> list[Path]:
    """Print every lesson and case of ``site`` to ``out/<lang>/``; return the PDFs written.

    ``playwright``: a running Playwright (sync API) to use; default, one started here.
    """
    if playwright is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as started:
            return print_handouts(site, out, root, langs, playwright=started)
    written: list[Path] = []
    selected = [p for p in pages(root) if p.kind in ("lesson", "case")]
    with serve_directory(site) as base, tempfile.TemporaryDirectory() as profile:
        context = launch(playwright, Path(profile))
        page = context.new_page()
        page.emulate_media(media="print")
        for lang in langs:
            for entry in selected:
                html = site / lang / f"{entry.docname}.html"
                if (lang == "zh" and entry.zh is None) or not html.is_file():
                    continue
                page.goto(f"{base}/{lang}/{entry.docname}.html")
                ready(page)
                target = out / lang / f"{entry.docname.replace('/', '-')}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), format="A4", print_background=True,
                         margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
                written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "_build" / "site")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "handouts")
    parser.add_argument("--root", type=Path, default=REPO, help="the site's source tree (default: this repository)")
    args = parser.parse_args(argv)
    if not (args.site / "en" / "index.html").is_file():
        parser.error(f"no site in {args.site}: run `make site` first")
    start = time.monotonic()
    written = print_handouts(args.site, args.out, root=args.root)
    print(f"{len(written)} handouts in {time.monotonic() - start:.0f} s: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

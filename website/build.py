"""Build the course website, English and Chinese, from the lessons, cases, guides and datasheet.

    python website/build.py                      # the whole site into _build/site/
    python website/build.py --only 02_kam_economics data --out /tmp/site   # a subset
    python website/build.py --root tests/site_fixture --out /tmp/fixture   # another source tree

Sources (``--root``, default the repository): ``notebooks/NN_*.ipynb`` (lessons),
``notebooks/cases/*.ipynb`` (cases), ``docs/*.md`` (guides), ``datasets/README.md``
(the datasheet). The Chinese tree takes ``notebooks/zh/<same path>``,
``docs/<name>.zh.md`` and ``datasets/README.zh.md``; a page that has no Chinese
source yet gets a short Chinese page saying so, with a link to the English
page, so both trees have the same pages and the language switch always lands
on the same page. The notebooks of both languages are executed first, one per
core at a time (``website/execute.py``), into the jupyter-cache MyST-NB reads
(its folder carries a digest of the package, translations, data and locked
versions, so a change there runs them again); then each language is one Sphinx
build, the two side by side, and a page is read again only when its source
changed. The shared
JavaScript (MathJax, RequireJS, the widgets HTML manager) is copied once from
``website/node_modules`` into ``<out>/_vendor/``: nothing is loaded from a CDN.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LANGS = ("en", "zh")
EXPLORER_CALL = re.compile(r"\b(\w+_explorer)\(")
# seconds per cell, here and in conf.py (nb_execution_timeout)
EXECUTION_TIMEOUT = 60

__all__ = ["Page", "pages", "stage", "copy_vendor", "build", "main"]


@dataclass(frozen=True)
class Page:
    """One page of the site: its name in both trees, its kind and its sources."""

    docname: str  # e.g. "02_kam_economics", "cases/gree_gome", "guides/classroom", "data"
    kind: str  # "lesson", "case", "guide", "data"
    en: Path
    zh: Path | None  # None: not translated yet


def _first_existing(*paths: Path) -> Path | None:
    return next((p for p in paths if p.is_file()), None)


def pages(root: Path = REPO) -> list[Page]:
    """Every page of the site, in reading order, with its English and (if any) Chinese source."""
    nb, docs = root / "notebooks", root / "docs"
    found: list[Page] = []
    for path in sorted(nb.glob("[0-9][0-9]_*.ipynb")):
        found.append(Page(path.stem, "lesson", path, _first_existing(nb / "zh" / path.name)))
    for path in sorted((nb / "cases").glob("*.ipynb")):
        found.append(Page(f"cases/{path.stem}", "case", path, _first_existing(nb / "zh" / "cases" / path.name)))
    guides = sorted(p for p in docs.glob("*.md") if not p.name.endswith(".zh.md"))
    # guides for teachers and trainers first, the contributors' conventions last
    guides.sort(key=lambda p: (p.stem.upper() == p.stem, p.stem))
    for path in guides:
        zh = _first_existing(docs / f"{path.stem}.zh.md", docs / "zh" / path.name)
        found.append(Page(f"guides/{path.stem}", "guide", path, zh))
    sheet = root / "datasets" / "README.md"
    if sheet.is_file():
        found.append(Page("data", "data", sheet, _first_existing(root / "datasets" / "README.zh.md")))
    return found


def _label(key: str, lang: str) -> str:
    from kamcourse import i18n

    return i18n.label(key, lang)


def _title(path: Path) -> str:
    """The first level-1 heading of a notebook or Markdown file."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.M)
    return match.group(1).strip() if match else path.stem


def _explorer_note(function: str, lang: str) -> str:
    """The note placed under an explorer: a web page has no kernel to recompute it."""
    from kamcourse import workshop

    name = workshop.page_for_explorer(function)
    if name is None:
        text = _label("site_explorer_note_lab", lang)
    else:
        command = f"kamcourse workshop {name}" + (" --lang zh" if lang == "zh" else "")
        text = _label("site_explorer_note", lang).format(command=command)
    return f":::{{note}}\n{text}\n:::"


def _staged_notebook(source: Path, lang: str) -> str:
    """A notebook's text with a note cell under every explorer (code cells are unchanged, so the cache holds)."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        cells.append(cell)
        if cell["cell_type"] == "code":
            match = EXPLORER_CALL.search("".join(cell["source"]))
            if match:
                cells.append({"cell_type": "markdown", "id": f"{cell.get('id', 'cell')}-site-note", "metadata": {},
                              "source": _explorer_note(match.group(1), lang)})
    nb["cells"] = cells
    return json.dumps(nb, ensure_ascii=False, indent=1)


def _placeholder(page: Page) -> str:
    """A Chinese page for a page not translated yet: the title, a sentence, a link to the English page."""
    up = "../" * (page.docname.count("/") + 1)
    return (
        f"# {_title(page.en)}\n\n{_label('site_not_translated', 'zh')}\n\n"
        f'<p><a class="kc-read-english" href="{up}en/{page.docname}.html" hreflang="en">'
        f"{_label('site_read_english', 'zh')} →</a></p>\n"
    )


def _index(selected: list[Page], lang: str) -> str:
    sections = [("lesson", "site_lessons"), ("case", "site_cases"), ("guide", "site_guides"), ("data", "site_data")]
    parts = [f"# {_label('site_title', lang)}\n", _label("site_intro", lang) + "\n"]
    for kind, key in sections:
        names = [p.docname for p in selected if p.kind == kind]
        if names:
            parts.append(f"```{{toctree}}\n:caption: {_label(key, lang)}\n:maxdepth: 1\n\n" + "\n".join(names) + "\n```\n")
    return "\n".join(parts)


def stage(lang: str, dest: Path, root: Path = REPO, only: list[str] | None = None) -> list[Page]:
    """Write the Sphinx source folder of one language; return the pages staged."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    selected = [p for p in pages(root) if only is None or p.docname in only]
    if only is not None:
        missing = sorted(set(only) - {p.docname for p in selected})
        if missing:
            raise ValueError(f"only names pages that do not exist: {missing}")
    files: dict[Path, str] = {dest / "index.md": _index(selected, lang)}
    for page in selected:
        source = page.en if lang == "en" else page.zh
        if source is None:
            files[dest / f"{page.docname}.md"] = _placeholder(page)
        elif source.suffix == ".ipynb":
            files[dest / f"{page.docname}.ipynb"] = _staged_notebook(source, lang)
        else:
            files[dest / f"{page.docname}{source.suffix}"] = source.read_text(encoding="utf-8")
    # a file is rewritten only when its text changes: Sphinx then reads again only the pages that changed
    for path in sorted(p for p in dest.rglob("*") if p.is_file()) if dest.exists() else []:
        if path not in files:
            path.unlink()
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return selected


def copy_vendor(out: Path, node_modules: Path = HERE / "node_modules") -> None:
    """Copy the JavaScript the pages load (MathJax, RequireJS, widgets HTML manager) into ``out/_vendor``."""
    needed = [node_modules / "mathjax" / "es5", node_modules / "requirejs" / "require.js",
              node_modules / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js"]
    absent = [str(p) for p in needed if not p.exists()]
    if absent:
        raise FileNotFoundError(f"missing {absent}: run `npm ci` in website/ (make site does)")
    vendor = out / "_vendor"
    if vendor.exists():
        shutil.rmtree(vendor)
    shutil.copytree(node_modules / "mathjax" / "es5", vendor / "mathjax",
                    ignore=shutil.ignore_patterns("*-svg*", "node-main.js", "mml-*"))
    shutil.copyfile(node_modules / "requirejs" / "require.js", vendor / "require.js")
    shutil.copytree(node_modules / "@jupyter-widgets" / "html-manager" / "dist", vendor / "html-manager",
                    ignore=shutil.ignore_patterns("*.map", "embed.js", "embed.js.LICENSE.txt", "libembed-amd.js"))
    (vendor / "widget-modules").mkdir()


def _landing(out: Path) -> None:
    """``out/index.html``: the two languages, no script, no redirect."""
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{"zh-CN" if lang == "zh" else "en"}">'
        f"{_label('site_title', lang)} · {_label('site_language_name', lang)}</a></li>"
        for lang in LANGS
    )
    out.joinpath("index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<link rel=\"icon\" href=\"en/_static/favicon.svg\"><title>kamcourse</title></head>\n<body style=\"font-family: sans-serif; font-size: 1.3em; margin: 2em\">"
        f"<h1>kamcourse</h1><ul>\n{links}\n</ul></body></html>\n",
        encoding="utf-8",
    )


def _kit_fingerprint(root: Path) -> str:
    """A digest of what the kernels import and read besides the notebook: the package, translations, data, locked versions.

    jupyter-cache keys an executed notebook by its code cells only; the cache folder carries this
    digest as well, so a change in ``kamcourse/``, ``locale/``, ``datasets/`` or ``uv.lock`` runs
    every notebook again instead of serving figures drawn by the old code.
    """
    digest = hashlib.sha256(sys.version.encode())
    for base in sorted({REPO, root}):
        files = [base / "uv.lock"] + [p for folder in ("kamcourse", "locale", "datasets")
                                      for p in (base / folder).rglob("*") if "__pycache__" not in p.parts]
        for path in sorted(p for p in files if p.is_file()):
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _cache_folder(cache: Path, lang: str, fingerprint: str) -> Path:
    """``<cache>/<lang>-<fingerprint>``; the folders of older fingerprints are removed."""
    current = cache / f"{lang}-{fingerprint}"
    if cache.is_dir():
        for folder in cache.iterdir():
            if folder != current and folder.is_dir() and (folder.name == lang or folder.name.startswith(f"{lang}-")):
                shutil.rmtree(folder)
    return current


def build(out: Path, root: Path = REPO, only: list[str] | None = None, cache: Path | None = None,
          langs: tuple[str, ...] = LANGS, quiet: bool = True, jobs: int | None = None) -> dict[str, float]:
    """Stage both languages, execute their notebooks, then build them side by side; return the seconds of each step.

    The notebooks of both languages are executed first, ``jobs`` at a time (default: one per core),
    into the execution cache MyST-NB reads (``website/execute.py``); the two Sphinx builds then run
    side by side and find every notebook executed. Returns ``{"execute": s, "en": s, "zh": s}``
    (each language's Sphinx build, from the end of the execution to its own end).
    """
    from execute import Job, run

    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}-src"
    cache = (cache or out.parent / f".{out.name}-cache").resolve()
    copy_vendor(out)
    _landing(out)
    fingerprint = _kit_fingerprint(root)
    kernel_log = out.parent / f".{out.name}-kernels.log"
    kernel_log.write_text("", encoding="utf-8")
    envs: dict[str, dict[str, str]] = {}
    notebooks: list[Job] = []
    for lang in langs:
        src = work / lang / "src"
        staged = stage(lang, src, root=root, only=only)
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # kernels draw inline
        env.update(KAMCOURSE_SITE_LANG=lang, KAMCOURSE_LANG=lang, PYTHONHASHSEED="0",
                   KAMCOURSE_SITE_CACHE=str(_cache_folder(cache, lang, fingerprint)),
                   KAMCOURSE_SITE_TIMEOUT=str(EXECUTION_TIMEOUT))
        envs[lang] = env
        notebooks += [Job(f"{lang}/{page.docname}", src / f"{page.docname}.ipynb", Path(env["KAMCOURSE_SITE_CACHE"]),
                          env, EXECUTION_TIMEOUT, kernel_log)
                      for page in staged if (src / f"{page.docname}.ipynb").is_file()]
    start = time.monotonic()
    run(notebooks, workers=jobs, durations=cache / "durations.json")
    seconds = {"execute": time.monotonic() - start}
    procs: dict[str, tuple[subprocess.Popen, Path]] = {}
    start = time.monotonic()
    for lang in langs:  # the languages build side by side, one process each (two cores, two builds)
        log = out.parent / f".{out.name}-{lang}.log"
        # Sphinx writes into work/<lang>/html (MyST-NB keeps executed notebooks beside it), then copied to out/<lang>
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(HERE), "-d", str(work / lang / "doctrees"),
               str(work / lang / "src"), str(work / lang / "html")]
        if quiet:
            cmd.append("-q")
        with log.open("w", encoding="utf-8") as fh:
            procs[lang] = (subprocess.Popen(cmd, env=envs[lang], stdout=fh, stderr=subprocess.STDOUT), log)
    failed = []
    while procs:
        for lang, (proc, log) in list(procs.items()):
            code = proc.poll()
            if code is None:
                continue
            del procs[lang]
            seconds[lang] = time.monotonic() - start
            if code != 0:
                failed.append(f"{lang} (exit {code}; log {log}):\n{log.read_text(encoding='utf-8')[-4000:]}")
                continue
            if (out / lang).exists():
                shutil.rmtree(out / lang)
            shutil.copytree(work / lang / "html", out / lang)
        time.sleep(0.1)
    if failed:
        raise RuntimeError("site build failed for " + "\n".join(failed))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "site", help="output folder (default _build/site)")
    parser.add_argument("--root", type=Path, default=REPO, help="source tree (default: this repository)")
    parser.add_argument("--only", nargs="+", default=None, help="only these pages (docnames, e.g. 02_kam_economics data)")
    parser.add_argument("--cache", type=Path, default=None, help="execution cache folder")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at a time (default: one per core)")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    start = time.monotonic()
    seconds = build(args.out, root=args.root.resolve(), only=args.only, cache=args.cache, langs=tuple(args.lang),
                    quiet=not args.verbose, jobs=args.jobs)
    per_lang = ", ".join(f"{step} {s:.0f} s" for step, s in seconds.items())
    print(f"site built in {time.monotonic() - start:.0f} s ({per_lang}): {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The course website (website/build.py): both languages, the language switch, local assets only, in a real browser.

`make test` builds a small site from ``tests/site_fixture`` (two lessons in English and Chinese with a
formula, Chinese text, a figure and an explorer; one lesson not yet translated; a guide; a datasheet).
`make test-site` sets ``KAMCOURSE_SITE_DIR`` to the whole built site and runs the same checks on every page.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import sys
from pathlib import Path

import pytest
from browser import ROOT, PageWatch, artifact, glyphs_render, launch, serve_directory

sys.path.insert(0, str(ROOT / "website"))

import build  # noqa: E402

FIXTURE = ROOT / "tests" / "site_fixture"
FULL_SITE = os.environ.get("KAMCOURSE_SITE_DIR")
# one worker builds the site and runs these tests; the other goes on with the rest instead of waiting for the build
pytestmark = pytest.mark.xdist_group("site")


def _need_site_tools() -> None:
    for module in ("sphinx", "myst_nb", "sphinx_book_theme"):
        try:
            __import__(module)
        except ImportError:
            if os.environ.get("CI") == "true":
                pytest.fail(f"{module} is not installed (the site extra has it)")
            pytest.skip(f"{module} is not installed: pip install -e '.[site]'")
    if not (build.HERE / "node_modules" / "mathjax").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("website/node_modules is missing: make setup runs npm ci in website/")
        pytest.skip("website/node_modules is missing: npm ci in website/ (make setup does)")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site: the whole one from `make test-site`, else the fixture's, built once per test run.

    Under pytest-xdist every worker process asks for it: the first builds it in the run's shared
    temporary folder while holding a lock, the others wait and reuse it.
    """
    if FULL_SITE:
        return Path(FULL_SITE).resolve()
    _need_site_tools()
    base = tmp_path_factory.getbasetemp()
    # under xdist the workers' folders share this run's parent; without it the parent holds every run (every worktree's)
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "kamcourse-fixture-site"
    shared.mkdir(parents=True, exist_ok=True)
    out = shared / "site"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "done").exists():
            build.build(out, root=FIXTURE)
            (shared / "done").touch()
    return out


def _pages(site: Path, lang: str) -> list[str]:
    return sorted(str(p.relative_to(site / lang)) for p in (site / lang).rglob("*.html") if "_static" not in p.parts)


# ---------------------------------------------------------------- the build itself (no browser)


def test_pages_pair_each_english_source_with_its_chinese_one() -> None:
    found = {p.docname: p for p in build.pages(FIXTURE)}
    assert list(found) == ["01_discounts", "02_value", "03_english_only", "guides/trainer-guide", "data"]
    assert found["01_discounts"].zh == FIXTURE / "notebooks" / "zh" / "01_discounts.ipynb"
    assert found["guides/trainer-guide"].zh == FIXTURE / "docs" / "trainer-guide.zh.md"
    assert found["03_english_only"].zh is None and found["data"].zh is None


def test_stage_refuses_unknown_pages(tmp_path) -> None:
    with pytest.raises(ValueError, match="nope"):
        build.stage("en", tmp_path / "src", root=FIXTURE, only=["nope"])
    with pytest.raises(ValueError, match="lang"):
        build.stage("fr", tmp_path / "src", root=FIXTURE)


def test_stage_adds_a_kernel_note_under_each_explorer(tmp_path) -> None:
    build.stage("zh", tmp_path / "zh", root=FIXTURE)
    cells = json.loads((tmp_path / "zh" / "01_discounts.ipynb").read_text(encoding="utf-8"))["cells"]
    ids = [c["id"] for c in cells]
    assert ids[ids.index("explorer") + 1] == "explorer-site-note"
    note = "".join(cells[ids.index("explorer") + 1]["source"])
    assert "kamcourse workshop discount --lang zh" in note and "内核" in note
    # code cells are copied unchanged, so the execution cache keeps holding
    source = json.loads((FIXTURE / "notebooks" / "zh" / "01_discounts.ipynb").read_text(encoding="utf-8"))["cells"]
    assert [c["source"] for c in cells if c["cell_type"] == "code"] == [
        c["source"] for c in source if c["cell_type"] == "code"]
    placeholder = (tmp_path / "zh" / "03_english_only.md").read_text(encoding="utf-8")
    assert "本页尚未译成中文" in placeholder and 'href="../en/03_english_only.html"' in placeholder


def test_stage_rewrites_only_the_files_that_change(tmp_path) -> None:
    """Sphinx reads a page again when its source's time changes: a second staging leaves unchanged files alone."""
    build.stage("en", tmp_path / "en", root=FIXTURE)
    for path in (tmp_path / "en").rglob("*"):
        os.utime(path, ns=(10**18, 10**18))  # a time no new write gives
    (tmp_path / "en" / "stale.md").write_text("# gone\n", encoding="utf-8")
    build.stage("en", tmp_path / "en", root=FIXTURE, only=["01_discounts", "data"])
    left = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "en").rglob("*") if p.is_file()}
    assert sorted(left) == ["01_discounts.ipynb", "data.md", "index.md"]
    assert left["01_discounts.ipynb"] == left["data.md"] == 10**18
    assert left["index.md"] != 10**18  # it lists fewer pages now


def test_execution_cache_follows_the_kit_code(tmp_path) -> None:
    """jupyter-cache keys a notebook by its code cells; the cache folder also carries a digest of the kit it imports."""
    (tmp_path / "kamcourse").mkdir()
    module = tmp_path / "kamcourse" / "figure.py"
    module.write_text("COLOUR = 'blue'\n", encoding="utf-8")
    first = build._kit_fingerprint(tmp_path)
    assert build._kit_fingerprint(tmp_path) == first
    module.write_text("COLOUR = 'red'\n", encoding="utf-8")
    assert build._kit_fingerprint(tmp_path) != first
    cache = tmp_path / "cache"
    (cache / "en-old").mkdir(parents=True)
    (cache / "zh-old").mkdir()
    assert build._cache_folder(cache, "en", "new") == cache / "en-new"
    assert sorted(p.name for p in cache.iterdir()) == ["zh-old"]


def test_notebooks_are_executed_before_sphinx_which_executes_none(site) -> None:
    """Both languages' notebooks run in build.py's pool; MyST-NB finds each in its cache and registers no run of its own."""
    from jupyter_cache import get_cache

    root = ROOT if FULL_SITE else FIXTURE
    for lang in ("en", "zh"):
        (folder,) = (site.parent / f".{site.name}-cache").glob(f"{lang}-*")
        cache = get_cache(str(folder))
        sources = [p.en if lang == "en" else p.zh for p in build.pages(root)]
        assert len(cache.list_cache_records()) >= sum(1 for s in sources if s is not None and s.suffix == ".ipynb")
        assert cache.list_project_records() == []  # MyST-NB adds one for every notebook it executes itself


def test_both_languages_have_the_same_pages(site) -> None:
    en, zh = _pages(site, "en"), _pages(site, "zh")
    assert en == zh
    assert {"index.html", "search.html"} <= set(en)
    assert {f"{p.docname}.html" for p in build.pages(ROOT if FULL_SITE else FIXTURE)} <= set(en)


def test_pages_link_to_previous_and_next(site) -> None:
    first, second = ("01_key_accounts", "02_kam_economics") if FULL_SITE else ("01_discounts", "02_value")
    for lang in ("en", "zh"):
        html = (site / lang / f"{second}.html").read_text(encoding="utf-8")
        area = html[html.index('class="prev-next-area"'):]
        assert f'href="{first}.html"' in area
        nxt = (site / lang / f"{first}.html").read_text(encoding="utf-8")
        assert f'href="{second}.html"' in nxt[nxt.index('class="prev-next-area"'):]


def test_no_page_loads_anything_from_another_host(site) -> None:
    """Scripts, style sheets, images and fonts all come from the site (a CDN is slow or blocked in many Chinese networks)."""
    pattern = re.compile(r'<(?:script|img|source|iframe)[^>]+src="(https?:)?//|<link[^>]+rel="(?:stylesheet|preload|icon)"[^>]+href="(https?:)?//'
                         r'|@import\s+url\(["\']?(https?:)?//', re.I)
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_executed_pages_carry_outputs_and_widget_state(site) -> None:
    page = (site / "en" / ("02_kam_economics.html" if FULL_SITE else "01_discounts.html")).read_text(encoding="utf-8")
    assert 'type="application/vnd.jupyter.widget-state+json"' in page
    assert "_vendor/html-manager/embed-amd.js" in page and "_vendor/require.js" in page
    assert "0.3333" in page or "33.3%" in page  # the discount's break-even, computed when the page was built
    assert "kamcourse workshop discount" in re.sub(r"<[^>]+>", "", page)
    # the download button offers the notebook itself
    name = "02_kam_economics" if FULL_SITE else "01_discounts"
    assert f'href="_sources/{name}.ipynb"' in page and (site / "en" / "_sources" / f"{name}.ipynb").is_file()


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def browser(site, playwright_session, tmp_path_factory):
    with serve_directory(site) as base:
        context = launch(playwright_session, tmp_path_factory.mktemp("profile"), viewport={"width": 1280, "height": 900})
        page = context.new_page()
        yield base, page, PageWatch(page)
        context.close()


def _ready(page) -> None:
    from handouts import ready

    ready(page)


def test_every_page_loads_with_no_error_and_no_request_leaving_the_machine(site, browser) -> None:
    base, page, watch = browser
    problems = {}
    for lang in ("en", "zh"):
        for name in _pages(site, lang):
            watch.reset()
            page.goto(f"{base}/{lang}/{name}")
            _ready(page)
            if watch.errors or watch.external():
                problems[f"{lang}/{name}"] = watch.errors + [f"external: {u}" for u in watch.external()]
    assert problems == {}


def test_language_switch_goes_to_the_same_page(site, browser) -> None:
    base, page, _ = browser
    name = "02_kam_economics" if FULL_SITE else "01_discounts"
    page.goto(f"{base}/en/{name}.html")
    page.locator("a.kc-language-switch").click()
    page.wait_for_url(f"{base}/zh/{name}.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.locator("a.kc-language-switch").click()
    page.wait_for_url(f"{base}/en/{name}.html")
    # a page not translated yet: the switch still lands on it, and it links back to the English page
    untranslated = next((p.docname for p in build.pages(ROOT if FULL_SITE else FIXTURE) if p.zh is None), None)
    if untranslated:
        page.goto(f"{base}/en/{untranslated}.html")
        page.locator("a.kc-language-switch").click()
        page.wait_for_url(f"{base}/zh/{untranslated}.html")
        page.locator("a.kc-read-english").click()
        page.wait_for_url(f"{base}/en/{untranslated}.html")


def test_chinese_text_and_formulas_render(site, browser) -> None:
    base, page, _ = browser
    name = "00_start_here" if FULL_SITE else "01_discounts"
    page.goto(f"{base}/zh/{name}.html")
    _ready(page)
    page.screenshot(path=str(artifact(f"site-zh-{name}.png")))
    assert glyphs_render(page, ("大客户管理", "客户让渡价"), "　　　　　"), "Chinese text draws no distinct glyphs"
    if not FULL_SITE:
        math = page.locator("mjx-container")
        assert math.count() >= 2, "MathJax set no formula"
        box = math.last.bounding_box()
        assert box and box["width"] > 40 and box["height"] > 20
        math.last.screenshot(path=str(artifact("site-formula.png")))


def test_embedded_explorer_shows_its_starting_state(site, browser) -> None:
    base, page, _ = browser
    name = "02_kam_economics" if FULL_SITE else "01_discounts"
    page.goto(f"{base}/zh/{name}.html" if not FULL_SITE else f"{base}/en/{name}.html")
    _ready(page)
    explorer = page.locator(".jupyter-widgets.widget-vbox").first
    explorer.wait_for()
    assert page.locator(".widget-slider").count() >= 2
    image = explorer.locator(".widget-output img")
    assert image.count() == 1 and image.bounding_box()["width"] > 300
    explorer.screenshot(path=str(artifact(f"site-explorer-{name}.png")))
    assert page.locator(".admonition.note").filter(has_text="kamcourse workshop discount").count() == 1


def test_chinese_search_finds_a_chinese_word(site, browser) -> None:
    base, page, _ = browser
    page.goto(f"{base}/zh/search.html?q=大客户")
    page.locator("#search-results ul.search li").first.wait_for(timeout=15000)
    assert page.locator("#search-results ul.search li").count() >= 1


def test_handouts_are_printed_with_chinese_text(site, playwright_session, tmp_path) -> None:
    """A PDF per lesson and case and language (untranslated Chinese pages skipped), Chinese glyphs embedded."""
    if FULL_SITE:
        pytest.skip("make handouts prints the whole site; this checks the fixture's")
    from handouts import print_handouts

    written = print_handouts(site, tmp_path, root=FIXTURE, playwright=playwright_session)
    names = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert names == ["en/01_discounts.pdf", "en/02_value.pdf", "en/03_english_only.pdf",
                     "zh/01_discounts.pdf", "zh/02_value.pdf"]
    chinese = (tmp_path / "zh" / "01_discounts.pdf").read_bytes()
    assert chinese.startswith(b"%PDF") and len(chinese) > 20_000
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+\w*(CJK|Han|WenQuanYi|Hei|Song)", chinese), "no Chinese font embedded"

"""Browser-test helpers: Debian's Chromium driven by Python Playwright (never a downloaded browser).

- :func:`chromium_or_skip`: the Chromium to drive; skips when absent, but fails under ``CI=true``
  (``make setup`` installs Debian's ``chromium`` as root, so CI always has it);
- :class:`PageWatch`: records a page's console errors, page errors and every request, and names
  the requests that leave the machine (anything but 127.0.0.1, localhost, file:, data:, blob:);
- :func:`artifact`: where screenshots go (``test-artifacts/browser/``, ignored by git);
- :func:`glyphs_render`: whether text in a given font stack draws real, distinct glyphs (no tofu boxes).

The launching code and the static server live in ``website/chromium.py`` (shared with the handouts).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "website"))

from chromium import chromium_path, launch, serve_directory  # noqa: E402

__all__ = ["ROOT", "chromium_or_skip", "playwright_session", "launch", "serve_directory", "PageWatch", "artifact",
           "glyphs_render"]

ARTIFACTS = ROOT / "test-artifacts" / "browser"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium_or_skip() -> str:
    """Return the Chromium path; skip the test when there is none (fail under CI=true)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed (the test extra has it): the browser tests cannot run")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed (make setup installs Debian's chromium as root)")
        pytest.skip("Chromium is not installed: apt-get install chromium (make setup does, as root)")
    return path


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright (sync API) per test process: the sync API cannot run two at once in one thread.

    ``tests/conftest.py`` registers this module as a plugin, so any test can ask for it.
    """
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


def artifact(name: str) -> Path:
    """The path of a screenshot kept as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


class PageWatch:
    """Collect what a Playwright page reports: console errors, uncaught errors, requests."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        # a request cut short by the next navigation (ERR_ABORTED, e.g. the favicon) is not a failure of the page
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})")
                if "ERR_ABORTED" not in str(r.failure) else None)
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def external(self) -> list[str]:
        """Requests that would leave the machine."""
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("file", "data", "blob", "about", "chrome-error"):
                continue
            if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname in {h.strip("[]") for h in LOCAL_HOSTS}:
                continue
            out.append(url)
        return out

    def reset(self) -> None:
        self.errors.clear()
        self.requests.clear()


def glyphs_render(page, texts: tuple[str, str], blank: str) -> bool:
    """True when two different strings draw differently from each other and from ``blank``.

    The strings are drawn in spans with the page's own fonts. Missing glyphs come out as identical
    boxes (or nothing), so two different Chinese strings of the same length would give identical
    pictures; real glyphs differ.
    """
    shots = []
    for i, text in enumerate((*texts, blank)):
        page.evaluate(
            """([id, text]) => { const s = document.createElement('span'); s.id = id; s.textContent = text;
                 s.style.cssText = 'font-size:32px;position:fixed;top:0;left:0;z-index:99999;background:#fff;color:#000';
                 document.body.appendChild(s); }""",
            [f"kc-glyph-{i}", text],
        )
        shots.append(page.locator(f"#kc-glyph-{i}").screenshot())
        page.evaluate("id => document.getElementById(id).remove()", f"kc-glyph-{i}")
    return len(set(shots)) == 3

"""Debian's Chromium driven by Python Playwright, and a static server on loopback.

Used by ``website/handouts.py`` (PDF handouts) and ``tests/browser.py`` (the
browser tests). Playwright never downloads a browser here: it drives
``/usr/bin/chromium`` (``make setup`` installs the Debian package ``chromium``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium_path", "launch", "serve_directory"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter",
]


def chromium_path() -> str | None:
    """The Chromium to drive: ``$KAMCOURSE_CHROMIUM``, Debian's ``/usr/bin/chromium``, or one on ``PATH``."""
    for candidate in (os.environ.get("KAMCOURSE_CHROMIUM"), CHROMIUM, shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch(playwright, profile: Path, **context_options):
    """A persistent headless Chromium context on a fresh profile folder."""
    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("Chromium not found: install the Debian package `chromium` (make setup does, as root)")
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS, **context_options
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) while the block runs; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

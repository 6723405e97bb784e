"""JupyterLab in a real browser: a lesson's explorer renders and responds; the instructor sees nbgrader's panels.

The server is the one `make lab` starts (same options), on a free loopback port, in a copy of the
course folder (so running the lesson never writes outputs into the committed notebook).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import ROOT, PageWatch, artifact, chromium_or_skip, launch

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("lab-browser")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    chromium_or_skip()
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "notebooks" / "02_kam_economics.ipynb", course)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    (course / "assignments").mkdir()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["JUPYTER_RUNTIME_DIR"] = str(course / ".runtime")
    cmd = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", f"--ServerApp.root_dir={course}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=5):
                    break
            except OSError:
                assert proc.poll() is None, "jupyter lab exited"
                assert time.monotonic() < deadline, "JupyterLab did not answer within 120 s"
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def page(lab, playwright_session, tmp_path_factory):
    context = launch(playwright_session, tmp_path_factory.mktemp("profile"), viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def test_lesson_explorer_renders_and_responds(lab, page) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    watch = PageWatch(page)
    page.goto(f"{lab}/lab/tree/02_kam_economics.ipynb", timeout=90_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=90_000)
    cell = page.locator(".jp-CodeCell").filter(has_text="discount_explorer(margin")
    slider = cell.locator(".widget-slider [role=slider]").nth(1)
    for attempt in (1, 2):
        # a Ctrl+Enter pressed while the new kernel is still connecting can be lost: press it once more
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")
        try:
            slider.wait_for(timeout=45_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    image = cell.locator(".widget-output img")
    image.wait_for(timeout=60_000)
    before = image.get_attribute("src")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("([sel, b]) => { const i = document.querySelectorAll(sel); return [...i].some(x => x.src !== b); }",
                           arg=[".jp-CodeCell .widget-output img", before], timeout=30_000)
    assert "8%" in cell.locator(".widget-readout").nth(1).inner_text()
    cell.screenshot(path=str(artifact("lab-discount-explorer.png")))
    assert watch.external() == [], "JupyterLab fetched from outside the machine"


@pytest.mark.parametrize("item,tab", [("Assignment List", "Assignments"), ("Formgrader", "Formgrader")])
def test_nbgrader_panels_appear_for_the_instructor(lab, page, item, tab) -> None:
    if "/lab" not in page.url:
        page.goto(f"{lab}/lab", timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()
    label = page.locator(".lm-TabBar-tabLabel", has_text=tab)
    label.first.wait_for(timeout=30_000)
    panel = page.locator(".lm-DockPanel-widget:visible").last
    panel.wait_for(timeout=30_000)
    frame = panel.locator("iframe")
    if frame.count():  # the formgrader is a page of the server, shown in a frame
        frame.first.content_frame.locator("body").filter(has_text="Assignments").wait_for(timeout=30_000)
    else:
        panel.filter(has_text="assignments").first.wait_for(timeout=30_000)
    page.screenshot(path=str(artifact(f"lab-nbgrader-{tab.lower()}.png")))

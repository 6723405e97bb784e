"""Workshop mode (kamcourse.workshop): code-free explorer pages, both languages, served by Voilà, driven in a browser."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from browser import ROOT, PageWatch, artifact, launch

from kamcourse import i18n, workshop
from kamcourse.cli import main
from kamcourse.widgets import __all__ as EXPLORERS


def test_every_page_shows_a_public_explorer_and_has_a_notebook() -> None:
    assert workshop.names() == list(workshop.PAGES)
    for page in workshop.PAGES.values():
        assert page.explorer in EXPLORERS, page
        assert workshop.notebook_path(page.name).is_file()
        assert workshop.page_for_explorer(page.explorer) == page.name
    # a half-day: the agenda's explorers fill about three hours
    assert 150 <= sum(p.minutes for p in workshop.PAGES.values()) <= 200


@pytest.mark.parametrize("name", list(workshop.PAGES))
def test_page_texts_exist_in_both_languages(name) -> None:
    for part in ("title", "question", "how"):
        en, zh = (i18n.label(f"workshop_{name}_{part}", lang) for lang in ("en", "zh"))
        assert en and zh and en != zh
        assert not any(ch in zh for ch in ",?;:") or part == "how", f"half-width punctuation in {name} {part}: {zh}"


@pytest.mark.parametrize("name", list(workshop.PAGES))
def test_page_notebook_is_written_for_code_free_display(name) -> None:
    """No Markdown (it could not change language), no stored outputs, the heading first, the explorer last."""
    nb = nbformat.read(workshop.notebook_path(name), as_version=4)
    nbformat.validate(nb)
    assert all(c.cell_type == "code" and not c.outputs for c in nb.cells)
    assert f"workshop.heading({name!r})" in nb.cells[0].source
    assert f"{workshop.PAGES[name].explorer}(" in nb.cells[-1].source


def _execute(name: str, lang: str, tmp_path):
    sys.path.insert(0, str(ROOT / "website"))
    from execute import sliced_wait_client  # waits for kernel messages in slices (nbclient#312)

    nb = nbformat.read(workshop.notebook_path(name), as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["KAMCOURSE_LANG"] = lang
    # a widget cell's reply sometimes arrives only when a long wait times out: the sliced wait sees it at once
    client = sliced_wait_client()(nb, timeout=workshop.CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=env)
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("name,lang", [(n, "zh") for n in workshop.PAGES] + [("discount", "en"), ("standoff", "en")])
def test_page_runs_with_nothing_but_heading_and_explorer(name, lang, tmp_path) -> None:
    """Voilà shows every output: the only ones are the heading (in the page's language) and the explorer."""
    nb = _execute(name, lang, tmp_path)
    heading, *middle, explorer = nb.cells
    assert [o.output_type for o in heading.outputs] == ["execute_result"]
    assert i18n.label(f"workshop_{name}_title", lang) in heading.outputs[0].data["text/html"]
    assert all(not c.outputs for c in middle), "a data cell printed something"
    assert [o.output_type for o in explorer.outputs] == ["execute_result"]
    assert "application/vnd.jupyter.widget-view+json" in explorer.outputs[0].data
    assert not any(o.output_type == "stream" and o.name == "stderr" for c in nb.cells for o in c.outputs)


def test_command_lists_the_pages(capsys) -> None:
    assert main(["workshop"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in workshop.PAGES)
    assert main(["workshop", "--lang", "zh"]) == 0
    assert i18n.label("workshop_discount_title", "zh") in capsys.readouterr().out


def test_command_refuses_unknown_pages_and_open_rooms(capsys) -> None:
    assert main(["workshop", "discont", "--no-browser"]) == 2
    assert "discount" in capsys.readouterr().err
    assert main(["workshop", "discount", "--room", "0.0.0.0", "--no-browser"]) == 2
    assert "participants" in capsys.readouterr().err


def test_tokens_file_is_private_and_unique(tmp_path) -> None:
    path = tmp_path / "tokens.csv"
    tokens = workshop.write_tokens(path, 30, url="http://10.0.0.5:8866/")
    assert len(set(tokens)) == 30 and min(len(t) for t in tokens) >= 20
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[4]["participant"] == "5" and rows[4]["link"] == f"http://10.0.0.5:8866/?token={tokens[4]}"
    for bad in (0, 501):
        with pytest.raises(ValueError, match="participants"):
            workshop.write_tokens(path, bad)
    with pytest.raises(TypeError, match="participants"):
        workshop.write_tokens(path, 2.0)


def _wait(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the workshop server exited"
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers (403 without a token)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def _stop(server: workshop.Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    shutil.rmtree(server.folder, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the redirect (to the login page) instead of following it


def _status(url: str) -> int:
    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.slow
def test_room_server_lets_in_participants_with_their_own_token_only(tmp_path) -> None:
    pytest.importorskip("voila")
    server = workshop.serve(["clv"], lang="en", open_browser=False, participants=3, tokens_file=tmp_path / "t.csv")
    try:
        base = server.url.split("?")[0]
        _wait(base, server.process)
        rows = list(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8")))
        assert _status(base) in (302, 403), "a room server must not answer without a token"
        assert _status(f"{base}?token=not-a-token") in (302, 403)
        assert _status(rows[1]["link"]) == 200
        assert _status(server.url) == 200  # the trainer's token
        assert server.url.split("token=")[1] not in " ".join(server.process.args)
    finally:
        _stop(server)


@pytest.mark.slow
@pytest.mark.parametrize("lang,viewport", [("zh", {"width": 1920, "height": 1080}), ("en", {"width": 390, "height": 844})],
                         ids=["projector-zh", "phone-en"])
def test_explorer_slider_moves_and_figure_changes(lang, viewport, tmp_path, playwright_session) -> None:
    """A trainer's projector and a participant's phone: the page loads locally, a slider moves, the figure redraws."""
    pytest.importorskip("voila")
    server = workshop.serve(["discount"], lang=lang, open_browser=False)
    try:
        _wait(server.url, server.process)
        context = launch(playwright_session, tmp_path / "profile", viewport=viewport)
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(server.url, wait_until="domcontentloaded", timeout=90_000)
        page.locator(".kc-workshop h1").wait_for(timeout=90_000)
        assert page.locator(".kc-workshop h1").inner_text() == i18n.label("workshop_discount_title", lang)
        image = page.locator(".widget-output img").first
        image.wait_for(timeout=60_000)
        assert page.locator(".jp-InputArea").count() == 0, "code is shown"
        before = image.get_attribute("src")
        slider = page.locator(".widget-slider [role=slider]").nth(1)
        slider.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("b => { const i = document.querySelector('.widget-output img');"
                               " return i && i.src !== b; }", arg=before, timeout=30_000)
        assert "8%" in page.locator(".widget-readout").nth(1).inner_text()
        # large type on a projector; nothing wider than a phone's screen
        size = float(page.evaluate("getComputedStyle(document.querySelector('.kc-workshop h1')).fontSize")[:-2])
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(artifact(f"workshop-discount-{lang}-{viewport['width']}.png")), full_page=True)
        context.close()
        assert size >= (36 if viewport["width"] > 1000 else 22)
        assert width <= viewport["width"] + 1, f"the page is {width}px wide on a {viewport['width']}px screen"
        assert watch.external() == []
        assert watch.errors == []
    finally:
        _stop(server)


def test_server_module_runs_voila_with_the_room_identity_provider(monkeypatch, tmp_path) -> None:
    pytest.importorskip("voila")
    from kamcourse.workshop import server

    tokens = workshop.write_tokens(tmp_path / "t.csv", 2)
    assert server.participant_tokens(tmp_path / "t.csv") == {tokens[0]: "participant-1", tokens[1]: "participant-2"}
    monkeypatch.delenv("KAMCOURSE_WORKSHOP_TOKENS", raising=False)
    assert server.participant_tokens() == {}
    out = subprocess.run([sys.executable, "-m", "kamcourse.workshop.server", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "voila" in out.stdout.lower()


def test_the_server_reads_its_kernels_messages_in_slices(monkeypatch) -> None:
    """A missed wake-up held a workshop page blank for the cell's whole timeout (30 s in a CI run): Voilà's executor
    now reads the shell, iopub and control channels in slices (kamcourse.kernel_wait)."""
    pytest.importorskip("voila")
    import voila.notebook_renderer as renderer
    from jupyter_core.utils import run_sync
    from voila.execute import VoilaExecutor

    from kamcourse.workshop import server

    class Channel:
        async def get_msg(self, timeout=None):
            return {"msg_type": "status"}

    class Client:
        shell_channel, iopub_channel, control_channel = Channel(), Channel(), Channel()

    async def fake_start(self):
        return Client()

    monkeypatch.setattr(renderer, "VoilaExecutor", VoilaExecutor)
    monkeypatch.setattr(VoilaExecutor, "async_start_new_kernel_client", fake_start)
    server._read_kernels_in_slices()
    assert issubclass(renderer.VoilaExecutor, VoilaExecutor) and renderer.VoilaExecutor is not VoilaExecutor
    start = run_sync(renderer.VoilaExecutor.async_start_new_kernel_client)  # a Playwright loop may be running here
    client = start(object.__new__(renderer.VoilaExecutor))
    for channel in (client.shell_channel, client.iopub_channel, client.control_channel):
        assert channel.get_msg.__name__ == "get_msg_in_slices"
        assert run_sync(channel.get_msg)(timeout=1) == {"msg_type": "status"}


#: In the page: open the kernel's channel as the page itself would, send a kernel_info_request
#: (a control: the channel works) and an execute_request, and return the replies' types.
_TRY_TO_RUN_CODE = """async (code) => {
  const id = JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId;
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/api/kernels/' + id + '/channels');
  const header = (type, msgId) => ({msg_id: msgId, msg_type: type, username: '', session: 'kc-test', version: '5.3',
                                    date: new Date().toISOString()});
  const replies = [];
  return await new Promise(resolve => {
    ws.onmessage = e => { try { replies.push(JSON.parse(e.data).header.msg_type); } catch (err) {} };
    ws.onerror = () => resolve(['websocket error']);
    ws.onopen = () => {
      ws.send(JSON.stringify({channel: 'shell', header: header('kernel_info_request', 'kc-1'), parent_header: {},
                              metadata: {}, content: {}}));
      ws.send(JSON.stringify({channel: 'shell', header: header('execute_request', 'kc-2'), parent_header: {},
                              metadata: {}, content: {code, silent: false, store_history: false,
                                                      user_expressions: {}, allow_stdin: false}}));
      setTimeout(() => { ws.close(); resolve(replies); }, 5000);
    };
  });
}"""


@pytest.mark.slow
def test_a_participant_can_move_sliders_but_not_run_code(tmp_path, playwright_session) -> None:
    """The room server's kernel channel carries widget messages only (Voilà's allowlist): code sent from a
    participant's browser is dropped, while the same channel answers a kernel_info_request."""
    pytest.importorskip("voila")
    marker = tmp_path / "code-ran"
    server = workshop.serve(["clv"], lang="en", open_browser=False, participants=1, tokens_file=tmp_path / "t.csv")
    try:
        _wait(server.url.split("?")[0], server.process)
        link = next(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8")))["link"]
        context = launch(playwright_session, tmp_path / "profile")
        page = context.new_page()
        page.goto(link, wait_until="domcontentloaded", timeout=90_000)
        page.locator(".widget-slider").first.wait_for(timeout=90_000)
        replies = page.evaluate(_TRY_TO_RUN_CODE, f"open({str(marker)!r}, 'w').write('x')")
        context.close()
        assert "kernel_info_reply" in replies, replies
        assert "execute_reply" not in replies and "execute_input" not in replies
        assert not marker.exists(), "code sent from the browser ran in the kernel"
    finally:
        _stop(server)

"""Workshop mode (工作坊模式): the explorers as code-free pages for a projector or a room.

Each workshop page is a small notebook in ``kamcourse/workshop/pages/`` written
for display without code: a heading, the question to put to the room and how to
read the figure (all from the glossary, so one page serves English and
Chinese), then one explorer of :mod:`kamcourse.widgets`. ``kamcourse workshop``
lists them; ``kamcourse workshop discount --lang zh`` serves one with Voilà
(kernels run the page, the browser shows no code); several names serve several
pages from one server. For a room, ``--room IP --participants N`` binds to the
room's network and writes one token per participant (see
:mod:`kamcourse.workshop.server` and ``docs/trainer-guide.md``).
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import i18n
from ..validation import check_choice

__all__ = [
    "WorkshopPage",
    "PAGES",
    "CELL_TIMEOUT",
    "names",
    "page_for_explorer",
    "notebook_path",
    "heading",
    "voila_command",
    "write_tokens",
    "Server",
    "serve",
    "run",
]


@dataclass(frozen=True)
class WorkshopPage:
    """One workshop page: its explorer (a public function of :mod:`kamcourse.widgets`) and its lesson."""

    name: str
    explorer: str
    lesson: str
    minutes: int


#: The workshop pages in the order of a half-day agenda (docs/trainer-guide.md).
PAGES: dict[str, WorkshopPage] = {
    p.name: p
    for p in (
        WorkshopPage("discount", "discount_explorer", "02_kam_economics", 25),
        WorkshopPage("delivered_value", "delivered_value_explorer", "04_delivered_value", 25),
        WorkshopPage("lifecycle", "lifecycle_explorer", "05_lifecycle", 20),
        WorkshopPage("clv", "clv_explorer", "06_clv", 25),
        WorkshopPage("kano", "kano_explorer", "07_satisfaction", 20),
        WorkshopPage("ipa", "ipa_explorer", "07_satisfaction", 15),
        WorkshopPage("funnel", "funnel_explorer", "09_customer_development", 20),
        WorkshopPage("standoff", "standoff_explorer", "cases/gree_gome", 25),
    )
}

# Large type for a projector, and a single column on a phone. Voilà shows this
# style element with the page's first output (the heading).
_STYLE = """<style>
:root { --jp-widgets-font-size: 20px; --jp-widgets-inline-height: 40px; --jp-widgets-slider-handle-size: 22px;
        --jp-widgets-inline-label-width: 14em; --jp-widgets-inline-width: 36em; --jp-content-font-size1: 20px; }
body { font-size: 20px; }
.kc-workshop { max-width: 100%; padding-right: 1em; box-sizing: border-box; overflow-wrap: anywhere; }
.kc-workshop h1 { font-size: 2.4rem; margin: 0.3em 0; line-height: 1.2; }
.kc-workshop .kc-question { font-size: 1.7rem; font-weight: 600; margin: 0.4em 0; }
.kc-workshop .kc-how { font-size: 1.3rem; color: #444; margin: 0.4em 0 1em; }
.widget-html-content, .widget-label, .widget-readout, .widget-dropdown select { font-size: 20px !important; }
.widget-hbox { flex-wrap: wrap; }
.widget-output img { width: 100%; max-width: 1100px; height: auto; }
@media (max-width: 700px) {
  :root { --jp-widgets-font-size: 16px; --jp-widgets-inline-width: 100%; --jp-widgets-inline-label-width: 9em; }
  body { font-size: 16px; }
  .kc-workshop h1 { font-size: 1.6rem; }
  .kc-workshop .kc-question { font-size: 1.2rem; }
  .kc-workshop .kc-how { font-size: 1rem; }
  .widget-html-content, .widget-label, .widget-readout { font-size: 16px !important; }
  .widget-slider, .widget-hslider, .widget-dropdown { width: 100% !important; }
}
</style>"""


#: Seconds a workshop page's cell may run in Voilà (each takes a few seconds; see voila_command).
CELL_TIMEOUT = 30

# JupyterLab extensions that need lab's shared modules (file browser, launcher) and fail to load in a Voilà page
_LAB_ONLY_EXTENSIONS = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview",
                        "@jupyterhub/jupyter-server-proxy")


def names() -> list[str]:
    """Return the names of the workshop pages, in agenda order.

    Returns
    -------
    list of str

    Examples
    --------
    >>> names()[:2]
    ['discount', 'delivered_value']
    """
    return list(PAGES)


def page_for_explorer(function: str) -> str | None:
    """Return the workshop page that shows the explorer ``function``, or None if none does.

    Parameters
    ----------
    function : str
        The name of a public explorer of :mod:`kamcourse.widgets`, e.g. ``"clv_explorer"``.

    Returns
    -------
    str or None

    Examples
    --------
    >>> page_for_explorer("clv_explorer")
    'clv'
    >>> page_for_explorer("portfolio_explorer") is None
    True
    """
    return next((p.name for p in PAGES.values() if p.explorer == function), None)


def _check_name(name: str) -> WorkshopPage:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    return PAGES[check_choice(name, "name", PAGES)]


def notebook_path(name: str) -> Path:
    """Return the path of a workshop page's notebook (inside the installed package).

    Parameters
    ----------
    name : str
        A workshop page, see :func:`names`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        If ``name`` is not a workshop page.

    Examples
    --------
    >>> notebook_path("clv").name
    'clv.ipynb'
    >>> notebook_path("cvl")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'discount', 'delivered_value', 'lifecycle', 'clv', 'kano', 'ipa', 'funnel', 'standoff'; got 'cvl'
    """
    _check_name(name)
    return Path(str(resources.files("kamcourse.workshop") / "pages" / f"{name}.ipynb"))


def heading(name: str):
    """The top of a workshop page: title, question for the room, how to read it (工作坊页面标题).

    Uses the language set by ``KAMCOURSE_LANG`` (``kamcourse workshop --lang
    zh`` sets it) and makes figures draw Chinese with a CJK font; the texts are
    the glossary keys ``workshop_<name>_title``, ``_question`` and ``_how``
    (``kamcourse/glossary/workshop.csv``; this kit's convention).

    Parameters
    ----------
    name : str
        A workshop page, see :func:`names`.

    Returns
    -------
    IPython.display.HTML
        The heading, with the page's large-type style.

    Raises
    ------
    ValueError
        If ``name`` is not a workshop page.

    Examples
    --------
    >>> "<h1>" in heading("discount").data
    True
    """
    from IPython.display import HTML

    _check_name(name)
    i18n.set_language(i18n.get_language())  # sets the CJK font for Chinese figures
    title, question, how = (i18n.label(f"workshop_{name}_{part}") for part in ("title", "question", "how"))
    lang = "zh-CN" if i18n.get_language() == "zh" else "en"
    return HTML(
        f'{_STYLE}<div class="kc-workshop" lang="{lang}"><h1>{title}</h1>'
        f'<p class="kc-question">{question}</p><p class="kc-how">{how}</p></div>'
    )


def write_tokens(path: str | os.PathLike, participants: int, url: str = "") -> list[str]:
    """Write one secret token per participant to a CSV file (``participant,token,link``) readable by its owner only.

    Parameters
    ----------
    path : path-like
        The file to write (replaced if it exists).
    participants : int
        How many tokens, 1 to 500.
    url : str
        The server's address; each row's ``link`` is ``<url>?token=<token>`` (empty if no ``url``).

    Returns
    -------
    list of str
        The tokens, in participant order.

    Raises
    ------
    ValueError, TypeError
        If ``participants`` is not an integer in [1, 500].

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "tokens.csv"
    >>> tokens = write_tokens(file, 3)
    >>> len(set(tokens)), file.read_text().splitlines()[0]
    (3, 'participant,token,link')
    """
    if isinstance(participants, bool) or not isinstance(participants, int):
        raise TypeError(f"participants must be an int, got {type(participants).__name__}")
    if not 1 <= participants <= 500:
        raise ValueError(f"participants must be in [1, 500], got {participants}")
    tokens = [secrets.token_urlsafe(16) for _ in range(participants)]
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["participant", "token", "link"])
        writer.writerows([i, t, f"{url}?token={t}" if url else ""] for i, t in enumerate(tokens, 1))
    return tokens


def _free_port(ip: str) -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def voila_command(
    pages: Sequence[str],
    folder: str | os.PathLike,
    port: int,
    ip: str = "127.0.0.1",
    open_browser: bool = True,
) -> list[str]:
    """Return the command that serves workshop pages with Voilà, without code (Voilà 0.5).

    One page is served alone (its URL is the page); several are served from
    ``folder`` (a copy of the chosen pages), with Voilà's list of pages at the root.

    Parameters
    ----------
    pages : sequence of str
        Workshop page names (see :func:`names`).
    folder : path-like
        The folder holding the copies of the pages.
    port : int
        TCP port.
    ip : str
        Address to bind (default loopback).
    open_browser : bool
        Open the page in the default browser.

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        If ``pages`` is empty or names an unknown page.

    Examples
    --------
    >>> cmd = voila_command(["clv"], "/tmp/w", 8866, open_browser=False)
    >>> cmd[1:3], cmd[3].endswith("clv.ipynb")
    (['-m', 'kamcourse.workshop.server'], True)
    """
    if not pages:
        raise ValueError("pages must name at least one workshop page, got none")
    for name in pages:
        _check_name(name)
    target = str(Path(folder) / f"{pages[0]}.ipynb") if len(pages) == 1 else str(folder)
    return [
        sys.executable, "-m", "kamcourse.workshop.server", target,
        f"--port={port}", f"--Voila.ip={ip}", f"--Voila.open_browser={open_browser}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True", "--theme=light", "--template=kamcourse",
        # a cell whose widgets send many messages sometimes gets its execute reply only when the wait for it
        # times out (nbclient issue 312); with no timeout (Voilà's default) the page would never finish loading.
        # Each workshop cell runs in a few seconds.
        f"--VoilaExecutor.timeout={CELL_TIMEOUT}",
        # JupyterLab extensions installed beside the kit that fail outside JupyterLab (console errors, no use here)
        *(f"--VoilaConfiguration.extension_denylist={ext}" for ext in _LAB_ONLY_EXTENSIONS),
    ]


@dataclass(frozen=True)
class Server:
    """A running workshop server: its process, the address to open, its copies of the pages, the tokens file if any."""

    process: subprocess.Popen
    url: str
    folder: Path
    tokens_file: Path | None = None


def serve(
    pages: Sequence[str],
    lang: str | None = None,
    port: int | None = None,
    ip: str = "127.0.0.1",
    open_browser: bool = True,
    participants: int = 0,
    tokens_file: str | os.PathLike | None = None,
) -> Server:
    """Start a Voilà server for workshop pages (工作坊服务); return it while it runs.

    Parameters
    ----------
    pages : sequence of str
        Workshop page names (see :func:`names`).
    lang : {"en", "zh"}, optional
        Language of the pages (default: the current language).
    port : int, optional
        TCP port (default: a free one).
    ip : str
        Address to bind: ``127.0.0.1`` for the trainer's own screen, the
        room network's address of this machine for participants.
    open_browser : bool
        Open the page in the default browser.
    participants : int
        How many participant tokens to write to ``tokens_file`` (required
        with a non-loopback ``ip``); each participant's link carries their own
        token, and the server then accepts no one without a token.
    tokens_file : path-like, optional
        Where the tokens go (default ``workshop-tokens.csv`` in the working folder).

    Returns
    -------
    Server
        The process (stop it with ``terminate()``), the URL to open and the tokens file.

    Raises
    ------
    ValueError
        If a page or the language is unknown, or ``ip`` is not loopback and
        ``participants`` is 0 (a room server always needs tokens).

    Examples
    --------
    >>> serve(["discount"], ip="0.0.0.0")
    Traceback (most recent call last):
    ...
    ValueError: a server on 0.0.0.0 is reachable by others: give participants=N (one token each)
    """
    lang = i18n.check_language(lang, "lang")
    if not pages:
        raise ValueError("pages must name at least one workshop page, got none")
    for name in pages:
        _check_name(name)
    loopback = ip in ("127.0.0.1", "localhost", "::1")
    if not loopback and participants < 1:
        raise ValueError(f"a server on {ip} is reachable by others: give participants=N (one token each)")
    folder = Path(tempfile.mkdtemp(prefix="kamcourse-workshop-"))
    for name in pages:
        shutil.copyfile(notebook_path(name), folder / f"{name}.ipynb")
    env = dict(os.environ, KAMCOURSE_LANG=lang)
    env.pop("MPLBACKEND", None)  # the kernels draw inline
    # the kit's Voilà template (share/voila/templates/kamcourse): Voilà's lab template without its CDN links
    share = str(resources.files("kamcourse.workshop") / "share")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH", "")) if p)
    port = _free_port("127.0.0.1" if loopback else ip) if port is None else port
    host = f"[{ip}]" if ":" in ip else ip
    url = f"http://{host}:{port}/"
    written = None
    if participants > 0:
        written = Path(tokens_file or "workshop-tokens.csv").resolve()
        write_tokens(written, participants, url=url)
        env["KAMCOURSE_WORKSHOP_TOKENS"] = str(written)
        # the trainer's own token, never on a command line (other users can read those)
        env["KAMCOURSE_WORKSHOP_TRAINER_TOKEN"] = secrets.token_urlsafe(16)
        url = f"{url}?token={env['KAMCOURSE_WORKSHOP_TRAINER_TOKEN']}"
    cmd = voila_command(list(pages), folder, port, ip=ip, open_browser=open_browser)
    return Server(subprocess.Popen(cmd, env=env, cwd=folder), url, folder, written)


def run(pages: Sequence[str], lang: str | None = None, **options) -> int:
    """Serve workshop pages until Ctrl+C (what ``kamcourse workshop NAME ...`` does); return the exit code.

    Parameters
    ----------
    pages : sequence of str
        Workshop page names.
    lang : {"en", "zh"}, optional
        Language of the pages and of the messages.
    **options
        Passed to :func:`serve` (``port``, ``ip``, ``open_browser``, ``participants``, ``tokens_file``).

    Returns
    -------
    int
        Voilà's exit code (0 after Ctrl+C).

    Raises
    ------
    ValueError
        As :func:`serve`.

    Examples
    --------
    >>> run(["nope"])
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'discount', 'delivered_value', 'lifecycle', 'clv', 'kano', 'ipa', 'funnel', 'standoff'; got 'nope'
    """
    lang = i18n.get_language() if lang is None else lang
    server = serve(pages, lang=lang, **options)
    print(i18n.label("workshop_serving", lang).format(pages=", ".join(pages), url=server.url), flush=True)
    if server.tokens_file is not None:
        print(i18n.label("workshop_room", lang).format(file=server.tokens_file), flush=True)
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        server.process.terminate()
        server.process.wait()
        return 0
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)

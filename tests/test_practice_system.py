"""`kamcourse crm` as a user starts it (a real server process on 127.0.0.1), the JupyterLab launcher entry,
the notebook loader on the system's database, and the Chinese catalogue."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import polib
import pytest
from practice_support import django_ready

pytest_plugins = ["practice_support"]  # the crm_template / crm_db fixtures

ROOT = Path(__file__).resolve().parents[1]


def start_server(home: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """`kamcourse crm --no-browser` in its own data folder; returns the process and its printed URL."""
    env = {**os.environ, "KAMCOURSE_CRM_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("JUPYTERHUB_USER", None)
    proc = subprocess.Popen([sys.executable, "-m", "kamcourse.cli", "crm", "--no-browser", *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        m = re.search(r"practice CRM: (http://\S+)", line)
        if m:
            return proc, m.group(1)
    raise AssertionError("the server did not print its URL:\n" + "".join(lines))


def test_kamcourse_crm_starts_on_loopback_with_the_company_data(tmp_path) -> None:
    proc, url = start_server(tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "login/", timeout=30) as page:
            assert page.status == 200 and "csrfmiddlewaretoken" in page.read().decode()
        with urllib.request.urlopen(url + "static/admin/css/base.css", timeout=30) as css:
            assert css.status == 200  # static files are served (whitenoise)
        assert (tmp_path / "crm.sqlite3").is_file() and list((tmp_path / "backups").glob("crm-backup-*.json.gz"))
        assert (tmp_path / "credentials.json").stat().st_mode & 0o077 == 0  # readable by its owner only
    finally:
        proc.terminate()
        proc.wait(30)
    from kamcourse import development, practice

    opps = practice.load("opportunities", tmp_path / "crm.sqlite3")
    assert len(opps) == 939 and opps["won"].dtype == bool
    stages = development.pipeline_stages(opps)  # the lessons' function on the system's own pipeline
    assert stages.loc["closed_won", "reached"] == opps["won"].sum()
    orders = practice.load("orders", tmp_path / "crm.sqlite3")
    assert orders["net_revenue"].sum() > 2e8 and str(orders["order_date"].dtype).startswith("datetime64")


def test_command_help_and_tasks_handout() -> None:
    run = [sys.executable, "-m", "kamcourse.cli", "crm"]
    assert "--no-browser" in subprocess.run([*run, "--help"], capture_output=True, text=True, check=True).stdout
    zh = subprocess.run([*run, "tasks", "--student", "alice", "--lang", "zh"], capture_output=True, text=True,
                        check=True).stdout
    en = subprocess.run([*run, "tasks", "--student", "alice", "--lang", "en"], capture_output=True, text=True,
                        check=True).stdout
    assert "第六章 业务机会管理" in zh and "预警" in zh and "Chapter 6: opportunities" in en
    assert "kamcourse crm" in subprocess.run([sys.executable, "-m", "kamcourse.cli", "--help"], capture_output=True,
                                             text=True, check=True).stdout


def test_jupyterlab_launcher_entry() -> None:
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="jupyter_serverproxy_servers") if e.name == "kamcourse-crm"]
    cfg = entry.load()()
    assert cfg["unix_socket"] is True and "{unix_socket}" in cfg["command"]
    assert Path(cfg["launcher_entry"]["icon_path"]).is_file()
    from jupyter_server_proxy.config import make_server_process

    make_server_process("kamcourse-crm", cfg, None)  # jupyter-server-proxy accepts the configuration


def test_behind_the_proxy_on_a_unix_socket(tmp_path) -> None:
    """What the launcher starts: a private socket, the proxy's path prefix, the accounts on the login page."""
    import http.client
    import socket
    import time

    sock = tmp_path / "crm.sock"
    env = {**os.environ, "KAMCOURSE_CRM_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "kamcourse.practice.cli", "--no-browser", "--behind-proxy",
                             "--url-prefix", "/user/alice/kamcourse-crm", "--unix-socket", str(sock)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(600):
            if sock.exists():
                break
            time.sleep(0.2)
        assert sock.stat().st_mode & 0o077 == 0

        class Conn(http.client.HTTPConnection):
            def connect(self):
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(str(sock))

        conn = Conn("localhost", timeout=30)
        conn.request("GET", "/login/", headers={"Host": "hub.example.edu", "X-Forwarded-Proto": "https",
                                                "Accept-Language": "zh-CN"})
        page = conn.getresponse().read().decode()
        assert 'action="/user/alice/kamcourse-crm/login/' in page  # links carry the proxy's prefix
        assert "这是你自己的实训系统" in page and re.search(r"如 s\d{3}）登录，密码 \S+", page)
    finally:
        proc.terminate()
        proc.wait(30)


def test_every_interface_string_has_chinese() -> None:
    django_ready()
    from django.utils import translation

    from kamcourse.practice.catalogue import PO_FILE, source_messages

    po = polib.pofile(str(PO_FILE))
    assert not po.fuzzy_entries() and not [e.msgid for e in po if not e.translated()]
    same_in_both = {"English"}
    plurals = {e.msgid: e.msgid_plural for e in po if e.msgid_plural}
    plural_forms = set(plurals) | set(plurals.values())

    def translated(m: str) -> bool:
        if m in plural_forms:
            singular = next(k for k, v in plurals.items() if m in (k, v))
            return translation.ngettext(singular, plurals[singular], 2) != plurals[singular]
        return m in same_in_both or translation.gettext(m) != m

    with translation.override("zh-hans"):
        missing = sorted(m for m in source_messages() if not translated(m))
    assert not missing, f"add to {PO_FILE.name}: {missing}"
    for entry in po:  # placeholders survive translation
        for msgstr in [entry.msgstr, *entry.msgstr_plural.values()]:
            if msgstr:
                assert sorted(re.findall(r"%\(\w+\)[sd]", entry.msgid)) == sorted(re.findall(r"%\(\w+\)[sd]", msgstr)), entry.msgid


@pytest.mark.parametrize("module", ["kamcourse", "kamcourse.practice"])
def test_import_stays_cheap(module) -> None:
    code = f"import sys, {module}; print('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"

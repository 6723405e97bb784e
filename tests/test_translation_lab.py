"""The interface language reaches JupyterLab: `KAMCOURSE_LANG=zh make lab` serves a Chinese JupyterLab on the
Chinese start notebook; a class default written by `class_settings` is what JupyterLab reads."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kamcourse.translation.lab import TRANSLATION_PLUGIN, class_settings, write_lab_defaults

ROOT = Path(__file__).resolve().parents[1]

_READ_OVERRIDES = """
import json
from jupyterlab_server.settings_utils import _get_overrides
print(json.dumps(_get_overrides("/nonexistent")[0]))
"""


def _jupyterlab_overrides(config_path: str) -> dict:
    """The default-setting overrides JupyterLab's own settings code reads with this JUPYTER_CONFIG_PATH."""
    env = dict(os.environ, JUPYTER_CONFIG_PATH=config_path)
    proc = subprocess.run([sys.executable, "-c", _READ_OVERRIDES], env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(proc.stdout)


def test_class_default_is_read_by_jupyterlab(tmp_path) -> None:
    (tmp_path / "labconfig").mkdir()
    other = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    (tmp_path / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(other), encoding="utf-8")
    s = class_settings("zh", tmp_path)
    assert s.environment == {"KAMCOURSE_LANG": "zh"}
    assert s.default_url == "/lab/tree/notebooks/zh/00_start_here.ipynb"
    overrides = _jupyterlab_overrides(str(tmp_path))
    assert overrides[TRANSLATION_PLUGIN] == {"locale": "zh_CN"}
    assert overrides["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}  # kept
    write_lab_defaults(tmp_path, "en")
    assert _jupyterlab_overrides(str(tmp_path))[TRANSLATION_PLUGIN] == {"locale": "en"}


def test_chinese_language_pack_is_installed() -> None:
    from jupyterlab_server.translation_utils import get_language_pack

    data, message = get_language_pack("zh_CN")
    assert data and not message, message


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.geturl(), json.load(r) if "/api/" in url else r.read().decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_in_chinese(tmp_path) -> None:
    port, token = _free_port(), secrets.token_hex(16)
    args = f"--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    env = dict(os.environ, KAMCOURSE_LANG="zh", JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    proc = subprocess.Popen(["make", "-s", "lab", f"ARGS={args}"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, "make lab exited before serving"
            assert time.monotonic() < deadline, "JupyterLab did not answer within 120 s"
            time.sleep(0.5)
        # the interface language: JupyterLab's settings API serves zh_CN as the default locale
        _, setting = _get(f"{base}/lab/api/settings/{TRANSLATION_PLUGIN}?token={token}")
        assert setting["schema"]["properties"]["locale"]["default"] == "zh_CN"
        assert "locale" not in json.loads(setting.get("raw") or "{}"), "a default, not the user's own setting"
        _, pack = _get(f"{base}/lab/api/translations/zh_CN?token={token}")
        assert pack["data"] and not pack["message"], pack["message"]
        # the browser lands on the Chinese start notebook
        url, _ = _get(f"{base}/?token={token}")
        assert url.split("?")[0].endswith("/lab/tree/notebooks/zh/00_start_here.ipynb")
        _, model = _get(f"{base}/api/contents/notebooks/zh/00_start_here.ipynb?token={token}")
        assert model["content"]["metadata"]["kamcourse"]["language"] == "zh"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

"""The JupyterLab launcher entry (jupyter-server-proxy): the practice CRM inside a student's server.

jupyter-server-proxy finds :func:`setup_crm` through the
``jupyter_serverproxy_servers`` entry point; the launcher then shows a
"Practice CRM" tile. The system listens on a private Unix socket (on
Windows a free TCP port on 127.0.0.1), so only the logged-in student,
through their own authenticated Jupyter server, reaches it; the login page
then shows the accounts of their own instance.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["setup_crm"]


def setup_crm() -> dict:
    """The jupyter-server-proxy configuration of the practice CRM (启动器入口).

    Returns
    -------
    dict

    Examples
    --------
    >>> cfg = setup_crm()
    >>> cfg["launcher_entry"]["title"]
    'Practice CRM 实训系统'
    """
    cmd = [sys.executable, "-m", "kamcourse.practice.cli", "--no-browser", "--behind-proxy",
           "--url-prefix", "{base_url}kamcourse-crm"]
    cfg: dict = {"timeout": 180, "absolute_url": False, "new_browser_tab": True,
                 "launcher_entry": {"title": "Practice CRM 实训系统",
                                    "icon_path": str(Path(__file__).with_name("crm-icon.svg"))}}
    if os.name == "nt":
        cfg["command"] = [*cmd, "--port", "{port}"]
    else:
        cfg["command"] = [*cmd, "--unix-socket", "{unix_socket}"]
        cfg["unix_socket"] = True
    return cfg

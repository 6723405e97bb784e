"""Prepare the database and serve the practice CRM with waitress (启动系统).

``prepare()`` brings the database to the current version (a backup first
when an older version holds data: 10.3 系统升级), loads the company's data
into an empty database, and makes the initial backup. ``serve()`` runs the
WSGI application under waitress (a maintained, pure-Python server that works
the same on Linux, macOS and Windows), on 127.0.0.1 by default; a shared class
instance on a multi-core Linux server can run several gunicorn processes
(``--workers N``).
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import threading
import webbrowser
from pathlib import Path

from . import config

__all__ = ["prepare", "serve", "credentials"]


def credentials() -> dict | None:
    """The login accounts made when the data were loaded, and their password (None before).

    Examples
    --------
    >>> credentials() is None or "password" in credentials()
    True
    """
    path = config.home() / "credentials.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_credentials(password: str, users: list[str]) -> None:
    path = config.home() / "credentials.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"password": password, "users": users}, fh)


def prepare(student: str | None = None, out=None) -> dict:
    """Migrate, load the company's data if the database is empty, and make the initial backup (初始化).

    Parameters
    ----------
    student : str, optional
        Whose data variant to load into an empty database (default: the
        student of :func:`kamcourse.data.student_id`, e.g. the JupyterHub user).
    out : file, optional
        Where to report (default stdout).

    Returns
    -------
    dict
        ``loaded`` (bool), ``upgraded`` (bool), ``student``.

    Examples
    --------
    >>> callable(prepare)
    True
    """
    out = out or sys.stdout
    from .web import setup

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from kamcourse import data

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    tables = connection.introspection.table_names()
    upgraded = False
    if pending and "customers_customer" in tables:
        path = _copy_before_upgrade(connection)
        print(f"upgrading the database (copy of the old one: {path})", file=out)
        upgraded = True
    if pending:
        call_command("migrate", verbosity=0, interactive=False)
    if upgraded:
        from .web.maintenance.models import MaintenanceLog

        MaintenanceLog.objects.create(kind="upgrade", file_name=Path(path).name[:200], sha256="-",
                                      note=", ".join(f"{m.app_label}.{m.name}" for m, _ in pending)[:300])
    from .web.customers.models import Customer

    loaded = False
    student = student if student is not None else data.student_id()
    if not Customer.objects.exists():
        from .web.maintenance.backup import backup
        from .web.maintenance.company import load_company

        password = secrets.token_urlsafe(9)
        print(f"loading the company's data{f' (variant of {student})' if student else ''} ...", file=out)
        load_company(student=student, password=password)
        from django.contrib.auth import get_user_model

        users = sorted(get_user_model().objects.values_list("username", flat=True))
        _write_credentials(password, users)
        backup(note="initial data")
        loaded = True
    return {"loaded": loaded, "upgraded": upgraded, "student": student}


def _copy_before_upgrade(connection) -> str:
    """A full copy of the old database before migrating it (10.3 升级注意事项: back up first).

    SQLite: the file, copied with SQLite's backup API into the backup folder.
    PostgreSQL: the server's own tool is the right one; the message says so.
    """
    if connection.vendor != "sqlite":
        return "none made: back up a PostgreSQL database with pg_dump before upgrading"
    import sqlite3

    from django.conf import settings
    from django.utils import timezone

    folder = Path(settings.CRM_BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"crm-before-upgrade-{timezone.localtime():%Y%m%d-%H%M%S}.sqlite3"
    src = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return str(target)


def _print_url(url: str, out) -> None:
    print(f"practice CRM: {url}", file=out, flush=True)
    creds = credentials()
    if creds:
        print(f"  log in as admin (administrator), manager (sales manager) or a staff account such as "
              f"{next((u for u in creds['users'] if u.startswith('s')), 's001')}; password {creds['password']}",
              file=out, flush=True)


def _serve_gunicorn(host: str, port: int, threads: int, workers: int, out) -> None:
    """Several processes on one listening socket (gunicorn), for a class sharing one server."""
    import socket

    from gunicorn.app.base import BaseApplication

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(256)
    sock.set_inheritable(True)

    class App(BaseApplication):
        def load_config(self):
            for key, value in {"bind": [f"fd://{sock.fileno()}"], "workers": workers, "threads": threads,
                               "worker_class": "gthread", "accesslog": None, "timeout": 120,
                               "post_fork": lambda server, worker: _warm_up()}.items():
                self.cfg.set(key, value)

        def load(self):
            from .web.wsgi import application

            return application

    _print_url(f"http://{host}:{sock.getsockname()[1]}/", out)
    App().run()


def _warm_up() -> None:
    """Import the statistics pages' libraries now, not during a student's first click."""
    import matplotlib.figure  # noqa: F401

    from kamcourse import development, viz  # noqa: F401


def serve(host: str = "127.0.0.1", port: int = 0, open_browser: bool = True, unix_socket: str | None = None,
          threads: int = 8, workers: int = 1, out=None) -> None:
    """Serve the system until interrupted, printing its URL (运行系统).

    Parameters
    ----------
    host : str
        Interface to bind (127.0.0.1: this machine only).
    port : int
        TCP port; 0 picks a free one.
    open_browser : bool
        Open the URL in the default browser.
    unix_socket : str, optional
        Listen on this Unix socket instead (used behind jupyter-server-proxy).
    threads : int
        Worker threads (per process).
    workers : int
        Processes. 1: waitress (any platform). More: gunicorn's processes
        (Linux/macOS), for a shared class instance on a multi-core server.
    out : file, optional

    Examples
    --------
    >>> callable(serve)
    True
    """
    out = out or sys.stdout
    if workers > 1 and not unix_socket:
        return _serve_gunicorn(host, port, threads, workers, out)
    from waitress import create_server

    from .web.wsgi import application

    if unix_socket:
        server = create_server(application, unix_socket=unix_socket, unix_socket_perms="600", threads=threads)
        print(f"practice CRM listening on {unix_socket}", file=out, flush=True)
    else:
        server = create_server(application, host=host, port=port, threads=threads, ident="kamcourse-crm")
        url = f"http://{host}:{server.effective_port}/"
        _print_url(url, out)
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    threading.Thread(target=_warm_up, daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if unix_socket:
            Path(unix_socket).unlink(missing_ok=True)

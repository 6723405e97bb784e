"""Where the practice CRM keeps its data, and which database it uses (系统配置).

Defaults suit one student on one machine: an embedded SQLite file in a
per-user data folder, never inside the repository. A teacher running one
shared instance for a class sets ``KAMCOURSE_CRM_DATABASE_URL`` to a
PostgreSQL URL; nothing else changes.

Environment variables (all optional):

``KAMCOURSE_CRM_HOME``          the data folder (database, backups, secret key)
``KAMCOURSE_CRM_DATABASE_URL``  ``postgresql://user:password@host:port/name`` (or ``sqlite:///path``)
``KAMCOURSE_CRM_SECRET_KEY``    Django's secret key (a shared instance with several processes)
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["home", "database_path", "database_settings", "secret_key"]


def home() -> Path:
    """The practice CRM's data folder (数据目录), created if missing.

    ``$KAMCOURSE_CRM_HOME``, else the platform's per-user data folder:
    ``$XDG_DATA_HOME/kamcourse/crm`` (default ``~/.local/share/kamcourse/crm``)
    on Linux, ``~/Library/Application Support/kamcourse/crm`` on macOS,
    ``%LOCALAPPDATA%\\kamcourse\\crm`` on Windows (this kit's convention).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> home().name == "crm" or "KAMCOURSE_CRM_HOME" in os.environ
    True
    """
    env = os.environ.get("KAMCOURSE_CRM_HOME")
    if env:
        folder = Path(env).expanduser()
    elif sys.platform == "win32":
        folder = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "kamcourse" / "crm"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / "kamcourse" / "crm"
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / "kamcourse" / "crm"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_path() -> Path:
    """The embedded SQLite database file of this user's practice CRM (数据库文件).

    Returns
    -------
    pathlib.Path
        ``home() / "crm.sqlite3"`` (it exists once ``kamcourse crm`` has run).

    Examples
    --------
    >>> database_path().name
    'crm.sqlite3'
    """
    return home() / "crm.sqlite3"


def database_settings(url: str | None = None) -> dict:
    """Django's ``DATABASES["default"]`` for a database URL (数据库配置).

    Parameters
    ----------
    url : str, optional
        ``postgresql://user:password@host:port/name`` (``postgres://`` too;
        ``?host=/socket/folder`` for a Unix socket) or ``sqlite:///path``.
        Default ``$KAMCOURSE_CRM_DATABASE_URL``, else the SQLite file of
        :func:`database_path`.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If the URL's scheme is neither PostgreSQL nor SQLite, or it names no database.

    Examples
    --------
    >>> s = database_settings("postgresql://crm:pw@127.0.0.1:5433/class1")
    >>> s["ENGINE"], s["NAME"], s["PORT"]
    ('django.db.backends.postgresql', 'class1', '5433')
    >>> database_settings("mysql://x/y")
    Traceback (most recent call last):
    ...
    ValueError: url must start with postgresql:// or sqlite:///, got 'mysql://x/y'
    """
    url = url if url is not None else os.environ.get("KAMCOURSE_CRM_DATABASE_URL", "")
    if not url:
        url = "sqlite:///" + str(database_path())
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        name = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
        if not name:
            raise ValueError(f"url must name the SQLite file, e.g. sqlite:///path/crm.sqlite3, got {url!r}")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "CONN_MAX_AGE": 60,
            # IMMEDIATE: a writing transaction takes the lock when it begins, so two writers queue
            # instead of failing half-way; WAL lets readers go on while one writes.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parts.scheme in ("postgresql", "postgres"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ValueError(f"url must name the database, e.g. postgresql://user@host/crm, got {url!r}")
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(query.get("host", parts.hostname or "")),
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"url must start with postgresql:// or sqlite:///, got {url!r}")


def secret_key() -> str:
    """Django's secret key: ``$KAMCOURSE_CRM_SECRET_KEY``, else one made once per data folder (密钥).

    The key signs sessions and CSRF tokens; it is written to
    ``home()/secret_key`` readable by its owner only.

    Returns
    -------
    str

    Examples
    --------
    >>> len(secret_key()) >= 32
    True
    """
    env = os.environ.get("KAMCOURSE_CRM_SECRET_KEY")
    if env:
        return env
    path = home() / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text(encoding="ascii").strip()
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key)
        return key

"""A private PostgreSQL cluster for tests and the load benchmark (initdb + pg_ctl on a free port).

Debian's ``postgresql`` package (installed by ``make setup``) provides the
server programs. As root the cluster runs as the unprivileged ``postgres``
user (the server refuses to run as root); its files live in a fresh
temporary folder that is removed afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["find_pg_bin", "private_cluster"]


def find_pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl (Debian keeps them in /usr/lib/postgresql/<version>/bin), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def private_cluster(database: str = "crm") -> Iterator[str]:
    """Start a throw-away PostgreSQL server on 127.0.0.1 and yield the URL of an empty database."""
    bindir = find_pg_bin()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL's initdb/pg_ctl not found: install Debian's postgresql (make setup)")
    root = Path(tempfile.mkdtemp(prefix="kamcourse-pg-"))
    os.chmod(root, 0o755)
    data, sockets = root / "data", root / "sock"
    data.mkdir()
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        user = "postgres" if _has_user("postgres") else "nobody"
        pw = pwd.getpwnam(user)
        for path in (data, sockets):
            os.chown(path, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", user, "--"]
    port = _free_port()
    log = root / "server.log"
    if prefix:
        log.touch()
        os.chown(log, pw.pw_uid, pw.pw_gid)

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True, timeout=120, cwd=root)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "crm", "-A", "trust", "--no-sync", "-E", "UTF8",
            "--locale", "C")
        opts = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "-t", "60", "start")
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "crm", database)
        yield f"postgresql://crm@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60, cwd=root)
        shutil.rmtree(root, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False

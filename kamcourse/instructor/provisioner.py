"""Kernels forked from the fork server, as jupyter_client sees them (内核供应器).

:class:`ForkServer` is a worker's handle on one
:mod:`~kamcourse.instructor.forkserver` running in the grading sandbox;
:class:`ForkProvisioner` is a jupyter_client *kernel provisioner* (registered
under the entry point ``kamcourse-fork`` of the group
``jupyter_client.kernel_provisioners``) that starts a kernel by asking that
server to fork one, instead of starting a new process. A kernelspec selects it
with ``"metadata": {"kernel_provisioner": {"provisioner_name": "kamcourse-fork",
"config": {"server": <name>, "folder": <kernel folder>, "keep": <read-only folders>}}}``,
the way jupyter_client documents ("Kernel Provisioning", jupyter-client.readthedocs.io);
:class:`~kamcourse.instructor.sandbox.Kernel` writes that kernelspec.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode

from .sandbox import ENV_FILE, MPL_DIR, Sandbox, font_list, kernel_env

__all__ = ["ForkServer", "ForkProvisioner", "SERVERS", "VARIANTS_INSIDE"]

#: The fork servers of this process, by name (the kernelspec names one).
SERVERS: dict[str, ForkServer] = {}
#: Where a grading kernel sees the data variants (its owner's only).
VARIANTS_INSIDE = "/var/kamcourse/variants"
_numbers = itertools.count(1)


class ForkServer:
    """One fork server, started in the sandbox by ``command`` (see :meth:`Sandbox.command`).

    The server's answers are read by a thread; :meth:`start`, :meth:`poll`
    and :meth:`kill` may be called from any thread.
    """

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path,
                 ids: tuple[int, int] | None) -> None:
        self.name, self.ids, self.log = name, ids, log
        self._lock = threading.Condition()
        self._started: set[str] = set()
        self._exited: dict[str, int] = {}
        self._ready = False
        with open(log, "wb") as err:
            self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                         env=env, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        SERVERS[name] = self

    @classmethod
    def start_in(cls, sandbox: Sandbox, rundir: Path, variants: Path | None = None,
                 preload: Iterable[str] = ()) -> ForkServer:
        """Start a fork server in ``sandbox`` for kernels whose folders are made in ``rundir``.

        ``variants``: the folder of the data variants (:func:`kamcourse.data.variants.cache_root`),
        shown read-only at :data:`VARIANTS_INSIDE` (each kernel then keeps its owner's only).
        ``preload``: more modules to import once (those the assignment imports).
        """
        readable, cover = {}, [str(rundir)]
        if variants is not None:
            variants.mkdir(parents=True, exist_ok=True)
            readable[str(variants)] = VARIANTS_INSIDE
            cover.append(VARIANTS_INSIDE)
        fonts = font_list()
        if fonts:
            readable[fonts] = f"{MPL_DIR}/{os.path.basename(fonts)}"
        ids = sandbox.ids()
        if ids:
            os.chown(rundir, *ids)
        settings = {"limits": sandbox.limits.rlimits(), "tmp_size": f"{sandbox.limits.tmp_mb}m",
                    "cover": cover, "preload": sorted(preload)}
        cmd = sandbox.command([sys.executable, "-m", "kamcourse.instructor.forkserver", json.dumps(settings)],
                              writable=[str(rundir)], readable=readable, chdir=str(rundir), fork_server=True)
        name = f"fork-{os.getpid()}-{next(_numbers)}"
        return cls(name, cmd, kernel_env(), rundir.parent / f"{rundir.name}-{name}.log", ids)

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            try:
                event = json.loads(line)
            except ValueError:
                continue
            with self._lock:
                if "ready" in event:
                    self._ready = True
                elif "started" in event:
                    self._started.add(event["started"])
                elif "exited" in event:
                    self._exited[event["exited"]] = int(event["status"])
                self._lock.notify_all()
        with self._lock:  # the server is gone, and so is every kernel it forked
            for kid in self._started:
                self._exited.setdefault(kid, -9)
            self._ready = None  # type: ignore[assignment]
            self._lock.notify_all()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def ready(self, timeout: float = 120) -> bool:
        """Wait until the server has imported everything; False if it stopped (its log says why) or took too long."""
        with self._lock:
            self._lock.wait_for(lambda: self._ready is not False, timeout)
            return self._ready is True

    def _send(self, request: dict[str, Any]) -> None:
        with self._lock:
            self.proc.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
            self.proc.stdin.flush()  # type: ignore[union-attr]

    def start(self, kid: str, folder: str, args: list[str], keep: list[str], env: dict[str, str],
              timeout: float = 120) -> None:
        """Fork kernel ``kid`` for kernel folder ``folder``; its environment goes through ``conn/``."""
        env_file = Path(folder) / "conn" / ENV_FILE
        fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(env, fh)
        if self.ids:
            os.chown(env_file, *self.ids)
        stopped = f"the fork server has stopped (see {self.log})"
        with self._lock:
            if not self._lock.wait_for(lambda: self._ready is not False, timeout):
                raise RuntimeError("the fork server did not get ready in time")
        try:
            if self._ready is None or not self.alive:
                raise BrokenPipeError
            self._send({"start": kid, "folder": folder, "args": args, "keep": keep})
        except (BrokenPipeError, ValueError):
            raise RuntimeError(stopped) from None
        with self._lock:
            if not self._lock.wait_for(lambda: kid in self._started or self._ready is None, timeout):
                raise RuntimeError("the fork server did not fork the kernel in time")
            if kid not in self._started:
                raise RuntimeError(stopped)

    def started(self, kid: str) -> bool:
        """Whether the server has forked kernel ``kid`` (it may have ended since)."""
        with self._lock:
            return kid in self._started

    def poll(self, kid: str) -> int | None:
        """None while kernel ``kid`` runs, else its exit code."""
        with self._lock:
            return self._exited.get(kid)

    def kill(self, kid: str) -> None:
        """Kill kernel ``kid`` and everything it started."""
        if self.alive and self.poll(kid) is None:
            try:
                self._send({"kill": kid})
            except (BrokenPipeError, ValueError):
                pass

    def forget(self, kid: str) -> None:
        with self._lock:
            self._started.discard(kid)
            self._exited.pop(kid, None)

    def close(self) -> None:
        SERVERS.pop(self.name, None)
        if self.alive:
            self.proc.kill()
        self.proc.wait()


class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
    """A jupyter_client kernel provisioner whose kernels are forked by a :class:`ForkServer`.

    Connection files and the kernel command are prepared as for a local
    kernel (``LocalProvisioner.pre_launch``); the process-level calls go to the
    fork server.
    """

    server = Unicode(config=True, help="name of the ForkServer (in SERVERS) that forks the kernels")
    keep = Unicode("", config=True, help="os.pathsep-separated read-only folders the kernel keeps")
    folder = Unicode(config=True, help="the kernel's folder (with work/ and conn/)")

    @property
    def _server(self) -> ForkServer:
        try:
            return SERVERS[self.server]
        except KeyError:
            raise RuntimeError(f"no fork server named {self.server!r} in this process") from None

    @property
    def has_process(self) -> bool:
        return self._server.started(self.kernel_id) and self.poll_now() is None

    def poll_now(self) -> int | None:
        return self._server.poll(self.kernel_id)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        args = cmd[cmd.index("ipykernel_launcher") + 1:]
        self._server.start(self.kernel_id, self.folder, args, [p for p in self.keep.split(os.pathsep) if p],
                           dict(kwargs.get("env") or {}))
        self.pid = -1  # not a process of this namespace: every call goes through the server
        return self.connection_info

    async def poll(self) -> int | None:
        return self.poll_now()

    async def wait(self) -> int | None:
        while (code := self.poll_now()) is None:
            await asyncio.sleep(0.02)
        return code

    async def send_signal(self, signum: int) -> None:
        # interrupts travel as messages (the kernelspec's interrupt_mode); any other signal ends the kernel
        self._server.kill(self.kernel_id)

    async def kill(self, restart: bool = False) -> None:
        self._server.kill(self.kernel_id)

    async def terminate(self, restart: bool = False) -> None:
        self._server.kill(self.kernel_id)

    async def cleanup(self, restart: bool = False) -> None:
        self._server.forget(self.kernel_id)

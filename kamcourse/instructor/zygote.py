"""A fork server for grading kernels: pay the start-up imports once, not per submission.

``nbgrader autograde`` starts a new Python kernel for every submission and the
notebook then imports numpy, pandas and matplotlib again: most of a
submission's grading time. The zygote is one process that imports all of that
once; for each submission it forks a child, which drops to the sandbox user,
clears its environment and becomes a fresh ipykernel. Every student still gets
a new process that no other submission has touched (a copy of the zygote,
which has only imported modules), at a fraction of the start-up cost.

Protocol (JSON lines on stdin/stdout): ``{"connection_file", "cwd", "env",
"uid", "gid"}`` -> ``{"pid": N}`` (or ``{"error": ...}``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

__all__ = ["Zygote", "ForkedProcess", "PRELOAD_MODULES"]

#: What the zygote imports before forking (what grading kernels need anyway).
PRELOAD_MODULES = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
    "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "kamcourse", "kamcourse.data",
    "kamcourse.i18n",
)


def _reap(signum, frame) -> None:  # pragma: no cover - runs in the zygote
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child(request: dict[str, Any]) -> None:  # pragma: no cover - runs in the forked kernel
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        uid, gid = request.get("uid"), request.get("gid")
        if uid is not None:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        # exit when the zygote goes away (ipykernel's parent poller), so no kernel outlives a killed grader
        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"], "--HistoryManager.hist_file=:memory:",
                    f"--IPKernelApp.parent_handle={os.getppid()}"]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance()
    finally:
        os._exit(0)


def serve() -> None:  # pragma: no cover - runs in the zygote
    """The zygote's main loop (``python -m kamcourse.instructor.zygote``)."""
    import importlib

    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional module only costs time
            pass
    out = os.fdopen(os.dup(1), "w", buffering=1)
    signal.signal(signal.SIGCHLD, _reap)
    out.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        try:
            pid = os.fork()
        except OSError as exc:
            out.write(json.dumps({"error": str(exc)}) + "\n")
            continue
        if pid == 0:
            out.close()
            _child(request)
        out.write(json.dumps({"pid": pid}) + "\n")


class ForkedProcess:
    """A Popen-like handle on a kernel forked by the zygote (not our child: no waitpid)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def _alive(self) -> bool:
        try:
            with open(f"/proc/{self.pid}/stat", encoding="ascii", errors="replace") as fh:
                state = fh.read().rsplit(")", 1)[1].split()[0]
            return state not in ("Z", "X")
        except (OSError, IndexError):
            return False

    def poll(self) -> int | None:
        if self.returncode is None and not self._alive():
            self.returncode = -9
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.05)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """Start and talk to a zygote process."""

    def __init__(self, env: dict[str, str]) -> None:
        full_env = dict(os.environ)
        full_env.update(env)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kamcourse.instructor.zygote"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=full_env,
        )
        self._lock = threading.Lock()
        ready = self.proc.stdout.readline()
        if not ready:
            raise RuntimeError("the kernel fork server did not start")

    def fork(self, connection_file: str, cwd: str, env: dict[str, str], uid: int | None, gid: int | None) -> ForkedProcess:
        request = {"connection_file": connection_file, "cwd": cwd, "env": env, "uid": uid, "gid": gid}
        with self._lock:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            reply = json.loads(self.proc.stdout.readline() or "{}")
        if "pid" not in reply:
            raise RuntimeError(f"the kernel fork server failed: {reply.get('error', 'no answer')}")
        return ForkedProcess(int(reply["pid"]))

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


if __name__ == "__main__":  # pragma: no cover
    serve()

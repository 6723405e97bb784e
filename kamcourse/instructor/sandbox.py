"""Kernels for grading: started ahead of time, and as an unprivileged user when run as root.

When grading runs as root (a course server, CI) a student's code must not be
able to change the gradebook, the source assignments or the installed kit, so
each kernel is started through ``setpriv`` as an unprivileged user (default
``nobody``) that can write only the submission's own working folder and a
private home folder. On a personal machine (not root) kernels run as the
instructor: nothing is protected there, and the guide says so.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass

__all__ = ["SandboxUser", "sandbox_user", "WarmKernel", "start_kernel"]

#: Modules imported in a kernel before a submission is run (saves start-up time).
PRELOAD = "import numpy, pandas, matplotlib\nimport matplotlib.pyplot\ntry:\n    import kamcourse.data\nexcept Exception:\n    pass\n"


@dataclass(frozen=True)
class SandboxUser:
    """The Unix user kernels run as (None fields: the current user)."""

    name: str | None
    uid: int | None
    gid: int | None
    reason: str = ""

    @property
    def active(self) -> bool:
        return self.uid is not None


def sandbox_user(name: str | None = "nobody") -> SandboxUser:
    """Return the user kernels run as: ``name`` when root and usable, else the current user.

    Usable means the user exists, ``setpriv`` exists and the user can run this
    Python (an interpreter inside ``/root`` is not reachable by others).

    Examples
    --------
    >>> sandbox_user(None).active
    False
    >>> sandbox_user(None).reason.endswith("kernels run as the current user")
    True
    """
    if os.name != "posix" or os.geteuid() != 0 or not name:
        why = "no sandbox user requested" if os.name == "posix" and os.geteuid() == 0 else "not running as root"
        return SandboxUser(None, None, None, f"{why}: kernels run as the current user")
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return SandboxUser(None, None, None, f"user {name!r} does not exist: kernels run as root")
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return SandboxUser(None, None, None, "setpriv not found: kernels run as root")
    probe = subprocess.run(
        [setpriv, f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups",
         sys.executable, "-c", "import ipykernel, kamcourse"],
        capture_output=True, text=True, cwd="/", env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )
    if probe.returncode != 0:
        return SandboxUser(
            None, None, None,
            f"user {name!r} cannot run {sys.executable} ({probe.stderr.strip().splitlines()[-1:] or ['?']}): "
            "kernels run as root; build the environment from a Python every user can run (make setup does this as root)",
        )
    return SandboxUser(name, entry.pw_uid, entry.pw_gid, f"kernels run as the unprivileged user {name!r}")


def _kernel_manager_class(user: SandboxUser, zygote=None):
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """Launches the kernel by asking the zygote to fork (see :mod:`.zygote`)."""

        async def launch_kernel(self, cmd, **kwargs):
            env = dict(kwargs.get("env") or {})
            self.process = zygote.fork(self.parent.connection_file, str(kwargs.get("cwd") or os.getcwd()), env,
                                       user.uid, user.gid)
            self.pid = self.process.pid
            self.pgid = self.process.pid
            self.cwd = kwargs.get("cwd")
            return self.connection_info

    class GradingKernelManager(AsyncKernelManager):
        """A kernel manager that launches the kernel as ``user`` and lets it read its connection file."""

        async def _async_pre_start_kernel(self, **kw):
            kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
            if zygote is not None:
                self.provisioner.__class__ = ForkProvisioner
            return kernel_cmd, kw

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            if cmd and os.path.basename(cmd[0]).startswith("python"):
                cmd[0] = sys.executable
            if user.active:
                cmd = [shutil.which("setpriv") or "setpriv", f"--reuid={user.uid}", f"--regid={user.gid}",
                       "--clear-groups", "--"] + cmd
            return cmd

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            if user.active:
                os.chown(self.connection_file, user.uid, user.gid)

    return GradingKernelManager


def shared_mpl_config(user: SandboxUser, rundir: str) -> str:
    """A matplotlib config folder with the font cache built once, readable by the kernels.

    Without it every fresh kernel home rebuilds matplotlib's font list, which
    takes seconds with the CJK fonts installed.
    """
    folder = os.path.join(rundir, "mplconfig")
    if not os.path.isdir(folder):
        os.makedirs(folder)
        env = dict(os.environ, MPLCONFIGDIR=folder)
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=False,
                       capture_output=True)
        for dirpath, _dirnames, filenames in os.walk(folder):
            os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)
    return folder


def kernel_env(rundir: str, user: SandboxUser) -> dict[str, str]:
    """The environment of a grading kernel (nothing inherited but what is listed here)."""
    env = {
        "PATH": os.path.dirname(sys.executable) + os.pathsep + "/usr/local/bin:/usr/bin:/bin",
        "HOME": rundir,
        "MPLCONFIGDIR": shared_mpl_config(user, rundir),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "NBGRADER_EXECUTION": "autograde",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    for key in ("KAMCOURSE_SECRET", "KAMCOURSE_VARIANT_CACHE", "KAMCOURSE_DATA_DIR", "KAMCOURSE_CACHE_DIR"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


class WarmKernel:
    """A kernel started (and its imports loaded) before the submission it will run is known."""

    def __init__(self, user: SandboxUser, rundir: str, extra_env: dict[str, str] | None = None, zygote=None) -> None:
        from jupyter_core.utils import run_sync

        self.user = user
        self.home = tempfile.mkdtemp(prefix="home-", dir=rundir)
        if user.active:
            os.chown(self.home, user.uid, user.gid)
        env = kernel_env(rundir, user)
        env.update({
            "HOME": self.home,
            "IPYTHONDIR": os.path.join(self.home, ".ipython"),
        })
        env.update(extra_env or {})
        manager_class = _kernel_manager_class(user, zygote)
        self.km = manager_class(kernel_name="python3")
        self.km.connection_file = os.path.join(rundir, f"kernel-{uuid.uuid4().hex}.json")
        run_sync(self.km.start_kernel)(
            extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=self.home, env=env
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        self._preload_id = self.kc.execute(PRELOAD, silent=True, store_history=False)
        self._ready = False

    def wait_ready(self, timeout: float = 180.0) -> bool:
        """Wait until the kernel has finished its start-up imports (True) or give up (False).

        A kernel handed over while still importing would make the first cell's
        time limit interrupt the imports.
        """
        import time
        from queue import Empty

        from jupyter_core.utils import run_sync

        deadline = time.monotonic() + timeout
        while not self._ready and time.monotonic() < deadline:
            try:
                msg = run_sync(self.kc.get_shell_msg)(timeout=min(5.0, max(0.1, deadline - time.monotonic())))
            except Empty:
                if not run_sync(self.km.is_alive)():
                    return False
                continue
            if msg.get("parent_header", {}).get("msg_id") == self._preload_id:
                self._ready = True
        return self._ready

    @property
    def pid(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def kill(self) -> None:
        """Kill the kernel process at once (used by the timeout watchdog)."""
        pid = self.pid
        if pid:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            self.kc.stop_channels()
        except Exception:  # noqa: BLE001
            pass
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001
            self.kill()
        shutil.rmtree(self.home, ignore_errors=True)
        try:
            os.remove(self.km.connection_file)
        except OSError:
            pass


def start_kernel(user: SandboxUser, rundir: str) -> WarmKernel:
    """Start a warm kernel (see :class:`WarmKernel`).

    Examples
    --------
    >>> import tempfile
    >>> k = start_kernel(sandbox_user(None), tempfile.mkdtemp())
    >>> k.pid is not None
    True
    >>> k.shutdown()
    """
    return WarmKernel(user, rundir)

"""Grading kernels in a bubblewrap sandbox, without root (评分沙箱).

Every kernel that runs a student's code is started inside ``bwrap``
(bubblewrap, the Debian package ``bubblewrap``), which an ordinary user may
run where user namespaces are enabled. Inside the sandbox the kernel sees

- the system (``/usr`` and the few ``/etc`` files Python needs), the Python
  environment and the kit, all read-only;
- its own empty ``/tmp`` (a small tmpfs) as home folder;
- one writable folder: a private copy of the submission (``work``), and the
  folder of its own connection sockets (``conn``);
- optionally more read-only folders (the submission owner's data variant);

and nothing else: not the course folder, the gradebook, other submissions, the
source assignments, the course secret or any home folder. It has no network
(a private loopback only), its own process, IPC and host-name namespaces, may
not create further namespaces, and runs under limits on memory (address
space), processes, CPU time and file size. Killing the kernel's ``bwrap``
kills every process the notebook started (its process namespace ends).

Run as root (a course server, CI), the kernel also drops to an unprivileged
user (default ``nobody``): the sandbox is set up by root, so the kit may sit in
a folder that user cannot reach, and the kernel still cannot write anything
the sandbox shows it besides its own folders.

The kernel talks to the grader over Unix sockets in ``conn`` (ZeroMQ's ``ipc``
transport), since it has no network. It is started by jupyter_client through
an ordinary kernelspec written for it (see :class:`Kernel`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .provisioner import ForkServer

__all__ = ["Limits", "Sandbox", "Kernel", "KERNEL_NAME"]

KERNEL_NAME = "kamcourse-grading"
#: Files of /etc that Python, numpy, pandas and matplotlib read (the rest of /etc stays hidden).
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group", "nsswitch.conf",
       "alternatives", "fonts", "mime.types")
#: Where the kernel's matplotlib reads its (prebuilt) font list.
MPL_DIR = "/tmp/.matplotlib"
#: A forked kernel's stderr, in its ``conn`` folder; the file the grader leaves its environment in.
LOG_FILE, ENV_FILE = "kernel.log", "kernel-env.json"
#: Where a forked kernel gathers its own folders while it covers the rest (an empty folder of the sandbox).
STAGE = "/var/kamcourse/stage"


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed kernel (``prlimit``; per kernel, its child processes included)."""

    memory_mb: int = 4096
    processes: int = 256
    cpu_seconds: int = 900
    file_mb: int = 256
    tmp_mb: int = 256

    def prlimit(self, cpu: bool = True) -> list[str]:
        """The ``prlimit`` command prefix (``cpu=False``: no CPU-time limit, for the fork server itself)."""
        mb = 1024 * 1024
        return ["prlimit", f"--as={self.memory_mb * mb}", f"--nproc={self.processes}",
                *([f"--cpu={self.cpu_seconds}"] if cpu else []), f"--fsize={self.file_mb * mb}", "--core=0", "--"]

    def rlimits(self) -> dict[str, int]:
        """The same limits as ``resource.setrlimit`` names and values (set by each forked kernel)."""
        mb = 1024 * 1024
        return {"RLIMIT_AS": self.memory_mb * mb, "RLIMIT_NPROC": self.processes, "RLIMIT_CPU": self.cpu_seconds,
                "RLIMIT_FSIZE": self.file_mb * mb, "RLIMIT_CORE": 0}


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def _python_paths() -> list[str]:
    """Folders the kernel's Python needs: the environment and the kit (when it is not inside it)."""
    paths = []
    for p in (sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))):
        p = os.path.realpath(p)
        if not _under(p, ["/usr", *paths]):
            paths.append(p)
    from kamcourse.data import data_folder

    spec = importlib.util.find_spec("kamcourse")
    for loc in [*(spec.submodule_search_locations or []), str(data_folder())]:
        loc = os.path.realpath(loc)
        if not _under(loc, ["/usr", *paths]):
            paths.append(loc)
    return paths


@dataclass(frozen=True)
class Sandbox:
    """How grading kernels are contained.

    Parameters
    ----------
    user : str or None
        When run as root, the unprivileged user kernels run as (default ``nobody``).
    limits : Limits
        Memory, processes, CPU time, file size, /tmp size.

    Examples
    --------
    >>> box = Sandbox()
    >>> cmd = box.command(["python", "-c", "pass"], writable=["/tmp/k/work"], chdir="/tmp/k/work")
    >>> cmd[0], "--unshare-net" in cmd, cmd[-3:]
    ('bwrap', True, ['python', '-c', 'pass'])
    """

    user: str | None = "nobody"
    limits: Limits = field(default_factory=Limits)

    @property
    def as_root(self) -> bool:
        return os.geteuid() == 0

    def ids(self) -> tuple[int, int] | None:
        """The (uid, gid) kernels run as when this process is root; None otherwise."""
        if not self.as_root:
            return None
        entry = pwd.getpwnam(self.user or "nobody")
        return entry.pw_uid, entry.pw_gid

    def command(self, argv: list[str], *, writable: list[str], chdir: str,
                readable: dict[str, str] | None = None, fork_server: bool = False) -> list[str]:
        """The ``bwrap`` command that runs ``argv`` in the sandbox.

        ``writable`` folders appear at the same path inside; ``readable`` maps
        a file or folder outside to the path where it appears, read-only, inside.
        ``fork_server``: the command is :mod:`~kamcourse.instructor.forkserver`, which keeps
        ``CAP_SYS_ADMIN`` and ``CAP_SETPCAP`` of the sandbox's own user namespace (to wall each
        forked kernel off; the kernel drops them) and has no CPU-time limit of its own.
        """
        user_ns = ["--unshare-user", "--disable-userns"]
        if fork_server:
            user_ns += ["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"]
        cmd = ["bwrap", "--die-with-parent", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
               "--unshare-cgroup-try", "--hostname", "grading", "--proc", "/proc", "--dev", "/dev"]
        if not self.as_root:  # root sets the sandbox up itself; an inner bwrap adds the user namespace
            cmd += user_ns
        cmd += ["--ro-bind", "/usr", "/usr"]
        for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            if os.path.islink(top):
                cmd += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                cmd += ["--ro-bind", top, top]
        for name in ETC:
            cmd += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
        cmd += ["--perms", "1777", "--size", str(self.limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp",
                "--perms", "0777", "--dir", MPL_DIR]
        made = {"/", "/tmp", MPL_DIR}

        def parents(path: str) -> list[str]:  # bwrap would make missing parents 0700 (unreachable as nobody)
            out = []
            for parent in reversed(Path(path).parents):
                p = str(parent)
                if p not in made and not _under(p, ["/usr", "/proc", "/dev"]):
                    made.add(p)
                    out += ["--perms", "0755", "--dir", p]
            return out

        for outside, inside in [*((p, p) for p in _python_paths()), *(readable or {}).items()]:
            cmd += parents(inside) + ["--ro-bind", outside, inside]
        for path in writable:
            cmd += parents(path) + ["--bind", path, path]
        if fork_server:
            cmd += parents(STAGE) + ["--dir", STAGE]
        # the sandbox's own root (the folders made above the binds) is read-only too
        cmd += ["--remount-ro", "/", "--chdir", chdir, "--"]
        if self.as_root:
            uid, gid = self.ids()  # type: ignore[misc]
            cmd += ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--",
                    "bwrap", *user_ns, "--dev-bind", "/", "/", "--chdir", chdir, "--"]
        return cmd + self.limits.prlimit(cpu=not fork_server) + list(argv)

    def unavailable(self) -> str:
        """Why kernels cannot be sandboxed here ("" when they can): tried once with the real command."""
        if sys.platform != "linux":
            return "the grading sandbox (bubblewrap) needs Linux"
        for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux"), ("setpriv", "util-linux")):
            if not shutil.which(tool):
                return (f"{tool} is not installed: install the Debian/Ubuntu package {package} "
                        f"(`sudo apt-get install {package}`; `make setup` does it when run as root)")
        if self.as_root:
            try:
                self.ids()
            except KeyError:
                return f"the sandbox user {self.user!r} does not exist"
        with tempfile.TemporaryDirectory(prefix="kamcourse-sandbox-check-") as tmp:
            ids = self.ids()
            if ids:
                os.chown(tmp, *ids)
            cmd = self.command([sys.executable, "-c", "import ipykernel, kamcourse.instructor.codec"],
                               writable=[tmp], chdir=tmp)
            proc = subprocess.run(cmd, capture_output=True, text=True, env=kernel_env(), timeout=120)
        if proc.returncode == 0:
            return ""
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        hint = ""
        if "bwrap" in last or "uid map" in last or "namespace" in last:
            hint = ("; user namespaces look disabled: check `sysctl user.max_user_namespaces` (must be > 0), "
                    "`kernel.unprivileged_userns_clone` (Debian, must be 1) and "
                    "`kernel.apparmor_restrict_unprivileged_userns` (Ubuntu 24.04, must be 0)")
        return f"a test kernel could not start in the sandbox ({last}){hint}"


def kernel_env(extra: dict[str, str] | None = None, home: str = "/tmp") -> dict[str, str]:
    """The whole environment of a grading kernel: nothing is inherited from the grader (no secret)."""
    env = {
        "PATH": os.path.dirname(sys.executable) + os.pathsep + "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "MPLCONFIGDIR": MPL_DIR if home == "/tmp" else os.path.join(home, ".matplotlib"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "NBGRADER_EXECUTION": "autograde",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }
    env.update(extra or {})
    return env


def font_list() -> str | None:
    """matplotlib's font list of this user (built once here, so no kernel rebuilds it)."""
    try:
        import matplotlib
        from matplotlib import font_manager

        path = os.path.join(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
        return path if os.path.isfile(path) else None
    except Exception:  # noqa: BLE001 - kernels then build it themselves (slower)
        return None


class Kernel:
    """One kernel for one submission, started by jupyter_client from a kernelspec written for it.

    ``folder`` gets ``work/`` (the kernel's working folder, with a private
    copy of the files of ``files_from`` but its notebooks), ``conn/``
    (connection file and sockets) and ``spec/`` (the kernelspec).
    ``extra_env`` is added to :func:`kernel_env`; ``readable`` maps folders
    outside to where the kernel sees them, read-only. With ``sandbox=None`` the kernel runs unconfined, as the
    grader's user (``kamcourse grade --unsafe``).

    Examples
    --------
    >>> import tempfile
    >>> from jupyter_core.utils import run_sync
    >>> k = Kernel(Path(tempfile.mkdtemp()), None)
    >>> run_sync(k.km.is_alive)()
    True
    >>> k.shutdown()
    """

    def __init__(self, folder: Path, sandbox: Sandbox | None, extra_env: dict[str, str] | None = None,
                 readable: dict[str, str] | None = None, files_from: Path | None = None,
                 server: ForkServer | None = None) -> None:
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.folder = folder
        self.work, conn, spec = folder / "work", folder / "conn", folder / "spec" / KERNEL_NAME
        for path in (self.work, conn, spec):
            path.mkdir(parents=True, exist_ok=True)
        if files_from:  # its other files: no notebooks, checkpoints or symbolic links
            shutil.copytree(files_from, self.work, dirs_exist_ok=True, copy_function=shutil.copyfile,
                            ignore=lambda d, names: [n for n in names if n.endswith(".ipynb") or n == ".ipynb_checkpoints"
                                                     or os.path.islink(os.path.join(d, n))])
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                "--HistoryManager.hist_file=:memory:"]
        metadata: dict = {}
        self.server = server
        if server is not None:  # forked by the fork server, which sees ``readable`` under its own root
            env = kernel_env(extra_env)
            argv += ["--IPKernelApp.parent_handle=0"]
            metadata = {"kernel_provisioner": {"provisioner_name": "kamcourse-fork", "config": {
                "server": server.name, "folder": str(folder), "keep": os.pathsep.join((readable or {}).values())}}}
        elif sandbox is None:
            home = folder / "home"
            home.mkdir()
            env = kernel_env(extra_env, home=str(home))
        else:
            env = kernel_env(extra_env)
            fonts = font_list()
            # no parent poller: in the sandbox the kernel's parent is the sandbox's init (pid 1), and bwrap
            # kills the kernel when the grader goes (--die-with-parent)
            shown = dict(readable or {}, **({fonts: f"{MPL_DIR}/{os.path.basename(fonts)}"} if fonts else {}))
            argv = sandbox.command(argv + ["--IPKernelApp.parent_handle=0"], writable=[str(self.work), str(conn)],
                                   readable=shown, chdir=str(self.work))
        (spec / "kernel.json").write_text(json.dumps({
            "argv": argv, "display_name": "kamcourse grading", "language": "python",
            "interrupt_mode": "message",  # a signal would stop at bwrap; the kernel interrupts itself
            "metadata": metadata,
        }), encoding="utf-8")
        self.km = AsyncKernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(conn / "k"),
                                     connection_file=str(conn / "kernel.json"),
                                     kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec.parent)]))
        self.km.write_connection_file()
        ids = sandbox.ids() if sandbox else None
        if ids:
            for path in [conn, conn / "kernel.json", self.work, *self.work.rglob("*")]:
                os.chown(path, *ids)
        # a forked kernel opens its log itself (as the sandbox's user)
        self._log = open(os.devnull if server else conn / LOG_FILE, "wb")  # noqa: SIM115 - closed in shutdown()
        run_sync(self.km.start_kernel)(env=env, cwd=str(self.work), stdout=subprocess.DEVNULL, stderr=self._log)

    def log_tail(self) -> str:
        """The last line the kernel (or bwrap, or the fork server) wrote to stderr."""
        try:
            lines = (self.folder / "conn" / LOG_FILE).read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return lines[-1][:300] if lines else ""

    def kill(self) -> None:
        """Kill the kernel and everything it started, at once (also from another thread)."""
        if self.server is not None:
            self.server.kill(self.km.kernel_id)
            return
        pid = getattr(self.km.provisioner, "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - make sure it is gone anyway
            self.kill()
        self._log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

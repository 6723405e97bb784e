"""The fork server of the grading sandbox (预加载的评分内核): ``python -m kamcourse.instructor.forkserver``.

Starting a kernel costs about as much CPU as running a short notebook: the
Python interpreter, ipykernel, IPython, pandas and the kit are imported anew
every time. This server runs *inside* the grading sandbox
(:meth:`~kamcourse.instructor.sandbox.Sandbox.command` with ``fork_server=True``),
imports all of that once, and forks one process per kernel, the way Android's
zygote and Python's own ``multiprocessing`` fork server do. Each forked kernel
then walls itself off from its siblings before any student code runs:

- its own mount, process, network and IPC namespaces (``unshare(2)``); it is
  process 1 of its namespace, so everything the notebook starts dies with it;
- a fresh private ``/tmp``, its own ``/dev/shm``, ``/dev`` read-only (no
  terminals), and a
  ``/proc`` that shows itself (as process 1) and no other process;
- of the worker's kernel folders only its own ``work`` and ``conn`` stay
  visible (the others are covered by an empty read-only tmpfs); of the data
  variants only its owner's, read-only;
- then it gives up every capability (bounding set included), sets
  ``no_new_privs`` and its resource limits, reads its environment from the
  file the grader left in its ``conn`` folder (so the owner's key never passes
  through this server), and only then starts the kernel.

The sandbox around the server already has no network, no view of the course
and may not create user namespaces; the capability the forked process needs
for its mounts (``CAP_SYS_ADMIN`` of the sandbox's own user namespace) is
dropped before the kernel starts.

Protocol: one JSON object per line. The server writes ``{"ready": true}`` once
its imports are done; then for each request ``{"start": id, "folder": path,
"args": [...], "keep": [...]}`` it answers ``{"started": id}`` and later
``{"exited": id, "status": n}``; ``{"kill": id}`` kills that kernel.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import random
import re
import resource
import select
import signal
import sys
from pathlib import Path

from .sandbox import ENV_FILE, LOG_FILE, STAGE

__all__: list[str] = []  # a program (python -m), not a library: see kamcourse.instructor.provisioner

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x4000, 0x40000
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 0x400, 0x800, 0x200000
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 38, 47
#: The machine-wide files of /proc a forked kernel sees (besides its own entry, /proc/1 = /proc/self).
PROC_SHARED = ("cpuinfo", "meminfo", "stat", "loadavg", "uptime", "version", "filesystems", "sys")
#: Modules every kernel needs (more come from the request: what the assignment imports).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython.core.completerlib",
           "IPython.core.debugger", "IPython.core.oinspect", "tornado.queues", "pydoc", "pandas", "numpy", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "kamcourse", "kamcourse.checks", "kamcourse.data",
           "kamcourse.instructor.codec")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = (lambda s: s.encode() if s is not None else None)
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def _tmpfs(target: str, mode: str, size: str = "64k") -> None:
    os.makedirs(target, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size={size}")


def _bind(source: str, target: str, read_only: bool) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:  # a file (matplotlib's font list)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    _mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        _read_only(target)


def _read_only(target: str) -> None:
    """Remount ``target`` read-only, keeping the flags it has (a bind remount may not drop them)."""
    flags = os.statvfs(target).f_flag
    kept = sum(bit for st, bit in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                                   (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME),
                                   (os.ST_RELATIME, MS_RELATIME)) if flags & st)
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | kept)


def _drop_privileges(limits: dict[str, int]) -> None:
    """No capability left (bounding and ambient sets too), no new privileges, the kernel's limits."""
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:  # EINVAL: past the last
            break
    _libc.prctl(PR_CAP_AMBIENT, 4, 0, 0, 0)  # PR_CAP_AMBIENT_CLEAR_ALL

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    _check(_libc.capset(ctypes.byref(Header(0x20080522, 0)), (Data * 2)()), "capset")
    for name, value in limits.items():
        resource.setrlimit(getattr(resource, name), (value, value))


def _mounts_under(top: str) -> list[str]:
    """The outermost mount points strictly below ``top`` (from ``/proc/self/mountinfo``), in mount order."""
    found: list[str] = []
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        for line in fh:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4])
            if point.startswith(top.rstrip("/") + "/") and not any(point.startswith(f + "/") for f in found):
                found = [f for f in found if not f.startswith(point + "/")] + [point]
    return found


def _wall_off(folder: str, keep: list[str], cover: list[str], tmp_size: str) -> None:
    """Leave this process (already in new namespaces) a view of its own folders only (see the module docstring).

    Its own folders are bound aside (to :data:`STAGE`) before the rest is covered, then bound back; so
    are the read-only mounts the sandbox put below ``/tmp`` (the kit itself may live there), which the
    new, private ``/tmp`` would otherwise hide.
    """
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    work, conn = os.path.join(folder, "work"), os.path.join(folder, "conn")
    below_tmp = [p for p in _mounts_under("/tmp") if not any(p == c or p.startswith(c + "/") for c in cover)]
    _tmpfs(STAGE, "0700")
    staged: dict[str, tuple[str, bool]] = {}
    for i, path in enumerate([work, conn, *keep, *below_tmp]):
        staged[path] = (f"{STAGE}/{i}", path in keep or bool(os.statvfs(path).f_flag & os.ST_RDONLY))
        _bind(path, staged[path][0], read_only=False)
    me = os.readlink("/proc/self")  # this process's number in the server's /proc
    proc = {f"/proc/{me}": "/proc/1", **{f"/proc/{n}": f"/proc/{n}" for n in PROC_SHARED if os.path.exists(f"/proc/{n}")}}
    for i, (path, inside) in enumerate(proc.items()):
        staged[inside] = (f"{STAGE}/p{i}", True)
        _bind(path, staged[inside][0], read_only=False)
    _tmpfs("/tmp", "1777", tmp_size)
    os.makedirs("/tmp/.matplotlib", mode=0o777, exist_ok=True)
    # /proc: a new procfs is not allowed here (the sandbox's own is partly covered), so a small one is made
    # of this process's entry (as process 1) and the machine-wide files libraries read (threadpoolctl
    # reads /proc/self/maps, psutil /proc/stat): no other process is in it
    cover = [*cover, "/proc", "/dev/pts"]  # the server's terminals would be shared by its kernels
    for top in cover:  # the worker's kernel folders, the variants, /proc
        _tmpfs(top, "0755")
    os.symlink("1", "/proc/self")
    os.symlink("1/task/1", "/proc/thread-self")
    os.symlink("self/mounts", "/proc/mounts")
    for path, (stage, read_only) in staged.items():
        _bind(stage, path, read_only=read_only)
    for top in cover:
        _mount(None, top, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    _check(_libc.umount2(STAGE.encode(), MNT_DETACH), f"umount {STAGE}")
    _tmpfs("/dev/shm", "1777", "64m")
    _read_only("/dev")


def _kernel(request: dict, limits: dict[str, int], tmp_size: str) -> None:
    """In the forked process (process 1 of its namespaces): wall off, drop privileges, run the kernel."""
    folder = request["folder"]
    conn = os.path.join(folder, "conn")
    _wall_off(folder, list(request.get("keep", [])), list(request["cover"]), tmp_size)
    env_file = Path(conn) / ENV_FILE
    env = json.loads(env_file.read_text(encoding="utf-8"))
    env_file.unlink()
    _drop_privileges(limits)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(os.path.join(folder, "work"))
    random.seed()  # a fresh kernel starts from fresh entropy, so does a forked one
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    from ipykernel.kernelapp import launch_new_instance

    sys.argv = ["ipykernel_launcher", *request["args"]]
    launch_new_instance(argv=list(request["args"]))


def _child(request: dict, limits: dict[str, int], tmp_size: str, server: int) -> None:
    """The forked process: new namespaces, then a grandchild (process 1 there) that runs the kernel."""
    code = 1
    try:
        log = os.open(os.path.join(request["folder"], "conn", LOG_FILE), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.closerange(3, 1 << 16)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
        if os.getppid() != server:
            os._exit(1)
        _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
        alive_r, alive_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(alive_w)
            _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
            if select.select([alive_r], [], [], 0)[0]:  # the parent is already gone
                os._exit(1)
            os.close(alive_r)
            _kernel(request, limits, tmp_size)
            os._exit(0)
        os.close(alive_r)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
    except BaseException as exc:  # noqa: BLE001 - reported in the kernel's log, the process ends
        print(f"kamcourse fork server: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    finally:
        os._exit(code % 256)


def main(argv: list[str]) -> int:
    """Serve fork requests (see the module docstring); ``argv[0]`` is the JSON settings."""
    settings = json.loads(argv[0])
    if sys.path and os.path.realpath(sys.path[0] or ".") == os.path.realpath("."):
        del sys.path[0]  # `python -m` put the working folder (the kernels' folders) first: nothing is imported there
    for name in [*PRELOAD, *settings.get("preload", [])]:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the kernel then imports it itself
            pass
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:  # forking a process with other threads could copy a lock held by one of them
        print(f"kamcourse fork server: {threads} threads after the imports, not 1: not forking", file=sys.stderr)
        return 1
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: dict[int, str] = {}
    out.write(json.dumps({"ready": True}) + "\n")
    requests, pending = sys.stdin.fileno(), b""  # read unbuffered: a line left in a buffer would wait for select
    while True:
        readable = select.select([requests, wake_r], [], [])[0]
        if wake_r in readable:
            os.read(wake_r, 4096)
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            out.write(json.dumps({"exited": children.pop(pid, "?"), "status": os.waitstatus_to_exitcode(status)}) + "\n")
        if requests not in readable:
            continue
        chunk = os.read(requests, 1 << 16)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            _serve(json.loads(line), settings, children, out)
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    return 0


def _serve(request: dict, settings: dict, children: dict[int, str], out) -> None:
    """One request: kill a kernel, or fork one (the child never returns)."""
    if "kill" in request:
        for pid, kid in list(children.items()):
            if kid == request["kill"]:
                os.kill(pid, signal.SIGKILL)
        return
    request["cover"] = settings["cover"]
    me = os.getpid()
    pid = os.fork()
    if pid == 0:
        _child(request, settings["limits"], settings["tmp_size"], me)
    children[pid] = request["start"]
    out.write(json.dumps({"started": request["start"]}) + "\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The fork server's kernels: each forked kernel is walled off from its siblings and keeps no privilege.

Two kernels forked by one server (two students' submissions graded at once
by one worker) probe everything they share with each other or with the
server, and everything a process with the server's capabilities could undo.
Skipped only where the grading sandbox itself cannot run; ``.ci/run`` then
fails on the skipped security tests.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

import pytest
from classroom_helpers import pids_with
from jupyter_client import BlockingKernelClient

from kamcourse.instructor.provisioner import VARIANTS_INSIDE, ForkServer
from kamcourse.instructor.sandbox import Kernel, Sandbox, font_list, kernel_env

BOX = Sandbox()
FONTS = font_list()
WHY = BOX.unavailable()
pytestmark = [pytest.mark.security, pytest.mark.xdist_group("fork-server"),
              pytest.mark.skipif(bool(WHY), reason=f"the grading sandbox cannot run here: {WHY}")]

PROBE = r'''
import ctypes, json, os, socket
libc = ctypes.CDLL(None, use_errno=True)
r = {"pid": os.getpid(), "kernels": sorted(os.listdir(RUNDIR)),
     "proc": sorted(p for p in os.listdir("/proc") if p.isdigit()), "maps": "python" in open("/proc/self/maps").read(),
     "key": os.environ.get("KAMCOURSE_STUDENT_KEY"), "env_file": os.path.exists("../conn/kernel-env.json"),
     "own_variant": sorted(os.listdir(OWN)), "other_variant": os.path.exists(OTHER),
     "sibling_work": os.path.exists(SIBLING)}
class H(ctypes.Structure): _fields_ = [("v", ctypes.c_uint32), ("pid", ctypes.c_int)]
class D(ctypes.Structure): _fields_ = [("e", ctypes.c_uint32), ("p", ctypes.c_uint32), ("i", ctypes.c_uint32)]
d = (D * 2)()
libc.capget(ctypes.byref(H(0x20080522, 0)), d)
r["caps"] = [d[0].e, d[0].p, d[1].e, d[1].p]
for name, flag in (("userns", 0x10000000), ("mountns", 0x00020000), ("netns", 0x40000000)):
    r["unshare_" + name] = libc.unshare(flag) == 0
r["umount_cover"] = libc.umount2(RUNDIR.encode(), 2) == 0
r["mount"] = libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None) == 0
def write(path):
    try:
        with open(path, "w") as fh:
            fh.write(MARK)
        return "written"
    except OSError as e:
        return type(e).__name__
r["write_work"] = write("probe.txt")
r["write_variant"] = write(OWN + "/x.csv")
r["write_dev"] = write("/dev/kc-probe")
r["write_cover"] = write(RUNDIR + "/kc-probe")
r["write_tmp"] = write("/tmp/kc-probe-" + NAME)
r["write_shm"] = write("/dev/shm/kc-probe-" + NAME)
try:
    os.close(os.open("/dev/ptmx", os.O_RDWR))
    r["pty"] = "opened"
except OSError as e:
    r["pty"] = type(e).__name__
r["seen_tmp"] = sorted(os.listdir("/tmp"))
r["matplotlib"] = sorted(os.listdir("/tmp/.matplotlib"))
r["seen_shm"] = sorted(os.listdir("/dev/shm"))
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=2)
    r["host_loopback"] = "connected"
except OSError as e:
    r["host_loopback"] = type(e).__name__
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    s.connect("\0kc-probe-" + OTHER_NAME)
    r["sibling_abstract_socket"] = "connected"
except OSError as e:
    r["sibling_abstract_socket"] = type(e).__name__
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind("\0kc-probe-" + NAME)
listener.listen(1)
print("RESULT" + json.dumps(r))
'''


def _execute(kernel: Kernel, code: str, timeout: float = 60) -> str:
    kc = BlockingKernelClient(connection_file=kernel.km.connection_file)
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        out: list[str] = []

        def hook(msg: dict) -> None:
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                out.append("\n".join(msg["content"]["traceback"]))

        kc.execute_interactive(code, output_hook=hook, timeout=timeout)
        return "".join(out)
    finally:
        kc.stop_channels()


@pytest.fixture()
def server(tmp_path):
    rundir = Path(tempfile.mkdtemp(prefix="worker-", dir=tmp_path))
    variants = tmp_path / "variants"
    for seed in ("111", "222"):
        (variants / "gen" / seed).mkdir(parents=True)
        (variants / "gen" / seed / "orders.csv").write_text(f"variant {seed}\n")
    fork = ForkServer.start_in(BOX, rundir, variants=variants)
    yield fork, rundir
    fork.close()


def test_forked_kernels_are_walled_off_from_each_other_and_the_server(server) -> None:
    fork, rundir = server
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    kernels = {}
    for name, seed, key in (("a", "111", "key-of-a"), ("b", "222", "key-of-b")):
        kernels[name] = Kernel(rundir / name, BOX, {"KAMCOURSE_STUDENT_KEY": key},
                               readable={f"/outside/{seed}": f"{VARIANTS_INSIDE}/gen/{seed}"}, server=fork)
    try:
        results = {}
        for name, other in (("a", "b"), ("b", "a")):
            own, theirs = ("111", "222") if name == "a" else ("222", "111")
            code = (f"RUNDIR, OWN, OTHER = {str(rundir)!r}, {VARIANTS_INSIDE + '/gen/' + own!r}, "
                    f"{VARIANTS_INSIDE + '/gen/' + theirs!r}\nSIBLING = {str(rundir / other / 'work')!r}\n"
                    f"PORT, MARK, NAME, OTHER_NAME = {port}, {name!r}, {name!r}, {other!r}\n" + PROBE)
            text = _execute(kernels[name], code)
            assert "RESULT" in text, text
            results[name] = json.loads(text.split("RESULT", 1)[1])
            written = (rundir / name / "work" / "probe.txt").read_text()
            assert written == name, "the kernel's work folder is the real one"
    finally:
        for kernel in kernels.values():
            kernel.shutdown()
        listener.close()
    a, b = results["a"], results["b"]
    for name, r in results.items():
        assert r["pid"] == 1, "each kernel is process 1 of its own process namespace"
        assert r["kernels"] == [name], f"{name} sees its siblings' kernel folders: {r['kernels']}"
        assert r["proc"] == ["1"], "/proc shows the kernel itself and no other process, environment or memory"
        assert r["maps"], "libraries that read /proc/self (threadpoolctl, psutil) still can"
        assert r["caps"] == [0, 0, 0, 0], f"capabilities left: {r['caps']}"
        assert not any(r[k] for k in ("unshare_userns", "unshare_mountns", "unshare_netns", "umount_cover", "mount"))
        assert not r["env_file"], "the kernel's environment file is gone once read"
        assert r["own_variant"] == ["orders.csv"] and not r["other_variant"] and not r["sibling_work"]
        assert r["write_work"] == "written" and r["write_tmp"] == "written" and r["write_shm"] == "written"
        for what in ("write_variant", "write_dev", "write_cover"):
            assert r[what] in ("OSError", "PermissionError"), (name, what, r[what])
        assert f"kc-probe-{name}" in r["seen_tmp"] and r["seen_shm"] == [f"kc-probe-{name}"]
        if FONTS:  # a read-only mount below /tmp (so is the kit itself when it lives there, as in CI)
            assert r["matplotlib"] == [os.path.basename(FONTS)], "the new /tmp keeps what the sandbox bound below it"
        assert r["host_loopback"] != "connected" and r["pty"] != "opened", "no terminal shared with the siblings"
        assert r["sibling_abstract_socket"] != "connected"
    assert (a["key"], b["key"]) == ("key-of-a", "key-of-b"), "each kernel has its owner's key and no other"
    # B ran after A had listened on its abstract socket and written to its /tmp and /dev/shm: B saw none of it
    assert b["sibling_abstract_socket"] in ("ConnectionRefusedError", "FileNotFoundError")
    assert "kc-probe-a" not in b["seen_tmp"] and not os.path.exists("/tmp/kc-probe-a")


def test_killing_a_forked_kernel_ends_everything_it_started(server) -> None:
    fork, rundir = server
    marker = f"kc-forked-orphan-{os.getpid()}-{time.time_ns()}"
    kernel = Kernel(rundir / "k", BOX, server=fork)
    try:
        _execute(kernel, "import subprocess, sys\n"
                         f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}],"
                         " start_new_session=True)\nprint('started')\n")

        deadline = time.monotonic() + 10
        while not pids_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pids_with(marker), "the detached child should be running"
        kernel.kill()
        deadline = time.monotonic() + 10
        while pids_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not pids_with(marker), "a process started by a forked kernel outlived it"
        assert fork.alive, "killing one kernel leaves the server serving"
    finally:
        kernel.shutdown()


def test_the_server_keeps_serving_and_a_dead_server_is_noticed(server) -> None:
    fork, rundir = server
    first = Kernel(rundir / "one", BOX, server=fork)
    try:
        assert "2" in _execute(first, "print(1 + 1)")
    finally:
        first.shutdown()
    fork.proc.kill()
    fork.proc.wait()
    with pytest.raises(RuntimeError, match="fork server has stopped"):
        Kernel(rundir / "two", BOX, server=fork)
    # a server that cannot start (a setuid bwrap keeps it no capability) says so; the worker then starts
    # each kernel anew (kamcourse.instructor.worker.Engine)
    broken = ForkServer("broken", [sys.executable, "-c", "raise SystemExit(3)"], kernel_env(), rundir.parent / "b.log", None)
    try:
        assert broken.ready(timeout=30) is False
    finally:
        broken.close()


def test_requests_written_together_are_all_served(server) -> None:
    """Two requests arriving in one read (a kill, then a start) are both served at once, not the second later."""
    fork, rundir = server
    folder = rundir / "together"
    for sub in ("work", "conn"):
        (folder / sub).mkdir(parents=True)
    (folder / "conn" / "kernel-env.json").write_text("{}")
    if BOX.ids():
        for path in (folder / "work", folder / "conn", folder / "conn" / "kernel-env.json"):
            os.chown(path, *BOX.ids())
    assert fork.ready(60)
    both = json.dumps({"kill": "nobody"}) + "\n" + json.dumps(
        {"start": "together", "folder": str(folder), "args": ["-f", str(folder / "conn" / "none.json")], "keep": []})
    os.write(fork.proc.stdin.fileno(), (both + "\n").encode())
    deadline = time.monotonic() + 10
    while not fork.started("together") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fork.started("together"), "the second request of one read waited"
    fork.kill("together")

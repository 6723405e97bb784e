"""Unit tests of the grading parts: the answer codec, the checker and the sandbox (issue 14).

The sandbox tests run real ``bwrap`` commands (a fraction of a second each);
they are security tests: marked ``security``, and when the sandbox cannot run
here they skip with the reason (CI turns such a skip into a failure).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from classroom_helpers import pids_with
from hypothesis import given, settings
from hypothesis import strategies as st

import kamcourse
from kamcourse.instructor import checker, codec
from kamcourse.instructor.sandbox import Limits, Sandbox, kernel_env


def roundtrip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value))))


# --------------------------------------------------------------------------- codec
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5)
    | st.tuples(inner, inner),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(PLAIN)
def test_plain_values_round_trip(value) -> None:
    assert roundtrip(value) == value


@pytest.mark.parametrize("value", [
    float("nan"), float("inf"), -float("inf"), {1, 2}, frozenset({"a"}), dt.date(2025, 1, 2),
    dt.datetime(2025, 1, 2, 3, 4), pd.Timestamp("2025-03-01"), pd.Timedelta("3D"), np.int64(7), np.float32(1.5),
])
def test_scalars_round_trip(value) -> None:
    got = roundtrip(value)
    assert (got != got and value != value) or got == value
    assert type(got) in (type(value), int, float)


def test_pandas_and_numpy_round_trip() -> None:
    frame = pd.DataFrame({"revenue": [1.5, 2.0, np.nan], "tier": ["a", "b", "a"],
                          "day": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"])},
                         index=pd.Index(["C1", "C2", "C3"], name="customer_id"))
    pd.testing.assert_frame_equal(roundtrip(frame), frame)
    series = frame["tier"].astype("category")
    pd.testing.assert_series_equal(roundtrip(series), series)
    multi = pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"])
    pd.testing.assert_index_equal(roundtrip(multi), multi)
    array = np.arange(6, dtype=np.int32).reshape(2, 3)
    got = roundtrip(array)
    assert got.dtype == array.dtype and (got == array).all()


@pytest.mark.security
def test_objects_that_could_cheat_do_not_cross() -> None:
    """Subclasses (an ``==`` that is always True), unknown objects and modules arrive as Unserializable."""

    class Anything(float):
        def __eq__(self, other):
            return True

    for value in (Anything(0.5), object(), np, type("Fake", (dict,), {})(a=1)):
        got = roundtrip(value)
        assert isinstance(got, codec.Unserializable), value
        assert got != got and not (got == 0.5)


def test_a_notebook_function_becomes_a_remote_callable() -> None:
    def volume_needed(x):
        return x

    got = roundtrip(volume_needed)
    assert isinstance(got, codec.RemoteCallable) and got.name == "volume_needed"


@pytest.mark.parametrize("payload, words", [
    ({"no": "tag"}, "malformed"),
    ({"__t": "exec", "v": "import os"}, "unknown answer tag"),
    ({"__t": "float", "v": "1e309e"}, None),  # anything but nan/inf decodes to nan, never eval'd
    (json.loads("[" * 40 + "]" * 40), "nested too deep"),
])
@pytest.mark.security
def test_malformed_payloads_are_refused(payload, words) -> None:
    if words is None:
        assert codec.decode(payload) != codec.decode(payload)
        return
    with pytest.raises(ValueError, match=words):
        codec.decode(payload)


@pytest.mark.security
def test_a_dtype_that_would_fill_memory_is_ignored() -> None:
    got = codec.decode({"__t": "ndarray", "dtype": "V1000000000", "shape": [2], "v": [1, 2]})
    assert got.dtype == object and list(got) == [1, 2]


def test_cells_call_the_module_not_strings_of_code() -> None:
    """The kernel side is this importable module: the cells are one call each."""
    assert codec.snapshot_cell(["a", "b"]).endswith(".snapshot(['a', 'b'])")
    with pytest.raises(ValueError, match="identifier"):
        codec.call_cell("os.system", (), {})


# --------------------------------------------------------------------------- checker
def _plan(test_source: str, points: float = 2) -> checker.CheckPlan:
    return checker.CheckPlan("nb", [
        checker.Step("instructor", "setup", "base = 10\n"),
        checker.Step("answer", "q_answer", names=("x", "f")),
        checker.Step("test", "q_tests", test_source, points=points),
    ])


HIDDEN = "assert x > 0, 'x must be positive'\n### BEGIN HIDDEN TESTS\nassert x == base * 2\n### END HIDDEN TESTS\n"


def test_checker_passes_and_fails_each_part() -> None:
    plan = _plan(HIDDEN)
    assert [v.passed for v in checker.run_checks(plan, {"q_tests": {"x": 20}})] == [True]
    hidden = checker.run_checks(plan, {"q_tests": {"x": 3}})[0]
    assert (hidden.passed, hidden.part, hidden.message) == (False, "hidden", "a hidden check did not pass")
    visible = checker.run_checks(plan, {"q_tests": {"x": -1}})[0]
    assert (visible.passed, visible.part) == (False, "visible") and "x must be positive" in visible.message
    missing = checker.run_checks(plan, {})[0]
    assert (missing.passed, missing.part) == (False, "answer")


@pytest.mark.security
def test_checker_sees_only_data_and_calls_functions_through_the_caller() -> None:
    plan = _plan("assert f(2) == 4\n")
    calls = []

    def caller(name, args, kwargs):
        calls.append((name, args))
        return args[0] * 2

    fn = codec.RemoteCallable("f")
    assert checker.run_checks(plan, {"q_tests": {"f": fn}}, caller=caller)[0].passed
    assert calls == [("f", (2,))]
    failed = checker.run_checks(plan, {"q_tests": {"f": fn}})[0]  # no kernel left to call it in
    assert not failed.passed and "can only run in the notebook's kernel" in failed.message
    cheat = checker.run_checks(_plan(HIDDEN), {"q_tests": {"x": codec.Unserializable("Anything")}})[0]
    assert not cheat.passed


def test_plan_of_every_assignment_names_its_tests() -> None:
    root = Path(kamcourse.__file__).parents[1] / "assignments"
    for path in sorted(root.glob("*/*.ipynb")):
        plan = checker.plan_from_source(path)
        assert plan.tests(), path.name
        first = plan.tests()[0]
        assert plan.names_before(first.grade_id), f"{path.name}: no answer names before {first.grade_id}"


# --------------------------------------------------------------------------- sandbox
BOX = Sandbox()
WHY = BOX.unavailable()
needs_sandbox = pytest.mark.skipif(bool(WHY), reason=f"the grading sandbox cannot run here: {WHY}")


def _run(tmp_path: Path, code: str, box: Sandbox = BOX, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    if box.ids():
        os.chown(work, *box.ids())
    cmd = box.command([sys.executable, "-c", code], writable=[str(work)], chdir=str(work), **kwargs)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=kernel_env())


@pytest.mark.security
@needs_sandbox
def test_sandbox_shows_only_the_system_the_kit_and_its_folder(tmp_path, monkeypatch) -> None:
    secret = tmp_path / "course" / "kamcourse-secret"
    secret.parent.mkdir()
    secret.write_text("s3cret")
    secret.chmod(0o644)
    secret.parent.chmod(0o777)  # only the sandbox, not file permissions, keeps the code out
    home = os.path.expanduser("~")
    code = (
        "import json, os, kamcourse\n"
        "r = {'uid': os.getuid(), 'env': sorted(os.environ), 'cwd': os.getcwd()}\n"
        f"for name, path in {{'secret': {str(secret)!r}, 'course': {str(secret.parent)!r}, 'home': {home!r},\n"
        "                    'kit': os.path.dirname(kamcourse.__file__), '/home': '/home', '/srv': '/srv'}.items():\n"
        "    r[name] = os.path.exists(path)\n"
        "for name, path in {'kit_write': kamcourse.__file__, 'usr_write': '/usr/kc-test', 'work': 'here.txt',\n"
        "                   'root_write': '/kc-test', 'tmp': '/tmp/kc-test',\n"
        "                   'beside_kit': os.path.dirname(os.path.dirname(kamcourse.__file__)) + '/kc-test'}.items():\n"
        "    try:\n"
        "        open(path, 'a').write('x'); r[name] = 'written'\n"
        "    except OSError as e:\n"
        "        r[name] = type(e).__name__\n"
        "print(json.dumps(r))\n"
    )
    monkeypatch.setenv("KAMCOURSE_SECRET", "s3cret")
    proc = _run(tmp_path, code)
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert (r["secret"], r["course"], r["/srv"], r["kit"]) == (False, False, False, True)
    assert not r["home"] or home in ("/", "/tmp"), "home folders are hidden"
    for what in ("kit_write", "usr_write", "root_write", "beside_kit"):
        assert r[what] in ("OSError", "PermissionError"), (what, r)
    assert (r["work"], r["tmp"]) == ("written", "written")
    assert (tmp_path / "work" / "here.txt").read_text() == "x", "the kernel's folder is the real, private copy"
    assert not os.path.exists("/tmp/kc-test") or open("/tmp/kc-test").read() != "x", "its /tmp is private"
    assert not any("SECRET" in k for k in r["env"]), r["env"]
    if os.geteuid() == 0:
        assert r["uid"] != 0, "as root, kernels run as an unprivileged user"


@pytest.mark.security
@needs_sandbox
def test_sandbox_has_no_network(tmp_path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    accepted: list = []
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                accepted.append(server.accept())
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    proc = _run(tmp_path, "import socket\ntry:\n    socket.create_connection(('127.0.0.1', %d), timeout=3)\n"
                          "    print('connected')\nexcept OSError as e:\n    print(type(e).__name__)\n" % port)
    done.set()
    thread.join()
    server.close()
    assert proc.stdout.strip() in ("ConnectionRefusedError", "OSError", "TimeoutError"), proc.stdout + proc.stderr
    assert accepted == [], "the sandbox reached a server on the host's loopback"


@pytest.mark.security
@needs_sandbox
def test_sandbox_limits_memory_processes_and_cpu(tmp_path) -> None:
    box = Sandbox(limits=Limits(memory_mb=1024, processes=40, cpu_seconds=2))
    memory = _run(tmp_path, "try:\n    b = bytearray(3 * 1024 ** 3)\n    print('allocated')\n"
                            "except MemoryError:\n    print('MemoryError')\n", box)
    assert memory.stdout.strip() == "MemoryError", memory.stdout + memory.stderr
    forks = _run(tmp_path, "import os, time\nn = 0\ntry:\n    for _ in range(200):\n        if os.fork() == 0:\n"
                           "            time.sleep(5); os._exit(0)\n        n += 1\nexcept OSError:\n    pass\nprint(n)\n", box)
    assert int(forks.stdout.strip().splitlines()[0]) < 40, forks.stdout
    started = time.monotonic()
    spin = _run(tmp_path, "while True:\n    pass\n", box, timeout=60)
    assert spin.returncode != 0 and time.monotonic() - started < 30, "a CPU-bound loop is stopped by its CPU limit"


@pytest.mark.security
@needs_sandbox
def test_everything_the_sandbox_started_dies_with_it(tmp_path) -> None:
    marker = f"kc-orphan-{os.getpid()}-{time.time_ns()}"
    work = tmp_path / "work"
    work.mkdir()
    if BOX.ids():
        os.chown(work, *BOX.ids())
    code = ("import subprocess, sys, time\n"
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}],"
            " start_new_session=True)\nprint('started', flush=True)\ntime.sleep(300)\n")
    cmd = BOX.command([sys.executable, "-c", code], writable=[str(work)], chdir=str(work))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=kernel_env())
    assert proc.stdout.readline().strip() == "started"

    assert pids_with(marker), "the detached child should be running inside the sandbox"
    proc.kill()  # what a grader does at a time-out: kill the sandbox's bwrap
    proc.wait()
    deadline = time.monotonic() + 10
    while pids_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pids_with(marker), "a process started in the sandbox outlived it"


@pytest.mark.security
def test_grading_refuses_to_run_unsandboxed(tmp_path, monkeypatch) -> None:
    """Without bubblewrap, `kamcourse grade` stops, says why and how to go on; nothing is graded."""
    import shutil

    from kamcourse.cli import main
    from kamcourse.instructor import Course, grade

    root = Path(kamcourse.__file__).parents[1]
    shutil.copy(root / "nbgrader_config.py", tmp_path)
    shutil.copytree(root / "assignments" / "a00_getting_started", tmp_path / "assignments" / "a00_getting_started")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    why = Sandbox().unavailable()
    assert "bwrap is not installed" in why and "apt-get install bubblewrap" in why
    with pytest.raises(RuntimeError, match="cannot sandbox the grading kernels: bwrap is not installed.*--unsafe"):
        grade("a00_getting_started", course=Course(tmp_path), out=io.StringIO())
    assert not (tmp_path / "gradebook.db").exists() and not (tmp_path / "autograded").exists()
    assert main(["grade", "a00_getting_started", "--course", str(tmp_path)]) == 2


@pytest.mark.security
def test_kernel_environment_never_carries_the_secret(monkeypatch) -> None:
    monkeypatch.setenv("KAMCOURSE_SECRET", "s3cret")
    env = kernel_env({"KAMCOURSE_STUDENT": "alice"})
    assert "KAMCOURSE_SECRET" not in env and "s3cret" not in json.dumps(env)
    assert env["KAMCOURSE_STUDENT"] == "alice" and env["HOME"] == "/tmp"

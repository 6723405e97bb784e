"""Helpers for the classroom test and the load benchmark: Unix users, a JupyterHub, its REST API.

Everything here starts processes it can stop by PID and users it can remove:
:class:`Classroom` is used as a context manager, and its ``close()`` (also run on
errors) stops the hub (which stops the proxy and the users' servers), kills by
PID whatever is left of those processes, and deletes the users it created.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import http.client
import http.cookiejar as cookiejar
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_core.utils import run_sync

ROOT = Path(__file__).resolve().parents[1]
CLASSROOM = ROOT / "classroom"
VENV = Path(sys.prefix)  # the environment running the tests (make setup's .venv)
PROXY = CLASSROOM / "node_modules" / ".bin" / "configurable-http-proxy"



def _load_setup_module():
    """classroom/classroom.py, loaded by path (its folder is not put on sys.path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kamcourse_classroom_setup", CLASSROOM / "classroom.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


classroom_setup = _load_setup_module()


# --------------------------------------------------------------------------- can it run here?
_REACHABLE = Path(tempfile.gettempdir()) / "kamcourse-reachable.json"


@contextlib.contextmanager
def _reachable_state():
    """The shared record of folders opened by :func:`reachable` (processes that hold them, old modes), locked."""
    with open(_REACHABLE.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            state = json.loads(_REACHABLE.read_text())
        except (OSError, ValueError):
            state = {"holders": [], "modes": {}}
        state["holders"] = [h for h in state["holders"] if alive(int(h.split(":")[0]))]  # a killed run holds nothing
        yield state
        _REACHABLE.write_text(json.dumps(state))


@contextlib.contextmanager
def reachable(path: Path = ROOT):
    """Let every user *enter* (not list) the folders above ``path`` while the block runs (as root).

    The class's users run the kit's environment from the clone; a clone in a
    private folder (a temporary folder of mode 0700, say) is out of their
    reach. Each folder above it that others cannot enter gets the search bit
    (o+x) while any test process needs it (tests may run at once in several
    processes), and its mode back when the last one is done.
    """
    if os.geteuid() != 0:
        yield []
        return
    me = f"{os.getpid()}:{uuid.uuid4().hex}"
    with _reachable_state() as state:
        for folder in reversed(Path(path).resolve().parents):
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & 0o001:
                state["modes"].setdefault(str(folder), mode)
                os.chmod(folder, mode | 0o001)
        state["holders"].append(me)
        opened = list(state["modes"])
    try:
        yield opened
    finally:
        with _reachable_state() as state:
            state["holders"].remove(me)
            if not state["holders"]:
                for folder, mode in state["modes"].items():
                    if os.path.isdir(folder):
                        os.chmod(folder, mode)
                state["modes"] = {}


def skip_reason() -> str | None:
    """Why the classroom set-up cannot run on this machine, or None."""
    if sys.platform != "linux":
        return "the classroom set-up needs Linux (local Unix users, setuid spawner)"
    if os.geteuid() != 0:
        return "the classroom test creates Unix users and starts JupyterHub: run it as root (CI does)"
    for tool in ("useradd", "userdel", "chpasswd", "setpriv"):
        if not shutil.which(tool):
            return f"{tool} not found: the classroom test needs the Linux user tools"
    if not (VENV / "bin" / "jupyterhub-singleuser").exists():
        return "JupyterHub is not installed in the environment: run `make setup` (the test extra has it)"
    if not PROXY.exists():
        return ("configurable-http-proxy (JupyterHub's proxy) is not installed: run `make setup` on a machine "
                "with npm, or `cd classroom && npm ci`")
    ok, why = classroom_setup.runs_for_everyone(str(VENV / "bin" / "python"))
    if not ok:
        return (f"the environment cannot be run by other users ({why}), even with the folders above the clone "
                "made enterable (tests/classroom_helpers.reachable): build it with `make setup` as root")
    return None


def free_ports(n: int) -> list[int]:
    """``n`` distinct free TCP ports on 127.0.0.1 (held open together while choosing, so they differ)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def port_is_free(port: int) -> bool:
    """True if nothing listens on 127.0.0.1:``port`` and it can be bound now."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(condition, timeout: float, what: str, interval: float = 0.1):
    """Poll ``condition()`` until it returns a true value (returned) or raise TimeoutError naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


# --------------------------------------------------------------------------- users and processes
def pids_with(marker: str) -> list[str]:
    """PIDs of the processes whose command line holds ``marker`` (a process a test started and must see die)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                found.append(pid)
        except OSError:
            pass
    return found


def pids_of(uid: int) -> list[int]:
    """PIDs of the processes whose real user is ``uid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            found.append(int(entry))
                        break
        except (OSError, ValueError):
            continue
    return found


def kill_pid(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def user_env(name: str, extra: dict | None = None) -> dict:
    entry = pwd.getpwnam(name)
    env = {"HOME": entry.pw_dir, "USER": name, "LOGNAME": name, "SHELL": "/bin/bash", "LANG": "C.UTF-8",
           "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin", "PYTHONWARNINGS": "ignore"}
    env.update(extra or {})
    return env


def run_as(name: str, cmd: list[str], *, cwd: str | None = None, env: dict | None = None, timeout: float = 300,
           check: bool = True) -> subprocess.CompletedProcess:
    """Run ``cmd`` as the Unix user ``name`` (with their groups), the way their hub terminal would."""
    entry = pwd.getpwnam(name)
    full = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups", "--", *cmd]
    proc = subprocess.run(full, cwd=cwd or entry.pw_dir, env=env or user_env(name), capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} (as {name}) failed with {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc




@dataclass
class Users:
    """Unix users created for one run, each with a random password; removed by :meth:`remove`."""

    prefix: str
    created: list[str] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)

    def add(self, suffix: str) -> str:
        name = f"{self.prefix}{suffix}"
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True,
                       capture_output=True, text=True)
        self.created.append(name)
        password = secrets.token_urlsafe(12)
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", check=True, capture_output=True, text=True)
        self.passwords[name] = password
        return name

    def remove(self) -> list[str]:
        """Kill what is left of each user's processes (by PID), delete the users; return problems."""
        problems = []
        for name in self.created:
            try:
                uid = pwd.getpwnam(name).pw_uid
            except KeyError:
                continue
            for _ in range(50):
                pids = pids_of(uid)
                if not pids:
                    break
                for pid in pids:
                    kill_pid(pid)
                time.sleep(0.1)
            proc = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
            if proc.returncode not in (0, 12):  # 12: could not remove the mail spool / home (nothing there)
                problems.append(f"userdel {name}: {proc.stderr.strip()}")
        self.created.clear()
        return problems


# --------------------------------------------------------------------------- HTTP
class HTTPError(Exception):
    def __init__(self, status: int, body: str, url: str) -> None:
        super().__init__(f"HTTP {status} for {url}: {body[:500]}")
        self.status, self.body, self.url = status, body, url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(method: str, url: str, *, token: str | None = None, body=None, timeout: float = 120,
         headers: dict | None = None, opener=None) -> tuple[int, str, dict]:
    """One request; returns (status, text, headers). Non-2xx/3xx raise :class:`HTTPError`."""
    data = None
    hdrs = dict(headers or {})
    if token:
        hdrs["Authorization"] = f"token {token}"
    if body is not None:
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        else:
            data = body if isinstance(body, bytes) else str(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    opener = opener or urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace"), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        text = exc.read().decode("utf-8", "replace")
        if 300 <= exc.code < 400:
            return exc.code, text, dict(exc.headers)
        raise HTTPError(exc.code, text, url) from None


# --------------------------------------------------------------------------- the classroom
class Classroom:
    """A class on this machine: users, the set-up script's folders, a running hub.

    ``Classroom(students=2)`` creates an instructor and students with a unique
    prefix, runs ``classroom/classroom.py setup`` into a private temporary root,
    and :meth:`start_hub` starts JupyterHub with its proxy on free loopback ports.
    """

    def __init__(self, students: int = 2, *, extra_listed: tuple[str, ...] = (), assignments=("a07_satisfaction",),
                 outsider: bool = False, tag: str = "") -> None:
        self.prefix = f"kc{tag}{secrets.token_hex(3)}"
        self.users = Users(self.prefix)
        self.n_students = students
        self.extra_listed = [f"{self.prefix}{x}" for x in extra_listed]
        self.assignments = list(assignments)
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{self.prefix}-"))
        os.chmod(self.workdir, 0o755)
        self.root = self.workdir / "srv"
        self.hub_proc: subprocess.Popen | None = None
        self.hub_log = self.workdir / "hub.log"
        self.instructor = ""
        self.students: list[str] = []
        self.settings = None
        self.admin_token = ""
        self.base_url = ""
        self.timings: dict[str, float] = {}
        self.started_pids: list[int] = []
        self.want_outsider = outsider
        self.outsider = ""  # a Unix user with a password who is not on the class list

    # -- set-up
    def setup(self) -> subprocess.CompletedProcess:
        t = time.monotonic()
        self.instructor = self.users.add("teach")
        self.students = [self.users.add(f"s{i:02d}") for i in range(self.n_students)]
        if self.want_outsider:
            self.outsider = self.users.add("out")
        port, hub_port, api_port = free_ports(3)
        cmd = [sys.executable, str(CLASSROOM / "classroom.py"), "setup", "--root", str(self.root),
               "--instructor", self.instructor, "--students", ",".join(self.students + self.extra_listed),
               "--ip", "127.0.0.1", "--port", str(port), "--hub-port", str(hub_port),
               "--proxy-api-port", str(api_port), "--assignments", ",".join(self.assignments),
               "--admin-token", "--skip-env"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if proc.returncode not in (0, 1):  # 1: warnings (e.g. a listed user without an account)
            raise RuntimeError(f"classroom setup failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        self.settings = classroom_setup.load_settings(self.root / "classroom.json")
        self.admin_token = Path(self.settings.admin_token_file).read_text().strip()
        self.base_url = f"http://127.0.0.1:{port}"
        self.timings["setup"] = round(time.monotonic() - t, 1)
        return proc

    @property
    def secret(self) -> str:
        return Path(self.settings.secret_file).read_text().strip()

    @property
    def course_dir(self) -> Path:
        return Path(self.settings.course_dir)

    @property
    def inbound(self) -> Path:
        return Path(self.settings.exchange) / self.settings.course_id / "inbound"

    def instructor_env(self) -> dict:
        """The instructor's environment as the hub gives it to their server (and its terminals)."""
        return user_env(self.instructor, {"JUPYTER_CONFIG_PATH": self.settings.config_dir,
                                          "KAMCOURSE_SECRET": self.secret})

    def instructor_run(self, *cmd: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a command as the instructor in the course folder (as in a terminal of their hub server)."""
        exe = cmd[0] if "/" in cmd[0] else str(VENV / "bin" / cmd[0])
        return run_as(self.instructor, [exe, *cmd[1:]], cwd=str(self.course_dir), env=self.instructor_env(),
                      check=check, timeout=timeout)

    # -- the hub
    def start_hub(self, timeout: float = 60) -> None:
        """Start JupyterHub (which starts its proxy); once more on new ports if a port was taken meanwhile."""
        t = time.monotonic()
        # the ports were chosen at set-up time; a kernel of a parallel test may have taken one since
        s = self.settings
        if not all(port_is_free(p) for p in (s.port, s.hub_port, s.proxy_api_port)):
            self._move_to_new_ports()
        try:
            self._start_hub(timeout)
        except RuntimeError as exc:
            if "in use" not in str(exc):
                raise
            self.stop_hub()
            self._move_to_new_ports()
            self._start_hub(timeout)
        self.timings["hub start"] = round(time.monotonic() - t, 1)

    def _move_to_new_ports(self) -> None:
        port, hub_port, api_port = free_ports(3)
        path = self.root / "classroom.json"
        data = json.loads(path.read_text())
        data.update(port=port, hub_port=hub_port, proxy_api_port=api_port)
        path.write_text(json.dumps(data, indent=2) + "\n")
        self.settings = classroom_setup.load_settings(path)
        self.base_url = f"http://127.0.0.1:{port}"

    def _start_hub(self, timeout: float) -> None:
        env = {"PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "KAMCOURSE_CLASSROOM": str(self.root / "classroom.json")}
        log = open(self.hub_log, "wb")
        self.hub_proc = subprocess.Popen(
            [str(VENV / "bin" / "jupyterhub"), "-f", str(CLASSROOM / "jupyterhub_config.py")],
            cwd=self.settings.state_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

        def up():
            if self.hub_proc.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.hub_proc.returncode}:\n{self.hub_log.read_text()[-3000:]}")
            try:
                return http("GET", f"{self.base_url}/hub/api/", timeout=5)[0] == 200
            except (OSError, HTTPError):
                return False
            except http.client.HTTPException as exc:  # not HTTP: another program holds the port
                raise RuntimeError(f"port of {self.base_url} in use by another program: {exc!r}") from None

        wait_for(up, timeout, "the hub and its proxy to answer")

    def api(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 120):
        status, text, _ = http(method, f"{self.base_url}/hub/api{path}", token=token or self.admin_token,
                               body=body, timeout=timeout)
        return status, (json.loads(text) if text.strip() else None)

    def request_server(self, name: str) -> int:
        """Ask the hub to start ``name``'s server (returns 201 started / 202 pending)."""
        return self.api("POST", f"/users/{name}/server")[0]

    def server_state(self, name: str) -> dict:
        model = self.api("GET", f"/users/{name}")[1]
        server = (model.get("servers") or {}).get("")
        return {"ready": bool(server and server.get("ready")), "pending": model.get("pending")
                or (server or {}).get("pending"), "exists": server is not None}

    def wait_server(self, name: str, timeout: float = 120) -> None:
        def ready():
            st = self.server_state(name)
            if st["ready"]:
                return True
            if not st["exists"] and not st["pending"]:
                raise RuntimeError(f"{name}'s server stopped while starting; hub log:\n{self.hub_log.read_text()[-3000:]}")
            return False

        wait_for(ready, timeout, f"{name}'s server to be ready", interval=0.25)

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens", {"note": "classroom test", "expires_in": 3600})[1]["token"]

    def student(self, name: str) -> "StudentClient":
        return StudentClient(self.base_url, name, self.user_token(name))

    def login(self, username: str, password: str) -> tuple[int, str]:
        """Log in through the hub's form (with its XSRF cookie); returns (status, page text)."""
        jar = cookiejar.CookieJar()
        opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar))
        http("GET", f"{self.base_url}/hub/login", opener=opener)
        xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
        form = urllib.parse.urlencode({"username": username, "password": password, "_xsrf": xsrf})
        try:
            status, text, _ = http("POST", f"{self.base_url}/hub/login?next=", body=form, opener=opener,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        except HTTPError as exc:
            return exc.status, exc.body
        return status, text

    # -- tear down
    def stop_hub(self, timeout: float = 30) -> None:
        proc, self.hub_proc = self.hub_proc, None
        if proc is None:
            return
        proxy_pid = None
        pid_file = Path(self.settings.state_dir) / "jupyterhub-proxy.pid"
        try:
            proxy_pid = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            pass
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the hub stops the proxy and every user's server
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                kill_pid(proc.pid)
                proc.wait(10)
        if proxy_pid and alive(proxy_pid):
            kill_pid(proxy_pid)

    def close(self) -> list[str]:
        problems = []
        try:
            self.stop_hub()
        except Exception as exc:  # noqa: BLE001 - keep cleaning up
            problems.append(f"stopping the hub: {exc}")
        problems += self.users.remove()
        shutil.rmtree(self.workdir, ignore_errors=True)
        return problems

    def __enter__(self) -> "Classroom":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------- a student's side
class StudentClient:
    """What a student's browser does, through the hub's proxy, with the student's own token."""

    def __init__(self, base_url: str, name: str, token: str) -> None:
        self.base, self.name, self.token = base_url, name, token

    def url(self, path: str) -> str:
        return f"{self.base}/user/{self.name}{path}"

    def call(self, method: str, path: str, body=None, timeout: float = 120):
        status, text, _ = http(method, self.url(path), token=self.token, body=body, timeout=timeout)
        return json.loads(text) if text.strip() else None

    def fetch(self, course: str, assignment: str):
        return self.call("POST", "/assignments/fetch", {"course_id": course, "assignment_id": assignment})

    def submit(self, course: str, assignment: str) -> dict:
        return self.call("POST", "/assignments/submit", {"course_id": course, "assignment_id": assignment})

    def list(self, course: str) -> dict:
        return self.call("GET", f"/assignments?course_id={urllib.parse.quote(course)}")

    def get_notebook(self, path: str) -> dict:
        return self.call("GET", f"/api/contents/{urllib.parse.quote(path)}?content=1")["content"]

    def put_notebook(self, path: str, nb: dict) -> None:
        self.call("PUT", f"/api/contents/{urllib.parse.quote(path)}", {"type": "notebook", "format": "json", "content": nb})

    # -- a kernel of the student's server (as JupyterLab runs cells)
    def start_kernel(self) -> str:
        return self.call("POST", "/api/kernels", {"name": "python3"})["id"]

    def stop_kernel(self, kernel_id: str) -> None:
        self.call("DELETE", f"/api/kernels/{kernel_id}")

    def execute(self, kernel_id: str, cells: list[str], timeout: float = 120) -> list[dict]:
        """Run each code string in turn in the kernel; return per cell {text, error} (stops at an error)."""
        # jupyter_core's run_sync: also where this thread already runs a loop (Playwright's sync API does,
        # after a browser test on the same pytest worker), which asyncio.run refuses
        return run_sync(self._execute)(kernel_id, cells, timeout)

    async def _execute(self, kernel_id: str, cells: list[str], timeout: float) -> list[dict]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = self.url(f"/api/kernels/{kernel_id}/channels").replace("http://", "ws://", 1)
        conn = await asyncio.wait_for(websocket_connect(HTTPRequest(
            ws_url, headers={"Authorization": f"token {self.token}"})), timeout)
        session = uuid.uuid4().hex
        results = []
        try:
            for code in cells:
                msg_id = uuid.uuid4().hex
                await conn.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "username": self.name, "session": session,
                               "msg_type": "execute_request", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True},
                }))
                text, error = [], None
                deadline = time.monotonic() + timeout
                while True:
                    raw = await asyncio.wait_for(conn.read_message(), max(0.1, deadline - time.monotonic()))
                    if raw is None:
                        raise RuntimeError(f"{self.name}'s kernel connection closed")
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                        continue
                    kind, content = msg["msg_type"], msg["content"]
                    if kind == "stream":
                        text.append(content["text"])
                    elif kind in ("execute_result", "display_data"):
                        text.append(content.get("data", {}).get("text/plain", ""))
                    elif kind == "error":
                        error = f"{content['ename']}: {content['evalue']}"
                    elif kind == "status" and content["execution_state"] == "idle":
                        break
                results.append({"text": "".join(text), "error": error})
                if error:
                    break
        finally:
            conn.close()
        return results

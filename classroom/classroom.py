#!/usr/bin/env python3
"""Set up and check a Linux server for a whole class: JupyterHub + nbgrader's exchange.

Run as root (standard library only, so the system ``python3`` works before the
kit's environment exists)::

    python3 classroom/classroom.py setup --instructor teacher --students-file roster.txt
    python3 classroom/classroom.py check            # environment, class list, exchange
    classroom/check_exchange --fix                  # exchange permissions only, repaired

``setup`` is idempotent (run it again after adding students): it never
overwrites an instructor's course files, passwords or the course secret.
What it prepares (default root ``/srv/kamcourse``):

- the kit's Python environment (``make setup`` in the repository, built from the
  system Python so that every user can run it) and the proxy JupyterHub needs
  (``configurable-http-proxy``, installed with npm into ``classroom/node_modules``);
- Unix accounts: checked, or created with ``--create-users``; home folders made private (0700);
- ``exchange/`` (mode 1777) with ``exchange/<course>/outbound`` (0755) and
  ``inbound`` (2733, group = the instructor's group), owned by the instructor;
- ``etc/jupyter/nbgrader_config.py``: the global nbgrader settings (course id,
  exchange folder) that every user's server reads through ``JUPYTER_CONFIG_PATH``;
  ``etc/jupyter-students/``: what only students get (no formgrader; private submissions);
- ``kamcourse-secret``: the course secret of per-student data (the hub passes it to
  every server; the instructor's group may read it for grading);
- ``hub/``: JupyterHub's state, and its passwords/tokens when generated (root only);
- the instructor's course folder ``~<instructor>/<course>/`` with its
  ``nbgrader_config.py`` and the kit's source assignments (private to the instructor);
- ``classroom.json``: every setting above, read by ``classroom/jupyterhub_config.py``.
"""

from __future__ import annotations

import argparse
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_ROOT = Path("/srv/kamcourse")
DEFAULT_CONFIG = DEFAULT_ROOT / "classroom.json"
NAME_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")

# modes nbgrader's exchange needs (nbgrader/exchange/default/release_assignment.py), plus the
# sticky bit on the root so that no student can rename or delete the course's folder
ROOT_MODE = 0o1777
COURSE_MODE = 0o755
OUTBOUND_MODE = 0o755
INBOUND_MODE = 0o2733
SUBMISSION_DIR_MODE = 0o770   # what classroom/pylib/kamcourse_exchange.PrivateSubmit leaves
SUBMISSION_FILE_MODE = 0o640

NBGRADER_GLOBAL = '''\
"""Global nbgrader settings of the class (every user's server reads them through JUPYTER_CONFIG_PATH).

Written by classroom/classroom.py setup from classroom.json; edit the settings there
and run the set-up again rather than editing this file.
"""

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
'''

NBGRADER_STUDENTS = '''\
"""nbgrader settings for students only (read before the global ones).

Written by classroom/classroom.py setup. Submissions are made private to the student
and the instructor's group (nbgrader's default leaves them readable by anyone who
knows the folder name).
"""

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

c.ExchangeFactory.submit = "kamcourse_exchange.PrivateSubmit"
'''

# students do not need the instructor's tools (nbgrader docs, "Managing assignment files")
STUDENT_SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {
    "nbgrader.server_extensions.formgrader": False,
}}}
STUDENT_LAB_CONFIG = {"disabledExtensions": {
    "@jupyter/nbgrader:formgrader": True,
    "@jupyter/nbgrader:create-assignment": True,
}}


class ClassroomError(Exception):
    """A problem the set-up cannot solve by itself; the message says what to do."""


# --------------------------------------------------------------------------- settings
@dataclass
class Settings:
    """Everything the hub config, the set-up and the checks share (stored as classroom.json)."""

    root: str
    course_id: str
    instructor: str
    students: list
    course_dir: str
    authenticator: str = "pam"
    ip: str = ""
    port: int = 8000
    hub_ip: str = "127.0.0.1"
    hub_port: int = 8081
    proxy_api_port: int = 8001
    venv: str = str(REPO / ".venv")
    repo: str = str(REPO)
    proxy_command: str = str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")
    ssl_cert: str = ""
    ssl_key: str = ""
    language: str = "en"

    @property
    def exchange(self) -> str:
        return os.path.join(self.root, "exchange")

    @property
    def config_dir(self) -> str:
        return os.path.join(self.root, "etc", "jupyter")

    @property
    def student_config_dir(self) -> str:
        return os.path.join(self.root, "etc", "jupyter-students")

    @property
    def state_dir(self) -> str:
        return os.path.join(self.root, "hub")

    @property
    def secret_file(self) -> str:
        return os.path.join(self.root, "kamcourse-secret")

    @property
    def password_file(self) -> str:
        return os.path.join(self.state_dir, "shared-password")

    @property
    def admin_password_file(self) -> str:
        return os.path.join(self.state_dir, "admin-password")

    @property
    def admin_token_file(self) -> str:
        return os.path.join(self.state_dir, "admin-token")

    @property
    def pylib(self) -> str:
        return str(Path(self.repo) / "classroom" / "pylib")

    def to_json(self) -> str:
        data = dict(self.__dict__)
        data.update(exchange=self.exchange, config_dir=self.config_dir, student_config_dir=self.student_config_dir,
                    state_dir=self.state_dir, secret_file=self.secret_file)
        return json.dumps(data, indent=2) + "\n"


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Read classroom.json (``path``, else ``$KAMCOURSE_CLASSROOM``, else /srv/kamcourse/classroom.json)."""
    path = Path(path or os.environ.get("KAMCOURSE_CLASSROOM") or DEFAULT_CONFIG)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClassroomError(f"no classroom settings at {path}: run `classroom/classroom.py setup` first "
                             "(or point KAMCOURSE_CLASSROOM at the classroom.json it wrote)") from None
    fields = set(Settings.__dataclass_fields__)
    return Settings(**{k: v for k, v in data.items() if k in fields})


def render_nbgrader_global(course_id: str, exchange: str) -> str:
    """The text of the global nbgrader config (classroom/nbgrader_config.py is the one for the defaults)."""
    return NBGRADER_GLOBAL.format(course_id=course_id, exchange=exchange)


# --------------------------------------------------------------------------- small helpers
def _say(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def _mode(path: str) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _user(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def _write(path: str, text: str, mode: int, uid: int = 0, gid: int = 0, overwrite: bool = True) -> bool:
    """Write ``text`` atomically with ``mode``; False when the file exists and ``overwrite`` is False."""
    if os.path.exists(path) and not overwrite:
        return False
    tmp = f"{path}.tmp{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chown(tmp, uid, gid)
    os.chmod(tmp, mode)
    os.replace(tmp, path)
    return True


def _mkdir(path: str, mode: int, uid: int = 0, gid: int = 0) -> None:
    os.makedirs(path, exist_ok=True)
    os.chown(path, uid, gid)
    os.chmod(path, mode)


def runs_for_everyone(python: str) -> tuple[bool, str]:
    """Can an unprivileged user (``nobody``) run ``python`` and import the kit, nbgrader and JupyterHub?"""
    if not os.access(python, os.X_OK):
        return False, f"{python} does not exist"
    nobody = _user("nobody")
    setpriv = shutil.which("setpriv")
    cmd = [python, "-c", "import importlib.util as u, kamcourse\n"
           "missing = [m for m in ('nbgrader', 'jupyterhub') if u.find_spec(m) is None]\n"
           "assert not missing, f'cannot find {missing}'"]
    if os.geteuid() == 0 and nobody and setpriv:
        cmd = [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd="/", env={"PATH": "/usr/bin:/bin", "HOME": "/"})
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return False, f"{python} cannot import the kit, nbgrader and JupyterHub as user nobody: {last}"
    return True, ""


# --------------------------------------------------------------------------- checks
@dataclass
class Problem:
    """One thing wrong; ``fixed`` when --fix repaired it."""

    message: str
    fixed: bool = False

    def __str__(self) -> str:
        return ("fixed: " if self.fixed else "PROBLEM: ") + self.message


def check_environment(s: Settings) -> list[Problem]:
    """The venv every user runs, the single-user server command and the proxy."""
    problems = []
    python = os.path.join(s.venv, "bin", "python")
    ok, why = runs_for_everyone(python)
    if not ok:
        problems.append(Problem(f"{why}; build it with `make -C {s.repo} setup` as root "
                                "(it uses the system Python, which every user can run)"))
    single = os.path.join(s.venv, "bin", "jupyterhub-singleuser")
    if not os.access(single, os.X_OK):
        problems.append(Problem(f"{single} is missing: install JupyterHub into the environment "
                                f"(`make -C {s.repo} setup` installs the test extra, which has it)"))
    if not (os.access(s.proxy_command, os.X_OK) or shutil.which(s.proxy_command)):
        problems.append(Problem(f"the proxy {s.proxy_command} is missing: run `npm ci` in {HERE} "
                                "(make setup does it when npm exists)"))
    return problems


def check_users(s: Settings, fix: bool = False) -> list[Problem]:
    """Every person on the class list has a Unix account and a private home folder."""
    problems = []
    for name in [s.instructor, *s.students]:
        entry = _user(name)
        if entry is None:
            problems.append(Problem(
                f"{name} is on the class list but has no Unix account: their server cannot start "
                f"(create it with `useradd -m {name}`, or run setup with --create-users)"))
            continue
        home = entry.pw_dir
        if not os.path.isdir(home):
            problems.append(Problem(f"{name}'s home folder {home} does not exist: their server cannot start"))
            continue
        mode = _mode(home)
        if mode & 0o077:
            p = Problem(f"{name}'s home folder {home} has mode {mode:04o}: other users can read it; it must be 0700")
            if fix:
                os.chmod(home, 0o700)
                p.fixed = True
            problems.append(p)
    teacher = _user(s.instructor)
    if teacher is not None:
        group = grp.getgrgid(teacher.pw_gid)
        sharing = sorted(n for n in s.students if (_user(n) and _user(n).pw_gid == teacher.pw_gid)
                         or n in group.gr_mem)
        if sharing:
            problems.append(Problem(
                f"students {', '.join(sharing)} belong to the instructor's group {group.gr_name}: they could read "
                "every submission (the exchange gives submissions to that group); give the instructor a private "
                f"primary group (usermod -g {s.instructor} {s.instructor})"))
    return problems


def _instructor_ids(s: Settings) -> tuple[int, int]:
    entry = _user(s.instructor)
    if entry is None:
        raise ClassroomError(f"the instructor {s.instructor!r} has no Unix account")
    return entry.pw_uid, entry.pw_gid


#: Parts of the kit's checkout that hold solutions, hidden tests, model answers or answer tables. Every user's server
#: runs the kit from this checkout, so the set-up closes these to everyone but root and the instructor's group.
INSTRUCTOR_ONLY: tuple[str, ...] = ("assignments", "datasets/instructor", "tests", ".git",
                                    "locale/zh_CN/LC_MESSAGES/assignments")


def protect_instructor_files(s: Settings) -> list[str]:
    """Close :data:`INSTRUCTOR_ONLY` in the checkout to students (root:instructor's group, 0750); return what changed."""
    _, gid = _instructor_ids(s)
    changed = []
    for rel in INSTRUCTOR_ONLY:
        path = os.path.join(s.repo, rel)
        if not os.path.isdir(path):
            continue
        st = os.stat(path)
        if (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) != (0, gid, 0o750):
            os.chown(path, 0, gid)
            os.chmod(path, 0o750)
            changed.append(rel)
    return changed


def check_exchange(s: Settings, fix: bool = False) -> list[Problem]:
    """The exchange folders have the modes and owners nbgrader needs; submissions are private.

    With ``fix`` every problem is repaired (run as root). Submissions are never
    moved or deleted: at most their group and mode are changed so that the
    instructor can collect them and other students cannot read them.
    """
    problems: list[Problem] = []

    def expect(path: str, mode: int, uid: int | None, gid: int | None, why: str) -> None:
        st = os.lstat(path)
        actual = stat.S_IMODE(st.st_mode)
        wrong = []
        if actual != mode:
            wrong.append(f"mode {actual:04o} (must be {mode:04o})")
        if uid is not None and st.st_uid != uid:
            wrong.append(f"owner {_name(st.st_uid)} (must be {_name(uid)})")
        if gid is not None and st.st_gid != gid:
            wrong.append(f"group {_group(st.st_gid)} (must be {_group(gid)})")
        if not wrong:
            return
        p = Problem(f"{path} has {' and '.join(wrong)}: {why}")
        if fix:
            os.chown(path, st.st_uid if uid is None else uid, st.st_gid if gid is None else gid)
            os.chmod(path, mode)
            p.fixed = True
        problems.append(p)

    root = s.exchange
    if not os.path.isdir(root):
        p = Problem(f"the exchange folder {root} does not exist: nobody can release, fetch or submit")
        if fix:
            _mkdir(root, ROOT_MODE)
            p.fixed = True
        problems.append(p)
        if not fix:
            return problems
    expect(root, ROOT_MODE, 0, None,
           "students must be able to write there (nbgrader: \"Unwritable directory, please contact your instructor\") "
           "and nobody but root may rename what is inside (sticky bit)")
    uid, gid = _instructor_ids(s)
    course = os.path.join(root, s.course_id)
    parts = [(course, COURSE_MODE, "the course folder is the instructor's and readable by all"),
             (os.path.join(course, "outbound"), OUTBOUND_MODE, "students fetch from here (read-only for them)"),
             (os.path.join(course, "inbound"), INBOUND_MODE,
              "students must be able to write but not list it (nbgrader: \"You don't have write permissions to the "
              "directory\"), and new submissions must get the instructor's group (set-group-id)")]
    for path, mode, why in parts:
        if not os.path.isdir(path):
            p = Problem(f"{path} does not exist: {why}")
            if fix:
                _mkdir(path, mode, uid, gid)
                p.fixed = True
            problems.append(p)
            continue
        expect(path, mode, uid, gid if path.endswith("inbound") else None, why)
    outbound = os.path.join(course, "outbound")
    if os.path.isdir(outbound):
        for dirpath, dirnames, filenames in os.walk(outbound):
            for name in dirnames:
                full = os.path.join(dirpath, name)
                if _mode(full) & 0o005 != 0o005:
                    p = Problem(f"{full} cannot be opened by students (mode {_mode(full):04o}): they cannot fetch it")
                    if fix:
                        os.chmod(full, _mode(full) | 0o555)
                        p.fixed = True
                    problems.append(p)
            for name in filenames:
                full = os.path.join(dirpath, name)
                if _mode(full) & 0o004 != 0o004:
                    p = Problem(f"{full} cannot be read by students (mode {_mode(full):04o}): they cannot fetch it")
                    if fix:
                        os.chmod(full, _mode(full) | 0o444)
                        p.fixed = True
                    problems.append(p)
    inbound = os.path.join(course, "inbound")
    if os.path.isdir(inbound):
        inbound_gid = os.lstat(inbound).st_gid
        for entry in sorted(os.scandir(inbound), key=lambda e: e.name):
            if not entry.is_dir(follow_symlinks=False):
                continue
            problems += _check_submission(entry.path, inbound_gid, fix)
    return problems


def _check_submission(path: str, gid: int, fix: bool) -> list[Problem]:
    problems = []
    items = [path]
    for dirpath, dirnames, filenames in os.walk(path):
        items += [os.path.join(dirpath, n) for n in dirnames + filenames]
    bad = []
    for item in items:
        st = os.lstat(item)
        if stat.S_ISLNK(st.st_mode):
            continue
        want = SUBMISSION_DIR_MODE if stat.S_ISDIR(st.st_mode) else SUBMISSION_FILE_MODE
        if st.st_gid != gid or stat.S_IMODE(st.st_mode) & 0o007 or (stat.S_IMODE(st.st_mode) & want) != want:
            bad.append((item, st, want))
    if bad:
        name = os.path.basename(path)
        p = Problem(f"submission {name} is readable by other students or not by the instructor's group "
                    f"({len(bad)} item(s), e.g. {bad[0][0]} mode {stat.S_IMODE(bad[0][1].st_mode):04o} "
                    f"group {_group(bad[0][1].st_gid)})")
        if fix:
            for item, st, want in bad:
                os.chown(item, st.st_uid, gid)
                os.chmod(item, want)
            p.fixed = True
        problems.append(p)
    return problems


def _name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


# --------------------------------------------------------------------------- set-up
def _ensure_environment(s: Settings, skip_env: bool) -> None:
    problems = check_environment(s)
    if problems and not skip_env:
        _say(f"preparing the Python environment and the proxy: make -C {s.repo} setup")
        subprocess.run(["make", "-C", s.repo, "setup"], check=True)
        problems = check_environment(s)
    if problems:
        raise ClassroomError("\n".join(str(p) for p in problems))


def _ensure_users(s: Settings, create: bool) -> list[Problem]:
    for name in [s.instructor, *s.students]:
        if not NAME_RE.match(name):
            raise ClassroomError(f"{name!r} is not a valid Unix user name (lower-case letters, digits, - and _)")
    if s.instructor in s.students:
        raise ClassroomError(f"{s.instructor!r} is both the instructor and a student")
    for name in [s.instructor, *s.students]:
        if _user(name) is None and create:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
            _say(f"created the Unix account {name} (set a password with `passwd {name}` for PAM log-in)")
    if _user(s.instructor) is None:
        raise ClassroomError(f"the instructor {s.instructor!r} has no Unix account: create it (useradd -m "
                             f"{s.instructor}) or run setup with --create-users")
    return check_users(s, fix=True)


def _course_folder(s: Settings, assignments: list[str] | None) -> None:
    entry = pwd.getpwnam(s.instructor)
    uid, gid = entry.pw_uid, entry.pw_gid
    course = Path(s.course_dir)
    new = not course.exists()
    course.mkdir(parents=True, exist_ok=True)
    base = (Path(s.repo) / "nbgrader_config.py").read_text(encoding="utf-8")
    text = base.replace('c.CourseDirectory.root = "."', f"c.CourseDirectory.root = {str(course)!r}")
    text = re.sub(r'c\.CourseDirectory\.course_id = "[^"]*"', f"c.CourseDirectory.course_id = {s.course_id!r}", text)
    text += f"\n# classroom: the shared exchange (also in {s.config_dir}/nbgrader_config.py)\nc.Exchange.root = {s.exchange!r}\n"
    _write(str(course / "nbgrader_config.py"), text, 0o644, uid, gid, overwrite=False)
    source = course / "assignments"
    source.mkdir(exist_ok=True)
    kit = Path(s.repo) / "assignments"
    wanted = sorted(p.name for p in kit.iterdir() if p.is_dir()) if assignments is None else assignments
    for name in wanted:
        if not (kit / name).is_dir():
            raise ClassroomError(f"no assignment {name!r} in {kit}")
        if not (source / name).exists():
            shutil.copytree(kit / name, source / name)
    for dirpath, _dirnames, filenames in os.walk(course):
        for n in [dirpath, *[os.path.join(dirpath, f) for f in filenames]]:
            os.chown(n, uid, gid)
    os.chmod(course, 0o700)
    # formgrader (in the instructor's server) needs the course root in the instructor's own config
    jupyter_dir = Path(entry.pw_dir) / ".jupyter"
    if not jupyter_dir.exists():
        _mkdir(str(jupyter_dir), 0o755, uid, gid)
    _write(str(jupyter_dir / "nbgrader_config.py"),
           f"c = get_config()  # noqa: F821\nc.CourseDirectory.root = {str(course)!r}\n", 0o644, uid, gid, overwrite=False)
    _say(f"{'created' if new else 'kept'} the course folder {course} (mode 0700, owner {s.instructor}); "
         f"source assignments: {', '.join(sorted(p.name for p in source.iterdir() if p.is_dir()))}")


def setup(s: Settings, *, create_users: bool = False, skip_env: bool = False, assignments: list[str] | None = None,
          admin_token: bool = False, quiet: bool = False) -> list[Problem]:
    """Prepare the server (see the module docstring); return the problems left (warnings)."""
    if os.geteuid() != 0:
        raise ClassroomError("run the set-up as root (it creates folders, sets owners and may create users)")
    if s.authenticator not in ("pam", "shared-password"):
        raise ClassroomError(f"authenticator must be 'pam' or 'shared-password', got {s.authenticator!r}")
    _ensure_environment(s, skip_env)
    remaining = [p for p in _ensure_users(s, create_users) if not p.fixed]
    for p in remaining:
        _say(f"warning: {p.message}", quiet)
    uid, gid = _instructor_ids(s)
    _mkdir(s.root, 0o755)
    # global and student-only Jupyter config
    _mkdir(s.config_dir, 0o755)
    _write(os.path.join(s.config_dir, "nbgrader_config.py"), render_nbgrader_global(s.course_id, s.exchange), 0o644)
    _mkdir(s.student_config_dir, 0o755)
    _write(os.path.join(s.student_config_dir, "nbgrader_config.py"), NBGRADER_STUDENTS, 0o644)
    _write(os.path.join(s.student_config_dir, "jupyter_server_config.json"),
           json.dumps(STUDENT_SERVER_CONFIG, indent=2) + "\n", 0o644)
    _mkdir(os.path.join(s.student_config_dir, "labconfig"), 0o755)
    _write(os.path.join(s.student_config_dir, "labconfig", "page_config.json"),
           json.dumps(STUDENT_LAB_CONFIG, indent=2) + "\n", 0o644)
    # the exchange, owned as nbgrader's own release would leave it
    for p in check_exchange(s, fix=True):
        _say(f"exchange: {p}", quiet)
    # secrets: generated once, never overwritten
    if _write(s.secret_file, secrets.token_urlsafe(32) + "\n", 0o640, 0, gid, overwrite=False):
        _say(f"generated the course secret of per-student data in {s.secret_file} (root and {s.instructor}'s group)", quiet)
    os.chown(s.secret_file, 0, gid)
    os.chmod(s.secret_file, 0o640)
    _mkdir(s.state_dir, 0o700)
    if s.authenticator == "shared-password":
        if _write(s.password_file, secrets.token_urlsafe(9) + "\n", 0o600, overwrite=False):
            _say(f"generated the students' shared password in {s.password_file}", quiet)
        if _write(s.admin_password_file, secrets.token_urlsafe(32) + "\n", 0o600, overwrite=False):
            _say(f"generated the instructor's (admin) password in {s.admin_password_file}", quiet)
    if admin_token and _write(s.admin_token_file, secrets.token_hex(32) + "\n", 0o600, overwrite=False):
        _say(f"generated an API token for scripts (service kamcourse-admin) in {s.admin_token_file}", quiet)
    _course_folder(s, assignments)
    closed = protect_instructor_files(s)
    if closed:
        _say(f"closed to students in the kit's checkout (solutions, hidden tests, answer tables): {', '.join(closed)}",
             quiet)
    _write(os.path.join(s.root, "classroom.json"), s.to_json(), 0o644)
    _say(f"settings written to {os.path.join(s.root, 'classroom.json')}; start the hub with:\n"
         f"  cd {s.state_dir} && KAMCOURSE_CLASSROOM={os.path.join(s.root, 'classroom.json')} "
         f"{s.venv}/bin/jupyterhub -f {HERE / 'jupyterhub_config.py'}", quiet)
    return remaining


# --------------------------------------------------------------------------- command line
def _names(text: str | None, path: str | None) -> list[str]:
    names: list[str] = []
    if text:
        names += [n.strip() for n in text.split(",") if n.strip()]
    if path:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line:
                names.append(line)
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="classroom.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("setup", help="prepare the server (idempotent)")
    st.add_argument("--root", default=str(DEFAULT_ROOT), help="folder for the exchange, config and hub state "
                    "(default /srv/kamcourse)")
    st.add_argument("--course-id", default="kamcourse")
    st.add_argument("--instructor", required=True, help="the instructor's Unix user name (hub admin)")
    st.add_argument("--students", default="", help="comma-separated user names")
    st.add_argument("--students-file", default=None, help="a file with one user name per line (# comments)")
    st.add_argument("--course-dir", default=None, help="the instructor's course folder (default ~INSTRUCTOR/COURSE_ID)")
    st.add_argument("--assignments", default=None, help="comma-separated assignments to copy (default: all of the kit)")
    st.add_argument("--create-users", action="store_true", help="create missing Unix accounts (useradd -m)")
    st.add_argument("--authenticator", choices=["pam", "shared-password"], default="pam",
                    help="pam: each user's own Unix password (a class); shared-password: one password (a workshop)")
    st.add_argument("--ip", default="", help="address the hub listens on (default: all)")
    st.add_argument("--port", type=int, default=8000)
    st.add_argument("--hub-port", type=int, default=8081, help="internal port of the hub (127.0.0.1)")
    st.add_argument("--proxy-api-port", type=int, default=8001, help="internal port of the proxy's API (127.0.0.1)")
    st.add_argument("--ssl-cert", default="", help="TLS certificate (strongly advised on a public address)")
    st.add_argument("--ssl-key", default="")
    st.add_argument("--admin-token", action="store_true", help="also generate an API token for scripts")
    st.add_argument("--skip-env", action="store_true", help="do not run make setup; only check the environment")
    st.add_argument("--language", choices=["en", "zh"], default="en",
                    help="the class's language: zh makes JupyterLab, the lessons and figures Chinese by default")
    st.add_argument("--quiet", action="store_true")
    ck = sub.add_parser("check", help="check environment, class list and exchange (exit 1 if a problem is left)")
    ck.add_argument("--config", default=None, help="classroom.json (default $KAMCOURSE_CLASSROOM or /srv/kamcourse/classroom.json)")
    ck.add_argument("--fix", action="store_true", help="repair what can be repaired (as root)")
    ck.add_argument("--exchange-only", action="store_true", help="only the exchange folder")
    ck.add_argument("--quiet", action="store_true", help="print only problems")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "setup":
            entry = _user(args.instructor)
            home = entry.pw_dir if entry else f"/home/{args.instructor}"
            students = _names(args.students, args.students_file)
            s = Settings(root=os.path.abspath(args.root), course_id=args.course_id, instructor=args.instructor,
                         students=students, course_dir=os.path.abspath(args.course_dir or os.path.join(home, args.course_id)),
                         authenticator=args.authenticator, language=args.language, ip=args.ip, port=args.port,
                         hub_port=args.hub_port,
                         proxy_api_port=args.proxy_api_port, ssl_cert=args.ssl_cert, ssl_key=args.ssl_key)
            if not re.match(r"^[A-Za-z0-9_\-]+$", s.course_id):
                raise ClassroomError(f"course id must be letters, digits, - and _, got {s.course_id!r}")
            assignments = [a.strip() for a in args.assignments.split(",")] if args.assignments else None
            left = setup(s, create_users=args.create_users, skip_env=args.skip_env, assignments=assignments,
                         admin_token=args.admin_token, quiet=args.quiet)
            return 1 if left else 0
        s = load_settings(args.config)
        if args.fix and os.geteuid() != 0:
            raise ClassroomError("--fix changes owners and modes: run it as root")
        problems = [] if args.exchange_only else check_environment(s) + check_users(s, fix=args.fix)
        problems += check_exchange(s, fix=args.fix)
        for p in problems:
            print(p, flush=True)
        left = [p for p in problems if not p.fixed]
        if not args.quiet:
            what = "exchange" if args.exchange_only else "classroom"
            print(f"{what} check: {len(problems) - len(left)} fixed, {len(left)} problem(s) left"
                  + ("" if left or args.fix else " (all good)"), flush=True)
        return 1 if left else 0
    except ClassroomError as exc:
        print(f"classroom: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""JupyterHub configuration of a kamcourse class (local Unix users on one server).

Start it as root, in the hub's state folder, after ``classroom/classroom.py setup``::

    cd /srv/kamcourse/hub
    KAMCOURSE_CLASSROOM=/srv/kamcourse/classroom.json /path/to/kamcourse/.venv/bin/jupyterhub \
        -f /path/to/kamcourse/classroom/jupyterhub_config.py

Every value comes from ``classroom.json`` (written by the set-up script), so this
file is the same on every server. How each setting maps onto The Littlest
JupyterHub and Zero to JupyterHub is explained in docs/classroom.md.
"""

import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub

settings_path = Path(os.environ.get("KAMCOURSE_CLASSROOM", "/srv/kamcourse/classroom.json"))
if not settings_path.exists():
    raise SystemExit(f"kamcourse: no classroom settings at {settings_path}; run classroom/classroom.py setup first "
                     "or set KAMCOURSE_CLASSROOM to the classroom.json it wrote")
S = json.loads(settings_path.read_text(encoding="utf-8"))


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


# --- network: the proxy listens publicly; the hub and the proxy's API only on loopback
scheme = "https" if S.get("ssl_cert") else "http"
c.JupyterHub.bind_url = f"{scheme}://{S['ip'] or '0.0.0.0'}:{S['port']}/"
if S.get("ssl_cert"):
    c.JupyterHub.ssl_cert = S["ssl_cert"]
    c.JupyterHub.ssl_key = S["ssl_key"]
c.JupyterHub.hub_ip = S.get("hub_ip", "127.0.0.1")
c.JupyterHub.hub_port = int(S["hub_port"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(S['proxy_api_port'])}"
c.ConfigurableHTTPProxy.command = [S["proxy_command"]]

# --- state: database, cookie secret and proxy pid in the hub's private folder
state = Path(S["state_dir"])
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the proxy and every user's server

# --- who may log in: the class list; the instructor is the hub's admin
students = list(S["students"])
instructor = S["instructor"]
c.Authenticator.allowed_users = set(students) | {instructor}
c.Authenticator.admin_users = {instructor}
if S.get("authenticator", "pam") == "shared-password":
    # a workshop: one password for all students (anyone with it can log in as any student)
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = _read(Path(S["state_dir"]) / "shared-password")
    c.SharedPasswordAuthenticator.admin_password = _read(Path(S["state_dir"]) / "admin-password")
else:
    # a class: each person's own Unix password
    c.JupyterHub.authenticator_class = "pam"

# --- each user's server: a local process running as that Unix user, from the kit's environment
from jupyterhub.spawner import LocalProcessSpawner  # noqa: E402
from tornado import web  # noqa: E402


class ClassroomSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that says clearly why a server cannot start (instead of "Internal Server Error")."""

    async def start(self):
        import pwd

        name = self.user.name
        try:
            home = pwd.getpwnam(name).pw_dir
        except KeyError:
            raise web.HTTPError(500, f"{name} is on the class list but has no Unix account on this server, so "
                                     f"their server cannot start: ask the administrator to create it (useradd -m "
                                     f"{name}; classroom/classroom.py check lists every such problem)") from None
        if not os.path.isdir(home):
            raise web.HTTPError(500, f"{name}'s home folder {home} does not exist, so their server cannot start: "
                                     "ask the administrator (classroom/classroom.py check)")
        return await super().start()


venv = Path(S["venv"])
c.JupyterHub.spawner_class = ClassroomSpawner
c.Spawner.cmd = [str(venv / "bin" / "jupyterhub-singleuser")]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120   # a whole class starting at once on a small server
c.Spawner.http_timeout = 120
secret = _read(S["secret_file"])
path = f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin"


def _config_path(spawner):
    """Students read their own settings first (no formgrader, private submissions), then the class's."""
    if spawner.user.name == instructor:
        return S["config_dir"]
    return f"{S['student_config_dir']}{os.pathsep}{S['config_dir']}"


def _pythonpath(spawner):
    return "" if spawner.user.name == instructor else str(Path(S["repo"]) / "classroom" / "pylib")


def _secret(spawner):
    """The course secret: only the instructor's server gets it (to grade)."""
    return secret if spawner.user.name == instructor else ""


def _student_key(spawner):
    """Each student's server gets only that student's key to their data variant, never the secret."""
    from kamcourse.data.variants import student_key

    return "" if spawner.user.name == instructor else student_key(spawner.user.name, secret)


c.Spawner.environment = {
    "PATH": path,
    "JUPYTER_CONFIG_PATH": _config_path,
    "PYTHONPATH": _pythonpath,
    # per-student data (kamcourse.data.my_data): a student's key is an HMAC of the secret and their name
    "KAMCOURSE_SECRET": _secret,
    "KAMCOURSE_STUDENT_KEY": _student_key,
}

# --- a Chinese class (classroom.py setup --language zh): JupyterLab's interface default, written into the
# class's config folder (every server reads it), and KAMCOURSE_LANG, which lessons and figures follow.
# English leaves JupyterLab's own language choice alone.
if S.get("language", "en") == "zh":
    from kamcourse.translation.lab import class_settings

    c.Spawner.environment.update(class_settings("zh", S["config_dir"]).environment)

# --- optional: an API token for scripts (the classroom test and load benchmark use it)
token = _read(Path(S["state_dir"]) / "admin-token")
if token:
    c.JupyterHub.services = [{"name": "kamcourse-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{
        "name": "kamcourse-admin",
        "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
        "services": ["kamcourse-admin"],
    }]

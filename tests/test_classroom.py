"""Classroom scale (issue 7): JupyterHub + nbgrader's exchange for a class, end to end.

``test_a_class_end_to_end`` (marked ``classroom``; root only) does what
docs/classroom.md tells an administrator and an instructor to do: it runs
``classroom/classroom.py setup`` for an instructor and two students (new Unix
users), starts JupyterHub and its proxy on free loopback ports, and then

1. the instructor releases ``a07_satisfaction`` (per-student data) through the exchange;
2. each student's server is started through the hub's REST API; each student
   fetches, runs the notebook in a kernel of their own server (their own data
   variant: the hub user), and submits: student A a draft first and then the right
   answers, student B the numbers A's notebook printed;
3. access: B cannot read A's submission, A's files, the instructor's source
   notebooks or hidden tests, nor use A's server; a wrong password and a user not on
   the list are refused;
4. faults: a listed student without a Unix account (the server cannot start), the
   exchange with wrong permissions (a clear message; ``check_exchange --fix``), a
   second submission, a submission after collection;
5. the instructor collects, grades with ``kamcourse grade`` (as each submission's
   owner, in the sandbox, as the instructor: not root) and exports CSV; the scores are
   asserted; one more submission, a hostile one, tries to get out during grading: each
   of the nine things of issue 14 is checked on the host, and A keeps full marks;

and at the end stops every process it started (by PID) and removes the users.

When the clone sits in a private folder, the folders above it are made
enterable (not listable) for the test's duration (``classroom_helpers.reachable``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import classroom_helpers as H  # noqa: E402
from roundtrip import (  # noqa: E402
    Listener,
    clean_up_hostile,
    hostile_answer,
    hostile_report,
    meta,
    processes_with,
    solution_source,
)

# the two classroom tests create users and may open the clone's parent folders: one worker runs them
pytestmark = pytest.mark.xdist_group("classroom")

ASSIGNMENT = "a07_satisfaction"
SOURCE = H.ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
ANSWERS = {"q1_answer": ("better", "worse"), "q2_answer": ("must_be_features",), "q3_answer": ("nps_2025",),
           "q4_answer": ("concentrate_here",)}


def _points() -> tuple[dict[str, float], float]:
    """Points of the test cells after each answer cell of ANSWERS (to the next answer), and all autograded points."""
    per, current, total = {}, None, 0.0
    for cell in nbformat.read(SOURCE, as_version=4).cells:
        m = meta(cell)
        if m.get("solution") and cell.cell_type == "code":
            current = m["grade_id"]
        elif m.get("grade") and cell.cell_type == "code":
            total += float(m["points"])
            if current in ANSWERS:
                per[current] = per.get(current, 0.0) + float(m["points"])
    return per, total


# read from the notebook, so the test follows the assignment; B answers the other parts himself
POINTS, AUTOGRADED = _points()
REPORT = ("import json as _j\nfrom kamcourse import data as _d\n"
          "print(_j.dumps({'student': _d.student_id(), 'better': float(better), 'worse': float(worse), "
          "'must_be_features': list(must_be_features), 'nps_2025': float(nps_2025), "
          "'concentrate_here': list(concentrate_here)}))")


# --------------------------------------------------------------------------- without a hub
def test_global_nbgrader_config_is_what_setup_writes() -> None:
    """classroom/nbgrader_config.py is exactly the global config the set-up writes for the default layout."""
    text = (H.CLASSROOM / "nbgrader_config.py").read_text(encoding="utf-8")
    assert text == H.classroom_setup.render_nbgrader_global("kamcourse", "/srv/kamcourse/exchange")
    assert "c.Exchange.root = '/srv/kamcourse/exchange'" in text


def _hub_config(tmp_path, monkeypatch, authenticator: str, language: str = "en"):
    from traitlets.config.loader import PyFileConfigLoader

    s = H.classroom_setup.Settings(root=str(tmp_path), course_id="demo", instructor="teacher",
                                   students=["alice", "bob"], course_dir=str(tmp_path / "course"),
                                   authenticator=authenticator, language=language)
    (tmp_path / "hub").mkdir(parents=True)
    (tmp_path / "hub" / "shared-password").write_text("pupils-password-123\n")
    (tmp_path / "hub" / "admin-password").write_text("t" * 40 + "\n")
    (tmp_path / "kamcourse-secret").write_text("course-secret\n")
    (tmp_path / "classroom.json").write_text(s.to_json())
    monkeypatch.setenv("KAMCOURSE_CLASSROOM", str(tmp_path / "classroom.json"))
    return PyFileConfigLoader("jupyterhub_config.py", path=str(H.CLASSROOM)).load_config()


@pytest.mark.parametrize("authenticator", ["pam", "shared-password"])
def test_hub_config_reads_the_class_settings(tmp_path, monkeypatch, authenticator) -> None:
    config = _hub_config(tmp_path, monkeypatch, authenticator)
    assert config.Authenticator.allowed_users == {"alice", "bob", "teacher"}
    assert config.Authenticator.admin_users == {"teacher"}
    assert config.JupyterHub.authenticator_class == authenticator
    assert config.JupyterHub.hub_ip == "127.0.0.1"
    assert "services" not in config.JupyterHub  # no admin token file: no API service


def test_a_chinese_class(tmp_path, monkeypatch) -> None:
    """Issue 13: `setup --language zh` makes Chinese the class default: JupyterLab's interface (the override file
    every server reads from the class's config folder) and KAMCOURSE_LANG for lessons and figures."""
    english = _hub_config(tmp_path / "en", monkeypatch, "pam")
    assert "KAMCOURSE_LANG" not in english.Spawner.environment
    assert not (tmp_path / "en" / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json").exists()
    chinese = _hub_config(tmp_path / "zh", monkeypatch, "pam", language="zh")
    assert chinese.Spawner.environment["KAMCOURSE_LANG"] == "zh"
    overrides = json.loads((tmp_path / "zh" / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json")
                           .read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"


@pytest.mark.security
def test_only_the_instructor_gets_the_secret_each_student_only_their_key(tmp_path, monkeypatch) -> None:
    """Issue 14: a student's server never holds the course secret, only the student's own key."""
    from types import SimpleNamespace

    from kamcourse.data.variants import student_key

    env = _hub_config(tmp_path, monkeypatch, "pam").Spawner.environment

    def for_user(name):
        spawner = SimpleNamespace(user=SimpleNamespace(name=name))
        return {k: (v(spawner) if callable(v) else v) for k, v in env.items()}

    alice, teacher = for_user("alice"), for_user("teacher")
    assert teacher["KAMCOURSE_SECRET"] == "course-secret" and teacher["KAMCOURSE_STUDENT_KEY"] == ""
    assert alice["KAMCOURSE_SECRET"] == "" and "course-secret" not in json.dumps(alice)
    assert alice["KAMCOURSE_STUDENT_KEY"] == student_key("alice", "course-secret") != for_user("bob")["KAMCOURSE_STUDENT_KEY"]


@pytest.mark.security
def test_shared_password_refuses_a_wrong_password_and_a_user_not_on_the_list(tmp_path, monkeypatch) -> None:
    """The workshop set-up (one shared password): only listed users with that password get in."""
    from jupyter_core.utils import run_sync
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    auth = SharedPasswordAuthenticator(config=_hub_config(tmp_path, monkeypatch, "shared-password"))

    def login(name, password):
        return run_sync(auth.get_authenticated_user)(None, {"username": name, "password": password})

    assert login("alice", "pupils-password-123")["name"] == "alice"
    assert login("alice", "wrong-password-123") is None
    assert login("mallory", "pupils-password-123") is None  # not on the class list
    assert login("teacher", "pupils-password-123") is None  # the admin needs the admin password
    assert login("teacher", "t" * 40)["admin"] is True


def test_hub_config_without_settings_says_what_to_do(tmp_path, monkeypatch) -> None:
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("KAMCOURSE_CLASSROOM", str(tmp_path / "missing.json"))
    with pytest.raises(SystemExit, match="run classroom/classroom.py setup first"):
        PyFileConfigLoader("jupyterhub_config.py", path=str(H.CLASSROOM)).load_config()


# --------------------------------------------------------------------------- the class

def _student_notebook(released: dict, answers: dict[str, str]) -> dict:
    nb = json.loads(json.dumps(released))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell["source"] = answers[gid]
    return nb


def _solution_answers() -> dict[str, str]:
    source = nbformat.read(SOURCE, as_version=4)
    return {meta(c)["grade_id"]: solution_source(c) for c in source.cells if meta(c).get("solution")}


def _pasted(values: dict) -> dict[str, str]:
    """Answer cells that type in another student's printed results as literal values."""
    return {gid: "\n".join(f"{name} = {values[name]!r}" for name in names) for gid, names in ANSWERS.items()}


def _code_cells(nb: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def _expected(students: list[str], secret: str, cache: Path) -> dict[str, dict]:
    """Each student's right answers on their own variant, computed here (not on the hub)."""
    script = (
        "import json, os, sys, nbformat\n"
        f"sys.path.insert(0, {str(H.ROOT / 'tests')!r})\n"
        "from roundtrip import meta, solution_source\n"
        "from kamcourse.data import variants\n"
        f"nb = nbformat.read({str(SOURCE)!r}, as_version=4)\n"
        "out = {}\n"
        "for student in sys.argv[1:]:\n"
        "    os.environ['KAMCOURSE_STUDENT'] = student\n"
        "    variants._variant_frames.cache_clear()\n"
        "    ns = {'display': lambda *a, **k: None}\n"
        "    for c in nb.cells:\n"
        "        if c.cell_type == 'code' and not meta(c).get('grade'):\n"
        "            exec(solution_source(c) if meta(c).get('solution') else c.source, ns)\n"
        "    out[student] = {'better': float(ns['better']), 'worse': float(ns['worse']),\n"
        "        'must_be_features': list(ns['must_be_features']), 'nps_2025': float(ns['nps_2025']),\n"
        "        'concentrate_here': list(ns['concentrate_here'])}\n"
        "print(json.dumps(out))\n"
    )
    env = dict(os.environ, KAMCOURSE_SECRET=secret, KAMCOURSE_VARIANT_CACHE=str(cache), PYTHONWARNINGS="ignore")
    env.pop("JUPYTERHUB_USER", None)
    proc = subprocess.run([sys.executable, "-c", script, *students], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _same(gid: str, a: dict, b: dict) -> bool:
    names = ANSWERS[gid]
    return all(abs(a[n] - b[n]) < 1e-6 if isinstance(a[n], float) else a[n] == b[n] for n in names)


class Background:
    """Run ``fn(*args)`` in a thread; ``result()`` waits and returns its value or raises its exception."""

    def __init__(self, fn, *args) -> None:
        self._value, self._error = None, None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn, args) -> None:
        try:
            self._value = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in result()
            self._error = exc

    def result(self, timeout: float = 300):
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"a background step did not finish in {timeout:.0f} s")
        if self._error is not None:
            raise self._error
        return self._value


def _submissions(inbound: Path, student: str) -> list[Path]:
    return sorted(p for p in inbound.iterdir() if p.name.startswith(f"{student}+{ASSIGNMENT}+"))


def _timestamp(folder: Path) -> str:
    return (folder / "timestamp.txt").read_text().strip()


@pytest.fixture
def classroom():
    with H.reachable():
        reason = H.skip_reason()
        if reason:
            pytest.skip(reason)
        # the set-up closes the checkout's instructor-only folders; give them back as they were afterwards
        kept = {rel: os.stat(H.ROOT / rel) for rel in H.classroom_setup.INSTRUCTOR_ONLY if (H.ROOT / rel).is_dir()}
        room = H.Classroom(students=2, extra_listed=("ghost",), outsider=True)
        try:
            yield room
        finally:
            for rel, st in kept.items():
                os.chown(H.ROOT / rel, st.st_uid, st.st_gid)
                os.chmod(H.ROOT / rel, st.st_mode & 0o7777)
            _close(room)


def _close(room) -> None:
    try:
        if room.hub_log.exists():  # shown by pytest only when the test fails
            print("---- last lines of the hub's log ----\n" + room.hub_log.read_text(errors="replace")[-6000:])
    finally:
        problems = room.close()
    assert not problems, f"clean-up problems: {problems}"
    assert not any(H.alive(pid) for pid in room.started_pids), "a process the test started is still running"


@pytest.mark.security
@pytest.mark.classroom
def test_a_class_end_to_end(classroom, tmp_path) -> None:
    t0 = last = time.monotonic()
    room = classroom

    def lap(name):  # where the time goes (printed at the end; shown with -s or on failure)
        nonlocal last
        now = time.monotonic()
        room.timings[name] = round(now - last, 1)
        last = now
    setup = room.setup()
    s = room.settings
    teacher, (alice, bob) = room.instructor, room.students
    ghost = room.extra_listed[0]
    course = s.course_id

    # the instructor releases the assignment (as in a terminal of their hub server), while
    # the rest of the class is being checked and started
    def release():
        out = room.instructor_run("kamcourse", "release", ASSIGNMENT).stdout
        assert "checked: no solution code, no hidden tests" in out, out
        out = room.instructor_run("nbgrader", "release_assignment", ASSIGNMENT)
        assert "Released as:" in out.stdout + out.stderr, out.stderr

    releasing = Background(release)
    computing = Background(_expected, [alice, bob], room.secret, tmp_path / "variants")

    # --- the set-up script's result ------------------------------------------------------
    assert f"{ghost} is on the class list but has no Unix account" in setup.stdout, setup.stdout
    assert H.classroom_setup._mode(s.exchange) == 0o1777
    assert H.classroom_setup._mode(str(room.inbound)) == 0o2733
    assert H.classroom_setup._mode(str(room.course_dir)) == 0o700
    for name in (teacher, alice, bob):
        assert H.classroom_setup._mode(os.path.expanduser(f"~{name}")) == 0o700, f"{name}'s home must be private"
    check = subprocess.run([sys.executable, str(H.CLASSROOM / "classroom.py"), "check", "--config",
                            str(room.root / "classroom.json")], capture_output=True, text=True)
    assert check.returncode == 1 and f"{ghost} is on the class list but has no Unix account" in check.stdout, check.stdout
    assert "1 problem(s) left" in check.stdout, check.stdout
    lap("set-up + checks")

    # per-student data: the course secret must make B's copy of A's numbers wrong somewhere
    # (with a random secret the variants almost always differ; rotate it in the rare other case)
    expected = computing.result()
    for _ in range(5):
        if not all(_same(g, expected[alice], expected[bob]) for g in ("q2_answer", "q3_answer", "q4_answer")):
            break
        Path(s.secret_file).write_text(os.urandom(16).hex() + "\n")
        expected = _expected([alice, bob], room.secret, tmp_path / "variants")
    same_for_bob = [g for g in POINTS if _same(g, expected[alice], expected[bob])]
    bob_expected = AUTOGRADED - sum(POINTS[g] for g in POINTS if g not in same_for_bob)
    assert bob_expected < AUTOGRADED
    lap("expected answers")

    # --- hub, proxy and the students' servers (started through the REST API) -----------------
    room.start_hub()
    room.started_pids.append(room.hub_proc.pid)
    proxy_pid = int(Path(s.state_dir, "jupyterhub-proxy.pid").read_text())
    room.started_pids.append(proxy_pid)
    lap("hub start")

    def spawn(name):
        room.request_server(name)
        room.wait_server(name)

    spawning = [Background(spawn, name) for name in (alice, bob)]
    logins = {  # PAM makes each refusal wait ~3 s: try them while the servers start
        "right": Background(room.login, alice, room.users.passwords[alice]),
        "wrong": Background(room.login, alice, room.users.passwords[alice] + "x"),
        "unlisted": Background(room.login, room.outsider, room.users.passwords[room.outsider]),
        "other's": Background(room.login, bob, room.users.passwords[alice]),
    }
    for job in spawning:
        job.result()
    lap("servers")
    releasing.result()
    lap("release (rest of)")
    logins = {case: job.result() for case, job in logins.items()}

    lap("log-ins")
    # --- log-in: only listed users with their own password --------------------------------
    assert logins["right"][0] == 302, logins["right"]
    for case in ("wrong", "unlisted", "other's"):
        status, page = logins[case]
        assert status == 403 and "Invalid username or password" in page, (case, status, page[:300])

    # --- students fetch, work in their own server, submit ---------------------------------
    A, B = room.student(alice), room.student(bob)
    nb_path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    for student in (A, B):
        listed = student.fetch(course, ASSIGNMENT)
        assert listed["success"], listed
        assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "fetched" for a in listed["value"]), listed
    released = A.get_notebook(nb_path)
    text = json.dumps(released)
    assert "BEGIN HIDDEN TESTS" not in text and "_q3_expected" not in text, "hidden tests reached the students"
    assert "### BEGIN SOLUTION" not in text and "satisfaction.kano_table(kano)" not in text, "a solution reached them"

    lap("fetch")
    # A hands in a draft first (the notebook as fetched), then the real work
    first = A.submit(course, ASSIGNMENT)
    assert first["success"], first
    a_nb = _student_notebook(released, _solution_answers())
    A.put_notebook(nb_path, a_nb)
    kernel = A.start_kernel()
    ran = A.execute(kernel, [*_code_cells(a_nb), REPORT])
    assert all(r["error"] is None for r in ran), [r for r in ran if r["error"]]
    a_values = json.loads(ran[-1]["text"])
    A.stop_kernel(kernel)
    # the hub user's own variant: the numbers A sees are A's, computed with the class secret
    assert a_values.pop("student") == alice
    assert all(_same(g, a_values, expected[alice]) for g in POINTS), (a_values, expected[alice])
    second = A.submit(course, ASSIGNMENT)
    assert second["success"], second

    lap("A's work")
    # B types in the numbers A's notebook printed: B's visible tests pass all the same
    b_nb = _student_notebook(B.get_notebook(nb_path), {**_solution_answers(), **_pasted(a_values)})
    B.put_notebook(nb_path, b_nb)
    kernel = B.start_kernel()
    own_nps = "print(float(satisfaction.nps(surveys.loc[surveys['year'] == 2025, 'likelihood_to_recommend'])))"
    ran = B.execute(kernel, [*_code_cells(b_nb), REPORT, own_nps])
    assert all(r["error"] is None for r in ran), [r for r in ran if r["error"]]
    assert json.loads(ran[-2]["text"])["student"] == bob
    assert abs(float(ran[-1]["text"]) - expected[bob]["nps_2025"]) < 1e-6, "B's notebook loads B's own data"
    assert B.submit(course, ASSIGNMENT)["success"]

    lap("B's work")
    # --- access: what B can and cannot reach ---------------------------------------------
    a_subs = _submissions(room.inbound, alice)
    assert len(a_subs) == 2, "both of A's submissions are kept in the exchange"
    assert all(H.classroom_setup._mode(str(p)) & 0o007 == 0 for p in a_subs), "submissions must be private"
    teacher_home = Path(os.path.expanduser(f"~{teacher}"))
    probes = {
        "A's submission": str(a_subs[-1] / f"{ASSIGNMENT}.ipynb"),
        "the inbound folder": str(room.inbound),
        "A's notebook": os.path.expanduser(f"~{alice}/{nb_path}"),
        "the source notebook": str(room.course_dir / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
        "the gradebook": str(room.course_dir / "gradebook.db"),
        "the instructor's home": str(teacher_home),
        "B's own notebook": os.path.expanduser(f"~{bob}/{nb_path}"),
        "the released notebook": str(Path(s.exchange) / course / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
        "the course secret": s.secret_file,
        "the kit's source assignment": str(H.ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
        "the kit's answer tables": str(H.ROOT / "datasets" / "instructor" / "lifecycle_stages.csv"),
        "the kit's wrong-answer files": str(H.ROOT / "tests" / "assignment_answers" / f"{ASSIGNMENT}.py"),
        "the kit's lessons": str(H.ROOT / "notebooks" / "01_key_accounts.ipynb"),
    }
    probe = ("import json, os\nr = {}\n"
             f"for k, p in {probes!r}.items():\n"
             "    try:\n"
             "        r[k] = 'listed' if os.path.isdir(p) and os.listdir(p) is not None else len(open(p, 'rb').read())\n"
             "    except OSError as e:\n"
             "        r[k] = type(e).__name__\n"
             "r['secret in the environment'] = os.environ.get('KAMCOURSE_SECRET')\n"
             "print(json.dumps(r))")
    kernel = B.start_kernel()
    reach = json.loads(B.execute(kernel, [probe])[0]["text"])
    B.stop_kernel(kernel)
    assert not reach["secret in the environment"], "a student's server holds the course secret"
    for what in ("A's submission", "the inbound folder", "A's notebook", "the source notebook", "the gradebook",
                 "the instructor's home", "the course secret", "the kit's source assignment", "the kit's answer tables",
                 "the kit's wrong-answer files"):
        assert reach[what] == "PermissionError", f"B can read {what}: {reach}"
    for what in ("B's own notebook", "the released notebook", "the kit's lessons"):
        assert isinstance(reach[what], int) and reach[what] > 0, f"B cannot read {what}: {reach}"
    with pytest.raises(H.HTTPError) as denied:  # B's token on A's server
        H.http("GET", A.url(f"/api/contents/{nb_path}"), token=B.token)
    assert denied.value.status == 403
    with pytest.raises(H.HTTPError) as no_formgrader:  # students do not get the instructor's tools
        B.call("GET", "/formgrader")
    assert no_formgrader.value.status == 404
    page = H.http("GET", B.url("/lab"), token=B.token)[1]
    lab_config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= set(
        lab_config["disabledExtensions"]), lab_config["disabledExtensions"]

    lap("access")
    # --- a listed student without an account: the server cannot start, with a clear message ---
    before = sorted(p.name for p in room.inbound.iterdir())
    with pytest.raises(H.HTTPError) as failed:
        room.request_server(ghost)
    assert failed.value.status == 500 and "has no Unix account on this server" in failed.value.body
    assert not room.server_state(ghost)["exists"]
    assert sorted(p.name for p in room.inbound.iterdir()) == before, "nothing submitted was lost"
    assert room.server_state(alice)["ready"] and room.server_state(bob)["ready"], "the others' servers still run"
    lap("ghost")

    # --- the instructor collects: the latest submission of each student -------------------
    out = room.instructor_run("nbgrader", "collect", ASSIGNMENT)
    log = out.stdout + out.stderr
    assert f"Collecting submission: {alice} {ASSIGNMENT}" in log and f"Collecting submission: {bob} {ASSIGNMENT}" in log
    submitted = room.course_dir / "submitted"
    assert _timestamp(submitted / alice / ASSIGNMENT) == _timestamp(a_subs[-1]), "collect takes A's latest"

    lap("collect")
    # --- fault: the exchange loses its permissions; B's late submission is refused clearly ---
    before = sorted(p.name for p in room.inbound.iterdir())
    os.chmod(s.exchange, 0o755)
    os.chmod(room.inbound, 0o700)
    refused = B.submit(course, ASSIGNMENT)
    assert not refused["success"] and "Unwritable directory, please contact your instructor" in refused["value"]
    check_exchange = [sys.executable, str(H.CLASSROOM / "check_exchange"), "--config", str(room.root / "classroom.json")]
    found = subprocess.run(check_exchange, capture_output=True, text=True)
    assert found.returncode == 1, found.stdout
    assert f"{s.exchange} has mode 0755 (must be 1777)" in found.stdout, found.stdout
    assert f"{room.inbound} has mode 0700 (must be 2733)" in found.stdout, found.stdout
    fixed = subprocess.run([*check_exchange, "--fix"], capture_output=True, text=True)
    assert fixed.returncode == 0 and "2 fixed, 0 problem(s) left" in fixed.stdout, fixed.stdout
    assert subprocess.run(check_exchange, capture_output=True, text=True).returncode == 0
    assert sorted(p.name for p in room.inbound.iterdir()) == before, "nothing submitted was lost"

    lap("exchange fault")
    # --- a submission after collection: kept, not collected without --update ---------------
    b_late = _student_notebook(b_nb, {"q3_answer": _solution_answers()["q3_answer"]})
    B.put_notebook(nb_path, b_late)
    assert B.submit(course, ASSIGNMENT)["success"]
    b_subs = _submissions(room.inbound, bob)
    assert len(b_subs) == 2 and sorted(p.name for p in room.inbound.iterdir()) == sorted([*before, b_subs[-1].name])
    out = room.instructor_run("nbgrader", "collect", ASSIGNMENT)
    assert f"Submission already exists, use --update to update: {bob} {ASSIGNMENT}" in out.stdout + out.stderr
    assert _timestamp(submitted / bob / ASSIGNMENT) == _timestamp(b_subs[0]), "the collected submission is unchanged"

    lap("late submission + collect")
    # --- a hostile submission joins the batch: its first answer tries to get out of grading ----
    mallory = f"{room.prefix}mal"  # handed in through an LMS, say: a submission folder, no account
    listener = Listener()
    mark = f"kc-hostile-{os.getpid()}-{time.time_ns()}"
    a_submitted = submitted / alice / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    targets = {"course": str(room.course_dir), "classmate": str(a_submitted),
               "gradebook": str(room.course_dir / "gradebook.db"), "secret": s.secret_file,
               "source": str(room.course_dir / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
               "home": str(teacher_home), "port": listener.port}
    answers = _solution_answers()
    hostile_nb = _student_notebook(released, {**answers, "q1_answer": hostile_answer(targets, mark, answers["q1_answer"])})
    folder = submitted / mallory / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(hostile_nb))
    (folder / "timestamp.txt").write_text("2026-01-05 10:00:00.000000 UTC")
    entry = __import__("pwd").getpwnam(teacher)
    for path in (folder.parent, folder, *folder.iterdir()):
        os.chown(path, entry.pw_uid, entry.pw_gid)
    kept = {"classmate": a_submitted.read_bytes(), "course": sorted(p.name for p in room.course_dir.iterdir())}

    # --- grading (as each submission's owner: per-student data, in the sandbox, as the instructor) and export
    try:
        out = room.instructor_run("kamcourse", "grade", ASSIGNMENT, "--jobs", "2", "--no-progress").stdout
        lap("grade")
        assert "kernels sandboxed with bubblewrap" in out and "as user" not in out, out
        accepted = listener.close()
        report = hostile_report(room.course_dir / "autograded" / mallory / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
        assert [k for k, v in report.items() if v == "done"] == [], report
        # the nine things of issue 14, each checked on the host
        assert sorted(p.name for p in room.course_dir.iterdir()) == sorted({*kept["course"], "autograded", "reports"})
        assert a_submitted.read_bytes() == kept["classmate"], "the classmate's submission was changed"
        assert mark.encode() not in (room.course_dir / "gradebook.db").read_bytes(), "the gradebook was appended to"
        assert not list(Path("/tmp").glob(f"{mark}-*")), "a notebook, the gradebook or the secret reached /tmp"
        assert accepted == 0, "a TCP connection to the host's 127.0.0.1 was opened"
        assert report["secret in the environment"] is None
        printed = (room.course_dir / "autograded" / mallory / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
        assert room.secret not in printed and "[key hidden]" in printed, "the owner's key is hidden, the secret absent"
        room.instructor_run("kamcourse", "feedback", ASSIGNMENT, "--student", mallory)
        page = (room.course_dir / "feedback" / mallory / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        from kamcourse.data.variants import student_key

        assert room.secret not in page and student_key(mallory, room.secret) not in page
        assert not processes_with(mark), "a process the submission started outlived grading"
    finally:
        listener.close()
        clean_up_hostile(mark)
    room.instructor_run("kamcourse", "export", ASSIGNMENT, "--format", "csv")
    with open(room.course_dir / "reports" / f"{ASSIGNMENT}-csv.csv", encoding="utf-8") as fh:
        grades = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(grades) == {alice, bob, mallory}, grades
    assert float(grades[alice]["score"]) == AUTOGRADED, (grades[alice], out)  # A keeps full marks
    assert float(grades[bob]["score"]) == bob_expected, (grades[bob], same_for_bob, out)
    assert float(grades[alice]["max_score"]) == AUTOGRADED + 3  # + the written answer, graded by hand

    lap("export")
    # the late submission is taken only when the instructor asks for it
    out = room.instructor_run("nbgrader", "collect", "--update", ASSIGNMENT)
    assert f"Updating submission: {bob} {ASSIGNMENT}" in out.stdout + out.stderr
    assert _timestamp(submitted / bob / ASSIGNMENT) == _timestamp(b_subs[-1])
    assert len(list(room.inbound.iterdir())) == len(before) + 1, "the exchange still holds every submission"

    lap("collect --update")
    # --- stop: the hub stops the proxy and the servers ------------------------------------
    server_pids = [pid for name in (alice, bob) for pid in H.pids_of(__import__("pwd").getpwnam(name).pw_uid)]
    assert server_pids, "the students' servers run as the students"
    room.started_pids += server_pids
    room.stop_hub()
    H.wait_for(lambda: not any(H.alive(p) for p in room.started_pids), 30, "the hub, proxy and servers to stop")
    lap("stop")
    room.timings["total"] = round(time.monotonic() - t0, 1)
    print("classroom timings (s):", room.timings)


@pytest.mark.security
@pytest.mark.classroom
def test_check_exchange_closes_a_submission_left_readable_by_all() -> None:
    """A submission made with plain nbgrader (folder 0777, files 0644) is closed, its content untouched."""
    with H.reachable():
        reason = H.skip_reason()
        if reason:
            pytest.skip(reason)
        _check_exchange_closes_a_submission()


def _check_exchange_closes_a_submission() -> None:
    with H.Classroom(students=2) as room:
        room.setup()
        student, other = room.students
        entry = __import__("pwd").getpwnam(student)
        folder = room.inbound / f"{student}+{ASSIGNMENT}+2026-01-05 10:00:00.000000 UTC+abc"
        folder.mkdir()
        (folder / "answer.ipynb").write_text("{}")
        for p in (folder, folder / "answer.ipynb"):
            os.chown(p, entry.pw_uid, entry.pw_gid)  # the student's own group: the instructor cannot read it
        os.chmod(folder / "answer.ipynb", 0o644)
        os.chmod(folder, 0o777)
        readable = H.run_as(other, ["cat", str(folder / "answer.ipynb")], check=False)
        assert readable.stdout == "{}", "nbgrader's default modes let anyone who knows the name read it"
        tool = [sys.executable, str(H.CLASSROOM / "check_exchange"), "--config", str(room.root / "classroom.json")]
        found = subprocess.run(tool, capture_output=True, text=True)
        assert found.returncode == 1 and f"submission {folder.name} is readable by other students" in found.stdout
        fixed = subprocess.run([*tool, "--fix"], capture_output=True, text=True)
        assert fixed.returncode == 0 and "1 fixed, 0 problem(s) left" in fixed.stdout, fixed.stdout
        teacher_gid = __import__("pwd").getpwnam(room.instructor).pw_gid
        assert (H.classroom_setup._mode(str(folder)), folder.stat().st_gid) == (0o770, teacher_gid)
        assert H.classroom_setup._mode(str(folder / "answer.ipynb")) == 0o640
        assert (folder / "answer.ipynb").read_text() == "{}" and folder.stat().st_uid == entry.pw_uid
        assert H.run_as(student, ["cat", str(folder / "answer.ipynb")]).stdout == "{}", "the owner still can"
        denied = H.run_as(other, ["cat", str(folder / "answer.ipynb")], check=False)
        assert denied.returncode != 0 and "Permission denied" in denied.stderr, "another student cannot read it"
        assert subprocess.run(tool, capture_output=True, text=True).returncode == 0

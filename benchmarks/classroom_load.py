"""Classroom load: a whole class fetching and submitting at once through JupyterHub.

The same set-up as tests/test_classroom.py (``classroom/classroom.py setup``,
JupyterHub with its proxy on loopback ports, local Unix users), with N students
(default 30): every student's server is started through the hub's REST API at
once; then all students, released together by a barrier, fetch the assignment,
save their answers and submit; the instructor collects, grades with
``kamcourse grade`` and exports. The script checks that every submission was
collected and graded (none lost) and prints the times. Needs root (it creates
and removes the Unix users); elsewhere it says so and exits 0.

    .venv/bin/python benchmarks/classroom_load.py [--students 30] [--jobs 2] [--assignment a07_satisfaction]
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import classroom_helpers as H  # noqa: E402
import nbformat  # noqa: E402
from roundtrip import meta, solution_source  # noqa: E402


def _stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"median {statistics.median(values):5.2f} s, p95 {p95:5.2f} s, max {values[-1]:5.2f} s"


def _rss_mb(uids: list[int]) -> float:
    total = 0
    for uid in uids:
        for pid in H.pids_of(uid):
            try:
                with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
                    total += next(int(l.split()[1]) for l in fh if l.startswith("VmRSS:"))
            except (OSError, StopIteration, ValueError):
                pass
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    with H.reachable():  # a clone in a private folder: the class's users may enter (not list) the folders above it
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2, help="kamcourse grade workers (default 2)")
    parser.add_argument("--assignment", default="a07_satisfaction")
    args = parser.parse_args(argv)
    reason = H.skip_reason()
    if reason:
        print(f"classroom load benchmark skipped: {reason}")
        return 0
    assignment, n = args.assignment, args.students
    source = nbformat.read(ROOT / "assignments" / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {meta(c)["grade_id"]: solution_source(c) for c in source.cells if meta(c).get("solution")}
    nb_path = f"{assignment}/{assignment}.ipynb"
    times: dict[str, float] = {}

    def timed(name, fn, *a):
        t = time.monotonic()
        value = fn(*a)
        times[name] = time.monotonic() - t
        return value

    with H.Classroom(students=n, assignments=(assignment,), tag="l") as room:
        import pwd

        timed("users + set-up", room.setup)
        s = room.settings
        course = s.course_id
        timed("hub start", room.start_hub)
        room.instructor_run("kamcourse", "release", assignment)
        room.instructor_run("nbgrader", "release_assignment", assignment)

        # every server at once, through the REST API
        spawn_times: dict[str, float] = {}

        def spawn(name):
            t = time.monotonic()
            room.request_server(name)
            room.wait_server(name, timeout=300)
            spawn_times[name] = time.monotonic() - t

        t = time.monotonic()
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(spawn, room.students))
        times["start all servers"] = time.monotonic() - t
        rss = _rss_mb([pwd.getpwnam(x).pw_uid for x in room.students])
        clients = {name: room.student(name) for name in room.students}

        # everybody fetches, saves and submits at the same moment
        barrier = threading.Barrier(n)
        ops: dict[str, list[float]] = {"fetch": [], "save": [], "submit": []}
        failures: list[str] = []

        def work(name):
            st = clients[name]
            barrier.wait()
            try:
                t = time.monotonic()
                listed = st.fetch(course, assignment)
                ops["fetch"].append(time.monotonic() - t)
                assert listed["success"], listed
                nb = st.get_notebook(nb_path)
                for cell in nb["cells"]:
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    if gid in answers:
                        cell["source"] = answers[gid]
                t = time.monotonic()
                st.put_notebook(nb_path, nb)
                ops["save"].append(time.monotonic() - t)
                t = time.monotonic()
                result = st.submit(course, assignment)
                ops["submit"].append(time.monotonic() - t)
                assert result["success"], result
            except Exception as exc:  # noqa: BLE001 - counted below
                failures.append(f"{name}: {exc}")

        t = time.monotonic()
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(work, room.students))
        times["fetch + save + submit (all at once)"] = time.monotonic() - t
        inbound = sorted(p.name for p in room.inbound.iterdir())

        out = timed("collect", room.instructor_run, "nbgrader", "collect", assignment)
        collected = sorted(p.parent.name for p in (room.course_dir / "submitted").glob(f"*/{assignment}"))
        timed("grade", room.instructor_run, "kamcourse", "grade", assignment, "--jobs", str(args.jobs),
              "--no-progress")
        timed("export", room.instructor_run, "kamcourse", "export", assignment, "--format", "csv")
        with open(room.course_dir / "reports" / f"{assignment}-csv.csv", encoding="utf-8") as fh:
            grades = {r["student_id"]: float(r["score"]) for r in csv.DictReader(fh)}
        with open(room.course_dir / "reports" / f"{assignment}-grades.csv", encoding="utf-8") as fh:
            statuses = {r["student"]: r["status"] for r in csv.DictReader(fh)}
        timed("stop hub + servers", room.stop_hub)

    print(f"classroom load: {n} students, assignment {assignment}, {args.jobs} grading worker(s), "
          f"{os.cpu_count()} cores")
    for name, value in times.items():
        print(f"  {name:<38} {value:7.1f} s")
    print(f"  per server start                       {_stats(list(spawn_times.values()))}")
    for op, values in ops.items():
        if values:
            print(f"  per {op:<34} {_stats(values)}")
    print(f"  memory of {n} idle servers              {rss:7.0f} MB ({rss / n:.0f} MB each)")
    graded_ok = [x for x in room.students if statuses.get(x) == "graded"]
    scores = collections.Counter(grades.get(x) for x in room.students)
    print(f"  submissions: {len(inbound)} in the exchange, {len(collected)} collected, {len(graded_ok)} graded; "
          f"scores: {', '.join(f'{k:g} x{v}' for k, v in sorted(scores.items(), key=lambda kv: -(kv[0] or 0)))}")
    lost = sorted(set(room.students) - set(collected))
    problems = failures + [f"not collected: {lost}"] * bool(lost)
    problems += [f"not graded: {sorted(set(room.students) - set(graded_ok))}"] * (len(graded_ok) != n)
    problems += [f"{len(inbound)} submissions in the exchange, expected {n}"] * (len(inbound) != n)
    if problems:
        print("FAILED: " + "; ".join(problems))
        print(out.stdout[-2000:], out.stderr[-2000:])
        return 1
    print(f"none lost: all {n} submissions collected and graded")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Grading speed: `kamcourse grade --jobs 2` against plain sequential `nbgrader autograde`.

Issue 6 target: 40 submissions of a typical assignment graded with ``--jobs 2``
in at most 0.5x the wall time of ``nbgrader autograde`` on the same 40. Also
prints the per-submission overhead over a bare nbclient execution of the same
notebook. Every number is measured in this run, on copies of one scratch course.

    python benchmarks/grading.py [--assignment NAME] [--n 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402
from roundtrip import build_submission, make_course  # noqa: E402


def _course_with_submissions(assignment: str, n: int, where: Path) -> Path:
    course = make_course(assignment, where)
    for i in range(n):
        folder = where / "submitted" / f"student{i:03d}" / assignment
        folder.mkdir(parents=True)
        for other in (where / "release" / assignment).iterdir():
            if other.is_file() and other.suffix != ".ipynb":
                shutil.copy(other, folder / other.name)
        for name, nb in build_submission(course, "solution").items():
            nbformat.write(nb, folder / name)
    return where


def _nbgrader_autograde(course: Path, assignment: str) -> float:
    exe = Path(sys.executable).with_name("nbgrader")
    env = dict(os.environ, PATH=f"{exe.parent}{os.pathsep}{os.environ['PATH']}", PYTHONWARNINGS="ignore")
    start = time.perf_counter()
    subprocess.run([str(exe), "autograde", assignment, "--force"], cwd=course, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _kamcourse_grade(course: Path, assignment: str, jobs: int, per_student: bool) -> float:
    from kamcourse.instructor import Course, grade

    start = time.perf_counter()
    rows = grade(assignment, course=Course(course), jobs=jobs, progress=False, out=io.StringIO(),
                 per_student_data=per_student)
    elapsed = time.perf_counter() - start
    bad = [r for r in rows if r.status != "graded"]
    if bad:
        raise SystemExit(f"kamcourse grade failed on {len(bad)} submissions: {bad[0]}")
    return elapsed


def _bare_nbclient(course: Path, assignment: str, n: int) -> float:
    from nbclient import NotebookClient

    paths = sorted((course / "submitted").glob(f"*/{assignment}/*.ipynb"))[:n]
    start = time.perf_counter()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="a01_key_accounts")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    assignment = args.assignment if (ROOT / "assignments" / args.assignment).is_dir() else "a00_getting_started"
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # grading kernels (user nobody when run as root) read the data variants here
        base = _course_with_submissions(assignment, args.n, Path(tmp) / "base")
        a, b, c = Path(tmp) / "nbgrader", Path(tmp) / "kamcourse", Path(tmp) / "kamcourse-variants"
        for folder in (a, b, c):
            shutil.copytree(base, folder)
        os.environ["KAMCOURSE_VARIANT_CACHE"] = str(Path(tmp) / "variants")
        t_nbgrader = _nbgrader_autograde(a, assignment)
        t_kit = _kamcourse_grade(b, assignment, args.jobs, per_student=False)
        t_variants = _kamcourse_grade(c, assignment, args.jobs, per_student=True)
        t_bare = _bare_nbclient(base, assignment, args.n)
    n = args.n
    print(f"assignment {assignment}, {n} submissions, {os.cpu_count()} cores")
    print(f"nbgrader autograde (sequential)      {t_nbgrader:7.1f} s   {t_nbgrader / n:5.2f} s/submission")
    print(f"kamcourse grade --jobs {args.jobs} --same-data {t_kit:7.1f} s   {t_kit / n:5.2f} s/submission"
          "   (same data for all, as nbgrader)")
    print(f"kamcourse grade --jobs {args.jobs}             {t_variants:7.1f} s   {t_variants / n:5.2f} s/submission"
          "   (each student's own data variant, generated during grading)")
    print(f"bare nbclient execution (1 process)  {t_bare:7.1f} s   {t_bare / n:5.2f} s/submission")
    print(f"ratio kamcourse / nbgrader wall time: {t_kit / t_nbgrader:.2f}  (target <= 0.50; same data)")
    print(f"ratio with per-student data variants: {t_variants / t_nbgrader:.2f}  (includes generating 40 variants)")
    print(f"per-submission overhead over bare nbclient: nbgrader {(t_nbgrader - t_bare) / n:+.2f} s, "
          f"kamcourse (x{args.jobs} workers, wall) {(t_kit * args.jobs - t_bare) / n:+.2f} s of worker time")


if __name__ == "__main__":
    main()

"""Grading speed: `kamcourse grade --jobs 2` against sequential `nbgrader autograde`, idle and under load.

Issue 14 target: 40 submissions with per-student data graded by
``kamcourse grade`` (sandboxed kernels, checks outside the kernel, each
student's own data variant) in at most 0.5x the wall time of plain
``nbgrader autograde`` on the same 40 submissions, both on an otherwise idle
machine and with a competing CPU load (a second process spinning on one core,
started by this script). Every number is measured in this run, on fresh copies
of one scratch course; the variant cache starts empty, so generating the 40
students' variants is part of kamcourse's time (nbgrader runs everyone on the
public data: it has no per-student data to generate). The load average before
each run is printed: on a shared machine "idle" is only as idle as the
machine was.

    python benchmarks/grading.py [--assignment NAME] [--n 40] [--jobs 2] [--conditions idle,load]
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

from roundtrip import make_course, write_submissions  # noqa: E402


def _nbgrader_autograde(course: Path, assignment: str) -> float:
    exe = Path(sys.executable).with_name("nbgrader")
    env = dict(os.environ, PATH=f"{exe.parent}{os.pathsep}{os.environ['PATH']}", PYTHONWARNINGS="ignore")
    start = time.perf_counter()
    subprocess.run([str(exe), "autograde", assignment, "--force"], cwd=course, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _kamcourse_grade(course: Path, assignment: str, jobs: int, cache: Path) -> float:
    from kamcourse.data.variants import _variant_frames
    from kamcourse.instructor import Course, grade
    from kamcourse.instructor.grade import close_workers

    os.environ["KAMCOURSE_VARIANT_CACHE"] = str(cache)
    _variant_frames.cache_clear()
    close_workers()  # every run starts its workers from nothing, as `kamcourse grade` does
    start = time.perf_counter()
    rows = grade(assignment, course=Course(course), jobs=jobs, progress=False, out=io.StringIO())
    elapsed = time.perf_counter() - start
    bad = [r for r in rows if r.status != "graded" or r.verdicts and not all(v["passed"] for v in r.verdicts)]
    if bad:
        raise SystemExit(f"kamcourse grade failed on {len(bad)} submissions: {bad[0]}")
    return elapsed


def _spinner() -> subprocess.Popen:
    """A competing CPU load: one process spinning on one core."""
    return subprocess.Popen([sys.executable, "-c", "while True:\n    pass"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="a01_key_accounts")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--conditions", default="idle,load", help="comma-separated: idle, load")
    args = parser.parse_args()
    os.environ.setdefault("KAMCOURSE_SECRET", "benchmark-secret")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        course = make_course(args.assignment, base)
        write_submissions(course, {f"student{i:03d}": "solution" for i in range(args.n)})
        results = {}
        for condition in args.conditions.split(","):
            load1 = os.getloadavg()[0]
            spinner = _spinner() if condition == "load" else None
            try:
                a, b = Path(tmp) / f"nbgrader-{condition}", Path(tmp) / f"kamcourse-{condition}"
                for folder in (a, b):
                    shutil.copytree(base, folder)
                t_nbgrader = _nbgrader_autograde(a, args.assignment)
                load_kit = os.getloadavg()[0]
                t_kit = _kamcourse_grade(b, args.assignment, args.jobs, Path(tmp) / f"variants-{condition}")
            finally:
                if spinner is not None:
                    spinner.kill()
                    spinner.wait()
            results[condition] = (t_nbgrader, t_kit, load1, load_kit)
    n = args.n
    print(f"assignment {args.assignment}, {n} submissions with per-student data, {os.cpu_count()} cores, "
          f"kamcourse grade --jobs {args.jobs} (sandboxed kernels, variants generated during grading)")
    for condition, (t_nbgrader, t_kit, load1, load_kit) in results.items():
        what = "idle (no load added)" if condition == "idle" else "with a competing CPU load (1 core spinning)"
        # the two runs follow each other: a load that changes in between makes the ratio unfair, so show both
        print(f"\n{what}; 1-minute load average before nbgrader {load1:.2f}, before kamcourse {load_kit:.2f}")
        print(f"  nbgrader autograde (sequential)  {t_nbgrader:7.1f} s   {t_nbgrader / n:5.2f} s/submission")
        print(f"  kamcourse grade --jobs {args.jobs}         {t_kit:7.1f} s   {t_kit / n:5.2f} s/submission")
        print(f"  ratio kamcourse / nbgrader ({condition}): {t_kit / t_nbgrader:.2f}  (target <= 0.50)")


if __name__ == "__main__":
    main()

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
machine was. Wall time is noisy on a shared machine, so each run's CPU
time is printed too: the CPU seconds of every process the run started. Run as
root on Linux, the script puts itself in a cgroup of its own (cgroup v2) and
reads its ``cpu.stat``, which counts everything, the sandboxes killed at the
end of each submission included (the competing load is kept out of it);
elsewhere ``getrusage(RUSAGE_CHILDREN)``, which misses the processes that
were never waited for (kamcourse's sandboxed kernels: its CPU is then too low).

    python benchmarks/grading.py [--assignment NAME] [--n 40] [--jobs 2] [--conditions idle,load]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from roundtrip import make_course, write_submissions  # noqa: E402


class CPU:
    """CPU seconds used so far by this process and everything it started (see the module docstring)."""

    def __init__(self) -> None:
        lines = Path("/proc/self/cgroup").read_text().splitlines() if Path("/proc/self/cgroup").exists() else []
        self.home = next((line[3:] for line in lines if line.startswith("0::")), "/")
        self.root = next((r for r in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified"))
                          if (r / "cgroup.controllers").exists()), None)
        self.group = None
        if self.root is not None and os.geteuid() == 0:
            group = self.root / self.home.lstrip("/") / f"kamcourse-benchmark-{os.getpid()}"
            try:
                group.mkdir()
                (group / "cgroup.procs").write_text(str(os.getpid()))
                self.group = group
            except OSError:
                if group.is_dir():
                    group.rmdir()
        self.how = ("cgroup cpu.stat: every process, killed ones included" if self.group else
                    "getrusage: processes never waited for (kamcourse's killed sandboxes) are NOT counted")

    def seconds(self) -> float:
        if self.group:
            stat = dict(line.split() for line in (self.group / "cpu.stat").read_text().splitlines())
            return int(stat["usage_usec"]) / 1e6
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def leave(self, pid: int) -> None:
        """Keep process ``pid`` (the competing load) out of the count."""
        if self.group:
            (self.root / self.home.lstrip("/") / "cgroup.procs").write_text(str(pid))

    def close(self) -> None:
        if self.group:
            self.leave(os.getpid())
            try:
                self.group.rmdir()
            except OSError:  # a process of the runs is still ending; the empty cgroup is removed with it
                pass


def _nbgrader_autograde(course: Path, assignment: str, cpu: CPU) -> tuple[float, float]:
    """Wall and CPU seconds of one sequential ``nbgrader autograde`` over every submission."""
    exe = Path(sys.executable).with_name("nbgrader")
    env = dict(os.environ, PATH=f"{exe.parent}{os.pathsep}{os.environ['PATH']}", PYTHONWARNINGS="ignore")
    cpu0, start = cpu.seconds(), time.perf_counter()
    subprocess.run([str(exe), "autograde", assignment, "--force"], cwd=course, check=True, capture_output=True, env=env)
    return time.perf_counter() - start, cpu.seconds() - cpu0


def _kamcourse_grade(course: Path, assignment: str, jobs: int, cache: Path, cpu: CPU,
                     fork_server: bool) -> tuple[float, float]:
    """Wall and CPU seconds of ``kamcourse grade`` (its workers are stopped and counted before the CPU is read)."""
    from kamcourse.data.variants import _variant_frames
    from kamcourse.instructor import Course, grade
    from kamcourse.instructor.grading import close_workers

    os.environ["KAMCOURSE_VARIANT_CACHE"] = str(cache)
    _variant_frames.cache_clear()
    close_workers()  # every run starts its workers from nothing, as `kamcourse grade` does
    cpu0, start = cpu.seconds(), time.perf_counter()
    rows = grade(assignment, course=Course(course), jobs=jobs, fork_server=fork_server, progress=False,
                 out=io.StringIO())
    elapsed = time.perf_counter() - start
    close_workers()  # waited for, so that getrusage counts them too
    used = cpu.seconds() - cpu0
    bad = [r for r in rows if r.status != "graded" or r.verdicts and not all(v["passed"] for v in r.verdicts)]
    if bad:
        raise SystemExit(f"kamcourse grade failed on {len(bad)} submissions: {bad[0]}")
    return elapsed, used


def _spinner() -> subprocess.Popen:
    """A competing CPU load: one process spinning on one core."""
    return subprocess.Popen([sys.executable, "-c", "while True:\n    pass"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="a01_key_accounts")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--conditions", default="idle,load", help="comma-separated: idle, load")
    parser.add_argument("--fork-server", default="both", choices=("on", "off", "both"),
                        help="kamcourse grade with its fork server, without it (each kernel started anew), or both")
    args = parser.parse_args()
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.fork_server]
    os.environ.setdefault("KAMCOURSE_SECRET", "benchmark-secret")
    cpu = CPU()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        course = make_course(args.assignment, base)
        write_submissions(course, {f"student{i:03d}": "solution" for i in range(args.n)})
        results = {}
        for condition in args.conditions.split(","):
            load1 = os.getloadavg()[0]
            spinner = _spinner() if condition == "load" else None
            if spinner is not None:
                cpu.leave(spinner.pid)
            try:
                a = Path(tmp) / f"nbgrader-{condition}"
                shutil.copytree(base, a)
                t_nbgrader, cpu_nbgrader = _nbgrader_autograde(a, args.assignment, cpu)
                load_kit = os.getloadavg()[0]
                kits = {}
                for fork in modes:  # each from nothing: its own copy, its own empty variant cache
                    b = Path(tmp) / f"kamcourse-{condition}-{fork}"
                    shutil.copytree(base, b)
                    kits[fork] = _kamcourse_grade(b, args.assignment, args.jobs,
                                                  Path(tmp) / f"variants-{condition}-{fork}", cpu, fork)
                load_end = os.getloadavg()[0]
            finally:
                if spinner is not None:
                    spinner.kill()
                    spinner.wait()
            results[condition] = (t_nbgrader, cpu_nbgrader, kits, (load1, load_kit, load_end))
    cpu.close()
    n = args.n
    print(f"CPU time measured by {cpu.how}")
    print(f"assignment {args.assignment}, {n} submissions with per-student data, {os.cpu_count()} cores, "
          f"kamcourse grade --jobs {args.jobs} (sandboxed kernels, variants generated during grading)")
    for condition, (t_nbgrader, cpu_nbgrader, kits, loads) in results.items():
        what = "idle (no load added)" if condition == "idle" else "with a competing CPU load (1 core spinning)"
        # the runs follow each other: a load that changes in between makes the ratio unfair, so show it
        print(f"\n{what}; 1-minute load average before nbgrader {loads[0]:.2f}, before kamcourse {loads[1]:.2f}, "
              f"after {loads[2]:.2f}")
        rows = [("nbgrader autograde (sequential)", t_nbgrader, cpu_nbgrader)]
        rows += [(f"kamcourse grade --jobs {args.jobs}" + ("" if fork else " --no-fork-server"), *kits[fork])
                 for fork in kits]
        for label, wall, cpu in rows:
            print(f"  {label:<48} wall {wall:6.1f} s ({wall / n:4.2f} s/submission)   "
                  f"CPU {cpu:6.1f} s ({cpu / n:4.2f} s/submission)")
        for fork, (t_kit, cpu_kit) in kits.items():
            print(f"  ratio kamcourse{'' if fork else ' --no-fork-server'} / nbgrader ({condition}): "
                  f"wall {t_kit / t_nbgrader:.2f} (target <= 0.50), CPU {cpu_kit / cpu_nbgrader:.2f}")

if __name__ == "__main__":
    main()

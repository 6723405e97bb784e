"""How long a lesson takes to run from a fresh kernel, against its goal (prints the ratio).

Goal (issue 18): lesson 14 (customer data mining) runs in under 20 s on 2 cores. The script runs the
lesson as a student's "Restart and Run All" would: a fresh kernel, every cell in order, the kernel
shut down at the end. The client is the one the notebook tests and the site use
(``website/execute.py``: kernel messages read in slices, since a missed pyzmq wake-up can otherwise
stall ``jupyter nbconvert --execute`` for good), with a time limit per cell. It prints

- the wall time, which a busy neighbour on a shared machine inflates;
- the CPU time of this process and the finished kernel together (user + system): the lesson is
  mostly single-threaded, so on an idle machine the wall time is close to it;
- the load average before and after, so a reader can tell the two apart.

    python benchmarks/lesson_time.py                       # lesson 14, three runs, best kept
    python benchmarks/lesson_time.py 11_customer_information --runs 1

Not a test: read the ratios (the same convention as the other scripts in this folder).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"14_data_mining": 20.0}
CELL_TIMEOUT = 180  # seconds per cell, as in tests/test_notebooks.py


def _cpu() -> float:
    """User + system seconds of this process and of its finished children (the kernels)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_once(notebook: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one execution of ``notebook`` in a fresh kernel."""
    import nbformat

    if str(ROOT / "website") not in sys.path:
        sys.path.insert(0, str(ROOT / "website"))
    from execute import sliced_wait_client

    nb = nbformat.read(notebook, as_version=4)
    cpu, start = _cpu(), time.perf_counter()
    client = sliced_wait_client()(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                  resources={"metadata": {"path": str(notebook.parent)}})
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up warnings
    return time.perf_counter() - start, _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", default="14_data_mining", help="notebook name in notebooks/, without .ipynb")
    parser.add_argument("--runs", type=int, default=3, help="runs; the best wall and the best CPU time are kept")
    parser.add_argument("--goal", type=float, default=None, help="goal in seconds (default: the issue's, or 20)")
    args = parser.parse_args(argv)
    notebook = ROOT / "notebooks" / f"{args.lesson}.ipynb"
    if not notebook.exists():
        parser.error(f"no lesson {notebook.relative_to(ROOT)}")
    goal = args.goal if args.goal is not None else GOALS.get(args.lesson, 20.0)
    load_before = os.getloadavg()
    walls, cpus = [], []
    for _ in range(max(1, args.runs)):
        wall, cpu = run_once(notebook)
        walls.append(wall)
        cpus.append(cpu)
    load_after = os.getloadavg()
    print(f"lesson {args.lesson}: {len(walls)} run(s) from a fresh kernel, best kept; goal {goal:.0f} s on 2 cores")
    print(f"  machine: {os.cpu_count()} cores, load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"  wall time : {min(walls):6.1f} s   ratio to goal {min(walls) / goal:4.2f}  (all runs: "
          + ", ".join(f"{w:.1f}" for w in walls) + ")")
    print(f"  CPU time  : {min(cpus):6.1f} s   ratio to goal {min(cpus) / goal:4.2f}  (client and kernel, user + system)")
    print(f"ratio: wall time / {goal:.0f} s goal = {min(walls) / goal:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

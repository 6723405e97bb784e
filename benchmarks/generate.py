"""Time the company's data generator and the import of kamcourse.data.

Prints seconds and the ratio to the targets: generate() with the defaults in
under 10 s (the ratio is time / 10 s, below 1 is good), and an import that
stays cheap (no scipy or matplotlib).

Run: .venv/bin/python benchmarks/generate.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

GENERATE_TARGET_S = 10.0
IMPORT_TARGET_S = 2.0


def time_import(repeats: int = 3) -> float:
    """Median wall time of ``import kamcourse.data`` in a fresh interpreter (start-up subtracted)."""
    code = "import time; t = time.perf_counter(); import kamcourse.data; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(repeats)]
    return statistics.median(runs)


def time_generate(repeats: int = 3) -> float:
    from kamcourse import data

    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        data.generate()
        runs.append(time.perf_counter() - t)
    return min(runs)


def main() -> int:
    imp = time_import()
    print(f"import kamcourse.data        {imp:6.3f} s   ratio to {IMPORT_TARGET_S:g} s target: {imp / IMPORT_TARGET_S:.3f}")
    gen = time_generate()
    print(f"generate() (300 customers)  {gen:6.3f} s   ratio to {GENERATE_TARGET_S:g} s target: {gen / GENERATE_TARGET_S:.3f}")
    return 0 if gen < GENERATE_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())

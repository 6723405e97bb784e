"""How much `import kamcourse` (and its concept modules) adds to a bare interpreter start.

Target (issue 2): at most 0.25 s over `python -c pass`. Prints the medians of
several runs and the ratio to the target.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
TARGET = 0.25
MODULES = ["kamcourse", "kamcourse.i18n", "kamcourse.data"] + [
    f"kamcourse.{m}"
    for m in ("accounts", "economics", "relationship", "value", "lifecycle", "clv", "satisfaction", "loyalty", "development")
]


def _time(code: str) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    bare = _time("pass")
    importable = []
    for m in MODULES:
        try:
            __import__(m)
            importable.append(m)
        except ModuleNotFoundError:
            pass
    only_pkg = _time("import kamcourse")
    pandas = _time("import pandas")
    everything = _time("import " + ", ".join(importable))
    print(f"bare interpreter start              {bare:.3f} s")
    print(f"import kamcourse                    +{only_pkg - bare:.3f} s")
    print(f"import pandas (for comparison)      +{pandas - bare:.3f} s")
    print(f"import all concept modules          +{everything - bare:.3f} s  ({len(importable)} modules, incl. pandas)")
    print(f"  of which beyond pandas            +{everything - pandas:.3f} s")
    print(f"ratio of `import kamcourse` to the 0.25 s target: {(only_pkg - bare) / TARGET:.2f}")
    print(f"ratio of all concept modules beyond pandas to the target: {(everything - pandas) / TARGET:.2f}")


if __name__ == "__main__":
    main()

"""Timing of the lift and gains functions against a bare numpy sort-and-cumsum (prints ratios).

On 1,000,000 scored customers (8% churners, continuous scores, so no ties):

- the peer: ``np.argsort(-score)``, ``np.cumsum(y[order])`` and the ten decile counts read off it,
  with lift and cumulative gains from those counts (what a student would write by hand);
- ``kamcourse.mining.gains_table`` (the same table, with the input checks and the tie handling);
- ``kamcourse.mining.cumulative_gains`` (101 points of the curve) and ``gini_coefficient``.

Target: ``gains_table`` within 1.5x the peer. Both are timed alternately, best of REPEATS, so a busy
neighbour on a shared machine slows both; the load average is printed with the ratios.

Run: ``.venv/bin/python benchmarks/lift.py`` (or ``make bench``). Not a test: read the ratios.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pandas as pd

from kamcourse.mining import cumulative_gains, gains_table, gini_coefficient

N = 1_000_000
REPEATS = 15  # best of many: on a shared machine a few runs can all land in a busy neighbour's burst


def scored_rows(n: int = N, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.08).astype(np.int8)
    score = 1.0 / (1.0 + np.exp(-(rng.normal(0.0, 1.0, n) + 1.5 * y - 2.5)))
    return y, score


def numpy_deciles(y: np.ndarray, score: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """The peer: one sort, one cumsum, the decile counts and their lift and gains."""
    order = np.argsort(-score)
    found = np.cumsum(y[order])
    n, total = len(y), found[-1]
    edges = np.floor(np.arange(1, bins + 1) * n / bins + 0.5).astype(np.int64)
    cum = found[edges - 1]
    churners = np.diff(np.concatenate(([0], cum)))
    customers = np.diff(np.concatenate(([0], edges)))
    return pd.DataFrame({"lift": churners / customers / (total / n), "cum_gains": cum / total})


def main() -> int:
    y, score = scored_rows()
    kit_table = gains_table(y, score)
    peer = numpy_deciles(y, score)
    np.testing.assert_allclose(kit_table["lift"].to_numpy(), peer["lift"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(kit_table["cum_gains"].to_numpy(), peer["cum_gains"].to_numpy(), rtol=1e-12)

    times: dict[str, list[float]] = {"numpy": [], "gains_table": [], "cumulative_gains": [], "gini": []}
    calls = {"numpy": lambda: numpy_deciles(y, score), "gains_table": lambda: gains_table(y, score),
             "cumulative_gains": lambda: cumulative_gains(y, score), "gini": lambda: gini_coefficient(y, score)}
    for _ in range(REPEATS):  # alternate, so that a busy neighbour slows every candidate alike
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    best = {name: min(t) for name, t in times.items()}
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"lift and gains on {N:,} scored rows, {int(y.sum()):,} churners (best of {REPEATS}, alternating)")
    print(f"  machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"  numpy argsort + cumsum + deciles : {best['numpy']:7.3f} s")
    ratio = best["gains_table"] / best["numpy"]
    print(f"  kamcourse.mining.gains_table     : {best['gains_table']:7.3f} s   ratio {ratio:5.2f}  (target <= 1.5)")
    for name in ("cumulative_gains", "gini"):
        print(f"  kamcourse.mining.{name:<16}: {best[name]:7.3f} s   ratio {best[name] / best['numpy']:5.2f}")
    print(f"ratio: gains_table / numpy sort-and-cumsum = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

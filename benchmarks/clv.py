"""Timing of the CLV chapter against its peers, measured in the same run (prints ratios).

1. ``kamcourse.clv.rfm_summary`` on a synthetic log of 1,000,000 purchases by
   50,000 customers, against a bare pandas groupby computing the same four
   columns (target: at most 1.2x) and lifetimes'
   ``summary_data_from_transaction_data``.
2. ``kamcourse.clv.fit_bgnbd`` on the CDNOW master file (23,570 customers;
   the 39-week calibration summary, 1997-01-01 to 1997-09-30, in weeks),
   against lifetimes' ``BetaGeoFitter.fit`` (target: no slower), with the
   parameters compared to 3 significant digits.

Run: ``.venv/bin/python benchmarks/clv.py`` (or ``make bench``). Not a test:
the numbers depend on the machine; the ratios are what to read.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")  # lifetimes and autograd warn about pandas/numpy deprecations

from kamcourse.clv import fit_bgnbd, rfm_summary  # noqa: E402
from kamcourse.data import load_cdnow  # noqa: E402

REPEATS = 5


def best_time(fn, repeats: int = REPEATS):
    """Best wall time of ``repeats`` runs and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def synthetic_log(n_rows: int = 1_000_000, n_customers: int = 50_000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "customer_id": rng.integers(0, n_customers, n_rows),
            "date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n_rows), unit="D"),
            "amount": rng.gamma(2.0, 50.0, n_rows).round(2),
        }
    )


def pandas_groupby(log: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """The same four columns with plain pandas: one groupby per purchase day, one per customer."""
    day = log["date"].dt.floor("D")
    per_day = log.groupby(["customer_id", day])["amount"].sum().reset_index()
    agg = per_day.groupby("customer_id").agg(
        first=("date", "min"), last=("date", "max"), n=("date", "size"),
        total=("amount", "sum"), first_amount=("amount", "first"),
    )
    repeats = agg["n"] - 1
    return pd.DataFrame(
        {
            "frequency": repeats.astype(float),
            "recency": (agg["last"] - agg["first"]).dt.days.astype(float),
            "T": (end - agg["first"]).dt.days.astype(float),
            "monetary_value": np.where(repeats > 0, (agg["total"] - agg["first_amount"]) / repeats.clip(lower=1), 0.0),
        }
    )


def bench_rfm() -> float:
    from lifetimes.utils import summary_data_from_transaction_data

    log = synthetic_log()
    end = log["date"].max()
    t_pandas, expected = best_time(lambda: pandas_groupby(log, end))
    t_kit, ours = best_time(lambda: rfm_summary(log, "customer_id", "date", "amount"))
    t_life, theirs = best_time(lambda: summary_data_from_transaction_data(log, "customer_id", "date", "amount"), 1)
    pd.testing.assert_frame_equal(ours, expected, check_names=False, check_exact=False, rtol=1e-9)
    pd.testing.assert_frame_equal(ours, theirs, check_exact=False, rtol=1e-9)
    print(f"rfm_summary, {len(log):,} purchases by {log['customer_id'].nunique():,} customers (best of {REPEATS})")
    print(f"  pandas groupby (same 4 columns): {t_pandas:7.3f} s")
    print(f"  kamcourse.clv.rfm_summary      : {t_kit:7.3f} s   ratio to pandas {t_kit / t_pandas:5.2f}  (target <= 1.2)")
    print(f"  lifetimes summary_data_...     : {t_life:7.3f} s   ratio to pandas {t_life / t_pandas:5.2f}  (1 run)")
    return t_kit / t_pandas


def cdnow_master_calibration() -> pd.DataFrame:
    """Calibration summary of all 23,570 CDNOW customers: first 39 weeks, recency and T in weeks."""
    master = load_cdnow("master")
    cal = master[master["date"] <= "1997-09-30"]
    summary = rfm_summary(cal, "customer_id", "date", observation_end="1997-09-30")
    summary[["recency", "T"]] /= 7.0
    return summary


def bench_bgnbd() -> float:
    from lifetimes import BetaGeoFitter

    s = cdnow_master_calibration()
    f, r, T = s["frequency"], s["recency"], s["T"]
    fit_bgnbd(f.iloc[:100], r.iloc[:100], T.iloc[:100])  # warm up: scipy imports
    t_kit, ours = best_time(lambda: fit_bgnbd(f, r, T))
    t_life, theirs = best_time(lambda: BetaGeoFitter().fit(f, r, T))
    print(f"fit_bgnbd, CDNOW master calibration summary ({len(s):,} customers, weeks; best of {REPEATS})")
    print(f"  lifetimes BetaGeoFitter.fit    : {t_life:7.3f} s")
    print(f"  kamcourse.clv.fit_bgnbd        : {t_kit:7.3f} s   ratio to lifetimes {t_kit / t_life:5.2f}  (target <= 1.0)")
    agree = True
    for name in ("r", "alpha", "a", "b"):
        a, b = getattr(ours, name), float(theirs.params_[name])
        same = f"{a:.3g}" == f"{b:.3g}"
        agree &= same
        print(f"  {name:>5}: kamcourse {a:.5f}  lifetimes {b:.5f}  3 significant digits {'equal' if same else 'DIFFER'}")
    print(f"  log-likelihood (weeks): {ours.log_likelihood:.2f}; converged: {ours.converged}")
    if not agree:
        raise SystemExit("fit_bgnbd and lifetimes disagree at 3 significant digits")
    return t_kit / t_life


def main() -> int:
    rfm_ratio = bench_rfm()
    print()
    bg_ratio = bench_bgnbd()
    print()
    print(f"ratios: rfm_summary / pandas groupby = {rfm_ratio:.2f}; fit_bgnbd / lifetimes = {bg_ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

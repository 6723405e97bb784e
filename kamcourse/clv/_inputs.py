"""Input gate for the CLV models: frequency, recency, T and monetary value, in course words."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._validate import as_numeric_series


class ConvergenceError(RuntimeError):
    """A model fit stopped before the optimiser converged; its numbers are not to be trusted."""


def _series(values: Any, name: str) -> pd.Series:
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got an array of shape {values.shape}")
    return as_numeric_series(values, name)


def _first_bad(mask: np.ndarray, s: pd.Series) -> tuple[Any, float]:
    pos = int(np.flatnonzero(mask)[0])
    return s.index[pos], float(s.iloc[pos])


def _check_frequency(freq: pd.Series, name: str = "frequency") -> None:
    x = freq.to_numpy()
    bad = x < 0
    if bad.any():
        label, value = _first_bad(bad, freq)
        raise ValueError(f"{name} must not be negative (a count of repeat purchases), got {value:g} at {label!r}")
    bad = x != np.floor(x)
    if bad.any():
        label, value = _first_bad(bad, freq)
        raise ValueError(f"{name} must be whole numbers (a count of repeat purchases), got {value:g} at {label!r}")


def _same_length(named: dict[str, pd.Series]) -> None:
    lengths = {k: len(v) for k, v in named.items()}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{k} has {n}" for k, n in lengths.items())
        raise ValueError(f"frequency, recency and T must have one value per customer; {desc}")


def customer_history(frequency: Any, recency: Any, T: Any) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Check a (frequency, recency, T) summary and return three float Series on one index.

    Rules (as lifetimes' ``_check_inputs``): frequency is a whole number >= 0;
    0 <= recency <= T; recency is 0 when frequency is 0; no NaN.
    """
    f = _series(frequency, "frequency")
    r = _series(recency, "recency")
    t = _series(T, "T")
    _same_length({"frequency": f, "recency": r, "T": t})
    _check_frequency(f)
    index = f.index
    r = pd.Series(r.to_numpy(), index=index)
    t = pd.Series(t.to_numpy(), index=index)
    if (r.to_numpy() < 0).any():
        label, value = _first_bad(r.to_numpy() < 0, r)
        raise ValueError(f"recency must not be negative, got {value:g} at {label!r}")
    if (t.to_numpy() < 0).any():
        label, value = _first_bad(t.to_numpy() < 0, t)
        raise ValueError(f"T must not be negative, got {value:g} at {label!r}")
    bad = r.to_numpy() > t.to_numpy()
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"some recency values are larger than T: recency {r.iloc[pos]:g} > T {t.iloc[pos]:g} "
            f"at {index[pos]!r} ({int(bad.sum())} customer(s)); the last purchase cannot be after the end"
        )
    bad = (f.to_numpy() == 0) & (r.to_numpy() != 0)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"recency must be 0 when frequency is 0 (no repeat purchase), got recency {r.iloc[pos]:g} "
            f"at {index[pos]!r}"
        )
    return f, r, t


def repeat_values(frequency: Any, monetary_value: Any) -> tuple[pd.Series, pd.Series]:
    """Check (frequency, monetary_value) for the Gamma-Gamma model: frequency >= 1, value > 0."""
    f = _series(frequency, "frequency")
    m = _series(monetary_value, "monetary_value")
    _same_length({"frequency": f, "monetary_value": m})
    _check_frequency(f)
    m = pd.Series(m.to_numpy(), index=f.index)
    bad = f.to_numpy() < 1
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"frequency must be at least 1 for the Gamma-Gamma model, got {f.iloc[pos]:g} at {f.index[pos]!r}; "
            "keep customers with repeat purchases, e.g. summary[summary['frequency'] > 0]"
        )
    bad = m.to_numpy() <= 0
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"monetary_value must be positive (average spend per repeat purchase), got {m.iloc[pos]:g} "
            f"at {m.index[pos]!r}"
        )
    return f, m


def as_times(t: Any, name: str = "t") -> np.ndarray:
    """A horizon (number or array) as a float array >= 0."""
    if np.isscalar(t):
        s = as_numeric_series([t], name)
    else:
        s = _series(t, name)
    arr = s.to_numpy()
    if (arr < 0).any():
        raise ValueError(f"{name} must not be negative, got {arr[arr < 0][0]:g}")
    return arr


def scalar_or_series(values: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Wrap scalar inputs into one-element lists; say whether the caller gave scalars only."""
    scalars = all(np.isscalar(v) for v in values.values())
    if scalars:
        return {k: [v] for k, v in values.items()}, True
    return values, False


def unwrap(result: pd.Series, scalar: bool) -> Any:
    """Return a float for scalar input, otherwise the Series."""
    return float(result.iloc[0]) if scalar else result


def converged_fit(res: Any, names: tuple[str, ...]) -> tuple[bool, str]:
    """Judge a scipy ``minimize`` result on log-parameters: did it converge to finite parameters?

    BFGS sometimes stops with "precision loss" at the optimum; that counts as
    converged when the gradient is already tiny. A parameter whose log ran
    past ±30 ran off to 0 or infinity: not converged.
    """
    message = str(res.message)
    grad = np.asarray(getattr(res, "jac", np.full(len(names), np.inf)), dtype=float)
    ok = bool(res.success) or ("precision loss" in message and np.all(np.abs(grad) < 1e-5))
    runaway = ~np.isfinite(res.x) | (np.abs(res.x) > 30)
    if runaway.any():
        bad = ", ".join(n for n, hit in zip(names, runaway) if hit)
        return False, f"parameter(s) {bad} ran off towards 0 or infinity; {message}"
    if not np.isfinite(res.fun) or res.fun >= 1e299:
        return False, f"the likelihood is not finite at the end; {message}"
    drifting = np.abs(res.x) > 10
    if not ok and drifting.any():
        parts = ", ".join(
            f"{n} towards {'infinity' if v > 0 else '0'}" for n, v, hit in zip(names, res.x, drifting) if hit
        )
        message = (
            f"{parts} (the best fit lies at the edge of the model: the data may not show the variation "
            f"the model describes, or there are too few customers); {message}"
        )
    return bool(ok), message


def report_nonconvergence(model: str, iterations: int, message: str, strict: bool, advice: str) -> None:
    """Say loudly that a fit did not converge: raise :class:`ConvergenceError`, or warn when not ``strict``."""
    import warnings

    text = (
        f"the {model} fit did not converge after {iterations} iteration(s): {message.rstrip('.')}. "
        f"The parameters are not to be trusted; {advice}"
    )
    if strict:
        raise ConvergenceError(text)
    warnings.warn(text, RuntimeWarning, stacklevel=3)

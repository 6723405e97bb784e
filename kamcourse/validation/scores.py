"""Gate for a classifier's results (模型评分): what happened to each customer (0/1) and the score it was given."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["scored_outcomes"]


def _as_vector(values: Any, name: str) -> np.ndarray:
    """One-dimensional values as a numpy array (a Series, list or array; not a table, not one value)."""
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series, list or array), got a DataFrame")
    if isinstance(values, pd.Series):
        return values.to_numpy()
    if values is None or np.isscalar(values):
        raise TypeError(f"{name} must be a list, array or Series with one value per customer, got {values!r}")
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got an array of shape {arr.shape}")
    return arr


def scored_outcomes(y_true: Any, score: Any, name_y: str = "y_true", name_score: str = "score") -> tuple[np.ndarray, np.ndarray]:
    """Check the outcomes and scores of a model on the same customers; return them as numpy arrays.

    The outcome says what happened (1 = the customer churned, responded, bought; 0 = not); the score is
    what the model said beforehand (a probability or any number where higher means "more likely").
    The check is vectorised, so it costs little next to sorting a million scores.

    Parameters
    ----------
    y_true : Series, list or array
        Outcomes: True/False or 0/1, no missing value.
    score : Series, list or array
        Scores: finite numbers, one per outcome, in the same order.
    name_y, name_score : str
        Parameter names for the messages.

    Returns
    -------
    tuple of numpy.ndarray
        The outcomes as ``int8`` 0/1 and the scores as ``float64``.

    Raises
    ------
    TypeError
        If one of them is a table or a single value, or the scores are not numbers.
    ValueError
        If the lengths differ, they are empty, an outcome is not 0/1, or a score is NaN or infinite.

    Examples
    --------
    >>> y, s = scored_outcomes([True, False, 1], [0.9, 0.2, 0.4])
    >>> y.tolist(), s.tolist()
    ([1, 0, 1], [0.9, 0.2, 0.4])
    >>> scored_outcomes([1, 2], [0.5, 0.5])
    Traceback (most recent call last):
    ...
    ValueError: y_true must hold only 0/1 or True/False, got 2 at position 1
    >>> scored_outcomes([1, 0], [0.5])
    Traceback (most recent call last):
    ...
    ValueError: y_true and score must have the same length, got 2 and 1
    """
    y = _as_vector(y_true, name_y)
    s = _as_vector(score, name_score)
    if len(y) != len(s):
        raise ValueError(f"{name_y} and {name_score} must have the same length, got {len(y)} and {len(s)}")
    if len(y) == 0:
        raise ValueError(f"{name_y} is empty; it needs at least one customer")
    if y.dtype == bool:
        y01 = y.astype(np.int8)
    else:
        if not np.issubdtype(y.dtype, np.number):
            bad = next((k for k, v in enumerate(y) if v not in (0, 1, True, False)), 0)
            raise ValueError(f"{name_y} must hold only 0/1 or True/False, got {y[bad]!r} at position {bad}")
        ok = (y == 0) | (y == 1)
        if not ok.all():
            bad = int(np.argmin(ok))
            raise ValueError(f"{name_y} must hold only 0/1 or True/False, got {y[bad].item()!r} at position {bad}")
        y01 = y.astype(np.int8)
    if s.dtype == bool or not np.issubdtype(s.dtype, np.number):
        raise TypeError(f"{name_score} must hold numbers, got {s.dtype} values such as {s[:1].tolist()[0]!r}")
    s = s.astype(np.float64, copy=False)
    finite = np.isfinite(s)
    if not finite.all():
        bad = int(np.argmin(finite))
        raise ValueError(f"{name_score} must be finite numbers, got {s[bad].item()!r} at position {bad}")
    return y01, s

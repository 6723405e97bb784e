"""Gates for text: a column of free text (names, phone numbers, labels) and a secret key."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["as_text_series", "check_secret"]


def as_text_series(values: Any, name: str) -> pd.Series:
    """Return a column of free text as a Series of ``str`` (missing values stay NaN); refuse non-text.

    Parameters
    ----------
    values : pandas.Series, list, tuple or dict
        The texts, e.g. company names or phone numbers as typed; None/NaN mean "not filled in".
    name : str
        The column name the message uses.

    Returns
    -------
    pandas.Series
        dtype object: each value a ``str`` or NaN; the index of ``values`` (a list gets 0, 1, ...).

    Raises
    ------
    TypeError
        If ``values`` is a single string or scalar, or a value is neither text nor missing.

    Examples
    --------
    >>> as_text_series(["021-88000001", None], "phone").tolist()
    ['021-88000001', nan]
    >>> as_text_series([13900000001], "mobile")
    Traceback (most recent call last):
    ...
    TypeError: mobile must hold text (or missing values), got 13900000001 (int) at 0; store numbers as text
    """
    if isinstance(values, (str, bytes)) or np.isscalar(values):
        raise TypeError(f"{name} must be a column of texts (a Series or a list), got {values!r}")
    s = values.copy() if isinstance(values, pd.Series) else pd.Series(values)
    s = s.astype(object)
    missing = s.isna().to_numpy()
    for label, value, gone in zip(s.index, s.to_numpy(), missing):
        if not gone and not isinstance(value, str):
            raise TypeError(f"{name} must hold text (or missing values), got {value!r} ({type(value).__name__}) "
                            f"at {label!r}; store numbers as text")
    return s.where(~missing, np.nan)


def check_secret(key: Any, name: str = "key", *, min_length: int = 16) -> bytes:
    """Return a secret key as bytes; refuse a short or empty one (a short key can be guessed).

    Parameters
    ----------
    key : str or bytes
        The secret, kept by the data owner and never given to whoever receives the pseudonymised data.
    name : str, default "key"
        The parameter name the message uses.
    min_length : int, default 16
        The fewest characters (bytes) accepted.

    Returns
    -------
    bytes
        The key, UTF-8 encoded if it was a string.

    Raises
    ------
    TypeError
        If ``key`` is not a string or bytes.
    ValueError
        If it is shorter than ``min_length``.

    Examples
    --------
    >>> check_secret("a long class secret 2025")[:6]
    b'a long'
    >>> check_secret("1234")
    Traceback (most recent call last):
    ...
    ValueError: key must have at least 16 characters (a short key can be guessed), got 4
    """
    if not isinstance(key, (str, bytes)):
        raise TypeError(f"{name} must be a string or bytes, got {type(key).__name__}")
    raw = key.encode("utf-8") if isinstance(key, str) else key
    if len(raw) < min_length:
        raise ValueError(f"{name} must have at least {min_length} characters (a short key can be guessed), got {len(raw)}")
    return raw

"""Gates for category keys: one choice among several, and a column of keys from a vocabulary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .series import check_no_nan

__all__ = ["check_choice", "check_keys"]


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``; the error lists the valid ones.

    Parameters
    ----------
    value : object
        The value to check (one option, e.g. a language or a frequency).
    name : str
        The parameter name the message uses.
    choices : iterable
        The valid values.

    Returns
    -------
    object
        ``value`` itself.

    Raises
    ------
    ValueError
        If ``value`` is not among ``choices``.

    Examples
    --------
    >>> check_choice("Q", "freq", ("M", "Q", "Y"))
    'Q'
    >>> check_choice("W", "freq", ("M", "Q", "Y"))
    Traceback (most recent call last):
    ...
    ValueError: freq must be one of 'M', 'Q', 'Y'; got 'W'
    """
    choices = list(choices)
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    return value


def check_keys(values: Any, name: str, valid: Iterable[str], what: str = "key") -> pd.Series:
    """Check a column of category keys against the vocabulary; return them as a string Series.

    Parameters
    ----------
    values : pandas.Series or list
        Keys, e.g. lifecycle stages per customer (a categorical is fine).
    name : str
        The parameter name the message uses.
    valid : iterable of str
        The vocabulary, e.g. :data:`kamcourse.vocabulary.STAGES`.
    what : str, default "key"
        What one key is called in the message ("stage", "method", ...).

    Returns
    -------
    pandas.Series
        The keys as strings, with the input's index.

    Raises
    ------
    ValueError
        If a key is missing (NaN) or not in the vocabulary (the message names
        the first unknown key in sorted order and lists the valid ones).

    Examples
    --------
    >>> check_keys(pd.Series(["decline", "stability"]), "stages", ("stability", "decline"), "stage").tolist()
    ['decline', 'stability']
    >>> check_keys(["growth"], "stages", ("stability", "decline"), "stage")
    Traceback (most recent call last):
    ...
    ValueError: stages holds unknown stage 'growth'; valid: stability, decline
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    check_no_nan(s, name)
    keys = s.astype(str)
    valid = list(valid)
    unknown = sorted(set(keys) - set(valid))
    if unknown:
        raise ValueError(f"{name} holds unknown {what} {unknown[0]!r}; valid: {', '.join(valid)}")
    return keys

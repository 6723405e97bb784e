"""Tables that later chapters add to the company's data (扩展数据表), without changing the core ones.

The core simulation (:mod:`kamcourse.data.simulate`) draws every core table from one random generator
in a fixed order, so one more draw there would change every table after it. A chapter that needs new
records (a raw CRM extract with faults, contact activities, a loyalty programme ...) adds an
:class:`Extension` instead: a function that reads the finished core tables and draws its own tables from
a random stream of its own (:func:`stream`: the seed and the extension's name). Adding, changing or
removing one extension therefore leaves the core tables and every other extension byte for byte as
they were.

To add one: write ``kamcourse/data/extensions/<name>.py`` defining ``EXTENSION = Extension(...)`` (its
student tables and answer tables as :class:`~kamcourse.data.table.Table` schemas, and ``build``), list the
module in :data:`EXTENSIONS` below (order = the order of ``data.names()``), then run
``python -m kamcourse.data`` to write the new CSVs and ``SHA256SUMS`` and describe every new column in
``datasets/README.md``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from ..table import Table

__all__ = ["Extension", "EXTENSIONS", "stream", "build_extensions"]

#: ``build(tables, rng)``: the finished tables so far (read-only mapping) and the extension's own stream.
Builder = Callable[[Mapping[str, pd.DataFrame], np.random.Generator], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class Extension:
    """A chapter's added tables: their schemas and the function that draws them.

    Attributes
    ----------
    name : str
        Stable key of the extension; it also names its random stream (renaming it changes its tables).
    tables : tuple of Table
        Student tables it adds (``datasets/<name>.csv``, in ``data.names()``, the SQLite database and
        every student's variant).
    answers : tuple of Table
        Instructor answer tables it adds (``datasets/instructor/<name>.csv``).
    build : callable
        ``build(tables, rng) -> {table name: DataFrame}`` returning exactly the tables declared above,
        with the columns of their schemas. ``tables`` holds the core tables and those of the extensions
        listed earlier, typed as :func:`kamcourse.data.load` returns them.
    """

    name: str
    tables: tuple[Table, ...]
    answers: tuple[Table, ...]
    build: Builder


def stream(seed: int, name: str) -> np.random.Generator:
    """The random stream of one extension: independent of the core generator and of other extensions.

    Parameters
    ----------
    seed : int
        The data's seed (:func:`kamcourse.data.generate`).
    name : str
        The extension's name.

    Returns
    -------
    numpy.random.Generator
        ``default_rng([seed, crc32(name)])``: the same seed and name always give the same stream.

    Raises
    ------
    TypeError
        If ``name`` is not a string.

    Examples
    --------
    >>> a, b = stream(7, "activities"), stream(7, "activities")
    >>> int(a.integers(1000)) == int(b.integers(1000))
    True
    >>> stream(7, 3)
    Traceback (most recent call last):
    ...
    TypeError: name must be a string (the extension's name), got 3
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (the extension's name), got {name!r}")
    return np.random.default_rng([int(seed), zlib.crc32(name.encode("utf-8"))])


def build_extensions(
    tables: dict[str, pd.DataFrame], seed: int, extensions: tuple[Extension, ...] | None = None
) -> dict[str, pd.DataFrame]:
    """Draw every extension's tables after the core ones (what :func:`kamcourse.data.generate` calls).

    Parameters
    ----------
    tables : dict of str to DataFrame
        The finished core tables (typed); not changed.
    seed : int
        The data's seed.
    extensions : tuple of Extension, optional
        Defaults to :data:`EXTENSIONS`.

    Returns
    -------
    dict of str to DataFrame
        The added tables only, as each ``build`` returned them (the caller types them by schema).

    Raises
    ------
    ValueError
        If an extension returns other tables than it declares, or declares a table that exists already.

    Examples
    --------
    >>> from kamcourse.data.table import Table
    >>> def counts(tables, rng):
    ...     return {"order_counts": tables["orders"].groupby("customer_id").size().rename("n").reset_index()}
    >>> ext = Extension("demo", (Table("order_counts", (("customer_id", "str"), ("n", "int"))),), (), counts)
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1", "C2"]})
    >>> build_extensions({"orders": orders}, seed=1, extensions=(ext,))["order_counts"]["n"].tolist()
    [2, 1]
    """
    extensions = EXTENSIONS if extensions is None else extensions
    seen = dict(tables)
    added: dict[str, pd.DataFrame] = {}
    for ext in extensions:
        declared = {t.name for t in (*ext.tables, *ext.answers)}
        clash = sorted(declared & set(seen))
        if clash:
            raise ValueError(f"extension {ext.name!r} declares table(s) that exist already: {clash}")
        new = ext.build(MappingProxyType(seen), stream(seed, ext.name))
        if set(new) != declared:
            raise ValueError(
                f"extension {ext.name!r} returned tables {sorted(new)} but declares {sorted(declared)}"
            )
        seen.update(new)
        added.update(new)
    return added


# the chapters' modules import Extension from here, so they are imported after it is defined
from . import mining  # noqa: E402

#: The extensions, in the order their tables follow the core ones (add a chapter's module here).
EXTENSIONS: tuple[Extension, ...] = (mining.EXTENSION,)

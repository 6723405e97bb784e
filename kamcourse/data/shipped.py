"""Where the kit's shipped files are (数据文件位置): an installed wheel's ``kamcourse/_datasets``, else a checkout's ``datasets/``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["repo_datasets", "shipped_folder"]


def repo_datasets() -> Path:
    """The ``datasets/`` folder of a source checkout of the kit (where ``python -m kamcourse.data`` writes).

    Examples
    --------
    >>> repo_datasets().name
    'datasets'
    """
    return Path(__file__).resolve().parents[2] / "datasets"


def shipped_folder(sub: str, marker: str) -> Path | None:
    """The folder of shipped files that holds ``marker``: installed first, then the checkout; None if neither.

    Parameters
    ----------
    sub : str
        The sub-folder below ``kamcourse/_datasets`` and ``datasets/`` (``""`` for the folder itself).
    marker : str
        A file name the folder must hold, e.g. ``"customers.csv"``.

    Returns
    -------
    pathlib.Path or None

    Examples
    --------
    >>> shipped_folder("cdnow", "CDNOW_sample.txt").name
    'cdnow'
    >>> shipped_folder("", "no_such_file.csv") is None
    True
    """
    try:
        spec = importlib.util.find_spec(".".join(["kamcourse._datasets", *([sub] if sub else [])]))
    except (ImportError, ValueError):
        spec = None
    found = [Path(loc) for loc in (spec.submodule_search_locations or [])] if spec is not None else []
    for folder in [*found, repo_datasets() / sub]:
        if (folder / marker).is_file():
            return folder
    return None

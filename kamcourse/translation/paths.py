"""Where the English sources, their catalogues and the generated Chinese files live (中文版的文件布局).

English notebooks are the source. Each one in the Chinese track has a gettext
catalogue, and the Chinese file is generated next to the English ones::

    notebooks/01_key_accounts.ipynb                  (English source)
    locale/zh_CN/LC_MESSAGES/notebooks/01_key_accounts.po
    notebooks/zh/01_key_accounts.ipynb               (generated, committed)

    assignments/a00_getting_started/a00_getting_started.ipynb
    locale/zh_CN/LC_MESSAGES/assignments/a00_getting_started/a00_getting_started.po
    assignments/a00_getting_started_zh/a00_getting_started.ipynb   (its own nbgrader assignment)

A notebook is *in the Chinese track* once its catalogue exists
(``kamcourse i18n update <notebook>`` creates it).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

__all__ = [
    "LOCALE",
    "LOCALE_DIR",
    "ZH_NOTEBOOKS",
    "TWIN_SUFFIX",
    "find_root",
    "english_sources",
    "catalogue_path",
    "chinese_path",
    "track",
]

#: The gettext locale of the Chinese track (simplified Chinese, mainland China).
LOCALE = "zh_CN"
#: Catalogues live under this folder, mirroring the source tree.
LOCALE_DIR = f"locale/{LOCALE}/LC_MESSAGES"
#: Chinese lessons and cases: the same relative paths under this folder.
ZH_NOTEBOOKS = "notebooks/zh"
#: A Chinese assignment is its own nbgrader assignment: the English name plus this suffix.
TWIN_SUFFIX = "_zh"


def find_root(start: os.PathLike | str | None = None) -> Path:
    """Return the course folder (holding ``notebooks/`` and ``assignments/``) at or above ``start``.

    Parameters
    ----------
    start : path, optional
        Where to start looking (default: the working folder).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If no folder on the way up holds both ``notebooks/`` and ``assignments/``.

    Examples
    --------
    >>> import kamcourse
    >>> root = find_root(Path(kamcourse.__file__).parent)
    >>> (root / "notebooks" / "00_start_here.ipynb").exists()
    True
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "assignments").is_dir():
            return folder
    raise ValueError(f"no course folder (with notebooks/ and assignments/) at or above {here}; use --root")


def _posix(path: os.PathLike | str) -> PurePosixPath:
    text = os.fspath(path).replace(os.sep, "/")
    return PurePosixPath(text)


def english_sources(root: os.PathLike | str) -> list[str]:
    """Every English notebook that can have a Chinese version, as paths relative to ``root``.

    Lessons and cases under ``notebooks/`` (not ``notebooks/zh/``) and the
    source notebooks of each assignment (not the ``*_zh`` twins).

    Examples
    --------
    >>> import kamcourse
    >>> sources = english_sources(find_root(Path(kamcourse.__file__).parent))
    >>> "notebooks/00_start_here.ipynb" in sources, any(s.startswith("notebooks/zh/") for s in sources)
    (True, False)
    """
    root = Path(root)
    found: list[str] = []
    for path in sorted((root / "notebooks").rglob("*.ipynb")):
        rel = _posix(path.relative_to(root))
        if ".ipynb_checkpoints" in rel.parts or str(rel).startswith(ZH_NOTEBOOKS + "/"):
            continue
        found.append(str(rel))
    for folder in sorted(p for p in (root / "assignments").iterdir() if p.is_dir()):
        if folder.name.endswith(TWIN_SUFFIX):
            continue
        found += [str(_posix(p.relative_to(root))) for p in sorted(folder.glob("*.ipynb"))]
    return found


def catalogue_path(source: str) -> str:
    """The catalogue of an English notebook, relative to the course folder.

    Examples
    --------
    >>> catalogue_path("notebooks/cases/gree_gome.ipynb")
    'locale/zh_CN/LC_MESSAGES/notebooks/cases/gree_gome.po'
    """
    return f"{LOCALE_DIR}/{_posix(source).with_suffix('.po')}"


def chinese_path(source: str) -> str:
    """The generated Chinese file of an English notebook or guide, relative to the course folder.

    Raises
    ------
    ValueError
        If ``source`` is neither a lesson/case nor an assignment notebook.

    Examples
    --------
    >>> chinese_path("notebooks/cases/gree_gome.ipynb")
    'notebooks/zh/cases/gree_gome.ipynb'
    >>> chinese_path("assignments/a00_getting_started/a00_getting_started.ipynb")
    'assignments/a00_getting_started_zh/a00_getting_started.ipynb'
    >>> chinese_path("docs/classroom.md")
    'docs/classroom.zh.md'
    >>> chinese_path("kamcourse/cli.py")
    Traceback (most recent call last):
    ...
    ValueError: source must be a notebook under notebooks/ or assignments/<name>/, or a guide, got 'kamcourse/cli.py'
    """
    if source.endswith(".md"):
        from .guides import chinese_guide_path

        return chinese_guide_path(source)
    parts = _posix(source).parts
    if len(parts) >= 2 and parts[0] == "notebooks" and parts[1] != "zh" and source.endswith(".ipynb"):
        return str(PurePosixPath(ZH_NOTEBOOKS, *parts[1:]))
    if len(parts) == 3 and parts[0] == "assignments" and source.endswith(".ipynb"):
        return str(PurePosixPath("assignments", parts[1] + TWIN_SUFFIX, parts[2]))
    raise ValueError(f"source must be a notebook under notebooks/ or assignments/<name>/, or a guide, got {source!r}")


def track(root: os.PathLike | str) -> list[str]:
    """The English notebooks in the Chinese track: those with a catalogue.

    Examples
    --------
    >>> import kamcourse
    >>> "notebooks/00_start_here.ipynb" in track(find_root(Path(kamcourse.__file__).parent))
    True
    """
    root = Path(root)
    return [s for s in english_sources(root) if (root / catalogue_path(s)).exists()]

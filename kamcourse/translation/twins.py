"""Generate the Chinese notebooks from English + catalogue, and check they are current (生成中文版).

:func:`build_notebook` makes the Chinese version of one English notebook:
each translatable cell takes its catalogue entry when the entry is translated,
not fuzzy, made for the current English and (for code) the same program
(:func:`~kamcourse.translation.cells.program_difference`); otherwise the
English cell stays and a :class:`Problem` names the cell. The first code cell
selects Chinese. :func:`check` compares what would be generated with what is
committed, so the two languages cannot drift apart unnoticed.
"""

from __future__ import annotations

import copy
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .catalogue import load, units
from .cells import program_difference, select_chinese
from .guides import guide_sources, guide_text, guide_track, is_guide, read_english
from .paths import (
    TWIN_SUFFIX,
    ZH_NOTEBOOKS,
    catalogue_path,
    chinese_path,
    english_sources,
    track,
)

__all__ = ["Problem", "Status", "build_notebook", "build", "check", "twin_files"]

#: Files of an assignment folder that are not copied into its Chinese twin.
_SKIP = {".ipynb_checkpoints", "__pycache__", "feedback"}


@dataclass(frozen=True)
class Problem:
    """Something that keeps a Chinese file from being a complete, current translation."""

    source: str
    cell: str | None
    kind: str  # missing | fuzzy | stale | obsolete | code | not built | differs | orphan
    detail: str

    def __str__(self) -> str:
        where = f"{self.source}#{self.cell}" if self.cell else self.source
        return f"{where}: {self.kind}: {self.detail}"


@dataclass
class Status:
    """The state of the Chinese track (what :func:`check` found)."""

    track: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    guides: list[str] = field(default_factory=list)
    untranslated_guides: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self) -> str:
        lines = [f"Chinese track: {len(self.track)} notebook(s), {len(self.guides)} guide(s)",
                 *(f"  {s}" for s in self.track + self.guides)]
        if self.problems:
            lines += [f"problems ({len(self.problems)}):", *(f"  {p}" for p in self.problems)]
        else:
            lines.append("no problem: every entry translated, every Chinese file current")
        if self.untranslated:
            lines.append(f"not in the Chinese track yet ({len(self.untranslated)}): add one with "
                         "`kamcourse i18n update <notebook>`")
            lines += [f"  {s}" for s in self.untranslated]
        if self.untranslated_guides:
            lines.append(f"guides not in the Chinese track yet ({len(self.untranslated_guides)}): add one with "
                         "`kamcourse i18n update <guide>`")
            lines += [f"  {s}" for s in self.untranslated_guides]
        return "\n".join(lines)


def build_notebook(root: os.PathLike | str, source: str):
    """The Chinese version of one English notebook, and what kept any cell English.

    Parameters
    ----------
    root : path
        The course folder.
    source : str
        The English notebook, relative to ``root``.

    Returns
    -------
    (nbformat.NotebookNode, list of Problem)

    Raises
    ------
    ValueError
        If ``source`` has no catalogue (it is not in the Chinese track).

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> nb, problems = build_notebook(find_root(Path(kamcourse.__file__).parent), "notebooks/00_start_here.ipynb")
    >>> problems, nb.metadata["kamcourse"]["language"]
    ([], 'zh')
    """
    root = Path(root)
    po = load(root, source)
    if po is None:
        raise ValueError(f"{source} has no catalogue ({catalogue_path(source)}): "
                         f"`kamcourse i18n update {source}` adds it to the Chinese track")
    english = read_english(root, source)
    nb = copy.deepcopy(english)
    cells = {c.get("id"): c for c in nb.cells}
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    problems: list[Problem] = []
    where = catalogue_path(source)
    for unit in units(english, source):
        entry = entries.pop(unit.context, None)
        if entry is None:
            problems.append(Problem(source, unit.cell_id, "stale",
                                    f"no entry in {where}: run `kamcourse i18n update {source}`"))
        elif entry.msgid != unit.text:
            problems.append(Problem(source, unit.cell_id, "stale", "the English cell changed since the catalogue was "
                                    f"updated: run `kamcourse i18n update {source}`, then translate"))
        elif not entry.msgstr.strip():
            problems.append(Problem(source, unit.cell_id, "missing", f"not translated yet ({where})"))
        elif entry.fuzzy:
            problems.append(Problem(source, unit.cell_id, "fuzzy", "the English changed since it was translated: "
                                    f"revise the entry and remove its fuzzy flag ({where})"))
        elif unit.cell_type == "code" and (why := program_difference(unit.text, entry.msgstr)):
            problems.append(Problem(source, unit.cell_id, "code", f"{why} (only comments, docstrings and assert "
                                    f"messages may be translated; {where})"))
        else:
            cells[unit.cell_id].source = entry.msgstr
    problems += [Problem(source, ctx.rsplit("#", 1)[-1], "obsolete",
                         f"{where} has an entry for a cell that is gone: run `kamcourse i18n update {source}`")
                 for ctx in entries]
    first = next((c for c in nb.cells if c.cell_type == "code"), None)
    if first is not None:
        first.source = select_chinese(first.source)
    nb.metadata["kamcourse"] = {
        "language": "zh",
        "source": source,
        "catalogue": where,
        "generated": "by `kamcourse i18n build`: edit the catalogue, not this file",
    }
    return nb, problems


def twin_files(root: os.PathLike | str, source: str) -> dict[str, str]:
    """Other files of an assignment folder that its Chinese twin carries: ``{english: chinese}``.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> twin_files(find_root(Path(kamcourse.__file__).parent), "notebooks/00_start_here.ipynb")
    {}
    """
    root = Path(root)
    parts = Path(source).parts
    if parts[0] != "assignments":
        return {}
    folder = root / "assignments" / parts[1]
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and path.suffix != ".ipynb" and not _SKIP & set(rel.parts):
            out[f"assignments/{parts[1]}/{rel.as_posix()}"] = f"assignments/{parts[1]}{TWIN_SUFFIX}/{rel.as_posix()}"
    return out


def _text(nb, source: str) -> str:
    return guide_text(nb, source) if is_guide(source) else nbformat.writes(nb) + "\n"


def build(root: os.PathLike | str, sources: list[str] | None = None, write: bool = True) -> list[Problem]:
    """Write the Chinese notebook (and assignment twin files) of every notebook and guide in the Chinese track.

    Cells whose translation cannot be used stay English in the output; the
    problems returned say which (``kamcourse i18n check`` lists them too).

    Parameters
    ----------
    root : path
        The course folder.
    sources : list of str, optional
        English notebooks to build (default: the whole track).
    write : bool
        Write the files (False: only report).

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> build(find_root(Path(kamcourse.__file__).parent), write=False)
    []
    """
    root = Path(root)
    problems: list[Problem] = []
    for source in track(root) + guide_track(root) if sources is None else sources:
        nb, found = build_notebook(root, source)
        problems += found
        if write:
            target = root / chinese_path(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = _text(nb, source)
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
            for en, zh in twin_files(root, source).items():
                (root / zh).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / en, root / zh)
    return problems


def _differing_cells(expected, committed_path: Path) -> list[str]:
    try:
        committed = nbformat.read(committed_path, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable file differs as a whole
        return ["(unreadable notebook)"]
    got = {c.get("id"): c for c in committed.cells}
    differing = [c.get("id") for c in expected.cells if got.get(c.get("id")) != c]
    differing += [i for i in got if i not in {c.get("id") for c in expected.cells}]
    return differing or ["(notebook metadata or formatting)"]


def check(root: os.PathLike | str) -> Status:
    """Check the Chinese track: every entry translated and current, every Chinese file as ``build`` makes it.

    Guides (:mod:`kamcourse.translation.guides`) are checked like notebooks.

    Parameters
    ----------
    root : path
        The course folder.

    Returns
    -------
    Status
        ``problems`` (each naming the notebook and cell), the notebooks in the
        track and those not in it yet (``untranslated``, not a problem).

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> status = check(find_root(Path(kamcourse.__file__).parent))
    >>> status.ok, "notebooks/00_start_here.ipynb" in status.track
    (True, True)
    """
    root = Path(root)
    status = Status(track=track(root))
    status.untranslated = [s for s in english_sources(root) if s not in status.track]
    status.guides = guide_track(root)
    status.untranslated_guides = [g for g in guide_sources(root) if g not in status.guides]
    expected_files: set[str] = set()
    for source in status.track + status.guides:
        nb, problems = build_notebook(root, source)
        status.problems += problems
        target = chinese_path(source)
        expected_files.add(target)
        if not (root / target).exists():
            status.problems.append(Problem(target, None, "not built", "run `kamcourse i18n build` and commit it"))
        elif (root / target).read_text(encoding="utf-8") != _text(nb, source):
            cells = "(the guide)" if is_guide(source) else ", ".join(map(str, _differing_cells(nb, root / target)))
            status.problems.append(Problem(target, None, "differs", f"not what `kamcourse i18n build` generates "
                                           f"from {source} (cells: {cells}): run it and commit"))
        for en, zh in twin_files(root, source).items():
            expected_files.add(zh)
            if not (root / zh).exists() or (root / zh).read_bytes() != (root / en).read_bytes():
                status.problems.append(Problem(zh, None, "differs", f"not a copy of {en}: run `kamcourse i18n build`"))
    generated = [p for p in (root / ZH_NOTEBOOKS).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts] if (
        root / ZH_NOTEBOOKS).is_dir() else []
    for folder in (root / "assignments").glob(f"*{TWIN_SUFFIX}"):
        generated += [p for p in folder.rglob("*") if p.is_file() and not _SKIP & set(p.relative_to(folder).parts)]
    for path in sorted(generated):
        rel = path.relative_to(root).as_posix()
        if rel not in expected_files:
            status.problems.append(Problem(rel, None, "orphan", "a Chinese file whose English source is not in "
                                           "the Chinese track: delete it, or add its catalogue"))
    return status

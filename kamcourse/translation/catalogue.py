"""The gettext PO catalogue of one notebook: extract its cells, keep it in step (翻译目录).

One entry per translatable cell (see :mod:`kamcourse.translation.cells`):
``msgctxt`` is ``<notebook path>#<cell id>``, ``msgid`` the English cell,
``msgstr`` the Chinese. :func:`update` does what gettext's ``msgmerge`` does
for programs: new cells get empty entries, a changed English cell keeps its
old translation marked *fuzzy* with the English it was made for
(``#| msgid``, shown by Poedit and Weblate as a diff), and entries of cells
that are gone are dropped. Catalogues are read and written with ``polib``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .cells import is_translatable
from .paths import LOCALE, catalogue_path, english_sources

__all__ = ["Unit", "UpdateSummary", "context", "units", "load", "update_catalogue", "update"]

_MARKDOWN_NOTE = "Markdown cell: translate it as a Chinese textbook would say it (the course materials' terms)."
_CODE_NOTE = ("Code cell: translate only comments, docstrings and assert messages; "
              "keep every line of code, and every ### BEGIN/END marker, exactly as it is.")
_FIRST_NOTE = ' First code cell: the Chinese notebook calls set_language("zh") here; write its comment for that.'


@dataclass(frozen=True)
class Unit:
    """One translatable cell of an English notebook."""

    context: str
    cell_id: str
    cell_type: str
    text: str
    first_code: bool = False

    @property
    def note(self) -> str:
        note = _MARKDOWN_NOTE if self.cell_type == "markdown" else _CODE_NOTE
        return note + (_FIRST_NOTE if self.first_code else "")


@dataclass
class UpdateSummary:
    """What :func:`update_catalogue` changed (cell ids)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def context(source: str, cell_id: str) -> str:
    """The ``msgctxt`` of a cell: notebook path and cell id.

    Examples
    --------
    >>> context("notebooks/00_start_here.ipynb", "welcome")
    'notebooks/00_start_here.ipynb#welcome'
    """
    return f"{source}#{cell_id}"


def units(nb, source: str) -> list[Unit]:
    """The translatable cells of an English notebook, in order.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The English notebook.
    source : str
        Its path relative to the course folder (used in ``msgctxt``).

    Returns
    -------
    list of Unit

    Raises
    ------
    ValueError
        If a translatable cell has no id, or two cells share one (the
        catalogue is keyed by cell id).

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell
    >>> nb = new_notebook(cells=[new_markdown_cell("# Title", id="title"), new_code_cell("x = 1", id="x"),
    ...                          new_code_cell("y = 2  # two", id="y")])
    >>> [(u.context, u.first_code) for u in units(nb, "notebooks/demo.ipynb")]
    [('notebooks/demo.ipynb#title', False), ('notebooks/demo.ipynb#y', False)]
    """
    found: list[Unit] = []
    seen: set[str] = set()
    first_code = next((c for c in nb.cells if c.cell_type == "code"), None)
    for cell in nb.cells:
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            raise ValueError(f"{source}: every cell needs a unique id (got {cell_id!r}); the catalogue is keyed by it")
        seen.add(cell_id)
        if is_translatable(cell):
            found.append(Unit(context(source, cell_id), cell_id, cell.cell_type, cell.source, cell is first_code))
    return found


def _new_catalogue(source: str):
    import polib

    po = polib.POFile(wrapwidth=78)
    po.header = (f"Chinese ({LOCALE}) of {source}, one entry per cell: msgctxt = notebook path#cell id.\n"
                 "Kept in step by `kamcourse i18n update`; edit msgstr (Poedit, Weblate or a text editor),\n"
                 "then `kamcourse i18n build` writes the Chinese notebook. See docs/CONTRIBUTING.md.")
    po.metadata = {
        "Project-Id-Version": "kamcourse",
        "Language": LOCALE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def load(root: os.PathLike | str, source: str):
    """Read the catalogue of ``source`` (a ``polib.POFile``), or None when it has none.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> po = load(find_root(Path(kamcourse.__file__).parent), "notebooks/00_start_here.ipynb")
    >>> po.find("notebooks/00_start_here.ipynb#welcome", by="msgctxt").msgstr.startswith("# ")
    True
    """
    import polib

    path = Path(root) / catalogue_path(source)
    return polib.pofile(str(path), wrapwidth=78) if path.exists() else None


def update_catalogue(po, found: list[Unit]) -> UpdateSummary:
    """Bring a catalogue in step with the cells ``found`` (in place), as ``msgmerge`` would.

    Parameters
    ----------
    po : polib.POFile
        The catalogue.
    found : list of Unit
        The notebook's translatable cells, from :func:`units`.

    Returns
    -------
    UpdateSummary

    Examples
    --------
    >>> import polib
    >>> po = polib.POFile()
    >>> update_catalogue(po, [Unit("nb#a", "a", "markdown", "Hello")]).added
    ['a']
    >>> po[0].msgstr = "你好"
    >>> update_catalogue(po, [Unit("nb#a", "a", "markdown", "Hello!")]).changed
    ['a']
    >>> po[0].fuzzy, po[0].previous_msgid, po[0].msgstr
    (True, 'Hello', '你好')
    >>> update_catalogue(po, []).removed, len(po)
    (['a'], 0)
    """
    import polib

    summary = UpdateSummary()
    old = {e.msgctxt: e for e in po if not e.obsolete}
    entries = []
    for unit in found:
        entry = old.pop(unit.context, None)
        if entry is None:
            entry = polib.POEntry(msgctxt=unit.context, msgid=unit.text, msgstr="")
            summary.added.append(unit.cell_id)
        elif entry.msgid != unit.text:
            summary.changed.append(unit.cell_id)
            if entry.msgstr:
                # the translation was made for previous_msgid (kept through several changes)
                translated_for = entry.previous_msgid if entry.fuzzy and entry.previous_msgid else entry.msgid
                if translated_for == unit.text:  # the English went back to what was translated
                    entry.flags = [f for f in entry.flags if f != "fuzzy"]
                    entry.previous_msgid = None
                else:
                    entry.previous_msgid = translated_for
                    if "fuzzy" not in entry.flags:
                        entry.flags.append("fuzzy")
            entry.msgid = unit.text
        entry.comment = unit.note
        entries.append(entry)
    summary.removed = [ctx.rsplit("#", 1)[-1] for ctx in old]
    po[:] = entries
    return summary


def update(root: os.PathLike | str, sources: list[str] | None = None) -> dict[str, UpdateSummary]:
    """Update the catalogues of ``sources`` (default: the whole Chinese track) from the English notebooks and guides.

    Naming a notebook that has no catalogue yet creates it: the notebook
    joins the Chinese track (its entries are then empty until translated).

    Parameters
    ----------
    root : path
        The course folder.
    sources : list of str, optional
        English notebooks, relative to ``root`` (e.g. ``notebooks/01_key_accounts.ipynb``).

    Returns
    -------
    dict
        ``{source: UpdateSummary}``; a catalogue file is written only when it changed.

    Raises
    ------
    ValueError
        If a named notebook is not an English source of the course.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> update(find_root(Path(kamcourse.__file__).parent), ["notebooks/nothing.ipynb"])
    Traceback (most recent call last):
    ...
    ValueError: notebooks/nothing.ipynb is not an English notebook or guide of the course (see `kamcourse i18n check`)
    """
    from .guides import guide_sources, guide_track, read_english
    from .paths import track

    root = Path(root)
    known = english_sources(root) + guide_sources(root)
    if sources is None:
        sources = track(root) + guide_track(root)
    done: dict[str, UpdateSummary] = {}
    for source in sources:
        if Path(source).is_absolute():
            source = Path(source).resolve().relative_to(root.resolve()).as_posix()
        source = Path(source).as_posix()
        if source not in known:
            raise ValueError(f"{source} is not an English notebook or guide of the course (see `kamcourse i18n check`)")
        nb = read_english(root, source)
        po = load(root, source) or _new_catalogue(source)
        path = root / catalogue_path(source)
        summary = update_catalogue(po, units(nb, source))
        text = str(po).rstrip("\n") + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        done[source] = summary
    return done

"""Guides in the Chinese track (指南的中文版): a Markdown guide is translated section by section.

The instructor guide, the classroom guide and the datasheet are kept in step
with English the way the notebooks are: a guide is read as a sequence of
sections (a heading and what follows it up to the next heading of level 1–3;
headings inside code fences do not count), each section is one catalogue entry
keyed by the guide's path and the section's heading (``msgctxt`` =
``docs/classroom.md#4-grading``), and the Chinese guide is generated next to
the English one (``docs/classroom.zh.md``)::

    docs/classroom.md                         (English source)
    locale/zh_CN/LC_MESSAGES/docs/classroom.po
    docs/classroom.zh.md                      (generated, committed)

``kamcourse i18n update docs/classroom.md`` adds a guide to the track;
``build`` and ``check`` then treat it like a notebook.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

__all__ = ["GUIDES", "is_guide", "guide_sources", "guide_track", "guide_notebook", "guide_text", "chinese_guide_path",
           "read_english"]

#: The guides that can join the Chinese track (README.md has its own Chinese section).
GUIDES: tuple[str, ...] = ("docs/instructor-guide.md", "docs/classroom.md", "datasets/README.md")

_HEADING = re.compile(r"^(#{1,3})\s+(.*\S)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def is_guide(source: str) -> bool:
    """Whether ``source`` names a Markdown guide (not a notebook).

    Examples
    --------
    >>> is_guide("docs/classroom.md"), is_guide("notebooks/00_start_here.ipynb")
    (True, False)
    """
    return source.endswith(".md")


def chinese_guide_path(source: str) -> str:
    """The generated Chinese guide of an English one: ``x.md`` → ``x.zh.md``.

    Raises
    ------
    ValueError
        If ``source`` is not a Markdown file, or is already a Chinese guide.

    Examples
    --------
    >>> chinese_guide_path("datasets/README.md")
    'datasets/README.zh.md'
    >>> chinese_guide_path("docs/classroom.zh.md")
    Traceback (most recent call last):
    ...
    ValueError: source must be an English Markdown guide, got 'docs/classroom.zh.md'
    """
    path = PurePosixPath(source)
    if path.suffix != ".md" or path.stem.endswith(".zh"):
        raise ValueError(f"source must be an English Markdown guide, got {source!r}")
    return str(path.with_name(f"{path.stem}.zh.md"))


def guide_sources(root: os.PathLike | str) -> list[str]:
    """The guides of :data:`GUIDES` that exist under ``root``.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> "docs/classroom.md" in guide_sources(find_root(Path(kamcourse.__file__).parent))
    True
    """
    return [g for g in GUIDES if (Path(root) / g).is_file()]


def guide_track(root: os.PathLike | str) -> list[str]:
    """The guides in the Chinese track: those with a catalogue.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> set(guide_track(find_root(Path(kamcourse.__file__).parent))) <= set(GUIDES)
    True
    """
    from .paths import catalogue_path

    return [g for g in guide_sources(root) if (Path(root) / catalogue_path(g)).exists()]


def _slug(heading: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", heading.lower()).strip("-")
    return slug[:48].rstrip("-") or "section"  # a cell id has at most 64 characters


def _sections(text: str) -> list[tuple[str, str]]:
    sections: list[tuple[str, list[str]]] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading or not sections:
            sections.append((_slug(heading.group(2)) if heading else "preamble", []))
        sections[-1][1].append(line)
    out, seen = [], {}
    for slug, lines in sections:
        body = "\n".join(lines).strip("\n")
        if not body.strip():
            continue
        seen[slug] = seen.get(slug, 0) + 1
        out.append((slug if seen[slug] == 1 else f"{slug}-{seen[slug]}", body))
    return out


def guide_notebook(text: str):
    """A guide as a notebook of Markdown cells, one per section, with the section's slug as cell id.

    The translation machinery (catalogue entries, fuzzy marks, build and
    check) then works on guides as it does on notebooks.

    Parameters
    ----------
    text : str
        The English guide (Markdown).

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> nb = guide_notebook("# Guide\\nIntro.\\n\\n## 1. Set up\\n```sh\\n# not a heading\\n```\\n## Set up\\nAgain.")
    >>> [c.id for c in nb.cells]
    ['guide', '1-set-up', 'set-up']
    >>> nb.cells[1].source
    '## 1. Set up\\n```sh\\n# not a heading\\n```'
    """
    from nbformat.v4 import new_markdown_cell, new_notebook

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return new_notebook(cells=[new_markdown_cell(body, id=slug) for slug, body in _sections(text)])


def guide_text(nb, source: str) -> str:
    """The Markdown of a (translated) guide notebook, with a note saying where it comes from.

    Examples
    --------
    >>> nb = guide_notebook("# 指南\\n\\n正文。")
    >>> print(guide_text(nb, "docs/guide.md"))
    <!-- Generated by `kamcourse i18n build` from docs/guide.md and locale/zh_CN/LC_MESSAGES/docs/guide.po: edit the catalogue, not this file. -->
    <BLANKLINE>
    # 指南
    <BLANKLINE>
    正文。
    <BLANKLINE>
    """
    from .paths import catalogue_path

    note = (f"<!-- Generated by `kamcourse i18n build` from {source} and {catalogue_path(source)}: "
            "edit the catalogue, not this file. -->")
    return "\n\n".join([note, *(c.source.strip("\n") for c in nb.cells)]) + "\n"


def read_english(root: os.PathLike | str, source: str):
    """The English source as a notebook: a notebook file as it is, a guide through :func:`guide_notebook`.

    Examples
    --------
    >>> import kamcourse
    >>> from kamcourse.translation.paths import find_root
    >>> nb = read_english(find_root(Path(kamcourse.__file__).parent), "docs/classroom.md")
    >>> {c.cell_type for c in nb.cells}
    {'markdown'}
    """
    import nbformat

    path = Path(root) / source
    if is_guide(source):
        return guide_notebook(path.read_text(encoding="utf-8"))
    return nbformat.read(path, as_version=4)

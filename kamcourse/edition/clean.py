"""The instructor's checkout stays clean: tracked notebooks are saved without outputs (源文件保持干净).

``make lab`` in the kit's checkout serves the course folder itself, where the
lessons (``notebooks/``) and assignment sources (``assignments/``) are tracked by
git. JupyterLab writes outputs, execution counts, the kernel's
``language_info`` and widget state into a notebook when it saves it (autosave
does so every two minutes), so running a lesson there would change the tracked
file and the next ``git pull`` would conflict. :func:`keep_sources_clean`, a
Jupyter server *pre-save hook*, saves only what an author writes (the cells'
text, their order and metadata) and keeps the rest as the file on disk has it.
Students never meet this: they run copies in a working folder
(:mod:`kamcourse.edition.lessons`).
"""

from __future__ import annotations

import json
import os
from pathlib import PurePosixPath

__all__ = ["SOURCE_FOLDERS", "RUN_METADATA", "strip_run", "keep_sources_clean"]

#: Folders of the checkout whose notebooks are course sources (saved without what running them adds).
SOURCE_FOLDERS: tuple[str, ...] = ("notebooks", "assignments")
#: Notebook metadata that running writes: kept as on disk (dropped when the disk version has none).
RUN_METADATA: tuple[str, ...] = ("kernelspec", "language_info", "widgets")


def strip_run(notebook: dict, on_disk: dict | None = None) -> dict:
    """Remove from a notebook (nbformat 4 JSON, changed in place) what running it added (去除运行输出).

    Code cells lose their outputs and execution counts; cell metadata ``execution``
    (timings) goes; the notebook's ``kernelspec``, ``language_info`` and ``widgets``
    metadata become those of ``on_disk`` (the version on disk), or only the
    language's name when there is none.

    Parameters
    ----------
    notebook : dict
        The notebook as JupyterLab sends it to be saved.
    on_disk : dict, optional
        The notebook as it is on disk.

    Returns
    -------
    dict
        ``notebook`` itself.

    Raises
    ------
    TypeError
        If ``notebook`` is not a notebook's JSON (a dict with ``cells``).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "1 + 1", "metadata": {}, "execution_count": 3,
    ...                  "outputs": [{"output_type": "execute_result"}]}],
    ...       "metadata": {"language_info": {"name": "python", "version": "3.11.2"}}}
    >>> strip_run(nb)["cells"][0]["outputs"], nb["metadata"]
    ([], {'language_info': {'name': 'python'}})
    """
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise TypeError(f"notebook must be a notebook's JSON (a dict with 'cells'), got {type(notebook).__name__}")
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    meta = notebook.setdefault("metadata", {})
    before = (on_disk or {}).get("metadata", {})
    language = meta.get("language_info", {}).get("name")
    for key in RUN_METADATA:
        if key in before:
            meta[key] = before[key]
        else:
            meta.pop(key, None)
    if on_disk is None and language:
        meta["language_info"] = {"name": language}
    return notebook


def keep_sources_clean(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """Jupyter server pre-save hook: a tracked source notebook is saved as :func:`strip_run` leaves it.

    Configure it with ``c.ContentsManager.pre_save_hook =
    "kamcourse.edition.clean.keep_sources_clean"`` (``make lab`` in the
    checkout does). Only notebooks under :data:`SOURCE_FOLDERS` of the
    server's root are touched; everything else saves as usual.

    Parameters
    ----------
    model : dict
        The contents model being saved (``type``, ``content``).
    path : str
        Its API path, relative to the server's root (e.g. ``notebooks/01_key_accounts.ipynb``).
    contents_manager : jupyter_server ContentsManager, optional
        The manager saving it (its ``root_dir`` locates the file on disk).

    Examples
    --------
    >>> model = {"type": "notebook", "content": {"cells": [{"cell_type": "code", "source": "", "metadata": {},
    ...          "execution_count": 1, "outputs": []}], "metadata": {}}}
    >>> keep_sources_clean(model, "notebooks/x.ipynb"); model["content"]["cells"][0]["execution_count"] is None
    True
    >>> model["content"]["cells"][0]["execution_count"] = 2
    >>> keep_sources_clean(model, "work/x.ipynb"); model["content"]["cells"][0]["execution_count"]
    2
    """
    parts = PurePosixPath(path.strip("/")).parts
    if model.get("type") != "notebook" or not parts or parts[0] not in SOURCE_FOLDERS:
        return
    on_disk = None
    root = getattr(contents_manager, "root_dir", None)
    if root:
        try:
            with open(os.path.join(root, *parts), encoding="utf-8") as fh:
                on_disk = json.load(fh)
        except (OSError, ValueError):
            on_disk = None
    strip_run(model["content"], on_disk)

"""What JupyterLab shows a student and an instructor (学生与教师的 JupyterLab 设置).

Students get student tools only: nbgrader's *Formgrader* (which opens the
gradebook) and *Create Assignment* are switched off, in the browser (JupyterLab
plugins, ``labconfig/page_config.json``) and on the server (the formgrader
server extension). With an exchange folder the *Assignments* tab lists and
fetches what the instructor released there; without one the tab is hidden and
assignments arrive as files. Both roles get the same two defaults: no Jupyter
news pop-up at first launch, and widget state saved in notebooks (an explorer
reopened shows its last figure instead of "model not found").

Everything is written into one Jupyter config folder that the server reads
first (``JUPYTER_CONFIG_PATH``): :func:`write_jupyter_config`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..translation.lab import write_lab_defaults
from ..validation import check_choice

__all__ = ["ROLES", "INSTRUCTOR_PLUGINS", "EXCHANGE_PLUGINS", "lab_defaults", "disabled_plugins", "server_config",
           "write_jupyter_config"]

#: Who the JupyterLab is for.
ROLES: tuple[str, ...] = ("student", "instructor")

#: nbgrader 0.9.6's instructor plugins of JupyterLab (the Nbgrader menu's Formgrader items come with the first).
INSTRUCTOR_PLUGINS: tuple[str, ...] = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
#: nbgrader's server extension for the formgrader (its pages and the gradebook API).
INSTRUCTOR_SERVER_EXTENSIONS: tuple[str, ...] = ("nbgrader.server_extensions.formgrader",)
#: The plugins that talk to an exchange (the Assignments and Courses tabs, and the Nbgrader menu holding them).
EXCHANGE_PLUGINS: tuple[str, ...] = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list",
                                     "@jupyter/nbgrader:menu")
EXCHANGE_SERVER_EXTENSIONS: tuple[str, ...] = ("nbgrader.server_extensions.assignment_list",
                                               "nbgrader.server_extensions.course_list")

#: JupyterLab defaults for everyone: no news pop-up (and no request to the news site), widget state saved.
COMMON_DEFAULTS: dict[str, dict] = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
}


def _role(role: str) -> str:
    return check_choice(role, "role", ROLES)


def lab_defaults() -> dict[str, dict]:
    """JupyterLab default settings of the kit: no news pop-up, widget state saved with the notebook.

    Source: JupyterLab 4's settings ``@jupyterlab/apputils-extension:notification``
    (``fetchNews``) and ``@jupyter-widgets/jupyterlab-manager:plugin`` (``saveState``);
    this kit's choice of values.

    Returns
    -------
    dict
        ``{plugin id: {setting: value}}``, the format of ``default_setting_overrides.json``.

    Examples
    --------
    >>> lab_defaults()["@jupyterlab/apputils-extension:notification"]["fetchNews"]
    'false'
    """
    return {plugin: dict(values) for plugin, values in COMMON_DEFAULTS.items()}


def disabled_plugins(role: str, exchange: bool) -> list[str]:
    """The JupyterLab plugins switched off for ``role`` (学生看不到教师工具).

    Parameters
    ----------
    role : {"student", "instructor"}
    exchange : bool
        Whether an nbgrader exchange is configured (without one, the Assignments tab is hidden).

    Returns
    -------
    list of str
        Plugin ids, for ``disabledExtensions`` of ``page_config.json``.

    Raises
    ------
    ValueError
        If ``role`` is not ``"student"`` or ``"instructor"``.

    Examples
    --------
    >>> disabled_plugins("student", exchange=True)
    ['@jupyter/nbgrader:formgrader', '@jupyter/nbgrader:create-assignment']
    >>> disabled_plugins("instructor", exchange=True)
    []
    """
    out = list(INSTRUCTOR_PLUGINS) if _role(role) == "student" else []
    return out if exchange else out + list(EXCHANGE_PLUGINS)


def server_config(role: str, exchange: bool) -> dict:
    """``jupyter_server_config.json`` for ``role``: the nbgrader server extensions it does not load.

    Parameters
    ----------
    role : {"student", "instructor"}
    exchange : bool
        Whether an nbgrader exchange is configured.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If ``role`` is not ``"student"`` or ``"instructor"``.

    Examples
    --------
    >>> server_config("student", exchange=True)
    {'ServerApp': {'jpserver_extensions': {'nbgrader.server_extensions.formgrader': False}}}
    """
    off = list(INSTRUCTOR_SERVER_EXTENSIONS) if _role(role) == "student" else []
    off += [] if exchange else list(EXCHANGE_SERVER_EXTENSIONS)
    return {"ServerApp": {"jpserver_extensions": {name: False for name in off}}} if off else {}


def _write_json(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_jupyter_config(
    folder: os.PathLike | str,
    role: str,
    *,
    language: str = "en",
    exchange: os.PathLike | str | None = None,
    course_id: str = "kamcourse",
    assignment_dir: os.PathLike | str | None = None,
    server: dict | None = None,
) -> list[Path]:
    """Write the Jupyter config folder of a student's or an instructor's JupyterLab (JupyterLab 配置).

    Files written (put ``folder`` first on ``JUPYTER_CONFIG_PATH``):
    ``labconfig/default_setting_overrides.json`` (:func:`lab_defaults` and
    the interface language), ``labconfig/page_config.json`` (the plugins of
    :func:`disabled_plugins`), ``jupyter_server_config.json``
    (:func:`server_config`, merged with ``server``) and, with an exchange,
    ``nbgrader_config.json`` (the course id and the exchange folder, created
    with the ``inbound`` folder submissions go to).

    Parameters
    ----------
    folder : path
        The config folder (created).
    role : {"student", "instructor"}
    language : {"en", "zh"}
        JupyterLab's default interface language.
    exchange : path, optional
        nbgrader's exchange folder (``Exchange.root``); None hides the Assignments tab.
    course_id : str
        nbgrader's course id (the exchange holds ``<exchange>/<course_id>/outbound/<assignment>/``).
    assignment_dir : path, optional
        Where *Fetch* puts an assignment (``Exchange.assignment_dir``; nbgrader's
        default ``.`` is the server process's working folder, not its root).
    server : dict, optional
        More server settings, e.g. ``{"ContentsManager": {"pre_save_hook": "..."}}``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        If ``role`` or ``language`` is not one the kit knows.

    Examples
    --------
    >>> import tempfile
    >>> files = write_jupyter_config(tempfile.mkdtemp(), "student")
    >>> sorted(p.name for p in files)
    ['default_setting_overrides.json', 'jupyter_server_config.json', 'page_config.json']
    """
    folder = Path(folder)
    _role(role)
    overrides = write_lab_defaults(folder, language)
    merged = json.loads(overrides.read_text(encoding="utf-8"))
    for plugin, values in lab_defaults().items():
        merged.setdefault(plugin, {}).update(values)
    written = [_write_json(overrides, merged)]
    disabled = {name: True for name in disabled_plugins(role, exchange is not None)}
    written.append(_write_json(folder / "labconfig" / "page_config.json", {"disabledExtensions": disabled}))
    config = server_config(role, exchange is not None)
    for section, values in (server or {}).items():
        config.setdefault(section, {}).update(values)
    written.append(_write_json(folder / "jupyter_server_config.json", config))
    if exchange is not None:
        root = Path(exchange).resolve()
        (root / course_id / "inbound").mkdir(parents=True, exist_ok=True)
        (root / course_id / "outbound").mkdir(parents=True, exist_ok=True)
        nbgrader = {"CourseDirectory": {"course_id": course_id}, "Exchange": {"root": str(root)}}
        if assignment_dir is not None:
            nbgrader["Exchange"]["assignment_dir"] = str(Path(assignment_dir).resolve())
        written.append(_write_json(folder / "nbgrader_config.json", nbgrader))
    return written

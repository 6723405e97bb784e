"""The language of JupyterLab itself, for one person or a whole class (界面语言).

JupyterLab's interface turns Chinese with the ``jupyterlab-language-pack-zh-cn``
language pack (a dependency of the kit) and the setting
``@jupyterlab/translation-extension:plugin`` ``locale: "zh_CN"``. This module
writes that setting as a *default* (``labconfig/default_setting_overrides.json``
in a Jupyter config folder): a person who picks another language in
*Settings > Language* keeps their choice.

- ``KAMCOURSE_LANG=zh make lab`` runs :func:`main`: a Chinese JupyterLab on
  ``notebooks/zh/00_start_here.ipynb``, with lessons in Chinese.
- A class server (``classroom/``) makes Chinese the class default with
  :func:`class_settings`: it writes the default into the class's Jupyter
  config folder and returns the environment and start page for every user's
  server.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import check_language, environment_language

__all__ = ["LAB_LOCALES", "TRANSLATION_PLUGIN", "start_notebook", "lab_setting_overrides", "write_lab_defaults",
           "ClassLanguage", "class_settings", "lab_command", "main"]

#: The JupyterLab locale of each kit language.
LAB_LOCALES = {"en": "en", "zh": "zh_CN"}
#: JupyterLab's setting that holds the interface language.
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
_OVERRIDES = Path("labconfig") / "default_setting_overrides.json"


def start_notebook(language: str) -> str:
    """The course's start notebook in ``language``, relative to the course folder.

    Examples
    --------
    >>> start_notebook("zh"), start_notebook("en")
    ('notebooks/zh/00_start_here.ipynb', 'notebooks/00_start_here.ipynb')
    """
    return "notebooks/zh/00_start_here.ipynb" if check_language(language) == "zh" else "notebooks/00_start_here.ipynb"


def lab_setting_overrides(language: str) -> dict:
    """JupyterLab default settings that show the interface in ``language``.

    Parameters
    ----------
    language : {"en", "zh"}

    Returns
    -------
    dict
        ``{plugin id: {setting: value}}``, the format of ``overrides.json``.

    Raises
    ------
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> lab_setting_overrides("zh")
    {'@jupyterlab/translation-extension:plugin': {'locale': 'zh_CN'}}
    """
    return {TRANSLATION_PLUGIN: {"locale": LAB_LOCALES[check_language(language)]}}


def write_lab_defaults(config_dir: os.PathLike | str, language: str) -> Path:
    """Make ``language`` JupyterLab's default interface language for servers reading ``config_dir``.

    Writes (merging any other defaults already there)
    ``<config_dir>/labconfig/default_setting_overrides.json``, which JupyterLab
    reads from every folder of its config path (``jupyter --paths``; add one
    with ``JUPYTER_CONFIG_PATH``).

    Parameters
    ----------
    config_dir : path
        A Jupyter config folder, e.g. the class's, or ``<env>/etc/jupyter``.
    language : {"en", "zh"}

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> path = write_lab_defaults(tempfile.mkdtemp(), "zh")
    >>> path.name, json.loads(path.read_text())[TRANSLATION_PLUGIN]["locale"]
    ('default_setting_overrides.json', 'zh_CN')
    """
    path = Path(config_dir) / _OVERRIDES
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for plugin, values in lab_setting_overrides(language).items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class ClassLanguage:
    """What a class server needs for a class language (see :func:`class_settings`)."""

    language: str
    environment: dict = field(default_factory=dict)
    default_url: str = "/lab"
    overrides_file: Path | None = None


def class_settings(language: str, config_dir: os.PathLike | str, course_dir: str = "") -> ClassLanguage:
    """Make ``language`` the default of a class: interface, lessons and start page (班级默认语言).

    Writes the JupyterLab default into the class's Jupyter config folder
    (:func:`write_lab_defaults`) and returns what each user's server needs:
    ``environment`` (``KAMCOURSE_LANG``, so lessons and figures follow) and
    ``default_url`` (the start notebook in that language, under
    ``course_dir``, the course's folder as seen from the server's root; empty
    when the server's root is the course folder). Wire them as
    ``c.Spawner.environment.update(s.environment)``,
    ``c.Spawner.default_url = s.default_url``, with ``config_dir`` on each
    server's ``JUPYTER_CONFIG_PATH``.

    Parameters
    ----------
    language : {"en", "zh"}
        The class's language (a student can still switch: *Settings > Language*
        for the interface, ``i18n.set_language("en")`` in a notebook).
    config_dir : path
        The class's Jupyter config folder.
    course_dir : str, optional
        The course folder relative to each server's root.

    Returns
    -------
    ClassLanguage

    Raises
    ------
    ValueError
        If ``language`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> import tempfile
    >>> s = class_settings("zh", tempfile.mkdtemp(), course_dir="kamcourse")
    >>> s.environment, s.default_url
    ({'KAMCOURSE_LANG': 'zh'}, '/lab/tree/kamcourse/notebooks/zh/00_start_here.ipynb')
    """
    path = write_lab_defaults(config_dir, language)
    start = "/".join(p for p in (course_dir.strip("/"), start_notebook(language)) if p)
    return ClassLanguage(language, {"KAMCOURSE_LANG": language}, f"/lab/tree/{start}", path)


def lab_command(language: str, extra: list[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The ``jupyter lab`` command and environment that open the course in ``language``.

    For Chinese the interface default is written to the runtime folder
    (``jupyter --runtime-dir``) and put on ``JUPYTER_CONFIG_PATH``; English
    leaves JupyterLab's own language choice alone.

    Parameters
    ----------
    language : {"en", "zh"}
    extra : list of str, optional
        More ``jupyter lab`` arguments (they come last, so they win).

    Returns
    -------
    (list of str, dict)
        The command and the environment to run it with.

    Examples
    --------
    >>> cmd, env = lab_command("en", ["--no-browser"])
    >>> cmd[1:3], env["KAMCOURSE_LANG"], cmd[-1]
    (['lab', '--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb'], 'en', '--no-browser')
    """
    from jupyter_core.paths import jupyter_runtime_dir

    env = dict(os.environ, KAMCOURSE_LANG=language)
    if language == "zh":
        config = Path(jupyter_runtime_dir()) / "kamcourse-lab-zh"
        write_lab_defaults(config, language)
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(config), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p)
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    cmd = [jupyter, "lab", f"--LabApp.default_url=/lab/tree/{start_notebook(language)}", *(extra or [])]
    return cmd, env


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - replaces the process (tested through make lab)
    """Open JupyterLab on the course in the environment's language (``make lab``); arguments go to ``jupyter lab``.

    Examples
    --------
    >>> callable(main)
    True
    """
    cmd, env = lab_command(environment_language(), list(sys.argv[1:] if argv is None else argv))
    os.execve(cmd[0], cmd, env)


if __name__ == "__main__":  # pragma: no cover
    main()

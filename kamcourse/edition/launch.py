"""Open the course in JupyterLab as a student (``kamcourse lab``) or as an instructor (``make lab``) (打开课程).

- **Student**: JupyterLab on a working folder holding copies of the lessons
  (:func:`kamcourse.edition.lessons.copy_lessons`), student tools only; with
  ``--exchange`` (the student edition's ``exchange/`` folder) the *Assignments*
  tab lists and fetches the released assignments, otherwise it is hidden.
- **Instructor** (``make lab`` in the kit's checkout): the course folder itself,
  with Formgrader and Create Assignment, a local exchange in ``exchange/``
  (git-ignored), and tracked notebooks saved without outputs
  (:func:`kamcourse.edition.clean.keep_sources_clean`).

Both: no news pop-up, widget state saved, the interface and lessons in the
language of ``KAMCOURSE_LANG`` (or ``--lang``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path
from typing import TextIO

from ..i18n import environment_language
from ..translation.lab import start_notebook
from .lessons import copy_lessons
from .settings import write_jupyter_config

__all__ = ["lab_command", "build_parser", "main"]

_HOOK = "kamcourse.edition.clean.keep_sources_clean"


def _config_folder(role: str, folder: Path, language: str) -> Path:
    """A config folder of its own for each working folder (in Jupyter's runtime folder)."""
    from jupyter_core.paths import jupyter_runtime_dir

    tag = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:10]
    return Path(jupyter_runtime_dir()) / f"kamcourse-{role}-{language}-{tag}"


def lab_command(
    role: str,
    folder: os.PathLike | str,
    *,
    language: str | None = None,
    exchange: os.PathLike | str | None = None,
    course_id: str = "kamcourse",
    extra: list[str] | None = None,
    out: TextIO | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The ``jupyter lab`` command and environment of a student's or an instructor's JupyterLab.

    Writes the settings (:func:`kamcourse.edition.settings.write_jupyter_config`)
    into a config folder of Jupyter's runtime folder and puts it first on
    ``JUPYTER_CONFIG_PATH``. For a student, copies the lessons into ``folder``
    first (never overwriting).

    Parameters
    ----------
    role : {"student", "instructor"}
    folder : path
        The student's working folder, or the instructor's course folder (the checkout).
    language : {"en", "zh"}, optional
        Default: ``KAMCOURSE_LANG`` (English when unset).
    exchange : path, optional
        nbgrader's exchange folder. The instructor's default is ``<folder>/exchange``;
        a student without one gets no Assignments tab.
    course_id : str
        nbgrader's course id.
    extra : list of str, optional
        More ``jupyter lab`` arguments (they come last, so they win).
    out : file, optional
        Where to say what was copied into a student's folder (default: nowhere).

    Returns
    -------
    (list of str, dict)
        The command and the environment to run it with.

    Raises
    ------
    ValueError
        If ``role`` or ``language`` is not one the kit knows.

    Examples
    --------
    >>> import tempfile
    >>> cmd, env = lab_command("student", tempfile.mkdtemp(), language="en", extra=["--no-browser"])
    >>> cmd[1], cmd[-2], cmd[-1], env["KAMCOURSE_LANG"]
    ('lab', '--LabApp.default_url=/lab/tree/00_start_here.ipynb', '--no-browser', 'en')
    """
    language = language or environment_language()
    folder = Path(folder).expanduser().resolve()
    if role == "student":
        folder.mkdir(parents=True, exist_ok=True)
        report = copy_lessons(folder)
        if out is not None:
            print(report, file=out)
        start = start_notebook(language).removeprefix("notebooks/")
        server = None
    else:
        exchange = exchange if exchange is not None else folder / "exchange"
        start = start_notebook(language)
        server = {"ContentsManager": {"pre_save_hook": _HOOK}}
    config = _config_folder(role, folder, language)
    write_jupyter_config(config, role, language=language, exchange=exchange, course_id=course_id, server=server,
                         assignment_dir=folder if role == "student" else None)
    env = dict(os.environ, KAMCOURSE_LANG=language)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(config), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p)
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    cmd = [jupyter, "lab", f"--ServerApp.root_dir={folder}", f"--LabApp.default_url=/lab/tree/{start}", *(extra or [])]
    return cmd, env


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``kamcourse lab`` (unknown options go to ``jupyter lab``).

    Examples
    --------
    >>> build_parser().parse_known_args(["work", "--no-browser"])[0].folder
    'work'
    """
    parser = argparse.ArgumentParser(
        prog="kamcourse lab",
        description="Open the course in JupyterLab on a working folder with copies of the lessons "
                    "(students' tools only). Other options go to `jupyter lab` (e.g. --no-browser, --port=8890).")
    parser.add_argument("folder", nargs="?", default="kamcourse-work",
                        help="your working folder (default ./kamcourse-work); lessons are copied there once")
    parser.add_argument("--exchange", default=None,
                        help="nbgrader exchange folder with the released assignments (the student edition's exchange/)")
    parser.add_argument("--lang", choices=["en", "zh"], default=None, help="language (default: KAMCOURSE_LANG or en)")
    parser.add_argument("--course-id", default="kamcourse", help="nbgrader course id (default kamcourse)")
    parser.add_argument("--instructor", action="store_true",
                        help="the instructor's JupyterLab on the course folder (make lab in the kit's checkout)")
    return parser


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - replaces the process (tested through make lab)
    """Run ``kamcourse lab`` (``python -m kamcourse.edition.launch``): JupyterLab replaces this process.

    Examples
    --------
    >>> callable(main)
    True
    """
    args, extra = build_parser().parse_known_args(sys.argv[1:] if argv is None else argv)
    role = "instructor" if args.instructor else "student"
    cmd, env = lab_command(role, args.folder, language=args.lang, exchange=args.exchange,
                           course_id=args.course_id, extra=extra, out=sys.stdout)
    sys.stdout.flush()
    os.chdir(args.folder)  # the server's working folder: where a terminal opens
    os.execve(cmd[0], cmd, env)
    return 0


if __name__ == "__main__":  # pragma: no cover
    main()

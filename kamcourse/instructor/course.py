"""The nbgrader course an instructor works in: its root folder, config and stages."""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Course", "find_course", "load_config", "ensure_tools_on_path"]


def load_config(root: os.PathLike | str):
    """Load ``nbgrader_config.py`` of the course at ``root`` as a traitlets Config.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> load_config(Path(kamcourse.__file__).parents[1]).CourseDirectory.source_directory
    'assignments'
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    path = Path(root) / "nbgrader_config.py"
    if not path.exists():
        raise FileNotFoundError(f"no nbgrader_config.py in {root}: is this an nbgrader course folder?")
    config = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    merged = Config()
    merged.merge(config)
    merged.CourseDirectory.root = str(Path(root).resolve())
    return merged


@dataclass(frozen=True)
class Course:
    """Paths of an nbgrader course (the kit's repository root is one)."""

    root: Path

    @functools.cached_property
    def config(self):
        return load_config(self.root)

    @contextlib.contextmanager
    def gradebook(self):
        """nbgrader's gradebook of the course (SQLAlchemy's warnings silenced), closed after the block."""
        from nbgrader.api import Gradebook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Gradebook(self.db_url, self.course_id) as gb:
                yield gb

    def _stage(self, trait: str, default: str) -> Path:
        value = self.config.CourseDirectory.get(trait, default)
        return self.root / value

    @property
    def source(self) -> Path:
        return self._stage("source_directory", "source")

    @property
    def release(self) -> Path:
        return self._stage("release_directory", "release")

    @property
    def submitted(self) -> Path:
        return self._stage("submitted_directory", "submitted")

    @property
    def autograded(self) -> Path:
        return self._stage("autograded_directory", "autograded")

    @property
    def feedback(self) -> Path:
        return self._stage("feedback_directory", "feedback")

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}"

    @property
    def course_id(self) -> str:
        return self.config.CourseDirectory.get("course_id", "") or "course"

    def assignments(self) -> list[str]:
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def find_course(start: os.PathLike | str | None = None) -> Course:
    """The course whose ``nbgrader_config.py`` is in ``start`` or a parent folder.

    Examples
    --------
    >>> from pathlib import Path
    >>> import kamcourse
    >>> find_course(Path(kamcourse.__file__).parent).root.name != ""
    True
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").exists():
            return Course(folder)
    raise FileNotFoundError(f"no nbgrader_config.py in {here} or its parents: run this inside a course folder")


def ensure_tools_on_path() -> None:
    """Put this environment's ``bin`` folder on PATH (nbgrader runs ``alembic`` from there).

    Examples
    --------
    >>> ensure_tools_on_path()
    >>> os.path.dirname(os.path.abspath(os.sys.executable)) in os.environ["PATH"].split(os.pathsep)
    True
    """
    bindir = os.path.dirname(os.path.abspath(os.sys.executable))
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])

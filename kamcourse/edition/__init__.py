"""Who gets what: the student's way into the course, and the instructor's (学生版与教师版).

- :mod:`~kamcourse.edition.build`: ``kamcourse student-edition OUT``, the folder students
  receive (lessons, data, released assignments; no solution, hidden test, rubric or answer table);
- :mod:`~kamcourse.edition.secrets`: what must never reach a student, and the search for it;
- :mod:`~kamcourse.edition.lessons`: ``kamcourse lessons DIR``, copies of the lessons in a working folder;
- :mod:`~kamcourse.edition.settings`: JupyterLab for a student (student tools only) or an instructor;
- :mod:`~kamcourse.edition.launch`: ``kamcourse lab`` (student) and ``make lab`` (instructor's checkout);
- :mod:`~kamcourse.edition.clean`: the checkout's tracked notebooks are saved without outputs.

The builder and the secrets search use the instructor's tools (:mod:`kamcourse.instructor`),
which the student edition itself does not carry: import them from their modules.
"""

from .lessons import copy_lessons, lessons_folder
from .settings import ROLES, write_jupyter_config

__all__ = ["copy_lessons", "lessons_folder", "ROLES", "write_jupyter_config"]

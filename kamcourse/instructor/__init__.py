"""Instructor toolkit around nbgrader (教师工具): release, grade, feedback, export.

A small Python API beside the ``kamcourse`` command::

    from kamcourse import instructor
    instructor.release(["a01_key_accounts"])        # student version + leak check
    rows = instructor.grade("a01_key_accounts", jobs=2)  # parallel, batch-safe autograde
    instructor.feedback("a01_key_accounts")         # HTML without hidden tests
    instructor.export("a01_key_accounts", "canvas") # LMS import file

Each works in the nbgrader course found from the working folder (the folder
holding ``nbgrader_config.py``) unless a :class:`Course` is given.
"""

from .course import Course, find_course
from .feedback_pages import HiddenTestLeak, feedback
from .grading import STATUSES, GradeRow, grade
from .lms_export import FORMATS, export
from .releasing import LeakError, release

__all__ = ["Course", "find_course", "release", "LeakError", "grade", "GradeRow", "STATUSES",
           "feedback", "HiddenTestLeak", "export", "FORMATS"]

"""nbgrader configuration for the kamcourse course root (this folder).

Source notebooks live in ``assignments/`` (tracked in git); the other stages
(release, submitted, autograded, feedback) and ``gradebook.db`` are created
here by nbgrader and ignored by git.
"""

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

c.CourseDirectory.course_id = "kamcourse"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "assignments"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"

# Data files next to a notebook (csv) are copied with the assignment.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A student's cell may run for at most this many seconds during autograding;
# the kernel is then interrupted and the remaining cells still run.
c.Execute.timeout = 60

# Without this a test cell that a student deleted is not restored and the
# question silently waits for manual grading.
c.OverwriteCells.add_missing_cells = True

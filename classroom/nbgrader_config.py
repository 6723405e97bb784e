"""Global nbgrader settings of the class (every user's server reads them through JUPYTER_CONFIG_PATH).

Written by classroom/classroom.py setup from classroom.json; edit the settings there
and run the set-up again rather than editing this file.
"""

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

c.CourseDirectory.course_id = 'kamcourse'
c.Exchange.root = '/srv/kamcourse/exchange'

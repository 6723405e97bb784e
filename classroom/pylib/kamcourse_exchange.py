"""nbgrader exchange plug-in for the classroom: submissions private to the student and the instructor.

nbgrader's own ``submit`` leaves each submission folder in ``inbound/`` with mode
0777 and its files 0644: other students cannot *list* the inbound folder, but
anyone who learns a folder's name can read (and change) it. ``PrivateSubmit``
does the same copy, then closes the submission to its owner and the group of
``inbound/`` (the instructor's group, inherited through the folder's
set-group-id bit): folders 0770, files 0640. ``nbgrader collect`` run by the
instructor still reads it through the group.

Enabled for students only, by ``etc/jupyter-students/nbgrader_config.py``
(written by ``classroom/classroom.py setup``)::

    c.ExchangeFactory.submit = "kamcourse_exchange.PrivateSubmit"

with this folder on the students' ``PYTHONPATH`` (``classroom/jupyterhub_config.py``).
"""

from __future__ import annotations

import os
import stat

from nbgrader.exchange.default.submit import ExchangeSubmit

__all__ = ["PrivateSubmit", "close_submission"]


def close_submission(path: str, group: int) -> bool:
    """Make ``path`` (a submission folder) 0770/0640; False (and unchanged) if its group is not ``group``."""
    items = [path]
    for dirpath, dirnames, filenames in os.walk(path):
        items += [os.path.join(dirpath, n) for n in dirnames + filenames]
    if any(os.lstat(p).st_gid != group for p in items):
        return False
    for p in reversed(items):  # files and sub-folders first, the folder itself last
        st = os.lstat(p)
        if not stat.S_ISLNK(st.st_mode):
            os.chmod(p, 0o770 if stat.S_ISDIR(st.st_mode) else 0o640)
    return True


class PrivateSubmit(ExchangeSubmit):
    """``nbgrader submit`` that leaves the submission readable by its owner and the instructor's group only."""

    def do_copy(self, src, dest, log=None):
        """Copy into ``inbound/`` keeping the folder's inherited group and set-group-id bit.

        nbgrader copies with ``shutil.copytree``, whose final ``copystat`` gives the new
        folder the mode of the student's folder: the set-group-id bit inherited from
        ``inbound/`` is lost, and the files nbgrader writes next (``timestamp.txt``) get
        the student's group. Copying into a sub-folder and moving the files up keeps it.
        """
        if os.path.dirname(os.path.abspath(dest)) != os.path.abspath(self.inbound_path):
            return super().do_copy(src, dest, log)
        os.mkdir(dest)
        incoming = os.path.join(dest, ".incoming")
        super().do_copy(src, incoming, log)
        for name in os.listdir(incoming):
            os.rename(os.path.join(incoming, name), os.path.join(dest, name))
        os.rmdir(incoming)

    def copy_files(self):
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        group = os.stat(self.inbound_path).st_gid
        if not close_submission(dest, group):
            self.log.warning(
                "This submission could not be made private (the inbound folder %s has lost its set-group-id "
                "bit, so the files did not get the instructor's group): it is readable by anyone who knows "
                "its name. Ask your instructor to run classroom/check_exchange --fix.", self.inbound_path)

"""The practice CRM system (客户关系管理实训系统).

A Django web application that follows the course materials' CRM system
manual (客户关系管理系统操作手册): users and roles (第三章), customer records
(第四章), contacts (第五章), opportunities with early warnings and closing
reasons (第六章), sales orders (第七章), service requests (第八章),
statistics (第九章), backup, restore and upgrade (第十章), loaded with the
fictional company's data and graded practical tasks (实训任务).

Start it with ``kamcourse crm``. Importing this package is cheap: Django is
imported only by :mod:`kamcourse.practice.web` and the functions that serve
or grade. Notebooks read a student's own database with :func:`load`, and the
roles' permissions without Django from :mod:`kamcourse.practice.permissions`.
"""

from __future__ import annotations

from .config import database_path, home
from .permissions import ACTIONS, PERMISSIONS, ROLE_OF_FUNCTION, ROLES, roles_allowed
from .records import TABLES, load

__all__ = ["home", "database_path", "load", "TABLES", "ROLES", "ACTIONS", "PERMISSIONS", "ROLE_OF_FUNCTION",
           "roles_allowed"]

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["TasksConfig"]


class TasksConfig(AppConfig):
    name = "kamcourse.practice.web.tasks"
    label = "tasks"
    verbose_name = _("Practical tasks")

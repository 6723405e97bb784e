from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["MaintenanceConfig"]


class MaintenanceConfig(AppConfig):
    name = "kamcourse.practice.web.maintenance"
    label = "maintenance"
    verbose_name = _("System maintenance")

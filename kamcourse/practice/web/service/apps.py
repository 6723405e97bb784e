from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ServiceConfig"]


class ServiceConfig(AppConfig):
    name = "kamcourse.practice.web.service"
    label = "service"
    verbose_name = _("Service")

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["StatsConfig"]


class StatsConfig(AppConfig):
    name = "kamcourse.practice.web.stats"
    label = "stats"
    verbose_name = _("Statistics")

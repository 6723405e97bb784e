from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["SalesConfig"]


class SalesConfig(AppConfig):
    name = "kamcourse.practice.web.sales"
    label = "sales"
    verbose_name = _("Opportunities and orders")

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["CustomersConfig"]


class CustomersConfig(AppConfig):
    name = "kamcourse.practice.web.customers"
    label = "customers"
    verbose_name = _("Customers and contacts")

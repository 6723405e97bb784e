from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

__all__ = ["AccountsConfig"]


class AccountsConfig(AppConfig):
    name = "kamcourse.practice.web.accounts"
    label = "accounts"
    verbose_name = _("Users and staff")

    def ready(self) -> None:
        from . import audit, roles

        post_migrate.connect(roles.on_post_migrate, dispatch_uid="kamcourse-crm-roles")
        audit.register()

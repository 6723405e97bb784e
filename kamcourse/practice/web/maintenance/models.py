"""Whose system this is, and the log of backups and restores (系统信息与维护记录)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["Instance", "MaintenanceLog"]


class Instance(models.Model):
    """The one row saying which data this system was loaded with (系统信息)."""

    student = models.CharField(_("student"), max_length=100, blank=True)
    seed = models.BigIntegerField(_("data seed"), null=True, blank=True)
    data_end = models.DateField(_("last day of the company data"))
    loaded_on = models.DateField(_("loaded on"))
    shift_days = models.IntegerField(_("days the data were moved forward"))
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("system information")
        verbose_name_plural = _("system information")
        permissions = [("backup_database", _("Can make and download backups")),
                       ("restore_database", _("Can restore the database from a backup"))]

    def __str__(self) -> str:
        return f"{self.student or '-'} {self.loaded_on}"


class MaintenanceLog(models.Model):
    """One backup or restore (备份文件管理): never part of a backup itself, so restores stay traceable."""

    KINDS = (("backup", _("backup")), ("restore", _("restore")), ("upgrade", _("upgrade")))

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    records = models.PositiveIntegerField(_("records"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("backup and restore log")
        verbose_name_plural = _("backup and restore log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"
